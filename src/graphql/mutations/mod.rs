//! The mutation root: every write, by provider. All need the operator token.

mod caast;
mod caast_inputs;
mod channels;
mod lisa;
mod upload;
mod write_error;

pub(crate) use caast_inputs::check_http_url;
pub(crate) use write_error::write_error;

use async_graphql::MergedObject;

/// The mutation root.
#[derive(MergedObject, Default)]
#[graphql(name = "Mutation")]
pub struct MutationRoot(
    caast::CaastMutation,
    channels::ChannelMutation,
    lisa::LisaMutation,
    super::webhooks::WebhookMutation,
);
