//! The unified schema, independent of the web framework: `build_schema` returns the executable
//! schema, and `execution` runs every operation on it, whatever transport carried it.

mod argument_bounds;
pub(crate) mod auth;
mod boxed_output;
mod channel;
mod channels;
mod chat;
mod clients;
pub(crate) mod connection;
mod content_changes;
mod content_filter;
mod content_parts;
mod date_time;
mod displayed;
pub(crate) mod document_limits;
pub(crate) mod executed_fields;
pub(crate) mod execution;
mod field_errors;
mod filter_clash;
pub mod ids;
mod item_order;
mod lists;
pub(crate) mod live_content;
pub(crate) mod live_contents;
pub(crate) mod live_state;
mod loaders;
mod locale;
pub(crate) mod merge;
mod mutations;
pub(crate) mod node;
pub(crate) mod normalised;
mod prefetch;
mod product;
mod product_contents;
mod product_join;
mod products;
pub(crate) mod provider;
mod read_ahead;
mod request_memo;
mod seller;
mod sellers;
mod shared_list;
mod show_children;
mod show_filter;
mod snippet;
mod snippets;
pub(crate) mod state_changes;
mod sticker;
mod stickers;
mod stories;
mod story;
mod stream_credentials;
mod subscribed_events;
mod upstream_errors;
mod video;
mod videos;
mod webhook_event_type;
mod webhooks;

pub(crate) use auth::Caller;
pub(crate) use loaders::Loaders;
pub(crate) use locale::RequestLocale;
use mutations::MutationRoot;
pub(crate) use request_memo::RequestMemo;

use async_graphql::{MergedObject, MergedSubscription, SDLExportOptions, Schema};

use crate::config::Limits;
use crate::events::Events;

/// The query root, assembled from one object per domain.
#[derive(MergedObject, Default)]
#[graphql(name = "Query")]
pub struct QueryRoot(
    live_contents::LiveContentQuery,
    videos::VideoQuery,
    products::ProductQuery,
    sellers::SellerQuery,
    displayed::DisplayedQuery,
    channels::ChannelQuery,
    stickers::StickerQuery,
    snippets::SnippetQuery,
    stories::StoryQuery,
    webhooks::WebhookQuery,
    node::NodeQuery,
);

/// What can be subscribed to, over WebSocket (`graphql-transport-ws` or `graphql-ws`) or
/// Server-Sent Events on `/graphql`.
#[derive(MergedSubscription, Default)]
#[graphql(name = "Subscription")]
pub struct SubscriptionRoot(
    state_changes::StateSubscription,
    content_changes::ContentSubscription,
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
