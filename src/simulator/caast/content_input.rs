//! Applying a create/update form to a live or video: the fields they share, validated
//! against the store (the seller must exist; products must exist and, with a seller,
//! belong to it, as the reference says).

use super::super::model::Store;
use super::super::model::caast::Content;
use super::error::CaastError;
use super::form::Form;

/// The required `name`, or 422.
pub(crate) fn required_name(form: &Form) -> Result<String, CaastError> {
    form.filled("name")
        .map(str::to_string)
        .ok_or_else(|| CaastError::unprocessable("The name field is required."))
}

/// Validate the form's relations and copy every given field onto `content`.
pub(crate) fn apply(
    form: &Form,
    content: &mut Content,
    store: &Store,
    seq: u64,
) -> Result<(), CaastError> {
    content.name = required_name(form)?;
    if let Some(description) = form.text("description") {
        content.description = Some(description.to_string()).filter(|d| !d.is_empty());
    }
    if let Some(seller_id) = form.text("seller_id") {
        let seller_id = seller_id.trim();
        if !seller_id.is_empty() && store.seller(seller_id).is_none() {
            return Err(CaastError::unprocessable(format!(
                "Seller {seller_id} does not exist."
            )));
        }
        content.seller_id = Some(seller_id.to_string()).filter(|s| !s.is_empty());
    }
    if let Some(tags) = form.list("tags") {
        content.tags = tags;
    }
    if let Some(product_ids) = form.list("product_ids") {
        content.product_ids = product_ids;
    }
    check_products(content, store)?;
    let id = &content.id;
    if form.has_file("thumbnail") {
        content.thumbnail_url = Some(format!(
            "https://cdn.sim.caast.tv/thumbnails/{id}-{seq}.jpg"
        ));
    }
    if form.has_file("portrait_thumbnail") {
        content.portrait_thumbnail_url = Some(format!(
            "https://cdn.sim.caast.tv/thumbnails/{id}-{seq}-portrait.jpg"
        ));
    }
    Ok(())
}

fn check_products(content: &Content, store: &Store) -> Result<(), CaastError> {
    for id in &content.product_ids {
        let product = store
            .product(id)
            .ok_or_else(|| CaastError::unprocessable(format!("Product {id} does not exist.")))?;
        if let Some(seller) = &content.seller_id
            && product.seller_id.as_ref() != Some(seller)
        {
            return Err(CaastError::unprocessable(format!(
                "Product {id} does not belong to seller {seller}."
            )));
        }
    }
    Ok(())
}
