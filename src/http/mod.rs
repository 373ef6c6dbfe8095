//! The axum routes. Handlers are thin: they translate HTTP to the schema and back.

mod answers;
mod batch;
mod cache_headers;
mod cache_invalidate;
pub(crate) mod graphiql;
pub(crate) mod graphql;
pub(crate) mod graphql_request;
mod health;
mod lisa_webhook;
pub(crate) mod media;
mod metrics;
pub(crate) mod persisted_queries;
mod subscriptions;
mod webhook_auth;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{Method, header};
use axum::routing::{get, post};
use tower_http::cors::{AllowHeaders, AllowOrigin, CorsLayer};
use tower_http::trace::TraceLayer;

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;

use crate::cache::ProviderCache;
use crate::config::WebhookCredentials;
use crate::config::{CorsOrigins, Limits, SubscriptionConfig};
use crate::events::Events;
use crate::metrics::Metrics;
pub(crate) use lisa_webhook::SeenEvents;
pub(crate) use persisted_queries::PersistedQueries;

use crate::graphql::execution::Executor;
use crate::providers::Providers;

/// What every handler can reach; one pointer, so cloning it for each request costs nothing.
#[derive(Clone)]
pub(crate) struct AppState(Arc<Shared>);

impl AppState {
    pub(crate) fn new(shared: Shared) -> Self {
        Self(Arc::new(shared))
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// The gateway's parts, shared by every request.
pub(crate) struct Shared {
    /// Runs every operation, whatever transport carried it.
    pub(crate) executor: Executor,
    pub(crate) providers: Providers,
    /// The provider-answer cache, which webhooks and operators invalidate.
    pub(crate) cache: Arc<ProviderCache>,
    /// Apollo persisted queries registered so far.
    pub(crate) persisted_queries: Arc<PersistedQueries>,
    /// What `POST /internal/webhooks/lisa` accepts (none configured: the route answers 404).
    pub(crate) webhook_credentials: WebhookCredentials,
    pub(crate) seen_events: Arc<SeenEvents>,
    /// The event streams of GraphQL over SSE's single-connection mode, reserved or open.
    pub(crate) sse_streams: Arc<subscriptions::sse_single::Reservations>,
    /// Where show start/stop events go.
    pub(crate) events: Events,
    /// Keep-alive and handshake timing of the subscription transports.
    pub(crate) subscriptions: SubscriptionConfig,
    /// Becomes `true` when the gateway shuts down: open streams end so it can.
    pub(crate) closing: watch::Receiver<bool>,
    pub(crate) metrics: Arc<Metrics>,
    /// Document limits, introspection, request timeout, CORS origins.
    pub(crate) limits: Arc<Limits>,
    /// GraphiQL's files: local, or (none installed) the CDN's.
    pub(crate) graphiql: graphiql::assets::Assets,
    /// The other replicas, through Redis (`None`: this replica is the gateway).
    pub(crate) cluster: Option<Arc<crate::cluster::Cluster>>,
}

/// The largest request body: room for a few thumbnails in a multipart upload.
const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

pub(crate) fn router(state: AppState) -> Router {
    let cors = cors_layer(&state.limits.cors);
    let router = Router::new()
        .route(
            "/graphql",
            get(graphql::get)
                .post(graphql::post)
                .put(subscriptions::sse_single::reserve)
                .delete(subscriptions::sse_single::stop)
                .layer(DefaultBodyLimit::max(MAX_BODY_BYTES)),
        )
        .route("/graphiql/assets/{version}/{name}", get(graphiql::asset))
        .route(
            "/internal/webhooks/lisa",
            post(lisa_webhook::receive)
                .layer(DefaultBodyLimit::max(lisa_webhook::MAX_WEBHOOK_BYTES)),
        )
        .route(
            "/internal/cache/invalidate",
            post(cache_invalidate::invalidate),
        )
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(metrics::scrape))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            metrics::count_request,
        ))
        .layer(axum::middleware::map_response(close_after_too_large))
        .layer(TraceLayer::new_for_http().make_span_with(request_span));
    match cors {
        Some(cors) => router.layer(cors).with_state(state),
        None => router.with_state(state),
    }
}

/// The span of one HTTP request: it continues the client's trace (`traceparent`), and its
/// logs carry the trace id.
fn request_span<B>(request: &axum::http::Request<B>) -> tracing::Span {
    let span = tracing::info_span!(
        "http_request",
        http.request.method = %request.method(),
        url.path = %crate::logged::clipped(request.uri().path()),
        trace_id = tracing::field::Empty,
    );
    if let Some(trace_id) = crate::telemetry::continue_trace(&span, request.headers()) {
        span.record("trace_id", trace_id);
    }
    span
}

/// CORS for the configured origins (none configured: no CORS headers at all). A preflight from
/// an allowed origin gets back the headers it asks for: clients send their own (Apollo's
/// `Apollo-Require-Preflight`, `X-Apollo-Operation-Name` and `apollographql-client-name`,
/// `traceparent` from any tracing), and the origin is what is vetted, not the headers. No
/// credentials are allowed: the token travels in `Authorization`, never in a cookie.
fn cors_layer(origins: &CorsOrigins) -> Option<CorsLayer> {
    let allow_origin = match origins {
        CorsOrigins::None => return None,
        CorsOrigins::Any => AllowOrigin::any(),
        CorsOrigins::List(origins) => AllowOrigin::list(origins.iter().cloned()),
    };
    Some(
        CorsLayer::new()
            .allow_origin(allow_origin)
            .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
            .allow_headers(AllowHeaders::mirror_request())
            .expose_headers([header::ETAG, header::CACHE_CONTROL, answers::X_CACHE])
            .max_age(Duration::from_secs(600)),
    )
}

/// A body refused for its size is left unread past the bound, so its connection cannot carry
/// another request: `Connection: close` keeps the client from reusing it and losing its next
/// request, whichever route and bound refused it (`/graphql`'s 16 MiB, the webhook's 256 KiB).
async fn close_after_too_large(mut response: axum::response::Response) -> axum::response::Response {
    if response.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        let close = header::HeaderValue::from_static("close");
        response.headers_mut().insert(header::CONNECTION, close);
    }
    response
}

/// A refusal of an internal route: its status and `{"error": reason}`.
fn refuse(status: axum::http::StatusCode, reason: &str) -> axum::response::Response {
    use axum::response::IntoResponse;
    let body = serde_json::json!({ "error": reason });
    (status, axum::Json(body)).into_response()
}
