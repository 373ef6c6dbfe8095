//! Tolerant decoding of provider answers: each item of a list is read on its own, so one bad
//! item costs only itself, never its page.
//!
//! The references mark no field of an answer as required, so the only thing an item cannot do
//! without is what names it: its `id`. A field that is missing or has another type than
//! expected is simply absent (`null` to clients): when an item does not decode, the part the
//! error points at is removed and the item read again. An item that is not an object, or whose
//! id is missing or unreadable, is dropped and described by a [`DroppedItem`].
//!
//! Items arrive as their raw JSON text and are read straight from it: an item that reads as it
//! stands (nearly all) costs one parse. Only one that does not is parsed into a `Value`, to be
//! repaired as above.

use serde::de::DeserializeOwned;
use serde_json::Value;
use serde_json::value::RawValue;
use serde_path_to_error::Segment;

use super::dropped::DroppedItem;
use super::http::UpstreamHttp;
use super::{Provider, UpstreamError};

/// Parts removed precisely (an element of a list, a field of a nested object) from one item;
/// past these, a whole top-level field goes with each error. Each removal costs a new read of
/// the item, so this bounds the work a hostile item causes.
const MAX_PRECISE_REPAIRS: usize = 16;
/// Reads of one item at most: the precise repairs, then one per top-level field (an item has
/// fewer known fields than this; unknown fields are ignored and never fail a read).
const MAX_READS: usize = MAX_PRECISE_REPAIRS + 48;

/// The items of a list that could be read, in their order, and those that could not.
#[derive(Debug)]
pub(crate) struct Decoded<T> {
    pub(crate) items: Vec<T>,
    pub(crate) dropped: Vec<DroppedItem>,
}

/// Where a list's items come from: the provider, its operation, and the field holding them.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ListSource {
    pub(crate) provider: Provider,
    pub(crate) operation: &'static str,
    /// `items` (LiSA) or `data` (Caast).
    pub(crate) field: &'static str,
}

/// An item of a list, as its raw JSON text.
pub(crate) type RawItem = Box<RawValue>;

/// Reads each item as a `W`; the items that cannot be read are dropped and described.
pub(crate) fn read_items<W: DeserializeOwned>(
    source: ListSource,
    values: Vec<RawItem>,
) -> Decoded<W> {
    let mut decoded = Decoded {
        items: Vec::with_capacity(values.len()),
        dropped: Vec::new(),
    };
    for (index, value) in values.iter().enumerate() {
        match read_raw(value) {
            Ok(item) => decoded.items.push(item),
            Err(reason) => decoded.dropped.push(DroppedItem {
                provider: source.provider,
                operation: source.operation,
                at: format!("{}[{index}]", source.field),
                reason,
            }),
        }
    }
    decoded
}

/// Reads one item from its raw text: as it stands when it can be, else as [`read_item`]
/// repairs it.
pub(crate) fn read_raw<W: DeserializeOwned>(raw: &RawValue) -> Result<W, &'static str> {
    let text = raw.get();
    // A list is refused here as in `read_item`: serde would read a struct from it.
    if !text.trim_start().starts_with('[')
        && let Ok(item) = serde_json::from_str(text)
    {
        return Ok(item);
    }
    match serde_json::from_str(text) {
        Ok(value) => read_item(value),
        // Not reached: the text was read as JSON once already.
        Err(_) => Err("it is not JSON"),
    }
}

/// Reads one item, removing what cannot be read; `Err` says why the item itself cannot be.
pub(crate) fn read_item<W: DeserializeOwned>(mut value: Value) -> Result<W, &'static str> {
    // Checked first: serde would also read a struct from a list of its fields in order.
    if value.is_array() {
        return Err(unreadable(&value));
    }
    for read in 0..MAX_READS {
        let error = match serde_path_to_error::deserialize::<_, W>(&value) {
            Ok(item) => return Ok(item),
            Err(error) => error,
        };
        let mut segments: Vec<&Segment> = error.path().iter().collect();
        if read >= MAX_PRECISE_REPAIRS {
            segments.truncate(1);
        }
        if !remove_at(&mut value, &segments) {
            return Err(unreadable(&value));
        }
    }
    Err("too many of its fields cannot be read")
}

/// Removes the part of `value` at `path`; `false` when that part is the item itself or its id
/// (what cannot be done without), or cannot be found.
fn remove_at(value: &mut Value, path: &[&Segment]) -> bool {
    let Some((last, parents)) = path.split_last() else {
        return false;
    };
    if let [Segment::Map { key }] = path
        && key == "id"
    {
        return false;
    }
    let mut parent = value;
    for segment in parents {
        let child = match (segment, parent) {
            (Segment::Map { key }, Value::Object(object)) => object.get_mut(key.as_str()),
            (Segment::Seq { index }, Value::Array(array)) => array.get_mut(*index),
            _ => None,
        };
        match child {
            Some(child) => parent = child,
            None => return false,
        }
    }
    match (last, parent) {
        (Segment::Map { key }, Value::Object(object)) => object.remove(key.as_str()).is_some(),
        (Segment::Seq { index }, Value::Array(array)) if *index < array.len() => {
            array.remove(*index);
            true
        }
        _ => false,
    }
}

