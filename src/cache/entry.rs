//! One cached provider answer: the decoded value (any type, read back by the call that stored
//! it), its tags, when it stops being fresh and how much it weighs.

use std::any::Any;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::tag::Tag;

#[derive(Clone)]
pub(crate) struct Entry {
    /// Unique per stored answer, so the tag index can tell an entry from its replacement.
    pub(crate) id: u64,
    pub(crate) value: Arc<dyn Any + Send + Sync>,
    pub(crate) tags: Arc<[Tag]>,
    pub(crate) fresh_until: Instant,
    /// TTL plus the stale grace: how long the cache keeps the entry at all.
    pub(crate) lifetime: Duration,
    /// The provider's answer in bytes, plus the key and the tags.
    pub(crate) weight: u32,
    /// What the answer was, for `extensions.stale` (provider, operation, path; never a secret).
    pub(crate) what: Arc<str>,
}

impl Entry {
    pub(crate) fn fresh_for(&self, now: Instant) -> Option<Duration> {
        self.fresh_until.checked_duration_since(now)
    }

    pub(crate) fn value<T: Clone + 'static>(&self) -> Option<T> {
        self.value.downcast_ref::<T>().cloned()
    }
}

/// Weight of an entry: the answer's bytes and what the cache keeps beside it, saturating.
pub(crate) fn weight(answer_bytes: usize, key: &str, tags: &[Tag]) -> u32 {
    let tag_bytes: usize = tags
        .iter()
        .map(|t| 32 + t.id.as_ref().map_or(0, |id| id.len()))
        .sum();
    let total = answer_bytes
        .saturating_add(key.len())
        .saturating_add(tag_bytes);
    u32::try_from(total).unwrap_or(u32::MAX)
}
