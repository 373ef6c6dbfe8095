//! What a LiSA show carries, read whole: its stickers, snippets and short clips. A page of shows
//! has read them ahead for all its shows (`loaders/prefetch.rs`); a show met alone asks the request's
//! loaders, which batch the shows of one request, so a list of fifty shows asks LiSA once per
//! kind of child (and pages through the answer), not once per show. Each child is the provider
//! cache's shared item: a field wraps the `Arc`, it never copies the item.

use async_graphql::{Context, ErrorExtensions};

use crate::graphql::execution::RequestContext;
use crate::graphql::live_content::LisaShow;
use crate::graphql::loaders::read_ahead::ReadAheadChild;
use crate::graphql::loaders::{Loaders, RequestLoader, ShowChild, ShowChildren, load};
use crate::graphql::paging::shared_list::{SharedList, Wraps};
use crate::providers::Provider;

/// Which of the request's loaders reads one kind of children.
type ChildLoader<T> = fn(&Loaders) -> Option<&RequestLoader<ShowChildren<T>>>;

/// The children of one kind of `show` (its stickers, clips or snippets, as `W`s): read ahead
/// by its page, else through `loader`.
pub(crate) async fn children<W>(
    ctx: &Context<'_>,
    show: &LisaShow,
    loader: ChildLoader<W::Item>,
) -> async_graphql::Result<SharedList<W>>
where
    W: Wraps,
    W::Item: ShowChild + ReadAheadChild,
{
    if let Some(read) = show.ahead.as_deref().and_then(W::Item::read) {
        return read.clone().map(SharedList).map_err(|error| error.extend());
    }
    let loaders = RequestContext::of(ctx)?.loaders();
    // Boxed: a loader's future is large, and every field of a show holds this one.
    let loaded = load(loader(loaders), Provider::Lisa, show.id.clone());
    Box::pin(loaded).await.map(SharedList)
}
