//! The axum routes. Handlers are thin: they translate HTTP to the schema and back.

mod field_order;
mod graphql;
mod health;
mod media;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use tower_http::trace::TraceLayer;

use secrecy::SecretString;

use crate::graphql::GatewaySchema;
use crate::providers::Providers;

/// What every handler can reach; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub schema: GatewaySchema,
    pub providers: Providers,
    /// The bearer token that makes a caller an operator (none configured: nobody is).
    pub operator_token: Option<SecretString>,
}

/// The largest request body: room for a few thumbnails in a multipart upload.
const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

pub fn router(state: AppState) -> Router {
    Router::new()
        .route(
            "/graphql",
            get(graphql::get)
                .post(graphql::post)
                .layer(DefaultBodyLimit::max(MAX_BODY_BYTES)),
        )
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
