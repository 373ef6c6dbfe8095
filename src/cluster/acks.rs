//! Waiting for the other replicas to acknowledge an invalidation: each acknowledgement names
//! the publisher's sequence number; the publisher counts them until it has heard every replica
//! that received the message, or the timeout passes.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::sync::watch;

use super::ReplicaError;

#[derive(Default)]
pub(crate) struct Acks {
    next: AtomicU64,
    waiting: Mutex<HashMap<u64, watch::Sender<usize>>>,
}

impl Acks {
    /// A sequence number to publish with, and the count of its acknowledgements.
    pub(crate) fn expect(&self) -> (u64, watch::Receiver<usize>) {
        let sequence = self.next.fetch_add(1, Ordering::Relaxed);
        let (count, counted) = watch::channel(0);
        self.lock().insert(sequence, count);
        (sequence, counted)
    }

    /// One replica acknowledged `sequence`.
    pub(crate) fn acknowledged(&self, sequence: u64) {
        if let Some(count) = self.lock().get(&sequence) {
            count.send_modify(|n| *n += 1);
        }
    }

    pub(crate) fn forget(&self, sequence: u64) {
        self.lock().remove(&sequence);
    }

    /// Waits until `expected` acknowledgements of `sequence` arrived.
    pub(crate) async fn wait(
        &self,
        sequence: u64,
        expected: usize,
        mut counted: watch::Receiver<usize>,
        timeout: Duration,
    ) -> Result<(), ReplicaError> {
        let all = tokio::time::timeout(timeout, counted.wait_for(|n| *n >= expected))
            .await
            .is_ok_and(|heard| heard.is_ok());
        self.forget(sequence);
        match all {
            true => Ok(()),
            false => Err(ReplicaError::Unacknowledged {
                heard: *counted.borrow(),
                expected,
                waited: timeout,
            }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, watch::Sender<usize>>> {
        self.waiting.lock().unwrap_or_else(|e| e.into_inner())
    }
}
