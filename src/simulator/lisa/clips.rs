//! LiSA short clips: find/count (`show_id` comma list, `orientation`, `modified_since`,
//! `sort`) and find one.

use axum::Json;
use axum::extract::{Path, State};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use uuid::Uuid;

use super::super::model::lisa::ShortClip;
use super::super::query::Params;
use super::super::sim::Simulator;
use super::error::LisaError;
use super::params::{Sort, instant, uuid_list};
use super::resource::{SORTABLE, one, sorted_page};
use super::scrolling::{MAX_LIMIT, Scroll, count};
use super::shows::meta_json;

fn clip_json(c: &ShortClip) -> Value {
    let products: Vec<Value> = c
        .products
        .iter()
        .map(|p| json!({"id": p.id, "reference": p.reference}))
        .collect();
    json!({
        "id": c.id,
        "name": c.name,
        "title": c.title,
        "status": "ready",
        "showId": c.show_id,
        "orientation": c.orientation,
        "duration": c.duration_seconds,
        "media": {"hlsUrl": c.hls_url, "mp4Url": c.mp4_url},
        "assets": {"thumbnail": c.thumbnail},
        "products": products,
        "meta": meta_json(&c.meta),
    })
}

struct ClipFilter {
    shows: Option<Vec<Uuid>>,
    orientation: Option<String>,
    modified_since: Option<DateTime<Utc>>,
}

impl ClipFilter {
    fn from_params(params: &Params) -> Result<Self, LisaError> {
        let orientation = match params.get("orientation").filter(|o| !o.is_empty()) {
            None => None,
            Some(o @ ("landscape" | "portrait")) => Some(o.to_string()),
            Some(_) => {
                return Err(LisaError::bad_param(
                    "orientation",
                    "Expected landscape or portrait.",
                ));
            }
        };
        Ok(Self {
            shows: uuid_list(params, "show_id")?,
            orientation,
            modified_since: instant(params, "modified_since")?,
        })
    }

    fn matches(&self, c: &ShortClip) -> bool {
        self.shows
            .as_ref()
            .is_none_or(|ids| ids.contains(&c.show_id))
            && self
                .orientation
                .as_deref()
                .is_none_or(|o| c.orientation == o)
            && self
                .modified_since
                .is_none_or(|since| c.meta.modified_at > since)
    }
}

pub(crate) async fn find(
    State(sim): State<Simulator>,
    params: Params,
) -> Result<Json<Value>, LisaError> {
    let filter = ClipFilter::from_params(&params)?;
    let sort = Sort::from_params(&params, &SORTABLE, "createdAt:desc")?;
    let scroll = Scroll::from_params(&params, MAX_LIMIT)?;
    Ok(sim.read(|store| {
        let clips = store.short_clips.iter().filter(|c| filter.matches(c));
        sorted_page(clips, &sort, scroll, clip_json)
    }))
}

pub(crate) async fn count_clips(
    State(sim): State<Simulator>,
    params: Params,
) -> Result<Json<Value>, LisaError> {
    let filter = ClipFilter::from_params(&params)?;
    Ok(sim.read(|store| {
        count(
            store
                .short_clips
                .iter()
                .filter(|c| filter.matches(c))
                .count(),
        )
    }))
}

pub(crate) async fn find_one(
    State(sim): State<Simulator>,
    Path(id): Path<String>,
) -> Result<Json<Value>, LisaError> {
    sim.read(|store| Ok(Json(clip_json(one(&store.short_clips, &id)?))))
}
