//! The sticker mutations (LiSA): publish, unpublish, start the activation timer. Each needs the
//! operator token and returns the sticker as LiSA now holds it.

use std::sync::Arc;

use async_graphql::{Context, ID, InputObject, Object};

use crate::error::{ErrorCode, graphql_error};
use crate::graphql::ids::{GlobalId, NodeKind};
use crate::graphql::mutations::write_error;
use crate::graphql::resolver::auth::require_operator;
use crate::graphql::resolver::clients::lisa_client;
use crate::graphql::sticker::Sticker;
use crate::providers::lisa::StickerPatch;

/// What to change on a sticker.
#[derive(InputObject)]
pub(crate) struct UpdateStickerInput {
    /// Publish (`true`) or unpublish (`false`) the sticker.
    pub(crate) published: Option<bool>,
    /// `true` starts the sticker's activation timer (LiSA accepts nothing else).
    pub(crate) start_activation_timer: Option<bool>,
}

#[derive(Default)]
pub(crate) struct StickerMutation;

#[Object]
impl StickerMutation {
    /// Publishes or unpublishes a LiSA sticker, or starts its activation timer.
    async fn update_sticker(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The global id of what to change.")] id: ID,
        #[graphql(desc = "What to write.")] input: UpdateStickerInput,
    ) -> async_graphql::Result<Sticker> {
        require_operator(ctx)?;
        let id = GlobalId::decode_kind(&id, NodeKind::Sticker)?;
        if input.start_activation_timer == Some(false) {
            return Err(graphql_error(
                ErrorCode::BadUserInput,
                "`startActivationTimer` only accepts true",
            ));
        }
        if input.published.is_none() && input.start_activation_timer.is_none() {
            return Err(graphql_error(
                ErrorCode::BadUserInput,
                "give `published` or `startActivationTimer`",
            ));
        }
        let patch = StickerPatch {
            is_published: input.published,
            is_activation_timer_enabled: input.start_activation_timer,
        };
        let sticker = lisa_client(ctx)?
            .update_sticker(&id.upstream_id, &patch)
            .await
            .map_err(write_error)?;
        Ok(Sticker(Arc::new(sticker)))
    }
}
