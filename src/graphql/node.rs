//! The Relay `Node` interface and the `node`/`nodes` look-ups: any global id, any provider.

use async_graphql::{Context, ErrorExtensions, ID, Interface, Object, PathSegment};
use futures::future::join_all;

use crate::error::{ErrorCode, graphql_error};
use crate::graphql::channel::Channel;
use crate::graphql::ids::{GlobalId, NodeKind};
use crate::graphql::live_content::LiveContent;
use crate::graphql::live_content::query::load_live_content;
use crate::graphql::product::Product;
use crate::graphql::product::join::load_product;
use crate::graphql::resolver::field_errors::nullable;
use crate::graphql::seller::Seller;
use crate::graphql::sticker::Sticker;
use crate::graphql::story::Story;
use crate::graphql::video::Video;
use crate::graphql::video::query::load_video;

/// The most ids one `nodes` call may ask for.
const MAX_NODES: usize = 100;

/// An object with a global id.
#[derive(Interface, Clone, Debug)]
#[graphql(field(name = "id", ty = "ID", desc = "Global, opaque id."))]
pub(crate) enum Node {
    LiveContent(LiveContent),
    Video(Video),
    Product(Product),
    Seller(Seller),
    Channel(Channel),
    Sticker(Sticker),
    Story(Story),
}

#[derive(Default)]
pub(crate) struct NodeQuery;

#[Object]
impl NodeQuery {
    /// The object with this global id; `null` (with an error) when it cannot be resolved.
    async fn node(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Any global id.")] id: ID,
    ) -> Option<Node> {
        let loaded = async { load_node(ctx, &id).await };
        nullable(ctx, loaded.await)
    }

    /// The objects with these global ids, in order; an id that cannot be resolved is `null`
    /// with an error at its index.
    #[graphql(complexity = "ids.len().max(1) * child_complexity")]
    async fn nodes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global ids, at most 100.")] ids: Vec<ID>,
    ) -> async_graphql::Result<Vec<Option<Node>>> {
        if ids.len() > MAX_NODES {
            return Err(graphql_error(
                ErrorCode::BadUserInput,
                format!("`nodes` takes at most {MAX_NODES} ids"),
            ));
        }
        let results = join_all(ids.iter().map(|id| load_node(ctx, id))).await;
        let field_path = ctx
            .set_error_path(async_graphql::ServerError::new("", None))
            .path;
        Ok(results
            .into_iter()
            .enumerate()
            .map(|(index, result)| {
                result
                    .map_err(|error| {
                        let mut path = field_path.clone();
                        path.push(PathSegment::Index(index));
                        ctx.add_error(error.into_server_error(ctx.item.pos).with_path(path));
                    })
                    .ok()
            })
            .collect())
    }
}

async fn load_node(ctx: &Context<'_>, id: &ID) -> async_graphql::Result<Node> {
    let id = GlobalId::decode(id)?;
    match id.kind {
        NodeKind::LiveContent => load_live_content(ctx, id.provider, &id.upstream_id)
            .await
            .map(Node::LiveContent),
        NodeKind::Video => load_video(ctx, id.provider, &id.upstream_id)
            .await
            .map(Node::Video),
        NodeKind::Product => load_product(ctx, &id).await.map(Node::Product),
        NodeKind::Channel => Channel::load(ctx, &id.upstream_id).await.map(Node::Channel),
        NodeKind::Story => Story::load(ctx, &id.upstream_id).await.map(Node::Story),
        NodeKind::Sticker => Sticker::load(ctx, &id.upstream_id).await.map(Node::Sticker),
        NodeKind::Seller => Seller::load(ctx, &id.upstream_id).await.map(Node::Seller),
    }
    .map_err(|error| error.extend())
}
