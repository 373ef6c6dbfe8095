//! The children of many LiSA shows in as few rounds of requests as LiSA allows: one list
//! request names every show of the batch (`media_item_id=a,b,c` for stickers, `show_id=a,b,c`
//! for clips and snippets) and pages through the answer. A batch is split where the ids would
//! make the URL too long, and where its children would overflow one page by what the gateway
//! has learnt of how many a show carries (`lisa/children_per_show.rs`): its parts are read at
//! once, each in one page, instead of page after page. The children stay in the provider
//! cache's own batches: each show's list is its run in the batches' show order (`ShowOrder`),
//! which the first batch of an answer works out once for every request that reads it. A
//! request copies no child, nor even a reference to one.

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::dataloader::Loader;
use futures::future::{BoxFuture, join_all};
use tracing::Instrument;

use crate::providers::UpstreamError;
use crate::providers::lisa::{PerShow, Scroll, ShowChild, ShowOrder};

/// LiSA's largest `limit` for these lists.
const PAGE: u32 = 50;
/// Pages read at most per batch (a batch with more than 1,000 children is cut there).
const MAX_PAGES: usize = 20;
/// The longest comma-separated id list one request carries (URLs stay well under the 8 KiB
/// that servers and proxies commonly accept).
const MAX_IDS_BYTES: usize = 4000;

type FetchPage<T> = dyn Fn(
        Arc<[String]>,
        Option<String>,
        u32,
    ) -> BoxFuture<'static, Result<Arc<Scroll<T>>, UpstreamError>>
    + Send
    + Sync;

/// One show's children, as read (or the read's failure, which each of its fields reports).
pub(crate) type Children<T> = Result<ChildList<T>, UpstreamError>;

/// One show's children: its run of its batch's children, in show order. Every show of the
/// batch shares the batch (one per batch, not one per show), which holds the cache's own
/// batches of children.
pub(crate) struct ChildList<T> {
    batch: Option<Arc<ShowsBatch<T>>>,
    show: usize,
}

/// A batch's provider batches, and where one show's children sit in them.
type BatchesAndRun<'a, T> = (&'a [Arc<Scroll<T>>], &'a [(u32, u32)]);

/// The children of a batch of shows: the provider's batches as cached, and their show order.
struct ShowsBatch<T> {
    batches: Vec<Arc<Scroll<T>>>,
    order: Arc<ShowOrder>,
}

impl<T> ChildList<T> {
    /// The children, in the provider's order.
    pub(crate) fn iter(&self) -> impl ExactSizeIterator<Item = &Arc<T>> {
        let (batches, run): BatchesAndRun<'_, T> = match &self.batch {
            Some(batch) => (&batch.batches, batch.order.run(self.show)),
            None => (&[], &[]),
        };
        run.iter()
            .map(move |&(batch, at)| &batches[batch as usize].items[at as usize])
    }

    pub(crate) fn len(&self) -> usize {
        self.iter().len()
    }
}

impl<T> Clone for ChildList<T> {
    fn clone(&self) -> Self {
        Self {
            batch: self.batch.clone(),
            show: self.show,
        }
    }
}

impl<T> Default for ChildList<T> {
    fn default() -> Self {
        Self {
            batch: None,
            show: 0,
        }
    }
}

pub(crate) struct ShowChildren<T> {
    fetch: Arc<FetchPage<T>>,
    /// How many children of this kind a show carries, as learnt (and taught) by every request.
    per_show: Arc<PerShow>,
}

impl<T: ShowChild> ShowChildren<T> {
    /// `fetch(show_ids, cursor, limit)` reads one page of the children of these shows, whose
    /// usual count per show is `per_show`.
    pub(crate) fn new<F, Fut>(per_show: Arc<PerShow>, fetch: F) -> Self
    where
        F: Fn(Arc<[String]>, Option<String>, u32) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<Arc<Scroll<T>>, UpstreamError>> + Send + 'static,
    {
        Self {
            fetch: Arc::new(move |ids, cursor, limit| Box::pin(fetch(ids, cursor, limit))),
            per_show,
        }
    }

    /// The children of each of these shows, in one list request per group: `each(i, children)`
    /// for the `i`-th show the groups were made of.
    pub(crate) async fn read_each(
        &self,
        shows: &ShowGroups,
        mut each: impl FnMut(usize, Children<T>),
    ) {
        let span = tracing::info_span!(
            "loader_batch",
            loader = std::any::type_name::<T>(),
            keys = shows.len()
        );
        let parts: Vec<Group> = shows
            .groups
            .iter()
            .flat_map(|group| group.split(self.per_show.parts(group.ids.len())))
            .collect();
        let batches = parts.iter().map(|group| async move {
            let children = self.read_all(group.ids.clone()).await;
            (group, children)
        });
        for (group, children) in join_all(batches).instrument(span).await {
            match children {
                Ok(batch) => {
                    let batch = Arc::new(batch);
                    for (show, &at) in group.at.iter().enumerate() {
                        let batch = Some(batch.clone());
                        each(at, Ok(ChildList { batch, show }));
                    }
                }
                Err(error) => group.at.iter().for_each(|&at| each(at, Err(error.clone()))),
            }
        }
    }

