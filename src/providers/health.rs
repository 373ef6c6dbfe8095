//! When each provider last answered, for `/readyz`: a gateway whose providers stopped answering
//! should be taken out of the load balancer, not a process that is merely alive.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The last time a provider answered a call (a success, or a 4xx other than 401: it is up and accepts our credentials).
#[derive(Debug, Default)]
pub struct ProviderHealth {
    last_success: Mutex<Option<Instant>>,
}

impl ProviderHealth {
    pub fn record_answer(&self) {
        *self.last_success.lock().expect("health lock") = Some(Instant::now());
    }

    /// Whether the provider answered within `window`.
    pub fn answered_within(&self, window: Duration) -> bool {
        self.last_success
            .lock()
            .expect("health lock")
            .is_some_and(|at| at.elapsed() <= window)
    }
}
