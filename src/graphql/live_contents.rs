//! The `liveContent` and `liveContents` queries: one id look-up, and one list that merges Caast
//! lives and LiSA shows newest first.

use std::cmp::Ordering;
use std::sync::Arc;

use async_graphql::{Context, ErrorExtensions, ID, InputObject, Object, SimpleObject};
use futures::FutureExt;

use super::connection::{PageInfo, page_cost, page_size};
use super::field_errors::{nullable, report_upstream};
use super::ids::{GlobalId, NodeKind};
use super::live_content::{LiveContent, LiveState};
use super::merge::{Batch, PageRef, PageRequest, Source, merge_page};
use crate::error::{ErrorCode, graphql_error};
use crate::providers::{Provider, Providers, UpstreamError, caast, lisa};

/// How many LiSA shows the merged list reads at a time (Caast's page is fixed at 20).
const LISA_BATCH: u32 = 50;

/// Narrows `liveContents`. Filters combine with AND.
#[derive(InputObject, Default, Clone, Debug)]
pub struct LiveContentFilter {
    /// Only this provider's live contents.
    pub provider: Option<Provider>,
    /// Only live contents in this state.
    pub state: Option<LiveState>,
}

impl LiveContentFilter {
    /// Identifies the list this filter selects, so a cursor only continues the list it came from.
    fn fingerprint(&self) -> String {
        format!("liveContents|{:?}|{:?}", self.provider, self.state)
    }
}

#[derive(SimpleObject, Clone, Debug)]
pub struct LiveContentEdge {
    pub cursor: String,
    pub node: LiveContent,
}

#[derive(SimpleObject, Clone, Debug)]
pub struct LiveContentConnection {
    pub edges: Vec<LiveContentEdge>,
    pub page_info: PageInfo,
}

#[derive(Default)]
pub struct LiveContentQuery;

#[Object]
impl LiveContentQuery {
    /// One live content by its global id; `null` (with an error) when it cannot be resolved.
    async fn live_content(&self, ctx: &Context<'_>, id: ID) -> Option<LiveContent> {
        let loaded = async {
            let id = GlobalId::decode(&id)?;
            if id.kind != NodeKind::LiveContent {
                return Err(graphql_error(
                    ErrorCode::BadUserInput,
                    "this id is not a live content's",
                ));
            }
            load_live_content(ctx.data()?, id.provider, &id.upstream_id).await
        };
        nullable(ctx, loaded.await)
    }

    /// Live contents of both providers as one list, newest `scheduledAt` first. A provider that
    /// fails costs only its own items: they are missing from the page, an error names the
    /// provider, and the cursor keeps that provider's place so the next page can resume it.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn live_contents(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many items (0 to 100, default 20).")] first: Option<i32>,
        #[graphql(desc = "The `endCursor` of the previous page.")] after: Option<String>,
        filter: Option<LiveContentFilter>,
    ) -> async_graphql::Result<LiveContentConnection> {
        let filter = filter.unwrap_or_default();
        let request = PageRequest {
            fingerprint: filter.fingerprint(),
            after: after.as_deref(),
            first: page_size(first)?,
        };
        let providers: &Providers = ctx.data()?;
        let page = merge_page(sources(providers, &filter), request, newest_first).await?;
        for error in &page.errors {
            report_upstream(ctx, error);
        }
        Ok(LiveContentConnection {
            page_info: PageInfo {
                has_next_page: page.has_next_page,
                has_previous_page: after.is_some(),
                start_cursor: page.edges.first().map(|(cursor, _)| cursor.clone()),
                end_cursor: page.edges.last().map(|(cursor, _)| cursor.clone()),
            },
            edges: page
                .edges
                .into_iter()
                .map(|(cursor, node)| LiveContentEdge { cursor, node })
                .collect(),
        })
    }
}

