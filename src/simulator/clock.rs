//! The simulated clock: the configured anchor plus the real time elapsed since start.
//! Writes stamp `modifiedAt`/`sentAt` from it, so they always follow the seeded dates
//! even when a test pins the anchor in the past.

use std::time::Instant;

use chrono::{DateTime, TimeDelta, Utc};

#[derive(Debug, Clone, Copy)]
pub(crate) struct Clock {
    anchor: DateTime<Utc>,
    started: Instant,
}

impl Clock {
    pub(crate) fn new(anchor: DateTime<Utc>) -> Self {
        Self {
            anchor,
            started: Instant::now(),
        }
    }

    pub(crate) fn now(&self) -> DateTime<Utc> {
        let elapsed = TimeDelta::from_std(self.started.elapsed()).unwrap_or(TimeDelta::zero());
        self.anchor + elapsed
    }
}
