//! What a page of shows read ahead for its shows' child fields: every sticker, short clip,
//! snippet and channel the query selects, read in one batch per kind before any child field
//! runs (`prefetch.rs`). A child field looks its show up here first: one hash look-up, where a
//! dataloader would take a lock, build two hash maps and copy its key for every one of a page's
//! hundreds of fields. Each show keeps its own outcome, so a failed read is reported by each
//! field it concerns.
//!
//! It lives as long as the operation's context, and only an operation that remembers what it
//! read has one: a subscription's events must each read afresh.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use foldhash::fast::RandomState;

use super::loaders::Children;
use crate::providers::UpstreamError;
use crate::providers::lisa::{Channel, ShortClip, Snippet, Sticker};

type ByKey<V> = HashMap<String, V, RandomState>;

#[derive(Default)]
pub(crate) struct ReadAhead {
    kept: Mutex<Kept>,
}

#[derive(Default)]
pub(crate) struct Kept {
    stickers: ByKey<Children<Sticker>>,
    clips: ByKey<Children<ShortClip>>,
    snippets: ByKey<Children<Snippet>>,
    /// By the id the shows name them with.
    channels: ByKey<Result<Arc<Channel>, UpstreamError>>,
}

/// A kind of show child, and where its read-ahead is kept.
pub(crate) trait ReadAheadChild: Sized {
    fn of(kept: &mut Kept) -> &mut ByKey<Children<Self>>;
}

impl ReadAheadChild for Sticker {
    fn of(kept: &mut Kept) -> &mut ByKey<Children<Self>> {
        &mut kept.stickers
    }
}

impl ReadAheadChild for ShortClip {
    fn of(kept: &mut Kept) -> &mut ByKey<Children<Self>> {
        &mut kept.clips
    }
}

impl ReadAheadChild for Snippet {
    fn of(kept: &mut Kept) -> &mut ByKey<Children<Self>> {
        &mut kept.snippets
    }
}

impl ReadAhead {
    /// Keeps the children read for each of these shows.
    pub(crate) fn keep_children<T: ReadAheadChild>(
        &self,
        read: impl IntoIterator<Item = (String, Children<T>)>,
    ) {
        T::of(&mut self.lock()).extend(read);
    }

    /// The children read ahead for `show_id`, if they were.
    pub(crate) fn children<T: ReadAheadChild>(&self, show_id: &str) -> Option<Children<T>> {
        T::of(&mut self.lock()).get(show_id).cloned()
    }

    /// Keeps the channels read, by id.
    pub(crate) fn keep_channels(
        &self,
        read: impl IntoIterator<Item = (String, Result<Arc<Channel>, UpstreamError>)>,
    ) {
        self.lock().channels.extend(read);
    }

    /// The channel read ahead under `id`, if it was.
    pub(crate) fn channel(&self, id: &str) -> Option<Result<Arc<Channel>, UpstreamError>> {
        self.lock().channels.get(id).cloned()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Kept> {
        self.kept.lock().unwrap_or_else(|e| e.into_inner())
    }
}
