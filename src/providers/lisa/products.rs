//! Product references: the products synchronised between LiSA and the shop.

use super::model::ProductRef;
use super::{LisaClient, wire};
use crate::cache::{EntityType, Freshness, Tag};
use crate::providers::cached_read::CachedCall;
use crate::providers::{Provider, UpstreamError};

impl LisaClient {
    /// `GET /products/references`: every synchronised product, in one unpaged answer.
    pub async fn product_references(&self) -> Result<Vec<ProductRef>, UpstreamError> {
        let call = CachedCall {
            operation: "products.references",
            not_found: "product references",
            freshness: Freshness::List,
            tags: vec![Tag::list(Provider::Lisa, EntityType::ProductReference)],
        };
        let request = self.get(&["products", "references"]);
        self.http
            .read(call, request, |answer| {
                let list: wire::List<wire::ProductRefWire> = self.http.decode(&answer.body)?;
                Ok(list
                    .items
                    .into_iter()
                    .filter_map(wire::ProductRefWire::into_product_ref)
                    .collect())
            })
            .await
    }
}
