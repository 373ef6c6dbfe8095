//! LiSA's JSON as it crosses the wire. Private to the client. Shows, channels and the shared
//! pieces are here; stickers, snippets and clips in `media.rs`, stories in `stories.rs`, webhooks
//! in `webhooks.rs`. Items are read one by one, tolerantly (see `providers/tolerant.rs`): only
//! an item's `id` is required.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::model::{Channel, ChannelRef, ProductRef, RtmpKey, ScrollOf, Show, TextMap};
use crate::providers::Provider;
use crate::providers::dates::parse_date;
use crate::providers::tolerant::{Decoded, ListSource, RawItem, read_items};

#[cfg(test)]
mod fuzz;
mod media;
mod stories;
mod webhooks;

pub(crate) use media::{ClipWire, SnippetWire, StickerWire};
pub(crate) use stories::{BadgeWire, StoryWire};
pub(crate) use webhooks::{EventWire, SubscriptionWire};

/// A list as LiSA sends it: its items still unread, and what says where the next batch is.
#[derive(Deserialize)]
pub(crate) struct List {
    items: Vec<RawItem>,
    #[serde(default)]
    scrolling: Option<serde_json::Value>,
}

impl List {
    /// The items of `operation`'s answer that can be read, and those that cannot.
    pub(crate) fn read<W: DeserializeOwned>(self, operation: &'static str) -> Decoded<W> {
        let source = ListSource {
            provider: Provider::Lisa,
            operation,
            field: "items",
        };
        read_items(source, self.items)
    }

    /// The batch `operation` answered: its readable items and the cursor of the next batch
    /// (none, or an unreadable one, ends the list).
    pub(crate) fn into_scroll<W: DeserializeOwned, T>(
        self,
        operation: &'static str,
        convert: impl FnMut(W) -> T,
    ) -> ScrollOf<T> {
        let next_cursor = self
            .scrolling
            .as_ref()
            .and_then(|s| s.get("cursor"))
            .and_then(|c| c.as_str())
            .filter(|c| !c.is_empty())
            .map(str::to_string);
        let decoded = self.read::<W>(operation);
        let items = decoded.items.into_iter().map(convert).collect();
        ScrollOf::new(items, next_cursor, decoded.dropped)
    }
}

/// A show; only `id` is required (a real provider omits what is empty).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ShowWire {
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

/// A product reference (in a show, or listed by `GET /products/references`): an object, or
/// the reference alone as a plain string (the reference leaves the items' shape undocumented).
#[derive(Deserialize)]
#[serde(untagged)]
pub(crate) enum ProductRefWire {
    Reference(String),
    Object {
        id: Option<String>,
        reference: Option<String>,
    },
}

impl ProductRefWire {
    /// A reference without its SKU cannot be joined with anything, so it is dropped; one
    /// without LiSA's id stands for its id too.
    pub(crate) fn into_product_ref(self) -> Option<ProductRef> {
        let (id, reference) = match self {
            Self::Reference(reference) => (None, reference),
            Self::Object { id, reference } => (id, reference?),
        };
        if reference.is_empty() {
            return None;
        }
        Some(ProductRef {
            id: id.unwrap_or_else(|| reference.clone()),
            reference,
        })
    }
}

/// A channel as a show or a story names it: by id, by slug, or both.
#[derive(Deserialize)]
pub(super) struct ChannelRefWire {
    id: Option<String>,
    slug: Option<String>,
}

impl ChannelRefWire {
    /// The reference, when it names a channel at all.
    pub(super) fn into_channel_ref(self) -> Option<ChannelRef> {
        let id = self.id.or_else(|| self.slug.clone())?;
        Some(ChannelRef {
            id,
            slug: self.slug,
        })
    }
}

/// A channel; only `id` is required.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ChannelWire {
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
    client_identity: Option<serde_json::Value>,
    meta: Option<serde_json::Value>,
    use_or_operator: Option<bool>,
}

impl ChannelWire {
    pub(crate) fn into_channel(self) -> Channel {
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
            client_identity: self.client_identity.filter(|v| !v.is_null()),
            meta: self.meta.filter(|v| !v.is_null()),
            use_or_operator: self.use_or_operator,
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
pub(crate) struct RtmpKeyWire {
    url: Option<String>,
    stream_key: Option<String>,
}

impl RtmpKeyWire {
    pub(crate) fn into_key(self) -> RtmpKey {
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
pub(crate) struct Count {
    pub(crate) count: u64,
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
    pub(crate) fn into_show(self) -> Show {
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
            channel: self.channel.and_then(ChannelRefWire::into_channel_ref),
            creators: self.creators.unwrap_or_default(),
            categories: self.categories.unwrap_or_default(),
            products: self
                .products
                .unwrap_or_default()
                .into_iter()
                .filter_map(ProductRefWire::into_product_ref)
                .map(Arc::new)
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
pub(crate) fn error_detail(body: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct LisaError {
        message: Option<String>,
        code: Option<String>,
    }
    let error: LisaError = serde_json::from_slice(body).ok()?;
    error.message.or(error.code)
}
