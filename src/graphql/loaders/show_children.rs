//! The children of many LiSA shows in as few requests as LiSA allows: one list request names
//! every show of the batch (`media_item_id=a,b,c` for stickers, `show_id=a,b,c` for clips and
//! snippets) and pages through the answer. A batch is split only where the ids would make the
//! URL too long. The children are the provider cache's own items, shared (`Arc`): sorting them
//! by show copies references, never the items.

use std::collections::HashMap;
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

type FetchPage<T> = dyn Fn(Vec<String>, Option<String>, u32) -> BoxFuture<'static, Result<Scroll<T>, UpstreamError>>
    + Send
    + Sync;

pub struct ShowChildren<T> {
    fetch: Arc<FetchPage<T>>,
}

impl<T: ShowChild> ShowChildren<T> {
    /// `fetch(show_ids, cursor, limit)` reads one page of the children of these shows.
    pub fn new<F, Fut>(fetch: F) -> Self
    where
        F: Fn(Vec<String>, Option<String>, u32) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<Scroll<T>, UpstreamError>> + Send + 'static,
    {
        Self {
            fetch: Arc::new(move |ids, cursor, limit| Box::pin(fetch(ids, cursor, limit))),
        }
    }

    /// Every child of these shows, page after page.
    async fn read_all(&self, show_ids: Vec<String>) -> Result<Vec<Arc<T>>, UpstreamError> {
        Scroll::read_all(MAX_PAGES, |cursor| {
            (self.fetch)(show_ids.clone(), cursor, PAGE)
        })
        .await
    }
}

/// The shows split into groups whose comma-separated ids fit one URL. Sorted first: the same
/// shows, however the loader gathered them, make the same URLs, which the cache then answers.
fn groups(show_ids: &[String]) -> Vec<Vec<String>> {
    let mut sorted: Vec<&String> = show_ids.iter().collect();
    sorted.sort_unstable();
    let mut groups: Vec<Vec<String>> = Vec::new();
    let mut bytes = 0;
    for id in sorted {
        match groups.last_mut() {
            Some(group) if bytes + id.len() < MAX_IDS_BYTES => group.push(id.clone()),
            _ => {
                groups.push(vec![id.clone()]);
                bytes = 0;
            }
        }
        bytes += id.len() + 1;
    }
    groups
}

impl<T: ShowChild> Loader<String> for ShowChildren<T> {
    type Value = Result<Arc<Vec<Arc<T>>>, UpstreamError>;
    type Error = std::convert::Infallible;

    async fn load(
        &self,
        show_ids: &[String],
    ) -> Result<HashMap<String, Self::Value>, std::convert::Infallible> {
        let span = tracing::info_span!(
            "loader_batch",
            loader = std::any::type_name::<T>(),
            keys = show_ids.len()
        );
        let batches = groups(show_ids).into_iter().map(|group| async move {
            let children = self.read_all(group.clone()).await;
            (group, children)
        });
        let mut answers = HashMap::new();
        for (group, children) in join_all(batches).instrument(span).await {
            let mut by_show = children.map(by_show);
            for show in group {
                let answer = match &mut by_show {
                    Ok(by_show) => Ok(Arc::new(by_show.remove(&show).unwrap_or_default())),
                    Err(error) => Err(error.clone()),
                };
                answers.insert(show, answer);
            }
        }
        Ok(answers)
    }
}

/// The children of a batch, grouped by the show each names (one that names none belongs to no
/// show asked for). The children are moved, not copied.
fn by_show<T: ShowChild>(children: Vec<Arc<T>>) -> HashMap<String, Vec<Arc<T>>> {
    let mut by_show: HashMap<String, Vec<Arc<T>>> = HashMap::new();
    for child in children {
        if let Some(show) = child.show_id() {
            by_show.entry(show.to_string()).or_default().push(child);
        }
    }
    by_show
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_grouped_only_when_the_url_would_grow_too_long() {
        let uuid = "3203d9eb-e87b-49cc-9090-90d0db301a8e".to_string();
        assert_eq!(groups(&vec![uuid.clone(); 100]).len(), 1);
        let many = vec![uuid; 300];
        let split = groups(&many);
        assert!(split.len() > 1);
        assert!(split.iter().all(|g| g.join(",").len() <= MAX_IDS_BYTES));
        assert_eq!(split.iter().map(Vec::len).sum::<usize>(), 300);
    }
}
