//! One GraphQL operation over HTTP, top to bottom: answered by the response cache when it
//! keeps an answer to this very request (nothing is parsed or executed); else parsed, checked
//! against the limits and the transport, executed (once for identical queries under way
//! together), and written. Every operation is counted and traced, hits included.

use std::sync::Arc;
use std::time::{Duration, Instant};

use async_graphql::parser::types::{DocumentOperations, ExecutableDocument, OperationType};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use tracing::Instrument;

use super::AppState;
use super::answers::{self, Delivery, refusal, write};
use super::field_order::reorder;
use super::media::{ResponseMedia, bearer_token};
use super::refusal_codes::{beyond_limits, is_request_error, with_code, with_validation_code};
use super::response_key::{KeyParts, response_key};
use crate::cache::{Answer, CacheKey, RequestTrace};
use crate::error::ErrorCode;
use crate::graphql::{Caller, Loaders, RequestLocale, RequestMemo};
use crate::providers::DroppedItem;

/// Runs one operation and counts it (name, kind, outcome, latency).
pub async fn execute(
    state: &AppState,
    request: async_graphql::Request,
    media: ResponseMedia,
    over_get: bool,
    headers: &HeaderMap,
) -> Response {
    let started = Instant::now();
    let span = tracing::info_span!(
        "graphql_operation",
        graphql.operation.name = tracing::field::Empty,
        graphql.operation.type = tracing::field::Empty,
        outcome = tracing::field::Empty,
    );
    let ran = run(state, request, media, over_get, headers)
        .instrument(span.clone())
        .await;
    let (name, kind) = (ran.name.as_deref(), kind_label(ran.kind));
    let shown = crate::logged::clipped(name.unwrap_or("anonymous"));
    span.record("graphql.operation.name", shown.as_ref());
    span.record("graphql.operation.type", kind);
    span.record("outcome", ran.outcome);
    let took = started.elapsed();
    state.metrics.operation(name, kind, ran.outcome, took);
    ran.response
}

/// One operation's answer, and what metrics say of it.
struct Ran {
    response: Response,
    /// The operation's name: as asked, or the document's only operation's.
    name: Option<Arc<str>>,
    kind: Option<OperationType>,
    outcome: Outcome,
}

/// What a run came to: `ok`, `partial` (data and errors), `error` (errors only), `refused`
/// (not executed) or `timeout`.
type Outcome = &'static str;

fn kind_label(kind: Option<OperationType>) -> &'static str {
    match kind {
        Some(OperationType::Query) => "query",
        Some(OperationType::Mutation) => "mutation",
        Some(OperationType::Subscription) => "subscription",
        None => "none",
    }
}

/// What the request brings besides its document: who asks, in which language, for which
/// media type and key.
struct Asked<'a> {
    caller: Caller,
    locale: RequestLocale,
    delivery: Delivery<'a>,
    key: Option<CacheKey>,
}

async fn run(
    state: &AppState,
    request: async_graphql::Request,
    media: ResponseMedia,
    over_get: bool,
    headers: &HeaderMap,
) -> Ran {
    let caller = Caller::from_bearer(bearer_token(headers), state.operator_token.as_ref());
    let locale = RequestLocale::from_headers(headers);
    let mut delivery = Delivery {
        media,
        get_headers: over_get.then_some(headers),
        authenticated: headers.contains_key(header::AUTHORIZATION),
        x_cache: None,
    };
    let responses = state.cache.responses();
    let parts = KeyParts {
        caller,
        locale: &locale,
        media,
    };
    let key = responses.and_then(|_| response_key(&request, &parts));
    if let (Some(responses), Some(key)) = (responses, &key)
        && let Some(hit) = responses.hit(key).await
    {
        delivery.x_cache = Some("HIT");
        return Ran {
            response: write(&hit.answer, Some(hit.fresh_for), &delivery),
            name: hit.answer.operation.clone(),
            kind: Some(OperationType::Query),
            outcome: hit.answer.outcome,
        };
    }
    let asked = Asked {
        caller,
        locale,
        delivery,
        key,
    };
    // Boxed: a miss's future is large, and a hit, the common case, need not carry it.
    Box::pin(run_missed(state, request, asked)).await
}

/// Parses, checks and executes an operation no kept answer matched.
async fn run_missed(
    state: &AppState,
    mut request: async_graphql::Request,
    mut asked: Asked<'_>,
) -> Ran {
    let media = asked.delivery.media;
    let operation_name = request.operation_name.clone();
    let document = match request.parsed_query() {
        Ok(document) => document.clone(),
        Err(error) => {
            let error = with_code(error, ErrorCode::GraphqlParseFailed);
            return Ran {
                response: answers::request_error(media, error),
                name: operation_name.map(Arc::from),
                kind: None,
                outcome: "refused",
            };
        }
    };
    let kind = operation_type(&document.operations, operation_name.as_deref());
    let name: Option<Arc<str>> = operation_name
        .clone()
        .or_else(|| only_name(&document.operations))
        .map(Arc::from);
    let over_get = asked.delivery.get_headers.is_some();
    if let Some(response) = refused_before_execution(state, &document, kind, media, over_get) {
        return Ran {
            response,
            name,
            kind,
            outcome: "refused",
        };
    }
    let execution = Execution {
        state: state.clone(),
        request: request
            .data(asked.caller)
            .data(asked.locale)
            .data(RequestMemo::default()),
        document,
        kind,
        name: name.clone(),
        media,
    };
    let answer = match (state.cache.responses(), asked.key) {
        (Some(responses), Some(key)) if kind == Some(OperationType::Query) => {
            asked.delivery.x_cache = Some("MISS");
            responses.execute_once(&key, || execution.spawn()).await.0
        }
        _ => Arc::new(execution.spawn().await),
    };
    Ran {
        response: write(&answer, answer.keep_for, &asked.delivery),
        name,
        kind,
        outcome: answer.outcome,
    }
}

