//! The control API under `/_simulator`, for tests in other processes and for demos:
//! request counts and log, fault injection, provider latency, show/live state changes (start,
//! stop, publish, unpublish, delete), webhook deliveries.
//! Unauthenticated: it only ever listens where the simulator does (localhost by default).

use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};

use super::faults::{Fault, FaultTarget};
use super::latency::Latency;
use super::operation::{Operation, SimProvider};
use super::sim::Simulator;
use super::state_changes::StateChangeError;

pub(crate) fn routes() -> Router<Simulator> {
    Router::new()
        .route("/requests", get(counts).delete(reset_counts))
        .route("/requests/log", get(received))
        .route("/faults", post(inject).delete(clear))
        .route("/latency", put(set_latency))
        .route("/shows/{id}/start", post(start_show))
        .route("/shows/{id}/stop", post(stop_show))
        .route("/shows/{id}/publish", post(publish_show))
        .route("/shows/{id}/unpublish", post(unpublish_show))
        .route("/shows/{id}/delete", post(delete_show))
        .route("/lives/{id}/start", post(start_live))
        .route("/lives/{id}/finish", post(finish_live))
        .route("/webhooks/deliveries", get(deliveries))
}

async fn counts(State(sim): State<Simulator>) -> Json<Value> {
    Json(json!(sim.request_counts()))
}

async fn received(State(sim): State<Simulator>) -> Json<Value> {
    Json(json!(sim.received()))
}

/// Zeroes the counts and clears the log.
async fn reset_counts(State(sim): State<Simulator>) -> StatusCode {
    sim.reset_request_counts();
    StatusCode::NO_CONTENT
}

/// `{"provider": "caast"|"lisa"}` or `{"operation": "caast.lives.list"}`, plus
/// `latency_ms` and/or `status`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FaultBody {
    provider: Option<SimProvider>,
    operation: Option<String>,
    #[serde(default)]
    latency_ms: u64,
    status: Option<u16>,
}

async fn inject(State(sim): State<Simulator>, Json(body): Json<FaultBody>) -> Response {
    let target = match (body.provider, body.operation.as_deref()) {
        (Some(provider), None) => FaultTarget::Provider(provider),
        (None, Some(name)) => match Operation::from_name(name) {
            Some(op) => FaultTarget::Operation(op),
            None => return bad_request(&format!("unknown operation {name}")),
        },
        _ => return bad_request("give exactly one of provider and operation"),
    };
    if body
        .status
        .is_some_and(|s| StatusCode::from_u16(s).is_err())
    {
        return bad_request("status must be an HTTP status code");
    }
    let fault = Fault {
        latency: Duration::from_millis(body.latency_ms),
        status: body.status,
    };
    sim.inject_fault(target, fault);
    StatusCode::NO_CONTENT.into_response()
}

/// `{"provider": "caast"|"lisa", "fixed_ms": 20, "jitter_ms": 10}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LatencyBody {
    provider: SimProvider,
    #[serde(default)]
    fixed_ms: u64,
    #[serde(default)]
    jitter_ms: u64,
}

async fn set_latency(State(sim): State<Simulator>, Json(body): Json<LatencyBody>) -> StatusCode {
    let latency = Latency {
        fixed: Duration::from_millis(body.fixed_ms),
        jitter: Duration::from_millis(body.jitter_ms),
    };
    sim.set_latency(body.provider, latency);
    StatusCode::NO_CONTENT
}

async fn clear(State(sim): State<Simulator>) -> StatusCode {
    sim.clear_faults();
    StatusCode::NO_CONTENT
}

async fn start_show(State(sim): State<Simulator>, Path(id): Path<String>) -> Response {
    answer(sim.start_show(&id).await)
}

async fn stop_show(State(sim): State<Simulator>, Path(id): Path<String>) -> Response {
    answer(sim.stop_show(&id).await)
}

async fn publish_show(State(sim): State<Simulator>, Path(id): Path<String>) -> Response {
    answer(sim.publish_show(&id).await)
}

async fn unpublish_show(State(sim): State<Simulator>, Path(id): Path<String>) -> Response {
    answer(sim.unpublish_show(&id).await)
}

async fn delete_show(State(sim): State<Simulator>, Path(id): Path<String>) -> Response {
    answer(sim.delete_show(&id).await)
}

async fn start_live(State(sim): State<Simulator>, Path(id): Path<String>) -> Response {
    answer(sim.start_live(&id).await)
}

async fn finish_live(State(sim): State<Simulator>, Path(id): Path<String>) -> Response {
    answer(sim.finish_live(&id).await)
}

async fn deliveries(State(sim): State<Simulator>) -> Json<Value> {
    Json(json!(sim.webhook_deliveries()))
}

fn answer(result: Result<Value, StateChangeError>) -> Response {
    match result {
        Ok(value) => Json(value).into_response(),
        Err(e) => {
            let status = match e {
                StateChangeError::Conflict(_) => StatusCode::CONFLICT,
                _ => StatusCode::NOT_FOUND,
            };
            (status, Json(json!({"error": e.to_string()}))).into_response()
        }
    }
}

fn bad_request(message: &str) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({"error": message}))).into_response()
}
