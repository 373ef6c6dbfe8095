//! The shared cache in front of the providers. Every provider read goes through
//! [`ProviderCache::read`]: a fresh entry answers at once; otherwise one call per key is made,
//! however many requests miss it together (single flight), and its answer is stored with its
//! tags. Webhooks, mutations and operators invalidate by tag (`invalidate.rs`); an invalidation
//! is complete when it returns: a read that starts afterwards never sees the old value, not even
//! from a provider call that was already under way (its answer is not stored, and new readers do
//! not join it).
//!
//! Past its TTL an entry is kept for the stale grace: if its provider then fails or times out,
//! the old answer is served and the request's trace says so.
//!
//! Whole GraphQL answers built from these entries are kept beside them (`responses.rs`), and
//! every invalidation drops both.

mod broadcast;
mod call;
mod entry;
mod flights;
mod index;
mod invalidate;
mod metrics;
mod policy;
mod responses;
mod store;
mod tag;
mod trace;

use std::any::Any;
use std::future::Future;
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use tracing::Instrument;

use crate::providers::{Provider, UpstreamError};
pub(crate) use broadcast::{Broadcast, Change};
use call::Landing;
use entry::Entry;
use flights::Flights;
pub(crate) use index::CacheKey;
use index::TagIndex;
pub(crate) use invalidate::Invalidation;
pub use metrics::CacheCounts;
pub(crate) use metrics::CacheMetrics;
pub use policy::CachePolicy;
pub(crate) use policy::Freshness;
pub(crate) use responses::Answer;
pub use responses::{ResponseCache, ResponseCounts};
use store::TaggedEntries;
pub(crate) use tag::{EntityType, Tag, Tagged};
pub(crate) use trace::RequestTrace;

/// One read through the cache: which answer, how fresh it must be, what it is about.
pub(crate) struct Read<'a> {
    pub(crate) provider: Provider,
    pub(crate) key: CacheKey,
    /// What is read, for `extensions.stale` and the look-up's span.
    pub(crate) what: What<'a>,
    pub(crate) freshness: Freshness,
    /// Tags known before the answer (the list it answers); the answer adds its entities'.
    pub(crate) tags: Vec<Tag>,
    pub(crate) trace: Option<&'a RequestTrace>,
}

/// What a read is (`lisa shows.list /v1/shows?limit=50`: provider, operation, path and query;
/// never a secret), written out only when something shows it: a span that records, an entry
/// stored, a stale answer served. A hit writes nothing.
#[derive(Clone, Copy)]
pub(crate) struct What<'a> {
    pub(crate) provider: Provider,
    pub(crate) operation: &'a str,
    pub(crate) path: &'a (dyn std::fmt::Display + Sync),
}

impl std::fmt::Display for What<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Self {
            provider,
            operation,
            path,
        } = self;
        write!(f, "{} {operation} {path}", provider.as_str())
    }
}

pub struct ProviderCache {
    entries: TaggedEntries,
    flights: Flights<Landing>,
    policy: CachePolicy,
    metrics: Arc<CacheMetrics>,
    /// Whole GraphQL answers built from these entries, dropped along with them (`None`: off).
    responses: Option<ResponseCache>,
    /// Where invalidations go so that other replicas make them too (unset: one replica).
    broadcast: OnceLock<Arc<dyn Broadcast>>,
}

impl ProviderCache {
    pub(crate) fn new(policy: CachePolicy) -> Self {
        let metrics = Arc::new(CacheMetrics::default());
        let entries = TaggedEntries::new(policy.max_bytes, {
            let metrics = metrics.clone();
            move || metrics.eviction()
        });
        let responses = policy.response_cache_bytes().map(ResponseCache::new);
        Self {
            entries,
            flights: Flights::default(),
            policy,
            metrics,
            responses,
            broadcast: OnceLock::new(),
        }
    }

