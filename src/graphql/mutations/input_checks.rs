//! Checks of a mutation's input shared by every domain's writes, made before any provider call:
//! a field kept, cleared or set; names not empty; http(s) URLs; prices as Caast writes them; and
//! ids a client sent, read as Caast's own.

use async_graphql::{ID, MaybeUndefined};

use crate::error::{ErrorCode, graphql_error};
use crate::graphql::ids::{NodeKind, upstream_id};
use crate::providers::Provider;
use crate::providers::caast::Change;

/// What a write does to a field the client left out (kept), gave `null` (cleared) or gave a
/// value (`read` checks and converts it).
pub(crate) fn change<T, U>(
    value: MaybeUndefined<T>,
    read: impl FnOnce(T) -> async_graphql::Result<U>,
) -> async_graphql::Result<Change<U>> {
    Ok(match value {
        MaybeUndefined::Undefined => Change::Keep,
        MaybeUndefined::Null => Change::Clear,
        MaybeUndefined::Value(value) => Change::Set(read(value)?),
    })
}

pub(crate) fn not_empty(field: &str, value: &str) -> async_graphql::Result<()> {
    if value.trim().is_empty() {
        return Err(invalid(format!("`{field}` must not be empty")));
    }
    Ok(())
}

/// A URL that must be given, and be http(s).
pub(crate) fn check_http_url(field: &str, value: &str) -> async_graphql::Result<()> {
    http_url(field, Some(value))
}

pub(crate) fn http_url(field: &str, value: Option<&str>) -> async_graphql::Result<()> {
    let Some(value) = value else { return Ok(()) };
    match url::Url::parse(value) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => Ok(()),
        _ => Err(invalid(format!("`{field}` must be an http(s) URL"))),
    }
}

/// A price as Caast writes it: digits, with at most two decimals ("19", "19.9", "19.90").
pub(crate) fn price(field: &str, value: Option<String>) -> async_graphql::Result<Option<String>> {
    let Some(value) = value.map(|v| v.trim().to_string()) else {
        return Ok(None);
    };
    let (units, cents) = value.split_once('.').unwrap_or((&value, "0"));
    let digits = |part: &str, max: usize| {
        !part.is_empty() && part.len() <= max && part.bytes().all(|b| b.is_ascii_digit())
    };
    if digits(units, 12) && digits(cents, 2) {
        Ok(Some(value))
    } else {
        Err(invalid(format!("`{field}` must be a price such as 19.90")))
    }
}

/// Caast ids from ids a client sent (global ids of `kind`, or the provider's own).
pub(crate) fn caast_ids(
    ids: Option<Vec<ID>>,
    kind: NodeKind,
) -> async_graphql::Result<Option<Vec<String>>> {
    ids.map(|ids| {
        ids.iter()
            .map(|id| upstream_id(id, kind, Provider::Caast))
            .collect()
    })
    .transpose()
}

fn invalid(message: String) -> async_graphql::Error {
    graphql_error(ErrorCode::BadUserInput, message)
}
