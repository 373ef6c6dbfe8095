//! Subscriptions on `/graphql`, over WebSocket (`graphql-transport-ws` and the legacy
//! `graphql-ws`) and over Server-Sent Events (GraphQL over SSE, distinct-connections mode). A
//! GET that asks for a WebSocket upgrade is one; a request that accepts `text/event-stream` is
//! answered as a stream; anything else is plain GraphQL over HTTP.
//!
//! Any operation may be sent on these transports; a subscription yields one result per event.
//! They only read and write their wire format: the execution runs every operation, as it does
//! for plain HTTP.

pub mod sse;
pub mod ws;
mod ws_operation;
mod ws_protocol;

use axum::extract::{FromRequestParts, RawQuery, Request, State, WebSocketUpgrade};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};

use super::AppState;

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
    if wants_event_stream(&parts.headers) {
        return sse::get(&state, &parts.headers, query).await;
    }
    super::graphql::get(State(state), parts.headers, query).await
}

fn is_websocket_upgrade(headers: &HeaderMap) -> bool {
    headers
        .get(header::UPGRADE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("websocket"))
}

/// Whether the client asks for `text/event-stream` (GraphQL over SSE).
pub fn wants_event_stream(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|range| range.split(';').next().unwrap_or("").trim() == "text/event-stream")
}

/// Completes once the gateway starts shutting down.
async fn shut_down(closing: &mut tokio::sync::watch::Receiver<bool>) {
    let _ = closing.wait_for(|closing| *closing).await;
}
