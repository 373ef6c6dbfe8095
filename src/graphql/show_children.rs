//! What a LiSA show carries, read whole: its stickers, snippets and short clips. The shows of one
//! request are batched by the request's loaders, so a list of fifty shows asks LiSA once per
//! kind of child (and pages through the answer), not once per show. Each child is the loader's
//! shared item: a field wraps the `Arc`, it never copies the item.

use std::sync::Arc;

use async_graphql::Context;

use super::loaders::{load, loaders};
use super::snippet::Snippet;
use super::sticker::Sticker;
use super::video::Video;
use crate::providers::Provider;

pub async fn stickers(ctx: &Context<'_>, show_id: &str) -> async_graphql::Result<Vec<Sticker>> {
    let loaders = loaders(ctx)?;
    let stickers = load(loaders.show_stickers(), Provider::Lisa, show_id.to_string()).await?;
    Ok(stickers.iter().map(|s| Sticker(Arc::clone(s))).collect())
}

pub async fn snippets(ctx: &Context<'_>, show_id: &str) -> async_graphql::Result<Vec<Snippet>> {
    let loaders = loaders(ctx)?;
    let snippets = load(loaders.show_snippets(), Provider::Lisa, show_id.to_string()).await?;
    Ok(snippets.iter().map(|s| Snippet(Arc::clone(s))).collect())
}

pub async fn short_clips(ctx: &Context<'_>, show_id: &str) -> async_graphql::Result<Vec<Video>> {
    let loaders = loaders(ctx)?;
    let clips = load(loaders.show_clips(), Provider::Lisa, show_id.to_string()).await?;
    Ok(clips.iter().map(|c| Video::Lisa(Arc::clone(c))).collect())
}
