//! Reading ahead for a page of shows. Left to themselves, the fifty `stickers` fields of a page
//! reach their loader one by one, and whether they make one batch depends on how fast the
//! resolvers run (a debug build can take longer than the loader's delay to reach the last show).
//! The page knows its shows before any child field runs, so it reads every child the query
//! selects, for all its shows at once: one batch per kind, whatever the timing. The child
//! fields then find their answers in the request's read-ahead (`read_ahead.rs`).

use async_graphql::dataloader::Loader;
use async_graphql::{Context, Lookahead};

use super::execution::RequestContext;
use super::live_content::LiveContent;
use super::loaders::{RequestLoader, ShowChild, ShowChildren};
use super::read_ahead::{ReadAhead, ReadAheadChild};

/// Reads, for these live contents, the show children that `node` (the page's node selection)
/// asks for. Failures are kept too, so each field reports its own. A subscription reads
/// nothing ahead: its events each read afresh, through the loaders.
pub async fn show_children(ctx: &Context<'_>, node: Lookahead<'_>, contents: &[&LiveContent]) {
    let Ok(context) = RequestContext::of(ctx) else {
        return;
    };
    let Some(ahead) = context.read_ahead() else {
        return;
    };
    let mut ids: Vec<String> = Vec::new();
    let mut channels: Vec<String> = Vec::new();
    for content in contents {
        if let LiveContent::Lisa(show) = content {
            ids.push(show.id.clone());
            channels.extend(show.channel.as_ref().map(|c| c.id.clone()));
        }
    }
    if ids.is_empty() {
        return;
    }
    ids.sort_unstable();
    ids.dedup();
    channels.sort_unstable();
    channels.dedup();
    let loaders = context.loaders();
    let wants_channels = node.field("channel").exists();
    futures::join!(
        children(loaders.show_stickers(), node.field("stickers"), &ids, ahead),
        children(loaders.show_clips(), node.field("shortClips"), &ids, ahead),
        children(loaders.show_snippets(), node.field("snippets"), &ids, ahead),
        async {
            if let (true, Some(loader)) = (wants_channels, loaders.lisa_channel()) {
                let Ok(read) = loader.loader().load(&channels).await;
                ahead.keep_channels(read);
            }
        },
    );
}

async fn children<T>(
    loader: Option<&RequestLoader<ShowChildren<T>>>,
    field: Lookahead<'_>,
    ids: &[String],
    ahead: &ReadAhead,
) where
    T: ShowChild + ReadAheadChild,
{
    if let (true, Some(loader)) = (field.exists(), loader) {
        ahead.keep_children(loader.loader().read(ids).await);
    }
}
