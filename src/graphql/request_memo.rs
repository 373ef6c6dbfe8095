//! What one request reads at most once, however many fields need it. Caast's seller list is the
//! case: a seller can only be found by reading it, and a document may ask for many sellers.

use std::sync::Arc;

use async_graphql::{Context, ErrorExtensions};
use tokio::sync::OnceCell;

use super::clients::caast;
use crate::providers::{Provider, UpstreamError, caast as provider};

/// Per-request memo; the HTTP layer adds one to every request.
#[derive(Default)]
pub struct RequestMemo {
    sellers: OnceCell<Result<Arc<Vec<provider::Seller>>, UpstreamError>>,
}

/// The seller with this Caast id, from the seller list read once for the request.
pub async fn seller_by_id(ctx: &Context<'_>, id: &str) -> async_graphql::Result<provider::Seller> {
    let client = caast(ctx.data()?)?;
    let fresh;
    let memo = match ctx.data_opt::<RequestMemo>() {
        Some(memo) => memo,
        None => {
            fresh = RequestMemo::default();
            &fresh
        }
    };
    let sellers = memo
        .sellers
        .get_or_init(|| async { client.all_sellers().await.map(Arc::new) })
        .await;
    let sellers = sellers.as_ref().map_err(|error| error.extend())?;
    sellers.iter().find(|s| s.id == id).cloned().ok_or_else(|| {
        UpstreamError::NotFound {
            provider: Provider::Caast,
            what: "seller",
        }
        .extend()
    })
}
