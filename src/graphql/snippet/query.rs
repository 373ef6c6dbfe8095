//! The `snippets` query (LiSA), by show, by product reference and by date of change, in
//! LiSA's order or by name or date.

use std::sync::Arc;

use async_graphql::{Context, ID, Object};

use crate::graphql::arguments::bounds::distinct_values;
use crate::graphql::arguments::item_order::ItemOrder;
use crate::graphql::date_time::Rfc3339;
use crate::graphql::ids::lisa_show_ids;
use crate::graphql::paging::connection::{SnippetConnection, page_cost};
use crate::graphql::paging::lists::{LISA_PAGE, lisa_pages, single_list};
use crate::graphql::resolver::clients::lisa_client;
use crate::graphql::snippet::Snippet;
use crate::providers::lisa::OwnedChildQuery;

#[derive(Default)]
pub(crate) struct SnippetQuery;

#[Object]
impl SnippetQuery {
    /// Snippets, in LiSA's order unless `orderBy` says otherwise; narrowed to shows, product
    /// references and a date of change (combined with AND; the values of one argument with OR).
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn snippets(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A LiSA show: its `LiveContent` id, or LiSA's own id.")]
        live_content_id: Option<ID>,
        #[graphql(
            desc = "Any of these LiSA shows (at most 50), each given as for `liveContentId`."
        )]
        live_content_ids: Option<Vec<ID>>,
        #[graphql(desc = "A shop reference (SKU).")] product_ref: Option<String>,
        #[graphql(desc = "Any of these shop references (at most 50).")] product_refs: Option<
            Vec<String>,
        >,
        #[graphql(desc = "Only snippets modified after this instant.")] modified_since: Option<
            Rfc3339,
        >,
        #[graphql(desc = "The order (without it: LiSA's own).")] order_by: Option<ItemOrder>,
        #[graphql(desc = "How many items (0 to 100, default 20).")] first: Option<i32>,
        #[graphql(desc = "The `endCursor` of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<SnippetConnection> {
        let given = product_ref
            .into_iter()
            .chain(product_refs.into_iter().flatten());
        let references = distinct_values("productRefs", given)?;
        let asked = OwnedChildQuery {
            shows: lisa_show_ids(live_content_id.as_ref(), live_content_ids.as_deref())?,
            references,
            modified_since: modified_since.map(Rfc3339::to_lisa),
            sort: order_by.map(ItemOrder::to_lisa),
            ..Default::default()
        };
        list_snippets(ctx, asked, first, after).await
    }
}

/// One page of the snippets `asked` names, counted only when `totalCount` is selected.
pub(crate) async fn list_snippets(
    ctx: &Context<'_>,
    asked: OwnedChildQuery,
    first: Option<i32>,
    after: Option<String>,
) -> async_graphql::Result<SnippetConnection> {
    let client = lisa_client(ctx)?;
    let fingerprint = format!("snippets|{asked:?}");
    let count = ctx.look_ahead().field("totalCount").exists();
    let asked = Arc::new(asked);
    let counted = asked.clone();
    let source = lisa_pages(
        LISA_PAGE,
        move |cursor, limit| {
            let asked = asked.clone();
            async move {
                client
                    .snippets(asked.query(), cursor.as_deref(), limit)
                    .await
                    .map(Arc::unwrap_or_clone)
            }
        },
        count.then_some(move || {
            let asked = counted.clone();
            async move { client.count_snippets(asked.query()).await }
        }),
    );
    single_list(ctx, source, fingerprint, first, after, Snippet).await
}
