//! LiSA as the rest of the gateway sees it: plain domain types.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use chrono::{DateTime, Utc};

use crate::providers::UpstreamError;
use crate::providers::dropped::DroppedItem;

use super::show_order::KeptOrder;

/// A LiSA multi-language text: lower-case locale keys, `*` as the fallback.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextMap(pub BTreeMap<String, String>);

impl TextMap {
    /// The text for `locale` (exact, then its language, then `*`), else any text at all.
    pub fn resolve(&self, locale: Option<&str>) -> Option<&str> {
        let map = &self.0;
        // Lower-cased only when it needs to be (a request's locale usually is already).
        let wanted = locale.map(|l| match l.bytes().any(|b| b.is_ascii_uppercase()) {
            true => Cow::Owned(l.to_ascii_lowercase()),
            false => Cow::Borrowed(l),
        });
        let language = wanted.as_deref().and_then(|l| l.split(['-', '_']).next());
        wanted
            .as_deref()
            .and_then(|l| map.get(l))
            .or_else(|| language.and_then(|l| map.get(l)))
            .or_else(|| map.get("*"))
            .or_else(|| map.values().next())
            .map(String::as_str)
    }
}

/// A LiSA show.
#[derive(Debug, Clone, PartialEq)]
pub struct Show {
    pub id: String,
    pub name: String,
    pub title: TextMap,
    pub description: TextMap,
    pub date: Option<DateTime<Utc>>,
    pub is_live: bool,
    pub is_conducted: bool,
    pub thumbnail_url: Option<String>,
    pub portrait_thumbnail_url: Option<String>,
    pub hls_url: Option<String>,
    pub tags: Vec<String>,
    /// The show's channel (id and slug).
    pub channel: Option<ChannelRef>,
    /// Usernames of the creators presenting the show.
    pub creators: Vec<String>,
    pub categories: Vec<String>,
    /// The products the show features, as LiSA references them (shared with every product
    /// built from them).
    pub products: Vec<Arc<ProductRef>>,
    /// `draft`, `ready` or `archived` (absent: assumed published).
    pub status: Option<String>,
}

impl Show {
    /// Whether the show is public (LiSA's `ready`, or no status given).
    pub fn is_published(&self) -> bool {
        self.status.as_deref().is_none_or(|s| s == "ready")
    }
}

/// A product LiSA knows: its own id and the shop's reference (SKU), which Caast shares.
#[derive(Debug, Clone, PartialEq)]
pub struct ProductRef {
    /// LiSA's id, or the reference itself when LiSA listed the product by reference only.
    pub id: String,
    pub reference: String,
}

/// A channel as a show or a story names it.
#[derive(Debug, Clone, PartialEq)]
pub struct ChannelRef {
    /// The channel's id, or its slug when LiSA gave only that (either names the channel).
    pub id: String,
    pub slug: Option<String>,
}

/// A LiSA channel.
#[derive(Debug, Clone, PartialEq)]
pub struct Channel {
    pub id: String,
    pub name: String,
    pub slug: String,
    pub title: TextMap,
    pub description: TextMap,
    /// `draft`, `processing`, `ready` or `archived`.
    pub status: Option<String>,
    pub url: Option<String>,
    /// Usernames of the channel's hosts.
    pub hosts: Vec<String>,
    /// Asset URLs by name (logo, banner…), as LiSA gives them.
    pub assets: Option<serde_json::Value>,
    /// Ids of the shows the channel puts forward.
    pub highlighted_shows: Vec<String>,
    /// Which LiSA client the channel belongs to, as LiSA gives it (its fields are undocumented).
    pub client_identity: Option<serde_json::Value>,
    /// LiSA's bookkeeping of the channel (its fields are undocumented).
    pub meta: Option<serde_json::Value>,
    /// LiSA's `useOrOperator` flag (undocumented beyond its name).
    pub use_or_operator: Option<bool>,
}

/// A LiSA sticker: an interactive overlay (voucher, poll, product card…) on a show.
#[derive(Debug, Clone, PartialEq)]
pub struct Sticker {
    pub id: String,
    pub name: String,
    pub sticker_type: Option<String>,
    pub action_behavior: Option<String>,
    pub action_target: Option<serde_json::Value>,
    pub activation: Option<serde_json::Value>,
    pub expiry: Option<serde_json::Value>,
    pub assets: Option<serde_json::Value>,
    pub badge_title: TextMap,
    pub badge_subtitle: TextMap,
    pub card_title: TextMap,
    pub card_text: TextMap,
    pub card_disclaimer: TextMap,
    /// The show (or other media item) the sticker is on.
    pub media_item_id: Option<String>,
    pub media_item_type: Option<String>,
    pub is_enabled: Option<bool>,
    pub is_locked: Option<bool>,
    pub is_published: Option<bool>,
    pub published_at: Option<DateTime<Utc>>,
    pub details: Option<serde_json::Value>,
    /// Where the sticker is in its life, as LiSA words it (`ready`; the reference lists no
    /// other value).
    pub status: Option<String>,
    /// Which LiSA client the sticker belongs to (fields undocumented).
    pub client_identity: Option<serde_json::Value>,
    /// LiSA's bookkeeping of the sticker (fields undocumented).
    pub meta: Option<serde_json::Value>,
}

/// `PATCH /stickers/{id}`: only what is set is sent.
#[derive(Debug, Clone, Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StickerPatch {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_published: Option<bool>,
    /// Only `true` is accepted by LiSA: it starts the activation timer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_activation_timer_enabled: Option<bool>,
}

