//! Caast sends no webhooks, so its lives' starts and stops are seen by reading: every interval
//! (`GATEWAY_CAAST_POLL_INTERVAL`), and only while some subscription may hear a Caast live's
//! state (not one to LiSA's shows alone, nor to content changes), the poller reads the
//! started lives and the first page of those about to start, compares with the previous
//! reading, and reports each difference as an observation. [`Events`] makes one event of a
//! transition that a mutation already announced.
//!
//! The first reading after subscribers appear is a baseline: it announces nothing, since the
//! poller cannot tell what changed before it looked.
//!
//! With several replicas, only the one holding the poller's lease reads (see [`PollLease`]);
//! the others wait, and take over when it lapses.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use futures::future::BoxFuture;
use tokio::sync::watch;

use super::{EventSource, Events, LiveState, Observation};
use crate::cache::{EntityType, ProviderCache, Tag};
use crate::logged::clipped;
use crate::providers::caast::{self, CaastClient, ContentFilter, LiveOrder, LiveQuery};
use crate::providers::{Provider, ProviderClient, UpstreamError, Variant};

/// Pages of started lives read at most per round (20 lives a page).
const MAX_STARTED_PAGES: u32 = 10;

/// Each live's state, as one reading saw it.
type Reading = HashMap<String, LiveState>;

/// The right to poll, among replicas: held by one at a time, renewed by each of its rounds.
pub(crate) trait PollLease: Send + Sync + 'static {
    /// Takes or renews the lease; `false` when another replica holds it.
    fn hold(&self) -> BoxFuture<'_, bool>;
}

pub(crate) struct CaastPoller {
    /// A client that bypasses the cache: a poll must see the provider as it is now.
    client: CaastClient,
    events: Events,
    cache: Arc<ProviderCache>,
    interval: Duration,
    rounds: watch::Sender<u64>,
    /// `None`: this replica is the only one.
    lease: Option<Arc<dyn PollLease>>,
}

impl CaastPoller {
    /// Starts the poller; the receiver counts its successful readings (tests wait on it).
    pub(crate) fn spawn(
        client: &CaastClient,
        events: Events,
        cache: Arc<ProviderCache>,
        interval: Duration,
        lease: Option<Arc<dyn PollLease>>,
    ) -> watch::Receiver<u64> {
        let (rounds, counted) = watch::channel(0);
        let poller = Self {
            client: client.variant(Variant::WithoutCache),
            events,
            cache,
            interval,
            rounds,
            lease,
        };
        tokio::spawn(poller.run());
        counted
    }

    async fn run(self) {
        let mut subscribers = self.events.subscribers().watch_caast_listeners();
        loop {
            if subscribers.wait_for(|count| *count > 0).await.is_err() {
                return;
            }
            self.poll_while_subscribed(&mut subscribers).await;
        }
    }

    /// A baseline, then a comparison every interval, until no subscription may hear Caast.
    async fn poll_while_subscribed(&self, subscribers: &mut watch::Receiver<usize>) {
        let mut last: Option<Reading> = None;
        loop {
            if self.holds_lease().await {
                self.round(&mut last).await;
            } else {
                // Another replica polls; a reading of ours would compare with a stale one.
                last = None;
            }
            tokio::select! {
                () = tokio::time::sleep(self.interval) => {}
                result = subscribers.wait_for(|count| *count == 0) => {
                    if result.is_ok() {
                        return;
                    }
                }
            }
        }
    }

    async fn holds_lease(&self) -> bool {
        match &self.lease {
            Some(lease) => lease.hold().await,
            None => true,
        }
    }

    /// One reading, compared with the last one (if any) and kept for the next.
    async fn round(&self, last: &mut Option<Reading>) {
        match self.read().await {
            Ok(now) => {
                if let Some(before) = last.as_ref() {
                    self.report(before, &now).await;
                }
                *last = Some(now);
                self.rounds.send_modify(|round| *round += 1);
            }
            Err(error) => tracing::warn!(%error, "polling Caast lives failed"),
        }
    }

    /// The started lives and the first page of lives about to start.
    async fn read(&self) -> Result<Reading, UpstreamError> {
        let mut reading = Reading::new();
        for page in 1..=MAX_STARTED_PAGES {
            let lives = self.lives(caast::LiveState::Started, page).await?;
            let more = lives.next_page().is_some();
            reading.extend(
                lives
                    .items
                    .into_iter()
                    .map(|l| (l.id().to_string(), LiveState::Live)),
            );
            if !more {
                break;
            }
        }
        let soon = self.lives(caast::LiveState::NotStarted, 1).await?;
        reading.extend(
            soon.items
                .into_iter()
                .map(|l| (l.id().to_string(), LiveState::Scheduled)),
        );
        Ok(reading)
    }

    async fn lives(
        &self,
        state: caast::LiveState,
        page: u32,
    ) -> Result<caast::Page<caast::Live>, UpstreamError> {
        let query = LiveQuery {
            filter: ContentFilter::default(),
            state: Some(state),
            order: LiveOrder::StartDateAsc,
            page,
        };
        self.client.lives(&query).await
    }

    /// Reports what changed between two readings. A live that left the started list is read
    /// by id to learn where it went; a live that appears already started was scheduled.
    async fn report(&self, before: &Reading, now: &Reading) {
        for (id, state) in now {
            let previous = before.get(id).copied();
            let started_unseen = previous.is_none() && *state == LiveState::Live;
            if started_unseen || previous.is_some_and(|p| p != *state) {
                let assumed = previous.unwrap_or(LiveState::Scheduled);
                self.announce(id, *state, assumed).await;
            }
        }
        let stopped = before
            .iter()
            .filter(|(id, state)| **state == LiveState::Live && !now.contains_key(*id));
        for (id, _) in stopped {
            match self.client.live(id).await {
                Ok(live) => {
                    self.announce(id, LiveState::of_caast(live.state), LiveState::Live)
                        .await
                }
                Err(error) => {
                    tracing::warn!(%error, id = %clipped(id), "reading a Caast live that stopped failed")
                }
            }
        }
    }

    /// Drops the cached live (so subscribers read it fresh), then reports the observation.
    async fn announce(&self, id: &str, state: LiveState, assumed_previous: LiveState) {
        if state == assumed_previous {
            return;
        }
        let tags = [
            Tag::entity(Provider::Caast, EntityType::Live, id),
            Tag::list(Provider::Caast, EntityType::Live),
        ];
        self.cache.invalidate_tags(&tags).await;
        self.events.observe(Observation {
            provider: Provider::Caast,
            id: id.to_string(),
            channel: Vec::new(),
            state,
            assumed_previous: Some(assumed_previous),
            occurred_at: Utc::now(),
            source: EventSource::Poll,
        });
    }
}
