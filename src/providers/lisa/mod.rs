//! The LiSA client over LiSA's REST API as `docs/providers.md` reads it: `Authorization: ApiKey
//! <key>`, cursor paging, counts. Each collection's calls are in their own file (`shows.rs`,
//! `channels.rs`, `media.rs`, `webhooks.rs`); this one holds the client and the shared plumbing.

mod channels;
mod children_per_show;
mod media;
pub(crate) mod model;
mod products;
mod query;
mod show_order;
mod shows;
mod stories;
mod tags;
mod webhook_notice;
mod webhooks;
mod wire;

use secrecy::ExposeSecret;

use std::sync::Arc;

use super::cached_read::CachedCall;
use super::http::{ProviderClient, Target, Upstream, UpstreamHttp, credential};
use super::{Provider, UpstreamError};
use crate::cache::{EntityType, Freshness, ProviderCache, Tag, Tagged};
use crate::config::LisaConfig;
pub(crate) use children_per_show::{ChildrenPerShow, PerShow};
pub(crate) use model::{
    Channel, ProductRef, Scroll, ScrollOf, ShortClip, Show, ShowQuery, Snippet, Sticker,
    StickerPatch, Story, StoryBadge, TextMap, WebhookSubscription,
};
use query::Pairs;
pub(crate) use query::{ChildQuery, OwnedChildQuery};
pub(crate) use show_order::{ShowChild, ShowOrder};
pub(crate) use webhook_notice::{Notice, NoticeKind, ShowAction, ShowTransition, Webhook};

/// LiSA's largest `limit` for shows (other lists stop at 50).
pub(crate) const MAX_SHOWS_LIMIT: u32 = 250;

#[derive(Clone)]
pub(crate) struct LisaClient {
    http: UpstreamHttp,
    /// What its lists taught of the children of a show, shared by every copy.
    children_per_show: Arc<ChildrenPerShow>,
}

impl ProviderClient for LisaClient {
    fn http(&self) -> &UpstreamHttp {
        &self.http
    }

    fn with_http(&self, http: UpstreamHttp) -> Self {
        Self {
            http,
            children_per_show: self.children_per_show.clone(),
        }
    }
}

impl LisaClient {
    pub(crate) fn new(
        client: reqwest::Client,
        config: &LisaConfig,
        cache: Option<Arc<ProviderCache>>,
    ) -> Self {
        let key = config.api_key.expose_secret();
        let text = match config.auth_scheme.as_str() {
            scheme if scheme.eq_ignore_ascii_case("none") => key.to_string(),
            scheme => format!("{scheme} {key}"),
        };
        let value = credential(&text);
        let http = UpstreamHttp::new(Upstream {
            provider: Provider::Lisa,
            client,
            base: config.url.clone(),
            timeout: config.timeout,
            max_response_bytes: config.max_response_bytes,
            concurrency: super::http::Bounds {
                min: config.min_concurrency,
                max: config.max_concurrency,
            },
            error_detail: wire::error_detail,
            credentials: vec![(config.auth_header.clone(), value)],
            cache,
        });
        Self {
            http,
            children_per_show: Arc::default(),
        }
    }

    /// How many children a show carries, per kind, as learnt from the lists read so far.
    pub(crate) fn children_per_show(&self) -> &ChildrenPerShow {
        &self.children_per_show
    }

    /// One batch of a list of `kind` (cached with that list's tag and its items' tags), as a
    /// copy the caller owns: a list of references to the cached items, never copies of them.
    pub(crate) async fn list<W: serde::de::DeserializeOwned + 'static, T>(
        &self,
        what: (&'static str, EntityType),
        segments: &[&str],
        pairs: Pairs,
        convert: fn(W) -> T,
    ) -> Result<Scroll<T>, UpstreamError>
    where
        T: Tagged + Send + Sync + 'static,
    {
        let batch = self.shared_list(what, segments, pairs, convert).await;
        batch.map(Arc::unwrap_or_clone)
    }

    /// One batch of a list of `kind`: the cached batch itself, which every reader shares (with
    /// the show order worked out on it, `show_order.rs`).
    pub(crate) async fn shared_list<W: serde::de::DeserializeOwned + 'static, T>(
        &self,
        (operation, kind): (&'static str, EntityType),
        segments: &[&str],
        pairs: Pairs,
        convert: fn(W) -> T,
    ) -> Result<Arc<Scroll<T>>, UpstreamError>
    where
        T: Tagged + Send + Sync + 'static,
    {
        let call = list_call(operation, "list", kind);
        let target = Target {
            segments,
            pairs: &pairs,
        };
        self.http
            .read(call, target, move |http, answer| {
                let list: wire::List = http.decode(&answer.body)?;
                let scroll = list.into_scroll(operation, |item| Arc::new(convert(item)));
                http.count_dropped(&scroll.dropped);
                Ok(scroll)
            })
            .await
    }

    /// How many items of `kind` the filters select (cached with that list's tag).
    pub(crate) async fn count(
        &self,
        (operation, kind): (&'static str, EntityType),
        segments: &[&str],
        pairs: Pairs,
    ) -> Result<u64, UpstreamError> {
        let call = list_call(operation, "count", kind);
        let target = Target {
            segments,
            pairs: &pairs,
        };
        self.http
            .read(call, target, |http, answer| {
                Ok(http.decode::<wire::Count>(&answer.body)?.count)
            })
            .await
            .map(|count| *count)
    }

    /// A single item read by path (no list), cached as an entity and shared by every read.
    pub(crate) async fn read_one<T>(
        &self,
        operation: &'static str,
        what: &'static str,
        segments: &[&str],
        decode: impl FnOnce(&UpstreamHttp, &[u8]) -> Result<T, UpstreamError> + Send + 'static,
    ) -> Result<Arc<T>, UpstreamError>
    where
        T: Tagged + Send + Sync + 'static,
    {
        let call = CachedCall {
            operation,
            not_found: what,
            freshness: Freshness::Entity,
            tags: Vec::new(),
        };
        self.http
            .read(call, Target::path(segments), |http, answer| {
                decode(http, &answer.body)
            })
            .await
    }

    /// `GET /{collection…}/{id}`: one item, which must be the one asked for. LiSA ids are
    /// UUIDs: anything else cannot name an item, and is not sent.
    pub(crate) async fn find_one<W, T>(
        &self,
        operation: &'static str,
        what: &'static str,
        collection: &[&str],
        id: &str,
        convert: fn(W) -> T,
    ) -> Result<Arc<T>, UpstreamError>
    where
        W: serde::de::DeserializeOwned + 'static,
        T: Identified + Tagged + Send + Sync + 'static,
    {
        require_uuid(id, what)?;
        let segments: Vec<&str> = collection.iter().copied().chain([id]).collect();
        let asked = id.to_string();
        self.read_one(operation, what, &segments, move |http, body| {
            let item = convert(http.decode_item::<W>(body)?);
            http.check_id(what, &asked, item.id())?;
            Ok(item)
        })
        .await
    }

    pub(crate) fn request(
        &self,
        method: reqwest::Method,
        segments: &[&str],
    ) -> reqwest::RequestBuilder {
        self.http.request(method, self.http.url(segments))
    }
}

fn list_call(operation: &'static str, not_found: &'static str, kind: EntityType) -> CachedCall {
    CachedCall {
        operation,
        not_found,
        freshness: Freshness::List,
        tags: vec![Tag::list(Provider::Lisa, kind)],
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
