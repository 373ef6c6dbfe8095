//! The `sticker` and `stickers` queries (LiSA).

use std::sync::Arc;

use async_graphql::{Context, ID, Object};

use crate::graphql::date_time::Rfc3339;
use crate::graphql::ids::{GlobalId, NodeKind, lisa_show_ids};
use crate::graphql::paging::connection::{StickerConnection, page_cost};
use crate::graphql::paging::lists::{LISA_PAGE, lisa_pages, single_list};
use crate::graphql::resolver::clients::lisa_client;
use crate::graphql::resolver::field_errors::nullable;
use crate::graphql::sticker::Sticker;
use crate::providers::lisa::OwnedChildQuery;

#[derive(Default)]
pub(crate) struct StickerQuery;

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

    /// Stickers, in LiSA's order (LiSA documents no other); narrowed to shows and a date of
    /// change (combined with AND; the shows with OR).
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn stickers(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A LiSA show: its `LiveContent` id, or LiSA's own id.")]
        live_content_id: Option<ID>,
        #[graphql(
            desc = "Any of these LiSA shows (at most 50), each given as for `liveContentId`."
        )]
        live_content_ids: Option<Vec<ID>>,
        #[graphql(desc = "Only stickers modified after this instant.")] modified_since: Option<
            Rfc3339,
        >,
        #[graphql(desc = "How many items (0 to 100, default 20).")] first: Option<i32>,
        #[graphql(desc = "The `endCursor` of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<StickerConnection> {
        let client = lisa_client(ctx)?;
        let shows = lisa_show_ids(live_content_id.as_ref(), live_content_ids.as_deref())?;
        let since = modified_since.map(Rfc3339::to_lisa);
        let fingerprint = format!("stickers|{shows:?}|{since:?}");
        let count = ctx.look_ahead().field("totalCount").exists();
        let asked = Arc::new(OwnedChildQuery {
            shows,
            modified_since: since,
            ..Default::default()
        });
        let counted = asked.clone();
        let source = lisa_pages(
            LISA_PAGE,
            move |cursor, limit| {
                let asked = asked.clone();
                async move {
                    let batch = client
                        .stickers(asked.query(), cursor.as_deref(), limit)
                        .await;
                    batch.map(Arc::unwrap_or_clone)
                }
            },
            count.then_some(move || {
                let asked = counted.clone();
                async move { client.count_stickers(asked.query()).await }
            }),
        );
        single_list(ctx, source, fingerprint, first, after, Sticker).await
    }
}
