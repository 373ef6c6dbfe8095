//! GraphQL over SSE, single-connection mode (graphql-sse's `singleConnection: true`): a
//! browser on HTTP/1 may hold only six connections to a host, so one event stream carries the
//! results of every operation, and plain requests steer it:
//!
//! 1. `PUT /graphql` reserves a stream: `201` with a one-time token as plain text;
//! 2. `GET /graphql` with `Accept: text/event-stream` and the token (header
//!    `X-GraphQL-Event-Stream-Token`, or the `token` parameter) opens it: one stream per token
//!    (`409` for a second, `404` for an unknown token);
//! 3. `POST /graphql` with the token runs an operation whose `extensions.operationId` names it:
//!    `202`, then its results come on the stream as `next` events `{"id", "payload"}` and a
//!    `complete` event `{"id"}`; a request refused before it runs is answered right there, as
//!    any GraphQL over HTTP request is;
//! 4. `DELETE /graphql?operationId=…` with the token stops that operation.
//!
//! The stream ends when the client goes or the gateway shuts down, and its operations with it.
//! A reservation no stream takes within the WebSocket handshake time is dropped; how many may
//! wait, and how many operations one stream may run, are bounded.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::sse::Event;
use axum::response::{IntoResponse, Response};
use futures::StreamExt;
use futures::stream::{self, AbortHandle, Abortable, BoxStream};
use serde::Deserialize;
use tokio::sync::mpsc;

use super::sse::{event_stream, results_text};
use crate::error::ErrorCode;
use crate::graphql::execution::{ResponseMedia, Transport};
use crate::http::AppState;
use crate::http::answers::{refusal, refused};
use crate::http::graphql::asked;
use crate::http::graphql_request::read_json_body;
use crate::http::media::negotiate;

/// The header that carries a reservation's token.
pub(crate) const TOKEN_HEADER: HeaderName = HeaderName::from_static("x-graphql-event-stream-token");

/// Reservations waiting for their stream, at most.
const MAX_WAITING: usize = 10_000;
/// Operations one stream may run at once (as one WebSocket may).
const MAX_OPERATIONS: usize = 100;
/// Events waiting for a slow stream; past it, the operations wait.
const OUTBOX: usize = 64;
/// Why a token is refused.
const NOT_RESERVED: &str = "no stream is reserved for this token";

/// The streams reserved or open, by token.
#[derive(Default)]
pub(crate) struct Reservations(Mutex<HashMap<String, Reserved>>);

/// One reservation and what runs on it.
struct Reserved {
    events: mpsc::Sender<Event>,
    /// Taken by the stream's `GET`; `None` once a stream is open.
    stream: Option<mpsc::Receiver<Event>>,
    reserved_at: Instant,
    /// The operations under way, by the client's id.
    operations: HashMap<String, AbortHandle>,
}

impl Drop for Reserved {
    fn drop(&mut self) {
        for operation in self.operations.values() {
            operation.abort();
        }
    }
}

impl Reservations {
    fn lock(&self) -> MutexGuard<'_, HashMap<String, Reserved>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A new token, once reservations no stream took within `wait` are dropped; `None` when
    /// too many still wait.
    fn reserve(&self, wait: Duration) -> Option<String> {
        let mut reserved = self.lock();
        reserved.retain(|_, r| r.stream.is_none() || r.reserved_at.elapsed() < wait);
        let waiting = reserved.values().filter(|r| r.stream.is_some()).count();
        if waiting >= MAX_WAITING {
            return None;
        }
        let token = uuid::Uuid::new_v4().simple().to_string();
        let (events, stream) = mpsc::channel(OUTBOX);
        let entry = Reserved {
            events,
            stream: Some(stream),
            reserved_at: Instant::now(),
            operations: HashMap::new(),
        };
        reserved.insert(token.clone(), entry);
        Some(token)
    }
}

/// The token a request carries, in its header or its `token` parameter.
pub(crate) fn token(headers: &HeaderMap, query: Option<&str>) -> Option<String> {
    if let Some(value) = headers.get(&TOKEN_HEADER) {
        return value.to_str().ok().map(str::to_string);
    }
    // Most requests carry no query string (every JSON POST): nothing to read then.
    query.and_then(|query| Params::of(query).token)
}

/// The parameters single-connection mode reads from a URL.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Params {
    token: Option<String>,
    operation_id: Option<String>,
}

impl Params {
    fn of(query: &str) -> Self {
        serde_urlencoded::from_str(query).unwrap_or_default()
    }
}

