//! `POST /internal/webhooks/lisa`: LiSA tells the gateway what changed. The call is
//! authenticated, its body read for the changed item, the cache entries about it dropped, and a
//! show's start or stop announced on the event bus — all before the `204`, so a read that starts
//! after LiSA has its answer sees the change. LiSA retries until it gets a 2xx: a repeated event
//! is acknowledged without being processed again, and an event of a kind the gateway does not
//! know is acknowledged with `202`.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use tokio::sync::OnceCell;

use super::webhook_auth::is_authentic;
use super::{AppState, refuse};
use crate::providers::lisa::{Notice, Webhook};

/// The largest webhook body (a show with its texts in every language fits many times over).
pub const MAX_WEBHOOK_BYTES: usize = 256 * 1024;
/// How long an event id is remembered: LiSA's retries come within minutes.
const REMEMBERED_FOR: Duration = Duration::from_secs(24 * 60 * 60);
const REMEMBERED_EVENTS: u64 = 100_000;

/// Event ids seen, each with the processing of its first delivery (a repeat waits for it).
pub struct SeenEvents {
    events: moka::sync::Cache<String, Arc<OnceCell<Processed>>>,
}

impl Default for SeenEvents {
    fn default() -> Self {
        Self {
            events: moka::sync::Cache::builder()
                .max_capacity(REMEMBERED_EVENTS)
                .time_to_live(REMEMBERED_FOR)
                .build(),
        }
    }
}

pub async fn receive(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    if !state.webhook_credentials.is_configured() {
        return StatusCode::NOT_FOUND.into_response();
    }
    if !is_authentic(&headers, &state.webhook_credentials) {
        state.metrics.webhook("other", "unauthorized");
        return refuse(
            StatusCode::UNAUTHORIZED,
            "the webhook's credentials are not valid",
        );
    }
    let body = match body {
        Ok(body) => body,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            state.metrics.webhook("other", "malformed");
            let reason = format!("a webhook body may be at most {MAX_WEBHOOK_BYTES} bytes");
            return refuse(StatusCode::PAYLOAD_TOO_LARGE, &reason);
        }
        Err(rejection) => {
            state.metrics.webhook("other", "malformed");
            return refuse(rejection.status(), &rejection.body_text());
        }
    };
    match Webhook::parse(&body) {
        Err(reason) => {
            state.metrics.webhook("other", "malformed");
            refuse(StatusCode::BAD_REQUEST, &reason)
        }
        Ok(Webhook::Ignore { event_type }) => {
            state.metrics.webhook("other", "ignored");
            tracing::info!(
                event_type,
                "LiSA webhook of a kind the gateway does not act on"
            );
            StatusCode::ACCEPTED.into_response()
        }
        Ok(Webhook::Act(notice)) => {
            let first = state
                .seen_events
                .events
                .get_with(notice.event_id.clone(), Arc::default);
            let mut processed = false;
            let done = first
                .get_or_try_init(|| {
                    processed = true;
                    process(&state, &notice)
                })
                .await;
            let outcome = match (done, processed) {
                (Err(error), _) => {
                    tracing::warn!(%error, event_id = notice.event_id, "LiSA webhook not processed: answered 503 so that LiSA sends it again");
                    state.metrics.webhook(notice.kind.label(), "failed");
                    let reason = "the other replicas could not be told; send it again";
                    return refuse(StatusCode::SERVICE_UNAVAILABLE, reason);
                }
                (Ok(Processed::Here), true) => "processed",
                _ => "duplicate",
            };
            state.metrics.webhook(notice.kind.label(), outcome);
            StatusCode::NO_CONTENT.into_response()
        }
    }
}

/// What became of an event this replica had not seen.
#[derive(Clone, Copy)]
enum Processed {
    Here,
    /// Another replica claimed it first.
    Elsewhere,
}

/// Claims the event among the replicas, drops what the change made wrong on all of them, then
/// announces a start or stop. On failure the claim is given back, so LiSA's retry is processed.
async fn process(state: &AppState, notice: &Notice) -> Result<Processed, String> {
    if let Some(cluster) = &state.cluster
        && !cluster.claim_webhook(&notice.event_id).await?
    {
        return Ok(Processed::Elsewhere);
    }
    let removed = match state
        .cache
        .invalidate_tags_everywhere(&notice.changed())
        .await
    {
        Ok(removed) => removed,
        Err(error) => {
            if let Some(cluster) = &state.cluster {
                cluster.release_webhook(&notice.event_id).await;
            }
            return Err(error);
        }
    };
    tracing::info!(
        event_id = notice.event_id,
        item = notice.item_id,
        kind = ?notice.kind,
        removed,
        "LiSA webhook processed"
    );
    if let Some(seen) = notice.observation() {
        state.events.observe_confirmed(seen).await?;
    }
    Ok(Processed::Here)
}
