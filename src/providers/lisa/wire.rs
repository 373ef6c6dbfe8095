//! LiSA's JSON as it crosses the wire. Private to the client.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::model::{Show, TextMap};
use crate::providers::dates::parse_date;

#[derive(Deserialize)]
pub struct List<T> {
    pub items: Vec<T>,
    #[serde(default)]
    pub scrolling: Option<Scrolling>,
}

#[derive(Deserialize)]
pub struct Scrolling {
    #[serde(default)]
    pub cursor: Option<String>,
}

/// A show; only `id` is required (a real provider omits what is empty).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ShowWire {
    id: String,
    name: Option<String>,
    title: Option<BTreeMap<String, Option<String>>>,
    description: Option<BTreeMap<String, Option<String>>>,
    date: Option<String>,
    is_live: Option<bool>,
    is_conducted: Option<bool>,
    tags: Option<Vec<String>>,
    assets: Option<Assets>,
    media: Option<Media>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Assets {
    thumbnail: Option<String>,
    portrait_thumbnail: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Media {
    hls_url: Option<String>,
}

impl ShowWire {
    pub fn into_show(self) -> Show {
        let assets = self.assets.unwrap_or_default();
        Show {
            name: self.name.unwrap_or_default(),
            title: text_map(self.title),
            description: text_map(self.description),
            date: self.date.as_deref().and_then(parse_date),
            is_live: self.is_live.unwrap_or(false),
            is_conducted: self.is_conducted.unwrap_or(false),
            thumbnail_url: assets.thumbnail,
            portrait_thumbnail_url: assets.portrait_thumbnail,
            hls_url: self.media.and_then(|m| m.hls_url),
            tags: self.tags.unwrap_or_default(),
            id: self.id,
        }
    }
}

/// Keeps the texts that are set; LiSA uses `null` to empty a locale.
fn text_map(map: Option<BTreeMap<String, Option<String>>>) -> TextMap {
    TextMap(
        map.unwrap_or_default()
            .into_iter()
            .filter_map(|(k, v)| Some((k.to_ascii_lowercase(), v?)))
            .collect(),
    )
}

/// The message of a LiSA error body (`{"code", "message", "statusCode"}`).
pub fn error_detail(body: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct LisaError {
        message: Option<String>,
        code: Option<String>,
    }
    let error: LisaError = serde_json::from_slice(body).ok()?;
    error.message.or(error.code)
}
