//! Bounds on the free text a client sends on to a provider (a name search, a shop reference,
//! an external id, tags). Neither provider's reference gives a length for these, and a value
//! too long for the provider's URL makes the provider fail in ways that look like an outage
//! (a dropped connection). So a value is refused here, as the client's error
//! (`BAD_USER_INPUT`), before any call: at 256 characters, far past any real name, reference
//! or tag, and short enough that one value, percent-encoded, fits the providers' URL bound.

use std::collections::HashSet;

use crate::error::{ErrorCode, graphql_error};

/// Longest text argument passed on to a provider, in characters.
pub(crate) const MAX_TEXT_CHARS: usize = 256;

/// Most tags one filter may name.
pub(crate) const MAX_TAGS: usize = 20;

/// Refuses `value` of `argument` when it is longer than [`MAX_TEXT_CHARS`].
pub(crate) fn check_text(argument: &str, value: Option<&str>) -> async_graphql::Result<()> {
    match value {
        Some(text) if text.chars().count() > MAX_TEXT_CHARS => Err(graphql_error(
            ErrorCode::BadUserInput,
            format!("`{argument}` is longer than {MAX_TEXT_CHARS} characters"),
        )),
        _ => Ok(()),
    }
}

/// Refuses more than [`MAX_TAGS`] tags, or a tag longer than [`MAX_TEXT_CHARS`].
pub(crate) fn check_tags(argument: &str, tags: Option<&[String]>) -> async_graphql::Result<()> {
    let tags = tags.unwrap_or_default();
    if tags.len() > MAX_TAGS {
        return Err(graphql_error(
            ErrorCode::BadUserInput,
            format!("`{argument}` names more than {MAX_TAGS} tags"),
        ));
    }
    tags.iter()
        .try_for_each(|tag| check_text(argument, Some(tag)))
}

/// Most values one multi-value filter may name (show ids, shop references): a page of shows,
/// and few enough that the ids, comma-separated, stay well within a URL.
pub(crate) const MAX_VALUES: usize = 50;

/// Refuses more than [`MAX_VALUES`] values, or a value longer than [`MAX_TEXT_CHARS`].
pub(crate) fn check_values(argument: &str, values: &[String]) -> async_graphql::Result<()> {
    if values.len() > MAX_VALUES {
        return Err(graphql_error(
            ErrorCode::BadUserInput,
            format!("`{argument}` names more than {MAX_VALUES} values"),
        ));
    }
    values
        .iter()
        .try_for_each(|value| check_text(argument, Some(value)))
}

/// `values` with repeats dropped, in the order given, refused as [`check_values`] refuses them.
/// Reading stops past [`MAX_VALUES`] distinct values: a hostile list costs no more than that.
pub(crate) fn distinct_values(
    argument: &str,
    values: impl IntoIterator<Item = String>,
) -> async_graphql::Result<Vec<String>> {
    let mut seen = HashSet::new();
    let mut distinct = Vec::new();
    for value in values {
        if distinct.len() > MAX_VALUES {
            break;
        }
        if seen.insert(value.clone()) {
            distinct.push(value);
        }
    }
    check_values(argument, &distinct)?;
    Ok(distinct)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_refused_past_the_bound_in_characters_not_bytes() {
        let at_bound = "é".repeat(MAX_TEXT_CHARS);
        assert!(check_text("search", Some(&at_bound)).is_ok());
        assert!(check_text("search", None).is_ok());
        let past = "a".repeat(MAX_TEXT_CHARS + 1);
        let error = check_text("search", Some(&past)).unwrap_err();
        assert!(error.message.contains("`search`"), "{}", error.message);
    }

    #[test]
    fn tags_are_bounded_in_number_and_length() {
        let many = vec!["t".to_string(); MAX_TAGS + 1];
        assert!(check_tags("tags", Some(&many)).is_err());
        let long = vec!["t".repeat(MAX_TEXT_CHARS + 1)];
        assert!(check_tags("tags", Some(&long)).is_err());
        assert!(check_tags("tags", Some(&many[..MAX_TAGS])).is_ok());
    }

    #[test]
    fn multi_value_filters_are_bounded_in_number_and_length() {
        let many = vec!["v".to_string(); MAX_VALUES + 1];
        assert!(check_values("productRefs", &many).is_err());
        assert!(check_values("productRefs", &many[..MAX_VALUES]).is_ok());
        let long = vec!["v".repeat(MAX_TEXT_CHARS + 1)];
        assert!(check_values("productRefs", &long).is_err());
    }

    #[test]
    fn distinct_values_keep_the_first_of_each_in_order_and_stop_past_the_bound() {
        let given = ["b", "a", "b", "c", "a"].map(String::from);
        assert_eq!(distinct_values("v", given).unwrap(), ["b", "a", "c"]);
        let repeated = std::iter::repeat_n("same".to_string(), 10 * MAX_VALUES);
        assert_eq!(distinct_values("v", repeated).unwrap(), ["same"]);
        let many = (0..10 * MAX_VALUES).map(|n| n.to_string());
        assert!(distinct_values("v", many).is_err());
    }
}
