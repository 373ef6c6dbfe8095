//! The `liveContent` and `liveContents` queries: one id look-up, and one list that merges Caast
//! lives and LiSA shows in the requested order.

use crate::graphql::execution::RequestContext;
use std::cmp::Ordering;

use async_graphql::{Context, Enum, ID, InputObject, Object};

use crate::error::{ErrorCode, graphql_error};
use crate::graphql::arguments::filter_clash::refuse_clash;
use crate::graphql::ids::{GlobalId, NodeKind};
use crate::graphql::live_content::content_filter::ContentFilter;
use crate::graphql::live_content::live_state::GqlLiveState;
use crate::graphql::live_content::show_filter::ShowFilter;
use crate::graphql::live_content::{LiveContent, LiveState};
use crate::graphql::loaders::prefetch;
use crate::graphql::loaders::{load, loaders};
use crate::graphql::paging::connection::{LiveContentConnection, from_page, page_cost, page_size};
use crate::graphql::paging::lists::{caast_pages, lisa_pages};
use crate::graphql::paging::merge::{PageRequest, Source, merge_page};
use crate::graphql::provider::GqlProvider;
use crate::graphql::resolver::auth::require_operator;
use crate::graphql::resolver::field_errors::{nullable, report_each};
use crate::providers::{Provider, Providers, caast, lisa};

/// How many LiSA shows the merged list reads at a time (Caast's page is fixed at 20).
const LISA_BATCH: u32 = 50;

/// Narrows `liveContents`. Filters combine with AND. A filter only Caast understands (`search`,
/// `tags`, `productRef`, `productId` and the `seller…` ones) leaves LiSA's shows out rather than
/// return shows it could not check, and a LiSA filter leaves Caast's lives out. Filters of both
/// providers, or one provider's filter with `provider` set to the other, can match nothing and
/// are refused (`BAD_USER_INPUT`).
#[derive(InputObject, Default, Clone, Debug)]
pub(crate) struct LiveContentFilter {
    /// Only this provider's live contents.
    pub(crate) provider: Option<GqlProvider>,
    /// Only live contents in this state.
    pub(crate) state: Option<GqlLiveState>,
    #[graphql(flatten)]
    pub(crate) caast: ContentFilter,
    #[graphql(flatten)]
    pub(crate) lisa: ShowFilter,
}

impl LiveContentFilter {
    /// Whether `provider`'s items belong in the list: asked for, and able to apply every filter
    /// set and the order.
    fn wants(&self, provider: Provider, order: LiveContentOrder) -> bool {
        let applies = match provider {
            Provider::Caast => !self.lisa.is_set() && !order.field.lisa_only(),
            Provider::Lisa => !self.caast.is_set(),
        };
        self.provider.is_none_or(|p| Provider::from(p) == provider) && applies
    }

    /// The name of a filter (or the order) that only LiSA applies, when one is set.
    fn first_lisa_only(&self, order: LiveContentOrder) -> Option<&'static str> {
        let order = order.field.lisa_only().then_some("orderBy.field");
        self.lisa.first_set().or(order)
    }
}

/// What a list of live contents is ordered by.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, Default)]
pub(crate) enum LiveContentOrderField {
    /// When the stream is planned to start.
    #[default]
    ScheduledAt,
    /// When the live content was created. Caast lives carry no creation date to merge on, so
    /// this order needs a list of one provider (set `filter.provider`).
    CreatedAt,
    /// The show's name, alphabetically (LiSA only: Caast cannot order by name, so this order
    /// leaves Caast's lives out, as a LiSA-only filter does).
    Name,
    /// When the show was last modified (LiSA only, like `NAME`).
    ModifiedAt,
}

impl LiveContentOrderField {
    /// Whether only LiSA can order by it.
    fn lisa_only(self) -> bool {
        matches!(self, Self::Name | Self::ModifiedAt)
    }
}

/// Ascending or descending.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, Default)]
pub(crate) enum OrderDirection {
    /// Smallest (earliest) first.
    Asc,
    /// Largest (latest) first.
    #[default]
    Desc,
}

impl OrderDirection {
    /// The direction in LiSA's `sort`.
    pub(crate) fn to_lisa(self) -> &'static str {
        match self {
            Self::Asc => "asc",
            Self::Desc => "desc",
        }
    }
}

