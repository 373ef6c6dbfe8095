//! Product references: the products synchronised between LiSA and the shop.

use super::model::ProductRef;
use super::{LisaClient, wire};
use crate::providers::UpstreamError;

impl LisaClient {
    /// `GET /products/references`: every synchronised product, in one unpaged answer.
    pub async fn product_references(&self) -> Result<Vec<ProductRef>, UpstreamError> {
        let answer = self
            .http
            .send(
                "products.references",
                "product references",
                self.get(&["products", "references"]),
            )
            .await?;
        let list: wire::List<wire::ProductRefWire> = self.http.decode(&answer.body)?;
        Ok(list
            .items
            .into_iter()
            .filter_map(wire::ProductRefWire::into_product_ref)
            .collect())
    }
}
