//! Each loader of [`super::Loaders`], built over its shared provider client: which client call answers
//! one key (or one batch of shows).

use std::sync::Arc;
use std::time::Duration;

use super::{OneByOne, RequestLoader, ShowChildren, request_loader};
use crate::providers::caast::{CaastClient, ProductQuery};
use crate::providers::lisa::{ChildQuery, LisaClient, ShortClip, Snippet, Sticker};
use crate::providers::{caast, lisa};

/// A one-by-one loader calling `$call` on a clone of the client for every key; the item comes
/// back shared (as the provider cache holds it), never copied.
macro_rules! by_id {
    ($name:ident, $client:ty, $value:ty, $call:ident) => {
        pub(crate) fn $name(
            client: Arc<$client>,
            delay: Duration,
        ) -> RequestLoader<OneByOne<String, Arc<$value>>> {
            request_loader(
                OneByOne::new(move |id: String| {
                    let client = client.clone();
                    async move { client.$call(&id).await }
                }),
                delay,
            )
        }
    };
}

by_id!(caast_live, CaastClient, caast::Live, live);
by_id!(caast_video, CaastClient, caast::Video, video);
by_id!(caast_product, CaastClient, caast::Product, product);
by_id!(lisa_show, LisaClient, lisa::Show, show);
by_id!(lisa_clip, LisaClient, ShortClip, short_clip);
by_id!(lisa_channel, LisaClient, lisa::Channel, channel);
by_id!(lisa_sticker, LisaClient, Sticker, sticker);
by_id!(lisa_story, LisaClient, lisa::Story, story);

/// Caast's `GET /products?ref=` takes one reference: one request per distinct reference, and
/// only an exact match counts (Caast may match loosely).
pub(crate) fn caast_product_by_ref(
    client: Arc<CaastClient>,
    delay: Duration,
) -> RequestLoader<OneByOne<String, Option<Arc<caast::Product>>>> {
    request_loader(
        OneByOne::new(move |reference: String| {
            let client = client.clone();
            async move {
                let query = ProductQuery {
                    reference: Some(reference.clone()),
                    page: 1,
                    ..Default::default()
                };
                let page = client.products(&query).await?;
                let exact = page
                    .items
                    .into_iter()
                    .find(|p| p.reference.as_deref() == Some(reference.as_str()));
                Ok(exact)
            }
        }),
        delay,
    )
}

pub(crate) fn show_stickers(
    client: Arc<LisaClient>,
    delay: Duration,
) -> RequestLoader<ShowChildren<Sticker>> {
    let per_show = client.children_per_show().stickers.clone();
    request_loader(
        ShowChildren::new(per_show, move |shows: Arc<[String]>, cursor, limit| {
            let client = client.clone();
            async move {
                let query = ChildQuery::of_shows(&shows);
                client.stickers(query, cursor.as_deref(), limit).await
            }
        }),
        delay,
    )
}

pub(crate) fn show_clips(
    client: Arc<LisaClient>,
    delay: Duration,
) -> RequestLoader<ShowChildren<ShortClip>> {
    let per_show = client.children_per_show().clips.clone();
    request_loader(
        ShowChildren::new(per_show, move |shows: Arc<[String]>, cursor, limit| {
            let client = client.clone();
            async move {
                let query = ChildQuery::of_shows(&shows);
                client.short_clips(query, cursor.as_deref(), limit).await
            }
        }),
        delay,
    )
}

pub(crate) fn show_snippets(
    client: Arc<LisaClient>,
    delay: Duration,
) -> RequestLoader<ShowChildren<Snippet>> {
    let per_show = client.children_per_show().snippets.clone();
    request_loader(
        ShowChildren::new(per_show, move |shows: Arc<[String]>, cursor, limit| {
            let client = client.clone();
            async move {
                let query = ChildQuery::of_shows(&shows);
                client.snippets(query, cursor.as_deref(), limit).await
            }
        }),
        delay,
    )
}
