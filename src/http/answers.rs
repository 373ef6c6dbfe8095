//! What `/graphql` writes back. An executed operation becomes an [`Answer`] (the form the
//! response cache keeps and shares), written with the `Cache-Control` its sources allow and,
//! over GET, its `ETag` (or `304`). Refusals before execution are plain JSON nobody keeps.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use async_graphql::ServerError;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::cache_headers::{Kept, cache_control, etag, none_match};
use super::media::ResponseMedia;
use crate::cache::Answer;
use crate::error::ErrorCode;

/// The header that says whether the response cache answered (`HIT`) or the operation ran
/// (`MISS`); absent when the response cache is off or the operation is not a query.
pub const X_CACHE: HeaderName = HeaderName::from_static("x-cache");

/// How one request takes its answer.
pub struct Delivery<'a> {
    pub media: ResponseMedia,
    /// The request's headers when it came by GET: validators apply.
    pub get_headers: Option<&'a HeaderMap>,
    /// The request carried credentials: only the client itself may keep the answer.
    pub authenticated: bool,
    pub x_cache: Option<&'static str>,
}

/// An executed operation's answer: 200 with its body, kept for `keep_for` at most.
pub fn executed(
    body: Vec<u8>,
    keep_for: Option<Duration>,
    tags: Vec<crate::cache::Tag>,
    operation: Option<Arc<str>>,
    outcome: &'static str,
) -> Answer {
    Answer {
        status: StatusCode::OK,
        body: Bytes::from(body),
        etag: OnceLock::new(),
        keep_for,
        tags: tags.into(),
        operation,
        outcome,
    }
}

/// An answer with no data, nobody may keep (request errors found while executing, timeouts).
pub fn unkept(status: StatusCode, body: Vec<u8>, outcome: &'static str) -> Answer {
    Answer {
        status,
        body: Bytes::from(body),
        etag: OnceLock::new(),
        keep_for: None,
        tags: Arc::from([]),
        operation: None,
        outcome,
    }
}

/// Writes `answer`, which may be kept for `max_age` more (`None`: by nobody).
pub fn write(answer: &Answer, max_age: Option<Duration>, delivery: &Delivery<'_>) -> Response {
    let media = delivery.media;
    let mut response = if answer.status != StatusCode::OK {
        json_response(media, answer.status, answer.body.clone())
    } else {
        let validator = delivery.get_headers.map(|headers| {
            let etag = answer
                .etag
                .get_or_init(|| etag(media.content_type(), &answer.body));
            (none_match(headers, etag), etag.clone())
        });
        let mut response = match validator {
            Some((true, _)) => StatusCode::NOT_MODIFIED.into_response(),
            _ => json_response(media, StatusCode::OK, answer.body.clone()),
        };
        let headers = response.headers_mut();
        let kept = Kept {
            max_age,
            authenticated: delivery.authenticated,
        };
        headers.insert(header::CACHE_CONTROL, cache_control(&kept));
        headers.insert(
            header::VARY,
            HeaderValue::from_static("Accept, Accept-Language, Authorization"),
        );
        if let Some((_, etag)) = validator {
            headers.insert(header::ETAG, etag);
        }
        response
    };
    if let Some(x_cache) = delivery.x_cache {
        let value = HeaderValue::from_static(x_cache);
        response.headers_mut().insert(X_CACHE, value);
    }
    response
}

/// A GraphQL request error: no `data` at all, 400 for clients that speak the spec's media type.
pub fn request_errors(media: ResponseMedia, errors: Vec<ServerError>) -> (StatusCode, Vec<u8>) {
    let status = match media {
        ResponseMedia::GraphqlResponseJson => StatusCode::BAD_REQUEST,
        ResponseMedia::Json => StatusCode::OK,
    };
    let body = serde_json::to_vec(&json!({ "errors": errors })).expect("errors serialise");
    (status, body)
}

/// One request error found before execution, written at once.
pub fn request_error(media: ResponseMedia, error: ServerError) -> Response {
    let (status, body) = request_errors(media, vec![error]);
    json_response(media, status, body)
}

/// A refusal's body: one error with its code.
pub fn refusal_body(code: ErrorCode, message: &str) -> Vec<u8> {
    let body =
        json!({ "errors": [{ "message": message, "extensions": { "code": code.as_str() } }] });
    serde_json::to_vec(&body).expect("errors serialise")
}

/// A refusal before any GraphQL work, with its own status.
pub fn refusal(
    media: ResponseMedia,
    status: StatusCode,
    code: ErrorCode,
    message: &str,
) -> Response {
    json_response(media, status, refusal_body(code, message))
}

pub fn not_acceptable() -> Response {
    let message = "accept application/graphql-response+json or application/json";
    refusal(
        ResponseMedia::Json,
        StatusCode::NOT_ACCEPTABLE,
        ErrorCode::BadRequest,
        message,
    )
}

/// A JSON answer; nobody keeps it unless [`write`] says otherwise.
pub fn json_response(media: ResponseMedia, status: StatusCode, body: impl Into<Body>) -> Response {
    let headers = [
        (header::CONTENT_TYPE, media.content_type()),
        (header::CACHE_CONTROL, "no-store"),
    ];
    (status, headers, body.into()).into_response()
}
