//! Caast reads: lists (one page each), look-ups by id, chat messages, timecodes, displayed data.

use reqwest::Method;
use serde::de::DeserializeOwned;

use super::model::{ChatMessage, Displayed, Live, Page, Product, Seller, Timecode, Video};
use super::query::{LiveQuery, Pairs, ProductQuery, SellerQuery, VideoQuery};
use super::wire::{
    self, ContentAttributes, Many, One, ProductAttributes, Resource, SellerAttributes,
};
use super::{CaastClient, header_number, is_plausible_id};
use crate::providers::{Provider, UpstreamError};

/// Pages read at most when looking a seller up by id (Caast has no `GET /sellers/{id}`).
pub const MAX_SELLER_SCAN_PAGES: u32 = 50;

impl CaastClient {
    /// `GET /lives`: one page of lives.
    pub async fn lives(&self, query: &LiveQuery) -> Result<Page<Live>, UpstreamError> {
        self.list(
            "lives.list",
            "lives",
            query.pairs(),
            query.page,
            Resource::<ContentAttributes>::into_live,
        )
        .await
    }

    /// `GET /lives/{id}`.
    pub async fn live(&self, id: &str) -> Result<Live, UpstreamError> {
        let live = self
            .one::<ContentAttributes>("lives.get", "live", &["lives", id])
            .await?
            .into_live();
        self.http.check_id("live", id, live.id())?;
        Ok(live)
    }

    /// `GET /videos`: one page of videos.
    pub async fn videos(&self, query: &VideoQuery) -> Result<Page<Video>, UpstreamError> {
        self.list(
            "videos.list",
            "videos",
            query.pairs(),
            query.page,
            Resource::<ContentAttributes>::into_video,
        )
        .await
    }

    /// `GET /videos/{id}`.
    pub async fn video(&self, id: &str) -> Result<Video, UpstreamError> {
        let video = self
            .one::<ContentAttributes>("videos.get", "video", &["videos", id])
            .await?
            .into_video();
        self.http.check_id("video", id, &video.content.id)?;
        Ok(video)
    }

    /// `GET /sellers`: one page of sellers.
    pub async fn sellers(&self, query: &SellerQuery) -> Result<Page<Seller>, UpstreamError> {
        self.list(
            "sellers.list",
            "sellers",
            query.pairs(),
            query.page,
            Resource::<SellerAttributes>::into_seller,
        )
        .await
    }

    /// Every seller, read page by page (at most [`MAX_SELLER_SCAN_PAGES`]): Caast has no look-up
    /// of a seller by id, so finding one means reading the list.
    pub async fn all_sellers(&self) -> Result<Vec<Seller>, UpstreamError> {
        let mut sellers = Vec::new();
        for page in 1..=MAX_SELLER_SCAN_PAGES {
            let answer = self
                .sellers(&SellerQuery {
                    page,
                    ..Default::default()
                })
                .await?;
            let more = answer.has_next();
            sellers.extend(answer.items);
            if !more {
                break;
            }
        }
        Ok(sellers)
    }

    /// `GET /products`: one page of products.
    pub async fn products(&self, query: &ProductQuery) -> Result<Page<Product>, UpstreamError> {
        self.list(
            "products.list",
            "products",
            query.pairs(),
            query.page,
            Resource::<ProductAttributes>::into_product,
        )
        .await
    }

    /// `GET /products/{id}`.
    pub async fn product(&self, id: &str) -> Result<Product, UpstreamError> {
        let product = self
            .one::<ProductAttributes>("products.get", "product", &["products", id])
            .await?
            .into_product();
        self.http.check_id("product", id, &product.id)?;
        Ok(product)
    }

    /// `GET /lives/{id}/messages[/{after}]`: the latest 30 messages, or the 30 after one. A
    /// finished live has none (Caast answers 409 for it).
    pub async fn messages(
        &self,
        live_id: &str,
        after: Option<&str>,
    ) -> Result<Vec<ChatMessage>, UpstreamError> {
        Self::check_plausible(live_id, "live")?;
        if after.is_some_and(|uid| !is_plausible_id(uid)) {
            return Err(UpstreamError::NotFound {
                provider: Provider::Caast,
                what: "chat message",
            });
        }
        let segments: Vec<&str> = ["lives", live_id, "messages"]
            .into_iter()
            .chain(after)
            .collect();
        let request = self.request(Method::GET, &segments);
        match self.http.send("lives.messages", "live", request).await {
            Ok(answer) => {
                let many: Many<wire::MessageAttributes> = self.http.decode(&answer.body)?;
                Ok(many.data.into_iter().map(Resource::into_message).collect())
            }
            Err(UpstreamError::Rejected { status: 409, .. }) => Ok(Vec::new()),
            Err(error) => Err(error),
        }
    }

    /// `GET /lives/{id}/timecodes` or `GET /videos/{id}/timecodes`.
    pub async fn timecodes(
        &self,
        collection: &'static str,
        id: &str,
    ) -> Result<Vec<Timecode>, UpstreamError> {
        Self::check_plausible(id, "content")?;
        let answer = self
            .http
            .send(
                "timecodes",
                "content",
                self.request(Method::GET, &[collection, id, "timecodes"]),
            )
            .await?;
        let timecodes: wire::Timecodes = self.http.decode(&answer.body)?;
        Ok(timecodes
            .data
            .into_iter()
            .map(wire::TimecodeWire::into_timecode)
            .collect())
    }

    /// `GET /displayed`: what Caast's script shows for a product reference or a page URL.
    pub async fn displayed(
        &self,
        pair: (&'static str, String),
    ) -> Result<Vec<Displayed>, UpstreamError> {
        let request = self.request(Method::GET, &["displayed"]).query(&[pair]);
        let answer = self
            .http
            .send("displayed", "displayed data", request)
            .await?;
        let groups: Vec<Many<ContentAttributes>> = self.http.decode(&answer.body)?;
        Ok(groups
            .into_iter()
            .flat_map(|group| group.data)
            .map(Resource::into_displayed)
            .collect())
    }

    async fn list<A: DeserializeOwned, T>(
        &self,
        operation: &'static str,
        collection: &'static str,
        pairs: Pairs,
        page: u32,
        convert: fn(Resource<A>) -> T,
    ) -> Result<Page<T>, UpstreamError> {
        let request = self.request(Method::GET, &[collection]).query(&pairs);
        let answer = self.http.send(operation, "list", request).await?;
        let many: Many<A> = self.http.decode(&answer.body)?;
        Ok(Page {
            items: many.data.into_iter().map(convert).collect(),
            page,
            total: header_number(&answer.headers, "page-items"),
        })
    }

    async fn one<A: DeserializeOwned>(
        &self,
        operation: &'static str,
        what: &'static str,
        segments: &[&str],
    ) -> Result<Resource<A>, UpstreamError> {
        Self::check_plausible(segments.last().copied().unwrap_or_default(), what)?;
        let answer = self
            .http
            .send(operation, what, self.request(Method::GET, segments))
            .await?;
        Ok(self.http.decode::<One<A>>(&answer.body)?.data)
    }
}
