//! The filters Caast lists lives and videos by, as one GraphQL input flattened into the filters
//! of `liveContents` and `videos`.

use async_graphql::{ID, InputObject};

use crate::graphql::arguments::bounds::{check_tags, check_text};
use crate::graphql::arguments::filter_clash::first_set;
use crate::graphql::ids::{NodeKind, upstream_id};
use crate::providers::{Provider, caast};

/// Caast's filters of lives and videos, flattened into the filters of `liveContents` and
/// `videos`. They combine with AND and are all sent to Caast; LiSA cannot apply them, so a list
/// using one holds no LiSA items.
#[derive(InputObject, Default, Clone, Debug)]
#[graphql(name = "CaastContentFilter")]
pub(crate) struct ContentFilter {
    /// Name contains this text (Caast only).
    pub(crate) search: Option<String>,
    /// Tagged with these tags, as Caast matches them (Caast only).
    pub(crate) tags: Option<Vec<String>>,
    /// Features the product with this shop reference (Caast only).
    pub(crate) product_ref: Option<String>,
    /// Features this product: a `Product` id or Caast's own product id (Caast only).
    pub(crate) product_id: Option<ID>,
    /// Belongs to this seller: a `Seller` id or Caast's own seller id (Caast only).
    pub(crate) seller_id: Option<ID>,
    /// Belongs to a seller whose name contains this text (Caast only).
    pub(crate) seller_name: Option<String>,
    /// Belongs to the seller with this external id (Caast only).
    pub(crate) seller_external_id: Option<String>,
}

impl ContentFilter {
    /// Whether any filter is set.
    pub(crate) fn is_set(&self) -> bool {
        self.first_set().is_some()
    }

    /// The argument path of a filter that is set (`filter.search`), if any.
    pub(crate) fn first_set(&self) -> Option<&'static str> {
        first_set([
            ("filter.search", self.search.is_some()),
            (
                "filter.tags",
                self.tags.as_ref().is_some_and(|t| !t.is_empty()),
            ),
            ("filter.productRef", self.product_ref.is_some()),
            ("filter.productId", self.product_id.is_some()),
            ("filter.sellerId", self.seller_id.is_some()),
            ("filter.sellerName", self.seller_name.is_some()),
            ("filter.sellerExternalId", self.seller_external_id.is_some()),
        ])
    }

    /// The query Caast understands; a global id of the wrong kind, or a text past its bound,
    /// is `BAD_USER_INPUT`.
    pub(crate) fn to_caast(&self) -> async_graphql::Result<caast::ContentFilter> {
        self.check_bounds()?;
        let id = |value: &Option<ID>, kind| {
            value
                .as_deref()
                .map(|v| upstream_id(v, kind, Provider::Caast))
                .transpose()
        };
        Ok(caast::ContentFilter {
            name: self.search.clone(),
            product_id: id(&self.product_id, NodeKind::Product)?,
            product_ref: self.product_ref.clone(),
            seller_id: id(&self.seller_id, NodeKind::Seller)?,
            seller_name: self.seller_name.clone(),
            seller_external_id: self.seller_external_id.clone(),
            tags: self.tags.clone().unwrap_or_default(),
        })
    }

    /// Every text is refused past its bound before Caast is asked (see `arguments/bounds.rs`).
    fn check_bounds(&self) -> async_graphql::Result<()> {
        check_text("search", self.search.as_deref())?;
        check_text("productRef", self.product_ref.as_deref())?;
        check_text("productId", self.product_id.as_deref().map(String::as_str))?;
        check_text("sellerId", self.seller_id.as_deref().map(String::as_str))?;
        check_text("sellerName", self.seller_name.as_deref())?;
        check_text("sellerExternalId", self.seller_external_id.as_deref())?;
        check_tags("tags", self.tags.as_deref())
    }
}
