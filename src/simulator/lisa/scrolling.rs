//! LiSA's cursor paging: `{"items": […], "scrolling": {"cursor", "limit"}}`.
//!
//! The cursor is opaque to clients: URL-safe base64 of `{"offset", "limit"}`. Offsets
//! are stable because every list sorts with a final tie-break on id.

use axum::Json;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::super::query::Params;
use super::error::LisaError;

pub(crate) const DEFAULT_LIMIT: usize = 20;
/// The documented maximum of most lists; shows allow [`MAX_SHOWS_LIMIT`].
pub(crate) const MAX_LIMIT: usize = 50;
pub(crate) const MAX_SHOWS_LIMIT: usize = 250;

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub(crate) struct Scroll {
    pub(crate) offset: usize,
    pub(crate) limit: usize,
}

impl Scroll {
    /// Read `cursor` and `limit`; an explicit `limit` overrides the cursor's.
    pub(crate) fn from_params(params: &Params, max: usize) -> Result<Self, LisaError> {
        let cursor = match params.get("cursor").filter(|c| !c.is_empty()) {
            Some(raw) => Some(decode(raw)?),
            None => None,
        };
        let limit = match params.get("limit").filter(|l| !l.is_empty()) {
            Some(raw) => parse_limit(raw, max)?,
            None => cursor.map_or(DEFAULT_LIMIT, |c| c.limit.min(max)),
        };
        Ok(Self {
            offset: cursor.map_or(0, |c| c.offset),
            limit,
        })
    }

    fn encode(self) -> String {
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(&self).unwrap_or_default())
    }
}

fn parse_limit(raw: &str, max: usize) -> Result<usize, LisaError> {
    let limit: usize = raw
        .parse()
        .map_err(|_| LisaError::bad_param("limit", "Expected a positive integer."))?;
    if limit < 1 {
        return Err(LisaError::bad_param("limit", "Must be at least 1."));
    }
    if limit > max {
        return Err(LisaError::bad_param(
            "limit",
            format!("Must be at most {max}."),
        ));
    }
    Ok(limit)
}

fn decode(raw: &str) -> Result<Scroll, LisaError> {
    URL_SAFE_NO_PAD
        .decode(raw)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Scroll>(&bytes).ok())
        .filter(|c| c.limit >= 1)
        .ok_or_else(|| LisaError::bad_param("cursor", "Malformed cursor."))
}

/// One batch of `items`, rendering only what is returned; the cursor is `null` at the end.
pub(crate) fn page<T>(items: Vec<T>, scroll: Scroll, render: impl Fn(T) -> Value) -> Json<Value> {
    let total = items.len();
    let batch: Vec<Value> = items
        .into_iter()
        .skip(scroll.offset)
        .take(scroll.limit)
        .map(render)
        .collect();
    let next = scroll.offset + scroll.limit;
    let cursor = (next < total).then(|| {
        Scroll {
            offset: next,
            limit: scroll.limit,
        }
        .encode()
    });
    Json(json!({"items": batch, "scrolling": {"cursor": cursor, "limit": scroll.limit}}))
}

pub(crate) fn count(n: usize) -> Json<Value> {
    Json(json!({"count": n}))
}
