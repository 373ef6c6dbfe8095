//! Cursor paging through every LiSA list the schema exposes: walking a list page by page, with
//! a page size that divides nothing, returns every item exactly once, the same items one large
//! page returns, and as many as `totalCount` says where LiSA counts.

use std::collections::HashSet;

use serde_json::{Value, json};

use crate::helpers::TestGateway;

/// One list: its field with fixed arguments, and the node field that identifies an item.
struct List {
    field: &'static str,
    arguments: &'static str,
    key: &'static str,
    counted: bool,
}

const LISTS: &[List] = &[
    List {
        field: "snippets",
        arguments: "",
        key: "providerId",
        counted: true,
    },
    List {
        field: "stickers",
        arguments: "",
        key: "id",
        counted: true,
    },
    List {
        field: "stories",
        arguments: "",
        key: "id",
        counted: true,
    },
    List {
        field: "channels",
        arguments: "",
        key: "id",
        counted: true,
    },
    List {
        field: "storyBadges",
        arguments: "groupBy: CATEGORY",
        key: "key",
        counted: false,
    },
    List {
        field: "storyBadges",
        arguments: "groupBy: CREATOR",
        key: "key",
        counted: false,
    },
    List {
        field: "videos",
        arguments: "filter: {provider: LISA}",
        key: "id",
        counted: true,
    },
    List {
        field: "liveContents",
        arguments: "filter: {provider: LISA}",
        key: "id",
        counted: true,
    },
    List {
        field: "webhookSubscriptions",
        arguments: "",
        key: "id",
        counted: false,
    },
];

async fn page(gateway: &TestGateway, list: &List, first: usize, after: &Value) -> Value {
    let total = if list.counted { "totalCount" } else { "" };
    let document = format!(
        "query($after: String) {{ list: {}({} first: {first}, after: $after) {{ {total} edges {{ node {{ key: {} }} }} pageInfo {{ hasNextPage endCursor }} }} }}",
        list.field,
        if list.arguments.is_empty() {
            String::new()
        } else {
            format!("{},", list.arguments)
        },
        list.key
    );
    let answer = gateway
        .query_as_operator(&document, json!({ "after": after }))
        .await;
    assert!(answer.get("errors").is_none(), "{document}: {answer}");
    answer["data"]["list"].clone()
}

fn keys(page: &Value) -> Vec<String> {
    page["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["key"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn every_lisa_list_pages_through_each_item_exactly_once() {
    let gateway = TestGateway::builder().start().await;
    for list in LISTS {
        let whole = page(&gateway, list, 100, &Value::Null).await;
        let expected = keys(&whole);
        assert!(
            !expected.is_empty() && expected.len() < 100,
            "{}: {}",
            list.field,
            expected.len()
        );
        if list.counted {
            assert_eq!(whole["totalCount"], expected.len(), "{}", list.field);
        }
        let (mut walked, mut after) = (Vec::new(), Value::Null);
        loop {
            let next = page(&gateway, list, 7, &after).await;
            walked.extend(keys(&next));
            if next["pageInfo"]["hasNextPage"] != true {
                break;
            }
            after = next["pageInfo"]["endCursor"].clone();
            assert!(
                walked.len() <= expected.len(),
                "{} pages past its end",
                list.field
            );
        }
        let distinct: HashSet<&String> = walked.iter().collect();
        assert_eq!(
            distinct.len(),
            walked.len(),
            "{}: an item came twice",
            list.field
        );
        assert_eq!(
            walked, expected,
            "{} {}: paging agrees with one page",
            list.field, list.arguments
        );
    }
}
