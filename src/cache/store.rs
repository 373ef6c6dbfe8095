//! Tagged entries bounded by weight: a moka cache, and the index of which keys carry which
//! tags, kept in step (an entry that expires or is evicted leaves the index). Both caches hold
//! their entries in one.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use moka::notification::RemovalCause;

use super::entry::Entry;
use super::index::{CacheKey, TagIndex};

pub(crate) struct TaggedEntries {
    /// Hashed with foldhash: every provider read and every response-cache look-up hashes a key
    /// of a few hundred bytes, and SipHash showed in the executed path's profile.
    entries: moka::future::Cache<CacheKey, Entry, foldhash::fast::RandomState>,
    index: Arc<TagIndex>,
    next_entry_id: AtomicU64,
}

impl TaggedEntries {
    /// At most `max_bytes` of entries; `evicted` is told of each entry dropped for room.
    pub(crate) fn new(max_bytes: u64, evicted: impl Fn() + Send + Sync + 'static) -> Self {
        let index = Arc::new(TagIndex::default());
        let entries = moka::future::Cache::builder()
            .max_capacity(max_bytes)
            .weigher(|_key: &CacheKey, entry: &Entry| entry.weight)
            .expire_after(Lifetime)
            .eviction_listener({
                let index = index.clone();
                move |key: Arc<CacheKey>, entry: Entry, cause| {
                    if cause == RemovalCause::Size {
                        evicted();
                    }
                    if cause != RemovalCause::Replaced {
                        index.remove(&key, entry.id);
                    }
                }
            })
            .build_with_hasher(foldhash::fast::RandomState::default());
        Self {
            entries,
            index,
            next_entry_id: AtomicU64::new(1),
        }
    }

    /// A new entry's id: unique, so the index can tell an entry from its replacement.
    pub(crate) fn next_id(&self) -> u64 {
        self.next_entry_id.fetch_add(1, Ordering::Relaxed)
    }

    pub(crate) async fn get(&self, key: &CacheKey) -> Option<Entry> {
        self.entries.get(key).await
    }

    /// Stores `entry` under `key`, indexed by its tags.
    pub(crate) async fn insert(&self, key: &CacheKey, entry: Entry) {
        self.index.add(key, entry.id, &entry.tags);
        self.entries.insert(key.clone(), entry).await;
    }

    /// Removes the entries `select` picks from the index; returns how many there were.
    pub(crate) async fn remove_where(&self, select: impl Fn(&TagIndex) -> Vec<CacheKey>) -> u64 {
        let mut removed = 0;
        for key in select(&self.index) {
            if self.entries.remove(&key).await.is_some() {
                removed += 1;
            }
        }
        removed
    }

    /// The total weight held now, as last accounted.
    pub(crate) fn weight_now(&self) -> u64 {
        self.entries.weighted_size()
    }

    /// The total weight held, once pending evictions have run.
    pub(crate) async fn weighted_size(&self) -> u64 {
        self.entries.run_pending_tasks().await;
        self.entries.weighted_size()
    }
}

/// Each entry lives for its own lifetime, also when it replaces another.
struct Lifetime;

impl moka::Expiry<CacheKey, Entry> for Lifetime {
    fn expire_after_create(&self, _: &CacheKey, entry: &Entry, _: Instant) -> Option<Duration> {
        Some(entry.lifetime)
    }

    fn expire_after_update(
        &self,
        _: &CacheKey,
        entry: &Entry,
        _: Instant,
        _: Option<Duration>,
    ) -> Option<Duration> {
        Some(entry.lifetime)
    }
}
