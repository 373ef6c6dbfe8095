//! What fed one GraphQL request: the shortest time any provider answer it used stays fresh, and
//! the answers that were served stale. The HTTP layer turns it into `Cache-Control` and the
//! top-level `extensions.stale`.

use std::sync::Mutex;
use std::time::Duration;

#[derive(Debug, Default)]
pub struct RequestTrace {
    inner: Mutex<Fed>,
}

#[derive(Debug, Default)]
struct Fed {
    /// The shortest remaining freshness among the answers used (`None`: no provider answer).
    fresh_for: Option<Duration>,
    /// Something that must not be kept (chat messages, secrets) fed the request.
    uncacheable: bool,
    /// What was served past its TTL, in the order it was read.
    stale: Vec<String>,
}

impl RequestTrace {
    /// A provider answer still fresh for `remaining` fed the request.
    pub fn fed(&self, remaining: Duration) {
        let mut fed = self.lock();
        fed.fresh_for = Some(fed.fresh_for.map_or(remaining, |d| d.min(remaining)));
    }

    /// An answer that is never cached fed the request.
    pub fn fed_uncacheable(&self) {
        self.lock().uncacheable = true;
    }

    /// An answer past its TTL fed the request (its provider was failing).
    pub fn fed_stale(&self, what: &str) {
        let mut fed = self.lock();
        fed.fresh_for = Some(Duration::ZERO);
        if !fed.stale.iter().any(|s| s == what) {
            fed.stale.push(what.to_string());
        }
    }

    /// How long the whole answer may be kept: `None` when it must not be.
    pub fn max_age(&self, when_nothing_fed: Duration) -> Option<Duration> {
        let fed = self.lock();
        if fed.uncacheable {
            return None;
        }
        Some(fed.fresh_for.unwrap_or(when_nothing_fed))
    }

    pub fn stale(&self) -> Vec<String> {
        self.lock().stale.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Fed> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shortest_freshness_wins_and_uncacheable_overrides() {
        let trace = RequestTrace::default();
        let default = Duration::from_secs(5);
        assert_eq!(trace.max_age(default), Some(default));
        trace.fed(Duration::from_secs(40));
        trace.fed(Duration::from_secs(12));
        assert_eq!(trace.max_age(default), Some(Duration::from_secs(12)));
        trace.fed_stale("lisa shows.get /shows/x");
        trace.fed_stale("lisa shows.get /shows/x");
        assert_eq!(trace.max_age(default), Some(Duration::ZERO));
        assert_eq!(trace.stale(), vec!["lisa shows.get /shows/x"]);
        trace.fed_uncacheable();
        assert_eq!(trace.max_age(default), None);
    }
}