/// Fetches one live content from its provider.
pub async fn load_live_content(
    providers: &Providers,
    provider: Provider,
    upstream_id: &str,
) -> async_graphql::Result<LiveContent> {
    let not_configured = || {
        graphql_error(
            ErrorCode::NotFound,
            format!("{provider} is not configured on this gateway"),
        )
    };
    let loaded: Result<LiveContent, UpstreamError> = match provider {
        Provider::Caast => providers
            .caast
            .as_ref()
            .ok_or_else(not_configured)?
            .live(upstream_id)
            .await
            .map(|l| LiveContent::Caast(Arc::new(l))),
        Provider::Lisa => providers
            .lisa
            .as_ref()
            .ok_or_else(not_configured)?
            .show(upstream_id)
            .await
            .map(|s| LiveContent::Lisa(Arc::new(s))),
    };
    loaded.map_err(|error| error.extend())
}

/// Newest first; items without a date go last.
fn newest_first(a: &LiveContent, b: &LiveContent) -> Ordering {
    match (a.scheduled_at(), b.scheduled_at()) {
        (Some(a), Some(b)) => b.cmp(&a),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

fn sources<'a>(
    providers: &'a Providers,
    filter: &LiveContentFilter,
) -> Vec<Source<'a, LiveContent>> {
    let wanted = |p: Provider| filter.provider.is_none_or(|f| f == p);
    let caast = providers
        .caast
        .as_ref()
        .filter(|_| wanted(Provider::Caast))
        .map(|client| caast_source(client, filter.state));
    let lisa = providers
        .lisa
        .as_ref()
        .filter(|_| wanted(Provider::Lisa))
        .map(|client| lisa_source(client, filter.state));
    caast.into_iter().chain(lisa).collect()
}

fn caast_source(client: &caast::CaastClient, state: Option<LiveState>) -> Source<'_, LiveContent> {
    let state = state.map(|s| match s {
        LiveState::Scheduled => caast::LiveState::NotStarted,
        LiveState::Live => caast::LiveState::Started,
        LiveState::Ended => caast::LiveState::Finished,
    });
    Source {
        provider: Provider::Caast,
        first_page: PageRef::Number(1),
        fetch: Box::new(move |page| {
            async move {
                let PageRef::Number(page) = page else {
                    unreachable!("cursors are checked to fit their source")
                };
                let query = caast::LiveQuery {
                    state,
                    order: caast::LiveOrder::StartDateDesc,
                    page,
                };
                let answer = client.lives(&query).await?;
                let next = answer.next_page().map(PageRef::Number);
                let items = answer
                    .items
                    .into_iter()
                    .map(|l| LiveContent::Caast(Arc::new(l)))
                    .collect();
                Ok(Batch { items, next })
            }
            .boxed()
        }),
    }
}

fn lisa_source(client: &lisa::LisaClient, state: Option<LiveState>) -> Source<'_, LiveContent> {
    let (live, conducted) = match state {
        None => (None, None),
        Some(LiveState::Live) => (Some(true), None),
        Some(LiveState::Ended) => (Some(false), Some(true)),
        Some(LiveState::Scheduled) => (Some(false), Some(false)),
    };
    Source {
        provider: Provider::Lisa,
        first_page: PageRef::Cursor {
            c: None,
            l: LISA_BATCH,
        },
        fetch: Box::new(move |page| {
            async move {
                let PageRef::Cursor {
                    c: cursor,
                    l: limit,
                } = page
                else {
                    unreachable!("cursors are checked to fit their source")
                };
                let query = lisa::ShowQuery {
                    live,
                    conducted,
                    sort: Some("date:desc".into()),
                    cursor,
                    limit,
                };
                let answer = client.shows(&query).await?;
                let next = answer.next_cursor.map(|c| PageRef::Cursor {
                    c: Some(c),
                    l: limit,
                });
                let items = answer
                    .items
                    .into_iter()
                    .map(|s| LiveContent::Lisa(Arc::new(s)))
                    .collect();
                Ok(Batch { items, next })
            }
            .boxed()
        }),
    }
}
