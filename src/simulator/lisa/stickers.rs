//! LiSA stickers: find/count (`media_item_id` comma list, `modified_since`), find one,
//! and PATCH of `isPublished` and `isActivationTimerEnabled` (only `true` accepted).

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use uuid::Uuid;

use super::super::model::lisa::Sticker;
use super::super::query::Params;
use super::super::sim::Simulator;
use super::super::time::iso_millis;
use super::CLIENT;
use super::error::LisaError;
use super::params::{Sort, instant, uuid, uuid_list};
use super::resource::{SORTABLE, one, sorted_page};
use super::scrolling::{MAX_LIMIT, Scroll, count};
use super::shows::meta_json;

pub(crate) fn sticker_json(s: &Sticker) -> Value {
    json!({
        "id": s.id,
        "clientIdentity": {"client": CLIENT},
        "meta": meta_json(&s.meta),
        "name": s.name,
        "status": "ready",
        "actionBehavior": s.action_behavior,
        "actionTarget": s.action_target,
        "activation": s.activation,
        "assets": {"image": s.image},
        "expiry": s.expiry,
        "badgeSubtitle": s.badge_subtitle,
        "badgeTitle": s.badge_title,
        "cardDisclaimer": s.card_disclaimer,
        "cardText": s.card_text,
        "cardTitle": s.card_title,
        "mediaItemId": s.media_item_id,
        "mediaItemType": "live",
        "isEnabled": s.is_enabled,
        "isLocked": s.is_locked,
        "isPublished": s.is_published,
        "publishedAt": s.published_at.map(iso_millis),
        "stickerDetails": s.details,
        "stickerType": s.sticker_type,
    })
}

struct StickerFilter {
    media_items: Option<Vec<Uuid>>,
    modified_since: Option<DateTime<Utc>>,
}

impl StickerFilter {
    fn from_params(params: &Params) -> Result<Self, LisaError> {
        Ok(Self {
            media_items: uuid_list(params, "media_item_id")?,
            modified_since: instant(params, "modified_since")?,
        })
    }

    fn matches(&self, s: &Sticker) -> bool {
        self.media_items
            .as_ref()
            .is_none_or(|ids| ids.contains(&s.media_item_id))
            && self
                .modified_since
                .is_none_or(|since| s.meta.modified_at > since)
    }
}

pub(crate) async fn find(
    State(sim): State<Simulator>,
    params: Params,
) -> Result<Json<Value>, LisaError> {
    let filter = StickerFilter::from_params(&params)?;
    let sort = Sort::from_params(&params, &SORTABLE, "createdAt:asc")?;
    let scroll = Scroll::from_params(&params, MAX_LIMIT)?;
    Ok(sim.read(|store| {
        let stickers = store.stickers.iter().filter(|s| filter.matches(s));
        sorted_page(stickers, &sort, scroll, sticker_json)
    }))
}

pub(crate) async fn count_stickers(
    State(sim): State<Simulator>,
    params: Params,
) -> Result<Json<Value>, LisaError> {
    let filter = StickerFilter::from_params(&params)?;
    Ok(sim.read(|store| count(store.stickers.iter().filter(|s| filter.matches(s)).count())))
}

pub(crate) async fn find_one(
    State(sim): State<Simulator>,
    Path(id): Path<String>,
) -> Result<Json<Value>, LisaError> {
    sim.read(|store| Ok(Json(sticker_json(one(&store.stickers, &id)?))))
}

pub(crate) async fn update(
    State(sim): State<Simulator>,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, LisaError> {
    let id = uuid(&id, "resourceId")?;
    let body: Value = serde_json::from_slice(&body)
        .ok()
        .filter(Value::is_object)
        .ok_or_else(|| LisaError::bad_param("body", "Expected a JSON object."))?;
    let published = match body.get("isPublished") {
        None => None,
        Some(v) => Some(
            v.as_bool()
                .ok_or_else(|| LisaError::bad_param("isPublished", "Expected a boolean."))?,
        ),
    };
    let start_timer = match body.get("isActivationTimerEnabled") {
        None => false,
        Some(Value::Bool(true)) => true,
        Some(_) => {
            return Err(LisaError::bad_param(
                "isActivationTimerEnabled",
                "true is the only accepted value.",
            ));
        }
    };
    let now = sim.now();
    sim.write(|store| {
        let sticker = store
            .stickers
            .iter_mut()
            .find(|s| s.id == id)
            .ok_or_else(|| LisaError::not_found("sticker"))?;
        if let Some(published) = published {
            if published && !sticker.is_published {
                sticker.published_at = Some(now);
            }
            sticker.is_published = published;
            if !published {
                sticker.published_at = None;
            }
        }
        if start_timer {
            sticker.activation["isTimerEnabled"] = json!(true);
            sticker.activation["timerStartedAt"] = json!(iso_millis(now));
        }
        sticker.meta.modified_at = now;
        Ok(Json(sticker_json(sticker)))
    })
}
