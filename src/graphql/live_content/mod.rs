//! `LiveContent`: a Caast live or a LiSA show, behind one GraphQL type. Each field says how it
//! reads either provider's item, so the mapping lives in one place.
//!
//! Fields that read more than the item box that work (`Box::pin`): async-graphql allocates,
//! for every field it resolves, a future the size of the object's largest field's, so one
//! large field inline would make the page's hundreds of `title`s cost as much as it.

pub(crate) mod chat;
pub(crate) mod content_filter;
pub(crate) mod content_parts;
mod held;
pub(crate) mod live_state;
pub(crate) mod mutations;
pub(crate) mod query;
pub(crate) mod show_children;
pub(crate) mod show_filter;
pub(crate) mod stream_credentials;
pub(crate) mod subscriptions;

use std::borrow::Cow;

use crate::graphql::date_time::Rfc3339;
use async_graphql::{Context, ErrorExtensions, ID, Object};

use crate::graphql::channel::Channel;
use crate::graphql::live_content::chat::{ChatMessage, EventTimecode};
use crate::graphql::live_content::live_state::GqlLiveState;
use crate::graphql::live_content::show_filter::ShowStatus;
use crate::graphql::live_content::stream_credentials::StreamCredential;
use crate::graphql::loaders::Loaders;
use crate::graphql::locale::{Translation, localized, translations};
use crate::graphql::paging::connection::{ProductConnection, UPSTREAM_CALL_COST, page_cost};
use crate::graphql::paging::shared_list::SharedList;
use crate::graphql::provider::GqlProvider;
use crate::graphql::resolver::boxed_output::Boxed;
use crate::graphql::resolver::clients;
use crate::graphql::resolver::field_errors::nullable;
use crate::graphql::seller::Seller;
use crate::graphql::snippet::Snippet;
use crate::graphql::sticker::Sticker;
use crate::graphql::video::Video;
use crate::providers::caast;

pub(crate) use crate::events::LiveState;
pub(crate) use held::{LisaShow, LiveContent};

/// A live shopping stream: a Caast live or a LiSA show.
#[Object]
impl LiveContent {
    /// Global, opaque id; `node(id:)` resolves it.
    pub(crate) async fn id(&self) -> ID {
        self.global_id().encode()
    }

    /// The provider this live content comes from.
    #[graphql(name = "provider")]
    async fn provider_field(&self) -> GqlProvider {
        self.provider().into()
    }

    /// The provider's own id (a Caast live id, a LiSA show UUID).
    #[graphql(name = "providerId")]
    async fn provider_id_field(&self) -> &str {
        self.provider_id()
    }

    /// A LiSA show's internal name, which its editors know it by (null for a Caast live).
    async fn name(&self) -> Option<&str> {
        match self {
            Self::Caast(_) => None,
            Self::Lisa(show) => Some(&show.name),
        }
    }

    /// Where a LiSA show is in its editorial life: a draft, published (`READY`) or archived
    /// (null for a Caast live, which has no such status, and for a status LiSA does not list).
    async fn status(&self) -> Option<ShowStatus> {
        match self {
            Self::Caast(_) => None,
            Self::Lisa(show) => ShowStatus::from_lisa(show.status.as_deref().unwrap_or("ready")),
        }
    }

    /// The title. A LiSA show's is read in `locale` (else the request's `Accept-Language`, else
    /// LiSA's fallback), and is its internal name when it has none.
    async fn title(
        &self,
        ctx: &Context<'_>,
        #[graphql(name = "locale", desc = "A locale such as `de-de` (LiSA texts).")]
        locale_arg: Option<String>,
    ) -> &str {
        match self {
            Self::Caast(live) => &live.content.name,
            Self::Lisa(show) => {
                localized(ctx, &show.title, locale_arg.as_deref()).unwrap_or(&show.name)
            }
        }
    }

    /// The description (a LiSA show's in the locale, as for `title`).
    async fn description(
        &self,
        ctx: &Context<'_>,
        #[graphql(name = "locale", desc = "A locale such as `de-de` (LiSA texts).")]
        locale_arg: Option<String>,
    ) -> Option<&str> {
        match self {
            Self::Caast(live) => live.content.description.as_deref(),
            Self::Lisa(show) => localized(ctx, &show.description, locale_arg.as_deref()),
        }
    }

