//! Reading ahead for a page of shows. Left to themselves, the fifty `stickers` fields of a page
//! reach their loader one by one, and whether they make one batch depends on how fast the
//! resolvers run (a debug build can take longer than the loader's delay to reach the last show).
//! The page knows its shows before any child field runs, so it asks the loaders for every child
//! the query selects, for all its shows at once: one batch per kind, whatever the timing. The
//! child fields then find their answers in the request's loader cache.

use async_graphql::{Context, Lookahead};

use super::live_content::LiveContent;
use super::loaders::{RequestLoader, ShowChildren, loaders};
use crate::providers::lisa;

/// Reads, for these live contents, the show children that `node` (the page's node selection)
/// asks for. Failures are kept in the loader cache, so each field reports its own.
pub async fn show_children(ctx: &Context<'_>, node: Lookahead<'_>, contents: &[&LiveContent]) {
    let Ok(loaders) = loaders(ctx) else { return };
    let shows: Vec<&lisa::Show> = contents
        .iter()
        .filter_map(|c| match c {
            LiveContent::Lisa(show) => Some(show.as_ref()),
            LiveContent::Caast(_) => None,
        })
        .collect();
    if shows.is_empty() {
        return;
    }
    let ids: Vec<String> = shows.iter().map(|s| s.id.clone()).collect();
    let mut channels: Vec<String> = shows
        .iter()
        .filter_map(|s| s.channel.as_ref().map(|c| c.id.clone()))
        .collect();
    channels.sort();
    channels.dedup();
    let wants_channels = node.field("channel").exists();
    futures::join!(
        children(loaders.show_stickers(), node.field("stickers"), &ids),
        children(loaders.show_clips(), node.field("shortClips"), &ids),
        children(loaders.show_snippets(), node.field("snippets"), &ids),
        async {
            if let (true, Some(loader)) = (wants_channels, loaders.lisa_channel()) {
                let _ = loader.load_many(channels).await;
            }
        },
    );
}

async fn children<T>(
    loader: Option<&RequestLoader<ShowChildren<T>>>,
    field: Lookahead<'_>,
    ids: &[String],
) where
    T: super::loaders::ShowChild,
{
    if let (true, Some(loader)) = (field.exists(), loader) {
        let _ = loader.load_many(ids.iter().cloned()).await;
    }
}
