//! LiSA channels: find/count (`status`), create (slug derived from the name when
//! omitted, `409` when taken), and find/update/delete by id or slug. Delete archives a
//! live channel and removes an archived one; removed channels are gone for good.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use uuid::Uuid;

use super::super::ids;
use super::super::model::Store;
use super::super::model::lisa::{Channel, ChannelStatus, Meta, Texts};
use super::super::query::Params;
use super::super::sim::Simulator;
use super::CLIENT;
use super::error::LisaError;
use super::scrolling::{MAX_LIMIT, Scroll, count, page};
use super::shows::meta_json;

pub(crate) fn channel_json(c: &Channel) -> Value {
    json!({
        "id": c.id,
        "clientIdentity": {"client": CLIENT},
        "meta": meta_json(&c.meta),
        "name": c.name,
        "status": c.status.as_str(),
        "assets": {"logo": c.logo, "banner": c.banner},
        "description": c.description,
        "highlightedShows": c.highlighted_shows,
        "hosts": c.hosts,
        "slug": c.slug,
        "title": c.title,
        "url": c.url,
        "useOrOperator": c.use_or_operator,
    })
}

fn status_filter(params: &Params) -> Result<Option<ChannelStatus>, LisaError> {
    match params.get("status").filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some("archived") => Ok(Some(ChannelStatus::Archived)),
        Some("draft") => Ok(Some(ChannelStatus::Draft)),
        Some("processing") => Ok(Some(ChannelStatus::Processing)),
        Some("ready") => Ok(Some(ChannelStatus::Ready)),
        Some(_) => Err(LisaError::bad_param(
            "status",
            "Expected archived, draft, processing or ready.",
        )),
    }
}

fn listed(store: &Store, status: Option<ChannelStatus>) -> Vec<&Channel> {
    let mut channels: Vec<&Channel> = store
        .channels
        .iter()
        .filter(|c| match status {
            Some(s) => c.status == s,
            None => !matches!(c.status, ChannelStatus::Archived | ChannelStatus::Removed),
        })
        .collect();
    channels.sort_by(|a, b| {
        a.meta
            .created_at
            .cmp(&b.meta.created_at)
            .then(a.id.cmp(&b.id))
    });
    channels
}

pub(crate) async fn find(
    State(sim): State<Simulator>,
    params: Params,
) -> Result<Json<Value>, LisaError> {
    let status = status_filter(&params)?;
    let scroll = Scroll::from_params(&params, MAX_LIMIT)?;
    Ok(sim.read(|store| page(listed(store, status), scroll, channel_json)))
}

pub(crate) async fn count_channels(
    State(sim): State<Simulator>,
    params: Params,
) -> Result<Json<Value>, LisaError> {
    let status = status_filter(&params)?;
    Ok(sim.read(|store| count(listed(store, status).len())))
}

/// The index of a channel by id or slug; removed channels are not found.
fn locate(store: &Store, id_or_slug: &str) -> Result<usize, LisaError> {
    let id = Uuid::parse_str(id_or_slug).ok();
    store
        .channels
        .iter()
        .position(|c| {
            c.status != ChannelStatus::Removed && (Some(c.id) == id || c.slug == id_or_slug)
        })
        .ok_or_else(|| LisaError::not_found("channel"))
}

pub(crate) async fn find_one(
    State(sim): State<Simulator>,
    Path(key): Path<String>,
) -> Result<Json<Value>, LisaError> {
    sim.read(|store| Ok(Json(channel_json(&store.channels[locate(store, &key)?]))))
}

fn body_json(body: &Bytes) -> Result<Value, LisaError> {
    serde_json::from_slice::<Value>(body)
        .ok()
        .filter(Value::is_object)
        .ok_or_else(|| LisaError::bad_param("body", "Expected a JSON object."))
}

