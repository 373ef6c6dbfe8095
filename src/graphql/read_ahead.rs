//! What a page of shows read ahead for each of its shows: the stickers, short clips, snippets
//! and channel the query selects, read in one batch per kind before any child field runs
//! (`prefetch.rs`). Each show of the page carries its own (`LisaShow::ahead`), so a child field
//! finds its answer on the show it resolves: no look-up, no lock. Each show keeps its own
//! outcome, so a failed read is reported by each field it concerns.
//!
//! Only an operation that remembers what it read reads ahead: a subscription's events must each
//! read afresh, through the loaders.

use std::sync::{Arc, OnceLock};

use super::loaders::Children;
use crate::providers::UpstreamError;
use crate::providers::lisa::{Channel, ShortClip, Snippet, Sticker};

/// One show's read-ahead: each kind is set once, by its batch, before any child field runs.
#[derive(Default)]
pub(crate) struct ShowAhead {
    stickers: OnceLock<Children<Sticker>>,
    clips: OnceLock<Children<ShortClip>>,
    snippets: OnceLock<Children<Snippet>>,
    channel: OnceLock<Result<Arc<Channel>, UpstreamError>>,
}

impl std::fmt::Debug for ShowAhead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ShowAhead").finish_non_exhaustive()
    }
}

/// A kind of show child, and where a show's read-ahead keeps it.
pub(crate) trait ReadAheadChild: Sized {
    fn of(ahead: &ShowAhead) -> &OnceLock<Children<Self>>;
}

impl ReadAheadChild for Sticker {
    fn of(ahead: &ShowAhead) -> &OnceLock<Children<Self>> {
        &ahead.stickers
    }
}

impl ReadAheadChild for ShortClip {
    fn of(ahead: &ShowAhead) -> &OnceLock<Children<Self>> {
        &ahead.clips
    }
}

impl ReadAheadChild for Snippet {
    fn of(ahead: &ShowAhead) -> &OnceLock<Children<Self>> {
        &ahead.snippets
    }
}

impl ShowAhead {
    /// Keeps the children read for this show (the first read kept stands).
    pub(crate) fn keep_children<T: ReadAheadChild>(&self, read: Children<T>) {
        let _ = T::of(self).set(read);
    }

    /// The children read ahead for this show, if they were.
    pub(crate) fn children<T: ReadAheadChild>(&self) -> Option<Children<T>> {
        T::of(self).get().cloned()
    }

    /// Keeps the show's channel as read.
    pub(crate) fn keep_channel(&self, read: Result<Arc<Channel>, UpstreamError>) {
        let _ = self.channel.set(read);
    }

    /// The show's channel, if it was read ahead.
    pub(crate) fn channel(&self) -> Option<Result<Arc<Channel>, UpstreamError>> {
        self.channel.get().cloned()
    }
}
