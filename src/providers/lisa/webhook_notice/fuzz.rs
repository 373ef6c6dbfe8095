//! Property tests over webhook bodies (proptest stands in for cargo-fuzz, which needs a
//! nightly toolchain): arbitrary bytes, arbitrary JSON and mutated valid events never make the
//! reader panic, and whatever it accepts is bounded — ids are UUIDs, words are short — while
//! whatever it refuses gets a short reason.

use proptest::prelude::*;
use serde_json::{Map, Value, json};

use super::*;

/// Event types LiSA documents, and a few it may add.
const EVENT_TYPES: [&str; 8] = [
    "Show:start",
    "Show:stop",
    "Show:update",
    "Show:delete",
    "Snippet:publish",
    "Story:create",
    "Channel:update",
    "Show:*",
];

/// Any JSON value, its objects' keys often the ones a webhook has.
pub(crate) fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".{0,40}".prop_map(Value::from),
        any_uuid().prop_map(Value::from),
        (1usize..70_000).prop_map(|n| Value::from("x".repeat(n))),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::from),
            prop::collection::vec((any_key(), inner), 0..8)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn any_key() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("id".to_string()),
        Just("eventType".to_string()),
        Just("eventDate".to_string()),
        Just("data".to_string()),
        Just("channel".to_string()),
        Just("slug".to_string()),
        ".{0,12}",
    ]
}

fn any_uuid() -> impl Strategy<Value = String> {
    any::<u128>().prop_map(|n| Uuid::from_u128(n).to_string())
}

/// A well-formed event, as LiSA sends it.
pub(crate) fn valid_event() -> impl Strategy<Value = Value> {
    (
        any_uuid(),
        prop::sample::select(EVENT_TYPES.to_vec()),
        any_uuid(),
        any_uuid(),
        "[a-z0-9-]{1,20}",
    )
        .prop_map(|(id, event_type, item, channel, slug)| {
            json!({ "id": id, "client": "c", "eventType": event_type,
                    "eventDate": "2026-11-23T10:00:00Z",
                    "data": { "id": item, "channel": { "id": channel, "slug": slug } },
                    "changes": {} })
        })
}

/// A valid event with one field (at any depth a webhook has) replaced by any JSON, or removed.
pub(crate) fn mutated_event() -> impl Strategy<Value = Value> {
    const PATHS: [&[&str]; 9] = [
        &["id"],
        &["eventType"],
        &["eventDate"],
        &["data"],
        &["data", "id"],
        &["data", "channel"],
        &["data", "channel", "id"],
        &["data", "channel", "slug"],
        &["changes"],
    ];
    let replacement = prop::option::of(any_json());
    (
        valid_event(),
        prop::sample::select(PATHS.to_vec()),
        replacement,
    )
        .prop_map(|(mut event, path, replacement)| {
            let (last, parents) = path.split_last().unwrap();
            let parent = parents
                .iter()
                .fold(&mut event, |value, key| &mut value[*key]);
            if let Some(object) = parent.as_object_mut() {
                match replacement {
                    Some(value) => object.insert(last.to_string(), value),
                    None => object.remove(*last),
                };
            }
            event
        })
}

/// What the reader promises of any body: no panic; bounded results.
fn holds_for(body: &[u8]) -> Result<(), TestCaseError> {
    match Webhook::parse(body) {
        Ok(Webhook::Act(notice)) => {
            prop_assert!(Uuid::parse_str(&notice.item_id).is_ok());
            let channel = notice.channel_id.as_deref().map(Uuid::parse_str);
            prop_assert!(channel.is_none_or(|id| id.is_ok()));
            let slug = notice.channel_slug.as_deref().map_or(0, str::len);
            prop_assert!(slug <= MAX_SLUG_BYTES);
        }
        Ok(Webhook::Ignore { event_type }) => {
            prop_assert!(event_type.len() <= MAX_EVENT_TYPE_BYTES);
        }
        Err(reason) => prop_assert!(reason.len() < 256, "reason of {} bytes", reason.len()),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_bytes(body in prop::collection::vec(any::<u8>(), 0..4096)) {
        holds_for(&body)?;
    }

    #[test]
    fn any_json_value(value in any_json()) {
        holds_for(value.to_string().as_bytes())?;
    }

    #[test]
    fn any_mutation_of_a_valid_event(event in mutated_event()) {
        holds_for(event.to_string().as_bytes())?;
    }

    #[test]
    fn a_valid_event_is_read(event in valid_event()) {
        let read = Webhook::parse(event.to_string().as_bytes());
        let known = NoticeKind::of(event["eventType"].as_str().unwrap()).is_some();
        let as_expected = match read {
            Ok(Webhook::Act(notice)) => known && notice.item_id == event["data"]["id"],
            Ok(Webhook::Ignore { .. }) => !known,
            Err(_) => false,
        };
        prop_assert!(as_expected, "{event}");
    }
}
