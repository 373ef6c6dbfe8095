//! Several replicas behaving as one, through Redis (`GATEWAY_REDIS_URL`). A webhook reaches one
//! replica; what it changes must change on all of them:
//!
//! - every invalidation made on a replica is published on the cluster's channel; every other
//!   replica makes it and acknowledges, and the publisher waits for those acknowledgements (at
//!   most `ACK_TIMEOUT`) before it answers, so a read on any replica after a webhook's 2xx is
//!   fresh (`link.rs`, `acks.rs`);
//! - every live-state event is published on the same channel and relayed by every replica,
//!   the publisher included, to its own subscribers: once each (`bus.rs`);
//! - a webhook's event id (a UUID) is claimed with `SET NX` for a day, so a retry that lands on
//!   another replica is not processed twice;
//! - the Caast poller runs on the replica holding its lease (`lease.rs`).
//!
//! A replica that cannot hear the channel keeps serving, but says it is not ready, and drops
//! its caches when it hears again (it may have missed invalidations). With no Redis configured
//! none of this exists and a replica is self-contained.

mod acks;
pub(crate) mod bus;
mod error;
mod lease;
mod link;
mod messages;

use std::sync::Arc;
use std::time::Duration;

use futures::future::BoxFuture;
use redis::aio::ConnectionManager;
use tokio::sync::watch;
use uuid::Uuid;

use crate::cache::{Broadcast, Change, ProviderCache};
use crate::events::Events;
use crate::events::caast_poller::PollLease;
use acks::Acks;
pub(crate) use error::ReplicaError;
use messages::Message;

/// How long a publisher waits for the other replicas to acknowledge an invalidation.
pub(crate) const ACK_TIMEOUT: Duration = Duration::from_secs(2);
/// How long joining may wait for Redis at start.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a webhook's event id stays claimed (LiSA retries within a day).
const CLAIM_FOR: Duration = Duration::from_secs(24 * 60 * 60);

pub(crate) struct Cluster {
    commands: ConnectionManager,
    channels: Channels,
    acks: Arc<Acks>,
    /// Whether this replica hears the channel now.
    hearing: watch::Receiver<bool>,
}

/// The names of the cluster's keys and channels, all under one prefix.
#[derive(Clone)]
struct Channels {
    prefix: String,
    /// This replica's id: it names its acknowledgement channel.
    replica: String,
}

impl Channels {
    fn bus(&self) -> String {
        format!("{}:bus", self.prefix)
    }

    fn acks_of(&self, replica: &str) -> String {
        format!("{}:ack:{replica}", self.prefix)
    }

    /// A webhook's claim: its event id is a UUID, so every such key has the same short length.
    fn webhook(&self, event_id: Uuid) -> String {
        format!("{}:webhook:{event_id}", self.prefix)
    }
}

impl Cluster {
    /// Connects to Redis, starts hearing the channel, and sends `cache`'s invalidations to the
    /// other replicas from now on. Returns the replica's events, whose bus is the cluster's.
    pub(crate) async fn join(
        url: &str,
        prefix: &str,
        cache: &Arc<ProviderCache>,
    ) -> Result<(Arc<Self>, Events), ReplicaError> {
        let client =
            redis::Client::open(url).map_err(|e| ReplicaError::NotAUrl { kind: e.kind() })?;
        let connecting = ConnectionManager::new(client.clone());
        let commands = tokio::time::timeout(CONNECT_TIMEOUT, connecting)
            .await
            .map_err(|_| ReplicaError::NoAnswer(CONNECT_TIMEOUT))?
            .map_err(ReplicaError::Unreachable)?;
        let channels = Channels {
            prefix: prefix.to_string(),
            replica: Uuid::new_v4().to_string(),
        };
        let acks = Arc::new(Acks::default());
        let events = Events::new(Arc::new(bus::RedisBus::new(
            commands.clone(),
            channels.clone(),
            acks.clone(),
        )));
        let hearing = link::spawn(link::Link {
            client,
            commands: commands.clone(),
            channels: channels.clone(),
            acks: acks.clone(),
            cache: cache.clone(),
            events: events.clone(),
        })
        .await?;
        let cluster = Arc::new(Self {
            commands,
            channels,
            acks,
            hearing,
        });
        cache.broadcast_to(cluster.clone());
        Ok((cluster, events))
    }

