use std::collections::HashSet;

use secrecy::SecretString;
use serde_json::{Value, json};

use crate::helpers::{TestGateway, caast, error_codes, lisa};

const PAGE: &str = "query Page($first: Int, $after: String, $filter: LiveContentFilter) {
  liveContents(first: $first, after: $after, filter: $filter) {
    edges { cursor node { id provider providerId title state scheduledAt } }
    pageInfo { hasNextPage endCursor }
  }
}";

/// Walks the whole connection page by page and returns every node.
pub async fn walk(gateway: &crate::helpers::TestGateway, first: i64, filter: Value) -> Vec<Value> {
    let mut nodes = Vec::new();
    let mut after = Value::Null;
    for _ in 0..200 {
        let answer = gateway
            .query(
                PAGE,
                json!({ "first": first, "after": after, "filter": filter }),
            )
            .await;
        assert!(
            answer.get("errors").is_none(),
            "no errors expected: {answer}"
        );
        let connection = &answer["data"]["liveContents"];
        let edges = connection["edges"].as_array().unwrap();
        nodes.extend(edges.iter().map(|e| e["node"].clone()));
        if !connection["pageInfo"]["hasNextPage"].as_bool().unwrap() {
            return nodes;
        }
        assert!(!edges.is_empty(), "a page with more to come is never empty");
        after = connection["pageInfo"]["endCursor"].clone();
    }
    panic!("the connection never ended");
}

/// How many items the simulator holds for a provider, read straight from its REST API.
pub async fn upstream_totals(gateway: &crate::helpers::TestGateway) -> (usize, usize) {
    let defaults = live_commerce_gateway::simulator::SimulatorConfig::default();
    let http = reqwest::Client::new();
    let caast = http
        .get(format!(
            "{}lives",
            with_slash(gateway.simulated_caast_url().as_str())
        ))
        .header("APP-ID", &defaults.caast_app_id)
        .header("APP-KEY", &defaults.caast_app_key)
        .send()
        .await
        .unwrap();
    let caast_total: usize = caast.headers()["page-items"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let lisa: Value = http
        .get(format!(
            // Published shows only: what the gateway lists without a status filter.
            "{}shows/count?status=ready",
            with_slash(gateway.simulated_lisa_url().as_str())
        ))
        .header("Authorization", format!("ApiKey {}", defaults.lisa_api_key))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    (caast_total, lisa["count"].as_u64().unwrap() as usize)
}

fn with_slash(url: &str) -> String {
    if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    }
}

fn assert_newest_first(nodes: &[Value]) {
    let dates: Vec<&str> = nodes
        .iter()
        .filter_map(|n| n["scheduledAt"].as_str())
        .collect();
    let parsed: Vec<chrono::DateTime<chrono::FixedOffset>> = dates
        .iter()
        .map(|d| chrono::DateTime::parse_from_rfc3339(d).unwrap())
        .collect();
    assert!(
        parsed.windows(2).all(|w| w[0] >= w[1]),
        "ordered by scheduledAt, newest first"
    );
}

#[tokio::test]
async fn paging_through_all_live_contents_yields_every_item_of_both_providers_once() {
    let gateway = TestGateway::builder().start().await;
    let (caast_total, lisa_total) = upstream_totals(&gateway).await;
    for first in [7, 20, 50] {
        let nodes = walk(&gateway, first, Value::Null).await;
        let ids: HashSet<&str> = nodes.iter().map(|n| n["id"].as_str().unwrap()).collect();
        assert_eq!(
            ids.len(),
            nodes.len(),
            "no duplicates with pages of {first}"
        );
        let caast = nodes.iter().filter(|n| n["provider"] == "CAAST").count();
        let lisa = nodes.iter().filter(|n| n["provider"] == "LISA").count();
        assert_eq!(
            (caast, lisa),
            (caast_total, lisa_total),
            "no gaps with pages of {first}"
        );
        assert_newest_first(&nodes);
    }
}

