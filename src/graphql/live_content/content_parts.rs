//! What live contents and videos carry in their own payload and resolve the same way: a Caast
//! item's embedded seller and products and a LiSA show's product references (no request at
//! all), and Caast's event timecodes.

use std::sync::Arc;

use async_graphql::{Context, ErrorExtensions};

use crate::graphql::live_content::chat::EventTimecode;
use crate::graphql::paging::connection::ProductConnection;
use crate::graphql::paging::lists::{in_memory, single_list};
use crate::graphql::product::{Product, SellerHint};
use crate::graphql::resolver::clients::caast_client;
use crate::graphql::seller::Seller;
use crate::providers::{caast as provider, lisa};

/// The embedded seller, shared with the content.
pub(crate) fn seller(content: &provider::Content) -> Option<Seller> {
    content.seller.as_ref().map(|s| Seller(Arc::clone(s)))
}

/// The embedded products as a connection; their seller is the content's.
pub(crate) async fn products(
    ctx: &Context<'_>,
    content: &provider::Content,
    first: Option<i32>,
    after: Option<String>,
) -> async_graphql::Result<ProductConnection> {
    let seller = content
        .seller
        .as_ref()
        .map_or(SellerHint::Unknown, |s| SellerHint::Known(Arc::clone(s)));
    let fingerprint = format!("content.products|{}", content.id);
    // The products' `Arc`s are copied, not the products.
    single_list(
        ctx,
        in_memory(content.products.clone()),
        fingerprint,
        first,
        after,
        |p| Product::from_caast(p, seller.clone()),
    )
    .await
}

/// A LiSA show's product references as a connection; Caast's details join on demand.
pub(crate) async fn show_products(
    ctx: &Context<'_>,
    show: &lisa::Show,
    first: Option<i32>,
    after: Option<String>,
) -> async_graphql::Result<ProductConnection> {
    let fingerprint = format!("show.products|{}", show.id);
    // The references' `Arc`s are copied, not the references.
    let source = in_memory(show.products.clone());
    single_list(ctx, source, fingerprint, first, after, Product::from_lisa).await
}

/// `GET /{lives|videos}/{id}/timecodes`.
pub(crate) async fn timecodes(
    ctx: &Context<'_>,
    collection: &'static str,
    id: &str,
) -> async_graphql::Result<Vec<EventTimecode>> {
    let timecodes = caast_client(ctx)?
        .timecodes(collection, id)
        .await
        .map_err(|e| e.extend())?;
    Ok(timecodes.iter().map(EventTimecode::from).collect())
}
