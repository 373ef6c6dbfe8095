//! Subscriptions on `/graphql`, over WebSocket (`graphql-transport-ws` and the legacy
//! `graphql-ws`) and over Server-Sent Events (GraphQL over SSE, in both its modes). The routes
//! in `graphql.rs` decide which transport answers a request: a GET that asks for a WebSocket
//! upgrade is one; a request with an event stream's token goes to that stream; a request that
//! prefers `text/event-stream` for its operation is answered as a stream; anything else is
//! plain GraphQL over HTTP.
//!
//! Any operation may be sent on these transports; a subscription yields one result per event.
//! They only read and write their wire format: the execution runs every operation, as it does
//! for plain HTTP.

pub(crate) mod sse;
pub(crate) mod sse_single;
pub(crate) mod ws;

use axum::extract::{FromRequestParts, WebSocketUpgrade};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};

use super::AppState;
use super::graphql_request::Unreadable;

/// A GET that asks for a WebSocket: accepted with the protocol it names, or refused.
pub(crate) async fn upgrade(state: AppState, mut parts: Parts) -> Response {
    match WebSocketUpgrade::from_request_parts(&mut parts, &state).await {
        Ok(upgrade) => ws::upgrade(state, upgrade, parts.headers),
        Err(rejection) => rejection.into_response(),
    }
}

pub(crate) fn is_websocket_upgrade(headers: &HeaderMap) -> bool {
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
