//! What LiSA shows carry: stickers (find, count, find one, update) and snippets (find, count).

use super::model::{Scroll, Snippet, Sticker, StickerPatch};
use super::query::{Pairs, scroll_pairs};
use super::{LisaClient, wire};
use crate::providers::{Provider, UpstreamError};

impl LisaClient {
    /// `GET /snippets`: one batch of the snippets of these shows and product references (any
    /// of each; all when both are empty).
    pub async fn snippets(
        &self,
        show_ids: &[String],
        references: &[String],
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<Scroll<Snippet>, UpstreamError> {
        let mut pairs = scroll_pairs(cursor, limit);
        pairs.extend(snippet_filters(show_ids, references));
        self.list(
            "snippets.find",
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
            "snippets.count",
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
    ) -> Result<Scroll<Sticker>, UpstreamError> {
        let mut pairs = scroll_pairs(cursor, limit);
        pairs.extend(media_items(media_item_ids));
        self.list(
            "stickers.find",
            &["stickers"],
            pairs,
            wire::StickerWire::into_sticker,
        )
        .await
    }

    /// `GET /stickers/count`.
    pub async fn count_stickers(&self, media_item_ids: &[String]) -> Result<u64, UpstreamError> {
        self.count(
            "stickers.count",
            &["stickers", "count"],
            media_items(media_item_ids).into_iter().collect(),
        )
        .await
    }

    /// `GET /stickers/{id}`.
    pub async fn sticker(&self, id: &str) -> Result<Sticker, UpstreamError> {
        if uuid::Uuid::parse_str(id).is_err() {
            return Err(UpstreamError::NotFound {
                provider: Provider::Lisa,
                what: "sticker",
            });
        }
        let answer = self
            .http
            .send("stickers.get", "sticker", self.get(&["stickers", id]))
            .await?;
        let sticker = self
            .http
            .decode::<wire::StickerWire>(&answer.body)?
            .into_sticker();
        self.http.check_id("sticker", id, &sticker.id)?;
        Ok(sticker)
    }

    /// `PATCH /stickers/{id}`: publish or unpublish, or start the activation timer.
    pub async fn update_sticker(
        &self,
        id: &str,
        patch: &StickerPatch,
    ) -> Result<Sticker, UpstreamError> {
        if uuid::Uuid::parse_str(id).is_err() {
            return Err(UpstreamError::NotFound {
                provider: Provider::Lisa,
                what: "sticker",
            });
        }
        let request = self
            .request(reqwest::Method::PATCH, &["stickers", id])
            .json(patch);
        let answer = self
            .http
            .send("stickers.update", "sticker", request)
            .await?;
        Ok(self
            .http
            .decode::<wire::StickerWire>(&answer.body)?
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
