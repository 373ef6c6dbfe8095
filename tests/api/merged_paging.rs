//! The merged-paging property, through GraphQL: for every page size from 1 to 25, walking
//! `liveContents` over both providers returns every item of each exactly once, in order.

use std::collections::HashSet;

use chrono::{DateTime, FixedOffset};
use serde_json::Value;

use crate::helpers::spawn;
use crate::live_contents::{upstream_totals, walk};

fn scheduled(node: &Value) -> Option<DateTime<FixedOffset>> {
    node["scheduledAt"]
        .as_str()
        .map(|d| DateTime::parse_from_rfc3339(d).unwrap())
}

#[tokio::test]
async fn every_page_size_from_1_to_25_walks_both_providers_once_in_order() {
    let gateway = spawn().await;
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
