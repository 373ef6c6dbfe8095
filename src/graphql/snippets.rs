//! The `snippets` query (LiSA), by show and by product reference.

use std::sync::Arc;

use async_graphql::{Context, ID, Object};

use super::clients::lisa;
use super::connection::{SnippetConnection, page_cost};
use super::ids::{NodeKind, upstream_id};
use super::lists::{LISA_PAGE, lisa_pages, single_list};
use super::snippet::Snippet;
use crate::providers::Provider;

#[derive(Default)]
pub struct SnippetQuery;

#[Object]
impl SnippetQuery {
    /// Snippets, in LiSA's order; narrowed to a show and/or a product reference.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn snippets(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A LiSA show: its `LiveContent` id, or LiSA's own id.")]
        live_content_id: Option<ID>,
        #[graphql(desc = "A shop reference (SKU).")] product_ref: Option<String>,
        #[graphql(desc = "How many items (0 to 100, default 20).")] first: Option<i32>,
        #[graphql(desc = "The `endCursor` of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<SnippetConnection> {
        let shows: Vec<String> = live_content_id
            .map(|id| upstream_id(&id, NodeKind::LiveContent, Provider::Lisa))
            .transpose()?
            .into_iter()
            .collect();
        list_snippets(ctx, shows, product_ref.into_iter().collect(), first, after).await
    }
}

/// One page of the snippets of these shows and references (any of each), counted only when
/// `totalCount` is selected.
pub async fn list_snippets(
    ctx: &Context<'_>,
    shows: Vec<String>,
    references: Vec<String>,
    first: Option<i32>,
    after: Option<String>,
) -> async_graphql::Result<SnippetConnection> {
    let client = lisa(ctx)?;
    let fingerprint = format!("snippets|{shows:?}|{references:?}");
    let count = ctx.look_ahead().field("totalCount").exists();
    let (list_filters, count_filters) = ((shows.clone(), references.clone()), (shows, references));
    let source = lisa_pages(
        LISA_PAGE,
        move |cursor, limit| {
            let (shows, references) = list_filters.clone();
            async move {
                client
                    .snippets(&shows, &references, cursor.as_deref(), limit)
                    .await
                    .map(Arc::unwrap_or_clone)
            }
        },
        count.then_some(move || {
            let (shows, references) = count_filters.clone();
            async move { client.count_snippets(&shows, &references).await }
        }),
    );
    single_list(ctx, source, fingerprint, first, after, Snippet).await
}
