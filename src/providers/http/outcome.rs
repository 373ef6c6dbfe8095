//! What a provider's answer means, read the same way for both providers: a refusal's status as
//! an [`UpstreamError`] (a 404 is the item missing, another 4xx the provider refusing the input,
//! a 5xx the provider failing), a rate limit and when to come back, a transport failure, what
//! an outcome tells of the provider's load, and its metrics label.

use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use super::{ErrorDetail, ProviderAnswer, limiter};
use crate::providers::{Provider, UpstreamError};

/// A provider's answer that is not a success (and not a rate limit). What its body says
/// (`error_detail`) is read for a 4xx only, and clipped.
pub(super) fn refusal(
    provider: Provider,
    status: StatusCode,
    not_found: &'static str,
    body: &[u8],
    error_detail: ErrorDetail,
) -> UpstreamError {
    let code = status.as_u16();
    match code {
        401 => UpstreamError::Unauthorized {
            provider,
            status: code,
        },
        404 => UpstreamError::NotFound {
            provider,
            what: not_found,
        },
        400..=499 => UpstreamError::Rejected {
            provider,
            status: code,
            detail: error_detail(body)
                .map(|detail| crate::logged::clipped(&detail).into_owned())
                .unwrap_or_else(|| status.canonical_reason().unwrap_or("error").to_string()),
        },
        _ => UpstreamError::Unavailable {
            provider,
            status: Some(code),
        },
    }
}

/// A 429, or a 503 that says when to come back: the provider limits the gateway's rate.
pub(super) fn rate_limited(
    provider: Provider,
    status: u16,
    headers: &HeaderMap,
) -> Option<UpstreamError> {
    let retry_after = retry_after(headers);
    (status == 429 || (status == 503 && retry_after.is_some())).then_some(
        UpstreamError::RateLimited {
            provider,
            status,
            retry_after,
        },
    )
}

/// No answer at all: the provider's time ran out, or it could not be reached.
pub(super) fn transport_error(provider: Provider, error: &reqwest::Error) -> UpstreamError {
    if error.is_timeout() {
        UpstreamError::Timeout { provider }
    } else {
        UpstreamError::Unavailable {
            provider,
            status: None,
        }
    }
}

/// The longest `Retry-After` waited out (a call without a request's deadline, a
/// subscription's, would otherwise wait as long as the provider says); past it, the refusal
/// is the answer at once.
pub(super) const LONGEST_RETRY_AFTER: Duration = Duration::from_secs(60);

/// A `Retry-After` in seconds (RFC 9110 10.2.3; the HTTP-date form is not read).
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let seconds: u64 = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()?;
    Some(Duration::from_secs(seconds))
}

/// What a call's outcome tells of the provider's load: a timeout, a 5xx or a 429 say it is too
/// busy; an answer says how long it took; a provider out of reach says nothing, nor does a
/// timeout the request's deadline cut short (as the circuit, `http/circuit.rs`, reads it).
pub(super) fn load_shown(
    result: &Result<ProviderAnswer, UpstreamError>,
    took: Duration,
    cut_short: bool,
) -> limiter::Outcome {
    use limiter::Outcome;
    match result {
        Err(UpstreamError::Timeout { .. }) if cut_short => Outcome::Ignored,
        Err(
            UpstreamError::Timeout { .. }
            | UpstreamError::Unavailable {
                status: Some(_), ..
            },
        ) => Outcome::Overloaded,
        Err(UpstreamError::RateLimited { .. }) => Outcome::Overloaded,
        Err(UpstreamError::Unavailable { status: None, .. }) => Outcome::Ignored,
        _ => Outcome::Answered(took),
    }
}

/// A call's outcome as a metrics label: the status class of an answer (`2xx`), the provider's
/// status when it refused, else `timeout`, `unreachable` or `bad_response`.
pub(super) fn status_label(result: &Result<ProviderAnswer, UpstreamError>) -> String {
    match result {
        Ok(_) => "2xx".into(),
        Err(UpstreamError::Timeout { .. }) => "timeout".into(),
        Err(UpstreamError::CircuitOpen { .. }) => "circuit_open".into(),
        Err(UpstreamError::BadResponse { .. }) => "bad_response".into(),
        Err(error) => error
            .upstream_status()
            .map_or_else(|| "unreachable".into(), |status| status.to_string()),
    }
}
