//! The `product`, `products` and `lisaProductReferences` queries. `product` joins both providers
//! (`join.rs`); `products` lists Caast's catalogue, the only provider that lists products
//! with their details; `lisaProductReferences` lists what LiSA knows of products: references.

use std::sync::Arc;

use async_graphql::{Context, ID, InputObject, Object};

use crate::error::{ErrorCode, graphql_error};
use crate::graphql::arguments::bounds::check_text;
use crate::graphql::ids::{GlobalId, NodeKind, upstream_id};
use crate::graphql::loaders::request_memo::lisa_product_refs;
use crate::graphql::paging::connection::{ProductConnection, page_cost};
use crate::graphql::paging::lists::{caast_pages, single_list};
use crate::graphql::product::join::{load_product, product_by_ref};
use crate::graphql::product::{Product, SellerHint};
use crate::graphql::resolver::clients::caast_client;
use crate::graphql::resolver::field_errors::nullable;
use crate::providers::{Provider, caast as provider};

/// Narrows `products`. Filters combine with AND; every one is sent to the provider.
#[derive(InputObject, Default, Clone, Debug)]
pub(crate) struct ProductFilter {
    /// Name contains this text.
    pub(crate) search: Option<String>,
    /// Has this shop reference (SKU).
    #[graphql(name = "ref")]
    pub(crate) reference: Option<String>,
    /// Belongs to this seller: a `Seller` id or Caast's own seller id.
    pub(crate) seller_id: Option<ID>,
}

#[derive(Default)]
pub(crate) struct ProductQuery;

#[Object]
impl ProductQuery {
    /// One product, by global id or by shop reference (exactly one of them). By reference, it
    /// is what both providers know of it: Caast's product with that `ref` and LiSA's
    /// synchronised reference; null when neither knows it.
    async fn product(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A `Product` id.")] id: Option<ID>,
        #[graphql(name = "ref", desc = "A shop reference (SKU).")] reference: Option<String>,
    ) -> Option<Product> {
        let loaded = async {
            match (id, reference) {
                (Some(id), None) => {
                    load_product(ctx, &GlobalId::decode_kind(&id, NodeKind::Product)?).await
                }
                (None, Some(reference)) => product_by_ref(ctx, reference).await,
                _ => Err(graphql_error(
                    ErrorCode::BadUserInput,
                    "give exactly one of `id` and `ref`",
                )),
            }
        };
        nullable(ctx, loaded.await)
    }

    /// Every product LiSA knows by its shop reference (`GET /products/references`), in LiSA's
    /// order. Caast's side of each is looked up by that reference only when a Caast field is
    /// asked for.
    async fn lisa_product_references(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<Product>> {
        let known = lisa_product_refs(ctx).await?;
        Ok(known
            .iter()
            .map(|r| Product::from_lisa(Arc::clone(r)))
            .collect())
    }

    /// Caast's products, in Caast's order.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn products(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many items (0 to 100, default 20).")] first: Option<i32>,
        #[graphql(desc = "The `endCursor` of the previous page.")] after: Option<String>,
        #[graphql(desc = "What to keep.")] filter: Option<ProductFilter>,
    ) -> async_graphql::Result<ProductConnection> {
        let filter = filter.unwrap_or_default();
        check_text("search", filter.search.as_deref())?;
        check_text("ref", filter.reference.as_deref())?;
        check_text("sellerId", filter.seller_id.as_deref().map(String::as_str))?;
        let fingerprint = format!("products|{filter:?}");
        let client = caast_client(ctx)?;
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
            Product::from_caast(p, seller.clone())
        })
        .await
    }
}
