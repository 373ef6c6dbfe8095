//! The merged list's cursor: each provider's position, bound to the list it was made for, so a
//! cursor cannot be replayed against another filter and silently skip a provider. Its text is
//! short and opaque (see `encoding.rs`).

mod encoding;

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use crate::error::{ErrorCode, graphql_error};
use crate::providers::Provider;

/// Which page of a provider's list: a Caast page number, or a LiSA cursor (absent for the first
/// batch) with the `limit` it was asked with (a LiSA cursor is only valid with its limit). A
/// source's first page names the largest limit it may ask.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum PageRef {
    Number(u32),
    Cursor { cursor: Option<String>, limit: u32 },
}

impl PageRef {
    /// Whether a page from a client's cursor is one this source could have produced: the same
    /// kind as its first page, a page number from 1, a LiSA limit from 1 to the source's largest
    /// and a LiSA cursor LiSA could have written (it is passed on to LiSA as it is).
    fn fits(&self, first_page: &PageRef) -> bool {
        match (self, first_page) {
            (Self::Number(n), Self::Number(_)) => *n >= 1,
            (Self::Cursor { cursor, limit }, Self::Cursor { limit: largest, .. }) => {
                (1..=*largest).contains(limit)
                    && cursor.as_deref().is_none_or(is_plausible_lisa_cursor)
            }
            _ => false,
        }
    }

    /// The first page, asking no more than a page of `wanted` items needs: a LiSA batch is
    /// limited to `wanted`, a Caast page has a fixed size.
    pub(crate) fn sized_for(&self, wanted: usize) -> PageRef {
        match self {
            Self::Cursor {
                cursor: None,
                limit,
            } => Self::Cursor {
                cursor: None,
                limit: u32::try_from(wanted).unwrap_or(u32::MAX).clamp(1, *limit),
            },
            other => other.clone(),
        }
    }
}

/// A provider's position: the page holding its next item, that item's offset in the page, and
/// how many of the provider's items the list has shown so far (ties in the order go to the
/// provider that has shown fewer, so providers with no order between them alternate).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Position {
    pub(crate) page: PageRef,
    pub(crate) offset: usize,
    pub(crate) shown: u64,
}

/// Every provider's position after some item of a merged list; a provider absent is exhausted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct MergeCursor {
    pub(crate) at: BTreeMap<Provider, Position>,
}

/// Each provider's position, in the providers' order (`None`: exhausted). Kept inline: a page
/// keeps one per item.
pub(crate) type Positions = [Option<Position>; 2];

/// Which list a cursor belongs to: a digest of the list's fingerprint (its filter and order),
/// so a cursor says nothing of the filter and cannot be replayed against another one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ListId([u8; 16]);

impl ListId {
    pub(crate) fn of(fingerprint: &str) -> Self {
        let digest = Sha256::digest(fingerprint.as_bytes());
        let mut id = [0; 16];
        id.copy_from_slice(&digest[..16]);
        Self(id)
    }
}

/// The cursor after one item of a page, encoded only if a client asks for it: a page of fifty
/// items whose cursors nobody selects costs no encoding.
#[derive(Clone, Debug)]
pub(crate) struct EdgeCursor {
    list: ListId,
    at: Positions,
}

impl EdgeCursor {
    pub(crate) fn new(list: ListId, at: Positions) -> Self {
        Self { list, at }
    }

    /// Where `provider`'s position is kept in [`Positions`].
    pub(crate) fn slot(provider: Provider) -> usize {
        match provider {
            Provider::Caast => 0,
            Provider::Lisa => 1,
        }
    }

    /// The text a client passes as `after`, the same as [`MergeCursor::encode`]'s.
    pub(crate) fn encode(&self) -> String {
        let providers = [Provider::Caast, Provider::Lisa];
        let at = providers
            .iter()
            .zip(&self.at)
            .filter_map(|(p, at)| Some((*p, at.as_ref()?)));
        encoding::encode(&self.list, at)
    }
}

impl MergeCursor {
    /// The cursor's text (pages write theirs from their positions; tests from a whole cursor).
    #[cfg(test)]
    pub(crate) fn encode(&self, list: &ListId) -> String {
        encoding::encode(list, self.at.iter().map(|(p, at)| (*p, at)))
    }

    /// Decodes a client's `after` for the list `list`, whose sources start at `first_pages`.
    pub(crate) fn decode(
        text: &str,
        list: &ListId,
        first_pages: &[(Provider, &PageRef)],
    ) -> async_graphql::Result<Self> {
        let at = encoding::decode(text, list).ok_or_else(not_a_cursor)?;
        let fits = |(provider, first): &(Provider, &PageRef)| {
            at.get(provider).is_none_or(|pos| pos.page.fits(first))
        };
        if !first_pages.iter().all(fits) {
            return Err(not_a_cursor());
        }
        Ok(Self { at })
    }
}

/// Longest LiSA cursor passed on, in bytes. LiSA documents its cursor as an opaque string and
/// shows a 28-character example; 512 leaves it ample room to grow.
const MAX_LISA_CURSOR_BYTES: usize = 512;

/// A LiSA cursor as LiSA writes them (its example is base64): not empty, at most
/// [`MAX_LISA_CURSOR_BYTES`], and only base64's characters, either alphabet, with padding.
/// Anything else was forged, and is refused before it reaches LiSA.
fn is_plausible_lisa_cursor(cursor: &str) -> bool {
    !cursor.is_empty()
        && cursor.len() <= MAX_LISA_CURSOR_BYTES
        && cursor
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'+' | b'/' | b'='))
}

fn not_a_cursor() -> async_graphql::Error {
    graphql_error(
        ErrorCode::BadUserInput,
        "`after` is not a cursor of this list (with this filter)",
    )
}
