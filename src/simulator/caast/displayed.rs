//! `GET /displayed`: what the Caast script would show for a product reference or a page
//! URL. A product page URL or a seller URL selects the content featuring that product or
//! seller. Answers `[{"data": [lives…, videos…]}]`: unfinished lives first (soonest
//! start first), then finished lives, then videos, newest first.

use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

use super::super::model::Store;
use super::super::model::caast::{Content, LiveState};
use super::super::query::Params;
use super::super::sim::Simulator;
use super::error::CaastError;
use super::filters::newest_first;
use super::json;

enum Context<'a> {
    ProductRef(&'a str),
    Url(&'a str),
}

pub(crate) async fn displayed(
    State(sim): State<Simulator>,
    params: Params,
) -> Result<Json<Value>, CaastError> {
    let product_ref = params.get("product_ref").filter(|v| !v.is_empty());
    let url = params.get("url").filter(|v| !v.is_empty());
    let context = match (product_ref, url) {
        (Some(r), None) => Context::ProductRef(r),
        (None, Some(u)) => Context::Url(u),
        _ => {
            return Err(CaastError::unprocessable(
                "Give exactly one of product_ref and url.",
            ));
        }
    };
    Ok(sim.read(|store| Json(json!([{"data": select(store, &context)}]))))
}

fn select(store: &Store, context: &Context) -> Vec<Value> {
    let shown = |c: &Content| shows(store, c, context);
    let mut lives: Vec<_> = store.lives.iter().filter(|l| shown(&l.content)).collect();
    lives.sort_by(|a, b| {
        let finished = |l: &&super::super::model::caast::Live| l.state == LiveState::Finished;
        finished(a)
            .cmp(&finished(b))
            .then_with(|| a.start_date.cmp(&b.start_date))
            .then_with(|| a.content.id.cmp(&b.content.id))
    });
    let mut videos: Vec<_> = store.videos.iter().filter(|v| shown(&v.content)).collect();
    videos.sort_by(|a, b| newest_first(&a.content, &b.content));
    lives
        .into_iter()
        .map(|l| json::live(l, store))
        .chain(videos.into_iter().map(|v| json::video(v, store)))
        .collect()
}

fn shows(store: &Store, content: &Content, context: &Context) -> bool {
    let products = || {
        content
            .product_ids
            .iter()
            .filter_map(|id| store.product(id))
    };
    match context {
        Context::ProductRef(r) => products().any(|p| p.reference.as_deref() == Some(r)),
        Context::Url(u) => {
            products().any(|p| p.url.as_deref() == Some(u))
                || content
                    .seller_id
                    .as_deref()
                    .and_then(|id| store.seller(id))
                    .is_some_and(|s| s.url.as_deref() == Some(u))
        }
    }
}
