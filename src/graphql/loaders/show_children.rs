//! The children of many LiSA shows in as few requests as LiSA allows: one list request names
//! every show of the batch (`media_item_id=a,b,c` for stickers, `show_id=a,b,c` for clips and
//! snippets) and pages through the answer. A batch is split only where the ids would make the
//! URL too long. The children are the provider cache's own items, shared (`Arc`): sorting them
//! by show copies references, never the items.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use async_graphql::dataloader::Loader;
use futures::future::{BoxFuture, join_all};
use tracing::Instrument;

use crate::providers::UpstreamError;
use crate::providers::lisa::{Scroll, ShortClip, Snippet, Sticker};

/// LiSA's largest `limit` for these lists.
const PAGE: u32 = 50;
/// Pages read at most per batch (a batch with more than 1,000 children is cut there).
const MAX_PAGES: usize = 20;
/// The longest comma-separated id list one request carries (URLs stay well under the 8 KiB
/// that servers and proxies commonly accept).
const MAX_IDS_BYTES: usize = 4000;

/// An item that names the show it belongs to.
pub trait ShowChild: Send + Sync + 'static {
    fn show_id(&self) -> Option<&str>;
}

impl ShowChild for Sticker {
    fn show_id(&self) -> Option<&str> {
        self.media_item_id.as_deref()
    }
}

impl ShowChild for ShortClip {
    fn show_id(&self) -> Option<&str> {
        self.show_id.as_deref()
    }
}

impl ShowChild for Snippet {
    fn show_id(&self) -> Option<&str> {
        self.show_id.as_deref()
    }
}

type FetchPage<T> = dyn Fn(Arc<[String]>, Option<String>, u32) -> BoxFuture<'static, Result<Scroll<T>, UpstreamError>>
    + Send
    + Sync;

/// One show's children, as read (or the read's failure, which each of its fields reports).
pub type Children<T> = Result<ChildList<T>, UpstreamError>;

/// One show's children: its run of the children of its whole batch, which every show of the
/// batch shares (one list per batch, not one per show). The items are the cache's own.
pub struct ChildList<T> {
    batch: Arc<[Arc<T>]>,
    run: Range<usize>,
}

impl<T> Clone for ChildList<T> {
    fn clone(&self) -> Self {
        Self {
            batch: self.batch.clone(),
            run: self.run.clone(),
        }
    }
}

impl<T> std::ops::Deref for ChildList<T> {
    type Target = [Arc<T>];

    fn deref(&self) -> &[Arc<T>] {
        &self.batch[self.run.clone()]
    }
}

impl<T> Default for ChildList<T> {
    fn default() -> Self {
        Self {
            batch: Arc::new([]),
            run: 0..0,
        }
    }
}

pub struct ShowChildren<T> {
    fetch: Arc<FetchPage<T>>,
}

impl<T: ShowChild> ShowChildren<T> {
    /// `fetch(show_ids, cursor, limit)` reads one page of the children of these shows.
    pub fn new<F, Fut>(fetch: F) -> Self
    where
        F: Fn(Arc<[String]>, Option<String>, u32) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<Scroll<T>, UpstreamError>> + Send + 'static,
    {
        Self {
            fetch: Arc::new(move |ids, cursor, limit| Box::pin(fetch(ids, cursor, limit))),
        }
    }

    /// The children of each of these shows (given once each), in as few list requests as the
    /// URL length allows: `each(i, children)` for the `i`-th show.
    pub async fn read_each(&self, show_ids: &[&str], mut each: impl FnMut(usize, Children<T>)) {
        let span = tracing::info_span!(
            "loader_batch",
            loader = std::any::type_name::<T>(),
            keys = show_ids.len()
        );
        let batches = groups(show_ids).into_iter().map(|group| async move {
            let children = self.read_all(group.ids.clone()).await;
            (group, children)
        });
        for (group, children) in join_all(batches).instrument(span).await {
            match children {
                Ok(children) => {
                    for (&at, children) in group.at.iter().zip(by_show(&group.ids, children)) {
                        each(at, Ok(children));
                    }
                }
                Err(error) => group.at.iter().for_each(|&at| each(at, Err(error.clone()))),
            }
        }
    }

    /// Every child of these shows, page after page.
    async fn read_all(&self, show_ids: Arc<[String]>) -> Result<Vec<Arc<T>>, UpstreamError> {
        Scroll::read_all(MAX_PAGES, |cursor| {
            (self.fetch)(show_ids.clone(), cursor, PAGE)
        })
        .await
    }
}

/// Shows whose comma-separated ids fit one URL: their ids, shared by every page read for them,
/// and where each stands among the shows asked for.
struct Group {
    ids: Arc<[String]>,
    at: Vec<usize>,
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
        self.read_each(&ids, |at, children| {
            read.insert(show_ids[at].clone(), children);
        })
        .await;
        Ok(read)
    }
}

/// The children of a group of shows (sorted by id), sorted by the show each names, show by show
/// in the group's order (one that names none, or a show not asked for, belongs to none). Each
/// show keeps the order the provider gave. The children are moved, not copied.
fn by_show<T: ShowChild>(shows: &[String], children: Vec<Arc<T>>) -> Vec<ChildList<T>> {
    let place = |child: &Arc<T>| {
        let show = child.show_id()?;
        shows.binary_search_by(|id| id.as_str().cmp(show)).ok()
    };
    let mut placed: Vec<(usize, Arc<T>)> = children
        .into_iter()
        .filter_map(|child| Some((place(&child)?, child)))
        .collect();
    placed.sort_by_key(|(at, _)| *at);
    let mut ends = vec![0; shows.len()];
    for (at, _) in &placed {
        ends[*at] += 1;
    }
    let batch: Arc<[Arc<T>]> = placed.into_iter().map(|(_, child)| child).collect();
    let mut start = 0;
    ends.into_iter()
        .map(|count| {
            let run = start..start + count;
            start += count;
            ChildList {
                batch: batch.clone(),
                run,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A child: (its name, the show it names).
    struct Child(&'static str, Option<&'static str>);

    impl ShowChild for Child {
        fn show_id(&self) -> Option<&str> {
            self.1
        }
    }

    #[test]
    fn children_go_to_their_show_in_the_providers_order() {
        let shows = ["a".to_string(), "b".to_string(), "c".to_string()];
        let children = [
            Child("b1", Some("b")),
            Child("a1", Some("a")),
            Child("stray", Some("x")),
            Child("b2", Some("b")),
            Child("b3", Some("b")),
            Child("none", None),
            Child("c1", Some("c")),
            Child("c2", Some("c")),
            Child("stray again", Some("x")),
        ];
        let lists = by_show(&shows, children.into_iter().map(Arc::new).collect());
        let names: Vec<Vec<&str>> = lists
            .iter()
            .map(|list| list.iter().map(|child| child.0).collect())
            .collect();
        assert_eq!(
            names,
            vec![vec!["a1"], vec!["b1", "b2", "b3"], vec!["c1", "c2"]]
        );
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
