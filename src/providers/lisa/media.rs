//! What LiSA shows carry: short clips (find, count, find one), snippets (find, count) and
//! stickers (find, count, find one, update).

use std::sync::Arc;

use super::model::{Scroll, ShortClip, Snippet, Sticker, StickerPatch};
use super::query::{ChildQuery, child_list_pairs};
use super::{LisaClient, require_uuid, wire};
use crate::cache::{EntityType, Tag};
use crate::providers::{Provider, UpstreamError};

impl LisaClient {
    /// `GET /short-clips`: one batch of the clips `query` asks for. The cached batch itself,
    /// shared, as for snippets and stickers.
    pub(crate) async fn short_clips(
        &self,
        query: ChildQuery<'_>,
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<Arc<Scroll<ShortClip>>, UpstreamError> {
        self.shared_list(
            ("short_clips.find", EntityType::ShortClip),
            &["short-clips"],
            child_list_pairs(query.clip_filters(), query.sort, cursor, limit),
            wire::ClipWire::into_clip,
        )
        .await
    }

    /// `GET /short-clips/count`.
    pub(crate) async fn count_short_clips(
        &self,
        query: ChildQuery<'_>,
    ) -> Result<u64, UpstreamError> {
        self.count(
            ("short_clips.count", EntityType::ShortClip),
            &["short-clips", "count"],
            query.clip_filters(),
        )
        .await
    }

    /// `GET /short-clips/{id}`.
    pub(crate) async fn short_clip(&self, id: &str) -> Result<Arc<ShortClip>, UpstreamError> {
        self.find_one(
            "short_clips.get",
            "short clip",
            &["short-clips"],
            id,
            wire::ClipWire::into_clip,
        )
        .await
    }

    /// `GET /snippets`: one batch of the snippets `query` asks for.
    pub(crate) async fn snippets(
        &self,
        query: ChildQuery<'_>,
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<Arc<Scroll<Snippet>>, UpstreamError> {
        self.shared_list(
            ("snippets.find", EntityType::Snippet),
            &["snippets"],
            child_list_pairs(query.snippet_filters(), query.sort, cursor, limit),
            wire::SnippetWire::into_snippet,
        )
        .await
    }

    /// `GET /snippets/count`.
    pub(crate) async fn count_snippets(&self, query: ChildQuery<'_>) -> Result<u64, UpstreamError> {
        self.count(
            ("snippets.count", EntityType::Snippet),
            &["snippets", "count"],
            query.snippet_filters(),
        )
        .await
    }

    /// `GET /stickers`: one batch of the stickers `query` asks for (LiSA documents no order).
    pub(crate) async fn stickers(
        &self,
        query: ChildQuery<'_>,
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<Arc<Scroll<Sticker>>, UpstreamError> {
        self.shared_list(
            ("stickers.find", EntityType::Sticker),
            &["stickers"],
            child_list_pairs(query.sticker_filters(), None, cursor, limit),
            wire::StickerWire::into_sticker,
        )
        .await
    }

    /// `GET /stickers/count`.
    pub(crate) async fn count_stickers(&self, query: ChildQuery<'_>) -> Result<u64, UpstreamError> {
        self.count(
            ("stickers.count", EntityType::Sticker),
            &["stickers", "count"],
            query.sticker_filters(),
        )
        .await
    }

    /// `GET /stickers/{id}`.
    pub(crate) async fn sticker(&self, id: &str) -> Result<Arc<Sticker>, UpstreamError> {
        self.find_one(
            "stickers.get",
            "sticker",
            &["stickers"],
            id,
            wire::StickerWire::into_sticker,
        )
        .await
    }

    /// `PATCH /stickers/{id}`: publish or unpublish, or start the activation timer.
    pub(crate) async fn update_sticker(
        &self,
        id: &str,
        patch: &StickerPatch,
    ) -> Result<Sticker, UpstreamError> {
        require_uuid(id, "sticker")?;
        let request = self
            .request(reqwest::Method::PATCH, &["stickers", id])
            .json(patch);
        let answer = self.http.send("stickers.update", "sticker", request).await;
        let tags = [
            Tag::entity(Provider::Lisa, EntityType::Sticker, id),
            Tag::list(Provider::Lisa, EntityType::Sticker),
        ];
        self.http.invalidate(&tags).await;
        Ok(self
            .http
            .decode_item::<wire::StickerWire>(&answer?.body)?
            .into_sticker())
    }
}
