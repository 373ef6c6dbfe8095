//! GraphiQL, served by the gateway itself: the page (`GET /graphql` from a browser) and its
//! files (`/graphiql/assets/{version}/{name}`), so that it works with no internet access and
//! under a strict Content-Security-Policy.

pub(crate) mod assets;
mod page;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::AppState;

/// The GraphiQL page, with its policy. Not kept by caches: it names the current files.
pub(crate) fn page(state: &AppState, request: &HeaderMap) -> Response {
    let assets = &state.graphiql;
    let policy = page::content_security_policy(assets, request);
    let headers = [
        (
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        ),
        (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ),
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_str(&policy).expect("the policy is ASCII"),
        ),
    ];
    (headers, page::html(assets)).into_response()
}

/// One of the page's files; its path names the version, so it may be kept for good.
pub(crate) async fn asset(
    State(state): State<AppState>,
    Path((version, name)): Path<(String, String)>,
) -> Response {
    let Some(body) = state.graphiql.get(&version, &name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let headers = [
        (header::CONTENT_TYPE, assets::content_type(&name)),
        (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    ];
    (headers, body).into_response()
}
