//! Puts each object of a response in the order its fields were asked for.
//!
//! The GraphQL spec asks for response maps ordered like the selection set; async-graphql 7
//! gathers fields in the order they finish (async-graphql#612), so a query's keys would come back
//! shuffled whenever resolvers wait on providers. This walks the response along the document's
//! selection sets (fragments included) and rebuilds each object in selection order; an object
//! whose fields already came in order (most of them: fields that do not wait finish in order)
//! costs a comparison of its keys.

use std::collections::HashMap;
use std::rc::Rc;

use async_graphql::indexmap::IndexMap;
use async_graphql::parser::types::{
    DocumentOperations, ExecutableDocument, Selection, SelectionSet,
};
use async_graphql::{Name, Value};

/// Reorders `data` for the operation `operation_name` of `document`.
pub fn reorder(data: &mut Value, document: &ExecutableDocument, operation_name: Option<&str>) {
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
    let mut orderer = Orderer {
        document,
        keys: HashMap::new(),
    };
    orderer.value(data, &[&operation.node.selection_set.node]);
}

/// The response keys of a selection, each with the sub-selections asked under it.
type Keys<'d> = Vec<(Name, Vec<&'d SelectionSet>)>;

/// Walks a response along the document. The keys of a selection are worked out once per walk
/// (a list of fifty objects shares one), and an object already in order is left as it is.
struct Orderer<'d> {
    document: &'d ExecutableDocument,
    /// By the address and length of the selections: every selection walked is the operation's
    /// or one held in an entry here, so none moves or goes while the walk lasts.
    keys: HashMap<(usize, usize), Rc<Keys<'d>>>,
}

impl<'d> Orderer<'d> {
    fn value(&mut self, value: &mut Value, selections: &[&'d SelectionSet]) {
        match value {
            Value::Object(object) => self.object(object, selections),
            Value::List(items) => items
                .iter_mut()
                .for_each(|item| self.value(item, selections)),
            _ => {}
        }
    }

    fn object(&mut self, object: &mut IndexMap<Name, Value>, selections: &[&'d SelectionSet]) {
        let keys = self.keys_of(selections);
        let in_order = object.len() == keys.len()
            && object
                .keys()
                .zip(keys.iter())
                .all(|(have, (want, _))| have == want);
        if in_order {
            for (value, (_, sub_selections)) in object.values_mut().zip(keys.iter()) {
                self.value(value, sub_selections);
            }
            return;
        }
        let mut rest = std::mem::take(object);
        for (key, sub_selections) in keys.iter() {
            if let Some(mut value) = rest.shift_remove(key) {
                self.value(&mut value, sub_selections);
                object.insert(key.clone(), value);
            }
        }
        object.extend(rest);
    }

    fn keys_of(&mut self, selections: &[&'d SelectionSet]) -> Rc<Keys<'d>> {
        let id = (selections.as_ptr() as usize, selections.len());
        let document = self.document;
        self.keys
            .entry(id)
            .or_insert_with(|| {
                let mut keys = Vec::new();
                for set in selections {
                    collect_keys(set, document, &mut keys, 0);
                }
                Rc::new(keys)
            })
            .clone()
    }
}

/// The response keys of a selection set in order, each with the sub-selections asked under it.
fn collect_keys<'d>(
    set: &'d SelectionSet,
    document: &'d ExecutableDocument,
    keys: &mut Vec<(Name, Vec<&'d SelectionSet>)>,
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
                match keys.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, subs)) => subs.push(sub),
                    None => keys.push((key, vec![sub])),
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
