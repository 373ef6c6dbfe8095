//! Chat messages (latest 30, or the 30 after a given message; unfinished lives only)
//! and event timecodes of lives and videos.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde_json::{Value, json};

use super::super::model::Store;
use super::super::model::caast::LiveState;
use super::super::sim::Simulator;
use super::error::CaastError;
use super::json;

const MESSAGES_PER_CALL: usize = 30;

pub(crate) async fn latest(
    State(sim): State<Simulator>,
    Path(id): Path<String>,
) -> Result<Json<Value>, CaastError> {
    sim.read(|store| {
        let messages = chat(store, &id)?;
        let start = messages.len().saturating_sub(MESSAGES_PER_CALL);
        let data: Vec<Value> = messages[start..].iter().map(json::message).collect();
        Ok(Json(json!({"data": data})))
    })
}

pub(crate) async fn after(
    State(sim): State<Simulator>,
    Path((id, after_uid)): Path<(String, String)>,
) -> Result<Json<Value>, CaastError> {
    sim.read(|store| {
        let messages = chat(store, &id)?;
        let position = messages
            .iter()
            .position(|m| m.uid == after_uid)
            .ok_or_else(|| CaastError::not_found("message", &after_uid))?;
        let data: Vec<Value> = messages[position + 1..]
            .iter()
            .take(MESSAGES_PER_CALL)
            .map(json::message)
            .collect();
        Ok(Json(json!({"data": data})))
    })
}

fn chat<'a>(
    store: &'a Store,
    live_id: &str,
) -> Result<&'a [super::super::model::caast::ChatMessage], CaastError> {
    let live = store
        .lives
        .iter()
        .find(|l| l.content.id == live_id)
        .ok_or_else(|| CaastError::not_found("live", live_id))?;
    if live.state == LiveState::Finished {
        return Err(CaastError::new(
            StatusCode::CONFLICT,
            "Chat messages are only available on unfinished lives.",
        ));
    }
    Ok(store
        .messages
        .get(live_id)
        .map(Vec::as_slice)
        .unwrap_or_default())
}

pub(crate) async fn live_timecodes(
    State(sim): State<Simulator>,
    Path(id): Path<String>,
) -> Result<Json<Value>, CaastError> {
    sim.read(|store| {
        if !store.lives.iter().any(|l| l.content.id == id) {
            return Err(CaastError::not_found("live", &id));
        }
        Ok(timecodes(store, &id))
    })
}

pub(crate) async fn video_timecodes(
    State(sim): State<Simulator>,
    Path(id): Path<String>,
) -> Result<Json<Value>, CaastError> {
    sim.read(|store| {
        if !store.videos.iter().any(|v| v.content.id == id) {
            return Err(CaastError::not_found("video", &id));
        }
        Ok(timecodes(store, &id))
    })
}

fn timecodes(store: &Store, id: &str) -> Json<Value> {
    let data: Vec<Value> = store
        .timecodes
        .get(id)
        .map(|list| list.iter().map(json::timecode).collect())
        .unwrap_or_default();
    Json(json!({"data": data}))
}
