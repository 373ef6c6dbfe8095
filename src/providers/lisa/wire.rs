//! LiSA's JSON as it crosses the wire. Private to the client.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::model::{
    Channel, ChannelRef, RtmpKey, ShortClip, Show, Snippet, Sticker, Story, StoryBadge, TextMap,
    WebhookEvent, WebhookSubscription,
};
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
    channel: Option<ChannelRefWire>,
    creators: Option<Vec<String>>,
    categories: Option<Vec<String>>,
}

#[derive(Deserialize)]
struct ChannelRefWire {
    id: String,
    slug: Option<String>,
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
fn name_of(value: &serde_json::Value, field: &str) -> Option<String> {
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

/// A sticker; only `id` is required.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StickerWire {
    id: String,
    name: Option<String>,
    sticker_type: Option<String>,
    action_behavior: Option<String>,
    action_target: Option<serde_json::Value>,
    activation: Option<serde_json::Value>,
    expiry: Option<serde_json::Value>,
    assets: Option<serde_json::Value>,
    badge_title: Option<BTreeMap<String, Option<String>>>,
    badge_subtitle: Option<BTreeMap<String, Option<String>>>,
    card_title: Option<BTreeMap<String, Option<String>>>,
    card_text: Option<BTreeMap<String, Option<String>>>,
    card_disclaimer: Option<BTreeMap<String, Option<String>>>,
    media_item_id: Option<String>,
    media_item_type: Option<String>,
    is_enabled: Option<bool>,
    is_locked: Option<bool>,
    is_published: Option<bool>,
    published_at: Option<String>,
    sticker_details: Option<serde_json::Value>,
}

impl StickerWire {
    pub fn into_sticker(self) -> Sticker {
        let json = |v: Option<serde_json::Value>| v.filter(|v| !v.is_null());
        Sticker {
            name: self.name.unwrap_or_default(),
            sticker_type: self.sticker_type,
            action_behavior: self.action_behavior,
            action_target: json(self.action_target),
            activation: json(self.activation),
            expiry: json(self.expiry),
            assets: json(self.assets),
            badge_title: text_map(self.badge_title),
            badge_subtitle: text_map(self.badge_subtitle),
            card_title: text_map(self.card_title),
            card_text: text_map(self.card_text),
            card_disclaimer: text_map(self.card_disclaimer),
            media_item_id: self.media_item_id,
            media_item_type: self.media_item_type,
            is_enabled: self.is_enabled,
            is_locked: self.is_locked,
            is_published: self.is_published,
            published_at: self.published_at.as_deref().and_then(parse_date),
            details: json(self.sticker_details),
            id: self.id,
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SubscriptionWire {
    id: String,
    event_types: Option<Vec<String>>,
    webhook_url: Option<String>,
    status: Option<String>,
    credentials: Option<CredentialsWire>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CredentialsWire {
    #[serde(rename = "type")]
    kind: Option<String>,
    client_id: Option<String>,
}

impl SubscriptionWire {
    pub fn into_subscription(self) -> WebhookSubscription {
        let credentials = self.credentials;
        WebhookSubscription {
            id: self.id,
            event_types: self.event_types.unwrap_or_default(),
            webhook_url: self.webhook_url,
            status: self.status,
            auth_type: credentials.as_ref().and_then(|c| c.kind.clone()),
            client_id: credentials.and_then(|c| c.client_id),
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventWire {
    id: String,
    event_type: Option<String>,
    event_date: Option<String>,
    data: Option<serde_json::Value>,
    changes: Option<serde_json::Value>,
}

impl EventWire {
    pub fn into_event(self) -> WebhookEvent {
        WebhookEvent {
            id: self.id,
            event_type: self.event_type,
            event_date: self.event_date.as_deref().and_then(parse_date),
            data: self.data,
            changes: self.changes,
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SnippetWire {
    id: String,
    name: Option<String>,
    show_id: Option<String>,
    product_reference: Option<String>,
    product: Option<SnippetProduct>,
    start_second: Option<f64>,
    end_second: Option<f64>,
    media: Option<serde_json::Value>,
    assets: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct SnippetProduct {
    reference: Option<String>,
}

impl SnippetWire {
    pub fn into_snippet(self) -> Snippet {
        let url = |v: &Option<serde_json::Value>, key: &str| {
            v.as_ref()
                .and_then(|v| v.get(key))
                .and_then(|u| u.as_str())
                .map(str::to_string)
        };
        Snippet {
            video_url: url(&self.media, "mp4Url").or_else(|| url(&self.media, "hlsUrl")),
            thumbnail_url: url(&self.assets, "thumbnail"),
            id: self.id,
            name: self.name.unwrap_or_default(),
            show_id: self.show_id,
            product_reference: self
                .product_reference
                .or_else(|| self.product.and_then(|p| p.reference)),
            start_second: self.start_second,
            end_second: self.end_second,
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoryWire {
    id: String,
    name: Option<String>,
    title: Option<BTreeMap<String, Option<String>>>,
    status: Option<String>,
    channel: Option<ChannelRefWire>,
    creator: Option<String>,
    category: Option<String>,
    items: Option<Vec<serde_json::Value>>,
    assets: Option<serde_json::Value>,
}

impl StoryWire {
    pub fn into_story(self) -> Story {
        let shows = self.items.unwrap_or_default().into_iter().filter(|i| {
            i.get("type")
                .and_then(|t| t.as_str())
                .is_none_or(|t| t == "show")
        });
        Story {
            name: self.name.unwrap_or_default(),
            title: text_map(self.title),
            status: self.status,
            channel: self.channel.map(|c| ChannelRef {
                id: c.id,
                slug: c.slug,
            }),
            creator: self.creator,
            category: self.category,
            show_ids: shows.filter_map(|i| name_of(&i, "id")).collect(),
            thumbnail_url: asset(&self.assets, "thumbnail"),
            id: self.id,
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BadgeWire {
    #[serde(rename = "type")]
    kind: Option<String>,
    key: Option<String>,
    name: Option<String>,
    story_count: Option<u64>,
    story_ids: Option<Vec<String>>,
    assets: Option<serde_json::Value>,
}

impl BadgeWire {
    pub fn into_badge(self) -> StoryBadge {
        StoryBadge {
            group_by: self.kind,
            key: self.key.unwrap_or_default(),
            name: self.name,
            story_count: self.story_count,
            story_ids: self.story_ids.unwrap_or_default(),
            thumbnail_url: asset(&self.assets, "thumbnail"),
        }
    }
}

/// A URL among an `assets` object's entries.
fn asset(assets: &Option<serde_json::Value>, key: &str) -> Option<String> {
    assets.as_ref()?.get(key)?.as_str().map(str::to_string)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClipWire {
    id: String,
    name: Option<String>,
    title: Option<BTreeMap<String, Option<String>>>,
    show_id: Option<String>,
    orientation: Option<String>,
    duration: Option<f64>,
    media: Option<serde_json::Value>,
    assets: Option<serde_json::Value>,
}

impl ClipWire {
    pub fn into_clip(self) -> ShortClip {
        ShortClip {
            name: self.name.unwrap_or_default(),
            title: text_map(self.title),
            show_id: self.show_id,
            orientation: self.orientation,
            duration_seconds: self.duration,
            hls_url: asset(&self.media, "hlsUrl"),
            mp4_url: asset(&self.media, "mp4Url"),
            thumbnail_url: asset(&self.assets, "thumbnail"),
            id: self.id,
        }
    }
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
