//! How many calls one provider gets at once, learnt rather than guessed. Neither provider
//! documents a rate limit, and a fixed cap is wrong both ways: too low, and requests queue
//! behind it while the provider idles (a far provider holds each call for its whole round
//! trip); too high, and an overloaded provider gets more of what overloads it.
//!
//! The limit moves as TCP's window does (AIMD, as Netflix's concurrency-limits does it): a call
//! that used the limit (at least half of it in flight) and was answered without its latency
//! rising (at most twice the recent average) raises it by one; a call the provider was too
//! busy for (a timeout, a 5xx, a 429) cuts it by a tenth. It stays within the configured bounds.

use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use tokio::sync::Notify;

/// What the limit starts at, within the bounds: the fixed cap it replaces.
const INITIAL: usize = 16;
/// What an overloaded call leaves of the limit.
const BACKOFF: f64 = 0.9;
/// Weight of the latest call in the average latency.
const SMOOTHING: f64 = 0.05;
/// A call slower than this many times the average does not raise the limit.
const SLOWER: f64 = 2.0;

/// The least and the most calls at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Bounds {
    pub(crate) min: usize,
    pub(crate) max: usize,
}

/// How a call went, as the limit learns from it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Outcome {
    /// The provider answered (any status it does not send when busy), in this time.
    Answered(Duration),
    /// The provider was too busy: a timeout, a 5xx, a 429.
    Overloaded,
    /// Says nothing of the provider's load (it could not be reached).
    Ignored,
}

#[derive(Debug)]
pub(crate) struct Limiter {
    bounds: Bounds,
    state: Mutex<State>,
    freed: Notify,
}

#[derive(Debug)]
struct State {
    limit: f64,
    in_flight: usize,
    queued: usize,
    /// Average latency of answered calls, in seconds (`None` before the first).
    average: Option<f64>,
}

/// A call's place among the provider's calls; report how it went, or drop it (cancelled).
#[derive(Debug)]
pub(crate) struct Permit<'a> {
    limiter: &'a Limiter,
    /// Calls in flight when it was let through, itself included.
    in_flight: usize,
}

impl Limiter {
    pub(crate) fn new(bounds: Bounds) -> Self {
        let bounds = Bounds {
            min: bounds.min.max(1),
            max: bounds.max.max(bounds.min.max(1)),
        };
        Self {
            bounds,
            state: Mutex::new(State {
                limit: INITIAL.clamp(bounds.min, bounds.max) as f64,
                in_flight: 0,
                queued: 0,
                average: None,
            }),
            freed: Notify::new(),
        }
    }

    /// Waits for a place among the provider's calls.
    pub(crate) async fn acquire(&self) -> Permit<'_> {
        if let Some(permit) = self.try_acquire() {
            return permit;
        }
        self.lock().queued += 1;
        let _queued = Queued(self);
        loop {
            let freed = self.freed.notified();
            tokio::pin!(freed);
            freed.as_mut().enable();
            if let Some(permit) = self.try_acquire() {
                return permit;
            }
            freed.await;
        }
    }

    fn try_acquire(&self) -> Option<Permit<'_>> {
        let mut state = self.lock();
        if (state.in_flight as f64) >= state.limit.floor() {
            return None;
        }
        state.in_flight += 1;
        Some(Permit {
            limiter: self,
            in_flight: state.in_flight,
        })
    }

    /// The current limit.
    pub(crate) fn limit(&self) -> usize {
        self.lock().limit.floor() as usize
    }

    /// Calls waiting for a place.
    pub(crate) fn queued(&self) -> usize {
        self.lock().queued
    }

    fn learn(&self, state: &mut State, used: usize, outcome: Outcome) {
        let Bounds { min, max } = self.bounds;
        match outcome {
            Outcome::Answered(latency) => {
                let seconds = latency.as_secs_f64();
                let average = *state.average.get_or_insert(seconds);
                let used_the_limit = (used as f64) * 2.0 >= state.limit.floor();
                if used_the_limit && seconds <= average * SLOWER {
                    state.limit = (state.limit + 1.0).min(max as f64);
                }
                state.average = Some(average + (seconds - average) * SMOOTHING);
            }
            Outcome::Overloaded => {
                state.limit = (state.limit * BACKOFF).max(min as f64);
            }
            Outcome::Ignored => {}
        }
    }

    fn release(&self, used: usize, outcome: Option<Outcome>) {
        {
            let mut state = self.lock();
            state.in_flight -= 1;
            if let Some(outcome) = outcome {
                self.learn(&mut state, used, outcome);
            }
        }
        // Every waiter checks again: the limit may have grown by one, or a place be free.
        self.freed.notify_waiters();
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Permit<'_> {
    /// Releases the place, and tells the limit how the call went.
    pub(crate) fn report(self, outcome: Outcome) {
        let permit = std::mem::ManuallyDrop::new(self);
        permit.limiter.release(permit.in_flight, Some(outcome));
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        self.limiter.release(self.in_flight, None);
    }
}

