//! `/graphql` over HTTP, as the GraphQL over HTTP spec asks: POST with a JSON body, GET with
//! query parameters (queries only), GraphiQL for a browser, and the spec's status codes.

use async_graphql::http::MultipartOptions;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;

use super::AppState;
use super::answers::{not_acceptable, refusal};
use super::graphql_request::{GetParams, PostBody, Unreadable};
use super::media::{
    BodyKind, ResponseMedia, body_kind, has_preflight_header, negotiate, wants_html,
};
use super::operation::execute;
use crate::error::ErrorCode;

/// Files one multipart request may carry.
const MAX_UPLOADS: usize = 4;
/// The largest JSON body (multipart bodies, which carry files, may be larger).
pub(crate) const MAX_JSON_BODY_BYTES: usize = 1024 * 1024;

/// `POST /graphql`: a JSON body, or a GraphQL multipart request (file uploads).
pub async fn post(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let kind = body_kind(&headers);
    if kind == BodyKind::Json && super::subscriptions::wants_event_stream(&headers) {
        return super::subscriptions::sse::post(&state, &headers, &body).await;
    }
    let Some(media) = negotiate(&headers) else {
        return not_acceptable();
    };
    if kind == BodyKind::Json && body.len() > MAX_JSON_BODY_BYTES {
        let message = "a JSON request body may be at most 1 MiB";
        return refusal(
            media,
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::BadRequest,
            message,
        );
    }
    let request = match kind {
        BodyKind::Json => serde_json::from_slice::<PostBody>(&body)
            .map_err(|e| Unreadable::Malformed(format!("the body is not a GraphQL request: {e}")))
            .and_then(|body| body.into_request(&state.persisted_queries)),
        BodyKind::Multipart if !has_preflight_header(&headers) => Err(Unreadable::Malformed(
            "a multipart request needs a `GraphQL-Require-Preflight` header (it keeps other sites' forms out)".into(),
        )),
        BodyKind::Multipart => multipart_request(&headers, &body).await.map_err(Unreadable::Malformed),
        BodyKind::Other => {
            let message = "the body must be application/json or multipart/form-data";
            return refusal(media, StatusCode::UNSUPPORTED_MEDIA_TYPE, ErrorCode::BadRequest, message);
        }
    };
    match request {
        Ok(request) => execute(&state, request, media, false, &headers).await,
        Err(unreadable) => unreadable_request(media, unreadable),
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

/// `GET /graphql`: GraphiQL for a browser, else a query from the URL's parameters.
pub async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let params: GetParams = match serde_urlencoded::from_str(query.as_deref().unwrap_or("")) {
        Ok(params) => params,
        Err(error) => {
            return refusal(
                ResponseMedia::Json,
                StatusCode::BAD_REQUEST,
                ErrorCode::BadRequest,
                &error.to_string(),
            );
        }
    };
    if !params.names_an_operation() && wants_html(&headers) {
        return super::graphiql::page(&state, &headers);
    }
    let Some(media) = negotiate(&headers) else {
        return not_acceptable();
    };
    match params.into_request(&state.persisted_queries) {
        Ok(request) => execute(&state, request, media, true, &headers).await,
        Err(unreadable) => unreadable_request(media, unreadable),
    }
}

/// A request that could not be read: 400, except an unknown persisted query, which Apollo
/// clients expect as a GraphQL error (they then send the query with its hash).
fn unreadable_request(media: ResponseMedia, unreadable: Unreadable) -> Response {
    let (code, status, message) = unreadable.answer();
    refusal(media, status, code, &message)
}
