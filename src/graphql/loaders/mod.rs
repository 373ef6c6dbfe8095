//! Per-request dataloaders: many resolvers asking for the same kind of upstream item within one
//! request become one batch, and an item asked for twice is fetched once. Every operation's context builds
//! fresh `Loaders` for every request, so nothing here outlives the request that read it.
//!
//! Two shapes: [`ShowChildren`] turns the stickers, clips or snippets of many shows into one
//! list request; [`OneByOne`] deduplicates look-ups that have no batch endpoint and fetches them
//! at once. Both keep each key's own outcome, so one failure stays at its own field.

pub(crate) mod prefetch;
pub(crate) mod read_ahead;
pub(crate) mod request_memo;

mod by_id;
mod one_by_one;
mod show_children;

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};
use async_graphql::{Context, ErrorExtensions};
use futures::future::BoxFuture;
use tracing::Instrument;

pub(crate) use crate::providers::lisa::ShowChild;
pub(crate) use one_by_one::OneByOne;
pub(crate) use show_children::{ChildList, Children, ShowChildren, ShowGroups};

use crate::error::{ErrorCode, graphql_error};
use crate::graphql::execution::RequestContext;
use crate::graphql::resolver::clients::not_configured;
use crate::providers::lisa::{ShortClip, Snippet, Sticker};
use crate::providers::{Provider, Providers, UpstreamError, caast, lisa};

/// A loader that remembers, for the request, every key it has answered (hashed with foldhash:
/// a page of fifty shows looks up a few hundred keys, and SipHash showed in the profile).
pub(crate) type RequestLoader<T> = DataLoader<T, HashMapCache<foldhash::fast::RandomState>>;

/// A loader for one request that waits `delay` to gather keys (`GATEWAY_LOADER_DELAY`; the
/// batching section of `docs/architecture.md` says how the default was measured).
fn request_loader<K, T>(loader: T, delay: Duration) -> RequestLoader<T>
where
    K: Send + Sync + std::hash::Hash + Eq + Clone + 'static,
    T: Loader<K>,
{
    // A batch runs in a task of its own; it stays in the span (and trace) that asked for it.
    let spawn = |batch: BoxFuture<'static, ()>| tokio::spawn(batch.in_current_span());
    DataLoader::with_cache(loader, spawn, HashMapCache::new()).delay(delay)
}

/// A loader built the first time a resolver asks for it: an operation uses a few of the twelve,
/// and each costs a handful of allocations. `None` when its provider is not configured.
type Lazy<T> = OnceLock<Option<RequestLoader<T>>>;
type ById<V> = Lazy<OneByOne<String, V>>;
type LazyChildren<T> = Lazy<ShowChildren<T>>;

/// The loaders of one request; a provider that is not configured has none.
pub(crate) struct Loaders {
    /// One shared copy of each client for all the loaders and every key they fetch.
    caast: Option<Arc<caast::CaastClient>>,
    lisa: Option<Arc<lisa::LisaClient>>,
    delay: Duration,
    /// Each answer is forgotten once delivered: a subscription resolves every event with one
    /// set of loaders, and must not show an event the previous one's values.
    forget: bool,
    caast_live: ById<Arc<caast::Live>>,
    caast_video: ById<Arc<caast::Video>>,
    caast_product: ById<Arc<caast::Product>>,
    caast_product_by_ref: ById<Option<Arc<caast::Product>>>,
    lisa_show: ById<Arc<lisa::Show>>,
    lisa_clip: ById<Arc<ShortClip>>,
    lisa_channel: ById<Arc<lisa::Channel>>,
    lisa_sticker: ById<Arc<Sticker>>,
    lisa_story: ById<Arc<lisa::Story>>,
    show_stickers: LazyChildren<Sticker>,
    show_clips: LazyChildren<ShortClip>,
    show_snippets: LazyChildren<Snippet>,
}

