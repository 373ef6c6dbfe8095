//! Merged pagination: one ordered list over several providers' ordered lists.
//!
//! Each provider's list is a stream of pages. The cursor records, per provider, the page that
//! holds its next unread item and that item's offset in the page, so page N+1 continues every
//! provider exactly where page N stopped: no gaps, no duplicates, whatever the interleaving. A
//! provider absent from the cursor is exhausted. A provider that fails keeps its position, so
//! nothing of it is lost; the page is built from the others and the failure is reported.

mod cursor;

use std::cmp::Ordering;
use std::collections::VecDeque;

use futures::future::{BoxFuture, join_all};

pub(crate) use cursor::{EdgeCursor, ListId, MergeCursor, PageRef, Position, Positions};

use crate::providers::{Provider, UpstreamError};

/// Empty pages in a row a provider may answer before it is treated as misbehaving: an empty page
/// that points at yet another page would otherwise make one request loop forever.
const MAX_EMPTY_PAGES: usize = 3;

/// One page of one provider's list, and the page after it (`None` at the end).
pub(crate) struct Batch<T> {
    pub(crate) items: Vec<T>,
    pub(crate) next: Option<PageRef>,
    /// How many items the whole list holds, when the provider says.
    pub(crate) total: Option<u64>,
}

type Fetch<'a, T> =
    Box<dyn Fn(PageRef) -> BoxFuture<'a, Result<Batch<T>, UpstreamError>> + Send + Sync + 'a>;

/// One provider's ordered list, readable page by page.
pub(crate) struct Source<'a, T> {
    pub(crate) provider: Provider,
    pub(crate) first_page: PageRef,
    pub(crate) fetch: Fetch<'a, T>,
}

/// A merged page: items with the cursor after each, and the providers that failed.
pub(crate) struct MergedPage<T> {
    pub(crate) edges: Vec<(EdgeCursor, T)>,
    pub(crate) has_next_page: bool,
    /// The size of the whole merged list, when every provider still in it reported its own.
    pub(crate) total_count: Option<u64>,
    pub(crate) errors: Vec<UpstreamError>,
}

/// What a merged page is asked for.
pub(crate) struct PageRequest<'r> {
    /// Identifies the list (its filter and order); cursors of another list are refused.
    pub(crate) fingerprint: String,
    /// The client's `after`, as sent.
    pub(crate) after: Option<&'r str>,
    pub(crate) first: usize,
}

/// One provider's stream while a page is built.
struct Lane<'a, T> {
    source: Source<'a, T>,
    /// `None` once the provider is exhausted.
    position: Option<Position>,
    buffer: VecDeque<T>,
    next: Option<PageRef>,
    /// The list's size, as the provider reported it on a page read for this request.
    total: Option<u64>,
    failed: bool,
}

/// Builds the page of `first` items after `after`, ordered by `order`. Ties go to the source
/// that has given fewer items so far, then to the earlier source: sources with no order between
/// them (`order` always `Equal`) alternate item for item. A damaged or foreign cursor is `BAD_USER_INPUT`; provider failures are in the page.
pub(crate) async fn merge_page<'a, T>(
    sources: Vec<Source<'a, T>>,
    request: PageRequest<'_>,
    order: impl Fn(&T, &T) -> Ordering,
) -> async_graphql::Result<MergedPage<T>> {
    let first_pages: Vec<(Provider, &PageRef)> = sources
        .iter()
        .map(|s| (s.provider, &s.first_page))
        .collect();
    let list = ListId::of(&request.fingerprint);
    let after = request
        .after
        .map(|text| MergeCursor::decode(text, &list, &first_pages))
        .transpose()?;
    let mut lanes: Vec<Lane<'a, T>> = sources
        .into_iter()
        .map(|source| Lane::new(source, after.as_ref(), request.first))
        .collect();
    let mut errors = Vec::new();
    if request.first > 0 {
        let loads = lanes.iter_mut().map(|lane| lane.load_current());
        errors.extend(join_all(loads).await.into_iter().flatten());
    }
    let mut edges = Vec::with_capacity(request.first);
    while edges.len() < request.first {
        let Some(best) = pick(&lanes, &order) else {
            break;
        };
        let item = lanes[best].take_head();
        let page_full = edges.len() + 1 == request.first;
        if !page_full && let Some(error) = lanes[best].refill_if_empty().await {
            errors.push(error);
        }
        edges.push((cursor_of(list, &lanes), item));
    }
    let has_next_page = lanes.iter().any(|lane| lane.position.is_some());
    let total_count = lanes.iter().map(|lane| lane.total).sum();
    Ok(MergedPage {
        edges,
        has_next_page,
        total_count,
        errors,
    })
}

