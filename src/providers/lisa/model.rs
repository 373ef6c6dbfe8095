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
pub(crate) struct TextMap(pub BTreeMap<String, String>);

impl TextMap {
    /// The text for `locale` (exact, then its language, then `*`), else any text at all.
    pub(crate) fn resolve(&self, locale: Option<&str>) -> Option<&str> {
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
pub(crate) struct Show {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) title: TextMap,
    pub(crate) description: TextMap,
    pub(crate) date: Option<DateTime<Utc>>,
    pub(crate) is_live: bool,
    pub(crate) is_conducted: bool,
    pub(crate) thumbnail_url: Option<String>,
    pub(crate) portrait_thumbnail_url: Option<String>,
    pub(crate) hls_url: Option<String>,
    pub(crate) tags: Vec<String>,
    /// The show's channel (id and slug).
    pub(crate) channel: Option<ChannelRef>,
    /// Usernames of the creators presenting the show.
    pub(crate) creators: Vec<String>,
    pub(crate) categories: Vec<String>,
    /// The products the show features, as LiSA references them (shared with every product
    /// built from them).
    pub(crate) products: Vec<Arc<ProductRef>>,
    /// `draft`, `ready` or `archived` (absent: assumed published).
    pub(crate) status: Option<String>,
}

impl Show {
    /// Whether the show is public (LiSA's `ready`, or no status given).
    pub(crate) fn is_published(&self) -> bool {
        self.status.as_deref().is_none_or(|s| s == "ready")
    }
}

/// A product LiSA knows: its own id and the shop's reference (SKU), which Caast shares.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ProductRef {
    /// LiSA's id, or the reference itself when LiSA listed the product by reference only.
    pub(crate) id: String,
    pub(crate) reference: String,
}

/// A channel as a show or a story names it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ChannelRef {
    /// The channel's id, or its slug when LiSA gave only that (either names the channel).
    pub(crate) id: String,
    pub(crate) slug: Option<String>,
}

/// A LiSA channel.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Channel {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) slug: String,
    pub(crate) title: TextMap,
    pub(crate) description: TextMap,
    /// `draft`, `processing`, `ready` or `archived`.
    pub(crate) status: Option<String>,
    pub(crate) url: Option<String>,
    /// Usernames of the channel's hosts.
    pub(crate) hosts: Vec<String>,
    /// Asset URLs by name (logo, banner…), as LiSA gives them.
    pub(crate) assets: Option<serde_json::Value>,
    /// Ids of the shows the channel puts forward.
    pub(crate) highlighted_shows: Vec<String>,
    /// Which LiSA client the channel belongs to, as LiSA gives it (its fields are undocumented).
    pub(crate) client_identity: Option<serde_json::Value>,
    /// LiSA's bookkeeping of the channel (its fields are undocumented).
    pub(crate) meta: Option<serde_json::Value>,
    /// LiSA's `useOrOperator` flag (undocumented beyond its name).
    pub(crate) use_or_operator: Option<bool>,
}

/// A LiSA sticker: an interactive overlay (voucher, poll, product card…) on a show.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Sticker {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) sticker_type: Option<String>,
    pub(crate) action_behavior: Option<String>,
    pub(crate) action_target: Option<serde_json::Value>,
    pub(crate) activation: Option<serde_json::Value>,
    pub(crate) expiry: Option<serde_json::Value>,
    pub(crate) assets: Option<serde_json::Value>,
    pub(crate) badge_title: TextMap,
    pub(crate) badge_subtitle: TextMap,
    pub(crate) card_title: TextMap,
    pub(crate) card_text: TextMap,
    pub(crate) card_disclaimer: TextMap,
    /// The show (or other media item) the sticker is on.
    pub(crate) media_item_id: Option<String>,
    pub(crate) media_item_type: Option<String>,
    pub(crate) is_enabled: Option<bool>,
    pub(crate) is_locked: Option<bool>,
    pub(crate) is_published: Option<bool>,
    pub(crate) published_at: Option<DateTime<Utc>>,
    pub(crate) details: Option<serde_json::Value>,
    /// Where the sticker is in its life, as LiSA words it (`ready`; the reference lists no
    /// other value).
    pub(crate) status: Option<String>,
    /// Which LiSA client the sticker belongs to (fields undocumented).
    pub(crate) client_identity: Option<serde_json::Value>,
    /// LiSA's bookkeeping of the sticker (fields undocumented).
    pub(crate) meta: Option<serde_json::Value>,
}

/// `PATCH /stickers/{id}`: only what is set is sent.
#[derive(Debug, Clone, Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct StickerPatch {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) is_published: Option<bool>,
    /// Only `true` is accepted by LiSA: it starts the activation timer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) is_activation_timer_enabled: Option<bool>,
}

/// A LiSA snippet: a moment of a show featuring one product.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Snippet {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) show_id: Option<String>,
    /// The shop's reference (SKU) of the product shown.
    pub(crate) product_reference: Option<String>,
    pub(crate) start_second: Option<f64>,
    pub(crate) end_second: Option<f64>,
    pub(crate) video_url: Option<String>,
    pub(crate) thumbnail_url: Option<String>,
}

