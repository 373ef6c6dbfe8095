//! Caast as the rest of the gateway sees it: plain domain types, no envelope.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::providers::dropped::DroppedItem;

/// Caast's three live states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LiveState {
    NotStarted,
    Started,
    Finished,
}

impl LiveState {
    pub(crate) fn as_query(self) -> &'static str {
        match self {
            Self::NotStarted => "not_started",
            Self::Started => "started",
            Self::Finished => "finished",
        }
    }
}

/// What lives and videos have in common.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Content {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) description: Option<String>,
    pub(crate) display_mode: Option<String>,
    pub(crate) start_at_timecode: Option<String>,
    pub(crate) thumbnail_url: Option<String>,
    pub(crate) portrait_thumbnail_url: Option<String>,
    pub(crate) hls_url: Option<String>,
    pub(crate) shared_by_website: Option<String>,
    pub(crate) tags: Vec<String>,
    /// Embedded in the payload: reading it costs no request (shared with what shows it).
    pub(crate) seller: Option<Arc<Seller>>,
    /// Embedded in the payload: reading them costs no request (shared with what shows them).
    pub(crate) products: Vec<Arc<Product>>,
}

/// A Caast live.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Live {
    pub(crate) content: Content,
    pub(crate) state: LiveState,
    pub(crate) start_date: Option<DateTime<Utc>>,
    /// Secret: only for an operator.
    pub(crate) rtmp_url: Option<String>,
    /// Secret: only for an operator.
    pub(crate) stream_key: Option<String>,
}

impl Live {
    pub(crate) fn id(&self) -> &str {
        &self.content.id
    }
}

/// A Caast video.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Video {
    pub(crate) content: Content,
    /// Secret: where the file is uploaded, valid one hour after creation.
    pub(crate) upload_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Seller {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) url: Option<String>,
    pub(crate) external_id: Option<String>,
    pub(crate) moderated: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Product {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) description: Option<String>,
    pub(crate) thumbnail_url: Option<String>,
    /// The shop's reference (SKU), shared with LiSA.
    pub(crate) reference: Option<String>,
    pub(crate) ean: Option<String>,
    pub(crate) price: Option<String>,
    pub(crate) discount_price: Option<String>,
    pub(crate) in_stock: Option<bool>,
    pub(crate) url: Option<String>,
    /// `complementaryInformations`: free-form.
    pub(crate) extra: Option<serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ChatMessage {
    pub(crate) id: String,
    pub(crate) author: Option<String>,
    pub(crate) message: Option<String>,
    pub(crate) sent_at: Option<DateTime<Utc>>,
    pub(crate) moderator: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Timecode {
    pub(crate) kind: Option<String>,
    pub(crate) start_second: Option<f64>,
    pub(crate) end_second: Option<f64>,
    pub(crate) item: Option<TimecodeItem>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TimecodeItem {
    pub(crate) uid: Option<String>,
    pub(crate) author: Option<String>,
    pub(crate) message: Option<String>,
}

/// A live or a video, as `GET /displayed` mixes them (shared, as list items are).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Displayed {
    Live(Arc<Live>),
    Video(Arc<Video>),
}

/// One page of a Caast list as the client answers it: each item behind an `Arc` from the moment
/// it is decoded, shared with the provider cache, so that copying a page out of the cache copies
/// references, never items. `Page<Live>` holds `Arc<Live>`s.
pub(crate) type Page<T> = PageOf<Arc<T>>;

/// One page of a Caast list (20 items a page), whatever its items are (the decoder's own, the
/// client's shared ones, the GraphQL nodes made of them).
#[derive(Debug, Clone)]
pub(crate) struct PageOf<T> {
    pub(crate) items: Vec<T>,
    /// The page asked for (1-based).
    pub(crate) page: u32,
    /// `Page-Items`: how many items match, all pages together (its meaning is assumed).
    pub(crate) total: Option<u64>,
    /// The items of the page Caast sent that could not be read (left out of `items`).
    pub(crate) dropped: Vec<DroppedItem>,
}

impl<T> PageOf<T> {
    pub(crate) const SIZE: usize = 20;

    /// Whether a later page may hold more items, by the documented rule only: a page with fewer
    /// than 20 items is the last (counting those sent but left out: a page of 20 with one
    /// unreadable item is still full). (`Page-Items` is only assumed to be the total: trusting it
    /// to stop early could silently cut lists short, while ignoring it costs at most one empty
    /// read.)
    pub(crate) fn has_next(&self) -> bool {
        self.items.len() + self.dropped.len() >= Self::SIZE
    }

    /// The same page with its items turned into something else.
    pub(crate) fn map_items<U>(self, convert: impl FnMut(T) -> U) -> PageOf<U> {
        PageOf {
            items: self.items.into_iter().map(convert).collect(),
            page: self.page,
            total: self.total,
            dropped: self.dropped,
        }
    }

    /// The page after this one, when there may be one.
    pub(crate) fn next_page(&self) -> Option<u32> {
        self.has_next().then(|| self.page.checked_add(1)).flatten()
    }
}