/// The lane whose head comes first in `order`; a tie goes to the lane that has given fewer
/// items, then to the earliest lane.
fn pick<T>(lanes: &[Lane<'_, T>], order: &impl Fn(&T, &T) -> Ordering) -> Option<usize> {
    let mut best: Option<(usize, &T, u64)> = None;
    for (index, lane) in lanes.iter().enumerate() {
        let Some(head) = lane.buffer.front().filter(|_| !lane.failed) else {
            continue;
        };
        let given = lane.given();
        let before = |(_, current, current_given): (usize, &T, u64)| {
            order(head, current).then(given.cmp(&current_given)) == Ordering::Less
        };
        if best.is_none_or(before) {
            best = Some((index, head, given));
        }
    }
    best.map(|(index, _, _)| index)
}

fn cursor_of<T>(list: ListId, lanes: &[Lane<'_, T>]) -> EdgeCursor {
    let mut at = Positions::default();
    for lane in lanes {
        at[EdgeCursor::slot(lane.source.provider)] = lane.position.clone();
    }
    EdgeCursor::new(list, at)
}

impl<'a, T> Lane<'a, T> {
    /// The lane after `after`, or at its first page, which asks for no more than `wanted` items.
    fn new(source: Source<'a, T>, after: Option<&MergeCursor>, wanted: usize) -> Self {
        let position = match after {
            Some(cursor) => cursor.at.get(&source.provider).cloned(),
            None => Some(Position {
                page: source.first_page.sized_for(wanted),
                offset: 0,
                shown: 0,
            }),
        };
        Self {
            source,
            position,
            buffer: VecDeque::new(),
            next: None,
            total: None,
            failed: false,
        }
    }

    /// Loads the page the position points into and skips the items already read.
    async fn load_current(&mut self) -> Option<UpstreamError> {
        let position = self.position.clone()?;
        match self.fetch_page(position.page).await {
            Ok(batch) => {
                self.buffer = batch.items.into_iter().skip(position.offset).collect();
                self.next = batch.next;
                if self.buffer.is_empty() {
                    let next = self.next.take();
                    self.move_to(next);
                }
                self.refill_if_empty().await
            }
            Err(error) => self.fail(error),
        }
    }

    fn take_head(&mut self) -> T {
        let item = self.buffer.pop_front().expect("picked lanes have a head");
        if let Some(position) = &mut self.position {
            position.offset += 1;
            position.shown += 1;
        }
        if self.buffer.is_empty() {
            // Point at the next page now: the cursor after this item must not re-read this page.
            let next = self.next.take();
            self.move_to(next);
        }
        item
    }

    /// How many items this lane has given the list so far.
    fn given(&self) -> u64 {
        self.position.as_ref().map_or(0, |position| position.shown)
    }

    /// Points at the start of `page`, or marks the lane exhausted; the count given is kept.
    fn move_to(&mut self, page: Option<PageRef>) {
        let shown = self.given();
        self.position = page.map(|page| Position {
            page,
            offset: 0,
            shown,
        });
    }

    /// Once the buffer is empty, reads following pages until one has items or the list ends.
    async fn refill_if_empty(&mut self) -> Option<UpstreamError> {
        let mut empty_pages = 0;
        while self.buffer.is_empty() {
            let position = self.position.clone()?;
            match self.fetch_page(position.page).await {
                Ok(batch) if batch.items.is_empty() => {
                    empty_pages += 1;
                    if empty_pages > MAX_EMPTY_PAGES {
                        return self
                            .fail(self.misbehaving("empty pages keep pointing at further pages"));
                    }
                    self.move_to(batch.next);
                }
                Ok(batch) => {
                    self.buffer = batch.items.into();
                    self.next = batch.next;
                }
                Err(error) => return self.fail(error),
            }
        }
        None
    }

    /// Fetches a page; a page whose "next" is itself would be read forever, so it is refused.
    async fn fetch_page(&mut self, page: PageRef) -> Result<Batch<T>, UpstreamError> {
        let batch = (self.source.fetch)(page.clone()).await?;
        if batch.next.as_ref() == Some(&page) {
            return Err(self.misbehaving("a page points at itself as the next page"));
        }
        self.total = self.total.or(batch.total);
        Ok(batch)
    }

    fn misbehaving(&self, detail: &str) -> UpstreamError {
        UpstreamError::BadResponse {
            provider: self.source.provider,
            detail: detail.to_string(),
        }
    }

    fn fail(&mut self, error: UpstreamError) -> Option<UpstreamError> {
        self.failed = true;
        Some(error)
    }
}

#[cfg(test)]
mod tests;
