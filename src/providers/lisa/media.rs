//! What LiSA shows carry: stickers (find, count, find one, update) and snippets (find, count).

use std::sync::Arc;

use super::model::{Scroll, ShortClip, Snippet, Sticker, StickerPatch};
use super::query::{Pairs, scroll_pairs};
use super::{LisaClient, require_uuid, wire};
use crate::cache::{EntityType, Tag};
use crate::providers::{Provider, UpstreamError};

impl LisaClient {
    /// `GET /short-clips`: one batch of the clips of these shows (any of them; all when empty),
    /// in an orientation when given. The cached batch itself, shared, as for snippets and
    /// stickers.
    pub async fn short_clips(
        &self,
        show_ids: &[String],
        orientation: Option<&str>,
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<Arc<Scroll<ShortClip>>, UpstreamError> {
        let mut pairs = scroll_pairs(cursor, limit);
        pairs.extend(clip_filters(show_ids, orientation));
        self.shared_list(
            ("short_clips.find", EntityType::ShortClip),
            &["short-clips"],
            pairs,
            wire::ClipWire::into_clip,
        )
        .await
    }

    /// `GET /short-clips/count`.
    pub async fn count_short_clips(
        &self,
        show_ids: &[String],
        orientation: Option<&str>,
    ) -> Result<u64, UpstreamError> {
        self.count(
            ("short_clips.count", EntityType::ShortClip),
            &["short-clips", "count"],
            clip_filters(show_ids, orientation),
        )
        .await
    }

    /// `GET /short-clips/{id}`.
    pub async fn short_clip(&self, id: &str) -> Result<Arc<ShortClip>, UpstreamError> {
        self.find_one(
            "short_clips.get",
            "short clip",
            &["short-clips"],
            id,
            wire::ClipWire::into_clip,
        )
        .await
    }

    /// `GET /snippets`: one batch of the snippets of these shows and product references (any
    /// of each; all when both are empty).
    pub async fn snippets(
        &self,
        show_ids: &[String],
        references: &[String],
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<Arc<Scroll<Snippet>>, UpstreamError> {
        let mut pairs = scroll_pairs(cursor, limit);
        pairs.extend(snippet_filters(show_ids, references));
        self.shared_list(
            ("snippets.find", EntityType::Snippet),
            &["snippets"],
            pairs,
            wire::SnippetWire::into_snippet,
        )
        .await
    }

    /// `GET /snippets/count`.
    pub async fn count_snippets(
        &self,
        show_ids: &[String],
        references: &[String],
    ) -> Result<u64, UpstreamError> {
        self.count(
            ("snippets.count", EntityType::Snippet),
            &["snippets", "count"],
            snippet_filters(show_ids, references),
        )
        .await
    }

    /// `GET /stickers`: one batch of the stickers on these media items (all when empty).
    pub async fn stickers(
        &self,
        media_item_ids: &[String],
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<Arc<Scroll<Sticker>>, UpstreamError> {
        let mut pairs = scroll_pairs(cursor, limit);
        pairs.extend(media_items(media_item_ids));
        self.shared_list(
            ("stickers.find", EntityType::Sticker),
            &["stickers"],
            pairs,
            wire::StickerWire::into_sticker,
        )
        .await
    }

    /// `GET /stickers/count`.
    pub async fn count_stickers(&self, media_item_ids: &[String]) -> Result<u64, UpstreamError> {
        self.count(
            ("stickers.count", EntityType::Sticker),
            &["stickers", "count"],
            media_items(media_item_ids).into_iter().collect(),
        )
        .await
    }

    /// `GET /stickers/{id}`.
    pub async fn sticker(&self, id: &str) -> Result<Arc<Sticker>, UpstreamError> {
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
    pub async fn update_sticker(
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

/// The `media_item_id` filter (comma-separated ids), when there are any.
fn media_items(ids: &[String]) -> Option<(&'static str, String)> {
    (!ids.is_empty()).then(|| ("media_item_id", ids.join(",")))
}

/// The `show_id` and `product_reference` filters (comma-separated), when given.
fn snippet_filters(show_ids: &[String], references: &[String]) -> Pairs {
    let mut pairs = Pairs::new();
    if !show_ids.is_empty() {
        pairs.push(("show_id", show_ids.join(",")));
    }
    if !references.is_empty() {
        pairs.push(("product_reference", references.join(",")));
    }
    pairs
}

/// The `show_id` (comma-separated) and `orientation` filters of short clips, when given.
fn clip_filters(show_ids: &[String], orientation: Option<&str>) -> Pairs {
    let mut pairs = Pairs::new();
    if !show_ids.is_empty() {
        pairs.push(("show_id", show_ids.join(",")));
    }
    pairs.extend(orientation.map(|o| ("orientation", o.to_string())));
    pairs
}
