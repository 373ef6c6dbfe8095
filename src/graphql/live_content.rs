//! `LiveContent`: a Caast live or a LiSA show, behind one GraphQL type. Each field says how it
//! reads either provider's item, so the mapping lives in one place.

use std::sync::Arc;

use async_graphql::{Enum, ID, Object};
use chrono::{DateTime, Utc};

use super::ids::{GlobalId, NodeKind};
use crate::providers::{Provider, caast, lisa};

/// Where a live content is in its life.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum LiveState {
    /// Planned, not started yet.
    Scheduled,
    /// Streaming now.
    Live,
    /// Over (a replay may exist).
    Ended,
}

/// A live shopping stream: a Caast live or a LiSA show.
#[derive(Clone, Debug)]
pub enum LiveContent {
    Caast(Arc<caast::Live>),
    Lisa(Arc<lisa::Show>),
}

impl LiveContent {
    pub fn provider(&self) -> Provider {
        match self {
            Self::Caast(_) => Provider::Caast,
            Self::Lisa(_) => Provider::Lisa,
        }
    }

    pub fn provider_id(&self) -> &str {
        match self {
            Self::Caast(live) => &live.id,
            Self::Lisa(show) => &show.id,
        }
    }

    pub fn scheduled_at(&self) -> Option<DateTime<Utc>> {
        match self {
            Self::Caast(live) => live.start_date,
            Self::Lisa(show) => show.date,
        }
    }

    pub fn state(&self) -> LiveState {
        match self {
            Self::Caast(live) => match live.state {
                caast::LiveState::NotStarted => LiveState::Scheduled,
                caast::LiveState::Started => LiveState::Live,
                caast::LiveState::Finished => LiveState::Ended,
            },
            Self::Lisa(show) if show.is_live => LiveState::Live,
            Self::Lisa(show) if show.is_conducted => LiveState::Ended,
            Self::Lisa(_) => LiveState::Scheduled,
        }
    }

    pub fn global_id(&self) -> GlobalId {
        GlobalId::new(NodeKind::LiveContent, self.provider(), self.provider_id())
    }
}

/// A live shopping stream: a Caast live or a LiSA show.
#[Object]
impl LiveContent {
    /// Global, opaque id; `node(id:)` resolves it.
    pub async fn id(&self) -> ID {
        self.global_id().encode()
    }

    /// The provider this live content comes from.
    #[graphql(name = "provider")]
    async fn provider_field(&self) -> Provider {
        self.provider()
    }

    /// The provider's own id (a Caast live id, a LiSA show UUID).
    #[graphql(name = "providerId")]
    async fn provider_id_field(&self) -> &str {
        self.provider_id()
    }

    async fn title(&self) -> &str {
        match self {
            Self::Caast(live) => &live.name,
            Self::Lisa(show) => show.title.resolve(None).unwrap_or(&show.name),
        }
    }

    async fn description(&self) -> Option<&str> {
        match self {
            Self::Caast(live) => live.description.as_deref(),
            Self::Lisa(show) => show.description.resolve(None),
        }
    }

    #[graphql(name = "state")]
    async fn state_field(&self) -> LiveState {
        self.state()
    }

    /// When the stream is (or was) planned to start.
    #[graphql(name = "scheduledAt")]
    async fn scheduled_at_field(&self) -> Option<DateTime<Utc>> {
        self.scheduled_at()
    }

    async fn thumbnail_url(&self) -> Option<&str> {
        match self {
            Self::Caast(live) => live.thumbnail_url.as_deref(),
            Self::Lisa(show) => show.thumbnail_url.as_deref(),
        }
    }

    /// The HLS playlist of the stream (or its replay).
    async fn hls_url(&self) -> Option<&str> {
        match self {
            Self::Caast(live) => live.hls_url.as_deref(),
            Self::Lisa(show) => show.hls_url.as_deref(),
        }
    }

    async fn tags(&self) -> &[String] {
        match self {
            Self::Caast(live) => &live.tags,
            Self::Lisa(show) => &show.tags,
        }
    }
}
