//! Webhook bodies from a property test, over HTTP: arbitrary bytes, arbitrary JSON and mutated
//! valid events each get 202, 204, 400 or 413, never a 5xx. (The reader itself is fuzzed far
//! harder, without HTTP, in `src/providers/lisa/webhook_notice/fuzz.rs`.)

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Map, Value, json};

use crate::helpers::{TestGateway, WEBHOOK_TOKEN};

const CASES: u32 = 300;

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        ".{0,40}".prop_map(Value::from),
        any::<u128>().prop_map(|n| Value::from(uuid::Uuid::from_u128(n).to_string())),
    ];
    leaf.prop_recursive(3, 32, 6, |inner| {
        let key = prop_oneof![
            Just("id".to_string()),
            Just("eventType".to_string()),
            ".{0,8}"
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            prop::collection::vec((key, inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A show event with one of its fields replaced by any JSON, or removed.
fn mutated_event() -> impl Strategy<Value = Value> {
    let event_type = prop::sample::select(vec![
        "Show:start",
        "Show:stop",
        "Show:update",
        "Story:create",
        "Channel:update",
    ]);
    let field = prop::sample::select(vec!["id", "eventType", "data", "eventDate"]);
    (any::<u128>(), any::<u128>(), event_type, field, prop::option::of(any_json())).prop_map(
        |(id, item, event_type, field, replacement)| {
            let uuid = |n| uuid::Uuid::from_u128(n).to_string();
            let mut event = json!({ "id": uuid(id), "eventType": event_type,
                                    "eventDate": "2026-11-23T10:00:00Z", "data": { "id": uuid(item) } });
            let object = event.as_object_mut().unwrap();
            match replacement {
                Some(value) => object.insert(field.to_string(), value),
                None => object.remove(field),
            };
            event
        },
    )
}

fn any_body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..2048),
        any_json().prop_map(|value| value.to_string().into_bytes()),
        mutated_event().prop_map(|value| value.to_string().into_bytes()),
        (1usize..400_000).prop_map(|n| json!({ "id": "x".repeat(n) }).to_string().into_bytes()),
    ]
}

async fn status_of(gateway: &TestGateway, body: Vec<u8>) -> u16 {
    let authorization = format!("Bearer {WEBHOOK_TOKEN}");
    let response = gateway
        .post_internal("/internal/webhooks/lisa", Some(&authorization), body)
        .await;
    response.status().as_u16()
}

#[test]
fn no_webhook_body_gets_a_5xx() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let gateway = runtime.block_on(TestGateway::builder().receiving_webhooks().start());
    let config = Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    };
    TestRunner::new(config)
        .run(&any_body(), |body| {
            let status = runtime.block_on(status_of(&gateway, body));
            prop_assert!(matches!(status, 202 | 204 | 400 | 413), "answered {status}");
            Ok(())
        })
        .unwrap();
}
