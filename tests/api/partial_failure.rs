use std::time::Duration;

use live_commerce_gateway::simulator::{Fault, FaultTarget, SimProvider};
use serde_json::json;

use crate::helpers::{closed_port_url, error_codes, spawn, spawn_with};

const FIRST_PAGE: &str = "{ liveContents(first: 30) { edges { node { id provider } } pageInfo { hasNextPage endCursor } } }";

fn providers_of(answer: &serde_json::Value) -> Vec<String> {
    let edges = answer["data"]["liveContents"]["edges"].as_array().unwrap();
    let mut providers: Vec<String> = edges
        .iter()
        .map(|e| e["node"]["provider"].as_str().unwrap().to_string())
        .collect();
    providers.dedup();
    providers.sort();
    providers.dedup();
    providers
}

#[tokio::test]
async fn a_stopped_provider_costs_only_its_own_items() {
    let down = closed_port_url("/caast/v1").await;
    let gateway = spawn_with(|env, _| {
        env.insert("GATEWAY_CAAST_URL".into(), down);
    })
    .await;
    let answer = gateway.query(FIRST_PAGE, json!({})).await;
    assert_eq!(providers_of(&answer), ["LISA"]);
    assert_eq!(
        answer["data"]["liveContents"]["edges"]
            .as_array()
            .unwrap()
            .len(),
        30
    );
    assert_eq!(error_codes(&answer), ["UPSTREAM_UNAVAILABLE"]);
    let error = &answer["errors"][0];
    assert_eq!(error["path"], json!(["liveContents"]));
    assert_eq!(error["extensions"]["provider"], "CAAST");
}

#[tokio::test]
async fn a_provider_answering_500_is_unavailable_and_the_next_page_resumes_it() {
    let gateway = spawn().await;
    gateway.simulator.simulator.inject_fault(
        FaultTarget::Provider(SimProvider::Lisa),
        Fault {
            latency: Duration::ZERO,
            status: Some(503),
        },
    );
    let answer = gateway.query(FIRST_PAGE, json!({})).await;
    assert_eq!(providers_of(&answer), ["CAAST"]);
    assert_eq!(error_codes(&answer), ["UPSTREAM_UNAVAILABLE"]);
    assert_eq!(answer["errors"][0]["extensions"]["provider"], "LISA");
    assert_eq!(
        answer["data"]["liveContents"]["pageInfo"]["hasNextPage"], true,
        "LiSA's items are still to come"
    );

    gateway.simulator.simulator.clear_faults();
    let newest_show = gateway
        .query(
            "{ liveContents(first: 1, filter: {provider: LISA}) { edges { node { id } } } }",
            json!({}),
        )
        .await;
    let newest_show = &newest_show["data"]["liveContents"]["edges"][0]["node"]["id"];
    let after = answer["data"]["liveContents"]["pageInfo"]["endCursor"].clone();
    let next = gateway
        .query(
            "query($after: String) { liveContents(first: 10, after: $after) { edges { node { id provider } } } }",
            json!({ "after": after }),
        )
        .await;
    assert!(next.get("errors").is_none());
    let edges = next["data"]["liveContents"]["edges"].as_array().unwrap();
    let first_show = edges
        .iter()
        .map(|e| &e["node"])
        .find(|n| n["provider"] == "LISA")
        .expect("LiSA is back on the next page");
    assert_eq!(
        &first_show["id"], newest_show,
        "LiSA resumes from its very first show: nothing of it was skipped"
    );
}

#[tokio::test]
async fn a_slow_provider_times_out_and_the_other_still_answers() {
    let gateway = spawn_with(|env, _| {
        env.insert("GATEWAY_LISA_TIMEOUT".into(), "200ms".into());
    })
    .await;
    gateway.simulator.simulator.inject_fault(
        FaultTarget::Provider(SimProvider::Lisa),
        Fault {
            latency: Duration::from_secs(3),
            status: None,
        },
    );
    let answer = gateway.query(FIRST_PAGE, json!({})).await;
    assert_eq!(providers_of(&answer), ["CAAST"]);
    assert_eq!(error_codes(&answer), ["UPSTREAM_TIMEOUT"]);
    assert_eq!(answer["errors"][0]["extensions"]["provider"], "LISA");
}

#[tokio::test]
async fn a_deployment_with_one_provider_lists_only_its_items_without_errors() {
    let gateway = spawn_with(|env, _| {
        for key in [
            "GATEWAY_CAAST_URL",
            "GATEWAY_CAAST_APP_ID",
            "GATEWAY_CAAST_APP_KEY",
        ] {
            env.remove(key);
        }
    })
    .await;
    let answer = gateway.query(FIRST_PAGE, json!({})).await;
    assert!(answer.get("errors").is_none(), "{answer}");
    assert_eq!(providers_of(&answer), ["LISA"]);
}