    /// The title in every language it has (a Caast live's single title has locale `*`).
    async fn title_translations(&self) -> Vec<Translation> {
        match self {
            Self::Caast(live) => vec![Translation {
                locale: "*".into(),
                text: live.content.name.clone(),
            }],
            Self::Lisa(show) => translations(&show.title),
        }
    }

    /// The description in every language it has (a Caast live's single one has locale `*`).
    async fn description_translations(&self) -> Vec<Translation> {
        match self {
            Self::Caast(live) => live
                .content
                .description
                .iter()
                .map(|text| Translation {
                    locale: "*".into(),
                    text: text.clone(),
                })
                .collect(),
            Self::Lisa(show) => translations(&show.description),
        }
    }

    /// The LiSA channel the show belongs to (null for a Caast live).
    async fn channel(&self, ctx: &Context<'_>) -> Option<Cow<'_, Channel>> {
        let Self::Lisa(show) = self else { return None };
        let channel = show.channel.as_ref()?;
        match show
            .ahead
            .as_ref()
            .and_then(|ahead| ahead.channel.as_deref())
        {
            Some(Ok(read)) => Some(Cow::Borrowed(read)),
            Some(Err(error)) => nullable(ctx, Err(error.clone().extend())),
            None => nullable(ctx, Channel::load(ctx, &channel.id).await).map(Cow::Owned),
        }
    }

    /// The stickers on a LiSA show (empty for a Caast live): every one (the shows of a request in one batch).
    #[graphql(complexity = "UPSTREAM_CALL_COST + child_complexity")]
    async fn stickers(&self, ctx: &Context<'_>) -> async_graphql::Result<SharedList<Sticker>> {
        match self {
            Self::Lisa(show) => show_children::children(ctx, show, Loaders::show_stickers).await,
            Self::Caast(_) => Ok(SharedList::empty()),
        }
    }

    /// The snippets cut from a LiSA show (empty for a Caast live): every one (the shows of a request in one batch).
    #[graphql(complexity = "UPSTREAM_CALL_COST + child_complexity")]
    async fn snippets(&self, ctx: &Context<'_>) -> async_graphql::Result<SharedList<Snippet>> {
        match self {
            Self::Lisa(show) => show_children::children(ctx, show, Loaders::show_snippets).await,
            Self::Caast(_) => Ok(SharedList::empty()),
        }
    }

    /// The short clips cut from a LiSA show (empty for a Caast live): every one (the shows of a request in one batch).
    #[graphql(complexity = "UPSTREAM_CALL_COST + child_complexity")]
    async fn short_clips(&self, ctx: &Context<'_>) -> async_graphql::Result<SharedList<Video>> {
        match self {
            Self::Lisa(show) => show_children::children(ctx, show, Loaders::show_clips).await,
            Self::Caast(_) => Ok(SharedList::empty()),
        }
    }

    /// Usernames of the creators presenting a LiSA show (empty for a Caast live).
    async fn creators(&self) -> &[String] {
        match self {
            Self::Caast(_) => &[],
            Self::Lisa(show) => &show.creators,
        }
    }

    /// Category slugs of a LiSA show (empty for a Caast live).
    async fn categories(&self) -> &[String] {
        match self {
            Self::Caast(_) => &[],
            Self::Lisa(show) => &show.categories,
        }
    }

    /// Scheduled, live or ended.
    #[graphql(name = "state")]
    async fn state_field(&self) -> GqlLiveState {
        self.state().into()
    }

    /// When the stream is (or was) planned to start.
    #[graphql(name = "scheduledAt")]
    async fn scheduled_at_field(&self) -> Option<Rfc3339> {
        self.scheduled_at().map(Rfc3339)
    }

    /// Landscape picture.
    async fn thumbnail_url(&self) -> Option<&str> {
        match self {
            Self::Caast(live) => live.content.thumbnail_url.as_deref(),
            Self::Lisa(show) => show.thumbnail_url.as_deref(),
        }
    }

    /// The HLS playlist of the stream (or its replay).
    async fn hls_url(&self) -> Option<&str> {
        match self {
            Self::Caast(live) => live.content.hls_url.as_deref(),
            Self::Lisa(show) => show.hls_url.as_deref(),
        }
    }

    /// The tags.
    async fn tags(&self) -> &[String] {
        match self {
            Self::Caast(live) => &live.content.tags,
            Self::Lisa(show) => &show.tags,
        }
    }

    /// Portrait picture.
    async fn portrait_thumbnail_url(&self) -> Option<&str> {
        match self {
            Self::Caast(live) => live.content.portrait_thumbnail_url.as_deref(),
            Self::Lisa(show) => show.portrait_thumbnail_url.as_deref(),
        }
    }

    /// How Caast's player shows it (Caast only).
    async fn display_mode(&self) -> Option<&str> {
        self.caast()
            .and_then(|live| live.content.display_mode.as_deref())
    }

    /// Where playback starts, as Caast writes it (Caast only).
    async fn start_at_timecode(&self) -> Option<&str> {
        self.caast()
            .and_then(|live| live.content.start_at_timecode.as_deref())
    }

    /// The website that shared this live with the app, when it is not the app's own (Caast only).
    async fn shared_by_website(&self) -> Option<&str> {
        self.caast()
            .and_then(|live| live.content.shared_by_website.as_deref())
    }

    /// The seller the live belongs to (Caast; no extra request: it comes with the live).
    async fn seller(&self) -> Boxed<Option<Seller>> {
        Boxed(
            self.caast()
                .and_then(|live| content_parts::seller(&live.content)),
        )
    }

    /// The products shown in the live. Caast's come with the live (no extra request); a LiSA
    /// show names its products by reference, and their Caast details (name, price…) are read
    /// only when asked for, one request per distinct reference.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn products(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many items (0 to 100, default 20).")] first: Option<i32>,
        #[graphql(desc = "The `endCursor` of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<Boxed<ProductConnection>> {
        let products = match self {
            Self::Caast(live) => {
                Box::pin(content_parts::products(ctx, &live.content, first, after)).await
            }
            Self::Lisa(show) => {
                Box::pin(content_parts::show_products(ctx, show, first, after)).await
            }
        };
        products.map(Boxed)
    }

