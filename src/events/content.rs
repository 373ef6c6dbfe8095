//! Content events: a live content changed without starting or stopping — edited, published,
//! unpublished or deleted. LiSA's `Show:update`, `publish`, `unpublish` and `delete` webhooks
//! are a source, this gateway's own `updateLive` the other (Caast sends no webhooks). They
//! travel on the same bus as state events, so a cluster relays them the same way, and a
//! webhook's redelivery is already dropped by its event id (nothing to track).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::EventSource;
use crate::providers::Provider;

/// What happened to a live content.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) enum ContentChange {
    /// Edited (title, products, dates…).
    Updated,
    /// Published: public from now on.
    Published,
    /// Unpublished: no longer public.
    Unpublished,
    /// Deleted: archived or removed.
    Deleted,
}

impl ContentChange {
    /// Whether the change takes the content away from the public.
    pub(crate) fn withdraws(self) -> bool {
        matches!(self, Self::Unpublished | Self::Deleted)
    }
}

/// A content change, as subscribers hear it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContentEvent {
    pub(crate) provider: Provider,
    /// The provider's id of the show or live.
    pub(crate) id: String,
    /// What the content is known by as a channel: a LiSA show's channel id and slug.
    pub(crate) channel: Vec<String>,
    pub(crate) change: ContentChange,
    /// The provider's names of the fields the change removed or updated, when it says.
    pub(crate) changed_fields: Vec<String>,
    /// Whether the public could see the content before the change: a page showing it must hear
    /// of its withdrawal, and nobody else of a draft's.
    pub(crate) was_public: bool,
    pub(crate) occurred_at: DateTime<Utc>,
    pub(crate) source: EventSource,
}
