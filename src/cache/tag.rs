//! What a cache entry is about, so that a change can find every entry it makes wrong. An entry
//! is tagged with each entity it contains (`lisa:show:<id>`) and, when it answers a list or a
//! count, with that list (`lisa:shows`). Invalidating an entity drops every entry that shows it.

use std::fmt;
use std::sync::Arc;

use crate::providers::{DroppedItem, Provider};

/// The kinds of things the providers serve, as tags and `POST /internal/cache/invalidate` name
/// them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum EntityType {
    Live,
    Video,
    Product,
    Seller,
    Show,
    Channel,
    Sticker,
    Snippet,
    Story,
    StoryBadge,
    ShortClip,
    ProductReference,
    WebhookSubscription,
    WebhookEvent,
}

impl EntityType {
    const ALL: [EntityType; 14] = [
        Self::Live,
        Self::Video,
        Self::Product,
        Self::Seller,
        Self::Show,
        Self::Channel,
        Self::Sticker,
        Self::Snippet,
        Self::Story,
        Self::StoryBadge,
        Self::ShortClip,
        Self::ProductReference,
        Self::WebhookSubscription,
        Self::WebhookEvent,
    ];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Live => "live",
            Self::Video => "video",
            Self::Product => "product",
            Self::Seller => "seller",
            Self::Show => "show",
            Self::Channel => "channel",
            Self::Sticker => "sticker",
            Self::Snippet => "snippet",
            Self::Story => "story",
            Self::StoryBadge => "story_badge",
            Self::ShortClip => "short_clip",
            Self::ProductReference => "product_reference",
            Self::WebhookSubscription => "webhook_subscription",
            Self::WebhookEvent => "webhook_event",
        }
    }

    fn plural(self) -> &'static str {
        match self {
            Self::Story => "stories",
            Self::Live => "lives",
            other => other.name(),
        }
    }

    /// The type a name (`show`, `short_clip`…) stands for.
    pub(crate) fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.name() == name)
    }

    pub(crate) fn names() -> impl Iterator<Item = &'static str> {
        Self::ALL.into_iter().map(Self::name)
    }
}

/// One tag: an entity of a provider, or every list (and count) of one type.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Tag {
    pub(crate) provider: Provider,
    pub(crate) kind: EntityType,
    /// `None`: the lists of `kind`.
    pub(crate) id: Option<Arc<str>>,
}

impl Tag {
    pub(crate) fn entity(provider: Provider, kind: EntityType, id: &str) -> Self {
        Self {
            provider,
            kind,
            id: Some(Arc::from(id)),
        }
    }

    pub(crate) fn list(provider: Provider, kind: EntityType) -> Self {
        Self {
            provider,
            kind,
            id: None,
        }
    }

    pub(crate) fn is_of(&self, provider: Provider, kind: EntityType) -> bool {
        self.provider == provider && self.kind == kind
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let provider = self.provider.as_str();
        match &self.id {
            Some(id) => write!(f, "{provider}:{}:{id}", self.kind.name()),
            None => match self.kind.plural() {
                plural if plural == self.kind.name() => write!(f, "{provider}:{plural}s"),
                plural => write!(f, "{provider}:{plural}"),
            },
        }
    }
}

/// A type travels by its name (replicas tell each other what they invalidated).
impl serde::Serialize for EntityType {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// A tag as replicas send it to each other.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct WireTag {
    provider: Provider,
    #[serde(rename = "type")]
    kind: String,
    id: Option<String>,
}

impl From<&Tag> for WireTag {
    fn from(tag: &Tag) -> Self {
        Self {
            provider: tag.provider,
            kind: tag.kind.name().to_string(),
            id: tag.id.as_deref().map(str::to_string),
        }
    }
}

impl TryFrom<WireTag> for Tag {
    type Error = String;

    fn try_from(wire: WireTag) -> Result<Self, String> {
        let kind = EntityType::parse(&wire.kind).ok_or(format!("unknown type {:?}", wire.kind))?;
        Ok(match wire.id {
            Some(id) => Tag::entity(wire.provider, kind, &id),
            None => Tag::list(wire.provider, kind),
        })
    }
}

/// A provider answer that knows which entities it contains (and which items it left out).
pub(crate) trait Tagged {
    fn add_tags(&self, tags: &mut Vec<Tag>);

    /// The items of the answer that could not be read: every request using it reports them.
    fn dropped(&self) -> &[DroppedItem] {
        &[]
    }
}

impl<T: Tagged> Tagged for Vec<T> {
    fn add_tags(&self, tags: &mut Vec<Tag>) {
        self.iter().for_each(|item| item.add_tags(tags));
    }
}

impl<T: Tagged> Tagged for Option<T> {
    fn add_tags(&self, tags: &mut Vec<Tag>) {
        if let Some(item) = self {
            item.add_tags(tags);
        }
    }
}

/// A shared answer (or item) is about what it holds.
impl<T: Tagged + ?Sized> Tagged for Arc<T> {
    fn add_tags(&self, tags: &mut Vec<Tag>) {
        (**self).add_tags(tags);
    }

    fn dropped(&self) -> &[DroppedItem] {
        (**self).dropped()
    }
}

/// A count contains no entity (its list tag is given by the caller).
impl Tagged for u64 {
    fn add_tags(&self, _: &mut Vec<Tag>) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_read_as_the_design_names_them() {
        let show = Tag::entity(Provider::Lisa, EntityType::Show, "abc");
        assert_eq!(show.to_string(), "lisa:show:abc");
        assert_eq!(
            Tag::list(Provider::Lisa, EntityType::Show).to_string(),
            "lisa:shows"
        );
        assert_eq!(
            Tag::list(Provider::Caast, EntityType::Live).to_string(),
            "caast:lives"
        );
        assert_eq!(
            Tag::list(Provider::Lisa, EntityType::Story).to_string(),
            "lisa:stories"
        );
    }

    #[test]
    fn every_type_parses_from_its_name() {
        for name in EntityType::names() {
            assert_eq!(EntityType::parse(name).map(EntityType::name), Some(name));
        }
        assert_eq!(EntityType::parse("shows"), None);
    }
}
