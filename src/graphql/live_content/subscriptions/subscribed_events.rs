//! What every subscription root field starts from: the bus's events for this subscriber (the
//! group's listener when its execution is shared), the live contents it named, the reading of
//! each event's live content, and the error a subscriber that fell behind is ended with.

use std::collections::HashSet;

use async_graphql::{Context, ErrorExtensions, ID};
use futures::Stream;

use crate::error::{ErrorCode, graphql_error};
use crate::events::{Event, Events, Lagged};
use crate::graphql::execution::{GroupListener, RequestContext};
use crate::graphql::ids::{GlobalId, NodeKind};
use crate::graphql::live_content::LiveContent;
use crate::graphql::resolver::auth::require_operator;
use crate::graphql::resolver::clients::{caast_of, lisa_of};
use crate::providers::{Provider, Providers, UpstreamError};

/// The events from now on. A group's execution listens with the listener made with the group,
/// so that a member counted as subscribed is sure to hear the next event.
pub(crate) fn events(
    ctx: &Context<'_>,
) -> async_graphql::Result<impl Stream<Item = Result<Event, Lagged>> + use<>> {
    let listener = ctx
        .data_opt::<GroupListener>()
        .and_then(GroupListener::take);
    Ok(match listener {
        Some(listener) => listener,
        None => ctx.data::<Events>()?.subscribe(),
    }
    .into_stream())
}

/// The live contents a subscriber named: by id (`ids`) and by channel (a LiSA channel's id or
/// slug); either absent names every one.
pub(crate) struct Named {
    ids: Option<HashSet<(Provider, String)>>,
    channel: Option<String>,
}

impl Named {
    pub(crate) fn new(
        ids: Option<Vec<ID>>,
        channel: Option<String>,
    ) -> async_graphql::Result<Self> {
        let decode = |id: &ID| {
            let id = GlobalId::decode_kind(id, NodeKind::LiveContent)?;
            Ok((id.provider, id.upstream_id))
        };
        let ids = ids.map(|ids| ids.iter().map(decode).collect::<async_graphql::Result<_>>());
        Ok(Self {
            ids: ids.transpose()?,
            channel,
        })
    }

    /// Whether some content of `provider` may be among them, by the ids named.
    pub(crate) fn may_name(&self, provider: Provider) -> bool {
        (self.ids.as_ref()).is_none_or(|ids| ids.iter().any(|(named, _)| *named == provider))
    }

    /// Whether only contents of this channel are named.
    pub(crate) fn has_channel(&self) -> bool {
        self.channel.is_some()
    }

    /// Whether the content `id` of `provider`, known by `channels`, is among them.
    pub(crate) fn includes(&self, provider: Provider, id: &str, channels: &[String]) -> bool {
        let named = (self.ids.as_ref()).is_none_or(|ids| ids.contains(&(provider, id.to_string())));
        named && (self.channel.as_ref()).is_none_or(|channel| channels.contains(channel))
    }
}

/// The error a subscriber that fell behind gets as it is ended.
pub(crate) fn lagged(lagged: Lagged) -> async_graphql::Error {
    graphql_error(ErrorCode::SubscriberLagged, lagged.message())
}

/// Reads each event's live content for one subscriber, through the provider cache (which the
/// change has just invalidated, so one provider call serves every subscriber).
#[derive(Clone)]
pub(crate) struct ContentReader {
    providers: Providers,
    /// Whether the subscriber has the operator token (it may see what is not public).
    pub(crate) operator: bool,
}

impl ContentReader {
    pub(crate) fn of(ctx: &Context<'_>) -> async_graphql::Result<Self> {
        Ok(Self {
            providers: RequestContext::of(ctx)?.providers().clone(),
            operator: require_operator(ctx).is_ok(),
        })
    }

    /// The content as it is now; `None` when the provider no longer has it.
    pub(crate) async fn read(
        &self,
        provider: Provider,
        id: &str,
    ) -> async_graphql::Result<Option<LiveContent>> {
        let read = match provider {
            Provider::Caast => (caast_of(&self.providers)?.live(id).await).map(LiveContent::Caast),
            Provider::Lisa => (lisa_of(&self.providers)?.show(id).await).map(LiveContent::lisa),
        };
        match read {
            Ok(content) => Ok(Some(content)),
            Err(UpstreamError::NotFound { .. }) => Ok(None),
            Err(error) => Err(error.extend()),
        }
    }
}
