//! Cursors are short and opaque: every root connection's cursor is at most 100 characters and
//! names nothing of the filter; it leads to the next page of its own list, and a cursor that was
//! changed, forged or made for another list is `BAD_USER_INPUT`.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

use crate::helpers::{TestGateway, error_codes, tampered};

/// Every root connection, with the arguments it needs.
const CONNECTIONS: [(&str, &str); 10] = [
    ("liveContents", ""),
    ("videos", ""),
    ("products", ""),
    ("sellers", ""),
    ("channels", ""),
    ("stickers", ""),
    ("snippets", ""),
    ("stories", ""),
    ("storyBadges", "groupBy: CATEGORY, "),
    ("webhookSubscriptions", ""),
];

/// The field's page after `after` (first 1), as the operator.
async fn page(gateway: &TestGateway, field: &str, args: &str, after: Option<&str>) -> Value {
    let query = format!(
        "query($after: String) {{ {field}({args}first: 1, after: $after) {{ pageInfo {{ endCursor hasNextPage }} }} }}"
    );
    gateway
        .query_as_operator(&query, json!({ "after": after }))
        .await
}

fn end_cursor(answer: &Value, field: &str) -> Option<String> {
    answer["data"][field]["pageInfo"]["endCursor"]
        .as_str()
        .map(str::to_string)
}

#[tokio::test]
async fn every_connections_cursor_is_short_leads_on_and_refuses_tampering() {
    let gateway = TestGateway::builder().start().await;
    for (field, args) in CONNECTIONS {
        let first = page(&gateway, field, args, None).await;
        assert!(first["errors"].is_null(), "{field}: {first}");
        let cursor = end_cursor(&first, field).unwrap_or_else(|| panic!("{field}: {first}"));
        assert!(cursor.len() <= 100, "{field}: {} characters", cursor.len());

        let next = page(&gateway, field, args, Some(&cursor)).await;
        assert!(next["errors"].is_null(), "{field} after its cursor: {next}");

        for bad in [
            tampered(&cursor),
            "AQ".to_string(),
            "not a cursor".to_string(),
        ] {
            let refused = page(&gateway, field, args, Some(&bad)).await;
            assert_eq!(
                error_codes(&refused),
                ["BAD_USER_INPUT"],
                "{field} {bad}: {refused}"
            );
        }
    }
}

#[tokio::test]
async fn a_merged_cursor_holds_both_positions_in_under_100_characters_and_no_filter_text() {
    let gateway = TestGateway::builder().start().await;
    let query = "query($after: String) { liveContents(first: 30, after: $after, filter: {state: SCHEDULED}) { pageInfo { endCursor } } }";
    let answer = gateway.query(query, json!({ "after": null })).await;
    let cursor = end_cursor(&answer, "liveContents").expect("a cursor");
    assert!(cursor.len() <= 100, "{} characters", cursor.len());
    let bytes = URL_SAFE_NO_PAD.decode(&cursor).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        !text.contains("SCHEDULED") && !text.contains("Filter"),
        "{text}"
    );

    let other = "query($after: String) { liveContents(first: 30, after: $after, filter: {state: LIVE}) { pageInfo { endCursor } } }";
    let refused = gateway.query(other, json!({ "after": cursor })).await;
    assert_eq!(error_codes(&refused), ["BAD_USER_INPUT"], "{refused}");
}

/// Every `endCursor` in an answer.
fn end_cursors(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::Object(fields) => {
            for (name, field) in fields {
                match (name.as_str(), field) {
                    ("endCursor", Value::String(cursor)) => found.push(cursor.clone()),
                    _ => end_cursors(field, found),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| end_cursors(item, found)),
        _ => {}
    }
}

#[tokio::test]
async fn nested_connections_cursors_are_short_too() {
    let gateway = TestGateway::builder().start().await;
    let page = "(first: 1) { pageInfo { endCursor } }";
    let query = format!(
        "{{ channels(first: 1) {{ edges {{ node {{ liveContents{page} stories{page} }} }} }}
           liveContents(first: 1, filter: {{provider: LISA}}) {{ edges {{ node {{ products{page} }} }} }}
           products(first: 1) {{ edges {{ node {{ snippets{page} liveContents{page} videos{page} }} }} }}
           sellers(first: 1) {{ edges {{ node {{ liveContents{page} videos{page} products{page} }} }} }}
           videos(first: 1) {{ edges {{ node {{ products{page} }} }} }} }}"
    );
    let answer = gateway.query_as_operator(&query, json!({})).await;
    let mut cursors = Vec::new();
    end_cursors(&answer["data"], &mut cursors);
    assert!(cursors.len() >= 6, "{answer}");
    for cursor in cursors {
        assert!(cursor.len() <= 100, "{} characters: {cursor}", cursor.len());
    }
}
