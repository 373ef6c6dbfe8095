//! Provider calls ride out failures: a read the provider fails is retried with backoff, a write
//! never is; consecutive failures open the provider's circuit, which then fails fast without
//! calling, until the provider answers a probe again.

use live_commerce_gateway::simulator::{Fault, FaultTarget, Operation, SimProvider};
use serde_json::json;

use crate::helpers::{TestGateway, error_codes, spawn_with};

fn down(gateway: &TestGateway, target: FaultTarget) {
    let fault = Fault {
        latency: std::time::Duration::ZERO,
        status: Some(503),
    };
    gateway.simulator.simulator.inject_fault(target, fault);
}

fn calls(gateway: &TestGateway, operation: Operation) -> u64 {
    gateway.simulator.simulator.request_count(operation)
}

const CAAST_PAGE: &str =
    "{ liveContents(first: 3, filter: {provider: CAAST}) { edges { node { id } } } }";

#[tokio::test]
async fn a_failed_read_is_retried_and_a_failed_write_is_not() {
    let gateway = spawn_with(|env, _| {
        env.insert("GATEWAY_PROVIDER_RETRIES".into(), "2".into());
        env.insert("GATEWAY_PROVIDER_RETRY_BACKOFF".into(), "1ms".into());
    })
    .await;
    down(&gateway, FaultTarget::Provider(SimProvider::Lisa));
    let answer = gateway
        .query(
            "{ channels(first: 1) { edges { node { name } } } }",
            json!({}),
        )
        .await;
    assert_eq!(error_codes(&answer), ["UPSTREAM_UNAVAILABLE"], "{answer}");
    assert_eq!(
        calls(&gateway, Operation::LisaChannelsFind),
        3,
        "one call and two retries"
    );

    let create = "mutation { createChannel(input: {name: \"Pop-up\", slug: \"pop-up\"}) { id } }";
    let answer = gateway.query_as_operator(create, json!({})).await;
    assert!(answer.get("errors").is_some(), "{answer}");
    assert_eq!(
        calls(&gateway, Operation::LisaChannelsCreate),
        1,
        "a write is sent once"
    );
}

#[tokio::test]
async fn an_open_circuit_fails_fast_and_a_probe_that_answers_closes_it() {
    let gateway = spawn_with(|env, _| {
        env.insert("GATEWAY_PROVIDER_RETRIES".into(), "0".into());
        env.insert("GATEWAY_CIRCUIT_FAILURES".into(), "3".into());
        env.insert("GATEWAY_CIRCUIT_COOLDOWN".into(), "10m".into());
        env.insert("GATEWAY_CACHE_MAX_BYTES".into(), "0".into());
    })
    .await;
    down(&gateway, FaultTarget::Provider(SimProvider::Caast));
    for _ in 0..3 {
        let answer = gateway.query(CAAST_PAGE, json!({})).await;
        assert_eq!(error_codes(&answer), ["UPSTREAM_UNAVAILABLE"], "{answer}");
    }
    let answer = gateway.query(CAAST_PAGE, json!({})).await;
    assert_eq!(error_codes(&answer), ["UPSTREAM_CIRCUIT_OPEN"], "{answer}");
    assert_eq!(
        calls(&gateway, Operation::CaastLivesList),
        3,
        "the open circuit called nobody"
    );
    let lisa = gateway
        .query(
            "{ liveContents(first: 3, filter: {provider: LISA}) { edges { node { id } } } }",
            json!({}),
        )
        .await;
    assert!(
        lisa.get("errors").is_none(),
        "one provider's circuit is its own: {lisa}"
    );

    gateway.simulator.simulator.clear_faults();
    assert_eq!(
        gateway.get("/readyz").await.status(),
        200,
        "the readiness probe goes through"
    );
    let answer = gateway.query(CAAST_PAGE, json!({})).await;
    assert!(
        answer.get("errors").is_none(),
        "the probe's answer closed the circuit: {answer}"
    );
}
