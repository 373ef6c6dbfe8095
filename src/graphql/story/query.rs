//! The `story`, `stories` and `storyBadges` queries (LiSA).

use async_graphql::{Context, Enum, ID, Object};

use crate::graphql::ids::{GlobalId, NodeKind};
use crate::graphql::paging::connection::{StoryBadgeConnection, StoryConnection, page_cost};
use crate::graphql::paging::lists::{LISA_PAGE, lisa_pages, single_list};
use crate::graphql::resolver::clients::lisa_client;
use crate::graphql::resolver::field_errors::nullable;
use crate::graphql::story::{Story, StoryBadge};
use crate::providers::UpstreamError;

/// How story badges are grouped.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum StoryBadgeGroup {
    /// One badge per category.
    Category,
    /// One badge per channel.
    Channel,
    /// One badge per creator.
    Creator,
}

/// No count endpoint: the badge list's total is not known.
type NoCount = fn() -> std::future::Ready<Result<u64, UpstreamError>>;

#[derive(Default)]
pub(crate) struct StoryQuery;

#[Object]
impl StoryQuery {
    /// One story by its global id; `null` (with an error) when it cannot be resolved.
    async fn story(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A `Story` id.")] id: ID,
    ) -> Option<Story> {
        let loaded = async {
            Story::load(
                ctx,
                &GlobalId::decode_kind(&id, NodeKind::Story)?.upstream_id,
            )
            .await
        };
        nullable(ctx, loaded.await)
    }

    /// Stories, in LiSA's order; with `channel`, that channel's.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn stories(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A channel slug.")] channel: Option<String>,
        #[graphql(desc = "How many items (0 to 100, default 20).")] first: Option<i32>,
        #[graphql(desc = "The `endCursor` of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<StoryConnection> {
        list_stories(ctx, channel, first, after).await
    }

    /// Story badges: the stories grouped by category, channel or creator (no `totalCount`:
    /// LiSA does not count badges).
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn story_badges(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to group by.")] group_by: StoryBadgeGroup,
        #[graphql(desc = "A channel slug.")] channel: Option<String>,
        #[graphql(desc = "How many items (0 to 100, default 20).")] first: Option<i32>,
        #[graphql(desc = "The `endCursor` of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<StoryBadgeConnection> {
        let client = lisa_client(ctx)?;
        let group = match group_by {
            StoryBadgeGroup::Category => "category",
            StoryBadgeGroup::Channel => "channel",
            StoryBadgeGroup::Creator => "creator",
        };
        let fingerprint = format!("storyBadges|{group}|{channel:?}");
        let source = lisa_pages(
            LISA_PAGE,
            move |cursor, limit| {
                let channel = channel.clone();
                async move {
                    client
                        .story_badges(group, channel.as_deref(), cursor.as_deref(), limit)
                        .await
                }
            },
            None::<NoCount>,
        );
        single_list(ctx, source, fingerprint, first, after, StoryBadge).await
    }
}

/// One page of stories (of a channel when given), counted only when `totalCount` is selected.
pub(crate) async fn list_stories(
    ctx: &Context<'_>,
    channel: Option<String>,
    first: Option<i32>,
    after: Option<String>,
) -> async_graphql::Result<StoryConnection> {
    let client = lisa_client(ctx)?;
    let fingerprint = format!("stories|{channel:?}");
    let count = ctx.look_ahead().field("totalCount").exists();
    let count_channel = channel.clone();
    let source = lisa_pages(
        LISA_PAGE,
        move |cursor, limit| {
            let channel = channel.clone();
            async move {
                client
                    .stories(channel.as_deref(), cursor.as_deref(), limit)
                    .await
            }
        },
        count.then_some(move || {
            let channel = count_channel.clone();
            async move { client.count_stories(channel.as_deref()).await }
        }),
    );
    single_list(ctx, source, fingerprint, first, after, Story).await
}
