//! What fed one GraphQL request: the shortest time any provider answer it used stays fresh, the
//! tags of those answers, and the answers that were served stale. The execution turns it into
//! `Cache-Control`, the top-level `extensions.stale`, and the response cache's entry.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::tag::Tag;
use crate::providers::DroppedItem;

/// Left-out items reported in one answer at most (the metric counts them all).
const MAX_DROPPED: usize = 100;

#[derive(Debug, Default)]
pub(crate) struct RequestTrace {
    inner: Mutex<Fed>,
}

#[derive(Debug, Default)]
struct Fed {
    /// The shortest remaining freshness among the answers used (`None`: no provider answer).
    fresh_for: Option<Duration>,
    /// Something that must not be kept (chat messages, secrets, a failed read) fed the request.
    uncacheable: bool,
    /// The tags of every answer used: invalidating any of them makes the request's answer
    /// wrong. Each answer's own list, shared with its cache entry: a page of fifty shows feeds
    /// hundreds of tags, which are only gathered into one set if the answer is kept.
    tags: Vec<Arc<[Tag]>>,
    /// What was served past its TTL, in the order it was read.
    stale: Vec<String>,
    /// Items left out of the answers used, each once, in the order read.
    dropped: Vec<DroppedItem>,
    /// Which answer's items are in `dropped` (hashes of the answer's key and the item).
    dropped_seen: HashSet<u64>,
}

impl RequestTrace {
    /// A provider answer still fresh for `remaining`, about `tags`, fed the request.
    pub(crate) fn fed(&self, remaining: Duration, tags: &Arc<[Tag]>) {
        let mut fed = self.lock();
        fed.fresh_for = Some(fed.fresh_for.map_or(remaining, |d| d.min(remaining)));
        fed.tags.push(Arc::clone(tags));
    }

    /// An answer that is never cached (or no answer: the read failed) fed the request.
    pub(crate) fn fed_uncacheable(&self) {
        self.lock().uncacheable = true;
    }

    /// An answer past its TTL fed the request (its provider was failing).
    pub(crate) fn fed_stale(&self, what: &str) {
        let mut fed = self.lock();
        fed.fresh_for = Some(Duration::ZERO);
        if !fed.stale.iter().any(|s| s == what) {
            fed.stale.push(what.to_string());
        }
    }

    /// The answer read under `key` left these items out (each is recorded once per request,
    /// however often the answer is read).
    pub(crate) fn fed_dropped(&self, key: &str, items: &[DroppedItem]) {
        let mut fed = self.lock();
        for item in items {
            let mut hasher = DefaultHasher::new();
            (key, item).hash(&mut hasher);
            if fed.dropped.len() < MAX_DROPPED && fed.dropped_seen.insert(hasher.finish()) {
                fed.dropped.push(item.clone());
            }
        }
    }

    /// How long the whole answer may be kept: `None` when it must not be.
    pub(crate) fn max_age(&self, when_nothing_fed: Duration) -> Option<Duration> {
        let fed = self.lock();
        if fed.uncacheable {
            return None;
        }
        Some(fed.fresh_for.unwrap_or(when_nothing_fed))
    }

    /// The tags of everything that fed the request, in no particular order.
    pub(crate) fn tags(&self) -> Vec<Tag> {
        let fed = self.lock();
        let distinct: HashSet<&Tag> = fed.tags.iter().flat_map(|tags| tags.iter()).collect();
        distinct.into_iter().cloned().collect()
    }

    pub(crate) fn stale(&self) -> Vec<String> {
        self.lock().stale.clone()
    }

    /// The items left out of the answers that fed the request.
    pub(crate) fn dropped(&self) -> Vec<DroppedItem> {
        self.lock().dropped.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Fed> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::EntityType;

    #[test]
    fn the_shortest_freshness_wins_and_uncacheable_overrides() {
        let trace = RequestTrace::default();
        let default = Duration::from_secs(5);
        assert_eq!(trace.max_age(default), Some(default));
        let show = |id| Tag::entity(crate::providers::Provider::Lisa, EntityType::Show, id);
        trace.fed(Duration::from_secs(40), &Arc::from([show("a")]));
        trace.fed(Duration::from_secs(12), &Arc::from([show("a"), show("b")]));
        assert_eq!(trace.max_age(default), Some(Duration::from_secs(12)));
        let mut tags = trace.tags();
        tags.sort_by_key(ToString::to_string);
        assert_eq!(tags, vec![show("a"), show("b")]);
        trace.fed_stale("lisa shows.get /shows/x");
        trace.fed_stale("lisa shows.get /shows/x");
        assert_eq!(trace.max_age(default), Some(Duration::ZERO));
        assert_eq!(trace.stale(), vec!["lisa shows.get /shows/x"]);
        trace.fed_uncacheable();
        assert_eq!(trace.max_age(default), None);
    }

    #[test]
    fn a_dropped_item_is_recorded_once_per_answer_and_the_record_is_bounded() {
        let item = |i: usize| DroppedItem {
            provider: crate::providers::Provider::Lisa,
            operation: "shows.find",
            at: format!("items[{i}]"),
            reason: "it has no id",
        };
        let trace = RequestTrace::default();
        trace.fed_dropped("first page", &[item(1)]);
        trace.fed_dropped("first page", &[item(1)]);
        trace.fed_dropped("second page", &[item(1)]);
        assert_eq!(
            trace.dropped(),
            vec![item(1), item(1)],
            "once per answer read"
        );
        let many: Vec<DroppedItem> = (0..500).map(item).collect();
        trace.fed_dropped("a long page", &many);
        assert_eq!(trace.dropped().len(), MAX_DROPPED);
    }
}
