//! Injected faults: added latency and/or a forced error status, per operation or per
//! provider, so gateway tests can exercise timeouts, retries and partial answers.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use super::operation::{Operation, SimProvider};

/// What a fault applies to. An operation's own fault wins over its provider's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FaultTarget {
    Provider(SimProvider),
    Operation(Operation),
}

/// Delay the answer by `latency`, then, if `status` is set, fail with it (in the
/// provider's error format) instead of serving the request.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fault {
    pub latency: Duration,
    pub status: Option<u16>,
}

#[derive(Debug, Default)]
pub struct Faults(Mutex<HashMap<FaultTarget, Fault>>);

impl Faults {
    pub fn inject(&self, target: FaultTarget, fault: Fault) {
        self.lock().insert(target, fault);
    }

    pub fn clear(&self) {
        self.lock().clear();
    }

    pub fn lookup(&self, op: Operation) -> Option<Fault> {
        let faults = self.lock();
        faults
            .get(&FaultTarget::Operation(op))
            .or_else(|| faults.get(&FaultTarget::Provider(op.provider())))
            .copied()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<FaultTarget, Fault>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}
