//! Relay connection types shared by every list.

use async_graphql::SimpleObject;

use crate::error::{ErrorCode, graphql_error};

/// The most items one page may ask for.
pub const MAX_FIRST: i32 = 100;
/// The page size when `first` is not given.
pub const DEFAULT_FIRST: i32 = 20;

/// Where a page sits in its list.
#[derive(SimpleObject, Clone, Debug)]
pub struct PageInfo {
    pub has_next_page: bool,
    /// Whether items come before this page (true whenever `after` was given).
    pub has_previous_page: bool,
    pub start_cursor: Option<String>,
    pub end_cursor: Option<String>,
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