/// Lower-case, non-alphanumerics to single dashes: "Home & Living" → "home-living".
pub(crate) fn slugify(name: &str) -> String {
    let lowered: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    lowered
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

fn valid_slug(slug: &str) -> Result<String, LisaError> {
    if !slug.is_empty() && slugify(slug) == slug {
        Ok(slug.to_string())
    } else {
        Err(LisaError::bad_param(
            "slug",
            "Must match ^[a-z0-9]+(-[a-z0-9]+)*$.",
        ))
    }
}

fn ensure_free(store: &Store, slug: &str, except: Option<Uuid>) -> Result<(), LisaError> {
    let taken = store
        .channels
        .iter()
        .any(|c| c.slug == slug && c.status != ChannelStatus::Removed && Some(c.id) != except);
    if taken {
        return Err(LisaError::conflict(format!(
            "The slug '{slug}' is taken already."
        )));
    }
    Ok(())
}

fn texts(value: &Value, key: &str) -> Result<Texts, LisaError> {
    match value {
        Value::Null => Ok(Texts::new()),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| match v.as_str() {
                Some(text) => Ok((k.to_lowercase(), text.to_string())),
                None => Err(LisaError::bad_param(key, "Texts must be strings.")),
            })
            .collect(),
        _ => Err(LisaError::bad_param(
            key,
            "Expected a map of locale to text.",
        )),
    }
}

fn optional_string(value: &Value, key: &str) -> Result<Option<String>, LisaError> {
    match value {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s.clone())),
        _ => Err(LisaError::bad_param(key, "Expected a string.")),
    }
}

pub(crate) async fn create(
    State(sim): State<Simulator>,
    body: Bytes,
) -> Result<Response, LisaError> {
    let body = body_json(&body)?;
    let name = body["name"]
        .as_str()
        .filter(|n| !n.trim().is_empty())
        .ok_or_else(|| LisaError::bad_param("name", "Required."))?
        .to_string();
    let slug = match body.get("slug") {
        Some(Value::String(s)) => valid_slug(s)?,
        _ => valid_slug(&slugify(&name))
            .map_err(|_| LisaError::bad_param("name", "Cannot derive a slug."))?,
    };
    let title = texts(body.get("title").unwrap_or(&Value::Null), "title")?;
    let url = optional_string(body.get("url").unwrap_or(&Value::Null), "url")?;
    let now = sim.now();
    sim.write(|store| {
        ensure_free(store, &slug, None)?;
        let seq = store.next_seq();
        let channel = Channel {
            id: ids::uuid("created-channel", seq),
            logo: format!("https://cdn.sim.hello-lisa.com/channels/{slug}/logo.png"),
            banner: format!("https://cdn.sim.hello-lisa.com/channels/{slug}/banner.jpg"),
            name,
            slug,
            title,
            description: Texts::new(),
            status: ChannelStatus::Ready,
            url,
            hosts: Vec::new(),
            highlighted_shows: Vec::new(),
            use_or_operator: false,
            meta: Meta {
                created_at: now,
                modified_at: now,
            },
        };
        let body = channel_json(&channel);
        store.channels.push(channel);
        Ok((StatusCode::CREATED, Json(body)).into_response())
    })
}

pub(crate) async fn update(
    State(sim): State<Simulator>,
    Path(key): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, LisaError> {
    let body = body_json(&body)?;
    let now = sim.now();
    sim.write(|store| {
        let index = locate(store, &key)?;
        let mut channel = store.channels[index].clone();
        if let Some(name) = body.get("name") {
            channel.name = name
                .as_str()
                .filter(|n| !n.trim().is_empty())
                .ok_or_else(|| LisaError::bad_param("name", "Expected a non-empty string."))?
                .to_string();
        }
        if let Some(slug) = body.get("slug") {
            let slug = valid_slug(slug.as_str().unwrap_or_default())?;
            ensure_free(store, &slug, Some(channel.id))?;
            channel.slug = slug;
        }
        if let Some(title) = body.get("title") {
            channel.title = texts(title, "title")?;
        }
        if let Some(url) = body.get("url") {
            channel.url = optional_string(url, "url")?;
        }
        channel.meta.modified_at = now;
        let json = channel_json(&channel);
        store.channels[index] = channel;
        Ok(Json(json))
    })
}

pub(crate) async fn delete(
    State(sim): State<Simulator>,
    Path(key): Path<String>,
) -> Result<StatusCode, LisaError> {
    let now = sim.now();
    sim.write(|store| {
        let index = locate(store, &key)?;
        let channel = &mut store.channels[index];
        channel.status = match channel.status {
            ChannelStatus::Archived => ChannelStatus::Removed,
            _ => ChannelStatus::Archived,
        };
        channel.meta.modified_at = now;
        Ok(StatusCode::NO_CONTENT)
    })
}
