//! Per-request dataloaders: many resolvers asking for the same kind of upstream item within one
//! request become one batch, and an item asked for twice is fetched once. Every operation's context builds
//! fresh `Loaders` for every request, so nothing here outlives the request that read it.
//!
//! Two shapes: [`ShowChildren`] turns the stickers, clips or snippets of many shows into one
//! list request; [`OneByOne`] deduplicates look-ups that have no batch endpoint and fetches them
//! at once. Both keep each key's own outcome, so one failure stays at its own field.

mod by_id;
mod one_by_one;
mod show_children;

use std::sync::Arc;
use std::time::Duration;

use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};
use async_graphql::{Context, ErrorExtensions};
use futures::future::BoxFuture;
use tracing::Instrument;

pub use one_by_one::OneByOne;
pub use show_children::{ShowChild, ShowChildren};

use super::clients::not_configured;
use super::execution::RequestContext;
use crate::error::{ErrorCode, graphql_error};
use crate::providers::lisa::{ShortClip, Snippet, Sticker};
use crate::providers::{Provider, Providers, UpstreamError, caast, lisa};

/// A loader that remembers, for the request, every key it has answered.
pub type RequestLoader<T> = DataLoader<T, HashMapCache>;

/// A loader for one request that waits `delay` to gather keys (`GATEWAY_LOADER_DELAY`; the
/// README's batching section says how the default was measured).
fn request_loader<K, T>(loader: T, delay: Duration) -> RequestLoader<T>
where
    K: Send + Sync + std::hash::Hash + Eq + Clone + 'static,
    T: Loader<K>,
{
    // A batch runs in a task of its own; it stays in the span (and trace) that asked for it.
    let spawn = |batch: BoxFuture<'static, ()>| tokio::spawn(batch.in_current_span());
    DataLoader::with_cache(loader, spawn, HashMapCache::default()).delay(delay)
}

type ById<V> = Option<RequestLoader<OneByOne<String, V>>>;
type Children<T> = Option<RequestLoader<ShowChildren<T>>>;

/// The loaders of one request; a provider that is not configured has none.
pub struct Loaders {
    pub caast_live: ById<Arc<caast::Live>>,
    pub caast_video: ById<Arc<caast::Video>>,
    pub caast_product: ById<Arc<caast::Product>>,
    /// Caast's product with exactly this reference, if any.
    pub caast_product_by_ref: ById<Option<Arc<caast::Product>>>,
    pub lisa_show: ById<Arc<lisa::Show>>,
    pub lisa_clip: ById<Arc<ShortClip>>,
    /// A channel by id or slug.
    pub lisa_channel: ById<Arc<lisa::Channel>>,
    pub lisa_sticker: ById<Arc<Sticker>>,
    pub lisa_story: ById<Arc<lisa::Story>>,
    pub show_stickers: Children<Sticker>,
    pub show_clips: Children<ShortClip>,
    pub show_snippets: Children<Snippet>,
}

impl Loaders {
    pub fn new(providers: &Providers, delay: Duration) -> Self {
        // One shared copy of each client for all the loaders and every key they fetch.
        let caast = providers.caast.clone().map(Arc::new);
        let lisa = providers.lisa.clone().map(Arc::new);
        let (caast, lisa) = (caast.as_ref(), lisa.as_ref());
        Self {
            caast_live: caast.map(|c| by_id::caast_live(c.clone(), delay)),
            caast_video: caast.map(|c| by_id::caast_video(c.clone(), delay)),
            caast_product: caast.map(|c| by_id::caast_product(c.clone(), delay)),
            caast_product_by_ref: caast.map(|c| by_id::caast_product_by_ref(c.clone(), delay)),
            lisa_show: lisa.map(|c| by_id::lisa_show(c.clone(), delay)),
            lisa_clip: lisa.map(|c| by_id::lisa_clip(c.clone(), delay)),
            lisa_channel: lisa.map(|c| by_id::lisa_channel(c.clone(), delay)),
            lisa_sticker: lisa.map(|c| by_id::lisa_sticker(c.clone(), delay)),
            lisa_story: lisa.map(|c| by_id::lisa_story(c.clone(), delay)),
            show_stickers: lisa.map(|c| by_id::show_stickers(c.clone(), delay)),
            show_clips: lisa.map(|c| by_id::show_clips(c.clone(), delay)),
            show_snippets: lisa.map(|c| by_id::show_snippets(c.clone(), delay)),
        }
    }
}

impl Loaders {
    /// The same loaders, made to forget each answer once delivered: a subscription resolves
    /// every event with one set of loaders, and must not show an event the previous one's values.
    pub fn forgetful(self) -> Self {
        fn forget<T>(loader: &Option<RequestLoader<T>>) {
            if let Some(loader) = loader {
                loader.enable_all_cache(false);
            }
        }
        forget(&self.caast_live);
        forget(&self.caast_video);
        forget(&self.caast_product);
        forget(&self.caast_product_by_ref);
        forget(&self.lisa_show);
        forget(&self.lisa_clip);
        forget(&self.lisa_channel);
        forget(&self.lisa_sticker);
        forget(&self.lisa_story);
        forget(&self.show_stickers);
        forget(&self.show_clips);
        forget(&self.show_snippets);
        self
    }
}

/// The request's loaders (each operation's context holds them).
pub fn loaders<'a>(ctx: &Context<'a>) -> async_graphql::Result<&'a Loaders> {
    Ok(RequestContext::of(ctx)?.loaders())
}

/// One key's answer from a loader of `provider` (`NOT_FOUND` when that provider is not
/// configured: its ids name nothing here).
pub async fn load<K, T, V>(
    loader: &Option<RequestLoader<T>>,
    provider: Provider,
    key: K,
) -> async_graphql::Result<V>
where
    K: Send + Sync + std::hash::Hash + Eq + Clone + 'static,
    T: Loader<K, Value = Result<V, UpstreamError>, Error = std::convert::Infallible>,
{
    let loader = loader.as_ref().ok_or_else(|| not_configured(provider))?;
    match loader.load_one(key).await {
        Ok(Some(answer)) => answer.map_err(|error| error.extend()),
        Ok(None) | Err(_) => Err(graphql_error(
            ErrorCode::Internal,
            "a loader left a key unanswered",
        )),
    }
}
