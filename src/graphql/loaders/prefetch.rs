//! Reading ahead for a page of shows. Left to themselves, the fifty `stickers` fields of a page
//! reach their loader one by one, and whether they make one batch depends on how fast the
//! resolvers run (a debug build can take longer than the loader's delay to reach the last show).
//! The page knows its shows before any child field runs, so it reads every child the query
//! selects, for all its shows at once: one batch per kind, whatever the timing. Each show then
//! carries what was read for it (`read_ahead.rs`), where its child fields find it.

use std::sync::Arc;

use async_graphql::{Context, Lookahead};

use crate::graphql::channel::Channel as GqlChannel;
use crate::graphql::execution::RequestContext;
use crate::graphql::live_content::{LisaShow, LiveContent};
use crate::graphql::loaders::read_ahead::{PageAhead, ReadAheadChild, ShowAhead};
use crate::graphql::loaders::{
    Children, Loaders, OneByOne, RequestLoader, ShowChild, ShowChildren, ShowGroups,
};
use crate::providers::UpstreamError;
use crate::providers::lisa::{Channel, ShortClip, Snippet, Sticker};

/// Reads, for these live contents, the show children that `node` (the page's node selection)
/// asks for, and gives each show its own. Failures are kept too, so each field reports its own.
/// A subscription reads nothing ahead: its events each read afresh, through the loaders.
pub(crate) async fn show_children<'c>(
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
    let mut shows: Vec<&mut LisaShow> = contents
        .into_iter()
        .filter_map(|content| match content {
            LiveContent::Lisa(show) => Some(show),
            LiveContent::Caast(_) => None,
        })
        .collect();
    if shows.is_empty() {
        return;
    }
    shows.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    let distinct: Vec<&LisaShow> = {
        let mut distinct: Vec<&LisaShow> = shows.iter().map(|show| &**show).collect();
        distinct.dedup_by(|a, b| a.id == b.id);
        distinct
    };
    let read = read_for(context.loaders(), node, &distinct).await;
    let mut read = PageAhead::each(read);
    let mut current = None;
    for at in 0..shows.len() {
        if at == 0 || shows[at].id != shows[at - 1].id {
            current = read.next();
        }
        shows[at].ahead = current.clone();
    }
}

/// What the selection asks of these shows (each given once), one read-ahead per show.
async fn read_for(loaders: &Loaders, node: Lookahead<'_>, shows: &[&LisaShow]) -> Vec<ShowAhead> {
    let ids: Vec<&str> = shows.iter().map(|show| show.id.as_str()).collect();
    let groups = ShowGroups::of(&ids);
    let (stickers, clips, snippets, channels) = futures::join!(
        children::<Sticker>(loaders.show_stickers(), node.field("stickers"), &groups),
        children::<ShortClip>(loaders.show_clips(), node.field("shortClips"), &groups),
        children::<Snippet>(loaders.show_snippets(), node.field("snippets"), &groups),
        channels(loaders.lisa_channel(), node.field("channel"), shows),
    );
    let mut aheads: Vec<ShowAhead> = shows.iter().map(|_| ShowAhead::default()).collect();
    fill(&mut aheads, stickers);
    fill(&mut aheads, clips);
    fill(&mut aheads, snippets);
    for (ahead, channel) in aheads.iter_mut().zip(channels) {
        ahead.channel = channel;
    }
    aheads
}

fn fill<T: ReadAheadChild>(aheads: &mut [ShowAhead], read: Vec<Option<Children<T>>>) {
    for (ahead, read) in aheads.iter_mut().zip(read) {
        *T::of(ahead) = read;
    }
}

/// One kind of children of these shows, if the selection asks for it (`None` for each show
/// otherwise).
async fn children<T: ShowChild>(
    loader: Option<&RequestLoader<ShowChildren<T>>>,
    field: Lookahead<'_>,
    shows: &ShowGroups,
) -> Vec<Option<Children<T>>> {
    let mut read = vec![None; shows.len()];
    if let (true, Some(loader)) = (field.exists(), loader) {
        let keep = |at: usize, children: Children<T>| read[at] = Some(children);
        loader.loader().read_each(shows, keep).await;
    }
    read
}

/// The channel of each of these shows, if the selection asks for it; each channel read once,
/// and shared by its shows.
async fn channels(
    loader: Option<&RequestLoader<OneByOne<String, Arc<Channel>>>>,
    field: Lookahead<'_>,
    shows: &[&LisaShow],
) -> Vec<Option<Arc<Result<GqlChannel, UpstreamError>>>> {
    let (true, Some(loader)) = (field.exists(), loader) else {
        return vec![None; shows.len()];
    };
    let mut ids: Vec<&str> = shows
        .iter()
        .filter_map(|show| Some(show.channel.as_ref()?.id.as_str()))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let keys: Vec<String> = ids.iter().map(|id| id.to_string()).collect();
    let read: Vec<_> = (loader.loader().read(&keys).await.into_iter())
        .map(|read| Arc::new(read.map(GqlChannel)))
        .collect();
    shows
        .iter()
        .map(|show| {
            let at = ids
                .binary_search(&show.channel.as_ref()?.id.as_str())
                .ok()?;
            Some(Arc::clone(&read[at]))
        })
        .collect()
}
