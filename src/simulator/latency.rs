//! How far away a provider is: every request to it waits a fixed time plus a random jitter
//! before it is served, as a remote API on the other side of the internet answers in 20 to
//! 100 ms, never twice the same. Set per provider (`Simulator::set_latency`, `simulate
//! --latency`, or the control API); off by default, so tests run at loopback speed.
//!
//! The jitter is drawn from a fixed-seed generator: two runs that make the same requests in
//! the same order wait the same times.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use super::operation::SimProvider;

/// A provider's distance: each request waits `fixed` plus a time drawn uniformly from
/// `0..=jitter`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Latency {
    pub fixed: Duration,
    pub jitter: Duration,
}

#[derive(Debug)]
pub struct Latencies(Mutex<State>);

#[derive(Debug)]
struct State {
    per_provider: HashMap<SimProvider, Latency>,
    /// xorshift64* state (never 0).
    random: u64,
}

/// The generator's seed: any odd constant.
const SEED: u64 = 0x9E37_79B9_7F4A_7C15;

impl Default for Latencies {
    fn default() -> Self {
        Self(Mutex::new(State {
            per_provider: HashMap::new(),
            random: SEED,
        }))
    }
}

impl Latencies {
    /// `provider` answers `latency` late from now on (a zero latency: at once).
    pub fn set(&self, provider: SimProvider, latency: Latency) {
        let mut state = self.lock();
        if latency == Latency::default() {
            state.per_provider.remove(&provider);
        } else {
            state.per_provider.insert(provider, latency);
        }
    }

    /// How long this request to `provider` waits (zero when it is not far).
    pub fn draw(&self, provider: SimProvider) -> Duration {
        let mut state = self.lock();
        let Some(latency) = state.per_provider.get(&provider).copied() else {
            return Duration::ZERO;
        };
        let jitter = latency.jitter.as_nanos() as u64;
        let drawn = match jitter {
            0 => 0,
            _ => state.next() % (jitter + 1),
        };
        latency.fixed + Duration::from_nanos(drawn)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl State {
    /// xorshift64* (Vigna, 2016): fast, and plenty for spreading waits.
    fn next(&mut self) -> u64 {
        let mut x = self.random;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.random = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_stay_between_fixed_and_fixed_plus_jitter_and_spread_over_it() {
        let latencies = Latencies::default();
        let latency = Latency {
            fixed: Duration::from_millis(20),
            jitter: Duration::from_millis(10),
        };
        latencies.set(SimProvider::Lisa, latency);
        let waits: Vec<Duration> = (0..1000)
            .map(|_| latencies.draw(SimProvider::Lisa))
            .collect();
        let (low, high) = (Duration::from_millis(20), Duration::from_millis(30));
        assert!(waits.iter().all(|w| (low..=high).contains(w)), "{waits:?}");
        let below_middle = waits
            .iter()
            .filter(|w| **w < Duration::from_millis(25))
            .count();
        assert!(
            (400..600).contains(&below_middle),
            "{below_middle} of 1000 below the middle"
        );
        assert_eq!(
            latencies.draw(SimProvider::Caast),
            Duration::ZERO,
            "Caast is not far"
        );
    }

    #[test]
    fn without_jitter_every_wait_is_the_fixed_time_and_zero_turns_it_off() {
        let latencies = Latencies::default();
        let fixed = Duration::from_millis(50);
        latencies.set(
            SimProvider::Caast,
            Latency {
                fixed,
                jitter: Duration::ZERO,
            },
        );
        assert!((0..10).all(|_| latencies.draw(SimProvider::Caast) == fixed));
        latencies.set(SimProvider::Caast, Latency::default());
        assert_eq!(latencies.draw(SimProvider::Caast), Duration::ZERO);
    }
}
