//! Caast as the rest of the gateway sees it: plain domain types, no envelope.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::providers::dropped::DroppedItem;

/// Caast's three live states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiveState {
    NotStarted,
    Started,
    Finished,
}

impl LiveState {
    pub fn as_query(self) -> &'static str {
        match self {
            Self::NotStarted => "not_started",
            Self::Started => "started",
            Self::Finished => "finished",
        }
    }
}

/// What lives and videos have in common.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Content {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub display_mode: Option<String>,
    pub start_at_timecode: Option<String>,
    pub thumbnail_url: Option<String>,
    pub portrait_thumbnail_url: Option<String>,
    pub hls_url: Option<String>,
    pub shared_by_website: Option<String>,
    pub tags: Vec<String>,
    /// Embedded in the payload: reading it costs no request (shared with what shows it).
    pub seller: Option<Arc<Seller>>,
    /// Embedded in the payload: reading them costs no request (shared with what shows them).
    pub products: Vec<Arc<Product>>,
}

/// A Caast live.
#[derive(Debug, Clone, PartialEq)]
pub struct Live {
    pub content: Content,
    pub state: LiveState,
    pub start_date: Option<DateTime<Utc>>,
    /// Secret: only for an operator.
    pub rtmp_url: Option<String>,
    /// Secret: only for an operator.
    pub stream_key: Option<String>,
}

impl Live {
    pub fn id(&self) -> &str {
        &self.content.id
    }
}

/// A Caast video.
#[derive(Debug, Clone, PartialEq)]
pub struct Video {
    pub content: Content,
    /// Secret: where the file is uploaded, valid one hour after creation.
    pub upload_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Seller {
    pub id: String,
    pub name: String,
    pub url: Option<String>,
    pub external_id: Option<String>,
    pub moderated: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Product {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub thumbnail_url: Option<String>,
    /// The shop's reference (SKU), shared with LiSA.
    pub reference: Option<String>,
    pub ean: Option<String>,
    pub price: Option<String>,
    pub discount_price: Option<String>,
    pub in_stock: Option<bool>,
    pub url: Option<String>,
    /// `complementaryInformations`: free-form.
    pub extra: Option<serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChatMessage {
    pub id: String,
    pub author: Option<String>,
    pub message: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
    pub moderator: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Timecode {
    pub kind: Option<String>,
    pub start_second: Option<f64>,
    pub end_second: Option<f64>,
    pub item: Option<TimecodeItem>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimecodeItem {
    pub uid: Option<String>,
    pub author: Option<String>,
    pub message: Option<String>,
}

/// A live or a video, as `GET /displayed` mixes them (shared, as list items are).
#[derive(Debug, Clone, PartialEq)]
pub enum Displayed {
    Live(Arc<Live>),
    Video(Arc<Video>),
}

/// One page of a Caast list as the client answers it: each item behind an `Arc` from the moment
/// it is decoded, shared with the provider cache, so that copying a page out of the cache copies
/// references, never items. `Page<Live>` holds `Arc<Live>`s.
pub type Page<T> = PageOf<Arc<T>>;

/// One page of a Caast list (20 items a page), whatever its items are (the decoder's own, the
/// client's shared ones, the GraphQL nodes made of them).
#[derive(Debug, Clone)]
pub struct PageOf<T> {
    pub items: Vec<T>,
    /// The page asked for (1-based).
    pub page: u32,
    /// `Page-Items`: how many items match, all pages together (its meaning is assumed).
    pub total: Option<u64>,
    /// The items of the page Caast sent that could not be read (left out of `items`).
    pub dropped: Vec<DroppedItem>,
}

impl<T> PageOf<T> {
    pub const SIZE: usize = 20;

    /// Whether a later page may hold more items, by the documented rule only: a page with fewer
    /// than 20 items is the last (counting those sent but left out: a page of 20 with one
    /// unreadable item is still full). (`Page-Items` is only assumed to be the total: trusting it
    /// to stop early could silently cut lists short, while ignoring it costs at most one empty
    /// read.)
    pub fn has_next(&self) -> bool {
        self.items.len() + self.dropped.len() >= Self::SIZE
    }

    /// The same page with its items turned into something else.
    pub fn map_items<U>(self, convert: impl FnMut(T) -> U) -> PageOf<U> {
        PageOf {
            items: self.items.into_iter().map(convert).collect(),
            page: self.page,
            total: self.total,
            dropped: self.dropped,
        }
    }

    /// The page after this one, when there may be one.
    pub fn next_page(&self) -> Option<u32> {
        self.has_next().then(|| self.page.checked_add(1)).flatten()
    }
}
