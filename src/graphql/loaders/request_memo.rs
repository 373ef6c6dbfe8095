//! What one request reads at most once, however many fields need it: lists that are the only way
//! to find one item. Caast's seller list (a seller can only be found by reading it) and LiSA's
//! product references (one unpaged list) are the cases.

use std::sync::Arc;

use async_graphql::{Context, ErrorExtensions};
use tokio::sync::OnceCell;

use crate::graphql::execution::RequestContext;
use crate::graphql::resolver::clients::{caast_client, lisa_client};
use crate::providers::{Provider, UpstreamError, caast as caast_model, lisa as lisa_model};

type Memo<T> = OnceCell<Result<Arc<Vec<T>>, UpstreamError>>;

/// Per-request memo; each operation's context holds one.
pub(crate) struct RequestMemo {
    /// `false` for a subscription: each of its events reads afresh.
    remember: bool,
    sellers: Memo<Arc<caast_model::Seller>>,
    product_refs: Memo<Arc<lisa_model::ProductRef>>,
}

impl Default for RequestMemo {
    fn default() -> Self {
        Self {
            remember: true,
            sellers: Memo::default(),
            product_refs: Memo::default(),
        }
    }
}

impl RequestMemo {
    /// A memo that remembers nothing (the provider cache still answers repeated reads).
    pub(crate) fn forgetful() -> Self {
        Self {
            remember: false,
            ..Self::default()
        }
    }

    async fn read_once<T>(
        &self,
        memo: &Memo<T>,
        read: impl Future<Output = Result<Vec<T>, UpstreamError>>,
    ) -> async_graphql::Result<Arc<Vec<T>>> {
        let list = match self.remember {
            true => memo
                .get_or_init(|| async { read.await.map(Arc::new) })
                .await
                .clone(),
            false => read.await.map(Arc::new),
        };
        list.map_err(|error| error.extend())
    }
}

/// The seller with this Caast id, from the seller list read once for the request (shared with
/// it).
pub(crate) async fn seller_by_id(
    ctx: &Context<'_>,
    id: &str,
) -> async_graphql::Result<Arc<caast_model::Seller>> {
    let client = caast_client(ctx)?;
    let memo = RequestContext::of(ctx)?.memo();
    let sellers = memo.read_once(&memo.sellers, client.all_sellers()).await?;
    let found = sellers.iter().find(|s| s.id == id);
    found.map(Arc::clone).ok_or_else(|| {
        UpstreamError::NotFound {
            provider: Provider::Caast,
            what: "seller",
        }
        .extend()
    })
}

/// LiSA's product references, read once for the request.
pub(crate) async fn lisa_product_refs(
    ctx: &Context<'_>,
) -> async_graphql::Result<Arc<Vec<Arc<lisa_model::ProductRef>>>> {
    let client = lisa_client(ctx)?;
    let memo = RequestContext::of(ctx)?.memo();
    memo.read_once(&memo.product_refs, client.product_references())
        .await
}
