//! `Seller`: a Caast seller (a shop or brand), with its lives, videos and products.

pub(crate) mod mutations;
pub(crate) mod query;

use std::sync::Arc;

use async_graphql::{Context, ID, Object};

use crate::graphql::ids::{GlobalId, NodeKind};
use crate::graphql::live_content::content_filter::ContentFilter;
use crate::graphql::live_content::query::{LiveContentFilter, list_live_contents};
use crate::graphql::loaders::request_memo::seller_by_id;
use crate::graphql::paging::connection::{
    LiveContentConnection, ProductConnection, VideoConnection, page_cost,
};
use crate::graphql::paging::lists::{caast_pages, single_list};
use crate::graphql::product::{Product, SellerHint};
use crate::graphql::resolver::clients::caast_client;
use crate::graphql::video::Video;
use crate::providers::{Provider, caast};

/// A shop or brand that owns lives, videos and products (Caast).
#[derive(Clone, Debug)]
pub(crate) struct Seller(pub Arc<caast::Seller>);

impl Seller {
    /// The seller with this Caast id (the seller list is read once per request).
    pub(crate) async fn load(ctx: &Context<'_>, id: &str) -> async_graphql::Result<Self> {
        Ok(Self(seller_by_id(ctx, id).await?))
    }

    pub(crate) fn global_id(&self) -> GlobalId {
        GlobalId::new(NodeKind::Seller, Provider::Caast, &self.0.id)
    }
}

/// A shop or brand that owns lives, videos and products (Caast).
#[Object]
impl Seller {
    /// Global, opaque id; `node(id:)` resolves it.
    pub(crate) async fn id(&self) -> ID {
        self.global_id().encode()
    }

    /// The provider's own id.
    async fn provider_id(&self) -> &str {
        &self.0.id
    }

    /// The seller's name.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// The seller's own site.
    async fn url(&self) -> Option<&str> {
        self.0.url.as_deref()
    }

    /// The seller's id in the shop's own system.
    async fn external_id(&self) -> Option<&str> {
        self.0.external_id.as_deref()
    }

    /// Whether the seller is moderated.
    async fn moderated(&self) -> Option<bool> {
        self.0.moderated
    }

    /// The seller's lives, newest first.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn live_contents(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many items (0 to 100, default 20).")] first: Option<i32>,
        #[graphql(desc = "The `endCursor` of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<LiveContentConnection> {
        let filter = LiveContentFilter {
            provider: Some(Provider::Caast.into()),
            caast: ContentFilter {
                seller_id: Some(ID(self.0.id.clone())),
                ..Default::default()
            },
            ..Default::default()
        };
        list_live_contents(ctx, filter, None, first, after).await
    }

    /// The seller's videos.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn videos(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many items (0 to 100, default 20).")] first: Option<i32>,
        #[graphql(desc = "The `endCursor` of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<VideoConnection> {
        let client = caast_client(ctx)?;
        let filter = caast::ContentFilter {
            seller_id: Some(self.0.id.clone()),
            ..Default::default()
        };
        let fingerprint = format!("seller.videos|{}", self.0.id);
        let source = caast_pages(move |page| {
            let query = caast::VideoQuery {
                filter: filter.clone(),
                page,
            };
            async move { client.videos(&query).await }
        });
        single_list(ctx, source, fingerprint, first, after, Video::Caast).await
    }

    /// The seller's products.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn products(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many items (0 to 100, default 20).")] first: Option<i32>,
        #[graphql(desc = "The `endCursor` of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<ProductConnection> {
        let client = caast_client(ctx)?;
        let seller_id = self.0.id.clone();
        let fingerprint = format!("seller.products|{seller_id}");
        let seller = Arc::clone(&self.0);
        let source = caast_pages(move |page| {
            let query = caast::ProductQuery {
                seller_id: Some(seller_id.clone()),
                page,
                ..Default::default()
            };
            async move { client.products(&query).await }
        });
        single_list(ctx, source, fingerprint, first, after, |p| {
            Product::from_caast(p, SellerHint::Known(Arc::clone(&seller)))
        })
        .await
    }
}
