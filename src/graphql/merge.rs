//! Merged pagination: one ordered list over several providers' ordered lists.
//!
//! Each provider's list is a stream of pages. The cursor records, per provider, the page that
//! holds its next unread item and that item's offset in the page, so page N+1 continues every
//! provider exactly where page N stopped: no gaps, no duplicates, whatever the interleaving. A
//! provider absent from the cursor is exhausted. A provider that fails keeps its position, so
//! nothing of it is lost; the page is built from the others and the failure is reported.

use std::cmp::Ordering;
use std::collections::{BTreeMap, VecDeque};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use futures::future::{BoxFuture, join_all};
use serde::{Deserialize, Serialize};

use crate::error::{ErrorCode, graphql_error};
use crate::providers::{Provider, UpstreamError};

/// Which page of a provider's list: a Caast page number, or a LiSA cursor (absent for the first
/// batch) with the `limit` it was asked with (a LiSA cursor is only valid with its limit).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(untagged)]
pub enum PageRef {
    Number(u32),
    Cursor { c: Option<String>, l: u32 },
}

/// A provider's position: the page holding its next item, and that item's offset.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Position {
    p: PageRef,
    o: usize,
}

/// Every provider's position after some item of a merged list.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeCursor(BTreeMap<Provider, Position>);

impl MergeCursor {
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(self).expect("cursor serialises"))
    }

    pub fn decode(text: &str) -> async_graphql::Result<Self> {
        URL_SAFE_NO_PAD
            .decode(text)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .ok_or_else(not_a_cursor)
    }
}

/// One page of one provider's list, and the page after it (`None` at the end).
pub struct Batch<T> {
    pub items: Vec<T>,
    pub next: Option<PageRef>,
}

type Fetch<'a, T> =
    Box<dyn Fn(PageRef) -> BoxFuture<'a, Result<Batch<T>, UpstreamError>> + Send + Sync + 'a>;

/// One provider's ordered list, readable page by page.
pub struct Source<'a, T> {
    pub provider: Provider,
    pub first_page: PageRef,
    pub fetch: Fetch<'a, T>,
}

/// A merged page: items with the cursor after each, and the providers that failed.
pub struct MergedPage<T> {
    pub edges: Vec<(String, T)>,
    pub has_next_page: bool,
    pub errors: Vec<UpstreamError>,
}

/// One provider's stream while a page is built.
struct Lane<'a, T> {
    source: Source<'a, T>,
    /// `None` once the provider is exhausted.
    position: Option<Position>,
    buffer: VecDeque<T>,
    next: Option<PageRef>,
    failed: bool,
}

/// Builds the page of `first` items after `after`, ordered by `order` (ties go to the earlier source).
pub async fn merge_page<'a, T>(
    sources: Vec<Source<'a, T>>,
    after: Option<&MergeCursor>,
    first: usize,
    order: impl Fn(&T, &T) -> Ordering,
) -> async_graphql::Result<MergedPage<T>> {
    if let Some(cursor) = after {
        check_shapes(cursor, &sources)?;
    }
    let mut errors = Vec::new();
    let mut lanes: Vec<Lane<'a, T>> = sources
        .into_iter()
        .map(|source| {
            let position = match after {
                Some(cursor) => cursor.0.get(&source.provider).cloned(),
                None => Some(Position {
                    p: source.first_page.clone(),
                    o: 0,
                }),
            };
            Lane {
                source,
                position,
                buffer: VecDeque::new(),
                next: None,
                failed: false,
            }
        })
        .collect();
    if first > 0 {
        let loads = lanes.iter_mut().map(|lane| lane.load_current());
        errors.extend(join_all(loads).await.into_iter().flatten());
    }
    let mut edges = Vec::with_capacity(first);
    while edges.len() < first {
        let Some(best) = pick(&lanes, &order) else {
            break;
        };
        let item = lanes[best].take_head();
        let page_full = edges.len() + 1 == first;
        if !page_full && let Some(error) = lanes[best].refill_if_empty().await {
            errors.push(error);
        }
        edges.push((cursor_of(&lanes).encode(), item));
    }
    let has_next_page = lanes.iter().any(|lane| lane.position.is_some());
    Ok(MergedPage {
        edges,
        has_next_page,
        errors,
    })
}

/// A position must have the shape of its provider's pages (a Caast page number, a LiSA cursor),
/// so that each source's fetch only ever sees its own kind of page.
fn check_shapes<T>(cursor: &MergeCursor, sources: &[Source<'_, T>]) -> async_graphql::Result<()> {
    let fits = |source: &Source<'_, T>| {
        cursor.0.get(&source.provider).is_none_or(|pos| {
            std::mem::discriminant(&pos.p) == std::mem::discriminant(&source.first_page)
        })
    };
    if sources.iter().all(fits) {
        Ok(())
    } else {
        Err(not_a_cursor())
    }
}

fn not_a_cursor() -> async_graphql::Error {
    graphql_error(
        ErrorCode::BadUserInput,
        "`after` is not a cursor of this list",
    )
}

/// The lane whose head comes first in `order`; the earliest lane wins a tie.
fn pick<T>(lanes: &[Lane<'_, T>], order: &impl Fn(&T, &T) -> Ordering) -> Option<usize> {
    let mut best: Option<(usize, &T)> = None;
    for (index, lane) in lanes.iter().enumerate() {
        let Some(head) = lane.buffer.front().filter(|_| !lane.failed) else {
            continue;
        };
        if best.is_none_or(|(_, current)| order(head, current) == Ordering::Less) {
            best = Some((index, head));
        }
    }
    best.map(|(index, _)| index)
}

fn cursor_of<T>(lanes: &[Lane<'_, T>]) -> MergeCursor {
    MergeCursor(
        lanes
            .iter()
            .filter_map(|lane| Some((lane.source.provider, lane.position.clone()?)))
            .collect(),
    )
}

impl<T> Lane<'_, T> {
    /// Loads the page the position points into and skips the items already read.
    async fn load_current(&mut self) -> Option<UpstreamError> {
        let position = self.position.clone()?;
        match (self.source.fetch)(position.p).await {
            Ok(batch) => {
                self.buffer = batch.items.into_iter().skip(position.o).collect();
                self.next = batch.next;
                if self.buffer.is_empty() {
                    self.position = self.next.take().map(|p| Position { p, o: 0 });
                }
                self.refill_if_empty().await
            }
            Err(error) => {
                self.failed = true;
                Some(error)
            }
        }
    }

    fn take_head(&mut self) -> T {
        let item = self.buffer.pop_front().expect("picked lanes have a head");
        if let Some(position) = &mut self.position {
            position.o += 1;
        }
        if self.buffer.is_empty() {
            // Point at the next page now: the cursor after this item must not re-read this page.
            self.position = self.next.take().map(|p| Position { p, o: 0 });
        }
        item
    }

    /// Once the buffer is empty, reads following pages until one has items or the list ends.
    async fn refill_if_empty(&mut self) -> Option<UpstreamError> {
        while self.buffer.is_empty() {
            let position = self.position.clone()?;
            match (self.source.fetch)(position.p.clone()).await {
                Ok(batch) if batch.items.is_empty() => {
                    self.position = batch.next.map(|p| Position { p, o: 0 });
                }
                Ok(batch) => {
                    self.buffer = batch.items.into();
                    self.next = batch.next;
                }
                Err(error) => {
                    self.failed = true;
                    return Some(error);
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests;
