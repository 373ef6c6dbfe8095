//! The unified schema, independent of the web framework: `build_schema` returns the executable
//! schema, and `execution` runs every operation on it, whatever transport carried it.
//!
//! One folder per domain (`live_content`, `video`, `product`, `seller`, `channel`, `sticker`,
//! `snippet`, `story`, `webhook_subscription`), each with its type in `mod.rs`, its look-up and
//! list roots in `query.rs` and its writes (where it has any) in `mutations.rs`. The mechanisms every domain uses
//! have folders of their own: `execution`, `loaders`, `paging`, `resolver`, `arguments` and
//! `mutations` (the root and what writes share). What is left here is shared by all: global
//! `ids`, the `node` look-ups, the `provider` enum, the `date_time` scalar and the `locale`.

mod arguments;
mod channel;
mod date_time;
pub(crate) mod execution;
pub mod ids;
pub(crate) mod live_content;
mod loaders;
mod locale;
mod mutations;
pub(crate) mod node;
pub(crate) mod paging;
mod product;
pub(crate) mod provider;
pub(crate) mod resolver;
mod seller;
mod snippet;
mod sticker;
mod story;
mod video;
mod webhook_subscription;

pub(crate) use loaders::Loaders;
pub(crate) use loaders::request_memo::RequestMemo;
pub(crate) use locale::RequestLocale;
use mutations::MutationRoot;
pub(crate) use resolver::auth::Caller;

use async_graphql::{MergedObject, MergedSubscription, SDLExportOptions, Schema};

use crate::config::Limits;
use crate::events::Events;

/// The query root, assembled from one object per domain.
#[derive(MergedObject, Default)]
#[graphql(name = "Query")]
pub struct QueryRoot(
    live_content::query::LiveContentQuery,
    video::query::VideoQuery,
    product::query::ProductQuery,
    seller::query::SellerQuery,
    product::displayed::DisplayedQuery,
    channel::query::ChannelQuery,
    sticker::query::StickerQuery,
    snippet::query::SnippetQuery,
    story::query::StoryQuery,
    webhook_subscription::query::WebhookQuery,
    node::NodeQuery,
);

/// What can be subscribed to, over WebSocket (`graphql-transport-ws` or `graphql-ws`) or
/// Server-Sent Events on `/graphql`.
#[derive(MergedSubscription, Default)]
#[graphql(name = "Subscription")]
pub struct SubscriptionRoot(
    live_content::subscriptions::state_changes::StateSubscription,
    live_content::subscriptions::content_changes::ContentSubscription,
);

pub type GatewaySchema = Schema<QueryRoot, MutationRoot, SubscriptionRoot>;

/// Builds the executable schema. Depth and complexity are bounded by `limits`: a list field
/// costs its page size times its selection, so a thousand aliased lists are refused before any
/// provider is called. The schema holds no provider clients: each operation brings its own
/// traced copies in its context (see `execution`).
pub fn build_schema(events: Events, limits: &Limits) -> GatewaySchema {
    Schema::build(
        QueryRoot::default(),
        MutationRoot::default(),
        SubscriptionRoot::default(),
    )
    .register_output_type::<node::Node>()
    .limit_depth(limits.max_depth)
    .limit_complexity(limits.max_complexity)
    .data(events)
    .finish()
}

/// The schema's SDL, as committed in `schema/schema.graphql`: what introspection answers, the
/// scalars' `@specifiedBy` and the schema's description included, so that types generated from
/// the file and from the running gateway are the same.
pub fn sdl() -> String {
    let options = SDLExportOptions::new().include_specified_by();
    let sdl = Schema::build(
        QueryRoot::default(),
        MutationRoot::default(),
        SubscriptionRoot::default(),
    )
    .register_output_type::<node::Node>()
    .finish()
    .sdl_with_options(options);
    let described = format!("\"\"\"\n{SCHEMA_DESCRIPTION}\n\"\"\"\nschema {{");
    sdl.replacen("\nschema {", &format!("\n{described}"), 1)
}

/// What introspection gives as the schema's description (async-graphql's, fixed).
const SCHEMA_DESCRIPTION: &str = "A GraphQL Schema defines the capabilities of a GraphQL server. It exposes all available types and directives on the server, as well as the entry points for query, mutation, and subscription operations.";
