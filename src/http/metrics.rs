//! `GET /metrics` (Prometheus, OpenMetrics text) and the middleware that counts every HTTP
//! request by route, method and status.

use axum::extract::{MatchedPath, Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::AppState;
use crate::metrics::HttpLabels;

pub(crate) async fn scrape(State(state): State<AppState>) -> Response {
    // Runs the cache's pending bookkeeping, so the weight read below is current.
    state.cache.weighted_size().await;
    let media = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    ([(header::CONTENT_TYPE, media)], state.metrics.encode()).into_response()
}

/// Counts the request once its response is ready. The route is the matched pattern, so
/// unknown paths share one label (`unmatched`).
pub(crate) async fn count_request(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", MatchedPath::as_str)
        .to_string();
    let method = match request.method().as_str() {
        known @ ("GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS") => known,
        _ => "other",
    }
    .to_string();
    let response = next.run(request).await;
    let labels = HttpLabels {
        route,
        method,
        status: response.status().as_u16(),
    };
    state.metrics.http_requests.get_or_create(&labels).inc();
    response
}
