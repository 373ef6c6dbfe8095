//! The protection settings: how big a document may be, how long a request may run, whether
//! introspection is on, which browser origins may call, and how provider calls are retried and
//! broken.

use std::time::Duration;

use axum::http::HeaderValue;

use super::consistency::check_request_timeout;
use super::parse::{
    parse_bool, parse_circuit_failures, parse_duration, parse_limit, parse_retries,
};
use super::source::Sources;
use super::trusted_documents::TrustedDocuments;
use super::{ConfigError, keys, parse_or};
use crate::providers::resilience::ResiliencePolicy;

#[derive(Debug, Clone)]
pub struct Limits {
    pub max_depth: usize,
    pub max_complexity: usize,
    pub max_aliases: usize,
    /// Most operations one batched request (a JSON array) may hold.
    pub max_batch: usize,
    pub introspection: bool,
    pub request_timeout: Duration,
    pub cors: CorsOrigins,
}

/// Which browser origins get CORS headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorsOrigins {
    /// No CORS headers: browsers on other origins cannot read answers.
    None,
    Any,
    List(Vec<HeaderValue>),
}

/// Reads the limits; the request timeout must exceed every provider's timeout.
pub(super) fn limits(
    sources: &Sources,
    provider_timeouts: &[(&keys::Key, Duration)],
) -> Result<Limits, ConfigError> {
    let request_timeout = parse_or(sources, &keys::REQUEST_TIMEOUT, parse_duration)?;
    check_request_timeout(request_timeout, provider_timeouts)?;
    Ok(Limits {
        max_depth: parse_or(sources, &keys::MAX_DEPTH, parse_limit)?,
        max_complexity: parse_or(sources, &keys::MAX_COMPLEXITY, parse_limit)?,
        max_aliases: parse_or(sources, &keys::MAX_ALIASES, parse_limit)?,
        max_batch: parse_or(sources, &keys::MAX_BATCH, parse_limit)?,
        introspection: parse_or(sources, &keys::INTROSPECTION, parse_bool)?,
        request_timeout,
        cors: parse_or(sources, &keys::CORS_ORIGINS, parse_origins)?,
    })
}

fn parse_origins(text: &str) -> Result<CorsOrigins, String> {
    let origins: Vec<&str> = text
        .split(',')
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .collect();
    if origins.is_empty() {
        return Ok(CorsOrigins::None);
    }
    if origins == ["*"] {
        return Ok(CorsOrigins::Any);
    }
    origins
        .into_iter()
        .map(|origin| {
            let url = url::Url::parse(origin)
                .map_err(|_| format!("{origin:?} is not an origin such as https://shop.example"))?;
            if url.path() != "/"
                || origin.ends_with('/')
                || !matches!(url.scheme(), "http" | "https")
            {
                return Err(format!(
                    "{origin:?} is not an origin such as https://shop.example"
                ));
            }
            HeaderValue::from_str(origin)
                .map_err(|_| format!("{origin:?} is not a valid header value"))
        })
        .collect::<Result<Vec<_>, _>>()
        .map(CorsOrigins::List)
}

/// How provider calls are retried and broken.
pub(super) fn resilience(sources: &Sources) -> Result<ResiliencePolicy, ConfigError> {
    Ok(ResiliencePolicy {
        retries: parse_or(sources, &keys::PROVIDER_RETRIES, parse_retries)?,
        backoff: parse_or(sources, &keys::PROVIDER_RETRY_BACKOFF, parse_duration)?,
        failures_to_open: parse_or(sources, &keys::CIRCUIT_FAILURES, parse_circuit_failures)?,
        cooldown: parse_or(sources, &keys::CIRCUIT_COOLDOWN, parse_duration)?,
    })
}

/// The trusted documents, read from the manifest the configuration names; with
/// `GATEWAY_TRUSTED_DOCUMENTS_ONLY`, a manifest is required.
pub(super) fn trusted_documents(sources: &Sources) -> Result<TrustedMode, ConfigError> {
    let manifest = super::optional(sources, &keys::TRUSTED_DOCUMENTS, |path| {
        let text =
            std::fs::read_to_string(path).map_err(|e| format!("cannot read {path:?}: {e}"))?;
        TrustedDocuments::parse(&text)
    })?;
    let only = parse_or(sources, &keys::TRUSTED_DOCUMENTS_ONLY, parse_bool)?;
    if only && manifest.is_none() {
        return Err(ConfigError::new(
            keys::TRUSTED_DOCUMENTS_ONLY.env,
            format!(
                "needs {} (the manifest of documents to run)",
                keys::TRUSTED_DOCUMENTS.env
            ),
        ));
    }
    Ok(TrustedMode {
        documents: manifest.map(std::sync::Arc::new),
        only,
    })
}

/// The trusted documents, and whether only they may run.
#[derive(Debug, Clone, Default)]
pub struct TrustedMode {
    pub documents: Option<std::sync::Arc<TrustedDocuments>>,
    pub only: bool,
}
