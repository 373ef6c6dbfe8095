//! The `channel` and `channels` queries (LiSA).

use async_graphql::{Context, Enum, ID, Object};

use crate::error::{ErrorCode, graphql_error};
use crate::graphql::channel::Channel;
use crate::graphql::ids::{GlobalId, NodeKind};
use crate::graphql::paging::connection::{ChannelConnection, page_cost};
use crate::graphql::paging::lists::{LISA_PAGE, lisa_pages, single_list};
use crate::graphql::resolver::clients::lisa_client;
use crate::graphql::resolver::field_errors::nullable;

/// Where a channel is in its life.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum ChannelStatus {
    /// Being prepared.
    Draft,
    /// Being processed by LiSA.
    Processing,
    /// Published.
    Ready,
    /// Archived (deleted once; a second delete removes it).
    Archived,
}

impl ChannelStatus {
    fn as_query(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Processing => "processing",
            Self::Ready => "ready",
            Self::Archived => "archived",
        }
    }
}

/// What LiSA addresses a channel by: its id (from a global id) or its slug, exactly one given.
pub(crate) fn channel_key(id: Option<ID>, slug: Option<String>) -> async_graphql::Result<String> {
    match (id, slug) {
        (Some(id), None) => Ok(GlobalId::decode_kind(&id, NodeKind::Channel)?.upstream_id),
        (None, Some(slug)) => Ok(slug),
        _ => Err(graphql_error(
            ErrorCode::BadUserInput,
            "give exactly one of `id` and `slug`",
        )),
    }
}

#[derive(Default)]
pub(crate) struct ChannelQuery;

#[Object]
impl ChannelQuery {
    /// One channel, by global id or by slug (exactly one of them).
    async fn channel(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A `Channel` id.")] id: Option<ID>,
        #[graphql(desc = "A channel slug.")] slug: Option<String>,
    ) -> Option<Channel> {
        let loaded = async { Channel::load(ctx, &channel_key(id, slug)?).await };
        nullable(ctx, loaded.await)
    }

    /// Channels, in LiSA's order; without `status`, every channel that is not archived.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn channels(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only channels in this status.")] status: Option<ChannelStatus>,
        #[graphql(desc = "How many items (0 to 100, default 20).")] first: Option<i32>,
        #[graphql(desc = "The `endCursor` of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<ChannelConnection> {
        let client = lisa_client(ctx)?;
        let status = status.map(ChannelStatus::as_query);
        let count = ctx.look_ahead().field("totalCount").exists();
        let source = lisa_pages(
            LISA_PAGE,
            move |cursor, limit| async move { client.channels(status, cursor.as_deref(), limit).await },
            count.then_some(move || async move { client.count_channels(status).await }),
        );
        let fingerprint = format!("channels|{status:?}");
        single_list(ctx, source, fingerprint, first, after, Channel).await
    }
}
