use std::time::Duration;

use live_commerce_gateway::simulator::{Fault, FaultTarget, Operation, SimProvider};
use serde_json::json;

use crate::helpers::{TestGateway, caast, closed_port_url, error_codes, lisa};

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
    let gateway = TestGateway::builder()
        .with(move |config| caast(config).url = down.parse().unwrap())
        .start()
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
    let gateway = TestGateway::builder().start().await;
    gateway.simulator().inject_fault(
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

    gateway.simulator().clear_faults();
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
    let gateway = TestGateway::builder()
        .with(|config| lisa(config).timeout = Duration::from_millis(200))
        .start()
        .await;
    gateway.simulator().inject_fault(
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
    let gateway = TestGateway::builder()
        .with(|config| config.caast = None)
        .start()
        .await;
    let answer = gateway.query(FIRST_PAGE, json!({})).await;
    assert!(answer.get("errors").is_none(), "{answer}");
    assert_eq!(providers_of(&answer), ["LISA"]);
}

#[tokio::test]
async fn two_slow_dependent_calls_share_the_request_deadline_and_give_a_partial_200() {
    let gateway = TestGateway::builder()
        .with(|config| {
            lisa(config).timeout = Duration::from_secs(1);
            caast(config).timeout = Duration::from_secs(1);
            config.limits.request_timeout = Duration::from_millis(1500);
            config.resilience.failures_to_open = 1;
            config.cache.max_bytes = 0;
        })
        .start()
        .await;
    let simulator = gateway.simulator();
    let slow = |millis| Fault {
        latency: Duration::from_millis(millis),
        status: None,
    };
    // The snippet answers late but within LiSA's timeout; the Caast look-up of its product,
    // which waits for it, would take its whole timeout and end past the request's.
    simulator.inject_fault(
        FaultTarget::Operation(Operation::LisaSnippetsFind),
        slow(700),
    );
    simulator.inject_fault(
        FaultTarget::Operation(Operation::CaastProductsList),
        slow(5000),
    );
    let query = "{ snippets(first: 1) { edges { node { productRef product { ref } } } } }";
    let response = gateway.post(&json!({ "query": query })).await;
    assert_eq!(response.status(), 200, "a partial answer, not a 504");
    let answer: serde_json::Value = response.json().await.unwrap();
    let node = &answer["data"]["snippets"]["edges"][0]["node"];
    assert!(
        node["productRef"].is_string(),
        "the snippet is kept: {answer}"
    );
    assert_eq!(error_codes(&answer), ["UPSTREAM_TIMEOUT"], "{answer}");
    let error = &answer["errors"][0];
    assert_eq!(error["extensions"]["provider"], "CAAST");
    assert_eq!(
        error["path"],
        json!(["snippets", "edges", 0, "node", "product"])
    );

    simulator.clear_faults();
    let products = gateway
        .query(
            "{ products(first: 1) { edges { node { id } } } }",
            json!({}),
        )
        .await;
    assert!(
        products.get("errors").is_none(),
        "a timeout the request's deadline cut short is no mark against Caast: {products}"
    );
}

#[tokio::test]
async fn a_provider_answer_past_the_size_cap_is_a_bad_response_and_the_rest_is_kept() {
    let gateway = TestGateway::builder()
        .with(|config| {
            let cap = 4 * 1024;
            caast(config).max_response_bytes = cap;
            lisa(config).max_response_bytes = cap;
            config.cache.max_bytes = 0;
        })
        .start()
        .await;
    let big = "{ channels(first: 50) { edges { node { name } } } }";
    let answer = gateway.query(big, json!({})).await;
    assert_eq!(error_codes(&answer), ["UPSTREAM_BAD_RESPONSE"], "{answer}");
    assert_eq!(answer["errors"][0]["extensions"]["provider"], "LISA");

    let small = "{ channels(first: 1) { edges { node { name } } } }";
    let answer = gateway.query(small, json!({})).await;
    assert!(
        answer.get("errors").is_none(),
        "an answer under the cap reads: {answer}"
    );
}