/// `PUT /graphql`: reserves a stream.
pub(crate) async fn reserve(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> Response {
    match state.sse_streams.reserve(state.subscriptions.init_timeout) {
        Some(token) => {
            let plain = HeaderValue::from_static("text/plain; charset=utf-8");
            let headers = [(header::CONTENT_TYPE, plain)];
            (StatusCode::CREATED, headers, token).into_response()
        }
        None => plain_refusal(
            StatusCode::SERVICE_UNAVAILABLE,
            "too many streams are reserved",
        ),
    }
}

/// `GET /graphql` with a token and `Accept: text/event-stream`: opens the reserved stream.
pub(crate) fn open(state: &AppState, token: &str) -> Response {
    let receiver = {
        let mut reserved = state.sse_streams.lock();
        match reserved.get_mut(token) {
            None => {
                return plain_refusal(StatusCode::NOT_FOUND, NOT_RESERVED);
            }
            Some(entry) => match entry.stream.take() {
                Some(receiver) => receiver,
                None => {
                    return plain_refusal(
                        StatusCode::CONFLICT,
                        "this token's stream is already open",
                    );
                }
            },
        }
    };
    let open = OpenStream {
        reservations: state.sse_streams.clone(),
        token: token.to_string(),
        _counted: state.metrics.stream_connection(),
    };
    let mut receiver = receiver;
    let events = stream::poll_fn(move |cx| receiver.poll_recv(cx));
    event_stream(state, events, open)
}

/// An open stream: when it ends, its reservation and its operations go.
struct OpenStream {
    reservations: Arc<Reservations>,
    token: String,
    _counted: crate::metrics::ConnectionGuard,
}

impl Drop for OpenStream {
    fn drop(&mut self) {
        self.reservations.lock().remove(&self.token);
    }
}

/// `POST /graphql` with a token: runs the operation, its results going to the token's stream.
pub(crate) async fn run(
    state: &AppState,
    headers: &HeaderMap,
    token: &str,
    body: &[u8],
) -> Response {
    let media = negotiate(headers).unwrap_or(ResponseMedia::GraphqlResponseJson);
    if !state.sse_streams.lock().contains_key(token) {
        return plain_refusal(StatusCode::NOT_FOUND, NOT_RESERVED);
    }
    // Read first: the body's size is bounded before its operation id is looked for.
    let request = match read_json_body(body, &state.persisted_queries) {
        Ok(request) => request,
        Err(unreadable) => return refused(media, &unreadable.refusal()),
    };
    let Some(id) = operation_id(body) else {
        let message = "`extensions.operationId` must name the operation";
        return refusal(
            media,
            StatusCode::BAD_REQUEST,
            ErrorCode::BadRequest,
            message,
        );
    };
    let asked = asked(state, headers, ResponseMedia::GraphqlResponseJson);
    let transport = Transport::Stream { over_get: false };
    let results = match results_text(state.executor.execute(request, asked, transport).await) {
        Ok(results) => results,
        Err(refusal) => return refused(media, &refusal),
    };
    match start(state, token, &id, results) {
        Ok(()) => StatusCode::ACCEPTED.into_response(),
        Err(status) => {
            let message = match status {
                StatusCode::CONFLICT => "an operation with this `operationId` is under way",
                StatusCode::TOO_MANY_REQUESTS => "this stream runs too many operations",
                _ => NOT_RESERVED,
            };
            refusal(media, status, ErrorCode::BadRequest, message)
        }
    }
}

/// Registers operation `id` on the token's stream and sends its results there, then
/// `complete`; refused with the status to answer when the id is taken or the stream is full.
fn start(
    state: &AppState,
    token: &str,
    id: &str,
    results: BoxStream<'static, String>,
) -> Result<(), StatusCode> {
    let (abort, registration) = AbortHandle::new_pair();
    let events = {
        let mut reserved = state.sse_streams.lock();
        let entry = reserved.get_mut(token).ok_or(StatusCode::NOT_FOUND)?;
        if entry.operations.contains_key(id) {
            return Err(StatusCode::CONFLICT);
        }
        if entry.operations.len() >= MAX_OPERATIONS {
            return Err(StatusCode::TOO_MANY_REQUESTS);
        }
        entry.operations.insert(id.to_string(), abort);
        entry.events.clone()
    };
    let quoted = serde_json::to_string(id).expect("a string serialises");
    let reservations = state.sse_streams.clone();
    let (token, id) = (token.to_string(), id.to_string());
    let forward = async move {
        let mut results = results;
        while let Some(result) = results.next().await {
            let data = format!(r#"{{"id":{quoted},"payload":{result}}}"#);
            if events
                .send(Event::default().event("next").data(data))
                .await
                .is_err()
            {
                return;
            }
        }
        let complete = format!(r#"{{"id":{quoted}}}"#);
        let _ = events
            .send(Event::default().event("complete").data(complete))
            .await;
    };
    tokio::spawn(async move {
        let _ = Abortable::new(forward, registration).await;
        if let Some(entry) = reservations.lock().get_mut(&token) {
            entry.operations.remove(&id);
        }
    });
    Ok(())
}

/// `DELETE /graphql?operationId=…` with a token: stops that operation.
pub(crate) async fn stop(
    axum::extract::State(state): axum::extract::State<AppState>,
    headers: HeaderMap,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
) -> Response {
    let Some(token) = token(&headers, query.as_deref()) else {
        return plain_refusal(StatusCode::NOT_FOUND, NOT_RESERVED);
    };
    let Some(id) = Params::of(query.as_deref().unwrap_or(""))
        .operation_id
        .filter(|id| !id.is_empty())
    else {
        return plain_refusal(
            StatusCode::BAD_REQUEST,
            "the `operationId` parameter is missing",
        );
    };
    let mut reserved = state.sse_streams.lock();
    let Some(entry) = reserved.get_mut(&token) else {
        return plain_refusal(StatusCode::NOT_FOUND, NOT_RESERVED);
    };
    if let Some(operation) = entry.operations.remove(&id) {
        operation.abort();
    }
    StatusCode::OK.into_response()
}

/// The operation's id, from the body's `extensions.operationId`.
fn operation_id(body: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct Body {
        extensions: Option<Extensions>,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Extensions {
        operation_id: Option<String>,
    }
    let body: Body = serde_json::from_slice(body).ok()?;
    body.extensions?.operation_id.filter(|id| !id.is_empty())
}

/// A refusal of the stream's own protocol, in plain text as graphql-sse's server writes it.
fn plain_refusal(status: StatusCode, message: &'static str) -> Response {
    let plain = HeaderValue::from_static("text/plain; charset=utf-8");
    (status, [(header::CONTENT_TYPE, plain)], message).into_response()
}
