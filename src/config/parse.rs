//! How a configuration value is read from its text: each parser says, in one line, what it
//! expected (the caller adds the key's name).

use std::ops::RangeInclusive;
use std::str::FromStr;
use std::time::Duration;

use axum::http::HeaderName;
use secrecy::SecretString;
use url::Url;

use super::LogFormat;

pub(super) fn parse_from_str<T: FromStr>(text: &str) -> Result<T, String>
where
    T::Err: std::fmt::Display,
{
    text.parse().map_err(|e: T::Err| e.to_string())
}

pub(super) fn parse_bool(text: &str) -> Result<bool, String> {
    match text.to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Ok(true),
        "false" | "0" | "no" | "off" => Ok(false),
        _ => Err("expected true or false".into()),
    }
}

pub(super) fn parse_url(text: &str) -> Result<Url, String> {
    let url = Url::parse(text).map_err(|e| format!("not a URL: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err("the URL must start with http:// or https://".into());
    }
    Ok(url)
}

/// A whole number within `range`; the message names the range.
pub(super) fn whole_number<T>(text: &str, range: RangeInclusive<T>) -> Result<T, String>
where
    T: FromStr + PartialOrd + std::fmt::Display,
{
    match text.trim().parse::<T>() {
        Ok(n) if range.contains(&n) => Ok(n),
        _ => Err(format!(
            "expected a whole number from {} to {}, got {text:?}",
            range.start(),
            range.end()
        )),
    }
}

pub(super) fn parse_concurrency(text: &str) -> Result<usize, String> {
    whole_number(text, 1..=1024)
}

/// A document limit or a failure count.
pub(super) fn parse_limit(text: &str) -> Result<usize, String> {
    whole_number(text, 1..=1_000_000)
}

pub(super) fn parse_retries(text: &str) -> Result<u32, String> {
    whole_number(text, 0..=5)
}

pub(super) fn parse_circuit_failures(text: &str) -> Result<u32, String> {
    whole_number(text, 1..=1_000_000)
}

/// A size in bytes: `1048576`, `512KiB`, `256MiB`, `1GiB`.
pub(super) fn parse_bytes(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let digits = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(digits);
    let factor: u64 = match unit.trim() {
        "" | "B" => 1,
        "KiB" => 1 << 10,
        "MiB" => 1 << 20,
        "GiB" => 1 << 30,
        _ => return Err("expected a size such as 1048576, 512KiB, 256MiB or 1GiB".into()),
    };
    number
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(factor))
        .ok_or_else(|| "expected a size such as 1048576, 512KiB, 256MiB or 1GiB".into())
}

pub(super) fn parse_duration(text: &str) -> Result<Duration, String> {
    let duration = humantime::parse_duration(text)
        .map_err(|e| format!("not a duration such as 5s or 250ms: {e}"))?;
    if duration.is_zero() {
        return Err("must be longer than zero".into());
    }
    Ok(duration)
}

/// A loader delay: zero is allowed (send at once), and anything past 100 ms is refused, since
/// every level of every query would wait that long.
pub(super) fn parse_loader_delay(text: &str) -> Result<Duration, String> {
    let delay = humantime::parse_duration(text)
        .map_err(|e| format!("not a duration such as 0s or 200us: {e}"))?;
    if delay > Duration::from_millis(100) {
        return Err("must be 100ms or less: every level of a query waits this long".into());
    }
    Ok(delay)
}

pub(super) fn parse_header(text: &str) -> Result<HeaderName, String> {
    HeaderName::from_str(text).map_err(|_| "not a valid HTTP header name".into())
}

pub(super) fn parse_secret(text: &str) -> Result<SecretString, String> {
    Ok(SecretString::from(text.to_string()))
}

/// Text that is sent in an HTTP header must be a valid header value.
pub(super) fn parse_header_text(text: &str) -> Result<&str, String> {
    axum::http::HeaderValue::from_str(text)
        .map(|_| text)
        .map_err(|_| "contains characters an HTTP header cannot carry".into())
}

pub(super) fn parse_header_secret(text: &str) -> Result<SecretString, String> {
    parse_header_text(text).and_then(parse_secret)
}

pub(super) fn parse_log_filter(text: &str) -> Result<String, String> {
    tracing_subscriber::EnvFilter::try_new(text)
        .map(|_| text.to_string())
        .map_err(|e| format!("not a log filter: {e}"))
}

pub(super) fn parse_log_format(text: &str) -> Result<LogFormat, String> {
    match text {
        "text" => Ok(LogFormat::Text),
        "json" => Ok(LogFormat::Json),
        _ => Err("expected text or json".into()),
    }
}