    /// Sends every invalidation made here to `broadcast` from now on.
    pub(crate) fn broadcast_to(&self, broadcast: Arc<dyn Broadcast>) {
        let _ = self.broadcast.set(broadcast);
    }

    /// The cache of whole GraphQL answers, when it is on.
    pub fn responses(&self) -> Option<&ResponseCache> {
        self.responses.as_ref()
    }

    pub(crate) fn policy(&self) -> &CachePolicy {
        &self.policy
    }

    pub fn counts(&self) -> CacheCounts {
        self.metrics.counts()
    }

    /// The total weight held now, as last accounted (metrics read it at each scrape).
    pub(crate) fn weight_now(&self) -> u64 {
        self.entries.weight_now()
    }

    /// The total weight held, once pending evictions have run (for tests).
    pub async fn weighted_size(&self) -> u64 {
        self.entries.weighted_size().await
    }

    /// The answer for `read.key`: fresh from the cache, else from `fetch` (which returns the
    /// decoded answer and its size in bytes), else — when the provider fails — stale. Runs in a
    /// `cache_lookup` span that says which.
    pub(crate) async fn read<T, Fut>(
        &self,
        read: Read<'_>,
        fetch: impl FnOnce() -> Fut,
    ) -> Result<T, UpstreamError>
    where
        T: Tagged + Clone + Send + Sync + 'static,
        Fut: Future<Output = Result<(T, usize), UpstreamError>> + Send + 'static,
    {
        let span = tracing::info_span!(
            "cache_lookup",
            what = %read.what,
            outcome = tracing::field::Empty
        );
        self.lookup(read, fetch, &span)
            .instrument(span.clone())
            .await
    }

    /// A fresh entry answers here. Anything else (no caching, a miss, a stale entry) calls the
    /// provider in a boxed future ([`Self::missed`] or `fetch`): a provider call's future is
    /// large, a hit's is small, and every resolver's future holds a read's (async-graphql
    /// allocates one per selected field).
    async fn lookup<T, Fut>(
        &self,
        read: Read<'_>,
        fetch: impl FnOnce() -> Fut,
        span: &tracing::Span,
    ) -> Result<T, UpstreamError>
    where
        T: Tagged + Clone + Send + Sync + 'static,
        Fut: Future<Output = Result<(T, usize), UpstreamError>> + Send + 'static,
    {
        if self.policy.ttl(read.freshness).is_none() {
            span.record("outcome", "uncached");
            if let Some(trace) = read.trace {
                trace.fed_uncacheable();
            }
            return Box::pin(self.shared(&read, fetch)).await;
        }
        let now = Instant::now();
        let cached = self.entries.get(&read.key).await;
        if let Some((entry, fresh_for)) = cached.as_ref().and_then(|e| Some((e, e.fresh_for(now)?)))
        {
            self.metrics.hit();
            span.record("outcome", "hit");
            if let Some(trace) = read.trace {
                trace.fed(fresh_for, &entry.tags);
            }
            return typed(entry, read.provider);
        }
        Box::pin(self.missed(read, fetch, cached, span)).await
    }

    /// A read no fresh entry answers: one provider call per key, else the stale entry when the
    /// provider fails.
    async fn missed<T, Fut>(
        &self,
        read: Read<'_>,
        fetch: impl FnOnce() -> Fut,
        cached: Option<Entry>,
        span: &tracing::Span,
    ) -> Result<T, UpstreamError>
    where
        T: Tagged + Clone + Send + Sync + 'static,
        Fut: Future<Output = Result<(T, usize), UpstreamError>> + Send + 'static,
    {
        self.metrics.miss();
        span.record("outcome", "miss");
        let answer = self.land(&read, fetch, Keep::Store).await;
        match (answer, cached) {
            (Ok(entry), _) => {
                if let Some(trace) = read.trace {
                    let fresh_for = entry.fresh_for(Instant::now()).unwrap_or_default();
                    trace.fed(fresh_for, &entry.tags);
                }
                typed(&entry, read.provider)
            }
            (Err(error), Some(stale)) if error.is_transient() => {
                self.metrics.stale_answer();
                span.record("outcome", "stale");
                if let Some(trace) = read.trace {
                    trace.fed_stale(&stale.what);
                }
                typed(&stale, read.provider)
            }
            (Err(error), _) => {
                // What the answer shows in place of the failed read (null, an error) cannot
                // be invalidated by any tag: it must not be kept.
                if let Some(trace) = read.trace {
                    trace.fed_uncacheable();
                }
                Err(error)
            }
        }
    }