/// Counts a waiter until it is let through or gives up.
struct Queued<'a>(&'a Limiter);

impl Drop for Queued<'_> {
    fn drop(&mut self) {
        self.0.lock().queued -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAST: Duration = Duration::from_millis(20);

    fn limiter() -> Limiter {
        Limiter::new(Bounds { min: 2, max: 64 })
    }

    /// Runs `calls` calls at once, each reported with `outcome`.
    fn round(limiter: &Limiter, calls: usize, outcome: Outcome) {
        let permits: Vec<_> = (0..calls).map_while(|_| limiter.try_acquire()).collect();
        for permit in permits {
            permit.report(outcome);
        }
    }

    #[test]
    fn the_limit_grows_while_calls_use_it_and_latency_stays_flat() {
        let limiter = limiter();
        assert_eq!(limiter.limit(), INITIAL);
        round(&limiter, 64, Outcome::Answered(FAST));
        // The calls let through with at least half the limit in flight: 8 to 16, then 17…
        assert_eq!(
            limiter.limit(),
            INITIAL + 9,
            "one more per such answered call"
        );
        for _ in 0..10 {
            round(&limiter, 64, Outcome::Answered(FAST));
        }
        assert_eq!(limiter.limit(), 64, "never past the maximum");
    }

    #[test]
    fn calls_that_leave_the_limit_mostly_unused_do_not_raise_it() {
        let limiter = limiter();
        for _ in 0..20 {
            round(&limiter, 2, Outcome::Answered(FAST));
        }
        assert_eq!(limiter.limit(), INITIAL);
    }

    /// Lets through as many calls as the limit allows; the last five report `latency`, the
    /// others are cancelled.
    fn last_five_answer_in(limiter: &Limiter, latency: Duration) {
        let permits: Vec<_> = (0..64).map_while(|_| limiter.try_acquire()).collect();
        for permit in permits.into_iter().rev().take(5) {
            permit.report(Outcome::Answered(latency));
        }
    }

    #[test]
    fn calls_much_slower_than_the_average_do_not_raise_it() {
        let limiter = limiter();
        round(&limiter, 16, Outcome::Answered(FAST));
        let before = limiter.limit();
        last_five_answer_in(&limiter, FAST * 5);
        assert_eq!(limiter.limit(), before, "latency rose: the limit holds");
        last_five_answer_in(&limiter, FAST);
        assert_eq!(limiter.limit(), before + 5, "latency flat: it grows");
    }

    #[test]
    fn the_limit_shrinks_under_timeouts_and_grows_back() {
        let limiter = limiter();
        round(&limiter, 64, Outcome::Answered(FAST));
        let before = limiter.limit();
        round(&limiter, 10, Outcome::Overloaded);
        let shrunk = limiter.limit();
        assert!(
            shrunk <= before * 4 / 10,
            "ten timeouts leave 0.9^10 of it: {before} -> {shrunk}"
        );
        for _ in 0..50 {
            round(&limiter, 16, Outcome::Overloaded);
        }
        assert_eq!(limiter.limit(), 2, "never under the minimum");
        for _ in 0..30 {
            round(&limiter, 64, Outcome::Answered(FAST));
        }
        assert_eq!(
            limiter.limit(),
            64,
            "it grows back once the provider answers"
        );
    }

    #[test]
    fn a_cancelled_call_frees_its_place_and_teaches_nothing() {
        let limiter = limiter();
        let permits: Vec<_> = (0..INITIAL).map_while(|_| limiter.try_acquire()).collect();
        assert!(limiter.try_acquire().is_none(), "the limit is reached");
        drop(permits);
        assert_eq!(limiter.limit(), INITIAL);
        assert!(limiter.try_acquire().is_some());
    }

    #[tokio::test]
    async fn a_waiting_call_goes_once_a_place_is_free_and_is_counted_meanwhile() {
        let limiter = std::sync::Arc::new(Limiter::new(Bounds { min: 1, max: 1 }));
        let first = limiter.try_acquire().expect("a place");
        let waiting = {
            let limiter = limiter.clone();
            tokio::spawn(async move {
                let permit = limiter.acquire().await;
                permit.report(Outcome::Answered(FAST));
            })
        };
        while limiter.queued() == 0 {
            tokio::task::yield_now().await;
        }
        first.report(Outcome::Answered(FAST));
        waiting.await.expect("the waiting call went");
        assert_eq!(limiter.queued(), 0);
    }
}
