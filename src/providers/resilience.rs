//! Riding out a provider's bad moments. Reads the provider fails (no answer, a 5xx) are retried
//! with exponential backoff; timeouts are not (the request's own timeout must leave room for a
//! partial answer), and writes never are, since they may have landed.
//!
//! A circuit breaker counts consecutive transient failures: past the threshold it opens and
//! calls fail fast (`UPSTREAM_CIRCUIT_OPEN`, which a stale cache entry may still cover). While it
//! is open, one call per cool-down goes through as a probe, and any answer from the provider
//! closes the circuit at once: recovery waits at most one (short) cool-down.
//!
//! Each admitted call carries a [`Ticket`] naming the circuit's epoch, which changes whenever the
//! circuit opens, lets a probe through or closes. A failure whose ticket is of an older epoch
//! (a call admitted before the circuit opened, timing out late) is stale: it neither reopens the
//! circuit nor restarts its cool-down.

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
    /// While the circuit is open, the time between probes (the first probe goes this long after
    /// the circuit opened).
    pub cooldown: Duration,
}

/// Whether a call may go to the provider now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Admission {
    /// Go, and report the outcome with this ticket.
    Call(Ticket),
    Refuse,
}

/// What an admitted call reports its failure with: the epoch it was admitted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Ticket {
    epoch: u64,
    /// The circuit was open and this call finds out whether the provider is back.
    pub(crate) probe: bool,
}

#[derive(Debug, Clone, Copy)]
enum State {
    Closed {
        failures: u32,
    },
    Open {
        next_probe: Instant,
    },
    /// A probe is under way since then; other calls are refused meanwhile.
    Probing {
        since: Instant,
    },
}

#[derive(Debug)]
struct Circuit {
    state: State,
    epoch: u64,
}

impl Circuit {
    fn enter(&mut self, state: State) {
        self.state = state;
        self.epoch += 1;
    }
}

#[derive(Debug)]
pub(crate) struct CircuitBreaker {
    policy: ResiliencePolicy,
    circuit: Mutex<Circuit>,
}

impl CircuitBreaker {
    pub(crate) fn new(policy: ResiliencePolicy) -> Self {
        Self {
            policy,
            circuit: Mutex::new(Circuit {
                state: State::Closed { failures: 0 },
                epoch: 0,
            }),
        }
    }

    pub(crate) fn policy(&self) -> ResiliencePolicy {
        self.policy
    }

    pub(crate) fn admit(&self) -> Admission {
        let mut circuit = self.lock();
        let now = Instant::now();
        let probe_due = match circuit.state {
            State::Closed { .. } => {
                let epoch = circuit.epoch;
                return Admission::Call(Ticket {
                    epoch,
                    probe: false,
                });
            }
            State::Open { next_probe } => now >= next_probe,
            // A probe that never reported (its request was cancelled) does not block forever.
            State::Probing { since } => now >= since + self.policy.cooldown,
        };
        if !probe_due {
            return Admission::Refuse;
        }
        circuit.enter(State::Probing { since: now });
        Admission::Call(Ticket {
            epoch: circuit.epoch,
            probe: true,
        })
    }

    /// The provider answered (a 4xx is an answer too): whatever call it was, the provider is
    /// up, and the circuit closes.
    pub(crate) fn answered(&self) {
        let mut circuit = self.lock();
        match circuit.state {
            State::Closed { .. } => circuit.state = State::Closed { failures: 0 },
            State::Open { .. } | State::Probing { .. } => {
                circuit.enter(State::Closed { failures: 0 });
            }
        }
    }

    /// A transient failure of the call admitted with `ticket`; says whether it opened the
    /// circuit. A stale ticket's failure changes nothing.
    pub(crate) fn failed(&self, ticket: Ticket) -> bool {
        let mut circuit = self.lock();
        if ticket.epoch != circuit.epoch {
            return false;
        }
        let failures = match circuit.state {
            State::Closed { failures } => failures + 1,
            State::Open { .. } | State::Probing { .. } => self.policy.failures_to_open,
        };
        if failures < self.policy.failures_to_open {
            circuit.state = State::Closed { failures };
            return false;
        }
        let next_probe = Instant::now() + self.policy.cooldown;
        circuit.enter(State::Open { next_probe });
        !ticket.probe
    }

