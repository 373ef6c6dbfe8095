//! Live-state events: a live content started or stopped. Three sources observe changes — LiSA's
//! `Show:start`/`Show:stop` webhooks, the gateway's own Caast mutations, and the Caast poller
//! (Caast sends no webhooks) — and the subscriptions relay them. Content events (a show edited,
//! published, unpublished or deleted: `content.rs`) travel on the same bus.
//!
//! Sources report what they saw ([`Observation`]); [`Events`] turns an observation into an event
//! only when it is a transition not announced yet (the [`StateTracker`]), so a webhook retry or
//! a poll after a mutation adds nothing. Events travel on an [`EventBus`]: in process for one
//! replica; the replicas issue puts Redis behind the same trait.

mod bus;
pub(crate) mod caast_poller;
mod content;
mod subscribers;
mod tracker;
mod webhook;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::Serialize;

pub(crate) use bus::{EventBus, LocalBus};
pub(crate) use content::ContentChange;
pub use content::ContentEvent;
pub(crate) use subscribers::Lagged;
pub use subscribers::{Subscribers, Subscription};
pub(crate) use tracker::StateTracker;

use crate::cluster::ReplicaError;
use crate::logged::clipped;
use crate::providers::{Provider, caast};

/// Where a live content is in its life.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
pub enum LiveState {
    /// Planned, not started yet.
    Scheduled,
    /// Streaming now.
    Live,
    /// Over (a replay may exist).
    Ended,
}

impl LiveState {
    /// A Caast live's state in the gateway's terms.
    pub(crate) fn of_caast(state: caast::LiveState) -> Self {
        match state {
            caast::LiveState::NotStarted => Self::Scheduled,
            caast::LiveState::Started => Self::Live,
            caast::LiveState::Finished => Self::Ended,
        }
    }
}

/// Who noticed a change.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub(crate) enum EventSource {
    /// A LiSA webhook.
    Webhook,
    /// A mutation sent through this gateway.
    Mutation,
    /// The gateway's poller of Caast lives.
    Poll,
}

/// What a source saw: a live content now in `state`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Observation {
    pub(crate) provider: Provider,
    /// The provider's id of the show or live.
    pub(crate) id: String,
    /// What the content is known by as a channel: a LiSA show's channel id and slug.
    pub(crate) channel: Vec<String>,
    pub(crate) state: LiveState,
    /// The state before, as far as the source can tell (used when the gateway has not seen it).
    pub(crate) assumed_previous: Option<LiveState>,
    pub(crate) occurred_at: DateTime<Utc>,
    pub(crate) source: EventSource,
}

/// A transition, as subscribers hear it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct StateEvent {
    pub(crate) provider: Provider,
    pub id: String,
    pub(crate) channel: Vec<String>,
    /// `None` when nobody knows what it was before.
    pub previous: Option<LiveState>,
    pub state: LiveState,
    pub(crate) occurred_at: DateTime<Utc>,
    pub(crate) source: EventSource,
}

/// What travels on the bus.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum Event {
    State(StateEvent),
    Content(ContentEvent),
}

/// The gateway's events: where observations go in and subscriptions come out.
#[derive(Clone)]
pub struct Events {
    bus: Arc<dyn EventBus>,
    tracker: Arc<StateTracker>,
    subscribers: Subscribers,
}

impl Default for Events {
    fn default() -> Self {
        Self::new(Arc::new(LocalBus::default()))
    }
}

impl Events {
    pub(crate) fn new(bus: Arc<dyn EventBus>) -> Self {
        Self {
            bus,
            tracker: Arc::default(),
            subscribers: Subscribers::default(),
        }
    }

    /// An event a replica published, heard through the cluster: a transition is remembered (so
    /// this replica does not announce it again); every event is told to this replica's
    /// subscribers.
    pub(crate) fn relay(&self, event: Event) {
        if let Event::State(state) = &event {
            self.remember(state);
        }
        self.bus.deliver_here(event);
    }

    fn remember(&self, event: &StateEvent) {
        let seen = Observation {
            provider: event.provider,
            id: event.id.clone(),
            channel: event.channel.clone(),
            state: event.state,
            assumed_previous: event.previous,
            occurred_at: event.occurred_at,
            source: event.source,
        };
        self.tracker.transition(&seen);
    }

    /// Publishes the observation if it is a transition not announced yet; says whether it was.
    pub(crate) fn observe(&self, seen: Observation) -> bool {
        let Some(event) = self.transition(seen) else {
            return false;
        };
        self.bus.publish(Event::State(event));
        true
    }

    /// Like [`Self::observe`], resolving once every replica has the event (a webhook's 2xx
    /// waits for it, so a retry landing on another replica announces nothing new).
    pub(crate) async fn observe_confirmed(&self, seen: Observation) -> Result<bool, ReplicaError> {
        let Some(event) = self.transition(seen) else {
            return Ok(false);
        };
        self.bus.publish_confirmed(Event::State(event)).await?;
        Ok(true)
    }

    /// Publishes a content change this gateway made itself (no sender waits for it).
    pub(crate) fn announce(&self, change: ContentEvent) {
        log_content_change(&change);
        self.bus.publish(Event::Content(change));
    }

    /// Publishes a content change, resolving once every replica has it (as a webhook's state
    /// change does: see [`Self::observe_confirmed`]).
    pub(crate) async fn announce_confirmed(
        &self,
        change: ContentEvent,
    ) -> Result<(), ReplicaError> {
        log_content_change(&change);
        self.bus.publish_confirmed(Event::Content(change)).await
    }

    /// The event the observation makes, if it is a transition not announced yet.
    fn transition(&self, seen: Observation) -> Option<StateEvent> {
        let previous = self.tracker.transition(&seen)?;
        tracing::info!(provider = %seen.provider, id = %clipped(&seen.id), state = ?seen.state, source = ?seen.source, "live state changed");
        Some(StateEvent {
            provider: seen.provider,
            id: seen.id,
            channel: seen.channel,
            previous,
            state: seen.state,
            occurred_at: seen.occurred_at,
            source: seen.source,
        })
    }

    /// A new listener; it counts as a subscriber until dropped.
    pub fn subscribe(&self) -> Subscription {
        self.subscribers.join(self.bus.subscribe())
    }

    /// A listener for a group of subscribers, not counted itself: each member is (see
    /// [`Subscribers::member`]). Listening starts now, so a member counted after it hears every
    /// event from then on.
    pub(crate) fn listen(&self) -> Subscription {
        Subscription::for_group(self.bus.subscribe(), &self.subscribers)
    }

    /// The open subscriptions, counted (the Caast poller follows those that may hear Caast; tests
    /// and metrics read the counts).
    pub fn subscribers(&self) -> &Subscribers {
        &self.subscribers
    }

    /// The last state announced for a content, if any.
    pub(crate) fn known_state(&self, provider: Provider, id: &str) -> Option<LiveState> {
        self.tracker.known(provider, id)
    }
}

fn log_content_change(change: &ContentEvent) {
    tracing::info!(provider = %change.provider, id = %clipped(&change.id), change = ?change.change, source = ?change.source, "live content changed");
}
