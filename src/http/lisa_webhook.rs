//! `POST /internal/webhooks/lisa`: LiSA tells the gateway what changed. The call is
//! authenticated, its body read for the changed item, the cache entries about it dropped, and a
//! show's start or stop, or its change (edited, published, unpublished, deleted: a show on air
//! withdrawn also ends), announced on the event bus — all before the `204`, so a read that
//! starts after LiSA has its answer sees the change. LiSA retries until it gets a 200, 202 or
//! 204: a repeated event is acknowledged without being processed again, and an event of a kind
//! the gateway does not know is acknowledged with `202`.
//!
//! Every value the body carries is checked before anything is kept, logged or passed on (ids
//! are UUIDs, see `webhook_notice.rs`), so the memory of seen events is bounded in bytes and a
//! log line by a fixed length.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use tokio::sync::OnceCell;
use uuid::Uuid;

use super::webhook_auth::is_authentic;
use super::{AppState, refuse};
use crate::cluster::ReplicaError;
use crate::providers::Provider;
use crate::providers::lisa::{Notice, Webhook};

/// The largest webhook body (a show with its texts in every language fits many times over).
pub(crate) const MAX_WEBHOOK_BYTES: usize = 256 * 1024;
/// How long an event id is remembered: LiSA's retries come within minutes.
const REMEMBERED_FOR: Duration = Duration::from_secs(24 * 60 * 60);
/// The memory the remembered event ids may take (about 87,000 of them); past it the least
/// recently seen are forgotten first.
pub(crate) const REMEMBERED_BYTES: u64 = 16 * 1024 * 1024;
/// What remembering one event takes, on the high side: its id (16 bytes), the shared slot of
/// its processing, and the cache's own bookkeeping per entry.
const REMEMBERED_EVENT_BYTES: u32 = 192;

/// Event ids seen, each with the processing of its first delivery (a repeat waits for it).
/// An id is a UUID, read before it is remembered: each weighs the same, whatever was sent.
pub(crate) struct SeenEvents {
    events: moka::sync::Cache<Uuid, Arc<OnceCell<Processed>>>,
}

impl Default for SeenEvents {
    fn default() -> Self {
        Self::bounded_to(REMEMBERED_BYTES)
    }
}

impl SeenEvents {
    fn bounded_to(max_bytes: u64) -> Self {
        Self {
            events: moka::sync::Cache::builder()
                .max_capacity(max_bytes)
                .weigher(|_, _| REMEMBERED_EVENT_BYTES)
                .time_to_live(REMEMBERED_FOR)
                .build(),
        }
    }

    /// The processing of `event`'s first delivery (not begun when this is the first).
    fn of(&self, event: Uuid) -> Arc<OnceCell<Processed>> {
        self.events.get_with(event, Arc::default)
    }
}

pub(crate) async fn receive(
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
            // Answered with `Connection: close` (see `http::close_after_too_large`).
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
            let first = state.seen_events.of(notice.event_id);
            let mut processed = false;
            let done = first
                .get_or_try_init(|| {
                    processed = true;
                    process(&state, &notice)
                })
                .await;
            let outcome = match (done, processed) {
                (Err(not_processed), _) => {
                    let error = not_processed.replica_error();
                    tracing::warn!(%error, step = %not_processed, event_id = %notice.event_id, "LiSA webhook not processed: answered 503 so that LiSA sends it again");
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

/// Why an event was not processed: a step the other replicas had to share failed. LiSA is
/// answered 503 and sends the event again.
#[derive(Debug, thiserror::Error)]
enum NotProcessed {
    #[error("its event id could not be claimed")]
    Claim(#[source] ReplicaError),
    #[error("the other replicas were not told of its invalidation")]
    Invalidation(#[source] ReplicaError),
    #[error("the other replicas were not told of its event")]
    Announcement(#[source] ReplicaError),
}

impl NotProcessed {
    /// What went wrong with Redis or the other replicas (its kind only: see
    /// `cluster/error.rs`), for the log beside the step.
    fn replica_error(&self) -> &ReplicaError {
        match self {
            Self::Claim(error) | Self::Invalidation(error) | Self::Announcement(error) => error,
        }
    }
}

/// Claims the event among the replicas, drops what the change made wrong on all of them, then
/// announces it. On failure the claim is given back, so LiSA's retry is processed.
async fn process(state: &AppState, notice: &Notice) -> Result<Processed, NotProcessed> {
    if let Some(cluster) = &state.cluster
        && !cluster
            .claim_webhook(notice.event_id)
            .await
            .map_err(NotProcessed::Claim)?
    {
        return Ok(Processed::Elsewhere);
    }
    if let Err(error) = invalidate_then_announce(state, notice).await {
        if let Some(cluster) = &state.cluster {
            cluster.release_webhook(notice.event_id).await;
        }
        return Err(error);
    }
    Ok(Processed::Here)
}

/// Drops what the change made wrong on every replica, then tells the subscribers.
async fn invalidate_then_announce(state: &AppState, notice: &Notice) -> Result<(), NotProcessed> {
    let removed = (state.cache)
        .invalidate_tags_everywhere(&notice.changed())
        .await
        .map_err(NotProcessed::Invalidation)?;
    tracing::info!(
        event_id = %notice.event_id,
        item = notice.item_id,
        kind = ?notice.kind,
        removed,
        "LiSA webhook processed"
    );
    announce(state, notice)
        .await
        .map_err(NotProcessed::Announcement)
}

/// Tells the subscribers: a start or stop; a change, and the end of a show on air withdrawn.
async fn announce(state: &AppState, notice: &Notice) -> Result<(), ReplicaError> {
    if let Some(seen) = notice.observation() {
        state.events.observe_confirmed(seen).await?;
    }
    if let Some(change) = notice.content_event() {
        state.events.announce_confirmed(change).await?;
        let known = state.events.known_state(Provider::Lisa, &notice.item_id);
        if let Some(ended) = notice.withdrawal(known) {
            state.events.observe_confirmed(ended).await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seen_events_stay_under_their_bound_in_bytes() {
        let bound = 64 * 1024;
        let seen = SeenEvents::bounded_to(bound);
        let fits = bound / u64::from(REMEMBERED_EVENT_BYTES);
        for n in 0..fits * 10 {
            seen.of(Uuid::from_u128(u128::from(n)));
        }
        seen.events.run_pending_tasks();
        assert!(seen.events.weighted_size() <= bound);
        assert!(seen.events.entry_count() <= fits);
        assert!(seen.events.entry_count() > fits / 2, "and it does remember");
    }
}
