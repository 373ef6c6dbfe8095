//! How many fields a document would execute once every fragment spread is expanded, counted
//! before anything else looks at the document.
//!
//! A fragment may spread another twice, and that one the next twice: 25 such lines (about
//! 1 KB) ask for 2^24 fields. Anything that walks the expansion (async-graphql's validation
//! and complexity visitors, then execution) costs that much time and memory before it can
//! refuse. This count walks each fragment once and remembers its size, so it costs the
//! document's length whatever it expands to, and its total saturates instead of overflowing.

use std::collections::HashMap;

use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};

/// The most fields any one of the document's operations executes, fragments expanded (a
/// fragment spread into itself, which validation refuses anyway, counts as without bound).
pub(crate) fn executed_fields(document: &ExecutableDocument) -> u64 {
    let mut counter = Counter {
        document,
        sizes: HashMap::new(),
    };
    document
        .operations
        .iter()
        .map(|(_, op)| counter.selections(&op.node.selection_set.node))
        .max()
        .unwrap_or(0)
}

/// What a fragment's expansion is known to cost so far.
#[derive(Clone, Copy)]
enum Size {
    /// Being counted: meeting it again means the fragment spreads itself.
    Counting,
    Known(u64),
}

struct Counter<'a> {
    document: &'a ExecutableDocument,
    sizes: HashMap<&'a str, Size>,
}

impl<'a> Counter<'a> {
    fn selections(&mut self, set: &'a SelectionSet) -> u64 {
        set.items.iter().fold(0u64, |total, item| {
            let size = match &item.node {
                Selection::Field(field) => {
                    1u64.saturating_add(self.selections(&field.node.selection_set.node))
                }
                Selection::InlineFragment(inline) => {
                    self.selections(&inline.node.selection_set.node)
                }
                Selection::FragmentSpread(spread) => {
                    self.fragment(spread.node.fragment_name.node.as_str())
                }
            };
            total.saturating_add(size)
        })
    }

    /// A named fragment's expansion, counted once (a fragment the document lacks costs
    /// nothing here: validation refuses it).
    fn fragment(&mut self, name: &'a str) -> u64 {
        match self.sizes.get(name) {
            Some(Size::Known(size)) => return *size,
            Some(Size::Counting) => return u64::MAX,
            None => {}
        }
        let Some((key, fragment)) = self.document.fragments.get_key_value(name) else {
            return 0;
        };
        let key = key.as_str();
        self.sizes.insert(key, Size::Counting);
        let size = self.selections(&fragment.node.selection_set.node);
        self.sizes.insert(key, Size::Known(size));
        size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(query: &str) -> u64 {
        executed_fields(&async_graphql::parser::parse_query(query).unwrap())
    }

    /// `fragment F1 on Query { ...F0 ...F0 }` … `query { ...F<levels> }`: 2^levels fields.
    fn fragment_bomb(levels: u32) -> String {
        let mut document =
            format!("query {{ ...F{levels} }}\nfragment F0 on Query {{ __typename }}\n");
        for level in 1..=levels {
            let below = level - 1;
            document.push_str(&format!(
                "fragment F{level} on Query {{ ...F{below} ...F{below} }}\n"
            ));
        }
        document
    }

    #[test]
    fn fields_are_counted_as_executed_with_fragments_and_inline_fragments_expanded() {
        assert_eq!(count("{ a b { c d } }"), 4);
        assert_eq!(
            count("{ ...F x: b { ...F } } fragment F on Query { c ... on Query { d } }"),
            5
        );
        assert_eq!(count("query A { a } query B { a b { c } }"), 3);
    }

    #[test]
    fn a_fragment_bomb_is_counted_in_full_without_being_expanded() {
        assert_eq!(count(&fragment_bomb(3)), 8);
        assert_eq!(count(&fragment_bomb(30)), 1 << 30);
        assert_eq!(count(&fragment_bomb(80)), u64::MAX);
    }

    #[test]
    fn a_fragment_that_spreads_itself_counts_as_without_bound() {
        assert_eq!(
            count("{ ...A } fragment A on Query { a ...B } fragment B on Query { ...A }"),
            u64::MAX
        );
    }
}
