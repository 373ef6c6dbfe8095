//! Stories and story badges as they cross the wire.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::super::model::{Story, StoryBadge};
use super::{ChannelRefWire, asset, name_of, text_map};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct StoryWire {
    id: String,
    name: Option<String>,
    title: Option<BTreeMap<String, Option<String>>>,
    status: Option<String>,
    channel: Option<ChannelRefWire>,
    creator: Option<String>,
    category: Option<String>,
    items: Option<Vec<serde_json::Value>>,
    assets: Option<serde_json::Value>,
}

impl StoryWire {
    pub(crate) fn into_story(self) -> Story {
        let shows = self.items.unwrap_or_default().into_iter().filter(|i| {
            i.get("type")
                .and_then(|t| t.as_str())
                .is_none_or(|t| t == "show")
        });
        Story {
            name: self.name.unwrap_or_default(),
            title: text_map(self.title),
            status: self.status,
            channel: self.channel.and_then(ChannelRefWire::into_channel_ref),
            creator: self.creator,
            category: self.category,
            show_ids: shows.filter_map(|i| name_of(&i, "id")).collect(),
            thumbnail_url: asset(&self.assets, "thumbnail"),
            id: self.id,
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct BadgeWire {
    #[serde(rename = "type")]
    kind: Option<String>,
    key: Option<String>,
    name: Option<String>,
    story_count: Option<u64>,
    story_ids: Option<Vec<String>>,
    assets: Option<serde_json::Value>,
}

impl BadgeWire {
    pub(crate) fn into_badge(self) -> StoryBadge {
        StoryBadge {
            group_by: self.kind,
            key: self.key.unwrap_or_default(),
            name: self.name,
            story_count: self.story_count,
            story_ids: self.story_ids.unwrap_or_default(),
            thumbnail_url: asset(&self.assets, "thumbnail"),
        }
    }
}