    /// The Caast poller's lease, for polls every `interval`.
    pub(crate) fn poller_lease(&self, interval: Duration) -> Arc<dyn PollLease> {
        Arc::new(lease::PollerLease::new(
            self.commands.clone(),
            &self.channels,
            interval,
        ))
    }

    /// Whether this replica hears the other replicas now (else `/readyz` fails).
    pub(crate) fn hears(&self) -> bool {
        *self.hearing.borrow()
    }

    /// Claims a webhook's event id for this replica; `false` when some replica already has.
    pub(crate) async fn claim_webhook(&self, event_id: Uuid) -> Result<bool, ReplicaError> {
        let claimed: Option<String> = redis::cmd("SET")
            .arg(self.channels.webhook(event_id))
            .arg(&self.channels.replica)
            .arg("NX")
            .arg("PX")
            .arg(CLAIM_FOR.as_millis() as u64)
            .query_async(&mut self.commands.clone())
            .await
            .map_err(ReplicaError::Command)?;
        Ok(claimed.is_some())
    }

    /// Gives a claim back (processing failed: LiSA's retry must be processed).
    pub(crate) async fn release_webhook(&self, event_id: Uuid) {
        let released: redis::RedisResult<()> = redis::cmd("DEL")
            .arg(self.channels.webhook(event_id))
            .query_async(&mut self.commands.clone())
            .await;
        if let Err(error) = released {
            tracing::warn!(
                error = error.kind_label(),
                "a webhook's claim could not be released"
            );
        }
    }

    async fn publish_change(&self, change: &Change) -> Result<(), ReplicaError> {
        let origin = self.channels.replica.clone();
        let message = |sequence| Message::Invalidate {
            origin,
            sequence,
            change: change.clone(),
        };
        publish_acknowledged(&self.commands, &self.channels, &self.acks, message).await
    }
}

/// Publishes the message numbered by `sequence` on the bus, then waits until every other
/// replica that heard it has acknowledged it (at most [`ACK_TIMEOUT`]).
async fn publish_acknowledged(
    commands: &ConnectionManager,
    channels: &Channels,
    acks: &Acks,
    message: impl FnOnce(u64) -> Message,
) -> Result<(), ReplicaError> {
    let (sequence, acknowledged) = acks.expect();
    let message = message(sequence);
    let receivers = match bus::publish(&mut commands.clone(), &channels.bus(), &message).await {
        Ok(receivers) => receivers,
        Err(error) => {
            acks.forget(sequence);
            return Err(error);
        }
    };
    // Every replica hearing the channel received it, this one included.
    let others = receivers.saturating_sub(1);
    acks.wait(sequence, others, acknowledged, ACK_TIMEOUT).await
}

impl Broadcast for Cluster {
    fn publish<'a>(&'a self, change: &'a Change) -> BoxFuture<'a, Result<(), ReplicaError>> {
        Box::pin(self.publish_change(change))
    }
}

/// A Redis error's kind, never its text (which may quote the URL and its password).
trait KindLabel {
    fn kind_label(&self) -> String;
}

impl KindLabel for redis::RedisError {
    fn kind_label(&self) -> String {
        format!("{:?}", self.kind())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::CachePolicy;

    /// Every message of an error and of its sources, outermost first.
    fn chain(error: &dyn std::error::Error) -> Vec<String> {
        std::iter::successors(Some(error), |e| e.source())
            .map(ToString::to_string)
            .collect()
    }

    #[tokio::test]
    async fn a_redis_url_that_does_not_parse_is_named_by_its_key_and_never_quoted() {
        let cache = Arc::new(ProviderCache::new(CachePolicy::default()));
        let url = "redis://:s3cret-pass@127.0.0.1:not-a-port/";
        let error = Cluster::join(url, "test", &cache)
            .await
            .err()
            .expect("not a URL");
        let messages = chain(&error);
        assert!(messages[0].contains("GATEWAY_REDIS_URL"), "{messages:?}");
        assert!(
            messages.iter().all(|m| !m.contains("s3cret-pass")),
            "{messages:?}"
        );
    }
}
