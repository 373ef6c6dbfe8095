//! `Subscription.liveContentChanged`: live contents edited, published, unpublished or deleted,
//! from LiSA's `Show:update`, `publish`, `unpublish` and `delete` webhooks and from this
//! gateway's `updateLive` (Caast sends no webhooks), filtered as the subscriber asks.
//!
//! A page showing a show must learn that it was withdrawn, even though the show is no longer
//! public then: an unpublished show, or a deleted one that was not a draft, is announced to
//! everyone, with `liveContent` null unless the caller is the operator. Other changes are
//! announced to the public only for shows that are published when the event arrives (a draft's
//! edits are the operator's business).

use std::collections::HashSet;
use std::sync::Arc;

use async_graphql::{Context, ID, SimpleObject, Subscription};
use chrono::Utc;
use futures::{Stream, StreamExt, future};

use crate::events::{ContentChange, ContentEvent, Event, EventSource, Events, Lagged};
use crate::graphql::date_time::Rfc3339;
use crate::graphql::ids::{GlobalId, NodeKind};
use crate::graphql::live_content::LiveContent;
use crate::graphql::live_content::live_state::{GqlContentChange, GqlEventSource};
use crate::graphql::live_content::subscriptions::subscribed_events::{self, ContentReader, Named};
use crate::providers::{Provider, caast as caast_model};

/// A live content changed.
#[derive(SimpleObject)]
pub(crate) struct LiveContentChangeEvent {
    /// The live content's id, whether or not it can still be read.
    pub(crate) live_content_id: ID,
    /// The live content, read when the event arrived; `null` when it no longer exists, or is no
    /// longer public and the caller is not the operator.
    pub(crate) live_content: Option<LiveContent>,
    /// What happened.
    pub(crate) change: GqlContentChange,
    /// The provider's names of the fields the change removed or updated (`title`, `products`…),
    /// when its webhook lists them, or that `updateLive` wrote; empty otherwise.
    pub(crate) changed_fields: Vec<String>,
    /// When the change happened (LiSA's event date), or when the gateway noticed it.
    pub(crate) occurred_at: Rfc3339,
    /// Who noticed it.
    pub(crate) source: GqlEventSource,
}

#[derive(Default)]
pub(crate) struct ContentSubscription;

#[Subscription]
impl ContentSubscription {
    /// Live contents edited, published, unpublished or deleted: LiSA shows, from LiSA's webhooks
    /// (a show on air that is unpublished or deleted also ends, for `liveContentStateChanged`);
    /// Caast lives edited through this gateway (`updateLive`). Filters combine with AND. A subscriber that falls too far
    /// behind gets a `SUBSCRIBER_LAGGED` error and is ended.
    async fn live_content_changed(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only these live contents (`LiveContent` ids).")] ids: Option<Vec<ID>>,
        #[graphql(desc = "Only LiSA shows of this channel (id or slug).")] channel: Option<String>,
        #[graphql(desc = "Only these kinds of change.")] changes: Option<Vec<GqlContentChange>>,
    ) -> async_graphql::Result<impl Stream<Item = async_graphql::Result<LiveContentChangeEvent>>>
    {
        let filter = Arc::new(ChangeFilter::new(ids, channel, changes)?);
        let reader = ContentReader::of(ctx)?;
        Ok(subscribed_events::events(ctx)?
            .filter_map(move |event| future::ready(filter.admits(event)))
            .then(move |event| change_event(reader.clone(), event))
            .filter_map(future::ready))
    }
}

/// What a subscriber asked to hear about.
struct ChangeFilter {
    named: Named,
    changes: Option<HashSet<ContentChange>>,
}

impl ChangeFilter {
    fn new(
        ids: Option<Vec<ID>>,
        channel: Option<String>,
        changes: Option<Vec<GqlContentChange>>,
    ) -> async_graphql::Result<Self> {
        let changes = changes.map(|changes| changes.into_iter().map(Into::into).collect());
        Ok(Self {
            named: Named::new(ids, channel)?,
            changes,
        })
    }

    /// The content events the subscriber asked for (and a lag, which ends it); `None` for the
    /// rest.
    fn admits(&self, event: Result<Event, Lagged>) -> Option<Result<ContentEvent, Lagged>> {
        let event = match event {
            Ok(Event::Content(event)) => event,
            Ok(Event::State(_)) => return None,
            Err(lagged) => return Some(Err(lagged)),
        };
        let wanted = (self.changes.as_ref()).is_none_or(|changes| changes.contains(&event.change))
            && (self.named).includes(event.provider, &event.id, &event.channel);
        wanted.then_some(Ok(event))
    }
}

/// The event to send, `None` when the subscriber may not hear of it.
async fn change_event(
    reader: ContentReader,
    event: Result<ContentEvent, Lagged>,
) -> Option<async_graphql::Result<LiveContentChangeEvent>> {
    let event = match event {
        Ok(event) => event,
        Err(lagged) => return Some(Err(subscribed_events::lagged(lagged))),
    };
    let content = match reader.read(event.provider, &event.id).await {
        Ok(content) => content,
        Err(error) => return Some(Err(error)),
    };
    let public = content.as_ref().is_some_and(LiveContent::is_public);
    let withdrawn = event.change.withdraws() && event.was_public;
    if !(reader.operator || public || withdrawn) {
        return None;
    }
    let global = GlobalId::new(NodeKind::LiveContent, event.provider, &event.id);
    Some(Ok(LiveContentChangeEvent {
        live_content_id: global.encode(),
        live_content: content.filter(|_| reader.operator || public),
        change: event.change.into(),
        changed_fields: event.changed_fields,
        occurred_at: Rfc3339(event.occurred_at),
        source: event.source.into(),
    }))
}

/// Announces a Caast live this gateway's `updateLive` changed, with Caast's names of the fields
/// it wrote: Caast sends no webhooks, so nobody else would. A Caast live is always public.
pub(crate) fn announce_update(ctx: &Context<'_>, live: &caast_model::Live, written: Vec<String>) {
    let Ok(events) = ctx.data::<Events>() else {
        return;
    };
    events.announce(ContentEvent {
        provider: Provider::Caast,
        id: live.id().to_string(),
        channel: Vec::new(),
        change: ContentChange::Updated,
        changed_fields: written,
        was_public: true,
        occurred_at: Utc::now(),
        source: EventSource::Mutation,
    });
}