    /// The wait before retry number `attempt` (0 for the first retry).
    pub(crate) fn backoff(&self, attempt: u32) -> Duration {
        self.policy.backoff * 2u32.saturating_pow(attempt)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Circuit> {
        self.circuit.lock().expect("never poisoned")
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

    fn ticket(breaker: &CircuitBreaker) -> Ticket {
        match breaker.admit() {
            Admission::Call(ticket) => ticket,
            Admission::Refuse => panic!("the circuit refused a call"),
        }
    }

    /// Admits and fails as many calls as open the circuit.
    fn fail_until_open(breaker: &CircuitBreaker) {
        for _ in 0..3 {
            let call = ticket(breaker);
            breaker.failed(call);
        }
    }

    /// Opens the circuit, and checks it refuses (its cool-down must not be zero).
    fn open(breaker: &CircuitBreaker) {
        fail_until_open(breaker);
        assert_eq!(breaker.admit(), Admission::Refuse, "open");
    }

    #[test]
    fn consecutive_failures_open_the_circuit_and_an_answer_resets_the_count() {
        let breaker = breaker(Duration::from_secs(60));
        assert!(!breaker.failed(ticket(&breaker)));
        assert!(!breaker.failed(ticket(&breaker)));
        breaker.answered();
        assert!(
            !breaker.failed(ticket(&breaker)) && !breaker.failed(ticket(&breaker)),
            "the count started again"
        );
        assert!(
            breaker.failed(ticket(&breaker)),
            "the third in a row opens it"
        );
        assert_eq!(breaker.admit(), Admission::Refuse);
    }

    #[test]
    fn after_the_cooldown_one_probe_goes_and_decides() {
        let breaker = breaker(Duration::ZERO);
        fail_until_open(&breaker);
        let probe = ticket(&breaker);
        assert!(probe.probe);
        assert!(
            !breaker.failed(probe),
            "a failed probe does not open it anew"
        );
        let probe = ticket(&breaker);
        assert!(
            probe.probe,
            "open again, cool-down zero: the next call probes"
        );
        breaker.answered();
        let call = ticket(&breaker);
        assert!(!call.probe, "the probe answered: closed");
    }

    #[test]
    fn a_probe_under_way_holds_other_calls_back() {
        let breaker = breaker(Duration::from_secs(60));
        breaker.lock().enter(State::Open {
            next_probe: Instant::now(),
        });
        assert!(ticket(&breaker).probe);
        assert_eq!(breaker.admit(), Admission::Refuse);
    }

    #[test]
    fn any_answer_closes_an_open_circuit_at_once() {
        let breaker = breaker(Duration::from_secs(60));
        let late = ticket(&breaker);
        open(&breaker);
        breaker.answered();
        assert!(
            !ticket(&breaker).probe,
            "closed without waiting out the cool-down"
        );
        assert!(!breaker.failed(late), "and a stale failure does not count");
    }

    #[test]
    fn a_failure_admitted_before_the_circuit_opened_neither_reopens_nor_restarts_it() {
        let breaker = breaker(Duration::from_secs(60));
        let stale = ticket(&breaker);
        open(&breaker);
        let next_probe = |b: &CircuitBreaker| match b.lock().state {
            State::Open { next_probe } => next_probe,
            other => panic!("not open: {other:?}"),
        };
        let before = next_probe(&breaker);
        assert!(!breaker.failed(stale));
        assert_eq!(
            next_probe(&breaker),
            before,
            "the cool-down was not restarted"
        );

        breaker.answered();
        let after_close = ticket(&breaker);
        assert!(
            !breaker.failed(stale),
            "nor does it count once closed again"
        );
        assert!(!breaker.failed(after_close));
        assert!(!breaker.failed(ticket(&breaker)));
        assert!(
            breaker.failed(ticket(&breaker)),
            "only the three current failures opened it"
        );
    }

    #[test]
    fn a_probe_that_never_reported_lets_another_through_after_a_cooldown() {
        let breaker = breaker(Duration::ZERO);
        fail_until_open(&breaker);
        let lost = ticket(&breaker);
        let next = ticket(&breaker);
        assert!(lost.probe && next.probe);
        assert!(
            !breaker.failed(lost),
            "the lost probe's late failure is stale"
        );
        assert!(matches!(breaker.lock().state, State::Probing { .. }));
    }

    #[test]
    fn backoff_doubles() {
        let breaker = breaker(Duration::ZERO);
        assert_eq!(breaker.backoff(0), Duration::from_millis(10));
        assert_eq!(breaker.backoff(2), Duration::from_millis(40));
    }
}
