//! What a LiSA show carries, read whole: its stickers, snippets and short clips. A page of shows
//! has read them ahead for all its shows (`prefetch.rs`); a show met alone asks the request's
//! loaders, which batch the shows of one request, so a list of fifty shows asks LiSA once per
//! kind of child (and pages through the answer), not once per show. Each child is the provider
//! cache's shared item: a field wraps the `Arc`, it never copies the item.

use async_graphql::{Context, ErrorExtensions};

use super::execution::RequestContext;
use super::live_content::LisaShow;
use super::loaders::{ChildList, Loaders, RequestLoader, ShowChild, ShowChildren, load};
use super::read_ahead::ReadAheadChild;
use super::shared_list::SharedList;
use super::snippet::Snippet;
use super::sticker::Sticker;
use super::video::Video;
use crate::providers::Provider;

pub async fn stickers(
    ctx: &Context<'_>,
    show: &LisaShow,
) -> async_graphql::Result<SharedList<Sticker>> {
    children(ctx, show, Loaders::show_stickers)
        .await
        .map(SharedList)
}

pub async fn snippets(
    ctx: &Context<'_>,
    show: &LisaShow,
) -> async_graphql::Result<SharedList<Snippet>> {
    children(ctx, show, Loaders::show_snippets)
        .await
        .map(SharedList)
}

pub async fn short_clips(
    ctx: &Context<'_>,
    show: &LisaShow,
) -> async_graphql::Result<SharedList<Video>> {
    children(ctx, show, Loaders::show_clips)
        .await
        .map(SharedList)
}

/// The children of one kind of `show`: read ahead by its page, else through `loader`.
async fn children<T>(
    ctx: &Context<'_>,
    show: &LisaShow,
    loader: fn(&Loaders) -> Option<&RequestLoader<ShowChildren<T>>>,
) -> async_graphql::Result<ChildList<T>>
where
    T: ShowChild + ReadAheadChild,
{
    if let Some(read) = show.ahead.as_deref().and_then(T::read) {
        return read.clone().map_err(|error| error.extend());
    }
    let loaders = RequestContext::of(ctx)?.loaders();
    // Boxed: a loader's future is large, and every field of a show holds this one.
    let loaded = load(loader(loaders), Provider::Lisa, show.id.clone());
    Box::pin(loaded).await
}
