//! The `product` and `products` queries (Caast products; what LiSA knows of a reference joins
//! in a later issue).

use async_graphql::{Context, ErrorExtensions, ID, InputObject, Object};

use super::clients::caast;
use super::connection::{ProductConnection, page_cost};
use super::field_errors::nullable;
use super::ids::{GlobalId, NodeKind, upstream_id};
use super::lists::{caast_pages, single_list};
use super::product::{Product, SellerHint};
use crate::error::{ErrorCode, graphql_error};
use crate::providers::{Provider, Providers, UpstreamError, caast as provider};

/// Narrows `products`. Filters combine with AND; every one is sent to the provider.
#[derive(InputObject, Default, Clone, Debug)]
pub struct ProductFilter {
    /// Name contains this text.
    pub search: Option<String>,
    /// Has this shop reference (SKU).
    #[graphql(name = "ref")]
    pub reference: Option<String>,
    /// Belongs to this seller: a `Seller` id or Caast's own seller id.
    pub seller_id: Option<ID>,
}

#[derive(Default)]
pub struct ProductQuery;

#[Object]
impl ProductQuery {
    /// One product, by global id or by shop reference (exactly one of them).
    async fn product(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A `Product` id.")] id: Option<ID>,
        #[graphql(name = "ref", desc = "A shop reference (SKU).")] reference: Option<String>,
    ) -> Option<Product> {
        let loaded = async {
            let providers: &Providers = ctx.data()?;
            match (id, reference) {
                (Some(id), None) => {
                    load_product(
                        providers,
                        &GlobalId::decode_kind(&id, NodeKind::Product)?.upstream_id,
                    )
                    .await
                }
                (None, Some(reference)) => product_by_ref(providers, reference).await,
                _ => Err(graphql_error(
                    ErrorCode::BadUserInput,
                    "give exactly one of `id` and `ref`",
                )),
            }
        };
        nullable(ctx, loaded.await)
    }

    /// Products, in the provider's order.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn products(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many items (0 to 100, default 20).")] first: Option<i32>,
        #[graphql(desc = "The `endCursor` of the previous page.")] after: Option<String>,
        #[graphql(desc = "What to keep.")] filter: Option<ProductFilter>,
    ) -> async_graphql::Result<ProductConnection> {
        let filter = filter.unwrap_or_default();
        let fingerprint = format!("products|{filter:?}");
        let client = caast(ctx.data()?)?;
        let seller_id = filter
            .seller_id
            .as_deref()
            .map(|id| upstream_id(id, NodeKind::Seller, Provider::Caast))
            .transpose()?;
        let seller = seller_id
            .clone()
            .map_or(SellerHint::Unknown, SellerHint::Id);
        let source = caast_pages(move |page| {
            let query = provider::ProductQuery {
                name: filter.search.clone(),
                reference: filter.reference.clone(),
                seller_id: seller_id.clone(),
                page,
            };
            async move { client.products(&query).await }
        });
        single_list(ctx, source, fingerprint, first, after, |p| {
            Product::new(p, seller.clone())
        })
        .await
    }
}

pub async fn load_product(
    providers: &Providers,
    upstream_id: &str,
) -> async_graphql::Result<Product> {
    let product = caast(providers)?
        .product(upstream_id)
        .await
        .map_err(|e| e.extend())?;
    Ok(Product::new(product, SellerHint::Unknown))
}

/// The product with exactly this shop reference (`GET /products?ref=…`; a provider that matched
/// loosely does not make another product this one).
pub async fn product_by_ref(
    providers: &Providers,
    reference: String,
) -> async_graphql::Result<Product> {
    let query = provider::ProductQuery {
        reference: Some(reference.clone()),
        page: 1,
        ..Default::default()
    };
    let page = caast(providers)?
        .products(&query)
        .await
        .map_err(|e| e.extend())?;
    let product = page
        .items
        .into_iter()
        .find(|p| p.reference.as_deref() == Some(reference.as_str()));
    let product = product.ok_or_else(|| {
        UpstreamError::NotFound {
            provider: Provider::Caast,
            what: "product",
        }
        .extend()
    })?;
    Ok(Product::new(product, SellerHint::Unknown))
}
