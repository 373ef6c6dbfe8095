//! Reading webhook bodies: what is acted on, ignored or refused, and how briefly a refusal says
//! why.

use super::*;

const EVENT: &str = "6b0c1f6e-1111-4a4a-9c9c-000000000001";
const SHOW: &str = "3203d9eb-e87b-49cc-9090-90d0db301a8e";
const CHANNEL: &str = "0b5c2f7a-2222-4b4b-8d8d-000000000002";

fn parse(body: &str) -> Result<Webhook, String> {
    Webhook::parse(body.as_bytes())
}

/// A body with `id`, `eventType` and `data` as given.
fn event(id: &str, event_type: &str, data: Value) -> String {
    serde_json::json!({ "id": id, "eventType": event_type, "data": data }).to_string()
}

#[test]
fn a_show_start_invalidates_the_show_its_lists_and_channel_and_announces_itself() {
    let data = serde_json::json!({ "id": SHOW, "channel": { "id": CHANNEL, "slug": "ch-1" } });
    let Ok(Webhook::Act(notice)) = parse(&event(EVENT, "Show:start", data)) else {
        panic!("a documented event is acted on");
    };
    assert_eq!(notice.event_id.to_string(), EVENT);
    let tags: Vec<String> = notice.changed().iter().map(ToString::to_string).collect();
    assert_eq!(
        tags,
        [
            format!("lisa:show:{SHOW}"),
            "lisa:shows".into(),
            format!("lisa:channel:{CHANNEL}")
        ]
    );
    let seen = notice.show_transition().unwrap();
    assert_eq!(
        (seen.started, seen.channel),
        (true, vec![CHANNEL.to_string(), "ch-1".into()])
    );
}

#[test]
fn unknown_events_are_ignored_and_malformed_ones_refused() {
    assert_eq!(
        parse(&event(EVENT, "Channel:update", serde_json::json!({}))),
        Ok(Webhook::Ignore {
            event_type: "Channel:update".into()
        })
    );
    assert!(parse(&event(EVENT, "Show:launch", Value::Null)).is_ok());
    assert!(parse("not json").is_err());
    assert!(parse(r#"{"eventType":"Show:update","data":{"id":"s"}}"#).is_err());
    assert!(parse(&event(EVENT, "Show:update", serde_json::json!({}))).is_err());
    assert!(parse(&event(EVENT, "Show:update", serde_json::json!({ "id": 7 }))).is_err());
    assert!(parse("[]").is_err());
}

#[test]
fn ids_that_are_not_uuids_and_over_long_fields_are_refused_with_a_short_reason() {
    let long = "x".repeat(200 * 1024);
    let show = |data: Value| event(EVENT, "Show:update", data);
    let cases = [
        (
            "a word as the event id",
            event("e1", "Show:update", serde_json::json!({ "id": SHOW })),
        ),
        (
            "a huge event id",
            event(&long, "Show:update", serde_json::json!({ "id": SHOW })),
        ),
        (
            "a huge event id, unknown type",
            event(&long, "Channel:update", Value::Null),
        ),
        ("a huge event type", event(EVENT, &long, Value::Null)),
        (
            "a control character in the type",
            event(EVENT, "Show:\nupdate", Value::Null),
        ),
        (
            "a word as the show id",
            show(serde_json::json!({ "id": "s1" })),
        ),
        ("a huge show id", show(serde_json::json!({ "id": long }))),
        (
            "a channel id that is not a UUID",
            show(serde_json::json!({ "id": SHOW, "channel": { "id": long } })),
        ),
        (
            "a number as the channel id",
            show(serde_json::json!({ "id": SHOW, "channel": { "id": 7 } })),
        ),
        (
            "a huge slug",
            show(serde_json::json!({ "id": SHOW, "channel": { "slug": "a".repeat(129) } })),
        ),
        (
            "a slug with spaces",
            show(serde_json::json!({ "id": SHOW, "channel": { "slug": "a b" } })),
        ),
        (
            "a huge string as the body",
            serde_json::json!(long).to_string(),
        ),
    ];
    for (what, body) in cases {
        let reason = parse(&body).expect_err(what);
        assert!(
            reason.len() < 256,
            "{what}: a short reason, not {} bytes",
            reason.len()
        );
    }
}

#[test]
fn optional_fields_left_out_are_read_as_absent() {
    let data = serde_json::json!({ "id": SHOW, "channel": { "id": "", "slug": null } });
    let Ok(Webhook::Act(notice)) = parse(&event(EVENT, "Show:update", data)) else {
        panic!("acted on");
    };
    assert_eq!((notice.channel_id, notice.channel_slug), (None, None));
}