/// The accessor of one lazy loader: built over `$client` by `$build` on first use.
macro_rules! lazy_loader {
    ($(#[$doc:meta])* $name:ident: $kind:ty = $build:path, $client:ident) => {
        $(#[$doc])*
        pub(crate) fn $name(&self) -> Option<&RequestLoader<$kind>> {
            self.$name
                .get_or_init(|| {
                    let loader = $build(self.$client.clone()?, self.delay);
                    if self.forget {
                        loader.enable_all_cache(false);
                    }
                    Some(loader)
                })
                .as_ref()
        }
    };
}

impl Loaders {
    /// The loaders of one request over its `providers`; with `forget`, a subscription's.
    pub(crate) fn new(providers: &Providers, delay: Duration, forget: bool) -> Self {
        Self {
            caast: providers.caast.clone().map(Arc::new),
            lisa: providers.lisa.clone().map(Arc::new),
            delay,
            forget,
            caast_live: OnceLock::new(),
            caast_video: OnceLock::new(),
            caast_product: OnceLock::new(),
            caast_product_by_ref: OnceLock::new(),
            lisa_show: OnceLock::new(),
            lisa_clip: OnceLock::new(),
            lisa_channel: OnceLock::new(),
            lisa_sticker: OnceLock::new(),
            lisa_story: OnceLock::new(),
            show_stickers: OnceLock::new(),
            show_clips: OnceLock::new(),
            show_snippets: OnceLock::new(),
        }
    }

    lazy_loader!(caast_live: OneByOne<String, Arc<caast::Live>> = by_id::caast_live, caast);
    lazy_loader!(caast_video: OneByOne<String, Arc<caast::Video>> = by_id::caast_video, caast);
    lazy_loader!(caast_product: OneByOne<String, Arc<caast::Product>> = by_id::caast_product, caast);
    lazy_loader!(
        /// Caast's product with exactly this reference, if any.
        caast_product_by_ref: OneByOne<String, Option<Arc<caast::Product>>> = by_id::caast_product_by_ref, caast
    );
    lazy_loader!(lisa_show: OneByOne<String, Arc<lisa::Show>> = by_id::lisa_show, lisa);
    lazy_loader!(lisa_clip: OneByOne<String, Arc<ShortClip>> = by_id::lisa_clip, lisa);
    lazy_loader!(
        /// A channel by id or slug.
        lisa_channel: OneByOne<String, Arc<lisa::Channel>> = by_id::lisa_channel, lisa
    );
    lazy_loader!(lisa_sticker: OneByOne<String, Arc<Sticker>> = by_id::lisa_sticker, lisa);
    lazy_loader!(lisa_story: OneByOne<String, Arc<lisa::Story>> = by_id::lisa_story, lisa);
    lazy_loader!(show_stickers: ShowChildren<Sticker> = by_id::show_stickers, lisa);
    lazy_loader!(show_clips: ShowChildren<ShortClip> = by_id::show_clips, lisa);
    lazy_loader!(show_snippets: ShowChildren<Snippet> = by_id::show_snippets, lisa);
}

/// The request's loaders (each operation's context holds them).
pub(crate) fn loaders<'a>(ctx: &Context<'a>) -> async_graphql::Result<&'a Loaders> {
    Ok(RequestContext::of(ctx)?.loaders())
}

/// One key's answer from a loader of `provider` (`NOT_FOUND` when that provider is not
/// configured: its ids name nothing here).
pub(crate) async fn load<K, T, V>(
    loader: Option<&RequestLoader<T>>,
    provider: Provider,
    key: K,
) -> async_graphql::Result<V>
where
    K: Send + Sync + std::hash::Hash + Eq + Clone + 'static,
    T: Loader<K, Value = Result<V, UpstreamError>, Error = std::convert::Infallible>,
{
    let loader = loader.ok_or_else(|| not_configured(provider))?;
    match loader.load_one(key).await {
        Ok(Some(answer)) => answer.map_err(|error| error.extend()),
        Ok(None) | Err(_) => Err(graphql_error(
            ErrorCode::Internal,
            "a loader left a key unanswered",
        )),
    }
}
