//! `Snippet`: a moment of a LiSA show featuring one product, with the show and the product.

pub(crate) mod query;

use std::sync::Arc;

use async_graphql::{Context, Object};
use ref_cast::RefCast;

use crate::graphql::live_content::LiveContent;
use crate::graphql::live_content::query::load_live_content;
use crate::graphql::paging::shared_list::Wraps;
use crate::graphql::product::Product;
use crate::graphql::product::join::product_by_ref;
use crate::graphql::resolver::field_errors::nullable;
use crate::providers::{Provider, lisa};

/// A moment of a LiSA show featuring one product (LiSA has no look-up of one snippet by id).
#[derive(Clone, Debug, RefCast)]
#[repr(transparent)]
pub(crate) struct Snippet(pub Arc<lisa::Snippet>);

impl Wraps for Snippet {
    type Item = lisa::Snippet;
    type Lent<'a> = &'a Snippet;

    fn wrap(item: &Arc<lisa::Snippet>) -> &Snippet {
        Snippet::ref_cast(item)
    }
}

/// A moment of a LiSA show featuring one product (LiSA has no look-up of one snippet by id).
#[Object]
impl Snippet {
    /// LiSA's id of the snippet (a UUID).
    async fn provider_id(&self) -> &str {
        &self.0.id
    }

    /// The snippet's name.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Where the moment starts in the show, in seconds.
    async fn start_second(&self) -> Option<f64> {
        self.0.start_second
    }

    /// Where it ends, in seconds.
    async fn end_second(&self) -> Option<f64> {
        self.0.end_second
    }

    /// The snippet's own video.
    async fn video_url(&self) -> Option<&str> {
        self.0.video_url.as_deref()
    }

    /// A picture of the moment.
    async fn thumbnail_url(&self) -> Option<&str> {
        self.0.thumbnail_url.as_deref()
    }

    /// The shop reference (SKU) of the product featured.
    async fn product_ref(&self) -> Option<&str> {
        self.0.product_reference.as_deref()
    }

    /// The show the snippet is cut from (one request: LiSA's show).
    async fn live_content(&self, ctx: &Context<'_>) -> Option<LiveContent> {
        let id = self.0.show_id.as_deref()?;
        nullable(ctx, load_live_content(ctx, Provider::Lisa, id).await)
    }

    /// The product featured, as both providers know its reference (null when neither does).
    async fn product(&self, ctx: &Context<'_>) -> Option<Product> {
        let reference = self.0.product_reference.clone()?;
        nullable(ctx, product_by_ref(ctx, reference).await)
    }
}
