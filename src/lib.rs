//! live-commerce-gateway: one GraphQL API over the Caast and LiSA live-shopping providers.
//!
//! # Layout
//!
//! A request's data path reads top to bottom: route, execution, resolver, loader, provider
//! client, with the cache under the client (drawn in `docs/architecture.md`; the providers'
//! contract is `docs/providers.md`).
//!
//! - [`config`] — the typed configuration, the only module that reads the environment.
//! - [`app`] — [`app::Application`] binds the listener and serves; tests build it on port 0.
//! - [`http`] — the axum routes (GraphQL over HTTP, GraphiQL, health, webhooks) and the
//!   subscription transports (`http/subscriptions`: WebSocket in `ws/`, and SSE). They read and write
//!   their wire format only; `graphql::execution` runs every operation.
//! - [`graphql`] — the unified schema, one folder per domain, each holding its GraphQL type, its
//!   look-up and list roots (`query`) and its writes (`mutations`): `graphql/live_content` (with
//!   its filters, stream credentials and subscriptions), `graphql/video`, `graphql/product` (the
//!   cross-provider join, what features a product, what Caast's script displays),
//!   `graphql/seller`, `graphql/channel`, `graphql/sticker`, `graphql/snippet`, `graphql/story`
//!   and `graphql/webhook_subscription`. Beside them, the mechanisms they share:
//!   `graphql/execution` (response cache, parsed documents, limits, the per-request context,
//!   execution, keeping), `graphql/loaders` (per-request dataloaders that batch and deduplicate
//!   look-ups, and a page of shows' read-ahead), `graphql/paging` (connections, merged paging
//!   and its cursors), `graphql/resolver` (the caller, the provider clients, errors at a
//!   field's path), `graphql/arguments` (bounds and checks of list arguments) and
//!   `graphql/mutations` (the mutation root and the checks every write shares); the ids, the
//!   `Node` interface and the shared scalars sit at its root.
//! - [`providers`] — one client per provider (Caast, LiSA), wire types private to each. Their
//!   reads go through the provider-answer cache, a read-through under the clients. They know
//!   nothing of GraphQL or of events.
//! - [`cache`] — the shared, tagged provider-answer cache that webhooks and mutations
//!   invalidate, and the whole-answer (response) cache the execution consults first.
//! - [`events`] — live-state events (observations from webhooks, mutations and the Caast poller,
//!   made into one event per transition) and content changes (LiSA's show webhooks, the
//!   gateway's `updateLive`), relayed on a bus to the subscriptions.
//! - [`cluster`] — several replicas as one through Redis: cache invalidations, the event bus,
//!   webhook claims.
//! - [`error`] — the one list of error codes clients see.
//! - [`metrics`] — the Prometheus metrics served on `/metrics`, and how an operation ended.
//! - [`telemetry`] — logs, and OpenTelemetry traces exported over OTLP.
//! - `logged` — outside values cut short before any log, trace or refusal shows them.
//! - `allocator` — mimalloc as the global allocator.
//! - [`demo`] — runs the gateway on the embedded [`simulator`] (used by the binary only).
//! - [`simulator`] — the embedded Caast + LiSA simulator, for the demo and the tests.

mod allocator;
pub mod app;
pub mod cache;
pub mod cluster;
pub mod config;
pub mod demo;
pub mod error;
pub mod events;
pub mod graphql;
pub mod http;
mod logged;
pub mod metrics;
pub mod providers;
pub mod simulator;
pub mod telemetry;
