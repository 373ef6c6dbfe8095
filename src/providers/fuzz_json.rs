//! What the provider-answer fuzz tests feed the decoders (see `lisa/wire/fuzz.rs` and
//! `caast/wire/fuzz.rs`): arbitrary JSON, biased towards the field names the decoders know, and
//! valid pages some of whose items are damaged (a field removed or retyped, the item replaced
//! by junk). Property tests stand in for cargo-fuzz, which needs a nightly toolchain.

use proptest::prelude::*;
use serde_json::{Map, Value};

/// Cases per property: enough to find a panic in any decoder, few enough that each property
/// runs in a few seconds in a debug build.
pub(crate) const CASES: u32 = 256;

/// Any JSON value, nested a few levels, whose object keys are often ones the decoders read.
pub(crate) fn json(known: &'static [&'static str]) -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(known), inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// An object key: usually one the decoders know, sometimes anything.
fn key(known: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(known).prop_map(str::to_string),
        1 => ".{0,8}",
    ]
}

/// How one item of a valid page is damaged.
#[derive(Debug, Clone)]
pub(crate) enum Damage {
    /// A field (by index among the item's fields) removed.
    Remove(usize),
    /// A field (by index) given another value, of any type.
    Retype(usize, Value),
    /// The whole item replaced by this value.
    Replace(Value),
}

/// A damage to one item, by any value `json` makes.
pub(crate) fn damage(known: &'static [&'static str]) -> impl Strategy<Value = Damage> {
    prop_oneof![
        any::<usize>().prop_map(Damage::Remove),
        (any::<usize>(), json(known)).prop_map(|(at, value)| Damage::Retype(at, value)),
        json(known).prop_map(Damage::Replace),
    ]
}

/// Applies `damage` to the object `item` (the field index wraps around its fields).
pub(crate) fn apply(item: &mut Value, damage: &Damage) {
    let Value::Object(object) = item else {
        return;
    };
    let keys: Vec<String> = object.keys().cloned().collect();
    let field = |at: usize| keys[at % keys.len()].clone();
    match damage {
        Damage::Remove(at) => {
            object.remove(&field(*at));
        }
        Damage::Retype(at, value) => {
            object.insert(field(*at), value.clone());
        }
        Damage::Replace(value) => *item = value.clone(),
    }
}

/// Damages some items of `items`: `damages[i]`, when set, damages item `i`.
pub(crate) fn damage_items(items: &mut [Value], damages: &[Option<Damage>]) {
    for (item, damage) in items.iter_mut().zip(damages) {
        if let Some(damage) = damage {
            apply(item, damage);
        }
    }
}

/// The id an item still carries as a string, if any (what the decoders require).
pub(crate) fn string_id(item: &Value) -> Option<&str> {
    item.get("id")?.as_str()
}
