//! The Caast decoders under arbitrary and damaged answers (see `providers/fuzz_json.rs`): they
//! never panic, and a damaged resource costs only itself.

use std::fmt::Debug;

use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::{
    ContentAttributes, Many, MessageAttributes, ProductAttributes, Resource, SellerAttributes,
    TimecodeWire, read_displayed,
};
use crate::providers::fuzz_json::{CASES, Damage, damage, damage_items, json};
use crate::providers::tolerant::read_item;

/// Field names the Caast decoders read, for the fuzzer to hit often.
const KNOWN: &[&str] = &[
    "id",
    "type",
    "attributes",
    "data",
    "name",
    "description",
    "state",
    "isFinished",
    "startDate",
    "seller",
    "products",
    "tags",
    "m3u8Url",
    "thumbnailUrl",
    "ref",
    "price",
    "inStock",
    "external_id",
    "moderated",
    "complementaryInformations",
    "uploadUrl",
    "start_second",
    "item",
    "uid",
];

fn live(i: usize) -> Value {
    json!({
        "id": format!("live-{i}"), "type": "live",
        "attributes": {
            "name": format!("Live {i}"), "state": "started", "startDate": "2026-01-02T10:00:00Z",
            "tags": ["a"], "m3u8Url": "https://h/x.m3u8",
            "seller": {"id": 7, "attributes": {"name": "Shop", "moderated": true}},
            "products": [
                {"id": "p1", "attributes": {"name": "Bag", "ref": "SKU1", "price": "10.00"}},
                {"id": "p2", "attributes": {"name": "Hat", "inStock": false}}
            ]
        }
    })
}

fn seller(i: usize) -> Value {
    json!({
        "id": format!("seller-{i}"), "type": "seller",
        "attributes": {"name": "Shop", "url": "https://s", "external_id": "x1", "moderated": false}
    })
}

fn product(i: usize) -> Value {
    json!({
        "id": i, "type": "product",
        "attributes": {
            "name": "Bag", "ref": format!("SKU{i}"), "price": "10.00", "inStock": true,
            "complementaryInformations": {"size": "M"}
        }
    })
}

/// The id Caast's decoders accept: a string, or an integer.
fn readable_id(item: &Value) -> Option<String> {
    match item.get("id")? {
        Value::String(text) => Some(text.clone()),
        number => number.as_i64().map(|n| n.to_string()),
    }
}

/// As LiSA's `check_batch`: exactly the resources left without a readable id are dropped, each
/// named, and undamaged ones come back as from an undamaged page.
fn check_page<A, T>(
    template: fn(usize) -> Value,
    convert: fn(Resource<A>) -> T,
    id_of: fn(&T) -> &str,
    damages: &[Option<Damage>],
) -> Result<(), TestCaseError>
where
    A: DeserializeOwned + Default,
    T: PartialEq + Debug,
{
    let pristine: Vec<Value> = (0..damages.len()).map(template).collect();
    let mut items = pristine.clone();
    damage_items(&mut items, damages);
    let many: Many =
        serde_json::from_str(&json!({"data": items}).to_string()).expect("a valid envelope");
    let page = many.into_page("fuzz.list", (1, None), convert);
    prop_assert_eq!(page.items.len() + page.dropped.len(), items.len());
    prop_assert_eq!(page.has_next(), items.len() >= 20);
    let ids: Vec<&str> = page.items.iter().map(id_of).collect();
    let expected: Vec<String> = items.iter().filter_map(readable_id).collect();
    prop_assert_eq!(ids, expected);
    let unreadable: Vec<String> = (0..items.len())
        .filter(|&i| readable_id(&items[i]).is_none())
        .map(|i| format!("data[{i}]"))
        .collect();
    let dropped: Vec<String> = page.dropped.iter().map(|d| d.at.clone()).collect();
    prop_assert_eq!(dropped, unreadable);
    let undamaged = (0..items.len()).filter(|&i| readable_id(&items[i]).is_some());
    for (index, item) in undamaged.zip(&page.items) {
        if damages[index].is_none() {
            let whole = convert(read_item::<Resource<A>>(pristine[index].clone()).unwrap());
            prop_assert_eq!(item, &whole);
        }
    }
    Ok(())
}

fn damages() -> impl Strategy<Value = Vec<Option<Damage>>> {
    prop::collection::vec(prop::option::weighted(0.3, damage(KNOWN)), 1..=20)
}

/// Every decoder, fed `value` as a page, as `/displayed`'s groups and as one resource.
fn decode_everything(value: &Value) {
    if let Ok(many) = serde_json::from_str::<Many>(&value.to_string()) {
        let _ = many.into_page(
            "fuzz.list",
            (1, None),
            Resource::<ContentAttributes>::into_live,
        );
    }
    if let Ok(groups) = serde_json::from_str::<Vec<Many>>(&value.to_string()) {
        let _ = read_displayed(groups);
    }
    let item = || value.clone();
    let _ = read_item::<Resource<ContentAttributes>>(item()).map(Resource::into_displayed);
    let _ = read_item::<Resource<ContentAttributes>>(item()).map(Resource::into_video);
    let _ = read_item::<Resource<SellerAttributes>>(item()).map(Resource::into_seller);
    let _ = read_item::<Resource<ProductAttributes>>(item()).map(Resource::into_product);
    let _ = read_item::<Resource<MessageAttributes>>(item()).map(Resource::into_message);
    let _ = read_item::<TimecodeWire>(item()).map(TimecodeWire::into_timecode);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn any_json_decodes_without_panic(value in json(KNOWN)) {
        decode_everything(&value);
        decode_everything(&json!({"data": [value.clone(), live(0)]}));
        decode_everything(&json!([{"data": [value]}]));
    }

    #[test]
    fn a_damaged_live_costs_only_itself(damages in damages()) {
        check_page(live, Resource::<ContentAttributes>::into_live, |l| l.id(), &damages)?;
    }

    #[test]
    fn a_damaged_seller_costs_only_itself(damages in damages()) {
        check_page(seller, Resource::<SellerAttributes>::into_seller, |s| &s.id, &damages)?;
    }

    #[test]
    fn a_damaged_product_costs_only_itself(damages in damages()) {
        check_page(product, Resource::<ProductAttributes>::into_product, |p| &p.id, &damages)?;
    }
}
