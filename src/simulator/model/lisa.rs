//! LiSA's data as the simulator holds it, rendered to JSON by the `lisa` route modules.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde_json::Value;
use uuid::Uuid;

/// A multi-language text: lower-case locale keys plus `*` as the fallback.
pub(crate) type Texts = BTreeMap<String, String>;

#[derive(Debug, Clone, Copy)]
pub(crate) struct Meta {
    pub(crate) created_at: DateTime<Utc>,
    pub(crate) modified_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ChannelStatus {
    Draft,
    Processing,
    Ready,
    Archived,
    /// Gone for good: never served again.
    Removed,
}

impl ChannelStatus {
    pub(crate) fn as_str(self) -> &'static str {
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
pub(crate) struct Channel {
    pub(crate) id: Uuid,
    pub(crate) name: String,
    pub(crate) slug: String,
    pub(crate) title: Texts,
    pub(crate) description: Texts,
    pub(crate) status: ChannelStatus,
    pub(crate) url: Option<String>,
    pub(crate) logo: String,
    pub(crate) banner: String,
    pub(crate) hosts: Vec<String>,
    pub(crate) highlighted_shows: Vec<Uuid>,
    pub(crate) use_or_operator: bool,
    pub(crate) meta: Meta,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ShowStatus {
    Draft,
    Ready,
    Archived,
}

impl ShowStatus {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Ready => "ready",
            Self::Archived => "archived",
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct ProductRef {
    pub(crate) id: Uuid,
    pub(crate) reference: String,
}

#[derive(Debug, Clone)]
pub(crate) struct Show {
    pub(crate) id: Uuid,
    pub(crate) name: String,
    pub(crate) title: Texts,
    pub(crate) description: Texts,
    pub(crate) status: ShowStatus,
    pub(crate) date: DateTime<Utc>,
    pub(crate) is_live: bool,
    pub(crate) is_conducted: bool,
    pub(crate) channel_id: Uuid,
    pub(crate) creators: Vec<String>,
    pub(crate) tags: Vec<String>,
    pub(crate) categories: Vec<String>,
    pub(crate) thumbnail: String,
    pub(crate) portrait_thumbnail: String,
    pub(crate) hls_url: Option<String>,
    pub(crate) replay_url: Option<String>,
    pub(crate) products: Vec<ProductRef>,
    pub(crate) meta: Meta,
}

#[derive(Debug, Clone)]
pub(crate) struct Sticker {
    pub(crate) id: Uuid,
    pub(crate) name: String,
    pub(crate) sticker_type: String,
    pub(crate) action_behavior: String,
    pub(crate) action_target: Value,
    pub(crate) activation: Value,
    pub(crate) expiry: Value,
    pub(crate) image: String,
    pub(crate) badge_title: Texts,
    pub(crate) badge_subtitle: Texts,
    pub(crate) card_title: Texts,
    pub(crate) card_text: Texts,
    pub(crate) card_disclaimer: Texts,
    pub(crate) media_item_id: Uuid,
    pub(crate) is_enabled: bool,
    pub(crate) is_locked: bool,
    pub(crate) is_published: bool,
    pub(crate) published_at: Option<DateTime<Utc>>,
    pub(crate) details: Value,
    pub(crate) meta: Meta,
}

#[derive(Debug, Clone)]
pub(crate) struct Story {
    pub(crate) id: Uuid,
    pub(crate) name: String,
    pub(crate) title: Texts,
    pub(crate) channel_id: Uuid,
    pub(crate) creator: String,
    pub(crate) category: String,
    pub(crate) show_ids: Vec<Uuid>,
    pub(crate) thumbnail: String,
    pub(crate) meta: Meta,
}

#[derive(Debug, Clone)]
pub(crate) struct Snippet {
    pub(crate) id: Uuid,
    pub(crate) name: String,
    pub(crate) show_id: Uuid,
    pub(crate) product: ProductRef,
    pub(crate) start_second: u32,
    pub(crate) end_second: u32,
    pub(crate) video_url: String,
    pub(crate) thumbnail: String,
    pub(crate) meta: Meta,
}

#[derive(Debug, Clone)]
pub(crate) struct ShortClip {
    pub(crate) id: Uuid,
    pub(crate) name: String,
    pub(crate) title: Texts,
    pub(crate) show_id: Uuid,
    pub(crate) orientation: &'static str,
    pub(crate) duration_seconds: u32,
    pub(crate) hls_url: String,
    pub(crate) mp4_url: String,
    pub(crate) thumbnail: String,
    pub(crate) products: Vec<ProductRef>,
    pub(crate) meta: Meta,
}

#[derive(Debug, Clone)]
pub(crate) struct RtmpKey {
    pub(crate) id: Uuid,
    pub(crate) show_id: Uuid,
    pub(crate) name: String,
    pub(crate) url: String,
    pub(crate) stream_key: String,
    pub(crate) meta: Meta,
}

#[derive(Debug, Clone)]
pub(crate) struct Subscription {
    pub(crate) id: Uuid,
    pub(crate) event_types: Vec<String>,
    pub(crate) webhook_url: String,
    /// The credentials object as posted, minus secrets (never echoed back).
    pub(crate) credentials: Value,
    pub(crate) status: String,
    pub(crate) meta: Meta,
}
