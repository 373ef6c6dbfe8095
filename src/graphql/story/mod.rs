//! `Story` and `StoryBadge`: LiSA's short sequences of shows, and their groupings.

pub(crate) mod query;

use std::sync::Arc;

use async_graphql::{Context, ID, Object};

use crate::graphql::channel::Channel;

use crate::graphql::ids::{GlobalId, NodeKind};
use crate::graphql::live_content::LiveContent;
use crate::graphql::live_content::query::load_live_content;
use crate::graphql::loaders::{load, loaders};
use crate::graphql::locale::{Translation, localized, translations};
use crate::graphql::resolver::field_errors::{nullable, read_each};
use crate::providers::{Provider, lisa};

/// A LiSA story: a short sequence of shows from a channel or a creator.
#[derive(Clone, Debug)]
pub(crate) struct Story(pub Arc<lisa::Story>);

impl Story {
    pub(crate) async fn load(ctx: &Context<'_>, id: &str) -> async_graphql::Result<Self> {
        let loaders = loaders(ctx)?;
        Ok(Self(
            load(loaders.lisa_story(), Provider::Lisa, id.to_string()).await?,
        ))
    }

    pub(crate) fn global_id(&self) -> GlobalId {
        GlobalId::new(NodeKind::Story, Provider::Lisa, &self.0.id)
    }
}

/// A LiSA story: a short sequence of shows from a channel or a creator.
#[Object]
impl Story {
    /// Global, opaque id; `node(id:)` resolves it.
    pub(crate) async fn id(&self) -> ID {
        self.global_id().encode()
    }

    /// LiSA's own id (a UUID).
    async fn provider_id(&self) -> &str {
        &self.0.id
    }

    /// The internal name.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// The title, in `locale` (else the request's `Accept-Language`, else the fallback).
    async fn title(
        &self,
        ctx: &Context<'_>,
        #[graphql(name = "locale", desc = "A locale such as `de-de`.")] locale_arg: Option<String>,
    ) -> Option<&str> {
        localized(ctx, &self.0.title, locale_arg.as_deref())
    }

    /// The title in every language it has.
    async fn title_translations(&self) -> Vec<Translation> {
        translations(&self.0.title)
    }

    /// LiSA's status of the story.
    async fn status(&self) -> Option<&str> {
        self.0.status.as_deref()
    }

    /// The channel the story belongs to.
    async fn channel(&self, ctx: &Context<'_>) -> Option<Channel> {
        let channel = self.0.channel.as_ref()?;
        nullable(ctx, Channel::load(ctx, &channel.id).await)
    }

    /// The creator's username.
    async fn creator(&self) -> Option<&str> {
        self.0.creator.as_deref()
    }

    /// The category slug.
    async fn category(&self) -> Option<&str> {
        self.0.category.as_deref()
    }

    /// The shows of the story, in order (one that cannot be read is left out, with an error).
    async fn live_contents(&self, ctx: &Context<'_>) -> Vec<LiveContent> {
        let read = |id: String| async move { load_live_content(ctx, Provider::Lisa, &id).await };
        read_each(ctx, &self.0.show_ids, read).await
    }

    /// A picture of the story.
    async fn thumbnail_url(&self) -> Option<&str> {
        self.0.thumbnail_url.as_deref()
    }
}

/// The stories of one category, channel or creator, grouped as LiSA shows them.
#[derive(Clone, Debug)]
pub(crate) struct StoryBadge(pub Arc<lisa::StoryBadge>);

/// The stories of one category, channel or creator, grouped as LiSA shows them.
#[Object]
impl StoryBadge {
    /// What the badge groups by: `category`, `channel` or `creator`.
    async fn group_by(&self) -> Option<&str> {
        self.0.group_by.as_deref()
    }

    /// The category slug, channel slug or creator username.
    async fn key(&self) -> &str {
        &self.0.key
    }

    /// The name to show.
    async fn name(&self) -> Option<&str> {
        self.0.name.as_deref()
    }

    /// How many stories the badge holds.
    async fn story_count(&self) -> Option<u64> {
        self.0.story_count
    }

    /// The stories (one that cannot be read is left out, with an error).
    async fn stories(&self, ctx: &Context<'_>) -> Vec<Story> {
        let read = |id: String| async move { Story::load(ctx, &id).await };
        read_each(ctx, &self.0.story_ids, read).await
    }

    /// A picture of the badge.
    async fn thumbnail_url(&self) -> Option<&str> {
        self.0.thumbnail_url.as_deref()
    }
}
