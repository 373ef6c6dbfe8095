//! LiSA as the rest of the gateway sees it: plain domain types.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

/// A LiSA multi-language text: lower-case locale keys, `*` as the fallback.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextMap(pub BTreeMap<String, String>);

impl TextMap {
    /// The text for `locale` (exact, then its language, then `*`), else any text at all.
    pub fn resolve(&self, locale: Option<&str>) -> Option<&str> {
        let map = &self.0;
        let wanted = locale.map(str::to_ascii_lowercase);
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
}

/// What to ask `GET /shows` for.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ShowQuery {
    pub live: Option<bool>,
    pub conducted: Option<bool>,
    /// `field:asc|desc` pairs, e.g. `date:desc`.
    pub sort: Option<String>,
    pub cursor: Option<String>,
    pub limit: u32,
}

/// One batch of a LiSA list and the cursor of the next (`None` at the end).
#[derive(Debug, Clone)]
pub struct Scroll<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}
