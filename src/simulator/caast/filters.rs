//! The filters lives and videos share (`name`, `product_id`, `product_ref`, `seller_*`,
//! `tags[]`), and the sort orders of the live list.

use std::cmp::Ordering;

use super::super::model::Store;
use super::super::model::caast::{Content, Live};
use super::super::query::Params;
use super::error::CaastError;

#[derive(Debug, Default)]
pub(crate) struct ContentFilter {
    name: Option<String>,
    product_id: Option<String>,
    product_ref: Option<String>,
    seller_id: Option<String>,
    seller_name: Option<String>,
    seller_external_id: Option<String>,
    tags: Vec<String>,
}

fn non_empty(params: &Params, key: &str) -> Option<String> {
    params
        .get(key)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

pub(crate) fn contains_ci(haystack: &str, needle: &str) -> bool {
    haystack.to_lowercase().contains(&needle.to_lowercase())
}

impl ContentFilter {
    pub(crate) fn from_params(params: &Params) -> Self {
        Self {
            name: non_empty(params, "name"),
            product_id: non_empty(params, "product_id"),
            product_ref: non_empty(params, "product_ref"),
            seller_id: non_empty(params, "seller_id"),
            seller_name: non_empty(params, "seller_name"),
            seller_external_id: non_empty(params, "seller_external_id"),
            tags: params
                .all("tags")
                .into_iter()
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect(),
        }
    }

    pub(crate) fn matches(&self, c: &Content, store: &Store) -> bool {
        let seller = c.seller_id.as_deref().and_then(|id| store.seller(id));
        let has_ref = |r: &str| {
            c.product_ids
                .iter()
                .filter_map(|id| store.product(id))
                .any(|p| p.reference.as_deref() == Some(r))
        };
        self.name.as_deref().is_none_or(|n| contains_ci(&c.name, n))
            && self
                .product_id
                .as_deref()
                .is_none_or(|id| c.product_ids.iter().any(|p| p == id))
            && self.product_ref.as_deref().is_none_or(has_ref)
            && self
                .seller_id
                .as_deref()
                .is_none_or(|id| c.seller_id.as_deref() == Some(id))
            && self
                .seller_name
                .as_deref()
                .is_none_or(|n| seller.is_some_and(|s| contains_ci(&s.name, n)))
            && self
                .seller_external_id
                .as_deref()
                .is_none_or(|e| seller.is_some_and(|s| s.external_id == e))
            && self.tags.iter().all(|t| c.tags.contains(t))
    }
}

/// `order` of the live list; ties fall back to id ascending so paging is stable.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LiveOrder {
    by_start_date: bool,
    descending: bool,
}

impl LiveOrder {
    pub(crate) fn parse(raw: Option<&str>) -> Result<Self, CaastError> {
        let (by_start_date, descending) = match raw.unwrap_or("created_at:DESC") {
            "created_at:ASC" | "created_at" => (false, false),
            "created_at:DESC" => (false, true),
            "start_date:ASC" | "start_date" => (true, false),
            "start_date:DESC" => (true, true),
            other => {
                return Err(CaastError::unprocessable(format!(
                    "Unknown order '{other}': use created_at:ASC, created_at:DESC, start_date:ASC or start_date:DESC."
                )));
            }
        };
        Ok(Self {
            by_start_date,
            descending,
        })
    }

    pub(crate) fn compare(self, a: &Live, b: &Live) -> Ordering {
        let key = if self.by_start_date {
            a.start_date.cmp(&b.start_date)
        } else {
            a.content.created_at.cmp(&b.content.created_at)
        };
        let key = if self.descending { key.reverse() } else { key };
        key.then_with(|| a.content.id.cmp(&b.content.id))
    }
}

/// The default order of the other lists: newest first, then id.
pub(crate) fn newest_first(a: &Content, b: &Content) -> Ordering {
    b.created_at
        .cmp(&a.created_at)
        .then_with(|| a.id.cmp(&b.id))
}
