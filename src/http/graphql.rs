//! `/graphql` over HTTP, as the GraphQL over HTTP spec asks: POST with a JSON body, GET with
//! query parameters (queries only), GraphiQL for a browser, and the spec's status codes.

use std::sync::Arc;
use std::time::Instant;

use tracing::Instrument;

use async_graphql::ServerError;
use async_graphql::http::MultipartOptions;
use async_graphql::parser::types::{DocumentOperations, OperationType};
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde_json::json;

use super::AppState;
use super::cache_headers::{Kept, cache_control, etag, none_match};
use super::field_order::reorder;
use super::graphql_request::{GetParams, PostBody, Unreadable};
use super::media::{
    BodyKind, ResponseMedia, bearer_token, body_kind, has_preflight_header, negotiate, wants_html,
};
use super::refusal_codes::{beyond_limits, is_request_error, with_code, with_validation_code};
use crate::cache::RequestTrace;
use crate::error::ErrorCode;
use crate::graphql::{Caller, Loaders, RequestLocale, RequestMemo};

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
        return graphiql();
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

/// Runs one operation and counts it (name, kind, outcome, latency).
async fn execute(
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
    span.record("graphql.operation.name", name.unwrap_or("anonymous"));
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
    name: Option<String>,
    kind: Option<OperationType>,
    outcome: Outcome,
}

/// What a run came to: `ok`, `partial` (data and errors), `error` (errors only), or `refused`
/// (not executed).
type Outcome = &'static str;

fn kind_label(kind: Option<OperationType>) -> &'static str {
    match kind {
        Some(OperationType::Query) => "query",
        Some(OperationType::Mutation) => "mutation",
        Some(OperationType::Subscription) => "subscription",
        None => "none",
    }
}