    /// The chat: the latest 30 messages, or the 30 after the message `after` (Caast). A finished
    /// live, or a LiSA show, has none.
    #[graphql(complexity = "UPSTREAM_CALL_COST + child_complexity")]
    async fn chat_messages(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A message id.")] after: Option<String>,
    ) -> async_graphql::Result<Vec<ChatMessage>> {
        let Some(live) = self
            .caast()
            .filter(|live| live.state != caast::LiveState::Finished)
        else {
            return Ok(Vec::new());
        };
        let messages = Box::pin(clients::caast_client(ctx)?.messages(live.id(), after.as_deref()))
            .await
            .map_err(|e| e.extend())?;
        Ok(messages.into_iter().map(ChatMessage::from).collect())
    }

    /// Events at moments of the live (Caast; a LiSA show has none).
    #[graphql(complexity = "UPSTREAM_CALL_COST + child_complexity")]
    async fn timecodes(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<EventTimecode>> {
        match self.caast() {
            Some(live) => Box::pin(content_parts::timecodes(ctx, "lives", live.id())).await,
            None => Ok(Vec::new()),
        }
    }

    /// Where to send the stream: RTMP URL and stream key (a LiSA show's from its RTMP keys).
    /// Secret: operator token only (null with `UNAUTHENTICATED` otherwise).
    #[graphql(complexity = "UPSTREAM_CALL_COST + child_complexity")]
    async fn stream_credentials(&self, ctx: &Context<'_>) -> Boxed<Option<Vec<StreamCredential>>> {
        Boxed(Box::pin(stream_credentials::stream_credentials(ctx, self)).await)
    }

    /// How many stream credentials there are (a LiSA show's RTMP key count, without reading
    /// the keys). Operator token only (null with `UNAUTHENTICATED` otherwise).
    #[graphql(complexity = "UPSTREAM_CALL_COST")]
    async fn stream_credential_count(&self, ctx: &Context<'_>) -> Option<u64> {
        Box::pin(stream_credentials::stream_credential_count(ctx, self)).await
    }
}
