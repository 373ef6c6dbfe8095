//! Single-provider lists on the merged-list machinery: a Caast list (numbered pages of 20) or
//! items already in hand (a live's embedded products), each served as a Relay connection with
//! the same cursors, the same bounds and the same partial-failure reporting as merged lists.

use std::cmp::Ordering;
use std::future::Future;

use async_graphql::Context;
use futures::FutureExt;

use crate::graphql::paging::connection::{FromPage, from_page, page_size};
use crate::graphql::paging::merge::{Batch, PageRef, PageRequest, Source, merge_page};
use crate::graphql::resolver::field_errors::report_each;
use std::sync::atomic::{AtomicBool, Ordering as AtomicOrdering};

use crate::providers::{Provider, UpstreamError, caast, lisa};

/// A Caast list as a merge source; `fetch` reads one numbered page.
pub(crate) fn caast_pages<'a, T, F, Fut>(fetch: F) -> Source<'a, T>
where
    F: Fn(u32) -> Fut + Send + Sync + 'a,
    Fut: Future<Output = Result<caast::PageOf<T>, UpstreamError>> + Send + 'a,
    T: Send + 'a,
{
    Source {
        provider: Provider::Caast,
        first_page: PageRef::Number(1),
        fetch: Box::new(move |page| {
            let PageRef::Number(number) = page else {
                unreachable!("cursors are checked to fit their source")
            };
            fetch(number)
                .map(|answer| {
                    let page = answer?;
                    Ok(Batch {
                        next: page.next_page().map(PageRef::Number),
                        total: page.total,
                        items: page.items,
                    })
                })
                .boxed()
        }),
    }
}

/// How many items a LiSA list reads at a time (its largest `limit` outside shows).
pub(crate) const LISA_PAGE: u32 = 50;

/// A LiSA list as a merge source; `fetch` reads one batch (cursor, limit). With `count`, the
/// first batch read for a request also asks the list's count endpoint (for `totalCount`).
pub(crate) fn lisa_pages<'a, T, F, Fut, C, CFut>(
    limit: u32,
    fetch: F,
    count: Option<C>,
) -> Source<'a, T>
where
    F: Fn(Option<String>, u32) -> Fut + Send + Sync + 'a,
    Fut: Future<Output = Result<lisa::ScrollOf<T>, UpstreamError>> + Send + 'a,
    C: Fn() -> CFut + Send + Sync + 'a,
    CFut: Future<Output = Result<u64, UpstreamError>> + Send + 'a,
    T: Send + Sync + 'a,
{
    let counted = AtomicBool::new(false);
    Source {
        provider: Provider::Lisa,
        first_page: PageRef::Cursor {
            cursor: None,
            limit,
        },
        fetch: Box::new(move |page| {
            let PageRef::Cursor { cursor, limit } = page else {
                unreachable!("cursors are checked to fit their source")
            };
            let batch = fetch(cursor, limit);
            let total = count
                .as_ref()
                .filter(|_| !counted.swap(true, AtomicOrdering::SeqCst))
                .map(|count| count());
            async move {
                let (batch, total) = match total {
                    Some(total) => {
                        let (batch, total) = futures::join!(batch, total);
                        (batch?, Some(total?))
                    }
                    None => (batch.await?, None),
                };
                let next = batch.next_cursor.map(|c| PageRef::Cursor {
                    cursor: Some(c),
                    limit,
                });
                Ok(Batch {
                    items: batch.items,
                    next,
                    total,
                })
            }
            .boxed()
        }),
    }
}

/// Items already in hand as a one-page source. They are shared (`Arc`s, or GraphQL nodes over
/// them): each read copies references, never provider items.
pub(crate) fn in_memory<'a, T: Clone + Send + Sync + 'a>(items: Vec<T>) -> Source<'a, T> {
    Source {
        provider: Provider::Caast,
        first_page: PageRef::Number(1),
        fetch: Box::new(move |_| {
            let items = items.clone();
            async move {
                Ok(Batch {
                    total: Some(items.len() as u64),
                    items,
                    next: None,
                })
            }
            .boxed()
        }),
    }
}

/// One page of a single-source list as a connection; a provider failure is reported at this
/// field and leaves an empty page.
pub(crate) async fn single_list<'a, I, T, C: FromPage<T>>(
    ctx: &Context<'_>,
    source: Source<'a, I>,
    fingerprint: String,
    first: Option<i32>,
    after: Option<String>,
    node: impl Fn(I) -> T,
) -> async_graphql::Result<C> {
    let request = PageRequest {
        fingerprint,
        after: after.as_deref(),
        first: page_size(first)?,
    };
    let page = merge_page(vec![source], request, |_: &I, _: &I| Ordering::Equal).await?;
    report_each(ctx, &page.errors);
    Ok(from_page(page, after.is_some(), node))
}
