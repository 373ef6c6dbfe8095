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

    /// `GET /{collection…}/{id}`: one item, which must be the one asked for. LiSA ids are
    /// UUIDs: anything else cannot name an item, and is not sent.
    pub(crate) async fn find_one<W: serde::de::DeserializeOwned, T: Identified>(
        &self,
        operation: &'static str,
        what: &'static str,
        collection: &[&str],
        id: &str,
        convert: fn(W) -> T,
    ) -> Result<T, UpstreamError> {
        require_uuid(id, what)?;
        let segments: Vec<&str> = collection.iter().copied().chain([id]).collect();
        let answer = self.http.send(operation, what, self.get(&segments)).await?;
        let item = convert(self.http.decode::<W>(&answer.body)?);
        self.http.check_id(what, id, item.id())?;
        Ok(item)
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

/// LiSA ids are UUIDs: anything else cannot name a `what`, and is answered `NOT_FOUND` without a
/// call (nor can it reach another path).
pub(crate) fn require_uuid(id: &str, what: &'static str) -> Result<(), UpstreamError> {
    match uuid::Uuid::parse_str(id) {
        Ok(_) => Ok(()),
        Err(_) => Err(UpstreamError::NotFound {
            provider: Provider::Lisa,
            what,
        }),
    }
}

/// An item read by id, so that the answer can be checked to be the one asked for.
pub(crate) trait Identified {
    fn id(&self) -> &str;
}

macro_rules! identified {
    ($($item:ty),*) => {
        $(impl Identified for $item {
            fn id(&self) -> &str {
                &self.id
            }
        })*
    };
}

identified!(Show, ShortClip, Sticker, Story, WebhookSubscription);
