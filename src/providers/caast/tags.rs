//! Which cache tags each Caast item carries: itself, and what it embeds (a live's seller and
//! products), so that a change to any of them drops the answer.

use super::model::{
    ChatMessage, Content, Displayed, Live, PageOf, Product, Seller, Timecode, Video,
};
use crate::cache::{EntityType, Tag, Tagged};
use crate::providers::{DroppedItem, Provider};

fn caast(kind: EntityType, id: &str) -> Tag {
    Tag::entity(Provider::Caast, kind, id)
}

impl<T: Tagged> Tagged for PageOf<T> {
    fn add_tags(&self, tags: &mut Vec<Tag>) {
        self.items.add_tags(tags);
    }

    fn dropped(&self) -> &[DroppedItem] {
        &self.dropped
    }
}

/// What a live or a video embeds.
fn add_embedded(content: &Content, tags: &mut Vec<Tag>) {
    content.seller.add_tags(tags);
    content.products.add_tags(tags);
}

impl Tagged for Live {
    fn add_tags(&self, tags: &mut Vec<Tag>) {
        tags.push(caast(EntityType::Live, &self.content.id));
        add_embedded(&self.content, tags);
    }
}

impl Tagged for Video {
    fn add_tags(&self, tags: &mut Vec<Tag>) {
        tags.push(caast(EntityType::Video, &self.content.id));
        add_embedded(&self.content, tags);
    }
}

impl Tagged for Seller {
    fn add_tags(&self, tags: &mut Vec<Tag>) {
        tags.push(caast(EntityType::Seller, &self.id));
    }
}

impl Tagged for Product {
    fn add_tags(&self, tags: &mut Vec<Tag>) {
        tags.push(caast(EntityType::Product, &self.id));
    }
}

impl Tagged for Displayed {
    fn add_tags(&self, tags: &mut Vec<Tag>) {
        match self {
            Displayed::Live(live) => live.add_tags(tags),
            Displayed::Video(video) => video.add_tags(tags),
        }
    }
}

/// A timecode belongs to the content it was read for (tagged by the caller).
impl Tagged for Timecode {
    fn add_tags(&self, _: &mut Vec<Tag>) {}
}

/// Chat messages are never cached.
impl Tagged for ChatMessage {
    fn add_tags(&self, _: &mut Vec<Tag>) {}
}
