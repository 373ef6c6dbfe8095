//! LiSA shows: find (every documented filter, sort, cursor), count, find one, and the
//! show JSON (also the `data` of show webhooks).

use std::cmp::Ordering;

use axum::Json;
use axum::extract::{Path, State};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::super::model::Store;
use super::super::model::lisa::{Meta, Show, ShowStatus};
use super::super::query::Params;
use super::super::sim::Simulator;
use super::super::time::iso_millis;
use super::error::LisaError;
use super::params::{DateRange, Sort, any_of, flag, instant, list};
use super::resource::{Sortable, compare, one, sorted_page};
use super::scrolling::{MAX_SHOWS_LIMIT, Scroll, count};

pub(crate) fn meta_json(meta: &Meta) -> Value {
    json!({"createdAt": iso_millis(meta.created_at), "modifiedAt": iso_millis(meta.modified_at)})
}

pub(crate) fn show_json(show: &Show, store: &Store) -> Value {
    let slug = store.channel(show.channel_id).map(|c| c.slug.clone());
    let products: Vec<Value> = show
        .products
        .iter()
        .map(|p| json!({"id": p.id, "reference": p.reference}))
        .collect();
    json!({
        "id": show.id,
        "name": show.name,
        "title": show.title,
        "description": show.description,
        "status": show.status.as_str(),
        "date": iso_millis(show.date),
        "isLive": show.is_live,
        "isConducted": show.is_conducted,
        "channel": {"id": show.channel_id, "slug": slug},
        "creators": show.creators,
        "tags": show.tags,
        "categories": show.categories,
        "assets": {"thumbnail": show.thumbnail, "portraitThumbnail": show.portrait_thumbnail},
        "media": {"hlsUrl": show.hls_url, "replayUrl": show.replay_url},
        "products": products,
        "meta": meta_json(&show.meta),
    })
}

struct ShowFilter {
    categories: Option<Vec<String>>,
    channel: Option<String>,
    conducted: Option<bool>,
    creators: Option<Vec<String>>,
    date: Option<DateRange>,
    live: Option<bool>,
    modified_since: Option<DateTime<Utc>>,
    statuses: Vec<ShowStatus>,
    tags: Option<Vec<String>>,
}

impl ShowFilter {
    fn from_params(params: &Params) -> Result<Self, LisaError> {
        Ok(Self {
            categories: list(params, "category"),
            channel: params
                .get("channel")
                .filter(|c| !c.is_empty())
                .map(str::to_string),
            conducted: flag(params, "conducted")?,
            creators: list(params, "creator"),
            date: DateRange::from_params(params, "date")?,
            live: flag(params, "live")?,
            modified_since: instant(params, "modified_since")?,
            statuses: statuses(params)?,
            tags: list(params, "tag"),
        })
    }

    fn matches(&self, show: &Show, store: &Store) -> bool {
        self.statuses.contains(&show.status)
            && any_of(&self.categories, &show.categories)
            && any_of(&self.creators, &show.creators)
            && any_of(&self.tags, &show.tags)
            && self.channel.as_deref().is_none_or(|slug| {
                store
                    .channel(show.channel_id)
                    .is_some_and(|c| c.slug == slug)
            })
            && self.conducted.is_none_or(|c| show.is_conducted == c)
            && self.live.is_none_or(|l| show.is_live == l)
            && self.date.is_none_or(|range| range.contains(show.date))
            && self
                .modified_since
                .is_none_or(|since| show.meta.modified_at > since)
    }
}

/// `status`: a comma list; absent means every status but archived.
fn statuses(params: &Params) -> Result<Vec<ShowStatus>, LisaError> {
    let Some(values) = list(params, "status") else {
        return Ok(vec![ShowStatus::Draft, ShowStatus::Ready]);
    };
    values
        .iter()
        .map(|v| match v.as_str() {
            "archived" => Ok(ShowStatus::Archived),
            "draft" => Ok(ShowStatus::Draft),
            "ready" => Ok(ShowStatus::Ready),
            _ => Err(LisaError::bad_param(
                "status",
                "Expected archived, draft or ready.",
            )),
        })
        .collect()
}

impl Sortable for Show {
    fn name(&self) -> &str {
        &self.name
    }

    fn meta(&self) -> &Meta {
        &self.meta
    }

    fn compare(&self, other: &Self, field: &str) -> Ordering {
        match field {
            "date" => self.date.cmp(&other.date),
            _ => compare(self, other, field),
        }
    }
}

const SORTABLE: [&str; 5] = ["date", "name", "createdAt", "modifiedAt", "id"];

pub(crate) async fn find(
    State(sim): State<Simulator>,
    params: Params,
) -> Result<Json<Value>, LisaError> {
    let filter = ShowFilter::from_params(&params)?;
    let sort = Sort::from_params(&params, &SORTABLE, "date:desc")?;
    let scroll = Scroll::from_params(&params, MAX_SHOWS_LIMIT)?;
    Ok(sim.read(|store| {
        let shows = store.shows.iter().filter(|s| filter.matches(s, store));
        sorted_page(shows, &sort, scroll, |s| show_json(s, store))
    }))
}

pub(crate) async fn count_shows(
    State(sim): State<Simulator>,
    params: Params,
) -> Result<Json<Value>, LisaError> {
    let filter = ShowFilter::from_params(&params)?;
    Ok(sim.read(|store| {
        count(
            store
                .shows
                .iter()
                .filter(|s| filter.matches(s, store))
                .count(),
        )
    }))
}

pub(crate) async fn find_one(
    State(sim): State<Simulator>,
    Path(id): Path<String>,
) -> Result<Json<Value>, LisaError> {
    sim.read(|store| Ok(Json(show_json(one(&store.shows, &id)?, store))))
}
