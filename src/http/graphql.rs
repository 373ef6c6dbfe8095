//! `/graphql` over HTTP, as the GraphQL over HTTP spec asks: POST with a JSON body, GET with
//! query parameters (queries only), GraphiQL for a browser, and the spec's status codes. Both
//! routes first send what belongs to another transport there (a WebSocket upgrade, an event
//! stream, a batch). Only the wire format is read here; the execution runs the operation.

use async_graphql::http::MultipartOptions;
use axum::body::Bytes;
use axum::extract::{RawQuery, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;

use super::AppState;
use super::answers::{Delivery, not_acceptable, refusal, refused, write};
use super::graphql_request::{GetParams, Unreadable, get_params, read_json_body};
use super::media::{
    BodyKind, ResponseMedia, accepts_event_stream, answers_with_stream, bearer_token, body_kind,
    has_preflight_header, negotiate, wants_html,
};
use super::subscriptions::{is_subscription, is_websocket_upgrade, sse_single};
use crate::error::ErrorCode;
use crate::graphql::RequestLocale;
use crate::graphql::execution::{Asked, Refusal, Reply, Transport};

/// Files one multipart request may carry.
const MAX_UPLOADS: usize = 4;

/// `POST /graphql`: a JSON body, or a GraphQL multipart request (file uploads); with an event
/// stream's token, an operation whose results go to that stream.
pub(crate) async fn post(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    let kind = body_kind(&headers);
    if let Some(token) = sse_single::token(&headers, query.as_deref()) {
        return sse_single::run(&state, &headers, &token, &body).await;
    }
    if kind == BodyKind::Json {
        return post_json(&state, &headers, &body).await;
    }
    let Some(media) = negotiate(&headers) else {
        return not_acceptable();
    };
    let request = if kind == BodyKind::Other {
        let message = "the body must be application/json or multipart/form-data";
        return refusal(
            media,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::BadRequest,
            message,
        );
    } else if !has_preflight_header(&headers) {
        Err(Unreadable::Malformed(
            "a multipart request needs a `GraphQL-Require-Preflight` header (it keeps other sites' forms out)".into(),
        ))
    } else {
        multipart_request(&headers, &body)
            .await
            .map_err(Unreadable::Malformed)
    };
    match request {
        Ok(request) => respond(&state, request, media, Transport::Post, &headers).await,
        Err(unreadable) => refused(media, &unreadable.refusal()),
    }
}

/// A JSON body: a batch (an array of operations), or one operation answered as JSON, or as an
/// event stream when the client prefers one for this operation (see [`answers_with_stream`]).
async fn post_json(state: &AppState, headers: &HeaderMap, body: &[u8]) -> Response {
    if super::batch::is_batch(body) {
        return match negotiate(headers) {
            Some(media) => super::batch::answer(state, headers, body, media).await,
            None => not_acceptable(),
        };
    }
    let read = read_json_body(body, &state.persisted_queries);
    if answers_with_stream(headers, || is_subscription(state, &read)) {
        return super::subscriptions::sse::answer(state, headers, read, false).await;
    }
    let Some(media) = negotiate(headers) else {
        return not_acceptable();
    };
    match read {
        Ok(request) => respond(state, request, media, Transport::Post, headers).await,
        Err(unreadable) => refused(media, &unreadable.refusal()),
    }
}

/// Reads a GraphQL multipart request (operations, map, files) into a request with uploads.
async fn multipart_request(
    headers: &HeaderMap,
    body: &[u8],
) -> Result<async_graphql::Request, String> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let options = MultipartOptions::default().max_num_files(MAX_UPLOADS);
    async_graphql::http::receive_body(content_type, body, options)
        .await
        .map_err(|e| format!("the multipart request is malformed: {e}"))
}

/// `GET /graphql`: a WebSocket upgrade, a reserved event stream (graphql-sse's single
/// connection), GraphiQL for a browser, else an operation from the URL's parameters, read once
/// and answered as JSON, or as an event stream when the client prefers one for it.
pub(crate) async fn get(State(state): State<AppState>, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    if is_websocket_upgrade(&parts.headers) {
        return super::subscriptions::upgrade(state, parts).await;
    }
    let (headers, query) = (&parts.headers, parts.uri.query());
    if accepts_event_stream(headers)
        && let Some(token) = sse_single::token(headers, query)
    {
        return sse_single::open(&state, &token);
    }
    // Unreadable parameters name an operation: their error is answered, even to a browser.
    let params = get_params(query);
    let names_an_operation = params.as_ref().map_or(true, GetParams::names_an_operation);
    if !names_an_operation && wants_html(headers) {
        return super::graphiql::page(&state, headers);
    }
    let read = params.and_then(|params| params.into_request(&state.persisted_queries));
    if answers_with_stream(headers, || is_subscription(&state, &read)) {
        return super::subscriptions::sse::answer(&state, headers, read, true).await;
    }
    let Some(media) = negotiate(headers) else {
        return not_acceptable();
    };
    match read {
        Ok(request) => respond(&state, request, media, Transport::Get, headers).await,
        Err(unreadable) => refused(media, &unreadable.refusal()),
    }
}

/// Runs the operation and writes what it came to.
async fn respond(
    state: &AppState,
    request: async_graphql::Request,
    media: ResponseMedia,
    transport: Transport,
    headers: &HeaderMap,
) -> Response {
    let asked = asked(state, headers, media);
    let delivery = Delivery {
        media,
        get_headers: (transport == Transport::Get).then_some(headers),
        authenticated: headers.contains_key(header::AUTHORIZATION),
    };
    match state.executor.execute(request, asked, transport).await {
        Reply::Answer(answered) => write(&answered, &delivery),
        Reply::Refused(refusal) => refused(media, &refusal),
        Reply::Stream(_) => refused(media, &stream_over_plain_http()),
    }
}

/// What a subscription's results come to over plain HTTP (single or batched): an internal
/// error, since the execution refuses subscriptions there before they start.
pub(super) fn stream_over_plain_http() -> Refusal {
    Refusal::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        ErrorCode::Internal,
        "a subscription cannot be answered over plain HTTP",
    )
}

/// Who asks, as the request's headers say (HTTP and SSE).
pub(crate) fn asked(state: &AppState, headers: &HeaderMap, media: ResponseMedia) -> Asked {
    Asked {
        caller: state.executor.caller(bearer_token(headers)),
        locale: RequestLocale::from_headers(headers),
        media,
    }
}
