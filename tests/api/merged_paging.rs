//! The merged-paging property, through GraphQL: for every page size from 1 to 25, walking
//! `liveContents` or `videos` over both providers returns every item of each exactly once, in
//! the same order.

use std::collections::HashSet;

use chrono::{DateTime, FixedOffset};
use serde_json::{Value, json};

use crate::helpers::TestGateway;
use crate::live_contents::{upstream_totals, walk};

fn scheduled(node: &Value) -> Option<DateTime<FixedOffset>> {
    node["scheduledAt"]
        .as_str()
        .map(|d| DateTime::parse_from_rfc3339(d).unwrap())
}

#[tokio::test]
async fn every_page_size_from_1_to_25_walks_both_providers_once_in_order() {
    let gateway = TestGateway::builder().start().await;
    let (caast_total, lisa_total) = upstream_totals(&gateway).await;
    let mut reference: Option<Vec<String>> = None;
    for first in 1..=25 {
        let nodes = walk(&gateway, first, Value::Null).await;
        let ids: Vec<String> = nodes
            .iter()
            .map(|n| n["id"].as_str().unwrap().to_string())
            .collect();
        let distinct: HashSet<&String> = ids.iter().collect();
        assert_eq!(
            distinct.len(),
            ids.len(),
            "pages of {first}: an item came twice"
        );
        let caast = nodes.iter().filter(|n| n["provider"] == "CAAST").count();
        assert_eq!(
            (caast, ids.len() - caast),
            (caast_total, lisa_total),
            "pages of {first}: an item is missing"
        );
        let dates: Vec<_> = nodes.iter().map(scheduled).collect();
        assert!(
            dates.windows(2).all(|w| match (w[0], w[1]) {
                (Some(a), Some(b)) => a >= b,
                (None, Some(_)) => false,
                _ => true,
            }),
            "pages of {first}: newest scheduledAt first, undated last"
        );
        match &reference {
            None => reference = Some(ids),
            Some(expected) => assert_eq!(
                &ids, expected,
                "pages of {first}: the same order as pages of 1"
            ),
        }
    }
}

const VIDEOS_PAGE: &str = "query($first: Int, $after: String) { videos(first: $first, after: $after) { edges { node { id provider } } pageInfo { hasNextPage endCursor } } }";

/// Every video of a walk through `videos` with pages of `first`, as (id, provider).
async fn walk_videos(gateway: &TestGateway, first: i64) -> Vec<(String, String)> {
    let mut videos = Vec::new();
    let mut after = Value::Null;
    for _ in 0..500 {
        let answer = gateway
            .query(VIDEOS_PAGE, json!({ "first": first, "after": after }))
            .await;
        assert!(answer.get("errors").is_none(), "{answer}");
        let connection = &answer["data"]["videos"];
        for edge in connection["edges"].as_array().unwrap() {
            let node = &edge["node"];
            let id = node["id"].as_str().unwrap().to_string();
            videos.push((id, node["provider"].as_str().unwrap().to_string()));
        }
        if !connection["pageInfo"]["hasNextPage"].as_bool().unwrap() {
            return videos;
        }
        after = connection["pageInfo"]["endCursor"].clone();
    }
    panic!("the connection never ended");
}

#[tokio::test]
async fn videos_of_both_providers_alternate_and_every_page_size_walks_each_once() {
    let gateway = TestGateway::builder().start().await;
    let one_at_a_time = walk_videos(&gateway, 1).await;
    let providers: Vec<&str> = one_at_a_time.iter().map(|(_, p)| p.as_str()).collect();
    let caast = providers.iter().filter(|p| **p == "CAAST").count();
    let lisa = providers.len() - caast;
    assert!(
        caast > 1 && lisa > 1,
        "the demo has videos of both: {providers:?}"
    );
    let alternating = 2 * caast.min(lisa);
    let expected: Vec<&str> = ["CAAST", "LISA"]
        .into_iter()
        .cycle()
        .take(alternating)
        .collect();
    assert_eq!(
        &providers[..alternating],
        expected,
        "one item of each provider in turn while both last"
    );
    let distinct: HashSet<&String> = one_at_a_time.iter().map(|(id, _)| id).collect();
    assert_eq!(distinct.len(), one_at_a_time.len(), "an item came twice");
    let count = gateway
        .query("{ videos(first: 1) { totalCount } }", Value::Null)
        .await;
    assert_eq!(
        count["data"]["videos"]["totalCount"].as_u64(),
        Some(one_at_a_time.len() as u64),
        "an item is missing: {count}"
    );
    for first in 2..=25 {
        let walked = walk_videos(&gateway, first).await;
        assert_eq!(walked, one_at_a_time, "pages of {first}: the same list");
    }
}
