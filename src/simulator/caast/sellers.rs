//! Caast sellers: list (`name`, `external_id`), create and update with JSON bodies
//! (`name` and `external_id` required).

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::super::ids;
use super::super::model::caast::Seller;
use super::super::query::Params;
use super::super::sim::Simulator;
use super::error::CaastError;
use super::filters::contains_ci;
use super::json;
use super::paging::{page_number, paginate};

pub(crate) async fn list(
    State(sim): State<Simulator>,
    params: Params,
) -> Result<Response, CaastError> {
    let name = params.get("name").filter(|v| !v.is_empty());
    let external_id = params.get("external_id").filter(|v| !v.is_empty());
    let page = page_number(&params)?;
    Ok(sim.read(|store| {
        let mut sellers: Vec<&Seller> = store
            .sellers
            .iter()
            .filter(|s| name.is_none_or(|n| contains_ci(&s.name, n)))
            .filter(|s| external_id.is_none_or(|e| s.external_id == e))
            .collect();
        sellers.sort_by(|a, b| {
            b.created_at
                .cmp(&a.created_at)
                .then_with(|| a.id.cmp(&b.id))
        });
        paginate(sellers, page, json::seller)
    }))
}

/// The validated JSON body of a create or update.
struct SellerInput {
    name: String,
    external_id: String,
    url: Option<Option<String>>,
    moderated: Option<bool>,
}

fn parse(body: &Bytes) -> Result<SellerInput, CaastError> {
    let body: Value = serde_json::from_slice(body)
        .map_err(|e| CaastError::unprocessable(format!("Body must be JSON: {e}")))?;
    let required = |key: &str| {
        body[key]
            .as_str()
            .filter(|v| !v.trim().is_empty())
            .map(str::to_string)
            .ok_or_else(|| CaastError::unprocessable(format!("The {key} field is required.")))
    };
    Ok(SellerInput {
        name: required("name")?,
        external_id: required("external_id")?,
        url: body.get("url").map(|u| u.as_str().map(str::to_string)),
        moderated: body.get("moderated").and_then(Value::as_bool),
    })
}

fn apply(input: SellerInput, seller: &mut Seller) {
    seller.name = input.name;
    seller.external_id = input.external_id;
    if let Some(url) = input.url {
        seller.url = url;
    }
    if let Some(moderated) = input.moderated {
        seller.moderated = moderated;
    }
}

pub(crate) async fn create(
    State(sim): State<Simulator>,
    body: Bytes,
) -> Result<Response, CaastError> {
    let input = parse(&body)?;
    let now = sim.now();
    Ok(sim.write(|store| {
        let seq = store.next_seq();
        let mut seller = Seller {
            id: ids::caast("created-seller", seq),
            name: String::new(),
            url: None,
            external_id: String::new(),
            moderated: false,
            created_at: now,
        };
        apply(input, &mut seller);
        let body = json!({"data": json::seller(&seller)});
        store.sellers.push(seller);
        (StatusCode::CREATED, Json(body)).into_response()
    }))
}

pub(crate) async fn update(
    State(sim): State<Simulator>,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, CaastError> {
    let input = parse(&body)?;
    sim.write(|store| {
        let seller = store
            .sellers
            .iter_mut()
            .find(|s| s.id == id)
            .ok_or_else(|| CaastError::not_found("seller", &id))?;
        apply(input, seller);
        Ok(Json(json!({"data": json::seller(seller)})))
    })
}
