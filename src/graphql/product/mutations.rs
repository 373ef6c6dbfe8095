//! The product mutations (Caast products): create (from the shop's catalogue when its reference
//! is found there) and update.

use async_graphql::{Context, ID, InputObject, Object, Upload};

use crate::graphql::ids::{GlobalId, NodeKind, upstream_id};
use crate::graphql::mutations::input_checks::{http_url, not_empty, price};
use crate::graphql::mutations::upload::read_upload;
use crate::graphql::mutations::{operator_caast, write_error};
use crate::graphql::product::{Product, SellerHint};
use crate::providers::Provider;
use crate::providers::caast as provider;

#[derive(Default)]
pub(crate) struct ProductMutation;

#[Object]
impl ProductMutation {
    /// Creates a Caast product (from the catalogue when its `ref` is found there).
    async fn create_product(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to write.")] input: ProductInput,
    ) -> async_graphql::Result<Product> {
        let client = operator_caast(ctx)?;
        let (input, seller) = product_input(ctx, input).await?;
        Ok(Product::new(
            client.create_product(input).await.map_err(write_error)?,
            seller,
        ))
    }

    /// Replaces a Caast product's content.
    async fn update_product(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The global id of what to change.")] id: ID,
        #[graphql(desc = "What to write.")] input: ProductInput,
    ) -> async_graphql::Result<Product> {
        let client = operator_caast(ctx)?;
        let id = GlobalId::decode_kind_of(&id, NodeKind::Product, Provider::Caast)?;
        let (input, seller) = product_input(ctx, input).await?;
        Ok(Product::new(
            client
                .update_product(&id.upstream_id, input)
                .await
                .map_err(write_error)?,
            seller,
        ))
    }
}

/// A product to create, or a product's new content. A `ref` found in the shop's catalogue
/// creates the product from the catalogue (Caast then ignores the other fields).
#[derive(InputObject)]
pub(crate) struct ProductInput {
    /// The product's name (not empty).
    pub(crate) name: String,
    /// The description.
    pub(crate) description: Option<String>,
    /// The shop reference (SKU).
    #[graphql(name = "ref")]
    pub(crate) reference: Option<String>,
    /// The seller (a `Seller` id, or Caast's own id).
    pub(crate) seller_id: Option<ID>,
    /// European article number.
    pub(crate) ean: Option<String>,
    /// Base price, a decimal number such as "19.90".
    pub(crate) price: Option<String>,
    /// Discounted price, a decimal number.
    pub(crate) discount_price: Option<String>,
    /// Whether it is in stock.
    pub(crate) in_stock: Option<bool>,
    /// The product's page (an http(s) URL).
    pub(crate) url: Option<String>,
    /// Free-form complementary information (a JSON object).
    pub(crate) extra: Option<async_graphql::Json<serde_json::Map<String, serde_json::Value>>>,
    /// Picture (a file of the multipart request).
    pub(crate) thumbnail: Option<Upload>,
}

async fn product_input(
    ctx: &Context<'_>,
    input: ProductInput,
) -> async_graphql::Result<(provider::ProductInput, SellerHint)> {
    not_empty("name", &input.name)?;
    http_url("url", input.url.as_deref())?;
    let (price, discount_price) = (
        price("price", input.price)?,
        price("discountPrice", input.discount_price)?,
    );
    let seller_id = seller_id(input.seller_id)?;
    let seller = seller_id
        .clone()
        .map_or(SellerHint::Unknown, SellerHint::Id);
    let product = provider::ProductInput {
        name: input.name,
        description: input.description,
        reference: input.reference,
        seller_id,
        ean: input.ean,
        price,
        discount_price,
        in_stock: input.in_stock,
        url: input.url,
        complementary_informations: input.extra.map(|json| serde_json::Value::Object(json.0)),
        thumbnail: read_upload(ctx, input.thumbnail.as_ref()).await?,
    };
    Ok((product, seller))
}

fn seller_id(id: Option<ID>) -> async_graphql::Result<Option<String>> {
    id.map(|id| upstream_id(&id, NodeKind::Seller, Provider::Caast))
        .transpose()
}
