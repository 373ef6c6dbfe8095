//! `Product`: one product as both providers know it, joined on the shop's reference (SKU). A
//! product reached through Caast carries Caast's record (and its seller when the product came
//! with one); a product reached through LiSA (a show's products) carries LiSA's reference, and
//! Caast's record is looked up by that reference only when a Caast field is asked for, through
//! the request's `CaastProductByRef` loader (one request per distinct reference, at most).

pub(crate) mod contents;
pub(crate) mod displayed;
pub(crate) mod join;
pub(crate) mod mutations;
pub(crate) mod query;

use std::sync::Arc;

use async_graphql::{Context, ID, Json, Object};

use crate::graphql::ids::{GlobalId, NodeKind};
use crate::graphql::paging::connection::{
    FromPage, LiveContentConnection, PageInfo, SnippetConnection, VideoConnection, page_cost,
};
use crate::graphql::product::join::{caast_by_ref, lisa_by_ref};
use crate::graphql::provider::GqlProvider;
use crate::graphql::resolver::field_errors::nullable;
use crate::graphql::seller::Seller;
use crate::graphql::snippet::query::list_snippets;
use crate::providers::lisa::OwnedChildQuery;
use crate::providers::{Provider, caast, lisa};

/// What is known of a product's seller.
#[derive(Clone, Debug, Default)]
pub(crate) enum SellerHint {
    #[default]
    Unknown,
    Known(Arc<caast::Seller>),
    Id(String),
}

/// A product shown on lives and videos.
#[derive(Clone, Debug)]
pub(crate) struct Product {
    caast: Option<Arc<caast::Product>>,
    lisa: Option<Arc<lisa::ProductRef>>,
    seller: SellerHint,
}

impl Product {
    /// A product as Caast gave it.
    pub(crate) fn new(product: caast::Product, seller: SellerHint) -> Self {
        Self {
            caast: Some(Arc::new(product)),
            lisa: None,
            seller,
        }
    }

    /// A product as Caast gave it, already shared.
    pub(crate) fn from_caast(product: Arc<caast::Product>, seller: SellerHint) -> Self {
        Self {
            caast: Some(product),
            lisa: None,
            seller,
        }
    }

    /// A product as LiSA references it; Caast's side is looked up when asked for.
    pub(crate) fn from_lisa(reference: Arc<lisa::ProductRef>) -> Self {
        Self {
            caast: None,
            lisa: Some(reference),
            seller: SellerHint::Unknown,
        }
    }

    /// Both sides at once (`product(ref:)` reads them together).
    pub(crate) fn joined(
        caast: Option<Arc<caast::Product>>,
        lisa: Option<Arc<lisa::ProductRef>>,
    ) -> Self {
        Self {
            caast,
            lisa,
            seller: SellerHint::Unknown,
        }
    }

    /// The shop reference, from whichever side knows it.
    fn reference(&self) -> Option<&str> {
        match (&self.caast, &self.lisa) {
            (Some(product), _) if product.reference.is_some() => product.reference.as_deref(),
            (_, Some(lisa)) => Some(&lisa.reference),
            _ => None,
        }
    }

    /// Caast's record: the one in hand, else the one with this reference (null when Caast has
    /// none, or when Caast failed: then with the error at this field's path).
    async fn caast(&self, ctx: &Context<'_>) -> Option<Arc<caast::Product>> {
        if let Some(product) = &self.caast {
            return Some(Arc::clone(product));
        }
        let reference = &self.lisa.as_ref()?.reference;
        nullable(ctx, caast_by_ref(ctx, reference).await).flatten()
    }

    /// One field of Caast's record.
    async fn caast_field<T>(
        &self,
        ctx: &Context<'_>,
        pick: impl FnOnce(&caast::Product) -> Option<T>,
    ) -> Option<T> {
        self.caast(ctx).await.as_deref().and_then(pick)
    }

    /// The id: Caast's when Caast knows the product (so a product has one id however it was
    /// reached), else LiSA's.
    async fn global_id(&self, ctx: &Context<'_>) -> GlobalId {
        match (self.caast(ctx).await, &self.lisa) {
            (Some(product), _) => GlobalId::new(NodeKind::Product, Provider::Caast, &product.id),
            (None, Some(lisa)) => GlobalId::new(NodeKind::Product, Provider::Lisa, &lisa.id),
            (None, None) => unreachable!("a product is built from at least one provider"),
        }
    }
}

/// A product shown on lives and videos: what Caast and LiSA know of one shop reference.
#[Object]
impl Product {
    /// Global, opaque id; `node(id:)` resolves it. Caast's id when Caast knows the product, so
    /// a product has one id however it was reached; else LiSA's.
    pub(crate) async fn id(&self, ctx: &Context<'_>) -> ID {
        self.global_id(ctx).await.encode()
    }

