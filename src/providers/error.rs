//! What can go wrong when calling a provider, in terms a client can act on. Messages are fixed
//! sentences: they never carry credentials, URLs with keys, or the provider's raw body. Their
//! GraphQL form (the `code`, `provider` and `upstreamStatus` extensions) is written in
//! `graphql::resolver::upstream_errors`, with the GraphQL library.

use super::Provider;
use crate::error::ErrorCode;

/// One failed provider call. `Clone` so dataloaders can hand the same failure to every waiter.
#[derive(Debug, Clone, thiserror::Error)]
pub enum UpstreamError {
    #[error("{provider} is unavailable")]
    Unavailable {
        provider: Provider,
        status: Option<u16>,
    },
    #[error("{provider} did not answer in time")]
    Timeout { provider: Provider },
    #[error("{provider} refused the gateway's credentials")]
    Unauthorized { provider: Provider, status: u16 },
    #[error("{provider} has no such {what}")]
    NotFound {
        provider: Provider,
        what: &'static str,
    },
    #[error("{provider} refused the request")]
    Rejected {
        provider: Provider,
        status: u16,
        detail: String,
    },
    #[error("{provider} answered with a body the gateway cannot read")]
    BadResponse { provider: Provider, detail: String },
    #[error("{provider} keeps failing; calls to it are paused until it recovers")]
    CircuitOpen { provider: Provider },
    /// A 429, or a 503 with `Retry-After`: the provider asks the gateway to slow down.
    #[error("{provider} asks the gateway to call it less often")]
    RateLimited {
        provider: Provider,
        status: u16,
        /// How long it asked to wait (`Retry-After`), when it said.
        retry_after: Option<std::time::Duration>,
    },
    /// What the client sent cannot make a sound call (checked before sending): the client's
    /// error, never retried, and no mark against the provider.
    #[error("{provider} was not asked: {reason}")]
    BadInput {
        provider: Provider,
        reason: &'static str,
    },
}

impl UpstreamError {
    pub(crate) fn provider(&self) -> Provider {
        match self {
            Self::Unavailable { provider, .. }
            | Self::Timeout { provider }
            | Self::Unauthorized { provider, .. }
            | Self::NotFound { provider, .. }
            | Self::Rejected { provider, .. }
            | Self::BadResponse { provider, .. }
            | Self::CircuitOpen { provider }
            | Self::RateLimited { provider, .. }
            | Self::BadInput { provider, .. } => *provider,
        }
    }

    pub(crate) fn code(&self) -> ErrorCode {
        match self {
            Self::Unavailable { .. } => ErrorCode::UpstreamUnavailable,
            Self::Timeout { .. } => ErrorCode::UpstreamTimeout,
            Self::Unauthorized { .. } => ErrorCode::UpstreamUnauthorized,
            Self::NotFound { .. } => ErrorCode::NotFound,
            Self::Rejected { .. } => ErrorCode::UpstreamRejected,
            Self::BadResponse { .. } => ErrorCode::UpstreamBadResponse,
            Self::CircuitOpen { .. } => ErrorCode::UpstreamCircuitOpen,
            Self::RateLimited { .. } => ErrorCode::UpstreamRateLimited,
            Self::BadInput { .. } => ErrorCode::BadUserInput,
        }
    }

    /// What the provider said, for the logs only (clients get the fixed message and the status).
    pub(crate) fn detail(&self) -> Option<&str> {
        match self {
            Self::Rejected { detail, .. } | Self::BadResponse { detail, .. } => Some(detail),
            _ => None,
        }
    }

    /// A failure of the provider itself (down, erroring, too slow), which a stale answer may
    /// cover; a refusal or a missing item is an answer, and is not covered.
    pub(crate) fn is_transient(&self) -> bool {
        matches!(
            self,
            Self::Unavailable { .. }
                | Self::Timeout { .. }
                | Self::CircuitOpen { .. }
                | Self::RateLimited { .. }
        )
    }

    /// The provider's HTTP status, when it answered at all.
    pub(crate) fn upstream_status(&self) -> Option<u16> {
        match self {
            Self::Unavailable { status, .. } => *status,
            Self::Unauthorized { status, .. }
            | Self::Rejected { status, .. }
            | Self::RateLimited { status, .. } => Some(*status),
            Self::NotFound { .. } => Some(404),
            Self::Timeout { .. }
            | Self::BadResponse { .. }
            | Self::CircuitOpen { .. }
            | Self::BadInput { .. } => None,
        }
    }
}
