//! GraphQL over Server-Sent Events, distinct-connections mode: one operation per request, its
//! results as `next` events, then `complete`. POST carries the usual JSON body, GET the usual
//! parameters (what a browser's `EventSource` can send; mutations are refused there, as on any
//! GET). The operator token comes in `Authorization`. The stream ends with the operation, when
//! the client goes, or when the gateway shuts down.

use std::convert::Infallible;

use axum::extract::RawQuery;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures::{StreamExt, stream};

use super::{shut_down, streaming_request};
use crate::error::ErrorCode;
use crate::graphql::Caller;
use crate::http::AppState;
use crate::http::graphql::MAX_JSON_BODY_BYTES;
use crate::http::graphql_request::{GetParams, PostBody, Unreadable};
use crate::http::media::bearer_token;
use crate::http::refusal_codes::{
    beyond_limits, is_request_error, with_code, with_validation_code,
};

/// `POST /graphql` with `Accept: text/event-stream`.
pub async fn post(state: &AppState, headers: &HeaderMap, body: &[u8]) -> Response {
    if body.len() > MAX_JSON_BODY_BYTES {
        let too_large = "a JSON request body may be at most 1 MiB".to_string();
        let mut response = refuse(Unreadable::Malformed(too_large));
        *response.status_mut() = StatusCode::PAYLOAD_TOO_LARGE;
        return response;
    }
    let request = serde_json::from_slice::<PostBody>(body)
        .map_err(|e| Unreadable::Malformed(format!("the body is not a GraphQL request: {e}")))
        .and_then(|body| body.into_request(&state.persisted_queries));
    match request {
        Ok(request) => stream_operation(state, headers, request, false),
        Err(unreadable) => refuse(unreadable),
    }
}

/// `GET /graphql` with `Accept: text/event-stream`.
pub async fn get(state: &AppState, headers: &HeaderMap, RawQuery(query): RawQuery) -> Response {
    let params = serde_urlencoded::from_str::<GetParams>(query.as_deref().unwrap_or(""))
        .map_err(|e| Unreadable::Malformed(e.to_string()));
    match params.and_then(|params| params.into_request(&state.persisted_queries)) {
        Ok(request) => stream_operation(state, headers, request, true),
        Err(unreadable) => refuse(unreadable),
    }
}

fn stream_operation(
    state: &AppState,
    headers: &HeaderMap,
    request: async_graphql::Request,
    over_get: bool,
) -> Response {
    let caller = Caller::from_bearer(bearer_token(headers), state.operator_token.as_ref());
    let mut request = streaming_request(state, request, caller, headers);
    let document = match request.parsed_query() {
        Ok(document) => document,
        Err(error) => {
            let error = with_code(error, ErrorCode::GraphqlParseFailed);
            return errors_response(StatusCode::BAD_REQUEST, vec![error]);
        }
    };
    if let Some(error) = beyond_limits(&state.limits, document) {
        return errors_response(StatusCode::BAD_REQUEST, vec![error]);
    }
    let has_mutation = document
        .operations
        .iter()
        .any(|(_, op)| op.node.ty == async_graphql::parser::types::OperationType::Mutation);
    if over_get && has_mutation {
        let mut response = refuse(Unreadable::Malformed(
            "mutations cannot be sent with GET; use POST".into(),
        ));
        *response.status_mut() = StatusCode::METHOD_NOT_ALLOWED;
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("POST"));
        return response;
    }
    let mut closing = state.closing.clone();
    let counted = state.metrics.stream_connection();
    let results = state.schema.execute_stream(request).map(|response| {
        let response = if is_request_error(&response) {
            let mut response = response;
            response.errors = std::mem::take(&mut response.errors)
                .into_iter()
                .map(with_validation_code)
                .collect();
            response
        } else {
            response
        };
        next_event(&response)
    });
    let complete = stream::once(async { Event::default().event("complete").data("") });
    let events = results
        .chain(complete)
        .take_until(async move { shut_down(&mut closing).await })
        .map(move |event| {
            let _still_open = &counted;
            Ok::<_, Infallible>(event)
        });
    Sse::new(events)
        .keep_alive(KeepAlive::new().interval(state.subscriptions.keepalive))
        .into_response()
}

fn next_event(response: &async_graphql::Response) -> Event {
    let data = serde_json::to_string(response).expect("responses serialise");
    Event::default().event("next").data(data)
}

fn refuse(unreadable: Unreadable) -> Response {
    let (code, status, message) = unreadable.answer();
    let error = with_code(async_graphql::ServerError::new(message, None), code);
    errors_response(status, vec![error])
}

fn errors_response(status: StatusCode, errors: Vec<async_graphql::ServerError>) -> Response {
    let body = serde_json::json!({ "errors": errors });
    (status, axum::Json(body)).into_response()
}
