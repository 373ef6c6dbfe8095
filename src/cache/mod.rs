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

mod entry;
mod index;
mod invalidate;
mod metrics;
mod policy;
mod tag;
mod trace;

use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use moka::notification::RemovalCause;
use tokio::sync::{OnceCell, RwLock};
use tracing::Instrument;

use crate::providers::{Provider, UpstreamError};
use entry::Entry;
pub use index::CacheKey;
use index::TagIndex;
pub use invalidate::Invalidation;
pub use metrics::{CacheCounts, CacheMetrics};
pub use policy::{CachePolicy, Freshness};
pub use tag::{EntityType, Tag, Tagged};
pub use trace::RequestTrace;

/// One read through the cache: which answer, how fresh it must be, what it is about.
pub struct Read<'a> {
    pub provider: Provider,
    pub key: CacheKey,
    /// Provider, operation and path, for `extensions.stale`.
    pub what: &'a str,
    pub freshness: Freshness,
    /// Tags known before the answer (the list it answers); the answer adds its entities'.
    pub tags: Vec<Tag>,
    pub trace: Option<&'a RequestTrace>,
}

pub struct ProviderCache {
    entries: moka::future::Cache<CacheKey, Entry>,
    index: Arc<TagIndex>,
    flights: Mutex<Flights>,
    /// Held for writing by an invalidation, for reading by a store: a store never lands between
    /// an invalidation's start and its end.
    gate: RwLock<()>,
    policy: CachePolicy,
    metrics: Arc<CacheMetrics>,
    next_entry_id: AtomicU64,
}

/// The provider calls under way, by key, and the invalidation generation they started in.
#[derive(Default)]
struct Flights {
    generation: u64,
    pending: HashMap<CacheKey, Flight>,
}

#[derive(Clone)]
struct Flight {
    generation: u64,
    answer: Arc<OnceCell<Result<Entry, UpstreamError>>>,
}

impl ProviderCache {
    pub fn new(policy: CachePolicy) -> Self {
        let index = Arc::new(TagIndex::default());
        let metrics = Arc::new(CacheMetrics::default());
        let entries = moka::future::Cache::builder()
            .max_capacity(policy.max_bytes)
            .weigher(|_key: &CacheKey, entry: &Entry| entry.weight)
            .expire_after(Lifetime)
            .eviction_listener({
                let (index, metrics) = (index.clone(), metrics.clone());
                move |key: Arc<CacheKey>, entry: Entry, cause| {
                    if cause == RemovalCause::Size {
                        metrics.eviction();
                    }
                    if cause != RemovalCause::Replaced {
                        index.remove(&key, entry.id);
                    }
                }
            })
            .build();
        Self {
            entries,
            index,
            flights: Mutex::default(),
            gate: RwLock::new(()),
            policy,
            metrics,
            next_entry_id: AtomicU64::new(1),
        }
    }

    pub fn policy(&self) -> &CachePolicy {
        &self.policy
    }

    pub fn counts(&self) -> CacheCounts {
        self.metrics.counts()
    }

    /// The total weight held now, as last accounted (metrics read it at each scrape).
    pub fn weight_now(&self) -> u64 {
        self.entries.weighted_size()
    }

    /// The total weight held, once pending evictions have run (for tests).
    pub async fn weighted_size(&self) -> u64 {
        self.entries.run_pending_tasks().await;
        self.entries.weighted_size()
    }

    /// The answer for `read.key`: fresh from the cache, else from `fetch` (which returns the
    /// decoded answer and its size in bytes), else — when the provider fails — stale. Runs in a
    /// `cache_lookup` span that says which.
    pub async fn read<T, Fut>(
        &self,
        read: Read<'_>,
        fetch: impl FnOnce() -> Fut,
    ) -> Result<T, UpstreamError>
    where
        T: Tagged + Clone + Send + Sync + 'static,
        Fut: Future<Output = Result<(T, usize), UpstreamError>>,
    {
        let span = tracing::info_span!(
            "cache_lookup",
            what = read.what,
            outcome = tracing::field::Empty
        );
        self.lookup(read, fetch, &span)
            .instrument(span.clone())
            .await
    }