async fn run(
    state: &AppState,
    mut request: async_graphql::Request,
    media: ResponseMedia,
    over_get: bool,
    headers: &HeaderMap,
) -> Ran {
    let caller = Caller::from_bearer(bearer_token(headers), state.operator_token.as_ref());
    let trace = Arc::new(RequestTrace::default());
    let providers = state.providers.for_request(&trace);
    request = request
        .data(caller)
        .data(RequestMemo::default())
        .data(Loaders::new(&providers, state.loader_delay))
        .data(providers)
        .data(RequestLocale::from_headers(headers));
    let operation_name = request.operation_name.clone();
    let (operation_type, document) = match request.parsed_query() {
        Ok(document) => (
            operation_type(&document.operations, operation_name.as_deref()),
            document.clone(),
        ),
        Err(error) => {
            let error = with_code(error, ErrorCode::GraphqlParseFailed);
            let response = request_errors(media, vec![error]);
            return Ran {
                response,
                name: operation_name,
                kind: None,
                outcome: "refused",
            };
        }
    };
    let name = operation_name
        .clone()
        .or_else(|| only_name(&document.operations));
    let ran = |response, outcome| Ran {
        response,
        name: name.clone(),
        kind: operation_type,
        outcome,
    };
    let refused = |response| ran(response, "refused");
    if let Some(error) = beyond_limits(&state.limits, &document) {
        return refused(request_errors(media, vec![error]));
    }
    if operation_type == Some(OperationType::Subscription) {
        let message = "a subscription needs a streaming transport: a WebSocket on /graphql (graphql-transport-ws or graphql-ws), or `Accept: text/event-stream`";
        let code = ErrorCode::BadRequest;
        return refused(refusal(media, StatusCode::BAD_REQUEST, code, message));
    }
    if over_get && operation_type.is_some_and(|ty| ty != OperationType::Query) {
        let mut response = refusal(
            media,
            StatusCode::METHOD_NOT_ALLOWED,
            ErrorCode::BadRequest,
            "only queries can be sent with GET; use POST",
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("POST"));
        return refused(response);
    }
    let timeout = state.limits.request_timeout;
    let Ok(mut response) = tokio::time::timeout(timeout, state.schema.execute(request)).await
    else {
        let message = format!(
            "the request ran longer than {}",
            humantime::format_duration(timeout)
        );
        let code = ErrorCode::RequestTimeout;
        return ran(
            refusal(media, code.http_status(), code, &message),
            "timeout",
        );
    };
    if is_request_error(&response) {
        let errors = response
            .errors
            .into_iter()
            .map(with_validation_code)
            .collect();
        return refused(request_errors(media, errors));
    }
    let outcome = match (
        response.errors.is_empty(),
        response.data == async_graphql::Value::Null,
    ) {
        (true, _) => "ok",
        (false, false) => "partial",
        (false, true) => "error",
    };
    reorder(&mut response.data, &document, operation_name.as_deref());
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
    let kept = Kept {
        max_age: trace.max_age(state.cache.policy().shortest_ttl()),
        authenticated: headers.contains_key(header::AUTHORIZATION),
        no_store: operation_type != Some(OperationType::Query) || !response.errors.is_empty(),
    };
    let body = serde_json::to_vec(&response).expect("responses serialise");
    let answer = cacheable_response(media, body, &kept, over_get.then_some(headers));
    ran(answer, outcome)
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

/// A 200 answer with its `Cache-Control`; over GET also its `ETag`, or `304` when the client
/// already holds it.
fn cacheable_response(
    media: ResponseMedia,
    body: Vec<u8>,
    kept: &Kept,
    get_headers: Option<&HeaderMap>,
) -> Response {
    let validator = get_headers.map(|headers| {
        let etag = etag(media.content_type(), &body);
        (none_match(headers, &etag), etag)
    });
    let mut response = match validator {
        Some((true, _)) => StatusCode::NOT_MODIFIED.into_response(),
        _ => json_response(media, StatusCode::OK, body),
    };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, cache_control(kept));
    headers.insert(
        header::VARY,
        HeaderValue::from_static("Accept, Accept-Language, Authorization"),
    );
    if let Some((_, etag)) = validator {
        headers.insert(header::ETAG, etag);
    }
    response
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

/// A GraphQL request error: no `data` at all, 400 for clients that speak the spec's media type.
fn request_errors(media: ResponseMedia, errors: Vec<ServerError>) -> Response {
    let status = match media {
        ResponseMedia::GraphqlResponseJson => StatusCode::BAD_REQUEST,
        ResponseMedia::Json => StatusCode::OK,
    };
    json_response(
        media,
        status,
        serde_json::to_vec(&json!({ "errors": errors })).expect("errors serialise"),
    )
}

/// A refusal before any GraphQL work, with its own status.
fn refusal(media: ResponseMedia, status: StatusCode, code: ErrorCode, message: &str) -> Response {
    let body =
        json!({ "errors": [{ "message": message, "extensions": { "code": code.as_str() } }] });
    json_response(
        media,
        status,
        serde_json::to_vec(&body).expect("errors serialise"),
    )
}

fn not_acceptable() -> Response {
    let message = "accept application/graphql-response+json or application/json";
    refusal(
        ResponseMedia::Json,
        StatusCode::NOT_ACCEPTABLE,
        ErrorCode::BadRequest,
        message,
    )
}

/// A JSON answer; nobody keeps it unless the caller says otherwise (see [`cacheable_response`]).
fn json_response(media: ResponseMedia, status: StatusCode, body: Vec<u8>) -> Response {
    let headers = [
        (header::CONTENT_TYPE, media.content_type()),
        (header::CACHE_CONTROL, "no-store"),
    ];
    (status, headers, body).into_response()
}

fn graphiql() -> Response {
    Html(
        async_graphql::http::GraphiQLSource::build()
            .endpoint("/graphql")
            .subscription_endpoint("/graphql")
            .title("live-commerce-gateway")
            .finish(),
    )
    .into_response()
}
