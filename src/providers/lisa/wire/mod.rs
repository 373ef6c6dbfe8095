//! LiSA's JSON as it crosses the wire. Private to the client. Shows, channels and the shared
//! pieces are here; stickers, snippets and clips in `media.rs`, stories in `stories.rs`, webhooks
//! in `webhooks.rs`.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::model::{Channel, ChannelRef, ProductRef, RtmpKey, Show, TextMap};
use crate::providers::dates::parse_date;

mod media;
mod stories;
mod webhooks;

pub use media::{ClipWire, SnippetWire, StickerWire};
pub use stories::{BadgeWire, StoryWire};
pub use webhooks::{EventWire, SubscriptionWire};

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
    channel: Option<ChannelRefWire>,
    creators: Option<Vec<String>>,
    categories: Option<Vec<String>>,
    products: Option<Vec<ProductRefWire>>,
    status: Option<String>,
}

/// A product reference (in a show, or listed by `GET /products/references`).
#[derive(Deserialize)]
pub struct ProductRefWire {
    id: String,
    reference: Option<String>,
}

impl ProductRefWire {
    /// A reference without its SKU cannot be joined with anything, so it is dropped.
    pub fn into_product_ref(self) -> Option<ProductRef> {
        let reference = self.reference.filter(|r| !r.is_empty())?;
        Some(ProductRef {
            id: self.id,
            reference,
        })
    }
}

#[derive(Deserialize)]
pub(super) struct ChannelRefWire {
    pub(super) id: String,
    pub(super) slug: Option<String>,
}

/// A channel; only `id` is required.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChannelWire {
    id: String,
    name: Option<String>,
    slug: Option<String>,
    title: Option<BTreeMap<String, Option<String>>>,
    description: Option<BTreeMap<String, Option<String>>>,
    status: Option<String>,
    url: Option<String>,
    hosts: Option<Vec<serde_json::Value>>,
    assets: Option<serde_json::Value>,
    highlighted_shows: Option<Vec<serde_json::Value>>,
}

impl ChannelWire {
    pub fn into_channel(self) -> Channel {
        Channel {
            name: self.name.unwrap_or_default(),
            slug: self.slug.unwrap_or_default(),
            title: text_map(self.title),
            description: text_map(self.description),
            status: self.status,
            url: self.url,
            hosts: self
                .hosts
                .unwrap_or_default()
                .iter()
                .filter_map(|h| name_of(h, "username"))
                .collect(),
            assets: self.assets.filter(|a| !a.is_null()),
            highlighted_shows: self
                .highlighted_shows
                .unwrap_or_default()
                .iter()
                .filter_map(|s| name_of(s, "id"))
                .collect(),
            id: self.id,
        }
    }
}

/// LiSA lists some references as plain strings and may give objects instead: take the string,
/// or the object's `field`.
pub(super) fn name_of(value: &serde_json::Value, field: &str) -> Option<String> {
    match value {
        serde_json::Value::String(text) => Some(text.clone()),
        serde_json::Value::Object(object) => object
            .get(field)
            .and_then(|v| v.as_str())
            .map(str::to_string),
        _ => None,
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RtmpKeyWire {
    url: Option<String>,
    stream_key: Option<String>,
}

impl RtmpKeyWire {
    pub fn into_key(self) -> RtmpKey {
        RtmpKey {
            url: self.url,
            stream_key: self.stream_key,
        }
    }
}

/// A URL among an `assets` object's entries.
pub(super) fn asset(assets: &Option<serde_json::Value>, key: &str) -> Option<String> {
    assets.as_ref()?.get(key)?.as_str().map(str::to_string)
}

/// `{"count": n}`.
#[derive(Deserialize)]
pub struct Count {
    pub count: u64,
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
            channel: self.channel.map(|c| ChannelRef {
                id: c.id,
                slug: c.slug,
            }),
            creators: self.creators.unwrap_or_default(),
            categories: self.categories.unwrap_or_default(),
            products: self
                .products
                .unwrap_or_default()
                .into_iter()
                .filter_map(ProductRefWire::into_product_ref)
                .collect(),
            status: self.status,
            id: self.id,
        }
    }
}

/// Keeps the texts that are set; LiSA uses `null` to empty a locale.
pub(super) fn text_map(map: Option<BTreeMap<String, Option<String>>>) -> TextMap {
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
