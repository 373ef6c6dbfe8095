//! Whole GraphQL answers, kept in front of execution: storefront servers send the same few
//! queries over and over, and a kept answer is written without parsing or executing anything.
//!
//! An answer is kept under the key the execution builds (document, operation, variables,
//! locale, caller, media type) for the shortest freshness of the provider answers that fed it,
//! tagged with all their tags. It lives beside the provider-answer cache, which drops it with
//! any entry it was built from, in the same invalidation, right after the entries (so before a
//! webhook's 2xx; `invalidate.rs` says why in that order). Only answers without errors, fed
//! only by keepable reads, are kept; identical misses under way at once execute once (see
//! `flights.rs`).

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::{HeaderValue, StatusCode};
use tokio::sync::OnceCell;

use crate::metrics::OperationOutcome;

use super::entry::{self, Entry};
use super::flights::Flights;
use super::index::{CacheKey, TagIndex};
use super::store::TaggedEntries;
use super::tag::Tag;

/// One executed answer, ready to write: kept, or shared with the identical requests that
/// waited for it.
#[derive(Clone, Debug)]
pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    /// The serialised GraphQL response.
    pub(crate) body: Bytes,
    /// The body's validator, worked out the first time a GET asks for it.
    pub(crate) etag: OnceLock<HeaderValue>,
    /// How long it may be kept: the shortest freshness among what fed it (`None`: not at all,
    /// as for errors and secrets).
    pub(crate) keep_for: Option<Duration>,
    /// The tags of everything that fed it.
    pub(crate) tags: Arc<[Tag]>,
    /// The operation's name, for metrics and traces.
    pub(crate) operation: Option<Arc<str>>,
    /// How the operation ended, as metrics count it.
    pub(crate) outcome: OperationOutcome,
}

/// A kept answer, and how much longer it is fresh.
pub(crate) struct ResponseHit {
    pub(crate) answer: Arc<Answer>,
    pub(crate) fresh_for: Duration,
}

pub struct ResponseCache {
    entries: TaggedEntries,
    flights: Flights<OnceCell<Arc<Answer>>>,
    metrics: Arc<Counters>,
}

/// The response cache's counters at one instant.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ResponseCounts {
    /// Requests answered by a kept answer, without execution.
    pub hits: u64,
    /// Executions on a miss.
    pub misses: u64,
    /// Requests that waited for an identical request's execution instead of executing.
    pub coalesced: u64,
    /// Answers kept after execution.
    pub stored: u64,
    /// Answers executed but not kept (errors, uncacheable data, invalidated meanwhile).
    pub not_stored: u64,
    /// Kept answers removed by invalidations.
    pub invalidations: u64,
    /// Kept answers dropped to stay under the weight bound.
    pub evictions: u64,
}

#[derive(Default)]
struct Counters([AtomicU64; 7]);

#[derive(Clone, Copy)]
enum Counter {
    Hit,
    Miss,
    Coalesced,
    Stored,
    NotStored,
    Invalidated,
    Evicted,
}

impl Counters {
    fn add(&self, counter: Counter, n: u64) {
        self.0[counter as usize].fetch_add(n, Ordering::Relaxed);
    }

    fn get(&self, counter: Counter) -> u64 {
        self.0[counter as usize].load(Ordering::Relaxed)
    }
}

impl ResponseCache {
    /// A cache of at most `max_bytes` of answers (bodies, keys and tags).
    pub(crate) fn new(max_bytes: u64) -> Self {
        let metrics = Arc::new(Counters::default());
        let entries = TaggedEntries::new(max_bytes, {
            let metrics = metrics.clone();
            move || metrics.add(Counter::Evicted, 1)
        });
        Self {
            entries,
            flights: Flights::default(),
            metrics,
        }
    }

    /// The answer kept under `key`, while it is fresh.
    pub(crate) async fn hit(&self, key: &CacheKey) -> Option<ResponseHit> {
        let entry = self.entries.get(key).await?;
        let fresh_for = entry.fresh_for(Instant::now())?;
        let answer = entry.value::<Arc<Answer>>()?;
        self.metrics.add(Counter::Hit, 1);
        Some(ResponseHit { answer, fresh_for })
    }

    /// The answer of `execute`, run once however many identical requests miss together; kept
    /// when it may be. Returns whether this request waited for another's execution.
    pub(crate) async fn execute_once<Fut>(
        &self,
        key: &CacheKey,
        execute: impl FnOnce() -> Fut,
    ) -> (Arc<Answer>, bool)
    where
        Fut: Future<Output = Answer>,
    {
        let (flight, joined) = self.flights.join(key);
        if joined {
            self.metrics.add(Counter::Coalesced, 1);
        }
        let answer = flight
            .work
            .get_or_init(|| async {
                self.metrics.add(Counter::Miss, 1);
                let answer = Arc::new(execute().await);
                let kept = self.keep(key, &answer, flight.generation).await;
                self.metrics.add(
                    if kept {
                        Counter::Stored
                    } else {
                        Counter::NotStored
                    },
                    1,
                );
                self.flights.land(key, &flight);
                answer
            })
            .await
            .clone();
        (answer, joined)
    }

    /// Keeps `answer` if it may be kept and nothing was invalidated since its execution began.
    async fn keep(&self, key: &CacheKey, answer: &Arc<Answer>, generation: u64) -> bool {
        let Some(keep_for) = answer.keep_for.filter(|d| !d.is_zero()) else {
            return false;
        };
        let entry = Entry {
            id: self.entries.next_id(),
            weight: entry::weight(answer.body.len(), key, &answer.tags),
            value: Arc::new(answer.clone()),
            tags: answer.tags.clone(),
            fresh_until: Instant::now() + keep_for,
            lifetime: keep_for,
            what: answer.operation.clone().unwrap_or_else(|| Arc::from("")),
        };
        let store = || self.entries.insert(key, entry);
        self.flights.store_if_current(generation, store).await
    }

    /// Drops the answers `select` picks (the provider cache's invalidation calls it).
    pub(super) async fn invalidate_where(&self, select: &impl Fn(&TagIndex) -> Vec<CacheKey>) {
        let removed = self
            .flights
            .invalidate(self.entries.remove_where(select))
            .await;
        self.metrics.add(Counter::Invalidated, removed);
    }

    pub fn counts(&self) -> ResponseCounts {
        let get = |counter| self.metrics.get(counter);
        ResponseCounts {
            hits: get(Counter::Hit),
            misses: get(Counter::Miss),
            coalesced: get(Counter::Coalesced),
            stored: get(Counter::Stored),
            not_stored: get(Counter::NotStored),
            invalidations: get(Counter::Invalidated),
            evictions: get(Counter::Evicted),
        }
    }

    /// The total weight held now, as last accounted.
    pub(crate) fn weight_now(&self) -> u64 {
        self.entries.weight_now()
    }
}

#[cfg(test)]
mod tests;
