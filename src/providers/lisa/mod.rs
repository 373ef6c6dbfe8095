//! The LiSA client: shows (and, in later issues, channels, stickers, stories, snippets, clips)
//! over LiSA's REST API as UPSTREAMS.md fixes it: `Authorization: ApiKey <key>`, cursor paging.

pub mod model;
mod query;
mod wire;

use reqwest::header::{HeaderName, HeaderValue};
use secrecy::ExposeSecret;

use super::http::UpstreamHttp;
use super::{Provider, ProviderHealth, UpstreamError};
use crate::config::LisaConfig;
pub use model::{
    Channel, ChannelRef, RtmpKey, Scroll, Show, ShowQuery, Snippet, Sticker, StickerPatch, TextMap,
    WebhookEvent, WebhookSubscription,
};
use query::{Pairs, scroll_pairs};

/// LiSA's largest `limit` for shows (other lists stop at 50).
pub const MAX_SHOWS_LIMIT: u32 = 250;

#[derive(Clone)]
pub struct LisaClient {
    http: UpstreamHttp,
    auth: (HeaderName, HeaderValue),
}

impl LisaClient {
    pub fn new(client: reqwest::Client, config: &LisaConfig) -> Self {
        let key = config.api_key.expose_secret();
        let text = match config.auth_scheme.as_str() {
            scheme if scheme.eq_ignore_ascii_case("none") => key.to_string(),
            scheme => format!("{scheme} {key}"),
        };
        let mut value =
            HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static(""));
        value.set_sensitive(true);
        Self {
            http: UpstreamHttp::new(
                Provider::Lisa,
                client,
                config.url.clone(),
                config.timeout,
                wire::error_detail,
            ),
            auth: (config.auth_header.clone(), value),
        }
    }

    pub fn health(&self) -> &ProviderHealth {
        self.http.health()
    }

    /// `GET /shows`: one batch of shows.
    pub async fn shows(&self, query: &ShowQuery) -> Result<Scroll<Show>, UpstreamError> {
        self.list(
            "shows.find",
            &["shows"],
            query.list_pairs(MAX_SHOWS_LIMIT),
            wire::ShowWire::into_show,
        )
        .await
    }

    /// `GET /shows/count`: how many shows the same filters select.
    pub async fn count_shows(&self, query: &ShowQuery) -> Result<u64, UpstreamError> {
        self.count("shows.count", &["shows", "count"], query.filter_pairs())
            .await
    }

    /// `GET /shows/{id}`. LiSA ids are UUIDs: anything else cannot name a show, and is not sent.
    pub async fn show(&self, id: &str) -> Result<Show, UpstreamError> {
        let not_found = UpstreamError::NotFound {
            provider: Provider::Lisa,
            what: "show",
        };
        if uuid::Uuid::parse_str(id).is_err() {
            return Err(not_found);
        }
        let answer = self
            .http
            .send("shows.get", "show", self.get(&["shows", id]))
            .await?;
        let show = self
            .http
            .decode::<wire::ShowWire>(&answer.body)?
            .into_show();
        self.http.check_id("show", id, &show.id)?;
        Ok(show)
    }

    /// `GET /shows/{id}/rtmp-keys`: where to stream the show (secret).
    pub async fn rtmp_keys(&self, show_id: &str) -> Result<Vec<RtmpKey>, UpstreamError> {
        if uuid::Uuid::parse_str(show_id).is_err() {
            return Err(UpstreamError::NotFound {
                provider: Provider::Lisa,
                what: "show",
            });
        }
        let answer = self
            .http
            .send(
                "shows.rtmp_keys",
                "show",
                self.get(&["shows", show_id, "rtmp-keys"]),
            )
            .await?;
        let list: wire::List<wire::RtmpKeyWire> = self.http.decode(&answer.body)?;
        Ok(list
            .items
            .into_iter()
            .map(wire::RtmpKeyWire::into_key)
            .collect())
    }

    /// `GET /channels`: one batch of channels (`status` absent: every non-archived one).
    pub async fn channels(
        &self,
        status: Option<&str>,
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<Scroll<Channel>, UpstreamError> {
        let mut pairs = scroll_pairs(cursor, limit);
        pairs.extend(status.map(|s| ("status", s.to_string())));
        self.list(
            "channels.find",
            &["channels"],
            pairs,
            wire::ChannelWire::into_channel,
        )
        .await
    }

    /// `GET /channels/count`.
    pub async fn count_channels(&self, status: Option<&str>) -> Result<u64, UpstreamError> {
        let pairs: Pairs = status
            .map(|s| ("status", s.to_string()))
            .into_iter()
            .collect();
        self.count("channels.count", &["channels", "count"], pairs)
            .await
    }

    /// `GET /channels/{idOrSlug}`.
    pub async fn channel(&self, id_or_slug: &str) -> Result<Channel, UpstreamError> {
        if !is_id_or_slug(id_or_slug) {
            return Err(UpstreamError::NotFound {
                provider: Provider::Lisa,
                what: "channel",
            });
        }
        let answer = self
            .http
            .send(
                "channels.get",
                "channel",
                self.get(&["channels", id_or_slug]),
            )
            .await?;
        Ok(self
            .http
            .decode::<wire::ChannelWire>(&answer.body)?
            .into_channel())
    }

    /// `POST /channels`: creates a channel from a JSON body (`name`, `slug`, `title`, `url`).
    pub async fn create_channel(&self, body: &serde_json::Value) -> Result<Channel, UpstreamError> {
        let answer = self
            .http
            .send(
                "channels.create",
                "channel",
                self.request(reqwest::Method::POST, &["channels"])
                    .json(body),
            )
            .await?;
        Ok(self
            .http
            .decode::<wire::ChannelWire>(&answer.body)?
            .into_channel())
    }

    /// `PATCH /channels/{idOrSlug}`: changes the fields present in `body` (`null` empties one).
    pub async fn update_channel(
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
        let answer = self
            .http
            .send("channels.update", "channel", request)
            .await?;
        Ok(self
            .http
            .decode::<wire::ChannelWire>(&answer.body)?
            .into_channel())
    }

    /// `DELETE /channels/{idOrSlug}`: archives a channel, or removes one already archived.
    pub async fn delete_channel(&self, id_or_slug: &str) -> Result<(), UpstreamError> {
        if !is_id_or_slug(id_or_slug) {
            return Err(UpstreamError::NotFound {
                provider: Provider::Lisa,
                what: "channel",
            });
        }
        self.http
            .send(
                "channels.delete",
                "channel",
                self.request(reqwest::Method::DELETE, &["channels", id_or_slug]),
            )
            .await?;
        Ok(())
    }

    /// `GET /webhooks/subscriptions`: one batch of subscriptions.
    pub async fn webhook_subscriptions(
        &self,
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<Scroll<WebhookSubscription>, UpstreamError> {
        let pairs = scroll_pairs(cursor, limit);
        self.list(
            "webhooks.subscriptions.find",
            &["webhooks", "subscriptions"],
            pairs,
            wire::SubscriptionWire::into_subscription,
        )
        .await
    }

    /// `POST /webhooks/subscriptions` (`eventTypes`, `webhookUrl`, `credentials`).
    pub async fn create_webhook_subscription(
        &self,
        body: &serde_json::Value,
    ) -> Result<WebhookSubscription, UpstreamError> {
        let request = self
            .request(reqwest::Method::POST, &["webhooks", "subscriptions"])
            .json(body);
        let answer = self
            .http
            .send(
                "webhooks.subscriptions.create",
                "webhook subscription",
                request,
            )
            .await?;
        Ok(self
            .http
            .decode::<wire::SubscriptionWire>(&answer.body)?
            .into_subscription())
    }

    /// `DELETE /webhooks/subscriptions/{id}`.
    pub async fn delete_webhook_subscription(&self, id: &str) -> Result<(), UpstreamError> {
        if uuid::Uuid::parse_str(id).is_err() {
            return Err(UpstreamError::NotFound {
                provider: Provider::Lisa,
                what: "webhook subscription",
            });
        }
        let request = self.request(reqwest::Method::DELETE, &["webhooks", "subscriptions", id]);
        self.http
            .send(
                "webhooks.subscriptions.delete",
                "webhook subscription",
                request,
            )
            .await?;
        Ok(())
    }

    /// `GET /webhooks/events/{id}`: an event LiSA sent, to check a webhook's origin and content.
    pub async fn webhook_event(&self, id: &str) -> Result<WebhookEvent, UpstreamError> {
        if uuid::Uuid::parse_str(id).is_err() {
            return Err(UpstreamError::NotFound {
                provider: Provider::Lisa,
                what: "webhook event",
            });
        }
        let answer = self
            .http
            .send(
                "webhooks.events.get",
                "webhook event",
                self.get(&["webhooks", "events", id]),
            )
            .await?;
        Ok(self
            .http
            .decode::<wire::EventWire>(&answer.body)?
            .into_event())
    }

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

    async fn list<W: serde::de::DeserializeOwned, T>(
        &self,
        operation: &'static str,
        segments: &[&str],
        pairs: Pairs,
        convert: fn(W) -> T,
    ) -> Result<Scroll<T>, UpstreamError> {
        let answer = self
            .http
            .send(operation, "list", self.get(segments).query(&pairs))
            .await?;
        let list: wire::List<W> = self.http.decode(&answer.body)?;
        let next_cursor = list
            .scrolling
            .and_then(|s| s.cursor)
            .filter(|c| !c.is_empty());
        Ok(Scroll {
            items: list.items.into_iter().map(convert).collect(),
            next_cursor,
        })
    }

    async fn count(
        &self,
        operation: &'static str,
        segments: &[&str],
        pairs: Pairs,
    ) -> Result<u64, UpstreamError> {
        let answer = self
            .http
            .send(operation, "count", self.get(segments).query(&pairs))
            .await?;
        Ok(self.http.decode::<wire::Count>(&answer.body)?.count)
    }

    fn get(&self, segments: &[&str]) -> reqwest::RequestBuilder {
        self.request(reqwest::Method::GET, segments)
    }

    fn request(&self, method: reqwest::Method, segments: &[&str]) -> reqwest::RequestBuilder {
        self.http
            .client()
            .request(method, self.http.url(segments))
            .header(self.auth.0.clone(), self.auth.1.clone())
    }
}

/// A channel is named by its UUID or its slug (`a-z`, digits, dashes): nothing else is sent.
fn is_id_or_slug(text: &str) -> bool {
    uuid::Uuid::parse_str(text).is_ok()
        || (!text.is_empty()
            && text
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'))
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
