//! Product references: the products synchronised between LiSA and the shop.

use std::sync::Arc;

use super::model::{ProductRef, Scroll};
use super::{LisaClient, wire};
use crate::cache::{EntityType, Freshness, Tag};
use crate::providers::cached_read::CachedCall;
use crate::providers::http::Target;
use crate::providers::{Provider, UpstreamError};

impl LisaClient {
    /// `GET /products/references`: every synchronised product, in one unpaged answer (items
    /// that cannot be read are left out, and reported by the request that reads them). The
    /// references are shared with the cached answer.
    pub(crate) async fn product_references(&self) -> Result<Vec<Arc<ProductRef>>, UpstreamError> {
        let operation = "products.references";
        let call = CachedCall {
            operation,
            not_found: "product references",
            freshness: Freshness::List,
            tags: vec![Tag::list(Provider::Lisa, EntityType::ProductReference)],
        };
        let target = Target::path(&["products", "references"]);
        let answer: Arc<Scroll<ProductRef>> = self
            .http
            .read(call, target, move |http, answer| {
                let list: wire::List = http.decode(&answer.body)?;
                let scroll = list.into_scroll(operation, |item: wire::ProductRefWire| {
                    item.into_product_ref().map(Arc::new)
                });
                http.count_dropped(&scroll.dropped);
                let items = scroll.items.into_iter().flatten().collect();
                Ok(Scroll::new(items, None, scroll.dropped))
            })
            .await?;
        Ok(Arc::unwrap_or_clone(answer).items)
    }
}
