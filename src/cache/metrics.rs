//! The cache's counters: readable by tests now, exported on `/metrics` by the production issue.

use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Debug, Default)]
pub(crate) struct CacheMetrics {
    hits: AtomicU64,
    misses: AtomicU64,
    stale_answers: AtomicU64,
    evictions: AtomicU64,
    invalidations: AtomicU64,
}

/// The counters at one instant.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CacheCounts {
    /// Reads answered by a fresh entry.
    pub hits: u64,
    /// Reads that called the provider (a read that joins another's call counts too).
    pub misses: u64,
    /// Reads answered by an entry past its TTL because the provider failed.
    pub stale_answers: u64,
    /// Entries dropped to keep the cache under its weight bound.
    pub evictions: u64,
    /// Entries removed by webhooks, mutations and operators.
    pub invalidations: u64,
}

impl CacheMetrics {
    pub(crate) fn hit(&self) {
        self.hits.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn miss(&self) {
        self.misses.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn stale_answer(&self) {
        self.stale_answers.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn eviction(&self) {
        self.evictions.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn invalidated(&self, entries: u64) {
        self.invalidations.fetch_add(entries, Ordering::Relaxed);
    }

    pub(crate) fn counts(&self) -> CacheCounts {
        CacheCounts {
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
            stale_answers: self.stale_answers.load(Ordering::Relaxed),
            evictions: self.evictions.load(Ordering::Relaxed),
            invalidations: self.invalidations.load(Ordering::Relaxed),
        }
    }
}
