//! Filters no provider can apply together. A list merges two providers, and a filter only one
//! of them understands leaves the other out; so a filter of one provider with `provider` set to
//! the other, or filters of both, can match nothing. That is a mistake in the query, refused
//! as `BAD_USER_INPUT` naming the filters, not answered with an empty list.

use crate::error::{ErrorCode, graphql_error};
use crate::providers::Provider;

/// The name of the first filter of `filters` (its name, whether it is set) that is set.
pub(crate) fn first_set<const N: usize>(
    filters: [(&'static str, bool); N],
) -> Option<&'static str> {
    filters
        .into_iter()
        .find_map(|(name, set)| set.then_some(name))
}

/// `caast_only` and `lisa_only` name a set filter (or order) that only that provider applies,
/// by its argument path as written in the query (`filter.search`); `provider` is the provider
/// the list is limited to.
pub(crate) fn refuse_clash(
    provider: Option<Provider>,
    caast_only: Option<&str>,
    lisa_only: Option<&str>,
) -> async_graphql::Result<()> {
    let clash = match (provider, caast_only, lisa_only) {
        (_, Some(caast), Some(lisa)) => format!(
            "`{caast}` applies to Caast only and `{lisa}` to LiSA only: nothing can match both"
        ),
        (Some(Provider::Lisa), Some(caast), None) => {
            format!("`{caast}` applies to Caast only: it cannot be combined with `provider: LISA`")
        }
        (Some(Provider::Caast), None, Some(lisa)) => {
            format!("`{lisa}` applies to LiSA only: it cannot be combined with `provider: CAAST`")
        }
        _ => return Ok(()),
    };
    Err(graphql_error(ErrorCode::BadUserInput, clash))
}
