//! Caast writes. Each returns the object as Caast now holds it; none is retried (not idempotent).

use reqwest::Method;
use serde::de::DeserializeOwned;

use super::CaastClient;
use super::input::{ContentInput, FinishInput, ProductInput, SellerInput};
use super::model::{Live, Product, Seller, Video};
use super::wire::{ContentAttributes, One, ProductAttributes, Resource, SellerAttributes};
use crate::cache::{EntityType, Tag};
use crate::providers::{Provider, UpstreamError};

impl CaastClient {
    /// `POST /lives` (multipart).
    pub(crate) async fn create_live(&self, input: ContentInput) -> Result<Live, UpstreamError> {
        let request = self
            .request(Method::POST, &["lives"])
            .multipart(input.into_form());
        Ok(self
            .write::<ContentAttributes>(("lives.create", EntityType::Live), None, request)
            .await?
            .into_live())
    }

    /// `PUT /lives/{id}` (multipart); 403 when the live is shared by another app.
    pub(crate) async fn update_live(
        &self,
        id: &str,
        input: ContentInput,
    ) -> Result<Live, UpstreamError> {
        Self::check_plausible(id, "live")?;
        let request = self
            .request(Method::PUT, &["lives", id])
            .multipart(input.into_form());
        Ok(self
            .write::<ContentAttributes>(("lives.update", EntityType::Live), Some(id), request)
            .await?
            .into_live())
    }

    /// `POST /lives/{id}/finish`: finishes (or, with `is_finished: false`, restarts) a live.
    pub(crate) async fn finish_live(
        &self,
        id: &str,
        input: &FinishInput,
    ) -> Result<Live, UpstreamError> {
        Self::check_plausible(id, "live")?;
        let request = self
            .request(Method::POST, &["lives", id, "finish"])
            .json(input);
        Ok(self
            .write::<ContentAttributes>(("lives.finish", EntityType::Live), Some(id), request)
            .await?
            .into_live())
    }

    /// `POST /videos` (multipart); the answer carries the upload URL.
    pub(crate) async fn create_video(&self, input: ContentInput) -> Result<Video, UpstreamError> {
        let request = self
            .request(Method::POST, &["videos"])
            .multipart(input.into_form());
        Ok(self
            .write::<ContentAttributes>(("videos.create", EntityType::Video), None, request)
            .await?
            .into_video())
    }

    /// `PUT /videos/{id}` (multipart).
    pub(crate) async fn update_video(
        &self,
        id: &str,
        input: ContentInput,
    ) -> Result<Video, UpstreamError> {
        Self::check_plausible(id, "video")?;
        let request = self
            .request(Method::PUT, &["videos", id])
            .multipart(input.into_form());
        Ok(self
            .write::<ContentAttributes>(("videos.update", EntityType::Video), Some(id), request)
            .await?
            .into_video())
    }

    /// `POST /sellers` (JSON).
    pub(crate) async fn create_seller(&self, input: &SellerInput) -> Result<Seller, UpstreamError> {
        let request = self.request(Method::POST, &["sellers"]).json(input);
        Ok(self
            .write::<SellerAttributes>(("sellers.create", EntityType::Seller), None, request)
            .await?
            .into_seller())
    }

    /// `PUT /sellers/{id}` (JSON).
    pub(crate) async fn update_seller(
        &self,
        id: &str,
        input: &SellerInput,
    ) -> Result<Seller, UpstreamError> {
        Self::check_plausible(id, "seller")?;
        let request = self.request(Method::PUT, &["sellers", id]).json(input);
        Ok(self
            .write::<SellerAttributes>(("sellers.update", EntityType::Seller), Some(id), request)
            .await?
            .into_seller())
    }

    /// `POST /products` (multipart); a catalogue `ref` creates from the catalogue.
    pub(crate) async fn create_product(
        &self,
        input: ProductInput,
    ) -> Result<Product, UpstreamError> {
        let request = self
            .request(Method::POST, &["products"])
            .multipart(input.into_form());
        Ok(self
            .write::<ProductAttributes>(("products.create", EntityType::Product), None, request)
            .await?
            .into_product())
    }

    /// `PUT /products/{id}` (multipart).
    pub(crate) async fn update_product(
        &self,
        id: &str,
        input: ProductInput,
    ) -> Result<Product, UpstreamError> {
        Self::check_plausible(id, "product")?;
        let request = self
            .request(Method::PUT, &["products", id])
            .multipart(input.into_form());
        Ok(self
            .write::<ProductAttributes>(("products.update", EntityType::Product), Some(id), request)
            .await?
            .into_product())
    }

    /// Sends a write, then drops what it may have changed from the cache: the item (and every
    /// answer that embeds it) and the lists of its kind. Also after a failure, which may have
    /// been applied all the same (a timeout).
    async fn write<A: DeserializeOwned + Default>(
        &self,
        (operation, kind): (&'static str, EntityType),
        id: Option<&str>,
        request: reqwest::RequestBuilder,
    ) -> Result<Resource<A>, UpstreamError> {
        let answer = self.http.send(operation, kind.name(), request).await;
        let mut changed = vec![Tag::list(Provider::Caast, kind)];
        changed.extend(id.map(|id| Tag::entity(Provider::Caast, kind, id)));
        self.http.invalidate(&changed).await;
        let one: One = self.http.decode(&answer?.body)?;
        self.http.item_from(&one.data)
    }
}
