//! Caast reads: lists (one page each), look-ups by id, chat messages, timecodes, displayed data.

use std::sync::Arc;

use serde::de::DeserializeOwned;

use super::model::{ChatMessage, Displayed, Live, Page, Product, Seller, Timecode, Video};
use super::query::{LiveQuery, Pairs, ProductQuery, SellerQuery, VideoQuery};
use super::wire::{
    self, ContentAttributes, Many, One, ProductAttributes, Resource, SellerAttributes,
};
use super::{CaastClient, header_number, is_plausible_id};
use crate::cache::{EntityType, Freshness, Tag, Tagged};
use crate::providers::cached_read::CachedCall;
use crate::providers::http::Target;
use crate::providers::{Provider, UpstreamError};

/// Pages read at most when looking a seller up by id (Caast has no `GET /sellers/{id}`).
pub(crate) const MAX_SELLER_SCAN_PAGES: u32 = 50;

impl CaastClient {
    /// `GET /lives`: one page of lives.
    pub(crate) async fn lives(&self, query: &LiveQuery) -> Result<Page<Live>, UpstreamError> {
        self.list(
            ("lives.list", EntityType::Live),
            "lives",
            query.pairs(),
            query.page,
            Resource::<ContentAttributes>::into_live,
        )
        .await
    }

    /// `GET /lives/{id}`.
    pub(crate) async fn live(&self, id: &str) -> Result<Arc<Live>, UpstreamError> {
        let live = self
            .one::<ContentAttributes, _>(
                ("lives.get", EntityType::Live),
                &["lives", id],
                Resource::into_live,
            )
            .await?;
        self.http.check_id("live", id, live.id())?;
        Ok(live)
    }

    /// `GET /videos`: one page of videos.
    pub(crate) async fn videos(&self, query: &VideoQuery) -> Result<Page<Video>, UpstreamError> {
        self.list(
            ("videos.list", EntityType::Video),
            "videos",
            query.pairs(),
            query.page,
            Resource::<ContentAttributes>::into_video,
        )
        .await
    }

    /// `GET /videos/{id}`.
    pub(crate) async fn video(&self, id: &str) -> Result<Arc<Video>, UpstreamError> {
        let video = self
            .one::<ContentAttributes, _>(
                ("videos.get", EntityType::Video),
                &["videos", id],
                Resource::into_video,
            )
            .await?;
        self.http.check_id("video", id, &video.content.id)?;
        Ok(video)
    }

    /// `GET /sellers`: one page of sellers.
    pub(crate) async fn sellers(&self, query: &SellerQuery) -> Result<Page<Seller>, UpstreamError> {
        self.list(
            ("sellers.list", EntityType::Seller),
            "sellers",
            query.pairs(),
            query.page,
            Resource::<SellerAttributes>::into_seller,
        )
        .await
    }

