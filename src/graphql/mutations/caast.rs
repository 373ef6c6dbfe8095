//! The Caast mutations: lives, videos, sellers and products. Each needs the operator token,
//! checks its input before calling Caast, and returns the object as Caast now holds it.

use std::sync::Arc;

use crate::graphql::date_time::Rfc3339;
use async_graphql::{Context, ID, Object};
use chrono::{SecondsFormat, Utc};

use super::caast_inputs::{
    LiveInput, ProductInput, SellerInput, VideoInput, caast_ids, change, http_url, not_empty, price,
};
use super::upload::read_upload;
use super::write_error::write_error;
use crate::graphql::auth::require_operator;
use crate::graphql::clients::caast_client;
use crate::graphql::ids::{GlobalId, NodeKind, upstream_id};
use crate::graphql::live_content::{LiveContent, LiveState};
use crate::graphql::product::{Product, SellerHint};
use crate::graphql::seller::Seller;
use crate::graphql::state_changes::announce_mutation;
use crate::graphql::video::Video;
use crate::providers::Provider;
use crate::providers::caast::{self as provider, CaastClient};

#[derive(Default)]
pub(crate) struct CaastMutation;

#[Object]
impl CaastMutation {
    /// Creates a Caast live.
    async fn create_live(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to write.")] input: LiveInput,
    ) -> async_graphql::Result<LiveContent> {
        let (client, input) = (operator_caast(ctx)?, live_input(ctx, input).await?);
        Ok(LiveContent::Caast(Arc::new(
            client.create_live(input).await.map_err(write_error)?,
        )))
    }

    /// Replaces a Caast live's content (`FORBIDDEN` for a live shared by another app).
    async fn update_live(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The global id of what to change.")] id: ID,
        #[graphql(desc = "What to write.")] input: LiveInput,
    ) -> async_graphql::Result<LiveContent> {
        let client = operator_caast(ctx)?;
        let id = GlobalId::decode_kind_of(&id, NodeKind::LiveContent, Provider::Caast)?;
        let input = live_input(ctx, input).await?;
        Ok(LiveContent::Caast(Arc::new(
            client
                .update_live(&id.upstream_id, input)
                .await
                .map_err(write_error)?,
        )))
    }

    /// Finishes a Caast live (its stream stops and a replay is made), or with `finished: false`
    /// starts it again.
    async fn finish_live(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The global id of what to change.")] id: ID,
        #[graphql(default = true, desc = "`false` starts the live again.")] finished: bool,
        #[graphql(desc = "When it ended (default: now).")] ended_at: Option<Rfc3339>,
    ) -> async_graphql::Result<LiveContent> {
        let client = operator_caast(ctx)?;
        let id = GlobalId::decode_kind_of(&id, NodeKind::LiveContent, Provider::Caast)?;
        let end_date = ended_at
            .map_or_else(Utc::now, |at| at.0)
            .to_rfc3339_opts(SecondsFormat::Secs, true);
        let input = provider::FinishInput {
            is_finished: finished,
            end_date,
        };
        let before = client.live(&id.upstream_id).await.ok();
        let live = client
            .finish_live(&id.upstream_id, &input)
            .await
            .map_err(write_error)?;
        let previous = before.map(|live| LiveState::of_caast(live.state));
        announce_mutation(ctx, &live, previous);
        Ok(LiveContent::Caast(Arc::new(live)))
    }

    /// Creates a Caast video; its `uploadUrl` says where to upload the file, for an hour.
    async fn create_video(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to write.")] input: VideoInput,
    ) -> async_graphql::Result<Video> {
        let (client, input) = (operator_caast(ctx)?, video_input(ctx, input).await?);
        Ok(Video::caast(
            client.create_video(input).await.map_err(write_error)?,
        ))
    }

    /// Replaces a Caast video's content.
    async fn update_video(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The global id of what to change.")] id: ID,
        #[graphql(desc = "What to write.")] input: VideoInput,
    ) -> async_graphql::Result<Video> {
        let client = operator_caast(ctx)?;
        let id = GlobalId::decode_kind_of(&id, NodeKind::Video, Provider::Caast)?;
        let input = video_input(ctx, input).await?;
        Ok(Video::caast(
            client
                .update_video(&id.upstream_id, input)
                .await
                .map_err(write_error)?,
        ))
    }

    /// Creates a Caast seller.
    async fn create_seller(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to write.")] input: SellerInput,
    ) -> async_graphql::Result<Seller> {
        let (client, input) = (operator_caast(ctx)?, seller_input(input)?);
        Ok(Seller(Arc::new(
            client.create_seller(&input).await.map_err(write_error)?,
        )))
    }