    /// Every child of these shows, page after page, in show order.
    async fn read_all(&self, show_ids: Arc<[String]>) -> Result<ShowsBatch<T>, UpstreamError> {
        let batches = Scroll::read_batches(MAX_PAGES, |cursor| {
            (self.fetch)(show_ids.clone(), cursor, PAGE)
        })
        .await?;
        let children = batches.iter().map(|batch| batch.items.len()).sum();
        self.per_show.learn(show_ids.len(), children);
        let order = match batches.as_slice() {
            [first, later @ ..] => first.show_order(&show_ids, later),
            [] => Arc::new(ShowOrder::of::<T>(&show_ids, &[])),
        };
        Ok(ShowsBatch { batches, order })
    }
}

/// Shows whose comma-separated ids fit one URL: their ids, shared by every page read for them,
/// and where each stands among the shows asked for.
#[derive(Clone)]
struct Group {
    ids: Arc<[String]>,
    at: Vec<usize>,
}

impl Group {
    /// The group in `parts` runs of consecutive shows, as even as can be (itself for one).
    fn split(&self, parts: usize) -> Vec<Group> {
        if parts <= 1 {
            return vec![self.clone()];
        }
        let size = self.ids.len().div_ceil(parts);
        self.ids
            .chunks(size)
            .zip(self.at.chunks(size))
            .map(|(ids, at)| Group {
                ids: Arc::from(ids),
                at: at.to_vec(),
            })
            .collect()
    }
}

/// Shows (given once each) split into groups whose comma-separated ids fit one URL: made once
/// for all the kinds of children a request reads of them.
pub(crate) struct ShowGroups {
    groups: Vec<Group>,
    count: usize,
}

impl ShowGroups {
    pub(crate) fn of(show_ids: &[&str]) -> Self {
        Self {
            groups: groups(show_ids),
            count: show_ids.len(),
        }
    }

    /// How many shows.
    pub(crate) fn len(&self) -> usize {
        self.count
    }
}

/// The shows split into groups whose comma-separated ids fit one URL. Sorted first: the same
/// shows, however the loader gathered them, make the same URLs, which the cache then answers.
fn groups(show_ids: &[&str]) -> Vec<Group> {
    let mut sorted: Vec<usize> = (0..show_ids.len()).collect();
    sorted.sort_unstable_by_key(|&at| show_ids[at]);
    let mut groups = Vec::new();
    let (mut ids, mut at): (Vec<String>, Vec<usize>) = (Vec::new(), Vec::new());
    let mut bytes = 0;
    for index in sorted {
        let id = show_ids[index];
        if !ids.is_empty() && bytes + id.len() >= MAX_IDS_BYTES {
            let ids = Arc::from(std::mem::take(&mut ids));
            groups.push(Group {
                ids,
                at: std::mem::take(&mut at),
            });
            bytes = 0;
        }
        ids.push(id.to_string());
        at.push(index);
        bytes += id.len() + 1;
    }
    if !ids.is_empty() {
        groups.push(Group {
            ids: Arc::from(ids),
            at,
        });
    }
    groups
}

impl<T: ShowChild> Loader<String> for ShowChildren<T> {
    type Value = Children<T>;
    type Error = std::convert::Infallible;

    async fn load(
        &self,
        show_ids: &[String],
    ) -> Result<HashMap<String, Self::Value>, std::convert::Infallible> {
        let ids: Vec<&str> = show_ids.iter().map(String::as_str).collect();
        let mut read = HashMap::with_capacity(ids.len());
        self.read_each(&ShowGroups::of(&ids), |at, children| {
            read.insert(show_ids[at].clone(), children);
        })
        .await;
        Ok(read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_splits_into_even_runs_that_keep_each_show_once() {
        let ids: Vec<String> = (0..50).map(|n| format!("{n:02}")).collect();
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let group = &groups(&refs)[0];
        assert_eq!(group.split(1).len(), 1);
        let parts = group.split(3);
        let sizes: Vec<usize> = parts.iter().map(|p| p.ids.len()).collect();
        assert_eq!(sizes, [17, 17, 16]);
        let placed: Vec<usize> = parts.iter().flat_map(|p| p.at.clone()).collect();
        assert_eq!(placed, group.at);
        assert!(parts.iter().all(|p| p.ids.len() == p.at.len()));
    }

    #[test]
    fn ids_are_grouped_only_when_the_url_would_grow_too_long() {
        let uuid = "3203d9eb-e87b-49cc-9090-90d0db301a8e";
        assert_eq!(groups(&[uuid; 100]).len(), 1);
        let many = [uuid; 300];
        let split = groups(&many);
        assert!(split.len() > 1);
        assert!(split.iter().all(|g| g.ids.join(",").len() <= MAX_IDS_BYTES));
        let mut placed: Vec<usize> = split.iter().flat_map(|g| g.at.clone()).collect();
        placed.sort_unstable();
        assert_eq!(
            placed,
            (0..300).collect::<Vec<_>>(),
            "each show in one group"
        );
    }
}
