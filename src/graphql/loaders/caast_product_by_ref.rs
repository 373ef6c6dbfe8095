//! Caast products by shop reference. Caast's `GET /products?ref=` takes one reference, so a batch
//! is one request per distinct reference, sent concurrently.

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::dataloader::Loader;
use futures::future::try_join_all;

use crate::providers::UpstreamError;
use crate::providers::caast::{CaastClient, Product, ProductQuery};

pub struct CaastProductByRef {
    client: CaastClient,
}

impl CaastProductByRef {
    pub fn new(client: CaastClient) -> Self {
        Self { client }
    }

    /// The product whose reference is exactly `reference` (Caast may match loosely).
    async fn find(&self, reference: &str) -> Result<Option<Product>, UpstreamError> {
        let query = ProductQuery {
            reference: Some(reference.to_string()),
            page: 1,
            ..Default::default()
        };
        let page = self.client.products(&query).await?;
        Ok(page
            .items
            .into_iter()
            .find(|p| p.reference.as_deref() == Some(reference)))
    }
}

impl Loader<String> for CaastProductByRef {
    type Value = Arc<Product>;
    type Error = UpstreamError;

    async fn load(&self, keys: &[String]) -> Result<HashMap<String, Arc<Product>>, UpstreamError> {
        let found = try_join_all(keys.iter().map(|reference| async move {
            Ok::<_, UpstreamError>((reference.clone(), self.find(reference).await?))
        }))
        .await?;
        Ok(found
            .into_iter()
            .filter_map(|(reference, product)| Some((reference, Arc::new(product?))))
            .collect())
    }
}
