//! Caast's data as the simulator holds it: plain structs, rendered to the documented
//! JSON by `caast::json`. Relations are ids, resolved at render time, so an update to a
//! seller shows in every live that references it.

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

#[derive(Debug, Clone)]
pub(crate) struct Seller {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) url: Option<String>,
    pub(crate) external_id: String,
    pub(crate) moderated: bool,
    pub(crate) created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Product {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) description: Option<String>,
    pub(crate) thumbnail_url: Option<String>,
    pub(crate) reference: Option<String>,
    pub(crate) ean: Option<String>,
    pub(crate) price: Option<String>,
    pub(crate) discount_price: Option<String>,
    pub(crate) in_stock: Option<bool>,
    pub(crate) url: Option<String>,
    pub(crate) complementary: Map<String, Value>,
    pub(crate) seller_id: Option<String>,
    pub(crate) created_at: DateTime<Utc>,
}

/// A product of the shop's own catalogue that Caast can import by reference.
#[derive(Debug, Clone)]
pub(crate) struct CatalogueItem {
    pub(crate) product: Product,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LiveState {
    NotStarted,
    Started,
    Finished,
}

impl LiveState {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::NotStarted => "not_started",
            Self::Started => "started",
            Self::Finished => "finished",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Self> {
        [Self::NotStarted, Self::Started, Self::Finished]
            .into_iter()
            .find(|state| state.as_str() == s)
    }
}

/// What lives and videos share (Caast calls both "content").
#[derive(Debug, Clone, Default)]
pub(crate) struct Content {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) description: Option<String>,
    pub(crate) display_mode: String,
    pub(crate) start_at_timecode: Option<String>,
    pub(crate) thumbnail_url: Option<String>,
    pub(crate) portrait_thumbnail_url: Option<String>,
    pub(crate) seller_id: Option<String>,
    pub(crate) product_ids: Vec<String>,
    pub(crate) tags: Vec<String>,
    pub(crate) m3u8_url: Option<String>,
    /// Set when another app shared this content with us: then it is read-only.
    pub(crate) shared_by_website: Option<String>,
    pub(crate) created_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub(crate) struct Live {
    pub(crate) content: Content,
    pub(crate) start_date: DateTime<Utc>,
    pub(crate) end_date: Option<DateTime<Utc>>,
    pub(crate) rtmp_url: String,
    pub(crate) stream_key: String,
    pub(crate) state: LiveState,
}

#[derive(Debug, Clone)]
pub(crate) struct Video {
    pub(crate) content: Content,
    pub(crate) upload_url: String,
}

#[derive(Debug, Clone)]
pub(crate) struct ChatMessage {
    pub(crate) uid: String,
    pub(crate) author: String,
    pub(crate) message: String,
    pub(crate) sent_at: DateTime<Utc>,
    pub(crate) moderator: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct Timecode {
    pub(crate) kind: String,
    pub(crate) start_second: u32,
    pub(crate) end_second: u32,
    pub(crate) uid: String,
    pub(crate) author: String,
    pub(crate) message: String,
}
