//! `POST /internal/cache/invalidate`: operators (and Caast integrations, as Caast sends no
//! webhooks) drop cache entries by hand. The body is a JSON list of
//! `{"kind": "entity", "provider", "type", "id"}`, `{"kind": "type", "provider", "type"}` or
//! `{"kind": "all"}`; the answer, `202 {"count": n}`, says how many entries went.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::media::bearer_token;
use super::{AppState, refuse};
use crate::cache::Invalidation;
use crate::graphql::Caller;
use crate::logged::clipped;

/// Invalidations one call may carry.
const MAX_INVALIDATIONS: usize = 1000;

pub(crate) async fn invalidate(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let caller = state.executor.caller(bearer_token(&headers));
    if caller != Caller::Operator {
        return refuse(
            StatusCode::UNAUTHORIZED,
            "the operator token is missing or not valid",
        );
    }
    let invalidations: Vec<Invalidation> = match serde_json::from_slice(&body) {
        Ok(list) => list,
        Err(error) => {
            let error = clipped(&error.to_string()).into_owned();
            let reason = format!("expected a list of invalidations: {error}");
            return refuse(StatusCode::BAD_REQUEST, &reason);
        }
    };
    if invalidations.len() > MAX_INVALIDATIONS {
        let reason = format!("at most {MAX_INVALIDATIONS} invalidations per call");
        return refuse(StatusCode::BAD_REQUEST, &reason);
    }
    let count = state.cache.invalidate(&invalidations).await;
    tracing::info!(count, "cache entries invalidated by an operator");
    (StatusCode::ACCEPTED, axum::Json(json!({ "count": count }))).into_response()
}
