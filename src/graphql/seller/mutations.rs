//! The seller mutations (Caast sellers): create and update.

use std::sync::Arc;

use async_graphql::{Context, ID, InputObject, Object};

use crate::graphql::ids::{GlobalId, NodeKind};
use crate::graphql::mutations::input_checks::{http_url, not_empty};
use crate::graphql::mutations::{operator_caast, write_error};
use crate::graphql::seller::Seller;
use crate::providers::Provider;
use crate::providers::caast as provider;

#[derive(Default)]
pub(crate) struct SellerMutation;

#[Object]
impl SellerMutation {
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
}

/// A seller to create, or a seller's new content.
#[derive(InputObject)]
pub(crate) struct SellerInput {
    /// The seller's name (not empty).
    pub(crate) name: String,
    /// The seller's id in the shop's own system (not empty).
    pub(crate) external_id: String,
    /// The seller's site (an http(s) URL).
    pub(crate) url: Option<String>,
    /// Whether the seller is moderated.
    pub(crate) moderated: Option<bool>,
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