    /// A read nothing keeps (the cache is off, or the answer is never cached): the identical
    /// reads under way at the same moment, from every request, share its one provider call
    /// and its answer (by reference), or its error.
    async fn shared<T, Fut>(
        &self,
        read: &Read<'_>,
        fetch: impl FnOnce() -> Fut,
    ) -> Result<T, UpstreamError>
    where
        T: Tagged + Clone + Send + Sync + 'static,
        Fut: Future<Output = Result<(T, usize), UpstreamError>> + Send + 'static,
    {
        let answer = self.land(read, fetch, Keep::Not).await;
        answer.and_then(|entry| typed(&entry, read.provider))
    }

    /// The entry of `read.key`'s flight: joined if one is under way, else started with `fetch`
    /// (on its own task: `call.rs`). The reader that lands it makes the entry, stores it when
    /// `keep` says so and no invalidation came since the flight began, and ends the flight.
    async fn land<T, Fut>(
        &self,
        read: &Read<'_>,
        fetch: impl FnOnce() -> Fut,
        keep: Keep,
    ) -> Result<Entry, UpstreamError>
    where
        T: Tagged + Send + Sync + 'static,
        Fut: Future<Output = Result<(T, usize), UpstreamError>> + Send + 'static,
    {
        let (flight, _) = self.flights.join(&read.key);
        let landing = &flight.work;
        let entry = landing.entry.get_or_init(|| async {
            let fetched = landing.answer(read.provider, fetch).await;
            let entry = fetched.map(|(value, tags, bytes)| self.entry(read, value, tags, bytes));
            if let (Ok(entry), Keep::Store) = (&entry, keep) {
                let store = || self.entries.insert(&read.key, entry.clone());
                self.flights
                    .store_if_current(flight.generation, store)
                    .await;
            }
            self.flights.land(&read.key, &flight);
            entry
        });
        entry.await.clone()
    }

    /// The entry of a value read under `read`, tagged with `read`'s tags and the value's own.
    fn entry(
        &self,
        read: &Read<'_>,
        value: Arc<dyn Any + Send + Sync>,
        own_tags: Vec<Tag>,
        bytes: usize,
    ) -> Entry {
        let ttl = self.policy.ttl(read.freshness).unwrap_or_default();
        let mut tags = read.tags.clone();
        tags.extend(own_tags);
        tags.sort_by_cached_key(ToString::to_string);
        tags.dedup();
        Entry {
            id: self.entries.next_id(),
            weight: entry::weight(bytes, &read.key, &tags),
            value,
            tags: tags.into(),
            fresh_until: Instant::now() + ttl,
            lifetime: ttl + self.policy.stale_grace,
            what: Arc::from(read.what.to_string()),
        }
    }
}

/// Whether a flight's entry is stored for later reads.
#[derive(Clone, Copy)]
enum Keep {
    Store,
    Not,
}

/// The entry's value as the type its key's operation decodes to (keys name the operation, so
/// another type means a bug, reported as an unreadable answer rather than a panic).
fn typed<T: Clone + 'static>(entry: &Entry, provider: Provider) -> Result<T, UpstreamError> {
    entry.value().ok_or_else(|| UpstreamError::BadResponse {
        provider,
        detail: format!("the cache holds another type for {}", entry.what),
    })
}

#[cfg(test)]
mod tests;