    /// Replaces a Caast seller's content.
    async fn update_seller(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The global id of what to change.")] id: ID,
        #[graphql(desc = "What to write.")] input: SellerInput,
    ) -> async_graphql::Result<Seller> {
        let client = operator_caast(ctx)?;
        let id = GlobalId::decode_kind_of(&id, NodeKind::Seller, Provider::Caast)?;
        let input = seller_input(input)?;
        Ok(Seller(Arc::new(
            client
                .update_seller(&id.upstream_id, &input)
                .await
                .map_err(write_error)?,
        )))
    }

    /// Creates a Caast product (from the catalogue when its `ref` is found there).
    async fn create_product(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to write.")] input: ProductInput,
    ) -> async_graphql::Result<Product> {
        let client = operator_caast(ctx)?;
        let (input, seller) = product_input(ctx, input).await?;
        Ok(Product::new(
            client.create_product(input).await.map_err(write_error)?,
            seller,
        ))
    }

    /// Replaces a Caast product's content.
    async fn update_product(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The global id of what to change.")] id: ID,
        #[graphql(desc = "What to write.")] input: ProductInput,
    ) -> async_graphql::Result<Product> {
        let client = operator_caast(ctx)?;
        let id = GlobalId::decode_kind_of(&id, NodeKind::Product, Provider::Caast)?;
        let (input, seller) = product_input(ctx, input).await?;
        Ok(Product::new(
            client
                .update_product(&id.upstream_id, input)
                .await
                .map_err(write_error)?,
            seller,
        ))
    }
}

/// The Caast client, for an operator only.
fn operator_caast<'a>(ctx: &Context<'a>) -> async_graphql::Result<&'a CaastClient> {
    require_operator(ctx)?;
    caast_client(ctx)
}

async fn live_input(
    ctx: &Context<'_>,
    input: LiveInput,
) -> async_graphql::Result<provider::ContentInput> {
    let start_date = input.start_date.to_rfc3339_opts(SecondsFormat::Secs, true);
    Ok(provider::ContentInput {
        start_date: Some(start_date),
        ..video_input(ctx, input.content).await?
    })
}

/// What lives and videos are written with, checked and with their files read.
async fn video_input(
    ctx: &Context<'_>,
    input: VideoInput,
) -> async_graphql::Result<provider::ContentInput> {
    not_empty("name", &input.name)?;
    Ok(provider::ContentInput {
        name: input.name,
        description: change(input.description, Ok)?,
        seller_id: change(input.seller_id, |id| {
            upstream_id(&id, NodeKind::Seller, Provider::Caast)
        })?,
        tags: change(input.tags, Ok)?,
        product_ids: change(input.product_ids, |ids| {
            let ids = caast_ids(Some(ids), NodeKind::Product)?;
            Ok(ids.unwrap_or_default())
        })?,
        start_date: None,
        thumbnail: read_upload(ctx, input.thumbnail.as_ref()).await?,
        portrait_thumbnail: read_upload(ctx, input.portrait_thumbnail.as_ref()).await?,
    })
}

fn seller_input(input: SellerInput) -> async_graphql::Result<provider::SellerInput> {
    not_empty("name", &input.name)?;
    not_empty("externalId", &input.external_id)?;
    http_url("url", input.url.as_deref())?;
    Ok(provider::SellerInput {
        name: input.name,
        url: input.url,
        external_id: input.external_id,
        moderated: input.moderated,
    })
}

async fn product_input(
    ctx: &Context<'_>,
    input: ProductInput,
) -> async_graphql::Result<(provider::ProductInput, SellerHint)> {
    not_empty("name", &input.name)?;
    http_url("url", input.url.as_deref())?;
    let (price, discount_price) = (
        price("price", input.price)?,
        price("discountPrice", input.discount_price)?,
    );
    let seller_id = seller_id(input.seller_id)?;
    let seller = seller_id
        .clone()
        .map_or(SellerHint::Unknown, SellerHint::Id);
    let product = provider::ProductInput {
        name: input.name,
        description: input.description,
        reference: input.reference,
        seller_id,
        ean: input.ean,
        price,
        discount_price,
        in_stock: input.in_stock,
        url: input.url,
        complementary_informations: input.extra.map(|json| serde_json::Value::Object(json.0)),
        thumbnail: read_upload(ctx, input.thumbnail.as_ref()).await?,
    };
    Ok((product, seller))
}

fn seller_id(id: Option<ID>) -> async_graphql::Result<Option<String>> {
    id.map(|id| upstream_id(&id, NodeKind::Seller, Provider::Caast))
        .transpose()
}
