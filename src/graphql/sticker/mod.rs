//! `Sticker`: a LiSA sticker (voucher, poll, product card…) shown on a show, every documented
//! field, its texts in the caller's locale, and the show it is on.

pub(crate) mod mutations;
pub(crate) mod query;

use std::sync::Arc;

use crate::graphql::date_time::Rfc3339;
use async_graphql::{Context, ID, Json, Object};
use ref_cast::RefCast;

use crate::graphql::ids::{GlobalId, NodeKind};
use crate::graphql::live_content::LiveContent;
use crate::graphql::loaders::{load, loaders};
use crate::graphql::locale::{Translation, localized, translations};
use crate::graphql::paging::shared_list::Wraps;
use crate::graphql::resolver::boxed_output::Boxed;
use crate::graphql::resolver::field_errors::nullable;
use crate::providers::{Provider, lisa};

/// An interactive overlay on a LiSA show.
#[derive(Clone, Debug, RefCast)]
#[repr(transparent)]
pub(crate) struct Sticker(pub Arc<lisa::Sticker>);

impl Wraps for Sticker {
    type Item = lisa::Sticker;
    type Lent<'a> = &'a Sticker;

    fn wrap(item: &Arc<lisa::Sticker>) -> &Sticker {
        Sticker::ref_cast(item)
    }
}

impl Sticker {
    pub(crate) async fn load(ctx: &Context<'_>, id: &str) -> async_graphql::Result<Self> {
        let loaders = loaders(ctx)?;
        Ok(Self(
            load(loaders.lisa_sticker(), Provider::Lisa, id.to_string()).await?,
        ))
    }

    pub(crate) fn global_id(&self) -> GlobalId {
        GlobalId::new(NodeKind::Sticker, Provider::Lisa, &self.0.id)
    }
}

/// An interactive overlay on a LiSA show.
#[Object]
impl Sticker {
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

    /// The kind of sticker (`voucher`, `poll`, `product`…), as LiSA names it.
    async fn sticker_type(&self) -> Option<&str> {
        self.0.sticker_type.as_deref()
    }

    /// What a tap does (`modal`, `link`…), as LiSA names it.
    async fn action_behavior(&self) -> Option<&str> {
        self.0.action_behavior.as_deref()
    }

    /// Where a tap leads, as LiSA describes it.
    async fn action_target(&self) -> Option<Json<&serde_json::Value>> {
        self.0.action_target.as_ref().map(Json)
    }

    /// When the sticker shows, as LiSA describes it.
    async fn activation(&self) -> Option<Json<&serde_json::Value>> {
        self.0.activation.as_ref().map(Json)
    }

    /// When the sticker stops showing, as LiSA describes it.
    async fn expiry(&self) -> Option<Json<&serde_json::Value>> {
        self.0.expiry.as_ref().map(Json)
    }

    /// Asset URLs by name (image…).
    async fn assets(&self) -> Option<Json<&serde_json::Value>> {
        self.0.assets.as_ref().map(Json)
    }

    /// The badge's title, in the locale.
    async fn badge_title(
        &self,
        ctx: &Context<'_>,
        #[graphql(name = "locale", desc = "A locale such as `de-de`.")] locale_arg: Option<String>,
    ) -> Option<&str> {
        localized(ctx, &self.0.badge_title, locale_arg.as_deref())
    }

    /// The badge's title in every language it has.
    async fn badge_title_translations(&self) -> Vec<Translation> {
        translations(&self.0.badge_title)
    }

    /// The badge's subtitle, in the locale.
    async fn badge_subtitle(
        &self,
        ctx: &Context<'_>,
        #[graphql(name = "locale", desc = "A locale such as `de-de`.")] locale_arg: Option<String>,
    ) -> Option<&str> {
        localized(ctx, &self.0.badge_subtitle, locale_arg.as_deref())
    }

    /// The badge's subtitle in every language it has.
    async fn badge_subtitle_translations(&self) -> Vec<Translation> {
        translations(&self.0.badge_subtitle)
    }

    /// The card's title, in the locale.
    async fn card_title(
        &self,
        ctx: &Context<'_>,
        #[graphql(name = "locale", desc = "A locale such as `de-de`.")] locale_arg: Option<String>,
    ) -> Option<&str> {
        localized(ctx, &self.0.card_title, locale_arg.as_deref())
    }

    /// The card's title in every language it has.
    async fn card_title_translations(&self) -> Vec<Translation> {
        translations(&self.0.card_title)
    }

    /// The card's text, in the locale.
    async fn card_text(
        &self,
        ctx: &Context<'_>,
        #[graphql(name = "locale", desc = "A locale such as `de-de`.")] locale_arg: Option<String>,
    ) -> Option<&str> {
        localized(ctx, &self.0.card_text, locale_arg.as_deref())
    }

    /// The card's text in every language it has.
    async fn card_text_translations(&self) -> Vec<Translation> {
        translations(&self.0.card_text)
    }

    /// The card's disclaimer, in the locale.
    async fn card_disclaimer(
        &self,
        ctx: &Context<'_>,
        #[graphql(name = "locale", desc = "A locale such as `de-de`.")] locale_arg: Option<String>,
    ) -> Option<&str> {
        localized(ctx, &self.0.card_disclaimer, locale_arg.as_deref())
    }

    /// The card's disclaimer in every language it has.
    async fn card_disclaimer_translations(&self) -> Vec<Translation> {
        translations(&self.0.card_disclaimer)
    }

    /// LiSA's id of the media item (show) the sticker is on.
    async fn media_item_id(&self) -> Option<&str> {
        self.0.media_item_id.as_deref()
    }

    /// The kind of media item (`live`…).
    async fn media_item_type(&self) -> Option<&str> {
        self.0.media_item_type.as_deref()
    }

    /// The show the sticker is on (one request: LiSA's show by `mediaItemId`).
    async fn live_content(&self, ctx: &Context<'_>) -> Boxed<Option<LiveContent>> {
        let Some(id) = self.0.media_item_id.as_deref() else {
            return Boxed(None);
        };
        let read =
            crate::graphql::live_content::query::load_live_content(ctx, Provider::Lisa, id).await;
        Boxed(nullable(ctx, read))
    }

    /// Whether the sticker is enabled.
    async fn is_enabled(&self) -> Option<bool> {
        self.0.is_enabled
    }

    /// Whether the sticker is locked against edits.
    async fn is_locked(&self) -> Option<bool> {
        self.0.is_locked
    }

    /// Where the sticker is in its life, as LiSA words it (its reference shows `ready`, and
    /// lists no other value).
    async fn status(&self) -> Option<&str> {
        self.0.status.as_deref()
    }

    /// Which LiSA client the sticker belongs to, as LiSA gives it (LiSA's reference shows an
    /// object and documents none of its fields).
    async fn client_identity(&self) -> Option<Json<&serde_json::Value>> {
        self.0.client_identity.as_ref().map(Json)
    }

    /// LiSA's bookkeeping of the sticker, as LiSA gives it (an object whose fields LiSA's
    /// reference does not document).
    async fn meta(&self) -> Option<Json<&serde_json::Value>> {
        self.0.meta.as_ref().map(Json)
    }

    /// Whether the sticker is published.
    async fn is_published(&self) -> Option<bool> {
        self.0.is_published
    }

    /// When it was published.
    async fn published_at(&self) -> Option<Rfc3339> {
        self.0.published_at.map(Rfc3339)
    }

    /// The sticker's type-specific details (voucher code, poll options…), as LiSA gives them.
    async fn sticker_details(&self) -> Option<Json<&serde_json::Value>> {
        self.0.details.as_ref().map(Json)
    }
}