/// A refusal for what the document asks or how it came: past the limits, a subscription over
/// plain HTTP, or anything but a query over GET.
fn refused_before_execution(
    state: &AppState,
    document: &ExecutableDocument,
    kind: Option<OperationType>,
    media: ResponseMedia,
    over_get: bool,
) -> Option<Response> {
    if let Some(error) = beyond_limits(&state.limits, document) {
        return Some(answers::request_error(media, error));
    }
    if kind == Some(OperationType::Subscription) {
        let message = "a subscription needs a streaming transport: a WebSocket on /graphql (graphql-transport-ws or graphql-ws), or `Accept: text/event-stream`";
        let code = ErrorCode::BadRequest;
        return Some(refusal(media, StatusCode::BAD_REQUEST, code, message));
    }
    if over_get && kind.is_some_and(|ty| ty != OperationType::Query) {
        let mut response = refusal(
            media,
            StatusCode::METHOD_NOT_ALLOWED,
            ErrorCode::BadRequest,
            "only queries can be sent with GET; use POST",
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("POST"));
        return Some(response);
    }
    None
}

/// An operation cleared to run.
struct Execution {
    state: AppState,
    request: async_graphql::Request,
    document: ExecutableDocument,
    kind: Option<OperationType>,
    name: Option<Arc<str>>,
    media: ResponseMedia,
}

impl Execution {
    /// Runs the operation in a task of its own: it completes for the identical requests
    /// waiting on it even if the request that started it goes away, and resolving a deep
    /// document starts from a fresh stack.
    async fn spawn(self) -> Answer {
        let task = tokio::spawn(self.run().in_current_span());
        task.await.unwrap_or_else(|error| {
            tracing::error!(%error, "a GraphQL execution failed");
            let code = ErrorCode::Internal;
            let body = answers::refusal_body(code, "the operation failed inside the gateway");
            answers::unkept(code.http_status(), body, "error")
        })
    }

    /// Executes with this request's own loaders, within the request timeout, and records what
    /// fed the answer: how long it may be kept and the tags that would make it wrong. Provider
    /// calls share the request's deadline, a margin before the timeout, so a call that would
    /// outlast it ends (or is never made) in time for a partial answer.
    async fn run(self) -> Answer {
        let state = &self.state;
        let trace = Arc::new(RequestTrace::default());
        let timeout = state.limits.request_timeout;
        let deadline = Instant::now() + timeout - answer_margin(timeout);
        let providers = state.providers.for_request(&trace, deadline);
        let request = self
            .request
            .data(Loaders::new(&providers, state.loader_delay))
            .data(providers)
            .data(trace.clone());
        let operation_name = request.operation_name.clone();
        let execution = state.schema.execute(request);
        let Ok(mut response) = tokio::time::timeout(timeout, execution).await else {
            let message = format!(
                "the request ran longer than {}",
                humantime::format_duration(timeout)
            );
            let code = ErrorCode::RequestTimeout;
            let body = answers::refusal_body(code, &message);
            return answers::unkept(code.http_status(), body, "timeout");
        };
        if is_request_error(&response) {
            let errors = response
                .errors
                .into_iter()
                .map(with_validation_code)
                .collect();
            let (status, body) = answers::request_errors(self.media, errors);
            return answers::unkept(status, body, "refused");
        }
        // Items left out of the provider answers used: the answer is partial (and not kept).
        let dropped = trace.dropped();
        response
            .errors
            .extend(dropped.iter().map(DroppedItem::to_server_error));
        let outcome = match (
            response.errors.is_empty(),
            response.data == async_graphql::Value::Null,
        ) {
            (true, _) => "ok",
            (false, false) => "partial",
            (false, true) => "error",
        };
        reorder(
            &mut response.data,
            &self.document,
            operation_name.as_deref(),
        );
        let stale = trace.stale();
        if !stale.is_empty() {
            let names = stale
                .into_iter()
                .map(async_graphql::Value::String)
                .collect();
            response
                .extensions
                .insert("stale".into(), async_graphql::Value::List(names));
        }
        let keepable = self.kind == Some(OperationType::Query) && response.errors.is_empty();
        let keep_for = keepable
            .then(|| trace.max_age(state.cache.policy().shortest_ttl()))
            .flatten();
        let body = serde_json::to_vec(&response).expect("responses serialise");
        answers::executed(body, keep_for, trace.tags(), self.name, outcome)
    }
}

/// The time kept, at the end of a request's timeout, to finish and write its answer once the
/// last provider call has ended: a tenth of the timeout, at most 250 ms.
fn answer_margin(timeout: Duration) -> Duration {
    (timeout / 10).min(Duration::from_millis(250))
}

/// The name of a document's only operation, when it has one.
fn only_name(operations: &DocumentOperations) -> Option<String> {
    match operations {
        DocumentOperations::Multiple(ops) if ops.len() == 1 => {
            ops.keys().next().map(|n| n.to_string())
        }
        _ => None,
    }
}

/// The type of the operation the request will run, when the document names it unambiguously.
fn operation_type(operations: &DocumentOperations, name: Option<&str>) -> Option<OperationType> {
    match (operations, name) {
        (DocumentOperations::Single(op), _) => Some(op.node.ty),
        (DocumentOperations::Multiple(ops), Some(name)) => ops.get(name).map(|op| op.node.ty),
        (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => {
            ops.values().next().map(|op| op.node.ty)
        }
        _ => None,
    }
}
