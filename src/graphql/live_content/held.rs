//! A live content as an operation holds it, and what the gateway asks of it outside GraphQL:
//! its provider, id, date, state and whether the public may see it. Its GraphQL fields are in
//! the parent module.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::events::LiveState;
use crate::graphql::ids::{GlobalId, NodeKind};
use crate::graphql::loaders::read_ahead::PageAhead;
use crate::providers::{Provider, caast, lisa};

/// A live shopping stream: a Caast live or a LiSA show.
#[derive(Clone, Debug)]
pub(crate) enum LiveContent {
    Caast(Arc<caast::Live>),
    Lisa(LisaShow),
}

/// A LiSA show as an operation holds it: the provider cache's shared item, and what the page it
/// came in read ahead for it (none for a show met alone, or in a subscription).
#[derive(Clone, Debug)]
pub(crate) struct LisaShow {
    pub(crate) show: Arc<lisa::Show>,
    pub(crate) ahead: Option<PageAhead>,
}

impl std::ops::Deref for LisaShow {
    type Target = lisa::Show;

    fn deref(&self) -> &lisa::Show {
        &self.show
    }
}

impl LiveContent {
    /// A LiSA show with nothing read ahead.
    pub(crate) fn lisa(show: Arc<lisa::Show>) -> Self {
        Self::Lisa(LisaShow { show, ahead: None })
    }
}

impl LiveContent {
    pub(crate) fn provider(&self) -> Provider {
        match self {
            Self::Caast(_) => Provider::Caast,
            Self::Lisa(_) => Provider::Lisa,
        }
    }

    /// Whether the public may see it: a Caast live always, a LiSA show once published.
    pub(crate) fn is_public(&self) -> bool {
        match self {
            Self::Caast(_) => true,
            Self::Lisa(show) => show.is_published(),
        }
    }

    pub(crate) fn provider_id(&self) -> &str {
        match self {
            Self::Caast(live) => live.id(),
            Self::Lisa(show) => &show.id,
        }
    }

    pub(crate) fn scheduled_at(&self) -> Option<DateTime<Utc>> {
        match self {
            Self::Caast(live) => live.start_date,
            Self::Lisa(show) => show.date,
        }
    }

    pub(crate) fn state(&self) -> LiveState {
        match self {
            Self::Caast(live) => LiveState::of_caast(live.state),
            Self::Lisa(show) if show.is_live => LiveState::Live,
            Self::Lisa(show) if show.is_conducted => LiveState::Ended,
            Self::Lisa(_) => LiveState::Scheduled,
        }
    }

    pub(super) fn caast(&self) -> Option<&caast::Live> {
        match self {
            Self::Caast(live) => Some(live),
            Self::Lisa(_) => None,
        }
    }

    pub(crate) fn global_id(&self) -> GlobalId {
        GlobalId::new(NodeKind::LiveContent, self.provider(), self.provider_id())
    }
}
