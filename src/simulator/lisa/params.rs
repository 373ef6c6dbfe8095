//! LiSA's query parameter grammar: booleans as `0 1 false no true yes`, UUIDs (a
//! malformed one is a 400), comma lists, dates as epoch-ms or ISO 8601, date ranges
//! `from,to`, and `sort=field:dir,…`.

use std::cmp::Ordering;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::super::query::{Params, split_list};
use super::super::time::parse_lisa_instant;
use super::error::LisaError;

pub(crate) fn flag(params: &Params, key: &str) -> Result<Option<bool>, LisaError> {
    match params.get(key).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some("1" | "true" | "yes") => Ok(Some(true)),
        Some("0" | "false" | "no") => Ok(Some(false)),
        Some(_) => Err(LisaError::bad_param(
            key,
            "Expected one of 0, 1, false, no, true, yes.",
        )),
    }
}

/// A path or query UUID; anything else is a 400, as LiSA validates ids.
pub(crate) fn uuid(raw: &str, key: &str) -> Result<Uuid, LisaError> {
    Uuid::parse_str(raw.trim()).map_err(|_| LisaError::bad_param(key, "Expected a UUID."))
}

pub(crate) fn uuid_list(params: &Params, key: &str) -> Result<Option<Vec<Uuid>>, LisaError> {
    match params.get(key).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(raw) => split_list(raw)
            .iter()
            .map(|v| uuid(v, key))
            .collect::<Result<_, _>>()
            .map(Some),
    }
}

/// A comma list filter (`creator`, `tag`, …), `None` when absent.
pub(crate) fn list(params: &Params, key: &str) -> Option<Vec<String>> {
    params.list(key).filter(|l| !l.is_empty())
}

/// `modified_since`: an instant, matching items modified strictly after it.
pub(crate) fn instant(params: &Params, key: &str) -> Result<Option<DateTime<Utc>>, LisaError> {
    match params.get(key).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(raw) => parse_lisa_instant(raw).map(Some).ok_or_else(|| {
            LisaError::bad_param(key, "Expected epoch milliseconds or an ISO 8601 date.")
        }),
    }
}

/// An inclusive date range `from,to`; either side may be empty, not both.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DateRange(Option<DateTime<Utc>>, Option<DateTime<Utc>>);

impl DateRange {
    pub(crate) fn from_params(params: &Params, key: &str) -> Result<Option<Self>, LisaError> {
        let Some(raw) = params.get(key).filter(|v| !v.is_empty()) else {
            return Ok(None);
        };
        let mut parts = raw.splitn(2, ',');
        let mut side = || -> Result<Option<DateTime<Utc>>, LisaError> {
            match parts.next().map(str::trim).filter(|p| !p.is_empty()) {
                None => Ok(None),
                Some(p) => parse_lisa_instant(p).map(Some).ok_or_else(|| {
                    LisaError::bad_param(key, "Expected epoch milliseconds or ISO 8601 dates.")
                }),
            }
        };
        let range = Self(side()?, side()?);
        if range.0.is_none() && range.1.is_none() {
            return Err(LisaError::bad_param(key, "Give at least one date."));
        }
        Ok(Some(range))
    }

    pub(crate) fn contains(self, at: DateTime<Utc>) -> bool {
        self.0.is_none_or(|from| at >= from) && self.1.is_none_or(|to| at <= to)
    }
}

/// A parsed `sort`: fields with directions, validated against what the list supports.
#[derive(Debug, Clone)]
pub(crate) struct Sort(Vec<(String, bool)>);

impl Sort {
    pub(crate) fn from_params(
        params: &Params,
        allowed: &[&str],
        default: &str,
    ) -> Result<Self, LisaError> {
        let raw = params
            .get("sort")
            .filter(|s| !s.is_empty())
            .unwrap_or(default);
        let mut keys = Vec::new();
        for pair in split_list(raw) {
            let (field, direction) = pair.split_once(':').unwrap_or((pair.as_str(), "asc"));
            if !allowed.contains(&field) {
                return Err(LisaError::bad_param(
                    "sort",
                    format!("Cannot sort by '{field}'."),
                ));
            }
            let descending = match direction.to_ascii_lowercase().as_str() {
                "asc" => false,
                "desc" => true,
                _ => {
                    return Err(LisaError::bad_param(
                        "sort",
                        "Direction must be asc or desc.",
                    ));
                }
            };
            keys.push((field.to_string(), descending));
        }
        Ok(Self(keys))
    }

    /// Sort by the keys in turn, then by id so equal keys keep a stable order.
    pub(crate) fn apply<T>(
        &self,
        items: &mut [&T],
        field: impl Fn(&T, &T, &str) -> Ordering,
        id: impl Fn(&T) -> Uuid,
    ) {
        items.sort_by(|a, b| {
            self.0
                .iter()
                .map(|(name, descending)| {
                    let order = field(a, b, name);
                    if *descending { order.reverse() } else { order }
                })
                .find(|o| o.is_ne())
                .unwrap_or(Ordering::Equal)
                .then_with(|| id(a).cmp(&id(b)))
        });
    }
}

/// Whether any wanted value is among an item's values (multi-value filters are "any of").
pub(crate) fn any_of(wanted: &Option<Vec<String>>, have: &[String]) -> bool {
    wanted
        .as_ref()
        .is_none_or(|w| w.iter().any(|v| have.contains(v)))
}
