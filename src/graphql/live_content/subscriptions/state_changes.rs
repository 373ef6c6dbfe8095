//! `Subscription.liveContentStateChanged`: live contents starting and stopping, from LiSA's
//! webhooks, the gateway's own mutations and the Caast poller, filtered as the subscriber asks.
//!
//! Each event's live content is read when the event arrives (through the provider cache, which
//! the change has just invalidated, so one provider call serves every subscriber), and resolved
//! to any depth like a query's. A LiSA show that is not published is announced to the operator
//! only, but for its end: a show goes on air only once published, so whoever watched it hears
//! it end even when it ended by being unpublished or deleted.

use std::sync::Arc;

use crate::graphql::date_time::Rfc3339;
use async_graphql::{Context, ID, SimpleObject, Subscription};
use chrono::Utc;
use futures::{Stream, StreamExt, future};

use crate::error::{ErrorCode, graphql_error};
use crate::events::{Event, EventSource, Events, Lagged, LiveState, Observation, StateEvent};
use crate::graphql::live_content::LiveContent;
use crate::graphql::live_content::live_state::{GqlEventSource, GqlLiveState};
use crate::graphql::live_content::subscriptions::subscribed_events::{self, ContentReader, Named};
use crate::graphql::provider::GqlProvider;
use crate::providers::{Provider, caast as caast_model};

/// A live content changed state.
#[derive(SimpleObject)]
pub(crate) struct LiveContentStateEvent {
    /// The live content, read when the event arrived.
    pub(crate) live_content: LiveContent,
    /// Its state before, when known (the gateway or the source saw it).
    pub(crate) previous_state: Option<GqlLiveState>,
    /// Its state now.
    pub(crate) state: GqlLiveState,
    /// When the change happened (LiSA's event date), or when the gateway noticed it.
    pub(crate) occurred_at: Rfc3339,
    /// Who noticed it.
    pub(crate) source: GqlEventSource,
}

#[derive(Default)]
pub(crate) struct StateSubscription;

#[Subscription]
impl StateSubscription {
    /// Live contents starting (`LIVE`) and stopping (`ENDED`). Filters combine with AND. Caast
    /// lives are seen by polling Caast (every `GATEWAY_CAAST_POLL_INTERVAL` while a subscription
    /// may hear them) and when changed through this gateway; LiSA shows by LiSA's webhooks, a show
    /// on air that is unpublished or deleted ending too (its `liveContent` as read then, or an
    /// error if LiSA removed it). A subscriber that falls too far behind gets a
    /// `SUBSCRIBER_LAGGED` error and is ended.
    async fn live_content_state_changed(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only these live contents (`LiveContent` ids).")] ids: Option<Vec<ID>>,
        #[graphql(desc = "Only this provider's live contents.")] provider: Option<GqlProvider>,
        #[graphql(
            desc = "Only LiSA shows of this channel (id or slug). Caast lives have no channel, so this leaves them out."
        )]
        channel: Option<String>,
    ) -> async_graphql::Result<impl Stream<Item = async_graphql::Result<LiveContentStateEvent>>>
    {
        let filter = Arc::new(StateFilter::new(
            ids,
            provider.map(Provider::from),
            channel,
        )?);
        let reader = ContentReader::of(ctx)?;
        // Counted while the stream lives: the Caast poller reads only for those who may hear it.
        let caast_listener = (filter.may_hear_caast())
            .then(|| {
                ctx.data::<Events>()
                    .map(|events| events.subscribers().caast_listener())
            })
            .transpose()?;
        Ok(subscribed_events::events(ctx)?
            .filter_map(move |event| future::ready(filter.admits(event)))
            .then(move |event| state_event(reader.clone(), event))
            .filter_map(future::ready)
            .map(move |event| {
                let _counted = &caast_listener;
                event
            }))
    }
}

/// What a subscriber asked to hear about.
struct StateFilter {
    named: Named,
    provider: Option<Provider>,
}

impl StateFilter {
    fn new(
        ids: Option<Vec<ID>>,
        provider: Option<Provider>,
        channel: Option<String>,
    ) -> async_graphql::Result<Self> {
        Ok(Self {
            named: Named::new(ids, channel)?,
            provider,
        })
    }

    /// Whether a Caast live's event may pass: the subscriber named neither LiSA alone, nor only
    /// LiSA ids, nor a channel (Caast lives have none).
    fn may_hear_caast(&self) -> bool {
        self.provider.is_none_or(|p| p == Provider::Caast)
            && self.named.may_name(Provider::Caast)
            && !self.named.has_channel()
    }

    /// The state events the subscriber asked for (and a lag, which ends it); `None` for the
    /// rest.
    fn admits(&self, event: Result<Event, Lagged>) -> Option<Result<StateEvent, Lagged>> {
        let event = match event {
            Ok(Event::State(event)) => event,
            Ok(Event::Content(_)) => return None,
            Err(lagged) => return Some(Err(lagged)),
        };
        let wanted = self.provider.is_none_or(|p| p == event.provider)
            && (self.named).includes(event.provider, &event.id, &event.channel);
        wanted.then_some(Ok(event))
    }
}

/// The event to send, `None` when the subscriber may not see it.
async fn state_event(
    reader: ContentReader,
    event: Result<StateEvent, Lagged>,
) -> Option<async_graphql::Result<LiveContentStateEvent>> {
    let event = match event {
        Ok(event) => event,
        Err(lagged) => return Some(Err(subscribed_events::lagged(lagged))),
    };
    let content = match reader.read(event.provider, &event.id).await {
        Ok(Some(content)) => content,
        Ok(None) => {
            let gone = "the live content no longer exists at its provider";
            return Some(Err(graphql_error(ErrorCode::NotFound, gone)));
        }
        Err(error) => return Some(Err(error)),
    };
    let ended = event.state == LiveState::Ended;
    if !(reader.operator || ended || content.is_public()) {
        return None;
    }
    Some(Ok(LiveContentStateEvent {
        live_content: content,
        previous_state: event.previous.map(GqlLiveState::from),
        state: event.state.into(),
        occurred_at: Rfc3339(event.occurred_at),
        source: event.source.into(),
    }))
}

/// Announces a Caast live's state after a mutation of this gateway changed it (`previous`: its
/// state before, as read before the change).
pub(crate) fn announce_mutation(
    ctx: &Context<'_>,
    live: &caast_model::Live,
    previous: Option<LiveState>,
) {
    let Ok(events) = ctx.data::<Events>() else {
        return;
    };
    events.observe(Observation {
        provider: Provider::Caast,
        id: live.id().to_string(),
        channel: Vec::new(),
        state: LiveState::of_caast(live.state),
        assumed_previous: previous,
        occurred_at: Utc::now(),
        source: EventSource::Mutation,
    });
}
