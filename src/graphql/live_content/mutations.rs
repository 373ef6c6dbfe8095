//! The live content mutations (Caast lives): create, update, and finish or start again. A live
//! finished or started through the gateway is announced to the state subscription at once.

use std::sync::Arc;

use async_graphql::{Context, ID, InputObject, Object};
use chrono::{SecondsFormat, Utc};

use crate::graphql::date_time::Rfc3339;
use crate::graphql::ids::{GlobalId, NodeKind};
use crate::graphql::live_content::subscriptions::content_changes::announce_update;
use crate::graphql::live_content::subscriptions::state_changes::announce_mutation;
use crate::graphql::live_content::{LiveContent, LiveState};
use crate::graphql::mutations::{operator_caast, write_error};
use crate::graphql::video::mutations::{VideoInput, video_input};
use crate::providers::Provider;
use crate::providers::caast as provider;

#[derive(Default)]
pub(crate) struct LiveContentMutation;

#[Object]
impl LiveContentMutation {
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

    /// Replaces a Caast live's content (`FORBIDDEN` for a live shared by another app), and
    /// announces the change to `liveContentChanged` (Caast tells nobody of it).
    async fn update_live(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The global id of what to change.")] id: ID,
        #[graphql(desc = "What to write.")] input: LiveInput,
    ) -> async_graphql::Result<LiveContent> {
        let client = operator_caast(ctx)?;
        let id = GlobalId::decode_kind_of(&id, NodeKind::LiveContent, Provider::Caast)?;
        let input = live_input(ctx, input).await?;
        let written = input.written_fields();
        let live = client
            .update_live(&id.upstream_id, input)
            .await
            .map_err(write_error)?;
        announce_update(ctx, &live, written);
        Ok(LiveContent::Caast(Arc::new(live)))
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
}

/// A live to create, or a live's new content (a field left out stays; `null` clears it).
#[derive(InputObject)]
pub(crate) struct LiveInput {
    /// When the live is planned to start.
    pub(crate) start_date: Rfc3339,
    #[graphql(flatten)]
    pub(crate) content: VideoInput,
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
