//! Finding one product across both providers: by global id (Caast's id, or LiSA's for a
//! reference Caast does not know), or by shop reference, where Caast's product and LiSA's
//! synchronised reference meet.

use crate::graphql::execution::RequestContext;
use std::sync::Arc;

use async_graphql::{Context, ErrorExtensions};

use crate::graphql::ids::GlobalId;
use crate::graphql::loaders::request_memo::lisa_product_refs;
use crate::graphql::loaders::{load, loaders};
use crate::graphql::product::{Product, SellerHint};
use crate::graphql::resolver::field_errors::nullable;
use crate::providers::{Provider, UpstreamError, lisa};

/// The product this id names.
pub(crate) async fn load_product(
    ctx: &Context<'_>,
    id: &GlobalId,
) -> async_graphql::Result<Product> {
    match id.provider {
        Provider::Caast => {
            let loaders = loaders(ctx)?;
            let product = load(
                loaders.caast_product(),
                Provider::Caast,
                id.upstream_id.clone(),
            );
            Ok(Product::from_caast(product.await?, SellerHint::Unknown))
        }
        Provider::Lisa => {
            let known = lisa_product_refs(ctx).await?;
            let reference = known.iter().find(|r| r.id == id.upstream_id);
            reference
                .map(|r| Product::from_lisa(Arc::clone(r)))
                .ok_or_else(|| not_found(Provider::Lisa))
        }
    }
}

/// The product with exactly this shop reference, as both providers know it. A provider that
/// fails while the other knows the product leaves its error beside the answer.
pub(crate) async fn product_by_ref(
    ctx: &Context<'_>,
    reference: String,
) -> async_graphql::Result<Product> {
    let (caast_side, lisa_side) =
        futures::join!(caast_by_ref(ctx, &reference), lisa_by_ref(ctx, &reference));
    match (caast_side, lisa_side) {
        (Ok(None), Ok(None)) => Err(not_found(Provider::Caast)),
        (Err(error), Ok(None)) => Err(error),
        (Ok(None), Err(error)) => Err(error),
        (Err(first), Err(_)) => Err(first),
        (caast_side, lisa_side) => {
            let caast_side = nullable(ctx, caast_side).flatten();
            let lisa_side = nullable(ctx, lisa_side).flatten();
            Ok(Product::joined(caast_side, lisa_side))
        }
    }
}

/// Caast's product with this reference, through the request's loader (so aliases, snippets
/// and LiSA-sourced products asking for the same reference share one request); none when
/// Caast is not configured.
pub(crate) async fn caast_by_ref(
    ctx: &Context<'_>,
    reference: &str,
) -> async_graphql::Result<Option<Arc<crate::providers::caast::Product>>> {
    let loaders = loaders(ctx)?;
    if loaders.caast_product_by_ref().is_none() {
        return Ok(None);
    }
    load(
        loaders.caast_product_by_ref(),
        Provider::Caast,
        reference.to_string(),
    )
    .await
}

/// LiSA's synchronised reference, read once per request; none when LiSA is not configured.
pub(crate) async fn lisa_by_ref(
    ctx: &Context<'_>,
    reference: &str,
) -> async_graphql::Result<Option<Arc<lisa::ProductRef>>> {
    let providers = RequestContext::of(ctx)?.providers();
    if providers.lisa.is_none() {
        return Ok(None);
    }
    let known = lisa_product_refs(ctx).await?;
    let found = known.iter().find(|r| r.reference == reference);
    Ok(found.map(Arc::clone))
}

fn not_found(provider: Provider) -> async_graphql::Error {
    UpstreamError::NotFound {
        provider,
        what: "product",
    }
    .extend()
}