/// A LiSA short clip: a short video cut from a show.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ShortClip {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) title: TextMap,
    pub(crate) show_id: Option<String>,
    /// `landscape` or `portrait`.
    pub(crate) orientation: Option<String>,
    pub(crate) duration_seconds: Option<f64>,
    pub(crate) hls_url: Option<String>,
    pub(crate) mp4_url: Option<String>,
    pub(crate) thumbnail_url: Option<String>,
}

/// A LiSA story: a short sequence of items (shows) from a channel or a creator.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Story {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) title: TextMap,
    pub(crate) status: Option<String>,
    pub(crate) channel: Option<ChannelRef>,
    pub(crate) creator: Option<String>,
    pub(crate) category: Option<String>,
    /// Ids of the shows the story shows, in order.
    pub(crate) show_ids: Vec<String>,
    pub(crate) thumbnail_url: Option<String>,
}

/// A LiSA story badge: the stories of one category, channel or creator, grouped.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StoryBadge {
    /// `category`, `channel` or `creator`.
    pub(crate) group_by: Option<String>,
    pub(crate) key: String,
    pub(crate) name: Option<String>,
    pub(crate) story_count: Option<u64>,
    pub(crate) story_ids: Vec<String>,
    pub(crate) thumbnail_url: Option<String>,
}

/// A webhook subscription (its secret is never read back).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct WebhookSubscription {
    pub(crate) id: String,
    /// The LiSA client the subscription belongs to (`lisa` in the reference's sample).
    pub(crate) client: Option<String>,
    pub(crate) event_types: Vec<String>,
    pub(crate) webhook_url: Option<String>,
    pub(crate) status: Option<String>,
    /// `none`, `basic`, `bearer`, `oauth` or `aws-sigv4`.
    pub(crate) auth_type: Option<String>,
    pub(crate) client_id: Option<String>,
}

/// A webhook event LiSA sent, as LiSA keeps it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct WebhookEvent {
    pub(crate) id: String,
    pub(crate) event_type: Option<String>,
    pub(crate) event_date: Option<DateTime<Utc>>,
    pub(crate) data: Option<serde_json::Value>,
    pub(crate) changes: Option<serde_json::Value>,
}

/// An RTMP ingest point of a show (secret).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RtmpKey {
    pub(crate) url: Option<String>,
    pub(crate) stream_key: Option<String>,
}

/// What to ask `GET /shows` for; every documented filter.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct ShowQuery {
    pub(crate) live: Option<bool>,
    pub(crate) conducted: Option<bool>,
    /// A channel slug.
    pub(crate) channel: Option<String>,
    /// Creator usernames (any of them).
    pub(crate) creators: Vec<String>,
    /// Category slugs (any of them).
    pub(crate) categories: Vec<String>,
    /// Tag slugs (any of them).
    pub(crate) tags: Vec<String>,
    /// Scheduled from this instant (ISO 8601).
    pub(crate) date_from: Option<String>,
    /// Scheduled until this instant (ISO 8601).
    pub(crate) date_to: Option<String>,
    /// Modified after this instant (ISO 8601).
    pub(crate) modified_since: Option<String>,
    /// `draft`, `ready`, `archived` (any of them; none: LiSA's default).
    pub(crate) statuses: Vec<String>,
    /// `field:asc|desc` pairs, e.g. `date:desc`.
    pub(crate) sort: Option<String>,
    pub(crate) cursor: Option<String>,
    pub(crate) limit: u32,
}

/// One batch of a LiSA list as the client answers it: each item behind an `Arc` from the moment
/// it is decoded, shared with the provider cache, so that copying a batch out of the cache (and
/// out of a loader) copies references, never items. `Scroll<Sticker>` holds `Arc<Sticker>`s.
pub(crate) type Scroll<T> = ScrollOf<Arc<T>>;

/// One batch of a LiSA list, whatever its items are (the decoder's own, the client's shared
/// ones, the GraphQL nodes made of them), and the cursor of the next (`None` at the end).
#[derive(Debug, Clone)]
pub(crate) struct ScrollOf<T> {
    pub(crate) items: Vec<T>,
    pub(crate) next_cursor: Option<String>,
    /// The items of the batch LiSA sent that could not be read (left out of `items`).
    pub(crate) dropped: Vec<DroppedItem>,
    /// Where each item (and the later batches') belongs among the shows the list was asked
    /// for, once a reader of show children has worked it out (`show_order.rs`).
    pub(crate) show_order: OnceLock<KeptOrder<T>>,
}

impl<T> ScrollOf<T> {
    pub(crate) fn new(
        items: Vec<T>,
        next_cursor: Option<String>,
        dropped: Vec<DroppedItem>,
    ) -> Self {
        Self {
            items,
            next_cursor,
            dropped,
            show_order: OnceLock::new(),
        }
    }

    /// The same batch with its items turned into something else.
    pub(crate) fn map_items<U>(self, convert: impl FnMut(T) -> U) -> ScrollOf<U> {
        let items = self.items.into_iter().map(convert).collect();
        ScrollOf::new(items, self.next_cursor, self.dropped)
    }

    /// Every batch of a list, from the first, reading at most `max_batches` (a longer list is
    /// cut there): the shared batches themselves, not a copy of their items.
    pub(crate) async fn read_batches<F, Fut>(
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
