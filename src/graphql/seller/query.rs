//! The `seller` and `sellers` queries (Caast).

use async_graphql::{Context, ID, InputObject, Object};

use crate::graphql::arguments::bounds::check_text;
use crate::graphql::ids::{GlobalId, NodeKind};
use crate::graphql::paging::connection::{SellerConnection, page_cost};
use crate::graphql::paging::lists::{caast_pages, single_list};
use crate::graphql::resolver::clients::caast_client;
use crate::graphql::resolver::field_errors::nullable;
use crate::graphql::seller::Seller;
use crate::providers::caast as provider;

/// Narrows `sellers`. Filters combine with AND; every one is sent to the provider.
#[derive(InputObject, Default, Clone, Debug)]
pub(crate) struct SellerFilter {
    /// Name contains this text.
    pub(crate) search: Option<String>,
    /// Has this external id.
    pub(crate) external_id: Option<String>,
}

#[derive(Default)]
pub(crate) struct SellerQuery;

#[Object]
impl SellerQuery {
    /// One seller by its global id; `null` (with an error) when it cannot be resolved. Caast has
    /// no look-up by id, so this reads the seller list until the seller is found.
    async fn seller(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A `Seller` id.")] id: ID,
    ) -> Option<Seller> {
        let loaded = async {
            Seller::load(
                ctx,
                &GlobalId::decode_kind(&id, NodeKind::Seller)?.upstream_id,
            )
            .await
        };
        nullable(ctx, loaded.await)
    }

    /// Sellers, in the provider's order.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn sellers(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many items (0 to 100, default 20).")] first: Option<i32>,
        #[graphql(desc = "The `endCursor` of the previous page.")] after: Option<String>,
        #[graphql(desc = "What to keep.")] filter: Option<SellerFilter>,
    ) -> async_graphql::Result<SellerConnection> {
        let filter = filter.unwrap_or_default();
        check_text("search", filter.search.as_deref())?;
        check_text("externalId", filter.external_id.as_deref())?;
        let fingerprint = format!("sellers|{filter:?}");
        let client = caast_client(ctx)?;
        let source = caast_pages(move |page| {
            let query = provider::SellerQuery {
                name: filter.search.clone(),
                external_id: filter.external_id.clone(),
                page,
            };
            async move { client.sellers(&query).await }
        });
        single_list(ctx, source, fingerprint, first, after, Seller).await
    }
}
