//! What replicas send each other on the cluster's channel, as JSON.

use serde::{Deserialize, Serialize};

use crate::cache::Change;
use crate::events::Event;

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "message", rename_all = "snake_case")]
pub(crate) enum Message {
    /// Make this change, then acknowledge `sequence` to `origin`.
    Invalidate {
        origin: String,
        sequence: u64,
        change: Change,
    },
    /// Relay this event to this replica's subscribers, then (with a `sequence`) acknowledge it
    /// to `origin`.
    Event {
        origin: String,
        sequence: Option<u64>,
        event: Event,
    },
}

impl Message {
    pub(crate) fn encode(&self) -> String {
        serde_json::to_string(self).expect("messages serialise")
    }

    pub(crate) fn decode(text: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(text)
    }
}
