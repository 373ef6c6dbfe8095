//! The event bus: show start/stop events from LiSA's webhooks (and, later, from Caast's poller
//! and the gateway's own mutations), relayed to whoever listens (the subscriptions). In-process
//! for one replica; the replicas issue puts Redis pub/sub behind the same interface.

use serde::Serialize;
use tokio::sync::broadcast;

use crate::providers::Provider;

/// Events kept for a listener that lags behind; older ones are dropped for it (it is told).
const BACKLOG: usize = 1024;

/// A live content started or stopped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StateChange {
    pub provider: Provider,
    /// The provider's id of the show or live.
    pub id: String,
    /// `true`: it is on air now; `false`: it ended.
    pub live: bool,
    /// The provider's channel, when the event names it.
    pub channel: Option<String>,
}

#[derive(Clone)]
pub struct EventBus {
    sender: broadcast::Sender<StateChange>,
}

impl Default for EventBus {
    fn default() -> Self {
        Self {
            sender: broadcast::channel(BACKLOG).0,
        }
    }
}

impl EventBus {
    /// Sends to every current listener (none listening is fine).
    pub fn publish(&self, change: StateChange) {
        let _ = self.sender.send(change);
    }

    pub fn subscribe(&self) -> broadcast::Receiver<StateChange> {
        self.sender.subscribe()
    }
}