    /// Every seller, read page by page (at most [`MAX_SELLER_SCAN_PAGES`]): Caast has no look-up
    /// of a seller by id, so finding one means reading the list.
    pub(crate) async fn all_sellers(&self) -> Result<Vec<Arc<Seller>>, UpstreamError> {
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
    pub(crate) async fn products(
        &self,
        query: &ProductQuery,
    ) -> Result<Page<Product>, UpstreamError> {
        self.list(
            ("products.list", EntityType::Product),
            "products",
            query.pairs(),
            query.page,
            Resource::<ProductAttributes>::into_product,
        )
        .await
    }

    /// `GET /products/{id}`.
    pub(crate) async fn product(&self, id: &str) -> Result<Arc<Product>, UpstreamError> {
        let product = self
            .one::<ProductAttributes, _>(
                ("products.get", EntityType::Product),
                &["products", id],
                Resource::into_product,
            )
            .await?;
        self.http.check_id("product", id, &product.id)?;
        Ok(product)
    }

    /// `GET /lives/{id}/messages[/{after}]`: the latest 30 messages, or the 30 after one. A
    /// finished live has none (Caast answers 409 for it). Never cached, so the answer is this
    /// call's own: it is moved out of its `Arc`, not copied.
    pub(crate) async fn messages(
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
        let call = CachedCall {
            operation: "lives.messages",
            not_found: "live",
            freshness: Freshness::Uncached,
            tags: Vec::new(),
        };
        let read = self
            .http
            .read(call, Target::path(&segments), |http, answer| {
                let many: Many = http.decode(&answer.body)?;
                let messages = many.read::<Resource<wire::MessageAttributes>>("lives.messages");
                http.count_dropped(&messages.dropped);
                Ok(messages
                    .items
                    .into_iter()
                    .map(Resource::into_message)
                    .collect())
            });
        match read.await {
            Err(UpstreamError::Rejected { status: 409, .. }) => Ok(Vec::new()),
            other => other.map(Arc::unwrap_or_clone),
        }
    }

    /// `GET /lives/{id}/timecodes` or `GET /videos/{id}/timecodes`, shared with the cache.
    pub(crate) async fn timecodes(
        &self,
        collection: &'static str,
        id: &str,
    ) -> Result<Arc<Vec<Timecode>>, UpstreamError> {
        Self::check_plausible(id, "content")?;
        let kind = if collection == "lives" {
            EntityType::Live
        } else {
            EntityType::Video
        };
        let call = CachedCall {
            operation: "timecodes",
            not_found: "content",
            freshness: freshness_of(kind, Freshness::Entity),
            tags: vec![Tag::entity(Provider::Caast, kind, id)],
        };
        self.http
            .read(
                call,
                Target::path(&[collection, id, "timecodes"]),
                |http, answer| {
                    let many: Many = http.decode(&answer.body)?;
                    let timecodes = many.read::<wire::TimecodeWire>("timecodes");
                    http.count_dropped(&timecodes.dropped);
                    Ok(timecodes
                        .items
                        .into_iter()
                        .map(wire::TimecodeWire::into_timecode)
                        .collect())
                },
            )
            .await
    }

    /// `GET /displayed`: what Caast's script shows for a product reference or a page URL,
    /// shared with the cache.
    pub(crate) async fn displayed(
        &self,
        pair: (&'static str, String),
    ) -> Result<Arc<Vec<Displayed>>, UpstreamError> {
        let pairs = [pair];
        let target = Target {
            segments: &["displayed"],
            pairs: &pairs,
        };
        let call = CachedCall {
            operation: "displayed",
            not_found: "displayed data",
            freshness: Freshness::LiveState,
            tags: vec![
                Tag::list(Provider::Caast, EntityType::Live),
                Tag::list(Provider::Caast, EntityType::Video),
            ],
        };
        self.http
            .read(call, target, |http, answer| {
                let groups: Vec<Many> = http.decode(&answer.body)?;
                let displayed = wire::read_displayed(groups);
                http.count_dropped(&displayed.dropped);
                Ok(displayed.items)
            })
            .await
    }

    /// One page of a list of `kind`, cached with that list's tag and its items' tags. Each item
    /// is shared from the moment it is decoded: the page handed out is a list of references to
    /// the cached items, never copies of them.
    async fn list<A: DeserializeOwned + Default + 'static, T>(
        &self,
        (operation, kind): (&'static str, EntityType),
        collection: &'static str,
        pairs: Pairs,
        page: u32,
        convert: fn(Resource<A>) -> T,
    ) -> Result<Page<T>, UpstreamError>
    where
        T: Tagged + Send + Sync + 'static,
    {
        let call = CachedCall {
            operation,
            not_found: "list",
            freshness: freshness_of(kind, Freshness::List),
            tags: vec![Tag::list(Provider::Caast, kind)],
        };
        let target = Target {
            segments: &[collection],
            pairs: &pairs,
        };
        self.http
            .read(call, target, move |http, answer| {
                let many = Many::decode_list(http, &answer.body)?;
                let total = header_number(&answer.headers, "page-items");
                let page = many.into_page(operation, (page, total), |item| Arc::new(convert(item)));
                http.count_dropped(&page.dropped);
                Ok(page)
            })
            .await
            .map(Arc::unwrap_or_clone)
    }

    /// One `kind` by its path, cached as an entity and shared by every read.
    async fn one<A: DeserializeOwned + Default + 'static, T>(
        &self,
        (operation, kind): (&'static str, EntityType),
        segments: &[&str],
        convert: fn(Resource<A>) -> T,
    ) -> Result<Arc<T>, UpstreamError>
    where
        T: Tagged + Send + Sync + 'static,
    {
        let what = kind.name();
        Self::check_plausible(segments.last().copied().unwrap_or_default(), what)?;
        let call = CachedCall {
            operation,
            not_found: what,
            freshness: freshness_of(kind, Freshness::Entity),
            tags: Vec::new(),
        };
        self.http
            .read(call, Target::path(segments), move |http, answer| {
                let one: One = http.decode(&answer.body)?;
                Ok(convert(http.item_from(&one.data)?))
            })
            .await
    }
}

/// A live's state changes with no webhook to say so: anything about lives keeps for less.
fn freshness_of(kind: EntityType, otherwise: Freshness) -> Freshness {
    if kind == EntityType::Live {
        Freshness::LiveState
    } else {
        otherwise
    }
}
