//! A provider that limits the gateway's rate, as a remote service may: past `per_second`
//! requests within one second, it answers `429 Too Many Requests` with `Retry-After` (the
//! seconds left of that second, rounded up) until the second is over. Off unless a test or
//! bench sets it.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::operation::SimProvider;

/// Requests a provider serves per second before refusing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub per_second: u32,
}

#[derive(Debug, Default)]
pub struct RateLimits(Mutex<HashMap<SimProvider, Window>>);

#[derive(Debug)]
struct Window {
    limit: RateLimit,
    started: Instant,
    served: u32,
}

impl RateLimits {
    /// Limits `provider`'s rate from now on (`None`: no limit).
    pub fn set(&self, provider: SimProvider, limit: Option<RateLimit>) {
        let mut windows = self.lock();
        match limit {
            Some(limit) => {
                let window = Window {
                    limit,
                    started: Instant::now(),
                    served: 0,
                };
                windows.insert(provider, window);
            }
            None => {
                windows.remove(&provider);
            }
        }
    }

    /// `Some(seconds to wait)` when this request to `provider` is over its rate.
    pub fn refuse(&self, provider: SimProvider) -> Option<u64> {
        let mut windows = self.lock();
        let window = windows.get_mut(&provider)?;
        let now = Instant::now();
        if now.duration_since(window.started) >= Duration::from_secs(1) {
            window.started = now;
            window.served = 0;
        }
        if window.served < window.limit.per_second {
            window.served += 1;
            return None;
        }
        let left = Duration::from_secs(1).saturating_sub(now.duration_since(window.started));
        Some(left.as_secs_f64().ceil().max(1.0) as u64)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<SimProvider, Window>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}
