//! Hearing the cluster's channel: one Redis pub/sub connection per replica, subscribed to the
//! bus and to this replica's acknowledgements. Invalidations from other replicas are made here
//! and acknowledged; events are relayed to this replica's subscribers. When the connection
//! drops, the replica says so (not ready), reconnects with backoff, and drops its caches once
//! it hears again, since it may have missed invalidations meanwhile.

use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt;
use redis::aio::{ConnectionManager, PubSub};
use tokio::sync::watch;

use super::acks::Acks;
use super::messages::Message;
use super::{Channels, KindLabel, ReplicaError};
use crate::cache::{Change, Invalidation, ProviderCache};
use crate::events::Events;
use crate::logged::clipped;

const FIRST_RETRY: Duration = Duration::from_millis(100);
const LAST_RETRY: Duration = Duration::from_secs(5);
/// How long one connection attempt may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

pub(crate) struct Link {
    pub(crate) client: redis::Client,
    pub(crate) commands: ConnectionManager,
    pub(crate) channels: Channels,
    pub(crate) acks: Arc<Acks>,
    pub(crate) cache: Arc<ProviderCache>,
    pub(crate) events: Events,
}

/// Subscribes (failing if Redis cannot be reached now), then keeps hearing in a task of its
/// own; the receiver says whether the replica hears the channel.
pub(crate) async fn spawn(link: Link) -> Result<watch::Receiver<bool>, ReplicaError> {
    let first = link.subscribe().await?;
    let (hearing, heard) = watch::channel(true);
    tokio::spawn(async move {
        let mut pubsub = first;
        loop {
            link.hear(&mut pubsub).await;
            hearing.send_replace(false);
            tracing::warn!("lost the Redis channel: not ready until it is back");
            pubsub = link.subscribe_again().await;
            let removed = link
                .cache
                .apply(&Change::Invalidations(vec![Invalidation::All]))
                .await;
            hearing.send_replace(true);
            tracing::info!(
                removed,
                "hearing the Redis channel again; caches dropped, as invalidations may have been missed"
            );
        }
    });
    Ok(heard)
}

impl Link {
    async fn subscribe(&self) -> Result<PubSub, ReplicaError> {
        let connecting = self.client.get_async_pubsub();
        let mut pubsub = tokio::time::timeout(CONNECT_TIMEOUT, connecting)
            .await
            .map_err(|_| ReplicaError::NoAnswer(CONNECT_TIMEOUT))?
            .map_err(ReplicaError::Unreachable)?;
        pubsub
            .subscribe(self.channels.bus())
            .await
            .map_err(ReplicaError::Command)?;
        let acks = self.channels.acks_of(&self.channels.replica);
        pubsub
            .subscribe(acks)
            .await
            .map_err(ReplicaError::Command)?;
        Ok(pubsub)
    }

    async fn subscribe_again(&self) -> PubSub {
        let mut wait = FIRST_RETRY;
        loop {
            tokio::time::sleep(wait).await;
            match self.subscribe().await {
                Ok(pubsub) => return pubsub,
                Err(error) => tracing::debug!(%error, "Redis still unreachable"),
            }
            wait = (wait * 2).min(LAST_RETRY);
        }
    }

    /// Handles messages until the connection ends.
    async fn hear(&self, pubsub: &mut PubSub) {
        let bus = self.channels.bus();
        let mut messages = pubsub.on_message();
        while let Some(message) = messages.next().await {
            let Ok(text) = message.get_payload::<String>() else {
                continue;
            };
            if message.get_channel_name() == bus {
                self.on_bus(&text).await;
            } else if let Ok(sequence) = text.parse::<u64>() {
                self.acks.acknowledged(sequence);
            }
        }
    }

    async fn on_bus(&self, text: &str) {
        match Message::decode(text) {
            Ok(Message::Invalidate {
                origin,
                sequence,
                change,
            }) if origin != self.channels.replica => {
                self.cache.apply(&change).await;
                self.acknowledge(&origin, sequence).await;
            }
            Ok(Message::Event {
                origin,
                sequence,
                event,
            }) if origin != self.channels.replica => {
                self.events.relay(event);
                if let Some(sequence) = sequence {
                    self.acknowledge(&origin, sequence).await;
                }
            }
            // This replica's own: made and told here already.
            Ok(Message::Invalidate { .. } | Message::Event { .. }) => {}
            Err(error) => {
                let error = clipped(&error.to_string()).into_owned();
                tracing::warn!(%error, "an unreadable message on the Redis channel")
            }
        }
    }

    async fn acknowledge(&self, origin: &str, sequence: u64) {
        let acked: redis::RedisResult<()> = redis::cmd("PUBLISH")
            .arg(self.channels.acks_of(origin))
            .arg(sequence)
            .query_async(&mut self.commands.clone())
            .await;
        if let Err(error) = acked {
            tracing::warn!(
                error = error.kind_label(),
                "a message could not be acknowledged"
            );
        }
    }
}
