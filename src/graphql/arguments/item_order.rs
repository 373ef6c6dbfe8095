//! The order of LiSA's short clips and snippets. LiSA sorts these lists by `name`, `createdAt`
//! or `modifiedAt`, either way (`sort=field:asc|desc`); Caast's videos take no order, so an
//! order given to `videos` leaves them out, as a LiSA-only filter does.

use async_graphql::{Enum, InputObject};

use crate::graphql::live_content::query::OrderDirection;

/// What a list of short clips or snippets is ordered by.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum ItemOrderField {
    /// The item's name, alphabetically.
    Name,
    /// When the item was created.
    CreatedAt,
    /// When the item was last modified.
    ModifiedAt,
}

/// The order of a list of LiSA short clips or snippets (without one: LiSA's own).
#[derive(InputObject, Copy, Clone, Debug)]
pub(crate) struct ItemOrder {
    /// The field to order by.
    pub(crate) field: ItemOrderField,
    /// The direction.
    #[graphql(default)]
    pub(crate) direction: OrderDirection,
}

impl ItemOrder {
    /// LiSA's `sort` value: `field:asc|desc`.
    pub(crate) fn to_lisa(self) -> String {
        let field = match self.field {
            ItemOrderField::Name => "name",
            ItemOrderField::CreatedAt => "createdAt",
            ItemOrderField::ModifiedAt => "modifiedAt",
        };
        format!("{field}:{}", self.direction.to_lisa())
    }
}