    async fn lookup<T, Fut>(
        &self,
        read: Read<'_>,
        fetch: impl FnOnce() -> Fut,
        span: &tracing::Span,
    ) -> Result<T, UpstreamError>
    where
        T: Tagged + Clone + Send + Sync + 'static,
        Fut: Future<Output = Result<(T, usize), UpstreamError>>,
    {
        if self.policy.ttl(read.freshness).is_none() {
            span.record("outcome", "uncached");
            if let Some(trace) = read.trace {
                trace.fed_uncacheable();
            }
            return fetch().await.map(|(value, _)| value);
        }
        let now = Instant::now();
        let cached = self.entries.get(&read.key).await;
        if let Some((entry, fresh_for)) = cached.as_ref().and_then(|e| Some((e, e.fresh_for(now)?)))
        {
            self.metrics.hit();
            span.record("outcome", "hit");
            if let Some(trace) = read.trace {
                trace.fed(fresh_for);
            }
            return typed(entry, read.provider);
        }
        self.metrics.miss();
        span.record("outcome", "miss");
        let flight = self.join_flight(&read.key);
        let answer = flight
            .answer
            .get_or_init(|| self.fetch_and_store(&read, &flight, fetch))
            .await
            .clone();
        match (answer, cached) {
            (Ok(entry), _) => {
                if let Some(trace) = read.trace {
                    trace.fed(entry.fresh_for(Instant::now()).unwrap_or_default());
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
            (Err(error), _) => Err(error),
        }
    }

    /// The call under way for `key`, or a new one.
    fn join_flight(&self, key: &CacheKey) -> Flight {
        let mut flights = self.lock_flights();
        let generation = flights.generation;
        flights
            .pending
            .entry(key.clone())
            .or_insert_with(|| Flight {
                generation,
                answer: Arc::default(),
            })
            .clone()
    }

    async fn fetch_and_store<T, Fut>(
        &self,
        read: &Read<'_>,
        flight: &Flight,
        fetch: impl FnOnce() -> Fut,
    ) -> Result<Entry, UpstreamError>
    where
        T: Tagged + Send + Sync + 'static,
        Fut: Future<Output = Result<(T, usize), UpstreamError>>,
    {
        let answer = fetch()
            .await
            .map(|(value, bytes)| self.entry(read, value, bytes));
        if let Ok(entry) = &answer {
            self.store(&read.key, entry, flight.generation).await;
        }
        self.land(&read.key, flight);
        answer
    }

    fn entry<T: Tagged + Send + Sync + 'static>(
        &self,
        read: &Read<'_>,
        value: T,
        bytes: usize,
    ) -> Entry {
        let ttl = self.policy.ttl(read.freshness).unwrap_or_default();
        let mut tags = read.tags.clone();
        value.add_tags(&mut tags);
        tags.sort_by_cached_key(ToString::to_string);
        tags.dedup();
        Entry {
            id: self.next_entry_id.fetch_add(1, Ordering::Relaxed),
            weight: entry::weight(bytes, &read.key, &tags),
            value: Arc::new(value),
            tags: tags.into(),
            fresh_until: Instant::now() + ttl,
            lifetime: ttl + self.policy.stale_grace,
            what: Arc::from(read.what),
        }
    }

    /// Stores an answer, unless an invalidation ran since its call started (it may be older
    /// than what the invalidation announced).
    async fn store(&self, key: &CacheKey, entry: &Entry, generation: u64) {
        let _gate = self.gate.read().await;
        if self.lock_flights().generation != generation {
            return;
        }
        self.index.add(key, entry.id, &entry.tags);
        self.entries.insert(key.clone(), entry.clone()).await;
    }

    /// The call is over: later readers read the cache (or start a new call).
    fn land(&self, key: &CacheKey, flight: &Flight) {
        let mut flights = self.lock_flights();
        if flights
            .pending
            .get(key)
            .is_some_and(|f| Arc::ptr_eq(&f.answer, &flight.answer))
        {
            flights.pending.remove(key);
        }
    }

    fn lock_flights(&self) -> std::sync::MutexGuard<'_, Flights> {
        self.flights.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The entry's value as the type its key's operation decodes to (keys name the operation, so
/// another type means a bug, reported as an unreadable answer rather than a panic).
fn typed<T: Clone + 'static>(entry: &Entry, provider: Provider) -> Result<T, UpstreamError> {
    entry.value().ok_or_else(|| UpstreamError::BadResponse {
        provider,
        detail: format!("the cache holds another type for {}", entry.what),
    })
}

/// Each entry lives for its own TTL plus the stale grace, also when it replaces another.
struct Lifetime;

impl moka::Expiry<CacheKey, Entry> for Lifetime {
    fn expire_after_create(
        &self,
        _: &CacheKey,
        entry: &Entry,
        _: Instant,
    ) -> Option<std::time::Duration> {
        Some(entry.lifetime)
    }

    fn expire_after_update(
        &self,
        _: &CacheKey,
        entry: &Entry,
        _: Instant,
        _: Option<std::time::Duration>,
    ) -> Option<std::time::Duration> {
        Some(entry.lifetime)
    }
}

#[cfg(test)]
mod tests;
