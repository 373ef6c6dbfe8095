//! LiSA webhook subscriptions (find, create, find one, delete) and the events the
//! simulator emitted (`GET /webhooks/events/{id}`). Subscriptions are bookkeeping only:
//! the simulator delivers to its configured target, never to a subscription's URL.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::super::ids;
use super::super::model::lisa::{Meta, Subscription};
use super::super::query::Params;
use super::super::sim::Simulator;
use super::CLIENT;
use super::error::LisaError;
use super::params::uuid;
use super::resource::one;
use super::scrolling::{MAX_LIMIT, Scroll, page};
use super::shows::meta_json;

const EVENT_TYPES: [&str; 21] = [
    "*",
    "Show:*",
    "Show:create",
    "Show:delete",
    "Show:publish",
    "Show:start",
    "Show:stop",
    "Show:unpublish",
    "Show:update",
    "Snippet:*",
    "Snippet:create",
    "Snippet:delete",
    "Snippet:publish",
    "Snippet:unpublish",
    "Snippet:update",
    "Story:*",
    "Story:create",
    "Story:delete",
    "Story:publish",
    "Story:unpublish",
    "Story:update",
];

const AUTH_TYPES: [&str; 5] = ["none", "basic", "bearer", "oauth", "awsSigV4"];

fn subscription_json(s: &Subscription) -> Value {
    json!({
        "id": s.id,
        "client": CLIENT,
        "eventTypes": s.event_types,
        "status": s.status,
        "webhookUrl": s.webhook_url,
        "credentials": s.credentials,
        "meta": meta_json(&s.meta),
    })
}

pub(crate) async fn find(
    State(sim): State<Simulator>,
    params: Params,
) -> Result<Json<Value>, LisaError> {
    let scroll = Scroll::from_params(&params, MAX_LIMIT)?;
    Ok(sim.read(|store| {
        page(
            store.subscriptions.iter().collect(),
            scroll,
            subscription_json,
        )
    }))
}

pub(crate) async fn find_one(
    State(sim): State<Simulator>,
    Path(id): Path<String>,
) -> Result<Json<Value>, LisaError> {
    sim.read(|store| Ok(Json(subscription_json(one(&store.subscriptions, &id)?))))
}

pub(crate) async fn delete(
    State(sim): State<Simulator>,
    Path(id): Path<String>,
) -> Result<StatusCode, LisaError> {
    let id = uuid(&id, "resourceId")?;
    sim.write(|store| {
        let before = store.subscriptions.len();
        store.subscriptions.retain(|s| s.id != id);
        if store.subscriptions.len() == before {
            return Err(LisaError::not_found("webhook subscription"));
        }
        Ok(StatusCode::NO_CONTENT)
    })
}

pub(crate) async fn create(
    State(sim): State<Simulator>,
    body: Bytes,
) -> Result<Response, LisaError> {
    let body: Value = serde_json::from_slice(&body)
        .ok()
        .filter(Value::is_object)
        .ok_or_else(|| LisaError::bad_param("body", "Expected a JSON object."))?;
    let event_types = event_types(&body)?;
    let webhook_url = body["webhookUrl"]
        .as_str()
        .filter(|u| url::Url::parse(u).is_ok())
        .ok_or_else(|| LisaError::bad_param("webhookUrl", "Expected a URL."))?
        .to_string();
    let credentials = credentials(&body)?;
    let now = sim.now();
    Ok(sim.write(|store| {
        let seq = store.next_seq();
        let subscription = Subscription {
            id: ids::uuid("created-subscription", seq),
            event_types,
            webhook_url,
            credentials,
            status: "active".into(),
            meta: Meta {
                created_at: now,
                modified_at: now,
            },
        };
        let body = subscription_json(&subscription);
        store.subscriptions.push(subscription);
        (StatusCode::CREATED, Json(body)).into_response()
    }))
}

fn event_types(body: &Value) -> Result<Vec<String>, LisaError> {
    let invalid =
        || LisaError::bad_param("eventTypes", "Expected an array of webhook event types.");
    let values = body["eventTypes"]
        .as_array()
        .filter(|a| !a.is_empty())
        .ok_or_else(invalid)?;
    values
        .iter()
        .map(|v| {
            v.as_str()
                .filter(|t| EVENT_TYPES.contains(t))
                .map(str::to_string)
                .ok_or_else(invalid)
        })
        .collect()
}

/// The credentials as given, minus the secret (never echoed back).
fn credentials(body: &Value) -> Result<Value, LisaError> {
    let Some(given) = body.get("credentials").filter(|c| !c.is_null()) else {
        return Ok(json!({"type": "none"}));
    };
    let kind = given["type"].as_str().filter(|t| AUTH_TYPES.contains(t));
    let kind =
        kind.ok_or_else(|| LisaError::bad_param("credentials", "Unknown authentication type."))?;
    let mut kept = json!({"type": kind});
    for key in ["clientId", "authUrl", "region", "service"] {
        if let Some(value) = given.get(key) {
            kept[key] = value.clone();
        }
    }
    Ok(kept)
}

pub(crate) async fn find_event(
    State(sim): State<Simulator>,
    Path(id): Path<String>,
) -> Result<Json<Value>, LisaError> {
    let id = uuid(&id, "resourceId")?;
    sim.read(|store| {
        store
            .events
            .iter()
            .find(|(event_id, _)| *event_id == id)
            .map(|(_, event)| Json(event.clone()))
            .ok_or_else(|| LisaError::not_found("webhook event"))
    })
}
