//! GraphQL over Server-Sent Events, distinct-connections mode: one operation per request, its
//! results as `next` events, then `complete`. POST carries the usual JSON body, GET the usual
//! parameters (what a browser's `EventSource` can send; mutations are refused there, as on any
//! GET). The operator token comes in `Authorization`. The stream ends with the operation, when
//! the client goes, or when the gateway shuts down. Only the wire format is handled here; the
//! execution runs the operation.

use std::convert::Infallible;

use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures::stream::BoxStream;
use futures::{Stream, StreamExt, stream};

use super::shut_down;
use crate::graphql::execution::{Refusal, Reply, ResponseMedia, Transport};
use crate::http::AppState;
use crate::http::answers::refused;
use crate::http::graphql::asked;
use crate::http::graphql_request::Unreadable;

/// `POST` or `GET /graphql` answered with an event stream (see `media::answers_with_stream`):
/// the request its JSON body or its parameters made, or why they made none.
pub(crate) async fn answer(
    state: &AppState,
    headers: &HeaderMap,
    read: Result<async_graphql::Request, Unreadable>,
    over_get: bool,
) -> Response {
    match read {
        Ok(request) => stream_operation(state, headers, request, over_get).await,
        Err(unreadable) => refuse(&unreadable.refusal()),
    }
}

async fn stream_operation(
    state: &AppState,
    headers: &HeaderMap,
    request: async_graphql::Request,
    over_get: bool,
) -> Response {
    let asked = asked(state, headers, ResponseMedia::GraphqlResponseJson);
    let transport = Transport::Stream { over_get };
    let results = match results_text(state.executor.execute(request, asked, transport).await) {
        Ok(results) => results.map(next_event),
        Err(refusal) => return refuse(&refusal),
    };
    let complete = stream::once(async { Event::default().event("complete").data("") });
    let counted = state.metrics.stream_connection();
    event_stream(state, results.chain(complete), counted)
}

/// An operation's results as JSON texts (a query's one answer, or a subscription's results),
/// or the refusal it got before it ran.
pub(super) fn results_text(reply: Reply) -> Result<BoxStream<'static, String>, Refusal> {
    match reply {
        Reply::Refused(refusal) => Err(refusal),
        Reply::Answer(answered) => {
            let body = String::from_utf8_lossy(&answered.answer.body).into_owned();
            Ok(stream::once(async move { body }).boxed())
        }
        Reply::Stream(results) => Ok(results.map(|result| result.body.to_string()).boxed()),
    }
}

/// Writes `events` as an event stream, pinged while idle, ended when the gateway shuts down;
/// `held` (what counts the connection, what it reserved) lives as long as the stream.
pub(super) fn event_stream(
    state: &AppState,
    events: impl Stream<Item = Event> + Send + 'static,
    held: impl Send + Sync + 'static,
) -> Response {
    let mut closing = state.closing.clone();
    let events = events
        .take_until(async move { shut_down(&mut closing).await })
        .map(move |event| {
            let _still_open = &held;
            Ok::<_, Infallible>(event)
        });
    Sse::new(events)
        .keep_alive(KeepAlive::new().interval(state.subscriptions.keepalive))
        .into_response()
}

fn next_event(data: String) -> Event {
    Event::default().event("next").data(data)
}

/// A refusal before the stream starts: a plain answer with the refusal's own status.
fn refuse(refusal: &Refusal) -> Response {
    refused(ResponseMedia::GraphqlResponseJson, refusal)
}
