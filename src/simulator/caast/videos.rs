//! Caast videos: list (the live filters minus state and order), create (the answer
//! carries an upload URL valid one hour), retrieve and update.

use axum::Json;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::TimeDelta;
use serde_json::{Value, json};

use super::super::ids;
use super::super::model::caast::{Content, Video};
use super::super::query::Params;
use super::super::sim::Simulator;
use super::content_input;
use super::error::CaastError;
use super::filters::{ContentFilter, newest_first};
use super::form::read_form;
use super::json;
use super::paging::{page_number, paginate};

pub(crate) async fn list(
    State(sim): State<Simulator>,
    params: Params,
) -> Result<Response, CaastError> {
    let filter = ContentFilter::from_params(&params);
    let page = page_number(&params)?;
    Ok(sim.read(|store| {
        let mut videos: Vec<&Video> = store
            .videos
            .iter()
            .filter(|v| filter.matches(&v.content, store))
            .collect();
        videos.sort_by(|a, b| newest_first(&a.content, &b.content));
        paginate(videos, page, |v| json::video(v, store))
    }))
}

pub(crate) async fn get(
    State(sim): State<Simulator>,
    Path(id): Path<String>,
) -> Result<Json<Value>, CaastError> {
    sim.read(|store| {
        let video = store.videos.iter().find(|v| v.content.id == id);
        video
            .map(|v| Json(json!({"data": json::video(v, store)})))
            .ok_or_else(|| CaastError::not_found("video", &id))
    })
}

pub(crate) async fn create(
    State(sim): State<Simulator>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, CaastError> {
    let form = read_form(multipart).await?;
    let now = sim.now();
    sim.write(|store| {
        let seq = store.next_seq();
        let id = ids::caast("created-video", seq);
        let mut content = Content {
            id: id.clone(),
            display_mode: "landscape".into(),
            start_at_timecode: Some("0".into()),
            m3u8_url: Some(format!(
                "https://stream.sim.caast.tv/videos/{id}/index.m3u8"
            )),
            created_at: now,
            ..Content::default()
        };
        content_input::apply(&form, &mut content, store, seq)?;
        let expires = (now + TimeDelta::hours(1)).timestamp();
        let video = Video {
            content,
            upload_url: format!("https://upload.sim.caast.tv/videos/{id}?expires={expires}"),
        };
        let body = json!({"data": json::video(&video, store)});
        store.videos.push(video);
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
        let index = store
            .videos
            .iter()
            .position(|v| v.content.id == id)
            .ok_or_else(|| CaastError::not_found("video", &id))?;
        if store.videos[index].content.shared_by_website.is_some() {
            return Err(CaastError::shared("video"));
        }
        let seq = store.next_seq();
        let mut content = store.videos[index].content.clone();
        content_input::apply(&form, &mut content, store, seq)?;
        store.videos[index].content = content;
        Ok(Json(
            json!({"data": json::video(&store.videos[index], store)}),
        ))
    })
}
