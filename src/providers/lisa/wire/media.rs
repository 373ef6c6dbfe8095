//! Stickers, snippets and short clips as they cross the wire.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::super::model::{ShortClip, Snippet, Sticker};
use super::{asset, text_map};
use crate::providers::dates::parse_date;

/// A sticker; only `id` is required.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct StickerWire {
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
    status: Option<String>,
    client_identity: Option<serde_json::Value>,
    meta: Option<serde_json::Value>,
}

impl StickerWire {
    pub(crate) fn into_sticker(self) -> Sticker {
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
            status: self.status,
            client_identity: json(self.client_identity),
            meta: json(self.meta),
            published_at: self.published_at.as_deref().and_then(parse_date),
            details: json(self.sticker_details),
            id: self.id,
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SnippetWire {
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
    pub(crate) fn into_snippet(self) -> Snippet {
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
pub(crate) struct ClipWire {
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
    pub(crate) fn into_clip(self) -> ShortClip {
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
