//! Caast's data as the simulator holds it: plain structs, rendered to the documented
//! JSON by `caast::json`. Relations are ids, resolved at render time, so an update to a
//! seller shows in every live that references it.

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

#[derive(Debug, Clone)]
pub struct Seller {
    pub id: String,
    pub name: String,
    pub url: Option<String>,
    pub external_id: String,
    pub moderated: bool,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default)]
pub struct Product {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub thumbnail_url: Option<String>,
    pub reference: Option<String>,
    pub ean: Option<String>,
    pub price: Option<String>,
    pub discount_price: Option<String>,
    pub in_stock: Option<bool>,
    pub url: Option<String>,
    pub complementary: Map<String, Value>,
    pub seller_id: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// A product of the shop's own catalogue that Caast can import by reference.
#[derive(Debug, Clone)]
pub struct CatalogueItem {
    pub product: Product,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiveState {
    NotStarted,
    Started,
    Finished,
}

impl LiveState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotStarted => "not_started",
            Self::Started => "started",
            Self::Finished => "finished",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::NotStarted, Self::Started, Self::Finished]
            .into_iter()
            .find(|state| state.as_str() == s)
    }
}

/// What lives and videos share (Caast calls both "content").
#[derive(Debug, Clone, Default)]
pub struct Content {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub display_mode: String,
    pub start_at_timecode: Option<String>,
    pub thumbnail_url: Option<String>,
    pub portrait_thumbnail_url: Option<String>,
    pub seller_id: Option<String>,
    pub product_ids: Vec<String>,
    pub tags: Vec<String>,
    pub m3u8_url: Option<String>,
    /// Set when another app shared this content with us: then it is read-only.
    pub shared_by_website: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct Live {
    pub content: Content,
    pub start_date: DateTime<Utc>,
    pub end_date: Option<DateTime<Utc>>,
    pub rtmp_url: String,
    pub stream_key: String,
    pub state: LiveState,
}

#[derive(Debug, Clone)]
pub struct Video {
    pub content: Content,
    pub upload_url: String,
}

#[derive(Debug, Clone)]
pub struct ChatMessage {
    pub uid: String,
    pub author: String,
    pub message: String,
    pub sent_at: DateTime<Utc>,
    pub moderator: bool,
}

#[derive(Debug, Clone)]
pub struct Timecode {
    pub kind: String,
    pub start_second: u32,
    pub end_second: u32,
    pub uid: String,
    pub author: String,
    pub message: String,
}
