//! The video mutations (Caast videos): create and update. Lives are written with the same
//! fields and a start date, so their input and its reading live here.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Upload};

use crate::graphql::ids::{GlobalId, NodeKind, upstream_id};
use crate::graphql::mutations::input_checks::{caast_ids, change, not_empty};
use crate::graphql::mutations::upload::read_upload;
use crate::graphql::mutations::{operator_caast, write_error};
use crate::graphql::video::Video;
use crate::providers::Provider;
use crate::providers::caast as provider;

#[derive(Default)]
pub(crate) struct VideoMutation;

#[Object]
impl VideoMutation {
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
}

/// A video to create, or a video's new content. Lives take the same fields, and a start date.
/// In an update, a field left out stays as it is and `null` clears it (an empty list too);
/// a picture cannot be cleared, only replaced.
#[derive(InputObject)]
pub(crate) struct VideoInput {
    /// The name (not empty).
    pub(crate) name: String,
    /// The description (`null` clears it).
    pub(crate) description: MaybeUndefined<String>,
    /// The seller: a `Seller` id or Caast's own id (`null` unlinks it).
    pub(crate) seller_id: MaybeUndefined<ID>,
    /// The tags (`null` or `[]` clears them).
    pub(crate) tags: MaybeUndefined<Vec<String>>,
    /// The products shown: `Product` ids or Caast's own ids; with a seller, they must be its own
    /// (`null` or `[]` clears them).
    pub(crate) product_ids: MaybeUndefined<Vec<ID>>,
    /// Landscape picture (a file of the multipart request).
    pub(crate) thumbnail: Option<Upload>,
    /// Portrait picture (a file of the multipart request).
    pub(crate) portrait_thumbnail: Option<Upload>,
}

/// What lives and videos are written with, checked and with their files read.
pub(crate) async fn video_input(
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
