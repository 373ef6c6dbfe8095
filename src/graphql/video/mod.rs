//! `Video`: a recorded video, a Caast video or a LiSA short clip (cut from a show). Each field
//! says how it reads either provider's item.

pub(crate) mod mutations;
pub(crate) mod query;

use std::sync::Arc;

use async_graphql::{Context, ID, Object};

use crate::graphql::ids::{GlobalId, NodeKind};
use crate::graphql::live_content::LiveContent;
use crate::graphql::live_content::chat::EventTimecode;
use crate::graphql::live_content::content_parts;
use crate::graphql::live_content::query::load_live_content;
use crate::graphql::locale::{Translation, localized, translations};
use crate::graphql::paging::connection::{ProductConnection, UPSTREAM_CALL_COST, page_cost};
use crate::graphql::paging::shared_list::Wraps;
use crate::graphql::provider::GqlProvider;
use crate::graphql::resolver::auth::require_operator;
use crate::graphql::resolver::boxed_output::Boxed;
use crate::graphql::resolver::field_errors::nullable;
use crate::graphql::seller::Seller;
use crate::providers::{Provider, caast, lisa};

/// A recorded video.
#[derive(Clone, Debug)]
pub(crate) enum Video {
    Caast(Arc<caast::Video>),
    Lisa(Arc<lisa::ShortClip>),
}

impl Wraps for Video {
    type Item = lisa::ShortClip;
    type Lent<'a> = Video;

    fn wrap(item: &Arc<lisa::ShortClip>) -> Self {
        Self::Lisa(Arc::clone(item))
    }
}

impl Video {
    pub(crate) fn caast(video: caast::Video) -> Self {
        Self::Caast(Arc::new(video))
    }

    fn caast_content(&self) -> Option<&caast::Content> {
        match self {
            Self::Caast(video) => Some(&video.content),
            Self::Lisa(_) => None,
        }
    }

    pub(crate) fn provider(&self) -> Provider {
        match self {
            Self::Caast(_) => Provider::Caast,
            Self::Lisa(_) => Provider::Lisa,
        }
    }

    pub(crate) fn provider_id(&self) -> &str {
        match self {
            Self::Caast(video) => &video.content.id,
            Self::Lisa(clip) => &clip.id,
        }
    }

    pub(crate) fn global_id(&self) -> GlobalId {
        GlobalId::new(NodeKind::Video, self.provider(), self.provider_id())
    }
}

/// A recorded video: a Caast video or a LiSA short clip.
#[Object]
impl Video {
    /// Global, opaque id; `node(id:)` resolves it.
    pub(crate) async fn id(&self) -> ID {
        self.global_id().encode()
    }

    /// The provider this video comes from.
    #[graphql(name = "provider")]
    async fn provider_field(&self) -> GqlProvider {
        self.provider().into()
    }

    /// The provider's own id.
    #[graphql(name = "providerId")]
    async fn provider_id_field(&self) -> &str {
        self.provider_id()
    }

    /// The title (a LiSA clip's in `locale`, else `Accept-Language`, else the fallback, else its name).
    async fn title(
        &self,
        ctx: &Context<'_>,
        #[graphql(name = "locale", desc = "A locale such as `de-de` (LiSA texts).")]
        locale_arg: Option<String>,
    ) -> &str {
        match self {
            Self::Caast(video) => &video.content.name,
            Self::Lisa(clip) => {
                localized(ctx, &clip.title, locale_arg.as_deref()).unwrap_or(&clip.name)
            }
        }
    }

    /// The title in every language it has (a Caast video's single title has locale `*`).
    async fn title_translations(&self) -> Vec<Translation> {
        match self {
            Self::Caast(video) => vec![Translation {
                locale: "*".into(),
                text: video.content.name.clone(),
            }],
            Self::Lisa(clip) => translations(&clip.title),
        }
    }

    /// The description (Caast).
    async fn description(&self) -> Option<&str> {
        self.caast_content()?.description.as_deref()
    }

