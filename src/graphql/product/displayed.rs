//! `displayedContent`: what Caast's script shows for a product reference or a page URL.

use std::sync::Arc;

use async_graphql::{Context, ErrorExtensions, Object, Union};

use crate::error::{ErrorCode, graphql_error};
use crate::graphql::live_content::LiveContent;
use crate::graphql::resolver::clients::caast_client;
use crate::graphql::video::Video;
use crate::providers::caast as provider;

/// A live or a video.
#[derive(Union, Clone, Debug)]
pub(crate) enum DisplayedContent {
    LiveContent(LiveContent),
    Video(Video),
}

#[derive(Default)]
pub(crate) struct DisplayedQuery;

#[Object]
impl DisplayedQuery {
    /// The lives and videos Caast displays for a product reference or a page URL (exactly one).
    async fn displayed_content(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A shop reference (SKU).")] product_ref: Option<String>,
        #[graphql(desc = "A page of the shop.")] url: Option<String>,
    ) -> async_graphql::Result<Vec<DisplayedContent>> {
        let pair = match (product_ref, url) {
            (Some(reference), None) => ("product_ref", reference),
            (None, Some(url)) => ("url", url),
            _ => {
                return Err(graphql_error(
                    ErrorCode::BadUserInput,
                    "give exactly one of `productRef` and `url`",
                ));
            }
        };
        let displayed = caast_client(ctx)?
            .displayed(pair)
            .await
            .map_err(|e| e.extend())?;
        Ok(displayed
            .iter()
            .map(|item| match item {
                provider::Displayed::Live(live) => {
                    DisplayedContent::LiveContent(LiveContent::Caast(Arc::clone(live)))
                }
                provider::Displayed::Video(video) => {
                    DisplayedContent::Video(Video::Caast(Arc::clone(video)))
                }
            })
            .collect())
    }
}
