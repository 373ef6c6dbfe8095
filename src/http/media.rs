//! Content negotiation for GraphQL over HTTP: which JSON flavour the client accepts (it decides
//! the status codes of request errors) and whether a POST body is JSON at all.

use axum::http::{HeaderMap, header};

pub(crate) use crate::graphql::execution::ResponseMedia;

/// The media type to answer with, or `None` when the client accepts neither (406).
pub(crate) fn negotiate(headers: &HeaderMap) -> Option<ResponseMedia> {
    let accept = headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join(",");
    if accept.trim().is_empty() {
        return Some(ResponseMedia::Json);
    }
    let ranges: Vec<&str> = accepted(headers).collect();
    if ranges.contains(&"application/graphql-response+json") {
        Some(ResponseMedia::GraphqlResponseJson)
    } else if ranges
        .iter()
        .any(|r| matches!(*r, "application/json" | "application/*" | "*/*"))
    {
        Some(ResponseMedia::Json)
    } else {
        None
    }
}

/// Whether the client accepts `text/event-stream` (GraphQL over SSE), with a `q` above 0.
pub(crate) fn accepts_event_stream(headers: &HeaderMap) -> bool {
    accepted(headers).any(|media| media == "text/event-stream")
}

/// The media types of the `Accept` headers' ranges the client does not refuse (`q=0`), without
/// their parameters.
fn accepted(headers: &HeaderMap) -> impl Iterator<Item = &str> {
    headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter(|range| !refused(range))
        .map(|range| range.split(';').next().unwrap_or("").trim())
}

/// Whether to answer with an event stream rather than JSON. The client must accept one; then a
/// subscription streams, and any other operation streams only when no JSON type is acceptable.
/// GraphQL over HTTP answers JSON whenever it may: urql, for one, lists `text/event-stream`
/// among the types it accepts for every query, and wants JSON for them.
pub(crate) fn answers_with_stream(
    headers: &HeaderMap,
    is_subscription: impl FnOnce() -> bool,
) -> bool {
    accepts_event_stream(headers) && (negotiate(headers).is_none() || is_subscription())
}

/// A range with `q=0` is one the client refuses.
fn refused(range: &str) -> bool {
    range.split(';').skip(1).any(|param| {
        let param = param.trim().replace(' ', "");
        param == "q=0"
            || param.starts_with("q=0.0")
                && param.trim_start_matches("q=0.").chars().all(|c| c == '0')
    })
}

/// Whether a browser asks for a page (GraphiQL) rather than for JSON.
pub(crate) fn wants_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}

/// What a POST body is declared as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BodyKind {
    Json,
    /// The GraphQL multipart request spec (file uploads).
    Multipart,
    Other,
}

pub(crate) fn body_kind(headers: &HeaderMap) -> BodyKind {
    let media = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(str::trim);
    match media {
        Some(m) if m.eq_ignore_ascii_case("application/json") => BodyKind::Json,
        Some(m) if m.eq_ignore_ascii_case("multipart/form-data") => BodyKind::Multipart,
        _ => BodyKind::Other,
    }
}

/// A multipart body is what an HTML form on any site can send; a custom header proves the
/// request went through CORS preflight (the headers Apollo's clients send are accepted too).
pub(crate) fn has_preflight_header(headers: &HeaderMap) -> bool {
    [
        "graphql-require-preflight",
        "apollo-require-preflight",
        "x-apollo-operation-name",
    ]
    .iter()
    .any(|name| headers.contains_key(*name))
}

/// The token of an `Authorization: Bearer …` header.
pub(crate) fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn accept(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn the_spec_media_type_wins_when_offered() {
        let headers = accept("application/json;q=0.9, application/graphql-response+json");
        assert_eq!(
            negotiate(&headers),
            Some(ResponseMedia::GraphqlResponseJson)
        );
    }

    #[test]
    fn plain_json_and_wildcards_get_json() {
        assert_eq!(negotiate(&accept("*/*")), Some(ResponseMedia::Json));
        assert_eq!(negotiate(&HeaderMap::new()), Some(ResponseMedia::Json));
    }

    #[test]
    fn an_unacceptable_accept_is_refused() {
        assert_eq!(negotiate(&accept("text/plain")), None);
        assert_eq!(negotiate(&accept("application/json;q=0")), None);
    }
}
