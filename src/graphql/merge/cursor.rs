//! The merged list's cursor: each provider's position, plus the fingerprint of the list it was
//! made for, so a cursor cannot be replayed against another filter and silently skip a provider.

use std::collections::BTreeMap;
use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};

use crate::error::{ErrorCode, graphql_error};
use crate::providers::Provider;

/// Which page of a provider's list: a Caast page number, or a LiSA cursor (absent for the first
/// batch) with the `limit` it was asked with (a LiSA cursor is only valid with its limit). A
/// source's first page names the largest limit it may ask.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(untagged)]
pub enum PageRef {
    Number(u32),
    Cursor { c: Option<String>, l: u32 },
}

impl PageRef {
    /// Whether a page from a client's cursor is one this source could have produced: the same
    /// kind as its first page, a page number from 1, a LiSA limit from 1 to the source's largest
    /// and a LiSA cursor LiSA could have written (it is passed on to LiSA as it is).
    fn fits(&self, first_page: &PageRef) -> bool {
        match (self, first_page) {
            (Self::Number(n), Self::Number(_)) => *n >= 1,
            (Self::Cursor { c, l }, Self::Cursor { l: largest, .. }) => {
                (1..=*largest).contains(l) && c.as_deref().is_none_or(is_plausible_lisa_cursor)
            }
            _ => false,
        }
    }

    /// The first page, asking no more than a page of `wanted` items needs: a LiSA batch is
    /// limited to `wanted`, a Caast page has a fixed size.
    pub fn sized_for(&self, wanted: usize) -> PageRef {
        match self {
            Self::Cursor { c: None, l } => Self::Cursor {
                c: None,
                l: u32::try_from(wanted).unwrap_or(u32::MAX).clamp(1, *l),
            },
            other => other.clone(),
        }
    }
}

/// A provider's position: the page holding its next item, that item's offset in the page, and
/// how many of the provider's items the list has shown so far (ties in the order go to the
/// provider that has shown fewer, so providers with no order between them alternate).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Position {
    pub p: PageRef,
    pub o: usize,
    pub n: u64,
}

/// Every provider's position after some item of a merged list; a provider absent is exhausted.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeCursor {
    /// The fingerprint of the list (its filter and order).
    pub f: String,
    pub at: BTreeMap<Provider, Position>,
}

/// Each provider's position, in the providers' order (`None`: exhausted). Kept inline: a page
/// keeps one per item.
pub type Positions = [Option<Position>; 2];

/// The cursor after one item of a page, encoded only if a client asks for it: a page of fifty
/// items whose cursors nobody selects costs no encoding. Shares the list's fingerprint.
#[derive(Clone, Debug)]
pub struct EdgeCursor {
    fingerprint: Arc<str>,
    at: Positions,
}

impl EdgeCursor {
    pub fn new(fingerprint: Arc<str>, at: Positions) -> Self {
        Self { fingerprint, at }
    }

    /// Where `provider`'s position is kept in [`Positions`].
    pub fn slot(provider: Provider) -> usize {
        match provider {
            Provider::Caast => 0,
            Provider::Lisa => 1,
        }
    }

    /// The text a client passes as `after`, the same as [`MergeCursor::encode`]'s (the
    /// positions are written as its map is: by provider, the exhausted left out).
    pub fn encode(&self) -> String {
        struct At<'a>(&'a Positions);
        impl Serialize for At<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let providers = [Provider::Caast, Provider::Lisa];
                let kept = providers
                    .iter()
                    .zip(self.0)
                    .filter_map(|(p, at)| Some((p, at.as_ref()?)));
                serializer.collect_map(kept)
            }
        }
        #[derive(Serialize)]
        struct Borrowed<'a> {
            f: &'a str,
            at: At<'a>,
        }
        let cursor = Borrowed {
            f: &self.fingerprint,
            at: At(&self.at),
        };
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(&cursor).expect("cursor serialises"))
    }
}

impl MergeCursor {
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(self).expect("cursor serialises"))
    }

    /// Decodes a client's `after` for the list `fingerprint`, whose sources start at `first_pages`.
    pub fn decode(
        text: &str,
        fingerprint: &str,
        first_pages: &[(Provider, &PageRef)],
    ) -> async_graphql::Result<Self> {
        let cursor: Self = URL_SAFE_NO_PAD
            .decode(text)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .ok_or_else(not_a_cursor)?;
        let fits = |(provider, first): &(Provider, &PageRef)| {
            cursor.at.get(provider).is_none_or(|pos| pos.p.fits(first))
        };
        if cursor.f != fingerprint || !first_pages.iter().all(fits) {
            return Err(not_a_cursor());
        }
        Ok(cursor)
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
