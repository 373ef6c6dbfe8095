//! Riding out a provider's bad moments. Reads the provider fails (no answer, a 5xx) are retried
//! with exponential backoff; timeouts are not (the request's own timeout must leave room for a
//! partial answer), and writes never are, since they may have landed.
//! A circuit breaker counts consecutive transient failures: past the threshold it opens and
//! every call fails fast (`UPSTREAM_CIRCUIT_OPEN`, which a stale cache entry may still cover)
//! until the cool-down has passed; then one call probes the provider, and its outcome closes
//! the circuit or opens it again.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How calls to one provider are retried and broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResiliencePolicy {
    /// Extra attempts of a read after a transient failure.
    pub retries: u32,
    /// The wait before the first retry; each next one waits twice as long.
    pub backoff: Duration,
    /// Consecutive transient failures that open the circuit.
    pub failures_to_open: u32,
    /// How long an open circuit refuses calls before it lets one probe through.
    pub cooldown: Duration,
}

/// Whether a call may go to the provider now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    Call,
    /// The circuit was open and its cool-down has passed: this call finds out.
    Probe,
    Refuse,
}

#[derive(Debug, Clone, Copy)]
enum State {
    Closed {
        failures: u32,
    },
    Open {
        until: Instant,
    },
    /// A probe is under way since then; other calls are refused meanwhile.
    Probing {
        since: Instant,
    },
}

#[derive(Debug)]
pub struct CircuitBreaker {
    policy: ResiliencePolicy,
    state: Mutex<State>,
}

impl CircuitBreaker {
    pub fn new(policy: ResiliencePolicy) -> Self {
        Self {
            policy,
            state: Mutex::new(State::Closed { failures: 0 }),
        }
    }

    pub fn policy(&self) -> ResiliencePolicy {
        self.policy
    }

    pub fn admit(&self) -> Admission {
        let mut state = self.state.lock().expect("never poisoned");
        let now = Instant::now();
        match *state {
            State::Closed { .. } => Admission::Call,
            // A probe that never reported (its request was cancelled) does not block forever.
            State::Open { until } | State::Probing { since: until }
                if now >= until + self.probe_allowance(&state) =>
            {
                *state = State::Probing { since: now };
                Admission::Probe
            }
            State::Open { .. } | State::Probing { .. } => Admission::Refuse,
        }
    }

    fn probe_allowance(&self, state: &State) -> Duration {
        match state {
            State::Probing { .. } => self.policy.cooldown,
            _ => Duration::ZERO,
        }
    }

    /// The provider answered (a 4xx is an answer too).
    pub fn answered(&self) {
        *self.state.lock().expect("never poisoned") = State::Closed { failures: 0 };
    }

    /// A transient failure; says whether the circuit is now open.
    pub fn failed(&self) -> bool {
        let mut state = self.state.lock().expect("never poisoned");
        let failures = match *state {
            State::Closed { failures } => failures + 1,
            State::Open { .. } | State::Probing { .. } => self.policy.failures_to_open,
        };
        *state = if failures >= self.policy.failures_to_open {
            State::Open {
                until: Instant::now() + self.policy.cooldown,
            }
        } else {
            State::Closed { failures }
        };
        matches!(*state, State::Open { .. })
    }

    /// The wait before retry number `attempt` (0 for the first retry).
    pub fn backoff(&self, attempt: u32) -> Duration {
        self.policy.backoff * 2u32.saturating_pow(attempt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn breaker(cooldown: Duration) -> CircuitBreaker {
        CircuitBreaker::new(ResiliencePolicy {
            retries: 2,
            backoff: Duration::from_millis(10),
            failures_to_open: 3,
            cooldown,
        })
    }

    #[test]
    fn consecutive_failures_open_the_circuit_and_an_answer_resets_the_count() {
        let breaker = breaker(Duration::from_secs(60));
        assert!(!breaker.failed());
        assert!(!breaker.failed());
        breaker.answered();
        assert!(
            !breaker.failed() && !breaker.failed(),
            "the count started again"
        );
        assert!(breaker.failed(), "the third in a row opens it");
        assert_eq!(breaker.admit(), Admission::Refuse);
    }

    #[test]
    fn after_the_cooldown_one_probe_goes_and_decides() {
        let breaker = breaker(Duration::ZERO);
        for _ in 0..3 {
            breaker.failed();
        }
        assert_eq!(breaker.admit(), Admission::Probe);
        breaker.failed();
        assert_eq!(
            breaker.admit(),
            Admission::Probe,
            "open again, cool-down zero"
        );
        breaker.answered();
        assert_eq!(
            breaker.admit(),
            Admission::Call,
            "the probe answered: closed"
        );
    }

    #[test]
    fn a_probe_under_way_holds_other_calls_back() {
        let breaker = breaker(Duration::from_secs(60));
        *breaker.state.lock().unwrap() = State::Open {
            until: Instant::now(),
        };
        assert_eq!(breaker.admit(), Admission::Probe);
        assert_eq!(breaker.admit(), Admission::Refuse);
    }

    #[test]
    fn backoff_doubles() {
        let breaker = breaker(Duration::ZERO);
        assert_eq!(breaker.backoff(0), Duration::from_millis(10));
        assert_eq!(breaker.backoff(2), Duration::from_millis(40));
    }
}
