//! The filters only LiSA applies to live contents, flattened into `liveContents`' filter.

use crate::graphql::arguments::filter_clash::first_set;
use crate::graphql::date_time::Rfc3339;
use async_graphql::{Enum, InputObject};

use crate::providers::lisa;

/// Where a LiSA show is in its editorial life.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum ShowStatus {
    /// Being prepared; not public.
    Draft,
    /// Published.
    Ready,
    /// Withdrawn; not public.
    Archived,
}

impl ShowStatus {
    /// LiSA's word for a status, read back (`None`: a word the reference does not list).
    pub(crate) fn from_lisa(status: &str) -> Option<Self> {
        [Self::Draft, Self::Ready, Self::Archived]
            .into_iter()
            .find(|known| known.as_lisa() == status)
    }

    fn as_lisa(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Ready => "ready",
            Self::Archived => "archived",
        }
    }
}

/// Filters LiSA applies to shows. Caast cannot apply them, so a list using one holds no Caast
/// lives. A list filter (`creator`, `category`, `tag`) keeps shows matching any of its values.
#[derive(InputObject, Default, Clone, Debug)]
#[graphql(name = "ShowFilter")]
pub(crate) struct ShowFilter {
    /// In the channel with this slug (LiSA only).
    pub(crate) channel: Option<String>,
    /// Presented by any of these creators (usernames; LiSA only).
    pub(crate) creator: Option<Vec<String>>,
    /// In any of these categories (slugs; LiSA only).
    pub(crate) category: Option<Vec<String>>,
    /// With any of these tags (slugs; LiSA only).
    pub(crate) tag: Option<Vec<String>>,
    /// Whether the show has been held (LiSA only).
    pub(crate) conducted: Option<bool>,
    /// Scheduled at or after this instant (LiSA only).
    pub(crate) scheduled_after: Option<Rfc3339>,
    /// Scheduled at or before this instant (LiSA only).
    pub(crate) scheduled_before: Option<Rfc3339>,
    /// Modified after this instant (LiSA only).
    pub(crate) modified_since: Option<Rfc3339>,
    /// In any of these statuses (LiSA only). Without it, only published (`READY`) shows are
    /// listed; `DRAFT` and `ARCHIVED` need the operator token.
    pub(crate) status: Option<Vec<ShowStatus>>,
}

impl ShowFilter {
    /// Whether any filter is set.
    pub(crate) fn is_set(&self) -> bool {
        self.first_set().is_some()
    }

    /// The argument path of a filter that is set (`filter.search`), if any.
    pub(crate) fn first_set(&self) -> Option<&'static str> {
        let listed = |list: &Option<Vec<String>>| list.as_ref().is_some_and(|v| !v.is_empty());
        first_set([
            ("filter.channel", self.channel.is_some()),
            ("filter.creator", listed(&self.creator)),
            ("filter.category", listed(&self.category)),
            ("filter.tag", listed(&self.tag)),
            ("filter.conducted", self.conducted.is_some()),
            ("filter.scheduledAfter", self.scheduled_after.is_some()),
            ("filter.scheduledBefore", self.scheduled_before.is_some()),
            ("filter.modifiedSince", self.modified_since.is_some()),
            ("filter.status", self.status.is_some()),
        ])
    }

    /// Whether the filter asks for shows that are not public.
    pub(crate) fn wants_unpublished(&self) -> bool {
        self.status
            .iter()
            .flatten()
            .any(|s| *s != ShowStatus::Ready)
    }

    /// Writes the filters into a show query (the state filter may already have set `conducted`;
    /// an explicit `conducted` narrows further).
    pub(crate) fn apply(&self, query: &mut lisa::ShowQuery) {
        let iso = |d: &Option<Rfc3339>| d.map(Rfc3339::to_lisa);
        query.channel = self.channel.clone();
        query.creators = self.creator.clone().unwrap_or_default();
        query.categories = self.category.clone().unwrap_or_default();
        query.tags = self.tag.clone().unwrap_or_default();
        query.conducted = self.conducted.or(query.conducted);
        query.date_from = iso(&self.scheduled_after);
        query.date_to = iso(&self.scheduled_before);
        query.modified_since = iso(&self.modified_since);
        let statuses = self.status.as_deref().unwrap_or(&[ShowStatus::Ready]);
        query.statuses = statuses.iter().map(|s| s.as_lisa().to_string()).collect();
    }
}
