//! The `video` and `videos` queries (Caast videos; LiSA short clips join in a later issue).

use async_graphql::{Context, ErrorExtensions, ID, InputObject, Object};

use super::clients::caast;
use super::connection::{VideoConnection, page_cost};
use super::field_errors::nullable;
use super::ids::{GlobalId, NodeKind, upstream_id};
use super::lists::{caast_pages, single_list};
use super::video::Video;
use crate::providers::{Providers, caast as provider};

/// Narrows `videos`. Filters combine with AND; every one is sent to the provider.
#[derive(InputObject, Default, Clone, Debug)]
pub struct VideoFilter {
    /// Name contains this text.
    pub search: Option<String>,
    /// Has every one of these tags.
    pub tags: Option<Vec<String>>,
    /// Features the product with this shop reference.
    pub product_ref: Option<String>,
    /// Features the product with this Caast product id (the provider's id).
    pub product_id: Option<String>,
    /// Belongs to the seller with this Caast seller id (the provider's id).
    pub seller_id: Option<String>,
    /// Belongs to a seller whose name contains this text.
    pub seller_name: Option<String>,
    /// Belongs to the seller with this external id.
    pub seller_external_id: Option<String>,
}

#[derive(Default)]
pub struct VideoQuery;

#[Object]
impl VideoQuery {
    /// One video by its global id; `null` (with an error) when it cannot be resolved.
    async fn video(&self, ctx: &Context<'_>, id: ID) -> Option<Video> {
        let loaded = async {
            let id = GlobalId::decode_kind(&id, NodeKind::Video)?;
            load_video(ctx.data()?, &id.upstream_id).await
        };
        nullable(ctx, loaded.await)
    }

    /// Videos, in the provider's order.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn videos(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many items (0 to 100, default 20).")] first: Option<i32>,
        #[graphql(desc = "The `endCursor` of the previous page.")] after: Option<String>,
        #[graphql(desc = "What to keep.")] filter: Option<VideoFilter>,
    ) -> async_graphql::Result<VideoConnection> {
        let filter = filter.unwrap_or_default();
        let fingerprint = format!("videos|{filter:?}");
        let client = caast(ctx.data()?)?;
        let filter = provider::ContentFilter {
            name: filter.search,
            product_id: filter
                .product_id
                .as_deref()
                .map(|id| upstream_id(id, NodeKind::Product)),
            product_ref: filter.product_ref,
            seller_id: filter
                .seller_id
                .as_deref()
                .map(|id| upstream_id(id, NodeKind::Seller)),
            seller_name: filter.seller_name,
            seller_external_id: filter.seller_external_id,
            tags: filter.tags.unwrap_or_default(),
        };
        let source = caast_pages(move |page| {
            let query = provider::VideoQuery {
                filter: filter.clone(),
                page,
            };
            async move { client.videos(&query).await }
        });
        single_list(ctx, source, fingerprint, first, after, Video::caast).await
    }
}

pub async fn load_video(providers: &Providers, upstream_id: &str) -> async_graphql::Result<Video> {
    caast(providers)?
        .video(upstream_id)
        .await
        .map(Video::caast)
        .map_err(|e| e.extend())
}
