//! Open subscriptions, counted: the poller runs only while there are some, and a closed
//! connection must bring the count back down (nothing leaks).

use futures::Stream;
use tokio::sync::{broadcast, watch};

use super::StateEvent;

/// How many subscriptions are open now.
#[derive(Clone)]
pub struct Subscribers {
    count: watch::Sender<usize>,
}

impl Default for Subscribers {
    fn default() -> Self {
        Self {
            count: watch::channel(0).0,
        }
    }
}

impl Subscribers {
    pub fn count(&self) -> usize {
        *self.count.borrow()
    }

    /// Follows the count (e.g. to wait until it is zero, or not).
    pub fn watch(&self) -> watch::Receiver<usize> {
        self.count.subscribe()
    }

    pub(super) fn join(&self, receiver: broadcast::Receiver<StateEvent>) -> Subscription {
        self.count.send_modify(|count| *count += 1);
        Subscription {
            receiver,
            subscribers: self.clone(),
        }
    }
}

/// One listener of the bus, counted until dropped.
pub struct Subscription {
    receiver: broadcast::Receiver<StateEvent>,
    subscribers: Subscribers,
}

/// The listener fell this many events behind; they are lost for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lagged(pub u64);

impl Subscription {
    /// The next event if one is waiting (tests read what a request announced).
    pub fn try_recv(&mut self) -> Result<StateEvent, broadcast::error::TryRecvError> {
        self.receiver.try_recv()
    }

    /// Every event from now on; after a [`Lagged`], the stream ends (a listener that cannot keep
    /// up is dropped rather than slow the bus).
    pub fn into_stream(self) -> impl Stream<Item = Result<StateEvent, Lagged>> + Send + 'static {
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

impl Drop for Subscription {
    fn drop(&mut self) {
        self.subscribers.count.send_modify(|count| *count -= 1);
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;
    use futures::StreamExt;

    use super::*;
    use crate::events::{EventBus, EventSource, LiveState, LocalBus};
    use crate::providers::Provider;

    fn event(n: usize) -> StateEvent {
        StateEvent {
            provider: Provider::Lisa,
            id: format!("show-{n}"),
            channel: Vec::new(),
            previous: None,
            state: LiveState::Live,
            occurred_at: Utc::now(),
            source: EventSource::Webhook,
        }
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
