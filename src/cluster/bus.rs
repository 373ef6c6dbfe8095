//! The event bus of a replica in a cluster. An event is told to this replica's subscribers at
//! once and published on the cluster's channel, where every other replica relays it to its own:
//! each subscriber hears it once. Events announced by a webhook are confirmed: the publisher
//! waits until every other replica has relayed them (and remembered them, so a retry landing
//! elsewhere announces nothing new), before the webhook's 2xx. Other events queue, in order,
//! for one task that sends them, so publishing them never waits.

use std::sync::Arc;

use futures::future::BoxFuture;
use redis::aio::ConnectionManager;
use tokio::sync::{broadcast, mpsc};

use super::acks::Acks;
use super::messages::Message;
use super::{Channels, ReplicaError};
use crate::events::{Event, EventBus, LocalBus};

pub(crate) struct RedisBus {
    outbox: mpsc::UnboundedSender<Event>,
    local: LocalBus,
    commands: ConnectionManager,
    channels: Channels,
    acks: Arc<Acks>,
}

impl RedisBus {
    pub(super) fn new(commands: ConnectionManager, channels: Channels, acks: Arc<Acks>) -> Self {
        let (outbox, mut queued) = mpsc::unbounded_channel::<Event>();
        let (mut sender, origin, channel) =
            (commands.clone(), channels.replica.clone(), channels.bus());
        tokio::spawn(async move {
            while let Some(event) = queued.recv().await {
                let message = Message::Event {
                    origin: origin.clone(),
                    sequence: None,
                    event,
                };
                if let Err(error) = publish(&mut sender, &channel, &message).await {
                    tracing::warn!(%error, "an event could not go through Redis; only this replica's subscribers heard it");
                }
            }
        });
        Self {
            outbox,
            local: LocalBus::default(),
            commands,
            channels,
            acks,
        }
    }

    async fn publish_and_wait(&self, event: Event) -> Result<(), ReplicaError> {
        self.local.publish(event.clone());
        let origin = self.channels.replica.clone();
        let message = |sequence| Message::Event {
            origin,
            sequence: Some(sequence),
            event,
        };
        super::publish_acknowledged(&self.commands, &self.channels, &self.acks, message).await
    }
}

/// Publishes `message` on `channel`; how many replicas heard it.
pub(super) async fn publish(
    commands: &mut ConnectionManager,
    channel: &str,
    message: &Message,
) -> Result<usize, ReplicaError> {
    redis::cmd("PUBLISH")
        .arg(channel)
        .arg(message.encode())
        .query_async(commands)
        .await
        .map_err(ReplicaError::Command)
}

impl EventBus for RedisBus {
    fn publish(&self, event: Event) {
        self.local.publish(event.clone());
        let _ = self.outbox.send(event);
    }

    fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.local.subscribe()
    }

    fn deliver_here(&self, event: Event) {
        self.local.publish(event);
    }

    fn publish_confirmed(&self, event: Event) -> BoxFuture<'_, Result<(), ReplicaError>> {
        Box::pin(self.publish_and_wait(event))
    }
}
