//! How to reach each provider: its URL, credentials and the headers they go in, its timeout, the
//! bounds of its calls in flight and the cap on its answers. A provider whose URL is unset is not
//! configured (its items are simply absent); one whose URL is set needs its credentials.

use std::time::Duration;

use axum::http::HeaderName;
use secrecy::SecretString;
use url::Url;

use super::consistency::check_concurrency;
use super::keys::{self, Key};
use super::parse::{
    parse_bytes, parse_concurrency, parse_duration, parse_header, parse_header_secret,
    parse_header_text, parse_url,
};
use super::source::Sources;
use super::{ConfigError, optional, parse_or, required};

#[derive(Debug, Clone)]
pub struct CaastConfig {
    pub url: Url,
    pub app_id: String,
    pub app_key: SecretString,
    /// The header names are assumed (`docs/providers.md`), so a deployment can change them.
    pub app_id_header: HeaderName,
    pub app_key_header: HeaderName,
    pub timeout: Duration,
    /// Calls in flight at once, across all requests: the least and the most the learnt limit
    /// may be.
    pub min_concurrency: usize,
    pub max_concurrency: usize,
    /// Largest answer body read.
    pub max_response_bytes: usize,
}

#[derive(Debug, Clone)]
pub struct LisaConfig {
    pub url: Url,
    pub api_key: SecretString,
    pub auth_header: HeaderName,
    pub auth_scheme: String,
    pub timeout: Duration,
    /// Calls in flight at once, across all requests: the least and the most the learnt limit
    /// may be.
    pub min_concurrency: usize,
    pub max_concurrency: usize,
    /// Largest answer body read.
    pub max_response_bytes: usize,
}

pub(super) fn caast_config(sources: &Sources) -> Result<Option<CaastConfig>, ConfigError> {
    let Some(url) = optional(sources, &keys::CAAST_URL, parse_url)? else {
        return Ok(None);
    };
    let (min_concurrency, max_concurrency) = concurrency_bounds(
        sources,
        &keys::CAAST_MIN_CONCURRENCY,
        &keys::CAAST_MAX_CONCURRENCY,
    )?;
    Ok(Some(CaastConfig {
        url,
        app_id: required(sources, &keys::CAAST_APP_ID, &keys::CAAST_URL, |t| {
            parse_header_text(t).map(str::to_string)
        })?,
        app_key: required(
            sources,
            &keys::CAAST_APP_KEY,
            &keys::CAAST_URL,
            parse_header_secret,
        )?,
        app_id_header: parse_or(sources, &keys::CAAST_APP_ID_HEADER, parse_header)?,
        app_key_header: parse_or(sources, &keys::CAAST_APP_KEY_HEADER, parse_header)?,
        timeout: parse_or(sources, &keys::CAAST_TIMEOUT, parse_duration)?,
        min_concurrency,
        max_concurrency,
        max_response_bytes: max_response_bytes(sources)?,
    }))
}

/// A provider's least and most calls at once; the least may not exceed the most.
fn concurrency_bounds(
    sources: &Sources,
    min_key: &Key,
    max_key: &Key,
) -> Result<(usize, usize), ConfigError> {
    let min = parse_or(sources, min_key, parse_concurrency)?;
    let max = parse_or(sources, max_key, parse_concurrency)?;
    check_concurrency((min_key, min), (max_key, max))?;
    Ok((min, max))
}

pub(super) fn lisa_config(sources: &Sources) -> Result<Option<LisaConfig>, ConfigError> {
    let Some(url) = optional(sources, &keys::LISA_URL, parse_url)? else {
        return Ok(None);
    };
    let (min_concurrency, max_concurrency) = concurrency_bounds(
        sources,
        &keys::LISA_MIN_CONCURRENCY,
        &keys::LISA_MAX_CONCURRENCY,
    )?;
    Ok(Some(LisaConfig {
        url,
        api_key: required(
            sources,
            &keys::LISA_API_KEY,
            &keys::LISA_URL,
            parse_header_secret,
        )?,
        auth_header: parse_or(sources, &keys::LISA_AUTH_HEADER, parse_header)?,
        auth_scheme: parse_or(sources, &keys::LISA_AUTH_SCHEME, |t| {
            parse_header_text(t).map(str::to_string)
        })?,
        timeout: parse_or(sources, &keys::LISA_TIMEOUT, parse_duration)?,
        min_concurrency,
        max_concurrency,
        max_response_bytes: max_response_bytes(sources)?,
    }))
}

/// The cap on a provider's answer.
fn max_response_bytes(sources: &Sources) -> Result<usize, ConfigError> {
    parse_or(
        sources,
        &keys::PROVIDER_MAX_RESPONSE_BYTES,
        parse_max_response_bytes,
    )
}

/// A cap on a provider's answer: at least 1 KiB (no page of either provider is smaller).
pub(crate) fn parse_max_response_bytes(text: &str) -> Result<usize, String> {
    let bytes = parse_bytes(text)?;
    if bytes < 1024 {
        return Err("must be at least 1KiB".into());
    }
    Ok(usize::try_from(bytes).unwrap_or(usize::MAX))
}
