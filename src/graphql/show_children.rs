//! What a LiSA show carries, read whole: its stickers, snippets and short clips, each one
//! filtered list request per batch of 50 (at most [`MAX_BATCHES`]).

use std::sync::Arc;

use async_graphql::{Context, ErrorExtensions};

use super::clients;
use super::snippet::Snippet;
use super::sticker::Sticker;
use super::video::Video;
use crate::providers::{UpstreamError, lisa};

/// Batches read at most for one show's list (a show with more than 500 items is cut there).
const MAX_BATCHES: usize = 10;
/// Items asked for per batch (LiSA's largest `limit` outside shows).
const BATCH: u32 = 50;

pub async fn stickers(ctx: &Context<'_>, show_id: &str) -> async_graphql::Result<Vec<Sticker>> {
    let client = clients::lisa(ctx.data()?)?;
    let shows = &[show_id.to_string()];
    let stickers =
        read_all(|cursor| async move { client.stickers(shows, cursor.as_deref(), BATCH).await })
            .await?;
    Ok(stickers.into_iter().map(|s| Sticker(Arc::new(s))).collect())
}

pub async fn snippets(ctx: &Context<'_>, show_id: &str) -> async_graphql::Result<Vec<Snippet>> {
    let client = clients::lisa(ctx.data()?)?;
    let shows = &[show_id.to_string()];
    let snippets =
        read_all(
            |cursor| async move { client.snippets(shows, &[], cursor.as_deref(), BATCH).await },
        )
        .await?;
    Ok(snippets.into_iter().map(|s| Snippet(Arc::new(s))).collect())
}

pub async fn short_clips(ctx: &Context<'_>, show_id: &str) -> async_graphql::Result<Vec<Video>> {
    let client = clients::lisa(ctx.data()?)?;
    let shows = &[show_id.to_string()];
    let clips = read_all(|cursor| async move {
        client
            .short_clips(shows, None, cursor.as_deref(), BATCH)
            .await
    })
    .await?;
    Ok(clips.into_iter().map(Video::lisa).collect())
}

/// Every item of a LiSA list, batch after batch.
async fn read_all<T, F, Fut>(fetch: F) -> async_graphql::Result<Vec<T>>
where
    F: Fn(Option<String>) -> Fut,
    Fut: std::future::Future<Output = Result<lisa::Scroll<T>, UpstreamError>>,
{
    let (mut items, mut cursor) = (Vec::new(), None);
    for _ in 0..MAX_BATCHES {
        let batch = fetch(cursor).await.map_err(|e| e.extend())?;
        items.extend(batch.items);
        cursor = batch.next_cursor;
        if cursor.is_none() {
            break;
        }
    }
    Ok(items)
}
