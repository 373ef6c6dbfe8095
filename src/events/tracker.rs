//! The last state announced for each live content, so one transition is one event however many
//! sources see it (a webhook and its retries, a mutation and the poll after it).

use moka::ops::compute::Op;
use moka::sync::Cache;
use std::time::Duration;

use super::{LiveState, Observation};
use crate::providers::Provider;

/// Contents remembered at most; the least recently changed are forgotten first.
const CAPACITY: u64 = 100_000;
/// A content not seen changing for this long is forgotten.
const FORGET_AFTER: Duration = Duration::from_secs(24 * 60 * 60);

pub(crate) struct StateTracker {
    known: Cache<(Provider, String), LiveState>,
}

impl Default for StateTracker {
    fn default() -> Self {
        Self {
            known: Cache::builder()
                .max_capacity(CAPACITY)
                .time_to_idle(FORGET_AFTER)
                .build(),
        }
    }
}

impl StateTracker {
    /// Records the observed state. `Some(previous)` when it is a transition (the state known
    /// before, else what the source assumed), `None` when that state was already announced.
    /// Observations of one content are applied one at a time.
    pub(crate) fn transition(&self, seen: &Observation) -> Option<Option<LiveState>> {
        let mut previous = None;
        let mut changed = false;
        self.known
            .entry((seen.provider, seen.id.clone()))
            .and_compute_with(|known| {
                let known = known.map(|entry| entry.into_value());
                if known == Some(seen.state) {
                    return Op::Nop;
                }
                changed = true;
                previous = known.or(seen.assumed_previous);
                Op::Put(seen.state)
            });
        changed.then_some(previous)
    }

    pub(crate) fn known(&self, provider: Provider, id: &str) -> Option<LiveState> {
        self.known.get(&(provider, id.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;
    use crate::events::EventSource;

    fn seen(state: LiveState, assumed_previous: Option<LiveState>) -> Observation {
        Observation {
            provider: Provider::Caast,
            id: "live-1".into(),
            channel: Vec::new(),
            state,
            assumed_previous,
            occurred_at: Utc::now(),
            source: EventSource::Poll,
        }
    }

    #[test]
    fn a_transition_is_announced_once_with_the_state_known_before() {
        let tracker = StateTracker::default();
        let start = seen(LiveState::Live, Some(LiveState::Scheduled));
        assert_eq!(tracker.transition(&start), Some(Some(LiveState::Scheduled)));
        assert_eq!(tracker.transition(&start), None, "seen twice, one event");
        let stop = seen(LiveState::Ended, None);
        assert_eq!(tracker.transition(&stop), Some(Some(LiveState::Live)));
        assert_eq!(
            tracker.known(Provider::Caast, "live-1"),
            Some(LiveState::Ended)
        );
        assert_eq!(tracker.known(Provider::Lisa, "live-1"), None);
    }
}
