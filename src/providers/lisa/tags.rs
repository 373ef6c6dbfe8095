//! Which cache tags each LiSA item carries: itself, and the other entities it shows (a show's
//! channel, a story's shows), so that a change to any of them drops the answer.

use super::model::{
    Channel, ProductRef, RtmpKey, ScrollOf, ShortClip, Show, Snippet, Sticker, Story, StoryBadge,
    WebhookEvent, WebhookSubscription,
};
use crate::cache::{EntityType, Tag, Tagged};
use crate::providers::{DroppedItem, Provider};

fn lisa(kind: EntityType, id: &str) -> Tag {
    Tag::entity(Provider::Lisa, kind, id)
}

impl<T: Tagged> Tagged for ScrollOf<T> {
    fn add_tags(&self, tags: &mut Vec<Tag>) {
        self.items.add_tags(tags);
    }

    fn dropped(&self) -> &[DroppedItem] {
        &self.dropped
    }
}

impl Tagged for Show {
    fn add_tags(&self, tags: &mut Vec<Tag>) {
        tags.push(lisa(EntityType::Show, &self.id));
        if let Some(channel) = &self.channel {
            tags.push(lisa(EntityType::Channel, &channel.id));
        }
    }
}

impl Tagged for Channel {
    fn add_tags(&self, tags: &mut Vec<Tag>) {
        tags.push(lisa(EntityType::Channel, &self.id));
        for show in &self.highlighted_shows {
            tags.push(lisa(EntityType::Show, show));
        }
    }
}

impl Tagged for Sticker {
    fn add_tags(&self, tags: &mut Vec<Tag>) {
        tags.push(lisa(EntityType::Sticker, &self.id));
    }
}

impl Tagged for Snippet {
    fn add_tags(&self, tags: &mut Vec<Tag>) {
        tags.push(lisa(EntityType::Snippet, &self.id));
    }
}

impl Tagged for ShortClip {
    fn add_tags(&self, tags: &mut Vec<Tag>) {
        tags.push(lisa(EntityType::ShortClip, &self.id));
    }
}

impl Tagged for Story {
    fn add_tags(&self, tags: &mut Vec<Tag>) {
        tags.push(lisa(EntityType::Story, &self.id));
        if let Some(channel) = &self.channel {
            tags.push(lisa(EntityType::Channel, &channel.id));
        }
        for show in &self.show_ids {
            tags.push(lisa(EntityType::Show, show));
        }
    }
}

impl Tagged for StoryBadge {
    fn add_tags(&self, tags: &mut Vec<Tag>) {
        for story in &self.story_ids {
            tags.push(lisa(EntityType::Story, story));
        }
    }
}

impl Tagged for ProductRef {
    fn add_tags(&self, tags: &mut Vec<Tag>) {
        tags.push(lisa(EntityType::ProductReference, &self.id));
    }
}

impl Tagged for WebhookSubscription {
    fn add_tags(&self, tags: &mut Vec<Tag>) {
        tags.push(lisa(EntityType::WebhookSubscription, &self.id));
    }
}

impl Tagged for WebhookEvent {
    fn add_tags(&self, tags: &mut Vec<Tag>) {
        tags.push(lisa(EntityType::WebhookEvent, &self.id));
    }
}

/// Stream keys are never cached; they carry no tag.
impl Tagged for RtmpKey {
    fn add_tags(&self, _: &mut Vec<Tag>) {}
}