/// A LiSA snippet: a moment of a show featuring one product.
#[derive(Debug, Clone, PartialEq)]
pub struct Snippet {
    pub id: String,
    pub name: String,
    pub show_id: Option<String>,
    /// The shop's reference (SKU) of the product shown.
    pub product_reference: Option<String>,
    pub start_second: Option<f64>,
    pub end_second: Option<f64>,
    pub video_url: Option<String>,
    pub thumbnail_url: Option<String>,
}

/// A LiSA short clip: a short video cut from a show.
#[derive(Debug, Clone, PartialEq)]
pub struct ShortClip {
    pub id: String,
    pub name: String,
    pub title: TextMap,
    pub show_id: Option<String>,
    /// `landscape` or `portrait`.
    pub orientation: Option<String>,
    pub duration_seconds: Option<f64>,
    pub hls_url: Option<String>,
    pub mp4_url: Option<String>,
    pub thumbnail_url: Option<String>,
}

/// A LiSA story: a short sequence of items (shows) from a channel or a creator.
#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    pub id: String,
    pub name: String,
    pub title: TextMap,
    pub status: Option<String>,
    pub channel: Option<ChannelRef>,
    pub creator: Option<String>,
    pub category: Option<String>,
    /// Ids of the shows the story shows, in order.
    pub show_ids: Vec<String>,
    pub thumbnail_url: Option<String>,
}

/// A LiSA story badge: the stories of one category, channel or creator, grouped.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryBadge {
    /// `category`, `channel` or `creator`.
    pub group_by: Option<String>,
    pub key: String,
    pub name: Option<String>,
    pub story_count: Option<u64>,
    pub story_ids: Vec<String>,
    pub thumbnail_url: Option<String>,
}

/// A webhook subscription (its secret is never read back).
#[derive(Debug, Clone, PartialEq)]
pub struct WebhookSubscription {
    pub id: String,
    /// The LiSA client the subscription belongs to (`lisa` in the reference's sample).
    pub client: Option<String>,
    pub event_types: Vec<String>,
    pub webhook_url: Option<String>,
    pub status: Option<String>,
    /// `none`, `basic`, `bearer`, `oauth` or `aws-sigv4`.
    pub auth_type: Option<String>,
    pub client_id: Option<String>,
}

/// A webhook event LiSA sent, as LiSA keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct WebhookEvent {
    pub id: String,
    pub event_type: Option<String>,
    pub event_date: Option<DateTime<Utc>>,
    pub data: Option<serde_json::Value>,
    pub changes: Option<serde_json::Value>,
}

/// An RTMP ingest point of a show (secret).
#[derive(Debug, Clone, PartialEq)]
pub struct RtmpKey {
    pub url: Option<String>,
    pub stream_key: Option<String>,
}

/// What to ask `GET /shows` for; every documented filter.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ShowQuery {
    pub live: Option<bool>,
    pub conducted: Option<bool>,
    /// A channel slug.
    pub channel: Option<String>,
    /// Creator usernames (any of them).
    pub creators: Vec<String>,
    /// Category slugs (any of them).
    pub categories: Vec<String>,
    /// Tag slugs (any of them).
    pub tags: Vec<String>,
    /// Scheduled from this instant (ISO 8601).
    pub date_from: Option<String>,
    /// Scheduled until this instant (ISO 8601).
    pub date_to: Option<String>,
    /// Modified after this instant (ISO 8601).
    pub modified_since: Option<String>,
    /// `draft`, `ready`, `archived` (any of them; none: LiSA's default).
    pub statuses: Vec<String>,
    /// `field:asc|desc` pairs, e.g. `date:desc`.
    pub sort: Option<String>,
    pub cursor: Option<String>,
    pub limit: u32,
}

/// One batch of a LiSA list as the client answers it: each item behind an `Arc` from the moment
/// it is decoded, shared with the provider cache, so that copying a batch out of the cache (and
/// out of a loader) copies references, never items. `Scroll<Sticker>` holds `Arc<Sticker>`s.
pub type Scroll<T> = ScrollOf<Arc<T>>;

/// One batch of a LiSA list, whatever its items are (the decoder's own, the client's shared
/// ones, the GraphQL nodes made of them), and the cursor of the next (`None` at the end).
#[derive(Debug, Clone)]
pub struct ScrollOf<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
    /// The items of the batch LiSA sent that could not be read (left out of `items`).
    pub dropped: Vec<DroppedItem>,
    /// Where each item (and the later batches') belongs among the shows the list was asked
    /// for, once a reader of show children has worked it out (`show_order.rs`).
    pub show_order: OnceLock<KeptOrder<T>>,
}

impl<T> ScrollOf<T> {
    pub fn new(items: Vec<T>, next_cursor: Option<String>, dropped: Vec<DroppedItem>) -> Self {
        Self {
            items,
            next_cursor,
            dropped,
            show_order: OnceLock::new(),
        }
    }

    /// The same batch with its items turned into something else.
    pub fn map_items<U>(self, convert: impl FnMut(T) -> U) -> ScrollOf<U> {
        let items = self.items.into_iter().map(convert).collect();
        ScrollOf::new(items, self.next_cursor, self.dropped)
    }

    /// Every batch of a list, from the first, reading at most `max_batches` (a longer list is
    /// cut there): the shared batches themselves, not a copy of their items.
    pub async fn read_batches<F, Fut>(
        max_batches: usize,
        mut fetch: F,
    ) -> Result<Vec<Arc<Self>>, UpstreamError>
    where
        F: FnMut(Option<String>) -> Fut,
        Fut: Future<Output = Result<Arc<Self>, UpstreamError>>,
    {
        let (mut batches, mut cursor) = (Vec::new(), None);
        for _ in 0..max_batches {
            let batch = fetch(cursor).await?;
            cursor = batch.next_cursor.clone();
            batches.push(batch);
            if cursor.is_none() {
                break;
            }
        }
        Ok(batches)
    }
}
