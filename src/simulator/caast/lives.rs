//! Caast lives: list (filters, state, order, paging), create and update (multipart),
//! retrieve, and finish/restart.

use axum::Json;
use axum::body::Bytes;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::super::ids;
use super::super::model::caast::{Content, Live, LiveState};
use super::super::query::Params;
use super::super::sim::Simulator;
use super::super::time::parse_iso;
use super::content_input;
use super::error::CaastError;
use super::filters::{ContentFilter, LiveOrder};
use super::form::{Form, read_form};
use super::json;
use super::paging::{page_number, paginate};

pub(crate) async fn list(
    State(sim): State<Simulator>,
    params: Params,
) -> Result<Response, CaastError> {
    let filter = ContentFilter::from_params(&params);
    let state = match params.get("state").filter(|s| !s.is_empty()) {
        None => None,
        Some(raw) => Some(LiveState::parse(raw).ok_or_else(|| {
            CaastError::unprocessable("state must be not_started, started or finished.")
        })?),
    };
    let order = LiveOrder::parse(params.get("order").filter(|o| !o.is_empty()))?;
    let page = page_number(&params)?;
    Ok(sim.read(|store| {
        let mut lives: Vec<&Live> = store
            .lives
            .iter()
            .filter(|l| state.is_none_or(|s| l.state == s))
            .filter(|l| filter.matches(&l.content, store))
            .collect();
        lives.sort_by(|a, b| order.compare(a, b));
        paginate(lives, page, |l| json::live(l, store))
    }))
}

pub(crate) async fn get(
    State(sim): State<Simulator>,
    Path(id): Path<String>,
) -> Result<Json<Value>, CaastError> {
    sim.read(|store| {
        let live = store.lives.iter().find(|l| l.content.id == id);
        live.map(|l| Json(json!({"data": json::live(l, store)})))
            .ok_or_else(|| CaastError::not_found("live", &id))
    })
}

fn required_start_date(form: &Form) -> Result<chrono::DateTime<chrono::Utc>, CaastError> {
    let raw = form
        .filled("start_date")
        .ok_or_else(|| CaastError::unprocessable("The start_date field is required."))?;
    parse_iso(raw).ok_or_else(|| {
        CaastError::unprocessable(format!("start_date '{raw}' is not an ISO 8601 date."))
    })
}

pub(crate) async fn create(
    State(sim): State<Simulator>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, CaastError> {
    let form = read_form(multipart).await?;
    let start_date = required_start_date(&form)?;
    let now = sim.now();
    sim.write(|store| {
        let seq = store.next_seq();
        let id = ids::caast("created-live", seq);
        let mut content = Content {
            id: id.clone(),
            display_mode: "portrait".into(),
            start_at_timecode: Some("0".into()),
            created_at: now,
            ..Content::default()
        };
        content_input::apply(&form, &mut content, store, seq)?;
        let live = Live {
            content,
            start_date,
            end_date: None,
            rtmp_url: "rtmps://live.sim.caast.tv:443/app".into(),
            stream_key: format!("sk_live_{}", ids::token("created-stream-key", seq)),
            state: LiveState::NotStarted,
        };
        let body = json!({"data": json::live(&live, store)});
        store.lives.push(live);
        Ok((StatusCode::CREATED, Json(body)).into_response())
    })
}

pub(crate) async fn update(
    State(sim): State<Simulator>,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Json<Value>, CaastError> {
    let form = read_form(multipart).await?;
    sim.write(|store| {
        let index = writable_live(store, &id)?;
        content_input::required_name(&form)?;
        let start_date = required_start_date(&form)?;
        let seq = store.next_seq();
        let mut content = store.lives[index].content.clone();
        content_input::apply(&form, &mut content, store, seq)?;
        let live = &mut store.lives[index];
        live.content = content;
        live.start_date = start_date;
        Ok(Json(
            json!({"data": json::live(&store.lives[index], store)}),
        ))
    })
}

/// The index of a live this app may modify: 404 if unknown, 403 if shared with us.
fn writable_live(store: &super::super::model::Store, id: &str) -> Result<usize, CaastError> {
    let index = store
        .lives
        .iter()
        .position(|l| l.content.id == id)
        .ok_or_else(|| CaastError::not_found("live", id))?;
    if store.lives[index].content.shared_by_website.is_some() {
        return Err(CaastError::shared("live"));
    }
    Ok(index)
}

pub(crate) async fn finish(
    State(sim): State<Simulator>,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, CaastError> {
    let body: Value = serde_json::from_slice(&body)
        .map_err(|e| CaastError::unprocessable(format!("Body must be JSON: {e}")))?;
    let is_finished = body["is_finished"]
        .as_bool()
        .ok_or_else(|| CaastError::unprocessable("is_finished (boolean) is required."))?;
    let end_date = body["end_date"]
        .as_str()
        .and_then(parse_iso)
        .ok_or_else(|| CaastError::unprocessable("end_date (ISO 8601) is required."))?;
    sim.write(|store| {
        let index = writable_live(store, &id)?;
        let live = &mut store.lives[index];
        if is_finished {
            finish_live(live, end_date);
        } else {
            start_live(live);
        }
        Ok(Json(
            json!({"data": json::live(&store.lives[index], store)}),
        ))
    })
}

/// Mark a live finished: its stream becomes a replay.
pub(crate) fn finish_live(live: &mut Live, end_date: chrono::DateTime<chrono::Utc>) {
    live.state = LiveState::Finished;
    live.end_date = Some(end_date);
    live.content.m3u8_url = Some(format!(
        "https://stream.sim.caast.tv/lives/{}/replay.m3u8",
        live.content.id
    ));
}

/// Start (or restart) a live.
pub(crate) fn start_live(live: &mut Live) {
    live.state = LiveState::Started;
    live.end_date = None;
    live.content.m3u8_url = Some(format!(
        "https://stream.sim.caast.tv/lives/{}/index.m3u8",
        live.content.id
    ));
}
