//! Reading ahead for a page of shows. Left to themselves, the fifty `stickers` fields of a page
//! reach their loader one by one, and whether they make one batch depends on how fast the
//! resolvers run (a debug build can take longer than the loader's delay to reach the last show).
//! The page knows its shows before any child field runs, so it reads every child the query
//! selects, for all its shows at once: one batch per kind, whatever the timing. Each show then
//! carries what was read for it (`read_ahead.rs`), where its child fields find it.

use std::sync::Arc;

use async_graphql::dataloader::Loader;
use async_graphql::{Context, Lookahead};

use super::execution::RequestContext;
use super::live_content::LiveContent;
use super::loaders::{Children, OneByOne, RequestLoader, ShowChild, ShowChildren};
use super::read_ahead::{ReadAheadChild, ShowAhead};
use crate::providers::lisa;

/// The page's shows, each with its read-ahead, sorted by id (a show may come twice).
type Shows = Vec<(Arc<lisa::Show>, Arc<ShowAhead>)>;

/// Reads, for these live contents, the show children that `node` (the page's node selection)
/// asks for, and gives each show its own. Failures are kept too, so each field reports its own.
/// A subscription reads nothing ahead: its events each read afresh, through the loaders.
pub async fn show_children<'c>(
    ctx: &Context<'_>,
    node: Lookahead<'_>,
    contents: impl IntoIterator<Item = &'c mut LiveContent>,
) {
    let Ok(context) = RequestContext::of(ctx) else {
        return;
    };
    if !context.reads_ahead() {
        return;
    }
    let mut shows: Shows = Vec::new();
    for content in contents {
        if let LiveContent::Lisa(show) = content {
            let ahead = Arc::new(ShowAhead::default());
            show.ahead = Some(ahead.clone());
            shows.push((show.show.clone(), ahead));
        }
    }
    if shows.is_empty() {
        return;
    }
    shows.sort_unstable_by(|(a, _), (b, _)| a.id.cmp(&b.id));
    let mut ids: Vec<&str> = shows.iter().map(|(show, _)| show.id.as_str()).collect();
    ids.dedup();
    let loaders = context.loaders();
    futures::join!(
        children(
            loaders.show_stickers(),
            node.field("stickers"),
            &ids,
            &shows
        ),
        children(loaders.show_clips(), node.field("shortClips"), &ids, &shows),
        children(
            loaders.show_snippets(),
            node.field("snippets"),
            &ids,
            &shows
        ),
        channels(loaders.lisa_channel(), node.field("channel"), &shows),
    );
}

async fn children<T>(
    loader: Option<&RequestLoader<ShowChildren<T>>>,
    field: Lookahead<'_>,
    ids: &[&str],
    shows: &Shows,
) where
    T: ShowChild + ReadAheadChild,
{
    let (true, Some(loader)) = (field.exists(), loader) else {
        return;
    };
    let keep = |id: &str, read: Children<T>| {
        for (_, ahead) in with_id(shows, id) {
            ahead.keep_children(read.clone());
        }
    };
    loader.loader().read_each(ids, keep).await;
}

/// The channels of the shows, each read once.
async fn channels(
    loader: Option<&RequestLoader<OneByOne<String, Arc<lisa::Channel>>>>,
    field: Lookahead<'_>,
    shows: &Shows,
) {
    let (true, Some(loader)) = (field.exists(), loader) else {
        return;
    };
    let mut ids: Vec<String> = shows
        .iter()
        .filter_map(|(show, _)| Some(show.channel.as_ref()?.id.clone()))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let Ok(read) = loader.loader().load(&ids).await;
    for (show, ahead) in shows {
        let channel = show.channel.as_ref().and_then(|c| read.get(&c.id));
        if let Some(channel) = channel {
            ahead.keep_channel(channel.clone());
        }
    }
}

/// The entries of `shows` (sorted by id) for the show `id`.
fn with_id<'s>(shows: &'s Shows, id: &str) -> &'s [(Arc<lisa::Show>, Arc<ShowAhead>)] {
    let start = shows.partition_point(|(show, _)| show.id.as_str() < id);
    let end = start + shows[start..].partition_point(|(show, _)| show.id == id);
    &shows[start..end]
}