#[tokio::test]
async fn the_first_page_of_fifty_mixes_both_providers() {
    let gateway = TestGateway::builder().start().await;
    let answer = gateway
        .query("{ liveContents(first: 50) { edges { node { id provider title state } } pageInfo { hasNextPage endCursor } } }", json!({}))
        .await;
    let edges = answer["data"]["liveContents"]["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 50);
    let providers: HashSet<&str> = edges
        .iter()
        .map(|e| e["node"]["provider"].as_str().unwrap())
        .collect();
    assert_eq!(providers, HashSet::from(["CAAST", "LISA"]));
    assert_eq!(
        answer["data"]["liveContents"]["pageInfo"]["hasNextPage"],
        true
    );
}

#[tokio::test]
async fn filters_by_provider_and_state_hold_on_every_page() {
    let gateway = TestGateway::builder().start().await;
    let live_lisa = walk(&gateway, 5, json!({ "provider": "LISA", "state": "LIVE" })).await;
    assert!(!live_lisa.is_empty(), "the catalogue has live shows");
    assert!(
        live_lisa
            .iter()
            .all(|n| n["provider"] == "LISA" && n["state"] == "LIVE")
    );
    for state in ["SCHEDULED", "LIVE", "ENDED"] {
        let nodes = walk(&gateway, 20, json!({ "state": state })).await;
        assert!(nodes.iter().all(|n| n["state"] == state), "{state}");
        assert!(
            nodes.iter().any(|n| n["provider"] == "CAAST")
                && nodes.iter().any(|n| n["provider"] == "LISA"),
            "{state} from both"
        );
    }
}

#[tokio::test]
async fn a_damaged_cursor_or_page_size_is_bad_user_input() {
    let gateway = TestGateway::builder().start().await;
    let answer = gateway
        .query(PAGE, json!({ "first": 5, "after": "not-a-cursor" }))
        .await;
    assert_eq!(error_codes(&answer), ["BAD_USER_INPUT"]);
    let answer = gateway.query(PAGE, json!({ "first": 1000 })).await;
    assert_eq!(error_codes(&answer), ["BAD_USER_INPUT"]);
}

#[tokio::test]
async fn the_gateway_sends_the_configured_credentials() {
    let gateway = TestGateway::builder()
        .with(|config| {
            caast(config).app_key = SecretString::from("wrong-key");
            lisa(config).api_key = SecretString::from("wrong-key");
        })
        .start()
        .await;
    let answer = gateway.query(PAGE, json!({ "first": 5 })).await;
    let mut codes = error_codes(&answer);
    codes.sort();
    assert_eq!(codes, ["UPSTREAM_UNAUTHORIZED", "UPSTREAM_UNAUTHORIZED"]);
    let right = TestGateway::builder().start().await;
    let answer = right.query(PAGE, json!({ "first": 5 })).await;
    assert!(
        answer.get("errors").is_none(),
        "the right credentials pass: {answer}"
    );
}

#[tokio::test]
async fn filters_no_provider_can_apply_together_are_refused_naming_them() {
    let gateway = TestGateway::builder().start().await;
    gateway.simulator().reset_request_counts();
    let cases = [
        (
            "{ liveContents(filter: {provider: CAAST, channel: \"x\"}) { totalCount } }",
            "filter.channel",
        ),
        (
            "{ liveContents(filter: {provider: LISA, search: \"x\"}) { totalCount } }",
            "filter.search",
        ),
        (
            "{ liveContents(filter: {tags: [\"x\"], creator: [\"y\"]}) { totalCount } }",
            "filter.creator",
        ),
        (
            "{ videos(filter: {provider: CAAST, orientation: PORTRAIT}) { totalCount } }",
            "filter.orientation",
        ),
        (
            "{ videos(filter: {search: \"x\", orientation: PORTRAIT}) { totalCount } }",
            "filter.search",
        ),
    ];
    for (query, named) in cases {
        let answer = gateway.query(query, json!({})).await;
        assert_eq!(
            error_codes(&answer),
            ["BAD_USER_INPUT"],
            "{query}: {answer}"
        );
        let message = answer["errors"][0]["message"].as_str().unwrap();
        assert!(message.contains(named), "{query}: {message}");
    }
    gateway.assert_no_provider_request("a query that can match nothing asks no provider");
    let fine = gateway
        .query(
            "{ liveContents(filter: {provider: LISA, channel: \"x\"}) { totalCount } }",
            json!({}),
        )
        .await;
    assert!(
        fine.get("errors").is_none(),
        "one provider's filter with that provider: {fine}"
    );
}
