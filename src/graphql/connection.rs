//! Relay connections shared by every list: one generic connection and edge, named per node type,
//! and the page-size rules.

use async_graphql::connection::Edge;
use async_graphql::{OutputType, SimpleObject};

use super::merge::MergedPage;
use crate::error::{ErrorCode, graphql_error};

/// The most items one page may ask for.
pub const MAX_FIRST: i32 = 100;
/// The page size when `first` is not given.
pub const DEFAULT_FIRST: i32 = 20;

/// What every connection adds to Relay's fields.
#[derive(SimpleObject, Clone, Debug)]
pub struct ListFields {
    /// How many items the whole list holds, when every provider in it reports a count (null otherwise).
    pub total_count: Option<i32>,
}

/// A Relay connection (`edges`, `nodes`, `pageInfo`, `totalCount`), named after its node type.
pub type Connection<T> = async_graphql::connection::Connection<String, T, ListFields>;

/// The connection of a merged page, its items turned into nodes by `node`.
pub fn from_page<I, T: OutputType>(
    page: MergedPage<I>,
    after_given: bool,
    node: impl Fn(I) -> T,
) -> Connection<T> {
    let total_count = page
        .total_count
        .map(|n| i32::try_from(n).unwrap_or(i32::MAX));
    let mut connection = Connection::with_additional_fields(
        after_given,
        page.has_next_page,
        ListFields { total_count },
    );
    connection.edges.extend(
        page.edges
            .into_iter()
            .map(|(cursor, item)| Edge::new(cursor, node(item))),
    );
    connection
}

/// Checks `first` against its bounds.
pub fn page_size(first: Option<i32>) -> async_graphql::Result<usize> {
    match first.unwrap_or(DEFAULT_FIRST) {
        n @ 0..=MAX_FIRST => Ok(n as usize),
        _ => Err(graphql_error(
            ErrorCode::BadUserInput,
            format!("`first` must be between 0 and {MAX_FIRST}"),
        )),
    }
}

/// The complexity of a page: its size (as asked, within bounds) times what each item selects.
pub fn page_cost(first: Option<i32>, child_complexity: usize) -> usize {
    first.unwrap_or(DEFAULT_FIRST).clamp(1, MAX_FIRST) as usize * child_complexity
}
