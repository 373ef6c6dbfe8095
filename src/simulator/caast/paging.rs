//! Caast pagination: `page` (1-based), 20 a page, `Current-Page` and `Page-Items`
//! (the number of matching items over all pages) headers; past the end is an empty page.

use axum::Json;
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::super::query::Params;
use super::error::CaastError;

pub(crate) const PER_PAGE: usize = 20;

pub(crate) fn page_number(params: &Params) -> Result<usize, CaastError> {
    match params.get("page") {
        None | Some("") => Ok(1),
        Some(raw) => raw
            .parse::<usize>()
            .ok()
            .filter(|p| *p >= 1)
            .ok_or_else(|| CaastError::unprocessable("page must be a positive integer.")),
    }
}

/// One page of `items` as a JSON:API list, rendering only the items on the page.
pub(crate) fn paginate<T>(items: Vec<T>, page: usize, render: impl Fn(T) -> Value) -> Response {
    let total = items.len();
    let data = on_page(items, page, render);
    respond(Value::Array(data), page, total)
}

/// Like [`paginate`], but a page of exactly one item holds that item itself (`data` is an
/// object), as the reference's sample of the products list shows its answer.
pub(crate) fn paginate_one_as_object<T>(
    items: Vec<T>,
    page: usize,
    render: impl Fn(T) -> Value,
) -> Response {
    let total = items.len();
    let mut data = on_page(items, page, render);
    let data = match data.len() {
        1 => data.remove(0),
        _ => Value::Array(data),
    };
    respond(data, page, total)
}

fn on_page<T>(items: Vec<T>, page: usize, render: impl Fn(T) -> Value) -> Vec<Value> {
    items
        .into_iter()
        .skip((page - 1).saturating_mul(PER_PAGE))
        .take(PER_PAGE)
        .map(render)
        .collect()
}

fn respond(data: Value, page: usize, total: usize) -> Response {
    let mut response = Json(json!({"data": data})).into_response();
    let headers = response.headers_mut();
    headers.insert("Current-Page", HeaderValue::from(page));
    headers.insert("Page-Items", HeaderValue::from(total));
    response
}
