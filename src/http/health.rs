//! `/healthz` (the process answers) and `/readyz` (every configured provider answered recently,
//! or answers a probe now, and with Redis the replica hears the other replicas), so a load
//! balancer stops sending traffic to a cut-off replica.

use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use futures::future::join_all;
use serde_json::{Value, json};

use super::AppState;
use crate::providers::Provider;

/// An answer within this window counts as "recent".
const RECENT: Duration = Duration::from_secs(30);

pub(crate) async fn healthz() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

pub(crate) async fn readyz(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let checks = state
        .providers
        .health()
        .into_iter()
        .map(|(provider, health)| {
            let state = state.clone();
            async move {
                let ready = health.answered_within(RECENT) || state.providers.probe(provider).await;
                (provider, ready)
            }
        });
    let results: Vec<(Provider, bool)> = join_all(checks).await;
    let hears_replicas = state.cluster.as_ref().is_none_or(|cluster| cluster.hears());
    let all_ready = hears_replicas && results.iter().all(|(_, ready)| *ready);
    let providers: serde_json::Map<String, Value> = results
        .into_iter()
        .map(|(p, ready)| {
            (
                p.as_str().to_string(),
                json!(if ready { "ready" } else { "unreachable" }),
            )
        })
        .collect();
    let status = if all_ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let mut body =
        json!({ "status": if all_ready { "ready" } else { "not ready" }, "providers": providers });
    if state.cluster.is_some() {
        body["redis"] = json!(if hears_replicas {
            "hearing"
        } else {
            "unreachable"
        });
    }
    (status, Json(body))
}