    /// Landscape picture (a LiSA clip's picture, whatever its orientation).
    async fn thumbnail_url(&self) -> Option<&str> {
        match self {
            Self::Caast(video) => video.content.thumbnail_url.as_deref(),
            Self::Lisa(clip) => clip.thumbnail_url.as_deref(),
        }
    }

    /// Portrait picture (Caast).
    async fn portrait_thumbnail_url(&self) -> Option<&str> {
        self.caast_content()?.portrait_thumbnail_url.as_deref()
    }

    /// The HLS playlist.
    async fn hls_url(&self) -> Option<&str> {
        match self {
            Self::Caast(video) => video.content.hls_url.as_deref(),
            Self::Lisa(clip) => clip.hls_url.as_deref(),
        }
    }

    /// An MP4 file of the clip (LiSA).
    async fn mp4_url(&self) -> Option<&str> {
        match self {
            Self::Caast(_) => None,
            Self::Lisa(clip) => clip.mp4_url.as_deref(),
        }
    }

    /// `landscape` or `portrait` (LiSA clips).
    async fn orientation(&self) -> Option<&str> {
        match self {
            Self::Caast(_) => None,
            Self::Lisa(clip) => clip.orientation.as_deref(),
        }
    }

    /// The length in seconds (LiSA clips).
    async fn duration_seconds(&self) -> Option<f64> {
        match self {
            Self::Caast(_) => None,
            Self::Lisa(clip) => clip.duration_seconds,
        }
    }

    /// The show a LiSA clip was cut from (one request: LiSA's show).
    async fn live_content(&self, ctx: &Context<'_>) -> Boxed<Option<LiveContent>> {
        let Self::Lisa(clip) = self else {
            return Boxed(None);
        };
        let Some(show) = clip.show_id.as_deref() else {
            return Boxed(None);
        };
        Boxed(nullable(
            ctx,
            load_live_content(ctx, Provider::Lisa, show).await,
        ))
    }

    /// The video's tags (Caast).
    async fn tags(&self) -> &[String] {
        self.caast_content().map_or(&[], |c| &c.tags)
    }

    /// How Caast's player shows it (Caast).
    async fn display_mode(&self) -> Option<&str> {
        self.caast_content()?.display_mode.as_deref()
    }

    /// Where playback starts, as Caast writes it (Caast).
    async fn start_at_timecode(&self) -> Option<&str> {
        self.caast_content()?.start_at_timecode.as_deref()
    }

    /// The website that shared this video with the app, when it is not the app's own (Caast).
    async fn shared_by_website(&self) -> Option<&str> {
        self.caast_content()?.shared_by_website.as_deref()
    }

    /// The seller the video belongs to (Caast; no extra request: it comes with the video).
    async fn seller(&self) -> Boxed<Option<Seller>> {
        Boxed(self.caast_content().and_then(content_parts::seller))
    }

    /// The products shown in the video (Caast: no extra request, they come with the video;
    /// empty for a LiSA clip).
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn products(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many items (0 to 100, default 20).")] first: Option<i32>,
        #[graphql(desc = "The `endCursor` of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<Boxed<ProductConnection>> {
        let empty = caast::Content {
            id: self.provider_id().to_string(),
            ..Default::default()
        };
        // Boxed: a page's clips each allocate as much as `Video`'s largest field.
        let content = self.caast_content().unwrap_or(&empty);
        Box::pin(content_parts::products(ctx, content, first, after))
            .await
            .map(Boxed)
    }

    /// Events at moments of the video (Caast; a LiSA clip has none).
    #[graphql(complexity = "UPSTREAM_CALL_COST + child_complexity")]
    async fn timecodes(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<EventTimecode>> {
        match self.caast_content() {
            Some(content) => Box::pin(content_parts::timecodes(ctx, "videos", &content.id)).await,
            None => Ok(Vec::new()),
        }
    }

    /// Where to upload the video file, valid one hour after creation (Caast). Secret: operator
    /// token only.
    async fn upload_url(&self, ctx: &Context<'_>) -> Option<String> {
        nullable(ctx, require_operator(ctx))?;
        match self {
            Self::Caast(video) => video.upload_url.clone(),
            Self::Lisa(_) => None,
        }
    }
}
