//! The LiSA client over LiSA's REST API as UPSTREAMS.md fixes it: `Authorization: ApiKey <key>`,
//! cursor paging, counts. Each collection's calls are in their own file (`shows.rs`,
//! `channels.rs`, `media.rs`, `webhooks.rs`); this one holds the client and the shared plumbing.

mod channels;
mod media;
pub mod model;
mod products;
mod query;
mod shows;
mod stories;
mod webhooks;
mod wire;

use reqwest::header::{HeaderName, HeaderValue};
use secrecy::ExposeSecret;

use super::http::UpstreamHttp;
use super::{Provider, ProviderHealth, UpstreamError};
use crate::config::LisaConfig;
pub use model::{
    Channel, ChannelRef, ProductRef, RtmpKey, Scroll, ShortClip, Show, ShowQuery, Snippet, Sticker,
    StickerPatch, Story, StoryBadge, TextMap, WebhookEvent, WebhookSubscription,
};
use query::Pairs;

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
                config.max_concurrency,
                wire::error_detail,
            ),
            auth: (config.auth_header.clone(), value),
        }
    }

    pub fn health(&self) -> &ProviderHealth {
        self.http.health()
    }

    pub(crate) async fn list<W: serde::de::DeserializeOwned, T>(
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

    pub(crate) async fn count(
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

    pub(crate) fn get(&self, segments: &[&str]) -> reqwest::RequestBuilder {
        self.request(reqwest::Method::GET, segments)
    }

    pub(crate) fn request(
        &self,
        method: reqwest::Method,
        segments: &[&str],
    ) -> reqwest::RequestBuilder {
        self.http
            .client()
            .request(method, self.http.url(segments))
            .header(self.auth.0.clone(), self.auth.1.clone())
    }
}
