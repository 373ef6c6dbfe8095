//! What a page of shows read ahead for each of its shows: the stickers, short clips, snippets
//! and channel the query selects, read in one batch per kind before any child field runs
//! (`prefetch.rs`). Each show of the page carries its own (`LisaShow::ahead`), so a child field
//! finds its answer on the show it resolves: no look-up, no lock. Each show keeps its own
//! outcome, so a failed read is reported by each field it concerns.
//!
//! Only an operation that remembers what it read reads ahead: a subscription's events must each
//! read afresh, through the loaders.

use std::sync::Arc;

use crate::graphql::channel::Channel;
use crate::graphql::loaders::Children;
use crate::providers::UpstreamError;
use crate::providers::lisa::{ShortClip, Snippet, Sticker};

/// One show's read-ahead; a kind the query did not select was not read (`None`).
#[derive(Default)]
pub(crate) struct ShowAhead {
    pub(crate) stickers: Option<Children<Sticker>>,
    pub(crate) clips: Option<Children<ShortClip>>,
    pub(crate) snippets: Option<Children<Snippet>>,
    /// The GraphQL channel itself, so that the show's `channel` field lends it: the shows of
    /// a page with the same channel share the request's one read of it, and the cached item's
    /// count (which every request on every core shares) is not touched by every show.
    pub(crate) channel: Option<Arc<Result<Channel, UpstreamError>>>,
}

impl std::fmt::Debug for ShowAhead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ShowAhead").finish_non_exhaustive()
    }
}

/// A show's read-ahead within its page's: the page's are one allocation, shared by its shows,
/// not one per show.
#[derive(Clone)]
pub(crate) struct PageAhead {
    page: Arc<[ShowAhead]>,
    at: usize,
}

impl PageAhead {
    /// Each show's read-ahead, in the order of `page`.
    pub(crate) fn each(page: Vec<ShowAhead>) -> impl Iterator<Item = PageAhead> {
        let page: Arc<[ShowAhead]> = page.into();
        (0..page.len()).map(move |at| PageAhead {
            page: page.clone(),
            at,
        })
    }
}

impl std::ops::Deref for PageAhead {
    type Target = ShowAhead;

    fn deref(&self) -> &ShowAhead {
        &self.page[self.at]
    }
}

impl std::fmt::Debug for PageAhead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

/// A kind of show child, and where a show's read-ahead keeps it.
pub(crate) trait ReadAheadChild: Sized {
    fn of(ahead: &mut ShowAhead) -> &mut Option<Children<Self>>;

    /// The children read ahead for this show, if they were.
    fn read(ahead: &ShowAhead) -> Option<&Children<Self>>;
}

macro_rules! read_ahead_child {
    ($($child:ty => $field:ident),*) => {
        $(impl ReadAheadChild for $child {
            fn of(ahead: &mut ShowAhead) -> &mut Option<Children<Self>> {
                &mut ahead.$field
            }

            fn read(ahead: &ShowAhead) -> Option<&Children<Self>> {
                ahead.$field.as_ref()
            }
        })*
    };
}

read_ahead_child!(Sticker => stickers, ShortClip => clips, Snippet => snippets);