/// Why an item that does not decode as it stands cannot be read at all.
fn unreadable(value: &Value) -> &'static str {
    match value {
        Value::Object(object) => match object.get("id") {
            None | Some(Value::Null) => "it has no id",
            Some(_) => "its id cannot be read",
        },
        _ => "it is not an object",
    }
}

impl UpstreamHttp {
    /// Decodes an answer that is one item, as tolerantly as an item of a list; an item that
    /// cannot be read is the provider's fault (`UPSTREAM_BAD_RESPONSE`).
    pub(crate) fn decode_item<W: DeserializeOwned>(&self, body: &[u8]) -> Result<W, UpstreamError> {
        let item: RawItem = self.decode(body)?;
        self.item_from(&item)
    }

    /// Reads an answer's one item, still raw, as [`Self::decode_item`] does.
    pub(crate) fn item_from<W: DeserializeOwned>(
        &self,
        item: &RawValue,
    ) -> Result<W, UpstreamError> {
        read_raw(item).map_err(|reason| UpstreamError::BadResponse {
            provider: self.provider(),
            detail: format!("the item answered cannot be read: {reason}"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Deserialize, Debug, PartialEq)]
    struct Item {
        id: String,
        name: Option<String>,
        tags: Option<Vec<String>>,
        nested: Option<Nested>,
    }

    #[derive(Deserialize, Debug, PartialEq)]
    struct Nested {
        id: String,
        size: Option<u32>,
    }

    const SOURCE: ListSource = ListSource {
        provider: Provider::Lisa,
        operation: "shows.find",
        field: "items",
    };

    #[test]
    fn a_mistyped_field_is_absent_and_the_rest_is_kept() {
        let item: Item = read_item(json!({
            "id": "a", "name": 5, "tags": ["x", 7, "y"], "nested": {"id": "n", "size": "big"}
        }))
        .unwrap();
        let nested = Nested {
            id: "n".into(),
            size: None,
        };
        assert_eq!(item.name, None);
        assert_eq!(item.tags, Some(vec!["x".into(), "y".into()]));
        assert_eq!(item.nested, Some(nested));
    }

    #[test]
    fn a_nested_object_without_its_id_is_absent() {
        let item: Item = read_item(json!({"id": "a", "nested": {"size": 3}})).unwrap();
        assert_eq!(item.nested, None);
    }

    #[test]
    fn an_item_without_a_readable_id_is_dropped_and_named() {
        let values = [
            json!({"id": "a"}),
            json!({"name": "no id"}),
            json!({"id": {"x": 1}}),
            json!("junk"),
            json!(["c", "a list", null, null]),
            json!({"id": "b", "name": []}),
        ];
        let values = values.iter().map(|v| raw(v.to_string())).collect();
        let decoded: Decoded<Item> = read_items(SOURCE, values);
        let ids: Vec<&str> = decoded.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        let dropped: Vec<(&str, &str)> = decoded
            .dropped
            .iter()
            .map(|d| (d.at.as_str(), d.reason))
            .collect();
        assert_eq!(
            dropped,
            [
                ("items[1]", "it has no id"),
                ("items[2]", "its id cannot be read"),
                ("items[3]", "it is not an object"),
                ("items[4]", "it is not an object"),
            ]
        );
    }

    fn raw(text: String) -> RawItem {
        RawValue::from_string(text).unwrap()
    }

    #[test]
    fn an_item_read_from_its_text_is_what_its_repair_reads() {
        let texts = [
            r#"{"id": "a", "name": "n", "tags": ["x"], "nested": {"id": "n", "size": 3}}"#,
            r#"{"id": "a", "name": 5, "tags": ["x", 7], "nested": {"size": 3}, "other": {}}"#,
            r#"{"id": "a", "name": "first", "name": "second"}"#,
        ];
        for text in texts {
            let value: Value = serde_json::from_str(text).unwrap();
            let repaired: Item = read_item(value).unwrap();
            assert_eq!(read_raw::<Item>(&raw(text.into())), Ok(repaired), "{text}");
        }
        assert_eq!(
            read_raw::<Item>(&raw(r#"["a", null, null, null]"#.into())),
            Err("it is not an object")
        );
    }

    #[test]
    fn a_list_with_many_bad_elements_goes_whole_after_a_few_repairs() {
        let tags: Vec<Value> = (0..10_000).map(Value::from).collect();
        let item: Item = read_item(json!({"id": "a", "tags": tags, "name": "kept"})).unwrap();
        assert_eq!(item.tags, None);
        assert_eq!(item.name.as_deref(), Some("kept"));
    }
}
