//! LiSA's data as the simulator holds it, rendered to JSON by the `lisa` route modules.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde_json::Value;
use uuid::Uuid;

/// A multi-language text: lower-case locale keys plus `*` as the fallback.
pub type Texts = BTreeMap<String, String>;

#[derive(Debug, Clone, Copy)]
pub struct Meta {
    pub created_at: DateTime<Utc>,
    pub modified_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChannelStatus {
    Draft,
    Processing,
    Ready,
    Archived,
    /// Gone for good: never served again.
    Removed,
}

impl ChannelStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Processing => "processing",
            Self::Ready => "ready",
            Self::Archived => "archived",
            Self::Removed => "removed",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Channel {
    pub id: Uuid,
    pub name: String,
    pub slug: String,
    pub title: Texts,
    pub description: Texts,
    pub status: ChannelStatus,
    pub url: Option<String>,
    pub logo: String,
    pub banner: String,
    pub hosts: Vec<String>,
    pub highlighted_shows: Vec<Uuid>,
    pub use_or_operator: bool,
    pub meta: Meta,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShowStatus {
    Draft,
    Ready,
    Archived,
}

impl ShowStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Ready => "ready",
            Self::Archived => "archived",
        }
    }
}

#[derive(Debug, Clone)]
pub struct ProductRef {
    pub id: Uuid,
    pub reference: String,
}

#[derive(Debug, Clone)]
pub struct Show {
    pub id: Uuid,
    pub name: String,
    pub title: Texts,
    pub description: Texts,
    pub status: ShowStatus,
    pub date: DateTime<Utc>,
    pub is_live: bool,
    pub is_conducted: bool,
    pub channel_id: Uuid,
    pub creators: Vec<String>,
    pub tags: Vec<String>,
    pub categories: Vec<String>,
    pub thumbnail: String,
    pub portrait_thumbnail: String,
    pub hls_url: Option<String>,
    pub replay_url: Option<String>,
    pub products: Vec<ProductRef>,
    pub meta: Meta,
}

#[derive(Debug, Clone)]
pub struct Sticker {
    pub id: Uuid,
    pub name: String,
    pub sticker_type: String,
    pub action_behavior: String,
    pub action_target: Value,
    pub activation: Value,
    pub expiry: Value,
    pub image: String,
    pub badge_title: Texts,
    pub badge_subtitle: Texts,
    pub card_title: Texts,
    pub card_text: Texts,
    pub card_disclaimer: Texts,
    pub media_item_id: Uuid,
    pub is_enabled: bool,
    pub is_locked: bool,
    pub is_published: bool,
    pub published_at: Option<DateTime<Utc>>,
    pub details: Value,
    pub meta: Meta,
}

#[derive(Debug, Clone)]
pub struct Story {
    pub id: Uuid,
    pub name: String,
    pub title: Texts,
    pub channel_id: Uuid,
    pub creator: String,
    pub category: String,
    pub show_ids: Vec<Uuid>,
    pub thumbnail: String,
    pub meta: Meta,
}

#[derive(Debug, Clone)]
pub struct Snippet {
    pub id: Uuid,
    pub name: String,
    pub show_id: Uuid,
    pub product: ProductRef,
    pub start_second: u32,
    pub end_second: u32,
    pub video_url: String,
    pub thumbnail: String,
    pub meta: Meta,
}

#[derive(Debug, Clone)]
pub struct ShortClip {
    pub id: Uuid,
    pub name: String,
    pub title: Texts,
    pub show_id: Uuid,
    pub orientation: &'static str,
    pub duration_seconds: u32,
    pub hls_url: String,
    pub mp4_url: String,
    pub thumbnail: String,
    pub products: Vec<ProductRef>,
    pub meta: Meta,
}

#[derive(Debug, Clone)]
pub struct RtmpKey {
    pub id: Uuid,
    pub show_id: Uuid,
    pub name: String,
    pub url: String,
    pub stream_key: String,
    pub meta: Meta,
}

#[derive(Debug, Clone)]
pub struct Subscription {
    pub id: Uuid,
    pub event_types: Vec<String>,
    pub webhook_url: String,
    /// The credentials object as posted, minus secrets (never echoed back).
    pub credentials: Value,
    pub status: String,
    pub meta: Meta,
}
