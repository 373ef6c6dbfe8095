//! The mutation root: every domain's writes (each in its domain's `mutations`) in one object, and
//! what they share: input checks, files uploaded with the multipart request, and a provider's
//! refusal read as an error. All need the operator token.

pub(crate) mod input_checks;
pub(crate) mod upload;
mod write_error;

pub(crate) use write_error::write_error;

use async_graphql::{Context, MergedObject};

use crate::graphql::channel::mutations::ChannelMutation;
use crate::graphql::live_content::mutations::LiveContentMutation;
use crate::graphql::product::mutations::ProductMutation;
use crate::graphql::resolver::auth::require_operator;
use crate::graphql::resolver::clients::caast_client;
use crate::graphql::seller::mutations::SellerMutation;
use crate::graphql::sticker::mutations::StickerMutation;
use crate::graphql::video::mutations::VideoMutation;
use crate::graphql::webhook_subscription::mutations::WebhookMutation;
use crate::providers::caast::CaastClient;

/// The mutation root.
#[derive(MergedObject, Default)]
#[graphql(name = "Mutation")]
pub struct MutationRoot(
    LiveContentMutation,
    VideoMutation,
    SellerMutation,
    ProductMutation,
    ChannelMutation,
    StickerMutation,
    WebhookMutation,
);

/// The Caast client, for an operator only: what every Caast write starts with.
pub(crate) fn operator_caast<'a>(ctx: &Context<'a>) -> async_graphql::Result<&'a CaastClient> {
    require_operator(ctx)?;
    caast_client(ctx)
}
