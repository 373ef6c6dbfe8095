//! What LiSA's collections share: items found by UUID (`GET /{collection}/{id}`), and
//! named items with `meta` that sort by `name`, `createdAt` and `modifiedAt`. One
//! find-one and one sorted page serve every collection.

use std::cmp::Ordering;

use axum::Json;
use serde_json::Value;
use uuid::Uuid;

use super::super::model::lisa::{Meta, ShortClip, Show, Snippet, Sticker, Story, Subscription};
use super::error::LisaError;
use super::params::{Sort, uuid};
use super::scrolling::{Scroll, page};

/// An item of a LiSA collection, found by its UUID.
pub(crate) trait Resource {
    /// How a 404 names it: "The requested short clip does not exist."
    const KIND: &'static str;

    fn id(&self) -> Uuid;
}

/// A resource lists can sort.
pub(crate) trait Sortable: Resource {
    fn name(&self) -> &str;

    fn meta(&self) -> &Meta;

    /// Compare by one `sort` field; shows add `date` to [`compare`].
    fn compare(&self, other: &Self, field: &str) -> Ordering {
        compare(self, other, field)
    }
}

/// Compare by `name`, `createdAt` or `modifiedAt`. Other fields (`id` included:
/// [`Sort::apply`] breaks ties by id anyway) compare equal.
pub(crate) fn compare<T: Sortable + ?Sized>(a: &T, b: &T, field: &str) -> Ordering {
    match field {
        "name" => a.name().cmp(b.name()),
        "createdAt" => a.meta().created_at.cmp(&b.meta().created_at),
        "modifiedAt" => a.meta().modified_at.cmp(&b.meta().modified_at),
        _ => Ordering::Equal,
    }
}

/// The `sort` fields of every sortable list but shows (which add `date`).
pub(crate) const SORTABLE: [&str; 4] = ["name", "createdAt", "modifiedAt", "id"];

/// The item whose id is `raw_id`: a malformed id is a 400, an unknown one a 404.
pub(crate) fn one<'a, T: Resource>(items: &'a [T], raw_id: &str) -> Result<&'a T, LisaError> {
    let id = uuid(raw_id, "resourceId")?;
    items
        .iter()
        .find(|item| item.id() == id)
        .ok_or_else(|| LisaError::not_found(T::KIND))
}

/// `items` sorted as `sort` says, then one page of them.
pub(crate) fn sorted_page<'a, T: Sortable + 'a>(
    items: impl Iterator<Item = &'a T>,
    sort: &Sort,
    scroll: Scroll,
    render: impl Fn(&'a T) -> Value,
) -> Json<Value> {
    let mut items: Vec<&T> = items.collect();
    sort.apply(&mut items, T::compare, T::id);
    page(items, scroll, render)
}

macro_rules! resources {
    ($($model:ty => $kind:literal),* $(,)?) => {$(
        impl Resource for $model {
            const KIND: &'static str = $kind;

            fn id(&self) -> Uuid {
                self.id
            }
        }
    )*};
}

macro_rules! sortable {
    ($($model:ty),* $(,)?) => {$(
        impl Sortable for $model {
            fn name(&self) -> &str {
                &self.name
            }

            fn meta(&self) -> &Meta {
                &self.meta
            }
        }
    )*};
}

resources! {
    ShortClip => "short clip",
    Show => "show",
    Snippet => "snippet",
    Sticker => "sticker",
    Story => "story",
    Subscription => "webhook subscription",
}

sortable!(ShortClip, Snippet, Sticker);
