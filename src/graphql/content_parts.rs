//! What Caast lives and videos share and resolve the same way: their embedded seller and
//! products (no request at all) and their event timecodes.

use std::sync::Arc;

use async_graphql::{Context, ErrorExtensions};

use super::chat::EventTimecode;
use super::clients::caast;
use super::connection::ProductConnection;
use super::lists::{in_memory, single_list};
use super::product::{Product, SellerHint};
use super::seller::Seller;
use crate::providers::caast as provider;

/// The embedded seller.
pub fn seller(content: &provider::Content) -> Option<Seller> {
    content.seller.clone().map(|s| Seller(Arc::new(s)))
}

/// The embedded products as a connection; their seller is the content's.
pub async fn products(
    ctx: &Context<'_>,
    content: &provider::Content,
    first: Option<i32>,
    after: Option<String>,
) -> async_graphql::Result<ProductConnection> {
    let seller = content
        .seller
        .clone()
        .map_or(SellerHint::Unknown, |s| SellerHint::Known(Arc::new(s)));
    let fingerprint = format!("content.products|{}", content.id);
    single_list(
        ctx,
        in_memory(content.products.clone()),
        fingerprint,
        first,
        after,
        |p| Product::new(p, seller.clone()),
    )
    .await
}

/// `GET /{lives|videos}/{id}/timecodes`.
pub async fn timecodes(
    ctx: &Context<'_>,
    collection: &'static str,
    id: &str,
) -> async_graphql::Result<Vec<EventTimecode>> {
    let timecodes = caast(ctx.data()?)?
        .timecodes(collection, id)
        .await
        .map_err(|e| e.extend())?;
    Ok(timecodes.into_iter().map(EventTimecode::from).collect())
}
