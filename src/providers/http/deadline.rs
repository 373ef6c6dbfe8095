//! The deadline the calls of one GraphQL request's copy of a provider client share: each call
//! gets the lesser of the provider's timeout and what is left of the request's time, waits for
//! a slot among the provider's calls no longer than that, and is not started when too little
//! is left (its field then fails with `UPSTREAM_TIMEOUT`, and the answer keeps the rest).

use std::time::{Duration, Instant};

use super::UpstreamHttp;
use super::limiter::Permit;
use crate::providers::UpstreamError;

/// Least time left in which a call is still started: less cannot bring an answer back.
const SHORTEST_CALL: Duration = Duration::from_millis(20);

/// How long one call may take, and whether that is less than the provider's own timeout.
pub(super) struct Budget {
    pub(super) timeout: Duration,
    pub(super) cut_short: bool,
}

impl UpstreamHttp {
    /// A slot among the provider's concurrent calls, waited for until the deadline at most.
    pub(super) async fn slot(&self) -> Option<Permit<'_>> {
        let acquire = self.limiter.acquire();
        match self.deadline {
            Some(deadline) => tokio::time::timeout_at(deadline.into(), acquire).await.ok(),
            None => Some(acquire.await),
        }
    }

    /// The time one call may take now (`None`: too little is left of the deadline to start).
    pub(super) fn budget(&self) -> Option<Budget> {
        let Some(deadline) = self.deadline else {
            return Some(Budget {
                timeout: self.timeout,
                cut_short: false,
            });
        };
        let left = deadline.saturating_duration_since(Instant::now());
        (left >= SHORTEST_CALL).then(|| Budget {
            timeout: left.min(self.timeout),
            cut_short: left < self.timeout,
        })
    }

    /// Whether a call could still start after waiting `wait`.
    pub(super) fn has_time_after(&self, wait: Duration) -> bool {
        self.deadline
            .is_none_or(|deadline| Instant::now() + wait + SHORTEST_CALL <= deadline)
    }

    pub(super) fn out_of_time(&self) -> UpstreamError {
        UpstreamError::Timeout {
            provider: self.provider,
        }
    }
}
