//! Channels: find, count, find one, and the writes (create, update, delete).

use std::sync::Arc;

use super::model::{Channel, Scroll};
use super::query::{Pairs, scroll_pairs};
use super::{LisaClient, wire};
use crate::cache::{EntityType, Tag};
use crate::providers::{Provider, UpstreamError};

impl LisaClient {
    /// `GET /channels`: one batch of channels (`status` absent: every non-archived one).
    pub(crate) async fn channels(
        &self,
        status: Option<&str>,
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<Scroll<Channel>, UpstreamError> {
        let mut pairs = scroll_pairs(cursor, limit);
        pairs.extend(status.map(|s| ("status", s.to_string())));
        self.list(
            ("channels.find", EntityType::Channel),
            &["channels"],
            pairs,
            wire::ChannelWire::into_channel,
        )
        .await
    }

    /// `GET /channels/count`.
    pub(crate) async fn count_channels(&self, status: Option<&str>) -> Result<u64, UpstreamError> {
        let pairs: Pairs = status
            .map(|s| ("status", s.to_string()))
            .into_iter()
            .collect();
        self.count(
            ("channels.count", EntityType::Channel),
            &["channels", "count"],
            pairs,
        )
        .await
    }

    /// `GET /channels/{idOrSlug}`.
    pub(crate) async fn channel(&self, id_or_slug: &str) -> Result<Arc<Channel>, UpstreamError> {
        if !is_id_or_slug(id_or_slug) {
            return Err(UpstreamError::NotFound {
                provider: Provider::Lisa,
                what: "channel",
            });
        }
        self.read_one(
            "channels.get",
            "channel",
            &["channels", id_or_slug],
            |http, body| Ok(http.decode_item::<wire::ChannelWire>(body)?.into_channel()),
        )
        .await
    }

    /// `POST /channels`: creates a channel from a JSON body (`name`, `slug`, `title`, `url`).
    pub(crate) async fn create_channel(
        &self,
        body: &serde_json::Value,
    ) -> Result<Channel, UpstreamError> {
        let answer = self
            .http
            .send(
                "channels.create",
                "channel",
                self.request(reqwest::Method::POST, &["channels"])
                    .json(body),
            )
            .await?;
        let channel = self
            .http
            .decode_item::<wire::ChannelWire>(&answer.body)?
            .into_channel();
        self.http.invalidate(&[channel_list()]).await;
        Ok(channel)
    }

    /// `PATCH /channels/{idOrSlug}`: changes the fields present in `body` (`null` empties one).
    pub(crate) async fn update_channel(
        &self,
        id_or_slug: &str,
        body: &serde_json::Value,
    ) -> Result<Channel, UpstreamError> {
        if !is_id_or_slug(id_or_slug) {
            return Err(UpstreamError::NotFound {
                provider: Provider::Lisa,
                what: "channel",
            });
        }
        let request = self
            .request(reqwest::Method::PATCH, &["channels", id_or_slug])
            .json(body);
        let answer = self.http.send("channels.update", "channel", request).await;
        // Named by slug, the channel's id is unknown here (and a failed write may still have
        // changed it): every channel entry goes.
        self.http.invalidate_type(EntityType::Channel).await;
        Ok(self
            .http
            .decode_item::<wire::ChannelWire>(&answer?.body)?
            .into_channel())
    }

    /// `DELETE /channels/{idOrSlug}`: archives a channel, or removes one already archived.
    pub(crate) async fn delete_channel(&self, id_or_slug: &str) -> Result<(), UpstreamError> {
        if !is_id_or_slug(id_or_slug) {
            return Err(UpstreamError::NotFound {
                provider: Provider::Lisa,
                what: "channel",
            });
        }
        let result = self
            .http
            .send(
                "channels.delete",
                "channel",
                self.request(reqwest::Method::DELETE, &["channels", id_or_slug]),
            )
            .await;
        // As for an update.
        self.http.invalidate_type(EntityType::Channel).await;
        result.map(|_| ())
    }
}

/// Every list and count of channels.
fn channel_list() -> Tag {
    Tag::list(Provider::Lisa, EntityType::Channel)
}

/// A channel is named by its UUID or its slug (`a-z`, digits, dashes): nothing else is sent.
fn is_id_or_slug(text: &str) -> bool {
    uuid::Uuid::parse_str(text).is_ok()
        || (!text.is_empty()
            && text
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'))
}
