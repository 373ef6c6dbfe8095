//! What `/graphql` writes back over plain HTTP. An answer is written with the `Cache-Control`
//! its sources allow and, over GET, its `ETag` (or `304`); a refusal is plain JSON nobody keeps.

use axum::body::Body;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::cache_headers::{Kept, cache_control, etag, none_match};
use crate::error::ErrorCode;
use crate::graphql::execution::{Answered, Refusal, ResponseMedia};

/// The header that says whether the response cache answered (`HIT`) or the operation ran
/// (`MISS`); absent when the response cache is off or the operation is not a query.
pub(crate) const X_CACHE: HeaderName = HeaderName::from_static("x-cache");

/// How one request takes its answer.
pub(crate) struct Delivery<'a> {
    pub(crate) media: ResponseMedia,
    /// The request's headers when it came by GET: validators apply.
    pub(crate) get_headers: Option<&'a HeaderMap>,
    /// The request carried credentials: only the client itself may keep the answer.
    pub(crate) authenticated: bool,
}

/// Writes an answer, which may be kept for `answered.fresh_for` more (`None`: by nobody).
pub(crate) fn write(answered: &Answered, delivery: &Delivery<'_>) -> Response {
    let (answer, media) = (&answered.answer, delivery.media);
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
            max_age: answered.fresh_for,
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
    if let Some(x_cache) = answered.x_cache {
        let value = HeaderValue::from_static(x_cache);
        response.headers_mut().insert(X_CACHE, value);
    }
    response
}

/// Writes a refusal: its errors, its status for `media`, and `Allow` for a 405.
pub(crate) fn refused(media: ResponseMedia, refusal: &Refusal) -> Response {
    let mut response = json_response(media, refusal.status_for(media), refusal.body());
    if let Some(allow) = refusal.allow {
        let value = HeaderValue::from_static(allow);
        response.headers_mut().insert(header::ALLOW, value);
    }
    response
}

/// A refusal before any GraphQL work, with its own status.
pub(crate) fn refusal(
    media: ResponseMedia,
    status: StatusCode,
    code: ErrorCode,
    message: &str,
) -> Response {
    refused(media, &Refusal::new(status, code, message))
}

pub(crate) fn not_acceptable() -> Response {
    let message = "accept application/graphql-response+json or application/json";
    refusal(
        ResponseMedia::Json,
        StatusCode::NOT_ACCEPTABLE,
        ErrorCode::BadRequest,
        message,
    )
}

/// A JSON answer; nobody keeps it unless [`write`] says otherwise.
pub(crate) fn json_response(
    media: ResponseMedia,
    status: StatusCode,
    body: impl Into<Body>,
) -> Response {
    let headers = [
        (header::CONTENT_TYPE, media.content_type()),
        (header::CACHE_CONTROL, "no-store"),
    ];
    (status, headers, body.into()).into_response()
}