/// The order of `liveContents` (default: `scheduledAt`, newest first).
#[derive(InputObject, Copy, Clone, Debug, Default)]
pub(crate) struct LiveContentOrder {
    /// The field to order by.
    #[graphql(default)]
    pub(crate) field: LiveContentOrderField,
    /// The direction.
    #[graphql(default)]
    pub(crate) direction: OrderDirection,
}

#[derive(Default)]
pub(crate) struct LiveContentQuery;

#[Object]
impl LiveContentQuery {
    /// One live content by its global id; `null` (with an error) when it cannot be resolved.
    async fn live_content(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A `LiveContent` id.")] id: ID,
    ) -> Option<LiveContent> {
        let loaded = async {
            let id = GlobalId::decode_kind(&id, NodeKind::LiveContent)?;
            load_live_content(ctx, id.provider, &id.upstream_id).await
        };
        nullable(ctx, loaded.await)
    }

    /// Live contents of both providers as one list, in the requested order (default: newest
    /// `scheduledAt` first). Every filter is sent to the providers. A provider that fails costs
    /// only its own items: they are missing from the page, an error names the provider, and the
    /// cursor keeps that provider's place so the next page can resume it.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn live_contents(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many items (0 to 100, default 20).")] first: Option<i32>,
        #[graphql(desc = "The `endCursor` of the previous page.")] after: Option<String>,
        #[graphql(desc = "What to keep.")] filter: Option<LiveContentFilter>,
        #[graphql(desc = "The order (default: scheduledAt, newest first).")] order_by: Option<
            LiveContentOrder,
        >,
    ) -> async_graphql::Result<LiveContentConnection> {
        list_live_contents(ctx, filter.unwrap_or_default(), order_by, first, after).await
    }
}

/// One page of the merged list of live contents.
pub(crate) async fn list_live_contents(
    ctx: &Context<'_>,
    filter: LiveContentFilter,
    order: Option<LiveContentOrder>,
    first: Option<i32>,
    after: Option<String>,
) -> async_graphql::Result<LiveContentConnection> {
    let order = order.unwrap_or_default();
    let provider = filter.provider.map(Provider::from);
    refuse_clash(
        provider,
        filter.caast.first_set(),
        filter.first_lisa_only(order),
    )?;
    if filter.lisa.wants_unpublished() {
        require_operator(ctx)?;
    }
    let providers = RequestContext::of(ctx)?.providers();
    let count = ctx.look_ahead().field("totalCount").exists();
    let sources = sources(providers, &filter, order, count)?;
    if order.field == LiveContentOrderField::CreatedAt && sources.len() > 1 {
        return Err(graphql_error(
            ErrorCode::BadUserInput,
            "ordering by CREATED_AT needs `filter.provider`: Caast lives carry no creation date to merge on",
        ));
    }
    let fingerprint = format!("liveContents|{filter:?}|{order:?}");
    let request = PageRequest {
        fingerprint,
        after: after.as_deref(),
        first: page_size(first)?,
    };
    let mut page = merge_page(sources, request, |a: &LiveContent, b: &LiveContent| {
        compare(a, b, order)
    })
    .await?;
    let node = ctx.look_ahead().field("edges").field("node");
    let contents = page.edges.iter_mut().map(|(_, content)| content);
    prefetch::show_children(ctx, node, contents).await;
    report_each(ctx, &page.errors);
    Ok(from_page(page, after.is_some(), |node| node))
}

/// One live content by its provider's id, through the request's loaders (asked twice in a
/// request, fetched once). A LiSA show that is not published is for the operator only: to
/// anyone else it does not exist.
pub(crate) async fn load_live_content(
    ctx: &Context<'_>,
    provider: Provider,
    upstream_id: &str,
) -> async_graphql::Result<LiveContent> {
    let loaders = loaders(ctx)?;
    let id = upstream_id.to_string();
    match provider {
        Provider::Caast => Ok(LiveContent::Caast(
            load(loaders.caast_live(), provider, id).await?,
        )),
        Provider::Lisa => {
            let show = load(loaders.lisa_show(), provider, id).await?;
            if !show.is_published() && require_operator(ctx).is_err() {
                return Err(graphql_error(
                    ErrorCode::NotFound,
                    "LiSA has no published show with this id",
                ));
            }
            Ok(LiveContent::lisa(show))
        }
    }
}

