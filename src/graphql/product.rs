//! `Product`: a Caast product. Its seller is known when the product came with one (embedded in a
//! live or video, or listed for a seller); a product read alone carries none.

use std::sync::Arc;

use async_graphql::{Context, ID, Json, Object};

use super::connection::{FromPage, PageInfo, SnippetConnection, page_cost};
use super::field_errors::nullable;
use super::ids::{GlobalId, NodeKind};
use super::seller::Seller;
use super::snippets::list_snippets;
use crate::providers::{Provider, caast};

/// What is known of a product's seller.
#[derive(Clone, Debug, Default)]
pub enum SellerHint {
    #[default]
    Unknown,
    Known(Arc<caast::Seller>),
    Id(String),
}

/// A product shown on lives and videos.
#[derive(Clone, Debug)]
pub struct Product {
    pub product: Arc<caast::Product>,
    pub seller: SellerHint,
}

impl Product {
    pub fn new(product: caast::Product, seller: SellerHint) -> Self {
        Self {
            product: Arc::new(product),
            seller,
        }
    }

    pub fn global_id(&self) -> GlobalId {
        GlobalId::new(NodeKind::Product, Provider::Caast, &self.product.id)
    }
}

/// A product shown on lives and videos.
#[Object]
impl Product {
    /// Global, opaque id; `node(id:)` resolves it.
    pub async fn id(&self) -> ID {
        self.global_id().encode()
    }

    /// The provider this product comes from.
    async fn provider(&self) -> Provider {
        Provider::Caast
    }

    /// The provider's own id.
    async fn provider_id(&self) -> &str {
        &self.product.id
    }

    /// The shop's reference (SKU), shared by both providers.
    #[graphql(name = "ref")]
    async fn reference(&self) -> Option<&str> {
        self.product.reference.as_deref()
    }

    /// The product's name.
    async fn name(&self) -> &str {
        &self.product.name
    }

    /// The product's description.
    async fn description(&self) -> Option<&str> {
        self.product.description.as_deref()
    }

    /// Picture of the product.
    async fn thumbnail_url(&self) -> Option<&str> {
        self.product.thumbnail_url.as_deref()
    }

    /// European article number.
    async fn ean(&self) -> Option<&str> {
        self.product.ean.as_deref()
    }

    /// Base price, as the provider writes it (a string: no rounding on the way).
    async fn price(&self) -> Option<&str> {
        self.product.price.as_deref()
    }

    /// Discounted price, if any, as the provider writes it.
    async fn discount_price(&self) -> Option<&str> {
        self.product.discount_price.as_deref()
    }

    /// Whether the product is in stock.
    async fn in_stock(&self) -> Option<bool> {
        self.product.in_stock
    }

    /// The product's page in the shop.
    async fn url(&self) -> Option<&str> {
        self.product.url.as_deref()
    }

    /// Free-form complementary information (Caast's `complementaryInformations`).
    async fn extra(&self) -> Option<Json<serde_json::Value>> {
        self.product.extra.clone().map(Json)
    }

    /// What LiSA knows of this product: the snippets of shows featuring its reference.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn snippets(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many items (0 to 100, default 20).")] first: Option<i32>,
        #[graphql(desc = "The `endCursor` of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<SnippetConnection> {
        let Some(reference) = self.product.reference.clone() else {
            let nothing = PageInfo {
                has_next_page: false,
                has_previous_page: false,
                start_cursor: None,
                end_cursor: None,
            };
            return Ok(SnippetConnection::from_parts(Vec::new(), nothing, Some(0)));
        };
        list_snippets(ctx, Vec::new(), vec![reference], first, after).await
    }

    /// The seller of the product, when the product came with one: listed in a live or video
    /// that has a seller, listed for a seller, or created for one. Null for a product read alone
    /// (Caast's product payload names no seller).
    async fn seller(&self, ctx: &Context<'_>) -> Option<Seller> {
        match &self.seller {
            SellerHint::Unknown => None,
            SellerHint::Known(seller) => Some(Seller(seller.clone())),
            SellerHint::Id(id) => nullable(ctx, Seller::load(ctx, id).await),
        }
    }
}
