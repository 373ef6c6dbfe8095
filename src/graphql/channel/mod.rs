//! `Channel`: a LiSA channel, with its texts in the caller's language and its shows.

pub(crate) mod mutations;
pub(crate) mod query;

use std::sync::Arc;

use async_graphql::{Context, ID, Json, Object};

use crate::graphql::execution::RequestContext;
use crate::graphql::ids::{GlobalId, NodeKind};
use crate::graphql::live_content::LiveContent;
use crate::graphql::live_content::query::{
    LiveContentFilter, list_live_contents, load_live_content,
};
use crate::graphql::live_content::show_filter::ShowFilter;
use crate::graphql::loaders::load;
use crate::graphql::locale::{Translation, localized, translations};
use crate::graphql::paging::connection::{LiveContentConnection, StoryConnection, page_cost};
use crate::graphql::resolver::boxed_output::Boxed;
use crate::graphql::resolver::field_errors::read_each;
use crate::graphql::story::query::list_stories;

use crate::providers::{Provider, lisa};

/// A LiSA channel: a collection of shows under one brand or theme.
#[derive(Clone, Debug)]
pub(crate) struct Channel(pub Arc<lisa::Channel>);

impl Channel {
    /// A channel by id or slug, through the request's loader.
    pub(crate) async fn load(ctx: &Context<'_>, id: &str) -> async_graphql::Result<Self> {
        let loaders = RequestContext::of(ctx)?.loaders();
        // Boxed: a loader's future is large, and every field of a show holds this one.
        let loaded = load(loaders.lisa_channel(), Provider::Lisa, id.to_string());
        Ok(Self(Box::pin(loaded).await?))
    }

    pub(crate) fn global_id(&self) -> GlobalId {
        GlobalId::new(NodeKind::Channel, Provider::Lisa, &self.0.id)
    }
}

/// A LiSA channel: a collection of shows under one brand or theme.
#[Object]
impl Channel {
    /// Global, opaque id; `node(id:)` resolves it.
    pub(crate) async fn id(&self) -> ID {
        self.global_id().encode()
    }

    /// LiSA's own id (a UUID).
    async fn provider_id(&self) -> &str {
        &self.0.id
    }

    /// The channel's slug (what `liveContents(filter: {channel: …})` takes).
    async fn slug(&self) -> &str {
        &self.0.slug
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

    /// The description, in `locale` (else the request's `Accept-Language`, else the fallback).
    async fn description(
        &self,
        ctx: &Context<'_>,
        #[graphql(name = "locale", desc = "A locale such as `de-de`.")] locale_arg: Option<String>,
    ) -> Option<&str> {
        localized(ctx, &self.0.description, locale_arg.as_deref())
    }

    /// The description in every language it has.
    async fn description_translations(&self) -> Vec<Translation> {
        translations(&self.0.description)
    }

    /// `draft`, `processing`, `ready` or `archived`.
    async fn status(&self) -> Option<&str> {
        self.0.status.as_deref()
    }

    /// The merchant's page where the channel's videos are.
    async fn url(&self) -> Option<&str> {
        self.0.url.as_deref()
    }

    /// Usernames of the channel's hosts.
    async fn hosts(&self) -> &[String] {
        &self.0.hosts
    }

    /// Asset URLs by name (logo, banner…), as LiSA gives them.
    async fn assets(&self) -> Option<Json<&serde_json::Value>> {
        self.0.assets.as_ref().map(Json)
    }

    /// Which LiSA client the channel belongs to, as LiSA gives it (LiSA's reference shows an
    /// object and documents none of its fields).
    async fn client_identity(&self) -> Option<Json<&serde_json::Value>> {
        self.0.client_identity.as_ref().map(Json)
    }

    /// LiSA's bookkeeping of the channel, as LiSA gives it (an object whose fields LiSA's
    /// reference does not document).
    async fn meta(&self) -> Option<Json<&serde_json::Value>> {
        self.0.meta.as_ref().map(Json)
    }

    /// LiSA's `useOrOperator` flag, as LiSA gives it (its reference documents only the name).
    async fn use_or_operator(&self) -> Option<bool> {
        self.0.use_or_operator
    }

    /// The shows the channel puts forward (one that cannot be read is left out, with an error).
    async fn highlighted_shows(&self, ctx: &Context<'_>) -> Vec<LiveContent> {
        let read = |id: String| async move { load_live_content(ctx, Provider::Lisa, &id).await };
        read_each(ctx, &self.0.highlighted_shows, read).await
    }

    /// The channel's shows, newest first.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn live_contents(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many items (0 to 100, default 20).")] first: Option<i32>,
        #[graphql(desc = "The `endCursor` of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<Boxed<LiveContentConnection>> {
        let lisa = ShowFilter {
            channel: Some(self.0.slug.clone()),
            ..Default::default()
        };
        let filter = LiveContentFilter {
            provider: Some(Provider::Lisa.into()),
            lisa,
            ..Default::default()
        };
        // Boxed, as `LiveContent`'s large fields are: a show's `channel { name }` allocates
        // as much as the largest field of `Channel`.
        Box::pin(list_live_contents(ctx, filter, None, first, after))
            .await
            .map(Boxed)
    }

    /// The channel's stories.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn stories(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many items (0 to 100, default 20).")] first: Option<i32>,
        #[graphql(desc = "The `endCursor` of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<Boxed<StoryConnection>> {
        Box::pin(list_stories(ctx, Some(self.0.slug.clone()), first, after))
            .await
            .map(Boxed)
    }
}