/// The merge order: by `scheduledAt` (items without a date last); by any other field there is
/// only ever one source, whose own order stands.
pub(crate) fn compare(a: &LiveContent, b: &LiveContent, order: LiveContentOrder) -> Ordering {
    if order.field != LiveContentOrderField::ScheduledAt {
        return Ordering::Equal;
    }
    match (a.scheduled_at(), b.scheduled_at()) {
        (Some(a), Some(b)) if order.direction == OrderDirection::Desc => b.cmp(&a),
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

fn sources<'a>(
    providers: &'a Providers,
    filter: &LiveContentFilter,
    order: LiveContentOrder,
    count: bool,
) -> async_graphql::Result<Vec<Source<'a, LiveContent>>> {
    let caast = match providers
        .caast
        .as_ref()
        .filter(|_| filter.wants(Provider::Caast, order))
    {
        Some(client) => Some(caast_source(
            client,
            filter.caast.to_caast()?,
            filter.state.map(LiveState::from),
            order,
        )),
        None => None,
    };
    let lisa = providers
        .lisa
        .as_ref()
        .filter(|_| filter.wants(Provider::Lisa, order))
        .map(|client| lisa_source(client, filter, order, count));
    Ok(caast.into_iter().chain(lisa).collect())
}

pub(crate) fn caast_source(
    client: &caast::CaastClient,
    filter: caast::ContentFilter,
    state: Option<LiveState>,
    order: LiveContentOrder,
) -> Source<'_, LiveContent> {
    let state = state.map(|s| match s {
        LiveState::Scheduled => caast::LiveState::NotStarted,
        LiveState::Live => caast::LiveState::Started,
        LiveState::Ended => caast::LiveState::Finished,
    });
    let order = match (order.field, order.direction) {
        (LiveContentOrderField::ScheduledAt, OrderDirection::Desc) => {
            caast::LiveOrder::StartDateDesc
        }
        (LiveContentOrderField::ScheduledAt, OrderDirection::Asc) => caast::LiveOrder::StartDateAsc,
        (LiveContentOrderField::CreatedAt, OrderDirection::Desc) => caast::LiveOrder::CreatedAtDesc,
        (LiveContentOrderField::CreatedAt, OrderDirection::Asc) => caast::LiveOrder::CreatedAtAsc,
        // Never asked: an order only LiSA applies leaves Caast out (`LiveContentFilter::wants`).
        (LiveContentOrderField::Name | LiveContentOrderField::ModifiedAt, _) => {
            caast::LiveOrder::StartDateDesc
        }
    };
    caast_pages(move |page| {
        let query = caast::LiveQuery {
            filter: filter.clone(),
            state,
            order,
            page,
        };
        async move { Ok(client.lives(&query).await?.map_items(LiveContent::Caast)) }
    })
}

fn lisa_source<'a>(
    client: &'a lisa::LisaClient,
    filter: &LiveContentFilter,
    order: LiveContentOrder,
    count: bool,
) -> Source<'a, LiveContent> {
    let (live, conducted) = match filter.state.map(LiveState::from) {
        None => (None, None),
        Some(LiveState::Live) => (Some(true), None),
        Some(LiveState::Ended) => (Some(false), Some(true)),
        Some(LiveState::Scheduled) => (Some(false), Some(false)),
    };
    let field = match order.field {
        LiveContentOrderField::ScheduledAt => "date",
        LiveContentOrderField::CreatedAt => "createdAt",
        LiveContentOrderField::Name => "name",
        LiveContentOrderField::ModifiedAt => "modifiedAt",
    };
    let mut query = lisa::ShowQuery {
        live,
        conducted,
        sort: Some(format!("{field}:{}", order.direction.to_lisa())),
        ..Default::default()
    };
    filter.lisa.apply(&mut query);
    let count_query = query.clone();
    lisa_pages(
        LISA_BATCH,
        move |cursor, limit| {
            let query = lisa::ShowQuery {
                cursor,
                limit,
                ..query.clone()
            };
            async move { Ok(client.shows(&query).await?.map_items(LiveContent::lisa)) }
        },
        count.then_some(move || {
            let query = count_query.clone();
            async move { client.count_shows(&query).await }
        }),
    )
}