    /// The provider whose id `id` carries.
    async fn provider(&self, ctx: &Context<'_>) -> GqlProvider {
        self.global_id(ctx).await.provider.into()
    }

    /// That provider's own id.
    async fn provider_id(&self, ctx: &Context<'_>) -> String {
        self.global_id(ctx).await.upstream_id
    }

    /// The shop's reference (SKU), shared by both providers.
    #[graphql(name = "ref")]
    async fn reference_field(&self) -> Option<&str> {
        self.reference()
    }

    /// LiSA's own id for the product, when LiSA has it synchronised (`GET /products/references`,
    /// read once per request when the product was not reached through LiSA).
    async fn lisa_product_id(&self, ctx: &Context<'_>) -> Option<String> {
        if let Some(lisa) = &self.lisa {
            return Some(lisa.id.clone());
        }
        let reference = self.reference()?;
        let known = nullable(ctx, lisa_by_ref(ctx, reference).await).flatten();
        known.map(|r| r.id.clone())
    }

    /// The product's name (Caast; null when Caast does not know the reference).
    async fn name(&self, ctx: &Context<'_>) -> Option<String> {
        self.caast_field(ctx, |p| Some(p.name.clone())).await
    }

    /// The product's description (Caast).
    async fn description(&self, ctx: &Context<'_>) -> Option<String> {
        self.caast_field(ctx, |p| p.description.clone()).await
    }

    /// Picture of the product (Caast).
    async fn thumbnail_url(&self, ctx: &Context<'_>) -> Option<String> {
        self.caast_field(ctx, |p| p.thumbnail_url.clone()).await
    }

    /// European article number (Caast).
    async fn ean(&self, ctx: &Context<'_>) -> Option<String> {
        self.caast_field(ctx, |p| p.ean.clone()).await
    }

    /// Base price, as Caast writes it (a string: no rounding on the way).
    async fn price(&self, ctx: &Context<'_>) -> Option<String> {
        self.caast_field(ctx, |p| p.price.clone()).await
    }

    /// Discounted price, if any, as Caast writes it.
    async fn discount_price(&self, ctx: &Context<'_>) -> Option<String> {
        self.caast_field(ctx, |p| p.discount_price.clone()).await
    }

    /// Whether the product is in stock (Caast).
    async fn in_stock(&self, ctx: &Context<'_>) -> Option<bool> {
        self.caast_field(ctx, |p| p.in_stock).await
    }

    /// The product's page in the shop (Caast).
    async fn url(&self, ctx: &Context<'_>) -> Option<String> {
        self.caast_field(ctx, |p| p.url.clone()).await
    }

    /// Free-form complementary information (Caast's `complementaryInformations`).
    async fn extra(&self, ctx: &Context<'_>) -> Option<Json<serde_json::Value>> {
        self.caast_field(ctx, |p| p.extra.clone().map(Json)).await
    }

    /// What LiSA knows of this product: the snippets of shows featuring its reference.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn snippets(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many items (0 to 100, default 20).")] first: Option<i32>,
        #[graphql(desc = "The `endCursor` of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<SnippetConnection> {
        let Some(reference) = self.reference().map(str::to_string) else {
            let nothing = PageInfo {
                has_next_page: false,
                has_previous_page: false,
                start_cursor: None,
                end_cursor: None,
            };
            return Ok(SnippetConnection::from_parts(Vec::new(), nothing, Some(0)));
        };
        let asked = OwnedChildQuery {
            references: vec![reference],
            ..Default::default()
        };
        list_snippets(ctx, asked, first, after).await
    }

    /// Live contents featuring the product, newest first: Caast lives listing its reference and
    /// LiSA shows with a snippet of it (LiSA cannot filter shows by product otherwise).
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn live_contents(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many items (0 to 100, default 20).")] first: Option<i32>,
        #[graphql(desc = "The `endCursor` of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<LiveContentConnection> {
        let reference = self.reference().unwrap_or_default().to_string();
        contents::live_contents(ctx, &reference, first, after).await
    }

    /// Videos featuring the product: Caast videos listing its reference, then the LiSA short
    /// clips of the shows with a snippet of it.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn videos(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many items (0 to 100, default 20).")] first: Option<i32>,
        #[graphql(desc = "The `endCursor` of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<VideoConnection> {
        let reference = self.reference().unwrap_or_default().to_string();
        contents::videos(ctx, &reference, first, after).await
    }

    /// The seller of the product, when the product came with one: listed in a live or video
    /// that has a seller, listed for a seller, or created for one. Null for a product read alone
    /// (Caast's product payload names no seller).
    async fn seller(&self, ctx: &Context<'_>) -> Option<Seller> {
        match &self.seller {
            SellerHint::Unknown => None,
            SellerHint::Known(seller) => Some(Seller(Arc::clone(seller))),
            SellerHint::Id(id) => nullable(ctx, Seller::load(ctx, id).await),
        }
    }
}
