//! How long each kind of provider answer stays fresh, how long it may still answer while the
//! provider fails, and how much the cache may hold. Read from the configuration.

use std::time::Duration;

/// How fresh a kind of answer must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Freshness {
    /// One entity read by id (LiSA's are kept fresh by its webhooks).
    Entity,
    /// A list page or a count.
    List,
    /// Anything whose live state changes with no webhook to say so (Caast lives).
    LiveState,
    /// Never cached: chat messages (they change every second) and secrets (stream keys).
    Uncached,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CachePolicy {
    /// The bound of the cache's total weight (an entry weighs its provider answer's bytes).
    pub max_bytes: u64,
    pub entity_ttl: Duration,
    pub list_ttl: Duration,
    pub live_state_ttl: Duration,
    /// How long past its TTL an entry may still answer while its provider fails.
    pub stale_grace: Duration,
    /// The bound of the whole-answer cache in front of execution (0: off).
    pub response_max_bytes: u64,
}

impl Default for CachePolicy {
    fn default() -> Self {
        Self {
            max_bytes: 256 * 1024 * 1024,
            entity_ttl: Duration::from_secs(60),
            list_ttl: Duration::from_secs(15),
            live_state_ttl: Duration::from_secs(5),
            stale_grace: Duration::from_secs(60),
            response_max_bytes: 64 * 1024 * 1024,
        }
    }
}

impl CachePolicy {
    /// The TTL of a kind of answer (`None`: not cached, as nothing is when the bound is 0).
    pub(crate) fn ttl(&self, freshness: Freshness) -> Option<Duration> {
        if self.max_bytes == 0 {
            return None;
        }
        match freshness {
            Freshness::Entity => Some(self.entity_ttl),
            Freshness::List => Some(self.list_ttl),
            Freshness::LiveState => Some(self.live_state_ttl),
            Freshness::Uncached => None,
        }
    }

    /// The bound of the whole-answer cache, when it is on: it needs this cache, whose tags
    /// tell it which answers an invalidation makes wrong.
    pub(crate) fn response_cache_bytes(&self) -> Option<u64> {
        (self.max_bytes > 0 && self.response_max_bytes > 0).then_some(self.response_max_bytes)
    }

    /// The shortest TTL of any cached kind: how long an answer fed by no entry may be kept.
    pub(crate) fn shortest_ttl(&self) -> Duration {
        self.entity_ttl.min(self.list_ttl).min(self.live_state_ttl)
    }
}
