//! Puts each object of a response in the order its fields were asked for.
//!
//! The GraphQL spec asks for response maps ordered like the selection set; async-graphql 7
//! gathers fields in the order they finish (async-graphql#612), so a query's keys would come back
//! shuffled whenever resolvers wait on providers. This walks the response along the document's
//! selection sets (fragments included) and rebuilds each object in selection order; an object
//! whose fields already came in order (most of them: fields that do not wait finish in order)
//! costs a comparison of its keys. The keys of each selection are worked out once per answer.

use std::cell::OnceCell;

use async_graphql::indexmap::IndexMap;
use async_graphql::parser::types::{
    DocumentOperations, ExecutableDocument, Selection, SelectionSet,
};
use async_graphql::{Name, Value};

/// Reorders `data` for the operation `operation_name` of `document`.
pub(crate) fn reorder(
    data: &mut Value,
    document: &ExecutableDocument,
    operation_name: Option<&str>,
) {
    let operation = match (&document.operations, operation_name) {
        (DocumentOperations::Single(op), _) => op,
        (DocumentOperations::Multiple(ops), Some(name)) => match ops.get(name) {
            Some(op) => op,
            None => return,
        },
        (DocumentOperations::Multiple(ops), None) => match ops.values().next() {
            Some(op) if ops.len() == 1 => op,
            _ => return,
        },
    };
    let keys = keys_of(&[&operation.node.selection_set.node], document);
    Orderer { document }.value(data, &keys);
}

/// The response keys of a selection in order: each with the sub-selections asked under it, and
/// the keys of those, worked out the first time a value under that key is walked (a list of
/// fifty objects shares them).
type Keys<'d> = Vec<Key<'d>>;

struct Key<'d> {
    name: Name,
    selections: Vec<&'d SelectionSet>,
    keys: OnceCell<Keys<'d>>,
}

/// Walks a response along the document; an object already in order is left as it is.
struct Orderer<'d> {
    document: &'d ExecutableDocument,
}

impl<'d> Orderer<'d> {
    fn value(&self, value: &mut Value, keys: &Keys<'d>) {
        match value {
            Value::Object(object) => self.object(object, keys),
            Value::List(items) => items.iter_mut().for_each(|item| self.value(item, keys)),
            _ => {}
        }
    }

    fn object(&self, object: &mut IndexMap<Name, Value>, keys: &Keys<'d>) {
        let in_order = object.len() == keys.len()
            && object
                .keys()
                .zip(keys.iter())
                .all(|(have, want)| *have == want.name);
        if in_order {
            for (value, key) in object.values_mut().zip(keys.iter()) {
                self.value(value, self.keys_under(key));
            }
            return;
        }
        let mut rest = std::mem::take(object);
        for key in keys {
            if let Some(mut value) = rest.shift_remove(&key.name) {
                self.value(&mut value, self.keys_under(key));
                object.insert(key.name.clone(), value);
            }
        }
        object.extend(rest);
    }

    fn keys_under<'k>(&self, key: &'k Key<'d>) -> &'k Keys<'d> {
        key.keys
            .get_or_init(|| keys_of(&key.selections, self.document))
    }
}

fn keys_of<'d>(selections: &[&'d SelectionSet], document: &'d ExecutableDocument) -> Keys<'d> {
    let mut keys = Vec::new();
    for set in selections {
        collect_keys(set, document, &mut keys, 0);
    }
    keys
}

/// The response keys of a selection set in order, each with the sub-selections asked under it.
fn collect_keys<'d>(
    set: &'d SelectionSet,
    document: &'d ExecutableDocument,
    keys: &mut Keys<'d>,
    depth: usize,
) {
    // Fragments cannot cycle in a valid document; the bound only guards an invalid one.
    if depth > 32 {
        return;
    }
    for item in &set.items {
        match &item.node {
            Selection::Field(field) => {
                let key = field.node.response_key().node.clone();
                let sub = &field.node.selection_set.node;
                match keys.iter_mut().find(|k| k.name == key) {
                    Some(known) => known.selections.push(sub),
                    None => keys.push(Key {
                        name: key,
                        selections: vec![sub],
                        keys: OnceCell::new(),
                    }),
                }
            }
            Selection::InlineFragment(fragment) => {
                collect_keys(&fragment.node.selection_set.node, document, keys, depth + 1)
            }
            Selection::FragmentSpread(spread) => {
                if let Some(fragment) = document.fragments.get(&spread.node.fragment_name.node) {
                    collect_keys(&fragment.node.selection_set.node, document, keys, depth + 1);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use async_graphql::parser::parse_query;
    use serde_json::json;

    use super::*;

    #[test]
    fn keys_follow_the_selection_set_through_aliases_lists_and_fragments() {
        let document =
            parse_query("{ b: y { z ...F } a { ... on T { d c } } } fragment F on Y { w }")
                .unwrap();
        let shuffled = json!({ "a": [{ "c": 1, "d": 2 }], "b": { "w": 3, "z": 4 } });
        let mut data = Value::from_json(shuffled).unwrap();
        reorder(&mut data, &document, None);
        let text = serde_json::to_string(&data).unwrap();
        assert_eq!(text, r#"{"b":{"z":4,"w":3},"a":[{"d":2,"c":1}]}"#);
    }
}
