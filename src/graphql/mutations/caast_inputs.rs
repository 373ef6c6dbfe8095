//! The inputs of the Caast mutations, checked before any provider call.

use crate::graphql::date_time::Rfc3339;
use async_graphql::{ID, InputObject, MaybeUndefined, Upload};

use super::super::ids::{NodeKind, upstream_id};
use crate::error::{ErrorCode, graphql_error};
use crate::providers::Provider;
use crate::providers::caast::Change;

/// A live to create, or a live's new content (a field left out stays; `null` clears it).
#[derive(InputObject)]
pub(crate) struct LiveInput {
    /// When the live is planned to start.
    pub(crate) start_date: Rfc3339,
    #[graphql(flatten)]
    pub(crate) content: VideoInput,
}

/// A video to create, or a video's new content. Lives take the same fields, and a start date.
/// In an update, a field left out stays as it is and `null` clears it (an empty list too);
/// a picture cannot be cleared, only replaced.
#[derive(InputObject)]
pub(crate) struct VideoInput {
    /// The name (not empty).
    pub(crate) name: String,
    /// The description (`null` clears it).
    pub(crate) description: MaybeUndefined<String>,
    /// The seller: a `Seller` id or Caast's own id (`null` unlinks it).
    pub(crate) seller_id: MaybeUndefined<ID>,
    /// The tags (`null` or `[]` clears them).
    pub(crate) tags: MaybeUndefined<Vec<String>>,
    /// The products shown: `Product` ids or Caast's own ids; with a seller, they must be its own
    /// (`null` or `[]` clears them).
    pub(crate) product_ids: MaybeUndefined<Vec<ID>>,
    /// Landscape picture (a file of the multipart request).
    pub(crate) thumbnail: Option<Upload>,
    /// Portrait picture (a file of the multipart request).
    pub(crate) portrait_thumbnail: Option<Upload>,
}

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

/// A seller to create, or a seller's new content.
#[derive(InputObject)]
pub(crate) struct SellerInput {
    /// The seller's name (not empty).
    pub(crate) name: String,
    /// The seller's id in the shop's own system (not empty).
    pub(crate) external_id: String,
    /// The seller's site (an http(s) URL).
    pub(crate) url: Option<String>,
    /// Whether the seller is moderated.
    pub(crate) moderated: Option<bool>,
}

/// A product to create, or a product's new content. A `ref` found in the shop's catalogue
/// creates the product from the catalogue (Caast then ignores the other fields).
#[derive(InputObject)]
pub(crate) struct ProductInput {
    /// The product's name (not empty).
    pub(crate) name: String,
    /// The description.
    pub(crate) description: Option<String>,
    /// The shop reference (SKU).
    #[graphql(name = "ref")]
    pub(crate) reference: Option<String>,
    /// The seller (a `Seller` id, or Caast's own id).
    pub(crate) seller_id: Option<ID>,
    /// European article number.
    pub(crate) ean: Option<String>,
    /// Base price, a decimal number such as "19.90".
    pub(crate) price: Option<String>,
    /// Discounted price, a decimal number.
    pub(crate) discount_price: Option<String>,
    /// Whether it is in stock.
    pub(crate) in_stock: Option<bool>,
    /// The product's page (an http(s) URL).
    pub(crate) url: Option<String>,
    /// Free-form complementary information (a JSON object).
    pub(crate) extra: Option<async_graphql::Json<serde_json::Map<String, serde_json::Value>>>,
    /// Picture (a file of the multipart request).
    pub(crate) thumbnail: Option<Upload>,
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
