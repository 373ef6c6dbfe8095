//! What can go wrong between a replica and Redis, or the other replicas behind it. Each variant
//! names the step that failed; Redis's own error, when there is one, is kept as the source.
//!
//! The Redis URL may hold a password, so no message formats it. A message shows a Redis error's
//! kind only (it goes to logs as it is); the source's text, which whoever walks the chain shows
//! (the binary's start-up error does), is an I/O error, a static description or the server's
//! reply, never the URL. A URL that does not parse keeps no source at all: its parser's text
//! would be about the URL.

use std::time::Duration;

use super::KindLabel;

#[derive(Debug, thiserror::Error)]
pub(crate) enum ReplicaError {
    /// Only the kind: the parse error itself is not kept (see the module doc).
    #[error("GATEWAY_REDIS_URL is not a Redis URL ({kind:?})")]
    NotAUrl { kind: redis::ErrorKind },
    #[error("Redis did not answer within {0:?}")]
    NoAnswer(Duration),
    #[error("cannot reach Redis: {}", .0.kind_label())]
    Unreachable(#[source] redis::RedisError),
    #[error("Redis: {}", .0.kind_label())]
    Command(#[source] redis::RedisError),
    /// Fewer replicas acknowledged a message than heard it.
    #[error("{heard} of {expected} replicas acknowledged within {waited:?}")]
    Unacknowledged {
        heard: usize,
        expected: usize,
        waited: Duration,
    },
}
