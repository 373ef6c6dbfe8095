//! The `video` and `videos` queries (Caast videos; LiSA short clips join in a later issue).

use async_graphql::{Context, ErrorExtensions, ID, Object};

use super::clients::caast;
use super::connection::{VideoConnection, page_cost};
use super::content_filter::ContentFilter;
use super::field_errors::nullable;
use super::ids::{GlobalId, NodeKind};
use super::lists::{caast_pages, single_list};
use super::video::Video;
use crate::providers::{Providers, caast as provider};

#[derive(Default)]
pub struct VideoQuery;

#[Object]
impl VideoQuery {
    /// One video by its global id; `null` (with an error) when it cannot be resolved.
    async fn video(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A `Video` id.")] id: ID,
    ) -> Option<Video> {
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
        #[graphql(desc = "What to keep.")] filter: Option<ContentFilter>,
    ) -> async_graphql::Result<VideoConnection> {
        let filter = filter.unwrap_or_default();
        let fingerprint = format!("videos|{filter:?}");
        let client = caast(ctx.data()?)?;
        let filter = filter.to_caast()?;
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
