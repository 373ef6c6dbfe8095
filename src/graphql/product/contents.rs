//! What features a product, from both providers: Caast lives and videos whose products include
//! the reference (`product_ref`, sent to Caast), and LiSA shows with a snippet of it (LiSA
//! cannot filter shows by product; `GET /snippets?product_reference=` names the shows that
//! feature it) with the short clips cut from those shows.

use crate::graphql::execution::RequestContext;
use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::sync::Arc;

use async_graphql::{Context, ErrorExtensions};

use crate::graphql::live_content::LiveContent;
use crate::graphql::live_content::query::{LiveContentOrder, caast_source, compare};
use crate::graphql::loaders::{load, loaders};
use crate::graphql::paging::connection::{
    LiveContentConnection, VideoConnection, from_page, page_size,
};
use crate::graphql::paging::lists::{LISA_PAGE, caast_pages, in_memory};
use crate::graphql::paging::merge::{PageRequest, Source, merge_page};
use crate::graphql::resolver::clients;
use crate::graphql::resolver::field_errors::{read_each, report_each};
use crate::graphql::video::Video;
use crate::providers::lisa::Scroll;
use crate::providers::{Provider, caast, lisa};

/// Snippet pages read at most to find the shows featuring one product.
const MAX_SNIPPET_PAGES: usize = 10;

/// Live contents featuring `reference`, newest `scheduledAt` first, merged across providers.
pub(crate) async fn live_contents(
    ctx: &Context<'_>,
    reference: &str,
    first: Option<i32>,
    after: Option<String>,
) -> async_graphql::Result<LiveContentConnection> {
    let providers = RequestContext::of(ctx)?.providers();
    let order = LiveContentOrder::default();
    let mut sources: Vec<Source<'_, LiveContent>> = Vec::new();
    if let Some(client) = &providers.caast {
        sources.push(caast_source(client, by_reference(reference), None, order));
    }
    if providers.lisa.is_some() {
        let mut shows: Vec<LiveContent> = featured_shows(ctx, reference)
            .await?
            .into_iter()
            .map(LiveContent::lisa)
            .collect();
        shows.sort_by(|a, b| compare(a, b, order));
        sources.push(in_memory(shows));
    }
    let request = PageRequest {
        fingerprint: format!("product.liveContents|{reference}"),
        after: after.as_deref(),
        first: page_size(first)?,
    };
    let page = merge_page(sources, request, |a, b| compare(a, b, order)).await?;
    report_each(ctx, &page.errors);
    Ok(from_page(page, after.is_some(), |content| content))
}

/// Videos featuring `reference`: Caast videos, then the LiSA clips of shows featuring it.
pub(crate) async fn videos(
    ctx: &Context<'_>,
    reference: &str,
    first: Option<i32>,
    after: Option<String>,
) -> async_graphql::Result<VideoConnection> {
    let providers = RequestContext::of(ctx)?.providers();
    let mut sources: Vec<Source<'_, Video>> = Vec::new();
    if let Some(client) = &providers.caast {
        let filter = by_reference(reference);
        sources.push(caast_pages(move |page| {
            let query = caast::VideoQuery {
                filter: filter.clone(),
                page,
            };
            async move { Ok(client.videos(&query).await?.map_items(Video::Caast)) }
        }));
    }
    if providers.lisa.is_some() {
        let shows = featured_shows(ctx, reference).await?;
        let loaders = loaders(ctx)?;
        let ids: Vec<String> = shows.iter().map(|s| s.id.clone()).collect();
        let clips = read_each(ctx, &ids, |id| async move {
            load(loaders.show_clips(), Provider::Lisa, id).await
        });
        let clips: Vec<Video> = clips
            .await
            .iter()
            .flat_map(|clips| clips.iter().map(|c| Video::Lisa(Arc::clone(c))))
            .collect();
        sources.push(in_memory(clips));
    }
    let request = PageRequest {
        fingerprint: format!("product.videos|{reference}"),
        after: after.as_deref(),
        first: page_size(first)?,
    };
    let page = merge_page(sources, request, |_: &Video, _: &Video| Ordering::Equal).await?;
    report_each(ctx, &page.errors);
    Ok(from_page(page, after.is_some(), |video| video))
}

fn by_reference(reference: &str) -> caast::ContentFilter {
    caast::ContentFilter {
        product_ref: Some(reference.to_string()),
        ..Default::default()
    }
}

/// The published LiSA shows with a snippet of `reference`, each read once for the request.
async fn featured_shows(
    ctx: &Context<'_>,
    reference: &str,
) -> async_graphql::Result<Vec<Arc<lisa::Show>>> {
    let client = clients::lisa_client(ctx)?;
    let references = &[reference.to_string()];
    let snippets = Scroll::read_batches(MAX_SNIPPET_PAGES, |cursor| async move {
        let query = lisa::ChildQuery {
            references,
            ..Default::default()
        };
        client.snippets(query, cursor.as_deref(), LISA_PAGE).await
    });
    let show_ids: BTreeSet<String> = snippets
        .await
        .map_err(|e| e.extend())?
        .iter()
        .flat_map(|batch| batch.items.iter())
        .filter_map(|s| s.show_id.as_deref().map(str::to_string))
        .collect();
    let loaders = loaders(ctx)?;
    let ids: Vec<String> = show_ids.into_iter().collect();
    let shows = read_each(ctx, &ids, |id| async move {
        load(loaders.lisa_show(), Provider::Lisa, id).await
    });
    Ok(shows
        .await
        .into_iter()
        .filter(|show| show.is_published())
        .collect())
}
