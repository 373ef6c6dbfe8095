//! Caast writes. Each returns the object as Caast now holds it; none is retried (not idempotent).

use reqwest::Method;
use serde::de::DeserializeOwned;

use super::CaastClient;
use super::input::{ContentInput, FinishInput, ProductInput, SellerInput};
use super::model::{Live, Product, Seller, Video};
use super::wire::{ContentAttributes, One, ProductAttributes, Resource, SellerAttributes};
use crate::providers::UpstreamError;

impl CaastClient {
    /// `POST /lives` (multipart).
    pub async fn create_live(&self, input: ContentInput) -> Result<Live, UpstreamError> {
        let request = self
            .request(Method::POST, &["lives"])
            .multipart(input.into_form());
        Ok(self
            .write::<ContentAttributes>("lives.create", "live", request)
            .await?
            .into_live())
    }

    /// `PUT /lives/{id}` (multipart); 403 when the live is shared by another app.
    pub async fn update_live(&self, id: &str, input: ContentInput) -> Result<Live, UpstreamError> {
        Self::check_plausible(id, "live")?;
        let request = self
            .request(Method::PUT, &["lives", id])
            .multipart(input.into_form());
        Ok(self
            .write::<ContentAttributes>("lives.update", "live", request)
            .await?
            .into_live())
    }

    /// `POST /lives/{id}/finish`: finishes (or, with `is_finished: false`, restarts) a live.
    pub async fn finish_live(&self, id: &str, input: &FinishInput) -> Result<Live, UpstreamError> {
        Self::check_plausible(id, "live")?;
        let request = self
            .request(Method::POST, &["lives", id, "finish"])
            .json(input);
        Ok(self
            .write::<ContentAttributes>("lives.finish", "live", request)
            .await?
            .into_live())
    }

    /// `POST /videos` (multipart); the answer carries the upload URL.
    pub async fn create_video(&self, input: ContentInput) -> Result<Video, UpstreamError> {
        let request = self
            .request(Method::POST, &["videos"])
            .multipart(input.into_form());
        Ok(self
            .write::<ContentAttributes>("videos.create", "video", request)
            .await?
            .into_video())
    }

    /// `PUT /videos/{id}` (multipart).
    pub async fn update_video(
        &self,
        id: &str,
        input: ContentInput,
    ) -> Result<Video, UpstreamError> {
        Self::check_plausible(id, "video")?;
        let request = self
            .request(Method::PUT, &["videos", id])
            .multipart(input.into_form());
        Ok(self
            .write::<ContentAttributes>("videos.update", "video", request)
            .await?
            .into_video())
    }

    /// `POST /sellers` (JSON).
    pub async fn create_seller(&self, input: &SellerInput) -> Result<Seller, UpstreamError> {
        let request = self.request(Method::POST, &["sellers"]).json(input);
        Ok(self
            .write::<SellerAttributes>("sellers.create", "seller", request)
            .await?
            .into_seller())
    }

    /// `PUT /sellers/{id}` (JSON).
    pub async fn update_seller(
        &self,
        id: &str,
        input: &SellerInput,
    ) -> Result<Seller, UpstreamError> {
        Self::check_plausible(id, "seller")?;
        let request = self.request(Method::PUT, &["sellers", id]).json(input);
        Ok(self
            .write::<SellerAttributes>("sellers.update", "seller", request)
            .await?
            .into_seller())
    }

    /// `POST /products` (multipart); a catalogue `ref` creates from the catalogue.
    pub async fn create_product(&self, input: ProductInput) -> Result<Product, UpstreamError> {
        let request = self
            .request(Method::POST, &["products"])
            .multipart(input.into_form());
        Ok(self
            .write::<ProductAttributes>("products.create", "product", request)
            .await?
            .into_product())
    }

    /// `PUT /products/{id}` (multipart).
    pub async fn update_product(
        &self,
        id: &str,
        input: ProductInput,
    ) -> Result<Product, UpstreamError> {
        Self::check_plausible(id, "product")?;
        let request = self
            .request(Method::PUT, &["products", id])
            .multipart(input.into_form());
        Ok(self
            .write::<ProductAttributes>("products.update", "product", request)
            .await?
            .into_product())
    }

    async fn write<A: DeserializeOwned>(
        &self,
        operation: &'static str,
        what: &'static str,
        request: reqwest::RequestBuilder,
    ) -> Result<Resource<A>, UpstreamError> {
        let answer = self.http.send(operation, what, request).await?;
        Ok(self.http.decode::<One<A>>(&answer.body)?.data)
    }
}
