//! Caast products: list (`name`, `ref`, `seller_id`; a page of one product is that product,
//! as the reference's sample shows), retrieve, and multipart create
//! and update. A create whose `ref` matches the shop catalogue (within `seller_id`'s
//! products when given) imports that product and ignores the other fields, as documented.

use axum::Json;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use super::super::ids;
use super::super::model::Store;
use super::super::model::caast::Product;
use super::super::query::Params;
use super::super::sim::Simulator;
use super::error::CaastError;
use super::filters::contains_ci;
use super::form::{Form, read_form};
use super::json;
use super::paging::{page_number, paginate_one_as_object};

pub(crate) async fn list(
    State(sim): State<Simulator>,
    params: Params,
) -> Result<Response, CaastError> {
    let name = params.get("name").filter(|v| !v.is_empty());
    let reference = params.get("ref").filter(|v| !v.is_empty());
    let seller_id = params.get("seller_id").filter(|v| !v.is_empty());
    let page = page_number(&params)?;
    Ok(sim.read(|store| {
        let mut products: Vec<&Product> = store
            .products
            .iter()
            .filter(|p| name.is_none_or(|n| contains_ci(&p.name, n)))
            .filter(|p| reference.is_none_or(|r| p.reference.as_deref() == Some(r)))
            .filter(|p| seller_id.is_none_or(|s| p.seller_id.as_deref() == Some(s)))
            .collect();
        products.sort_by(|a, b| {
            b.created_at
                .cmp(&a.created_at)
                .then_with(|| a.id.cmp(&b.id))
        });
        // The reference's sample answers one product as an object, not a list of one.
        paginate_one_as_object(products, page, json::product)
    }))
}

pub(crate) async fn get(
    State(sim): State<Simulator>,
    Path(id): Path<String>,
) -> Result<Json<Value>, CaastError> {
    sim.read(|store| {
        store
            .product(&id)
            .map(|p| Json(json!({"data": json::product(p)})))
            .ok_or_else(|| CaastError::not_found("product", &id))
    })
}

pub(crate) async fn create(
    State(sim): State<Simulator>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, CaastError> {
    let form = read_form(multipart).await?;
    let now = sim.now();
    sim.write(|store| {
        let seq = store.next_seq();
        let mut product = match from_catalogue(&form, store) {
            Some(item) => item,
            None => {
                let mut manual = Product::default();
                apply(&form, &mut manual, store, seq)?;
                manual
            }
        };
        product.id = ids::caast("created-product", seq);
        product.created_at = now;
        let body = json!({"data": json::product(&product)});
        store.products.push(product);
        Ok((StatusCode::CREATED, Json(body)).into_response())
    })
}

fn from_catalogue(form: &Form, store: &Store) -> Option<Product> {
    let reference = form.filled("ref")?;
    let seller = form.filled("seller_id");
    store
        .catalogue
        .iter()
        .map(|c| &c.product)
        .find(|p| {
            p.reference.as_deref() == Some(reference)
                && seller.is_none_or(|s| p.seller_id.as_deref() == Some(s))
        })
        .cloned()
}

pub(crate) async fn update(
    State(sim): State<Simulator>,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Json<Value>, CaastError> {
    let form = read_form(multipart).await?;
    sim.write(|store| {
        let index = store
            .products
            .iter()
            .position(|p| p.id == id)
            .ok_or_else(|| CaastError::not_found("product", &id))?;
        let seq = store.next_seq();
        let mut product = store.products[index].clone();
        apply(&form, &mut product, store, seq)?;
        let body = json!({"data": json::product(&product)});
        store.products[index] = product;
        Ok(Json(body))
    })
}

/// Copy a manual create/update form onto `product` (`name` required).
fn apply(form: &Form, product: &mut Product, store: &Store, seq: u64) -> Result<(), CaastError> {
    product.name = form
        .filled("name")
        .ok_or_else(|| CaastError::unprocessable("The name field is required."))?
        .to_string();
    if let Some(seller) = form.text("seller_id").map(str::trim) {
        if !seller.is_empty() && store.seller(seller).is_none() {
            return Err(CaastError::unprocessable(format!(
                "Seller {seller} does not exist."
            )));
        }
        product.seller_id = Some(seller.to_string()).filter(|s| !s.is_empty());
    }
    let optional = |key: &str| {
        form.text(key)
            .map(|v| Some(v.to_string()).filter(|v| !v.is_empty()))
    };
    let fields = [
        ("description", &mut product.description),
        ("ref", &mut product.reference),
        ("ean", &mut product.ean),
        ("price", &mut product.price),
        ("discount_price", &mut product.discount_price),
        ("url", &mut product.url),
    ];
    for (key, slot) in fields {
        if let Some(value) = optional(key) {
            *slot = value;
        }
    }
    if let Some(raw) = form.filled("in_stock") {
        product.in_stock = Some(parse_bool(raw)?);
    }
    if let Some(raw) = form.filled("complementary_informations") {
        product.complementary = serde_json::from_str::<Map<String, Value>>(raw).map_err(|_| {
            CaastError::unprocessable("complementary_informations must be a JSON object.")
        })?;
    }
    if form.has_file("thumbnail") {
        product.thumbnail_url = Some(format!(
            "https://cdn.sim.caast.tv/products/upload-{seq}.jpg"
        ));
    }
    Ok(())
}

fn parse_bool(raw: &str) -> Result<bool, CaastError> {
    match raw {
        "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        _ => Err(CaastError::unprocessable("in_stock must be a boolean.")),
    }
}
