//! Checks of a parsed document that async-graphql's depth and complexity limits do not make:
//! how many aliased fields it has (aliases multiply work without deepening a query), and
//! whether it asks for the schema (`__schema`, `__type`) when introspection is off.

use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};

/// Every selection set of the document: its operations' and its fragments'.
fn selection_sets(document: &ExecutableDocument) -> Vec<&SelectionSet> {
    let operations = document
        .operations
        .iter()
        .map(|(_, op)| &op.node.selection_set.node);
    let fragments = document
        .fragments
        .values()
        .map(|f| &f.node.selection_set.node);
    operations.chain(fragments).collect()
}

/// Fields written with an alias, anywhere in the document (a fragment counts once however
/// often it is spread; depth and complexity bound the spreads).
pub(crate) fn aliases(document: &ExecutableDocument) -> usize {
    fn count(set: &SelectionSet) -> usize {
        set.items
            .iter()
            .map(|item| match &item.node {
                Selection::Field(field) => {
                    let own = usize::from(field.node.alias.is_some());
                    own + count(&field.node.selection_set.node)
                }
                Selection::InlineFragment(inline) => count(&inline.node.selection_set.node),
                Selection::FragmentSpread(_) => 0,
            })
            .sum()
    }
    selection_sets(document).into_iter().map(count).sum()
}

/// Whether the document asks for `__schema` or `__type`, at any depth (`__typename` is fine).
pub(crate) fn asks_for_the_schema(document: &ExecutableDocument) -> bool {
    fn asks(set: &SelectionSet) -> bool {
        set.items.iter().any(|item| match &item.node {
            Selection::Field(field) => {
                let name = field.node.name.node.as_str();
                name == "__schema" || name == "__type" || asks(&field.node.selection_set.node)
            }
            Selection::InlineFragment(inline) => asks(&inline.node.selection_set.node),
            Selection::FragmentSpread(_) => false,
        })
    }
    selection_sets(document).into_iter().any(asks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(query: &str) -> ExecutableDocument {
        async_graphql::parser::parse_query(query).unwrap()
    }

    #[test]
    fn aliases_are_counted_in_operations_fragments_and_inline_fragments() {
        let document = parse(
            "query { a: liveContents { edges { n: node { ...F } } } b: liveContents { totalCount } }
             fragment F on LiveContent { t: title ... on LiveContent { s: state } }",
        );
        assert_eq!(aliases(&document), 5);
        assert_eq!(aliases(&parse("{ liveContents { totalCount } }")), 0);
    }

    #[test]
    fn schema_questions_are_found_anywhere_but_typename_is_not_one() {
        assert!(asks_for_the_schema(&parse(
            "{ __schema { types { name } } }"
        )));
        assert!(asks_for_the_schema(&parse(
            "query { ...F } fragment F on Query { __type(name: \"X\") { name } }"
        )));
        assert!(!asks_for_the_schema(&parse(
            "{ __typename liveContents { totalCount } }"
        )));
    }
}
