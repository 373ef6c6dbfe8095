//! `Video`: a Caast video (LiSA short clips join in a later issue).

use std::sync::Arc;

use async_graphql::{Context, ID, Object};

use super::auth::require_operator;
use super::chat::EventTimecode;
use super::connection::{ProductConnection, UPSTREAM_CALL_COST, page_cost};
use super::content_parts;
use super::field_errors::nullable;
use super::ids::{GlobalId, NodeKind};
use super::seller::Seller;
use crate::providers::{Provider, caast};

/// A recorded video.
#[derive(Clone, Debug)]
pub enum Video {
    Caast(Arc<caast::Video>),
}

impl Video {
    pub fn caast(video: caast::Video) -> Self {
        Self::Caast(Arc::new(video))
    }

    fn content(&self) -> &caast::Content {
        match self {
            Self::Caast(video) => &video.content,
        }
    }

    pub fn global_id(&self) -> GlobalId {
        GlobalId::new(NodeKind::Video, Provider::Caast, &self.content().id)
    }
}

/// A recorded video.
#[Object]
impl Video {
    /// Global, opaque id; `node(id:)` resolves it.
    pub async fn id(&self) -> ID {
        self.global_id().encode()
    }

    /// The provider this video comes from.
    async fn provider(&self) -> Provider {
        Provider::Caast
    }

    /// The provider's own id.
    async fn provider_id(&self) -> &str {
        &self.content().id
    }

    /// The video's title.
    async fn title(&self) -> &str {
        &self.content().name
    }

    /// The video's description.
    async fn description(&self) -> Option<&str> {
        self.content().description.as_deref()
    }

    /// Landscape picture.
    async fn thumbnail_url(&self) -> Option<&str> {
        self.content().thumbnail_url.as_deref()
    }

    /// Portrait picture.
    async fn portrait_thumbnail_url(&self) -> Option<&str> {
        self.content().portrait_thumbnail_url.as_deref()
    }

    /// The HLS playlist.
    async fn hls_url(&self) -> Option<&str> {
        self.content().hls_url.as_deref()
    }

    /// The video's tags.
    async fn tags(&self) -> &[String] {
        &self.content().tags
    }

    /// How Caast's player shows it.
    async fn display_mode(&self) -> Option<&str> {
        self.content().display_mode.as_deref()
    }

    /// Where playback starts, as Caast writes it.
    async fn start_at_timecode(&self) -> Option<&str> {
        self.content().start_at_timecode.as_deref()
    }

    /// The website that shared this video with the app, when it is not the app's own.
    async fn shared_by_website(&self) -> Option<&str> {
        self.content().shared_by_website.as_deref()
    }

    /// The seller the video belongs to (no extra request: it comes with the video).
    async fn seller(&self) -> Option<Seller> {
        content_parts::seller(self.content())
    }

    /// The products shown in the video (no extra request: they come with the video).
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn products(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many items (0 to 100, default 20).")] first: Option<i32>,
        #[graphql(desc = "The `endCursor` of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<ProductConnection> {
        content_parts::products(ctx, self.content(), first, after).await
    }

    /// Events at moments of the video.
    #[graphql(complexity = "UPSTREAM_CALL_COST + child_complexity")]
    async fn timecodes(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<EventTimecode>> {
        content_parts::timecodes(ctx, "videos", &self.content().id).await
    }

    /// Where to upload the video file, valid one hour after creation. Secret: operator token only.
    async fn upload_url(&self, ctx: &Context<'_>) -> Option<String> {
        let Self::Caast(video) = self;
        nullable(
            ctx,
            require_operator(ctx).map(|()| video.upload_url.clone()),
        )
        .flatten()
    }
}
