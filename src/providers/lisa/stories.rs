//! Stories: find, count, find one, and story badges (stories grouped by category, channel or creator).

use std::sync::Arc;

use super::model::{Scroll, Story, StoryBadge};
use super::query::{Pairs, scroll_pairs};
use super::{LisaClient, wire};
use crate::cache::EntityType;
use crate::providers::UpstreamError;

impl LisaClient {
    /// `GET /stories`: one batch of stories (of the channel with this slug, when given).
    pub(crate) async fn stories(
        &self,
        channel: Option<&str>,
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<Scroll<Story>, UpstreamError> {
        let mut pairs = scroll_pairs(cursor, limit);
        pairs.extend(channel_pair(channel));
        self.list(
            ("stories.find", EntityType::Story),
            &["stories"],
            pairs,
            wire::StoryWire::into_story,
        )
        .await
    }

    /// `GET /stories/count`.
    pub(crate) async fn count_stories(&self, channel: Option<&str>) -> Result<u64, UpstreamError> {
        self.count(
            ("stories.count", EntityType::Story),
            &["stories", "count"],
            channel_pair(channel),
        )
        .await
    }

    /// `GET /stories/{id}`.
    pub(crate) async fn story(&self, id: &str) -> Result<Arc<Story>, UpstreamError> {
        self.find_one(
            "stories.get",
            "story",
            &["stories"],
            id,
            wire::StoryWire::into_story,
        )
        .await
    }

    /// `GET /stories/badges`: one batch of badges, grouped by `category`, `channel` or `creator`.
    pub(crate) async fn story_badges(
        &self,
        group_by: &str,
        channel: Option<&str>,
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<Scroll<StoryBadge>, UpstreamError> {
        let mut pairs = scroll_pairs(cursor, limit);
        pairs.push(("group_by", group_by.to_string()));
        pairs.extend(channel_pair(channel));
        self.list(
            ("stories.badges", EntityType::StoryBadge),
            &["stories", "badges"],
            pairs,
            wire::BadgeWire::into_badge,
        )
        .await
    }
}

fn channel_pair(channel: Option<&str>) -> Pairs {
    channel
        .map(|slug| ("channel", slug.to_string()))
        .into_iter()
        .collect()
}
