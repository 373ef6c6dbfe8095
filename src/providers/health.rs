//! How each provider last fared, for `/readyz`: a gateway whose providers stopped answering
//! should be taken out of the load balancer, not a process that is merely alive.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The outcome of the latest call to a provider.
#[derive(Debug, Default)]
pub(crate) struct ProviderHealth {
    last: Mutex<Option<(Instant, Outcome)>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// A success, or a 4xx other than 401: the provider is up and accepts our credentials.
    Answered,
    /// No answer, a 5xx or a 401.
    Failed,
}

impl ProviderHealth {
    pub(crate) fn record_answer(&self) {
        self.record(Outcome::Answered);
    }

    pub(crate) fn record_failure(&self) {
        self.record(Outcome::Failed);
    }

    /// Whether the latest call answered, within `window`. A failure since then means "not
    /// known to be ready" until the next answer.
    pub(crate) fn answered_within(&self, window: Duration) -> bool {
        let last = *self.last.lock().expect("health lock");
        last.is_some_and(|(at, outcome)| outcome == Outcome::Answered && at.elapsed() <= window)
    }

    fn record(&self, outcome: Outcome) {
        *self.last.lock().expect("health lock") = Some((Instant::now(), outcome));
    }
}
