//! The bus events travel on. One trait, so a bus shared by several replicas (Redis pub/sub) can
//! replace the in-process one without touching the sources or the subscriptions.

use futures::future::BoxFuture;
use tokio::sync::broadcast;

use super::Event;
use crate::cluster::ReplicaError;

/// Events kept for a listener that lags behind; past this, the listener is told it lagged.
pub(crate) const BACKLOG: usize = 1024;

pub(crate) trait EventBus: Send + Sync + 'static {
    /// Sends to every current listener (none listening is fine).
    fn publish(&self, event: Event);
    /// A listener for every event published from now on.
    fn subscribe(&self) -> broadcast::Receiver<Event>;
    /// Sends to this replica's listeners only (an event another replica published).
    fn deliver_here(&self, event: Event) {
        self.publish(event);
    }
    /// Sends to every listener of every replica, resolving once every replica has it.
    fn publish_confirmed(&self, event: Event) -> BoxFuture<'_, Result<(), ReplicaError>> {
        self.publish(event);
        Box::pin(std::future::ready(Ok(())))
    }
}

/// The bus of one replica: a tokio broadcast channel. Publishing never waits for a listener.
pub(crate) struct LocalBus {
    sender: broadcast::Sender<Event>,
}

impl LocalBus {
    pub(crate) fn with_backlog(backlog: usize) -> Self {
        Self {
            sender: broadcast::channel(backlog).0,
        }
    }
}

impl Default for LocalBus {
    fn default() -> Self {
        Self::with_backlog(BACKLOG)
    }
}

impl EventBus for LocalBus {
    fn publish(&self, event: Event) {
        let _ = self.sender.send(event);
    }

    fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.sender.subscribe()
    }
}
