//! Content events: a live content changed without starting or stopping — edited, published,
//! unpublished or deleted. LiSA's `Show:update`, `publish`, `unpublish` and `delete` webhooks
//! are the source; they travel on the same bus as state events, so a cluster relays them the
//! same way, and a webhook's redelivery is already dropped by its event id (nothing to track).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::EventSource;
use crate::providers::Provider;

/// What happened to a live content.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ContentChange {
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
    pub fn withdraws(self) -> bool {
        matches!(self, Self::Unpublished | Self::Deleted)
    }
}

/// A content change, as subscribers hear it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContentEvent {
    pub provider: Provider,
    /// The provider's id of the show or live.
    pub id: String,
    /// What the content is known by as a channel: a LiSA show's channel id and slug.
    pub channel: Vec<String>,
    pub change: ContentChange,
    /// The provider's names of the fields the change removed or updated, when it says.
    pub changed_fields: Vec<String>,
    /// Whether the public could see the content before the change: a page showing it must hear
    /// of its withdrawal, and nobody else of a draft's.
    pub was_public: bool,
    pub occurred_at: DateTime<Utc>,
    pub source: EventSource,
}
