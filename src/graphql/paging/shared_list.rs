//! A list field answered straight from a shared list of provider items (a show's children, as
//! its batch and its read-ahead hold them): each item is wrapped in its GraphQL type as it is
//! resolved, so the field builds no list of its own. A page of fifty shows asking
//! for their stickers and clips would otherwise allocate, fill and drop a hundred lists of
//! wrappers that only copy references. A wrapper over the item's `Arc` alone is lent, not made
//! (`ref_cast`): the item's reference count, which every request on every core shares, is not
//! touched. To clients it is the same list type (`[Sticker!]!`).

use std::borrow::Cow;
use std::sync::Arc;

use async_graphql::parser::types::Field;
use async_graphql::registry::Registry;
use async_graphql::resolver_utils::resolve_list;
use async_graphql::{ContextSelectionSet, OutputType, Positioned, ServerResult, Value};

use crate::graphql::loaders::ChildList;

/// A GraphQL type over one shared provider item.
pub(crate) trait Wraps: OutputType + Sized {
    type Item: Send + Sync;
    /// What a list resolves for each item: the type itself, or a reference to it.
    type Lent<'a>: OutputType;

    fn wrap(item: &Arc<Self::Item>) -> Self::Lent<'_>;
}

/// The list of `W`s over these shared items.
pub(crate) struct SharedList<W: Wraps>(pub ChildList<W::Item>);

impl<W: Wraps> SharedList<W> {
    pub(crate) fn empty() -> Self {
        Self(ChildList::default())
    }
}

impl<W: Wraps> OutputType for SharedList<W> {
    fn type_name() -> Cow<'static, str> {
        Vec::<W>::type_name()
    }

    fn qualified_type_name() -> String {
        Vec::<W>::qualified_type_name()
    }

    fn create_type_info(registry: &mut Registry) -> String {
        Vec::<W>::create_type_info(registry)
    }

    async fn resolve(
        &self,
        ctx: &ContextSelectionSet<'_>,
        field: &Positioned<Field>,
    ) -> ServerResult<Value> {
        let items = self.0.iter().map(W::wrap);
        resolve_list(ctx, field, items, Some(self.0.len())).await
    }
}
