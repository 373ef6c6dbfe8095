//! The `sticker` and `stickers` queries (LiSA).

use std::sync::Arc;

use async_graphql::{Context, ID, Object};

use super::clients::lisa;
use super::connection::{StickerConnection, page_cost};
use super::field_errors::nullable;
use super::ids::{GlobalId, NodeKind, upstream_id};
use super::lists::{LISA_PAGE, lisa_pages, single_list};
use super::sticker::Sticker;
use crate::providers::Provider;

#[derive(Default)]
pub struct StickerQuery;

#[Object]
impl StickerQuery {
    /// One sticker by its global id; `null` (with an error) when it cannot be resolved.
    async fn sticker(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A `Sticker` id.")] id: ID,
    ) -> Option<Sticker> {
        let loaded = async {
            Sticker::load(
                ctx,
                &GlobalId::decode_kind(&id, NodeKind::Sticker)?.upstream_id,
            )
            .await
        };
        nullable(ctx, loaded.await)
    }

    /// Stickers, in LiSA's order; with `liveContentId`, those on that show.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn stickers(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A LiSA show: its `LiveContent` id, or LiSA's own id.")]
        live_content_id: Option<ID>,
        #[graphql(desc = "How many items (0 to 100, default 20).")] first: Option<i32>,
        #[graphql(desc = "The `endCursor` of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<StickerConnection> {
        let client = lisa(ctx)?;
        let shows: Vec<String> = live_content_id
            .map(|id| upstream_id(&id, NodeKind::LiveContent, Provider::Lisa))
            .transpose()?
            .into_iter()
            .collect();
        let fingerprint = format!("stickers|{shows:?}");
        let count = ctx.look_ahead().field("totalCount").exists();
        let (list_shows, count_shows) = (shows.clone(), shows);
        let source = lisa_pages(
            LISA_PAGE,
            move |cursor, limit| {
                let shows = list_shows.clone();
                async move {
                    let batch = client.stickers(&shows, cursor.as_deref(), limit).await;
                    batch.map(Arc::unwrap_or_clone)
                }
            },
            count.then_some(move || {
                let shows = count_shows.clone();
                async move { client.count_stickers(&shows).await }
            }),
        );
        single_list(ctx, source, fingerprint, first, after, Sticker).await
    }
}
