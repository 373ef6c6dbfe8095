//! The axum routes. Handlers are thin: they translate HTTP to the schema and back.

mod graphql;
mod health;
mod media;

use axum::Router;
use axum::routing::get;
use tower_http::trace::TraceLayer;

use crate::graphql::GatewaySchema;
use crate::providers::Providers;

/// What every handler can reach; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub schema: GatewaySchema,
    pub providers: Providers,
}

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/graphql", get(graphql::get).post(graphql::post))
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
