//! Subscriptions on `/graphql`, over WebSocket (`graphql-transport-ws` and the legacy
//! `graphql-ws`) and over Server-Sent Events (GraphQL over SSE, in both its modes). A GET that
//! asks for a WebSocket upgrade is one; a GET with an event stream's token opens that stream;
//! a request that accepts `text/event-stream` is answered as a stream; anything else is plain
//! GraphQL over HTTP.
//!
//! Any operation may be sent on these transports; a subscription yields one result per event.
//! They only read and write their wire format: the execution runs every operation, as it does
//! for plain HTTP.

pub mod sse;
pub mod sse_single;
pub mod ws;
mod ws_operation;
mod ws_protocol;

use axum::extract::{FromRequestParts, RawQuery, Request, State, WebSocketUpgrade};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};

use super::AppState;
use super::graphql_request::{Unreadable, read_get_params};
use super::media::{accepts_event_stream, answers_with_stream};

/// `GET /graphql`: a WebSocket upgrade, an event stream, or a query over HTTP.
pub async fn get(State(state): State<AppState>, request: Request) -> Response {
    let (mut parts, _) = request.into_parts();
    if is_websocket_upgrade(&parts.headers) {
        return match WebSocketUpgrade::from_request_parts(&mut parts, &state).await {
            Ok(upgrade) => ws::upgrade(state, upgrade, parts.headers),
            Err(rejection) => rejection.into_response(),
        };
    }
    let query = RawQuery(parts.uri.query().map(str::to_string));
    if accepts_event_stream(&parts.headers) {
        if let Some(token) = sse_single::token(&parts.headers, query.0.as_deref()) {
            return sse_single::open(&state, &token);
        }
        let read = read_get_params(query.0.as_deref(), &state.persisted_queries);
        if answers_with_stream(&parts.headers, || is_subscription(&state, &read)) {
            return sse::answer(&state, &parts.headers, read, true).await;
        }
    }
    super::graphql::get(State(state), parts.headers, query).await
}

fn is_websocket_upgrade(headers: &HeaderMap) -> bool {
    headers
        .get(header::UPGRADE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("websocket"))
}

/// Whether a request that could be read names a subscription (one that could not is answered as
/// any other request is: its error, as JSON when JSON is acceptable).
pub(crate) fn is_subscription(
    state: &AppState,
    read: &Result<async_graphql::Request, Unreadable>,
) -> bool {
    read.as_ref()
        .is_ok_and(|request| state.executor.is_subscription(request))
}

/// Completes once the gateway starts shutting down.
async fn shut_down(closing: &mut tokio::sync::watch::Receiver<bool>) {
    let _ = closing.wait_for(|closing| *closing).await;
}
