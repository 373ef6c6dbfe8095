//! Open subscriptions, counted: a closed connection must bring the counts back down (nothing
//! leaks). The Caast poller runs only while some subscription may hear a Caast live's state,
//! counted apart: a subscriber to LiSA's shows alone, or to content changes, costs Caast no
//! reading.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use futures::Stream;
use tokio::sync::{broadcast, watch};

use super::Event;

/// How many subscriptions are open now, how many groups listen for them, how many of the
/// executions may hear a Caast live's state, and how many results the groups executed.
#[derive(Clone)]
pub struct Subscribers {
    count: watch::Sender<usize>,
    groups: watch::Sender<usize>,
    caast_listeners: watch::Sender<usize>,
    executions: Arc<AtomicU64>,
}

impl Default for Subscribers {
    fn default() -> Self {
        Self {
            count: watch::channel(0).0,
            groups: watch::channel(0).0,
            caast_listeners: watch::channel(0).0,
            executions: Arc::default(),
        }
    }
}

impl Subscribers {
    pub(crate) fn count(&self) -> usize {
        *self.count.borrow()
    }

    /// How many groups listen now (each for subscribers that asked the same thing).
    pub fn groups(&self) -> usize {
        *self.groups.borrow()
    }

    /// Follows how many groups listen.
    pub fn watch_groups(&self) -> watch::Receiver<usize> {
        self.groups.subscribe()
    }

    /// How many results the groups have executed, one per event each group passed on.
    pub fn executions(&self) -> u64 {
        self.executions.load(Ordering::Relaxed)
    }

    /// Counts one result executed for a group.
    pub(crate) fn executed(&self) {
        self.executions.fetch_add(1, Ordering::Relaxed);
    }

    /// Follows the count (e.g. to wait until it is zero, or not).
    pub fn watch(&self) -> watch::Receiver<usize> {
        self.count.subscribe()
    }

    /// Follows how many executions may hear a Caast live's state (the Caast poller's cue).
    pub fn watch_caast_listeners(&self) -> watch::Receiver<usize> {
        self.caast_listeners.subscribe()
    }

    /// One more execution that may hear a Caast live's state, counted until the guard is
    /// dropped. A group's execution counts once, however many members it has.
    pub(crate) fn caast_listener(&self) -> CaastListener {
        self.caast_listeners.send_modify(|count| *count += 1);
        CaastListener(self.caast_listeners.clone())
    }

    pub(super) fn join(&self, receiver: broadcast::Receiver<Event>) -> Subscription {
        Subscription {
            receiver,
            _member: Some(self.member()),
            _group: None,
        }
    }

    /// One more subscriber, counted until the guard is dropped (a subscriber of a group that
    /// listens on its behalf).
    pub(crate) fn member(&self) -> Member {
        self.count.send_modify(|count| *count += 1);
        Member(self.clone())
    }
}

/// One subscriber, counted until dropped.
pub(crate) struct Member(Subscribers);

impl Drop for Member {
    fn drop(&mut self) {
        self.0.count.send_modify(|count| *count -= 1);
    }
}

/// One execution that may hear a Caast live's state, counted until dropped.
pub(crate) struct CaastListener(watch::Sender<usize>);

impl Drop for CaastListener {
    fn drop(&mut self) {
        self.0.send_modify(|count| *count -= 1);
    }
}

/// One listener of the bus: counted as a subscriber until dropped, or, when it listens for a
/// group (whose members are counted instead), as a group.
pub struct Subscription {
    receiver: broadcast::Receiver<Event>,
    _member: Option<Member>,
    _group: Option<Group>,
}

/// One group listening, counted until dropped.
struct Group(watch::Sender<usize>);

impl Drop for Group {
    fn drop(&mut self) {
        self.0.send_modify(|groups| *groups -= 1);
    }
}

impl Subscription {
    pub(super) fn for_group(
        receiver: broadcast::Receiver<Event>,
        subscribers: &Subscribers,
    ) -> Self {
        subscribers.groups.send_modify(|groups| *groups += 1);
        Self {
            receiver,
            _member: None,
            _group: Some(Group(subscribers.groups.clone())),
        }
    }
}

/// The listener fell this many events behind; they are lost for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Lagged(pub(crate) u64);

impl Lagged {
    /// What the subscriber is told as it is ended.
    pub(crate) fn message(self) -> String {
        format!(
            "this subscriber fell {} events behind and was ended; subscribe again",
            self.0
        )
    }
}

impl Subscription {
    /// The next event if one is waiting (tests read what a request announced).
    pub fn try_recv(&mut self) -> Result<Event, broadcast::error::TryRecvError> {
        self.receiver.try_recv()
    }

    /// Every event from now on; after a [`Lagged`], the stream ends (a listener that cannot keep
    /// up is dropped rather than slow the bus).
    pub(crate) fn into_stream(self) -> impl Stream<Item = Result<Event, Lagged>> + Send + 'static {
        futures::stream::unfold(Some(self), |state| async move {
            let mut subscription = state?;
            match subscription.receiver.recv().await {
                Ok(event) => Some((Ok(event), Some(subscription))),
                Err(broadcast::error::RecvError::Lagged(missed)) => {
                    Some((Err(Lagged(missed)), None))
                }
                Err(broadcast::error::RecvError::Closed) => None,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;
    use futures::StreamExt;

    use super::*;
    use crate::events::{EventBus, EventSource, LiveState, LocalBus, StateEvent};
    use crate::providers::Provider;

    fn event(n: usize) -> Event {
        Event::State(StateEvent {
            provider: Provider::Lisa,
            id: format!("show-{n}"),
            channel: Vec::new(),
            previous: None,
            state: LiveState::Live,
            occurred_at: Utc::now(),
            source: EventSource::Webhook,
        })
    }

    #[tokio::test]
    async fn a_listener_that_falls_behind_is_told_then_ended_and_no_longer_counted() {
        let bus = LocalBus::with_backlog(2);
        let subscribers = Subscribers::default();
        let slow = subscribers.join(bus.subscribe());
        let mut fast = subscribers.join(bus.subscribe()).into_stream().boxed();
        assert_eq!(subscribers.count(), 2);
        for n in 0..5 {
            let sent = event(n);
            bus.publish(sent.clone());
            let heard = fast.next().await;
            assert_eq!(
                heard,
                Some(Ok(sent)),
                "a listener that keeps up hears every event"
            );
        }
        let mut slow = slow.into_stream().boxed();
        assert_eq!(slow.next().await, Some(Err(Lagged(3))));
        assert_eq!(slow.next().await, None, "ended after it lagged");
        assert_eq!(
            subscribers.count(),
            1,
            "the ended listener is no longer counted"
        );
        drop(fast);
        assert_eq!(subscribers.count(), 0);
    }
}
