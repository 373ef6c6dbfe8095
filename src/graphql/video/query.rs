//! The `video` and `videos` queries: Caast videos and LiSA short clips in one list.

use crate::graphql::execution::RequestContext;
use std::cmp::Ordering;
use std::sync::Arc;

use async_graphql::{Context, Enum, ID, InputObject, Object};

use crate::graphql::arguments::filter_clash::{first_set, refuse_clash};
use crate::graphql::arguments::item_order::ItemOrder;
use crate::graphql::date_time::Rfc3339;
use crate::graphql::ids::{GlobalId, NodeKind, lisa_show_ids};
use crate::graphql::live_content::content_filter::ContentFilter;
use crate::graphql::loaders::{load, loaders};
use crate::graphql::paging::connection::{VideoConnection, from_page, page_cost, page_size};
use crate::graphql::paging::lists::{LISA_PAGE, caast_pages, lisa_pages};
use crate::graphql::paging::merge::{PageRequest, Source, merge_page};
use crate::graphql::provider::GqlProvider;
use crate::graphql::resolver::field_errors::{nullable, report_each};
use crate::graphql::video::Video;
use crate::providers::{Provider, Providers, caast, lisa};

/// A clip's orientation.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum VideoOrientation {
    /// Wider than tall.
    Landscape,
    /// Taller than wide.
    Portrait,
}

/// Narrows `videos`. Filters combine with AND; each is sent to the provider that applies it,
/// and a provider that cannot apply one is left out (Caast's filters leave LiSA's clips out,
/// `orientation` and `liveContentId` leave Caast's videos out).
#[derive(InputObject, Default, Clone, Debug)]
pub(crate) struct VideoFilter {
    /// Only this provider's videos.
    pub(crate) provider: Option<GqlProvider>,
    #[graphql(flatten)]
    pub(crate) caast: ContentFilter,
    /// Only clips in this orientation (LiSA only).
    pub(crate) orientation: Option<VideoOrientation>,
    /// Only clips cut from this show: its `LiveContent` id or LiSA's own id (LiSA only).
    pub(crate) live_content_id: Option<ID>,
    /// Only clips cut from any of these shows (at most 50; LiSA only). Given with
    /// `liveContentId`, clips of any show either names.
    pub(crate) live_content_ids: Option<Vec<ID>>,
    /// Only clips modified after this instant (LiSA only).
    pub(crate) modified_since: Option<Rfc3339>,
}

impl VideoFilter {
    /// The argument path of a filter (or the order) only LiSA applies that is set, if any.
    fn first_lisa_only(&self, order: Option<ItemOrder>) -> Option<&'static str> {
        first_set([
            ("filter.orientation", self.orientation.is_some()),
            ("filter.liveContentId", self.live_content_id.is_some()),
            ("filter.liveContentIds", self.live_content_ids.is_some()),
            ("filter.modifiedSince", self.modified_since.is_some()),
            ("orderBy", order.is_some()),
        ])
    }

    fn wants(&self, provider: Provider, order: Option<ItemOrder>) -> bool {
        let applies = match provider {
            Provider::Caast => self.first_lisa_only(order).is_none(),
            Provider::Lisa => !self.caast.is_set(),
        };
        self.provider.is_none_or(|p| Provider::from(p) == provider) && applies
    }
}

#[derive(Default)]
pub(crate) struct VideoQuery;

#[Object]
impl VideoQuery {
    /// One video by its global id; `null` (with an error) when it cannot be resolved.
    async fn video(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A `Video` id.")] id: ID,
    ) -> Option<Video> {
        let loaded = async {
            let id = GlobalId::decode_kind(&id, NodeKind::Video)?;
            load_video(ctx, id.provider, &id.upstream_id).await
        };
        nullable(ctx, loaded.await)
    }

