//! Caast as the rest of the gateway sees it: plain domain types, no envelope.

use chrono::{DateTime, Utc};

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

/// A Caast live.
#[derive(Debug, Clone, PartialEq)]
pub struct Live {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub state: LiveState,
    pub start_date: Option<DateTime<Utc>>,
    pub thumbnail_url: Option<String>,
    pub portrait_thumbnail_url: Option<String>,
    pub hls_url: Option<String>,
    pub tags: Vec<String>,
}

/// The sort orders `GET /lives` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiveOrder {
    StartDateDesc,
    StartDateAsc,
    CreatedAtDesc,
    CreatedAtAsc,
}

impl LiveOrder {
    pub fn as_query(self) -> &'static str {
        match self {
            Self::StartDateDesc => "start_date:DESC",
            Self::StartDateAsc => "start_date:ASC",
            Self::CreatedAtDesc => "created_at:DESC",
            Self::CreatedAtAsc => "created_at:ASC",
        }
    }
}

/// What to ask `GET /lives` for.
#[derive(Debug, Clone, PartialEq)]
pub struct LiveQuery {
    pub state: Option<LiveState>,
    pub order: LiveOrder,
    /// 1-based.
    pub page: u32,
}

/// One page of a Caast list (20 items a page).
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// The page asked for (1-based).
    pub page: u32,
    /// `Page-Items`: how many items match, all pages together (its meaning is assumed).
    pub total: Option<u64>,
}

impl<T> Page<T> {
    pub const SIZE: usize = 20;

    /// Whether a later page may hold more items. The documented rule decides (a page with fewer
    /// than 20 items is the last); the assumed total only spares the empty read after a full
    /// last page.
    pub fn has_next(&self) -> bool {
        let read = u64::from(self.page) * Self::SIZE as u64;
        self.items.len() >= Self::SIZE && self.total.is_none_or(|total| read < total)
    }

    /// The page after this one, when there may be one.
    pub fn next_page(&self) -> Option<u32> {
        self.has_next().then(|| self.page.checked_add(1)).flatten()
    }
}