    /// Caast videos and LiSA short clips as one list: neither provider gives a date or any
    /// other field to order both by, so each keeps its own order and the two alternate, one
    /// item each, while both last. Caast's filters (`search`, `tags`, `productRef`…) leave
    /// LiSA's clips out; `orientation`, `liveContentId(s)`, `modifiedSince` and `orderBy`
    /// leave Caast's videos out (filters of both, or one with `provider` set to the other, are
    /// refused as `BAD_USER_INPUT`). `totalCount` asks LiSA's count only when selected.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn videos(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many items (0 to 100, default 20).")] first: Option<i32>,
        #[graphql(desc = "The `endCursor` of the previous page.")] after: Option<String>,
        #[graphql(desc = "What to keep.")] filter: Option<VideoFilter>,
        #[graphql(desc = "The order of LiSA's clips (LiSA only; without it, LiSA's own).")]
        order_by: Option<ItemOrder>,
    ) -> async_graphql::Result<VideoConnection> {
        let filter = filter.unwrap_or_default();
        let providers = RequestContext::of(ctx)?.providers();
        let count = ctx.look_ahead().field("totalCount").exists();
        let provider = filter.provider.map(Provider::from);
        let lisa_only = filter.first_lisa_only(order_by);
        refuse_clash(provider, filter.caast.first_set(), lisa_only)?;
        let sources = sources(providers, &filter, order_by, count)?;
        let request = PageRequest {
            fingerprint: format!("videos|{filter:?}|{order_by:?}"),
            after: after.as_deref(),
            first: page_size(first)?,
        };
        let page = merge_page(sources, request, |_: &Video, _: &Video| Ordering::Equal).await?;
        report_each(ctx, &page.errors);
        Ok(from_page(page, after.is_some(), |video| video))
    }
}

fn sources<'a>(
    providers: &'a Providers,
    filter: &VideoFilter,
    order: Option<ItemOrder>,
    count: bool,
) -> async_graphql::Result<Vec<Source<'a, Video>>> {
    let mut sources = Vec::new();
    if let Some(client) = providers
        .caast
        .as_ref()
        .filter(|_| filter.wants(Provider::Caast, order))
    {
        let content = filter.caast.to_caast()?;
        sources.push(caast_pages(move |page| {
            let query = caast::VideoQuery {
                filter: content.clone(),
                page,
            };
            async move { Ok(client.videos(&query).await?.map_items(Video::Caast)) }
        }));
    }
    if let Some(client) = providers
        .lisa
        .as_ref()
        .filter(|_| filter.wants(Provider::Lisa, order))
    {
        let asked = Arc::new(lisa::OwnedChildQuery {
            shows: lisa_show_ids(
                filter.live_content_id.as_ref(),
                filter.live_content_ids.as_deref(),
            )?,
            modified_since: filter.modified_since.map(Rfc3339::to_lisa),
            orientation: filter.orientation.map(|o| match o {
                VideoOrientation::Landscape => "landscape",
                VideoOrientation::Portrait => "portrait",
            }),
            sort: order.map(ItemOrder::to_lisa),
            ..Default::default()
        });
        let counted = asked.clone();
        sources.push(lisa_pages(
            LISA_PAGE,
            move |cursor, limit| {
                let asked = asked.clone();
                async move {
                    Ok(client
                        .short_clips(asked.query(), cursor.as_deref(), limit)
                        .await
                        .map(Arc::unwrap_or_clone)?
                        .map_items(Video::Lisa))
                }
            },
            count.then_some(move || {
                let asked = counted.clone();
                async move { client.count_short_clips(asked.query()).await }
            }),
        ));
    }
    Ok(sources)
}

/// One video by its provider's id, through the request's loaders.
pub(crate) async fn load_video(
    ctx: &Context<'_>,
    provider: Provider,
    upstream_id: &str,
) -> async_graphql::Result<Video> {
    let loaders = loaders(ctx)?;
    let id = upstream_id.to_string();
    Ok(match provider {
        Provider::Caast => Video::Caast(load(loaders.caast_video(), provider, id).await?),
        Provider::Lisa => Video::Lisa(load(loaders.lisa_clip(), provider, id).await?),
    })
}
