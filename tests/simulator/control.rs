//! The simulator's test hooks: request counts, the request log and injected faults, in
//! process and over the `/_simulator` API.

use std::time::{Duration, Instant};

use live_commerce_gateway::simulator::{Fault, FaultTarget, Operation, SimProvider};
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::*;

#[tokio::test]
async fn every_request_is_counted_under_its_operation() {
    let sim = spawn().await;
    json(caast_get(&sim, "/lives"), 200).await;
    json(caast_get(&sim, "/lives?page=2"), 200).await;
    json(lisa_get(&sim, "/stickers"), 200).await;
    reqwest::get(format!("{}/shows", sim.lisa_url()))
        .await
        .unwrap(); // refused, still counted

    let s = &sim.simulator;
    assert_eq!(s.request_count(Operation::CaastLivesList), 2);
    assert_eq!(s.request_count(Operation::LisaStickersFind), 1);
    assert_eq!(s.request_count(Operation::LisaShowsFind), 1);
    assert_eq!(s.request_count(Operation::CaastLivesGet), 0);

    let url = format!("{}_simulator/requests", sim.base_url());
    let counts: Value = reqwest::get(&url).await.unwrap().json().await.unwrap();
    assert_eq!(counts["caast.lives.list"], 2);
    assert_eq!(counts["lisa.stickers.find"], 1);
    reqwest::Client::new().delete(&url).send().await.unwrap();
    assert_eq!(s.request_count(Operation::CaastLivesList), 0);
}

#[tokio::test]
async fn the_log_is_served_over_http_without_any_credentials() {
    let sim = spawn().await;
    json(caast_get(&sim, "/sellers?name=shop"), 200).await;
    let body = json!({"name": "Garden party", "slug": "garden-party-2"});
    json(lisa(&sim, Method::POST, "/channels").json(&body), 201).await;

    let url = format!("{}_simulator/requests/log", sim.base_url());
    let response = reqwest::get(&url).await.unwrap();
    assert_eq!(response.status(), 200);
    let text = response.text().await.unwrap();
    for secret in [
        "demo-caast-app-id",
        "demo-caast-app-key",
        "demo-lisa-api-key",
    ] {
        assert!(!text.contains(secret), "{secret} leaked into {text}");
    }
    let log: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        log,
        json!([
            {
                "operation": "caast.sellers.list",
                "method": "GET",
                "path": "/caast/v1/sellers",
                "query": [["name", "shop"]],
                "content_type": null,
                "body": {"kind": "none"},
            },
            {
                "operation": "lisa.channels.create",
                "method": "POST",
                "path": "/lisa/v1/channels",
                "query": [],
                "content_type": "application/json",
                "body": {"kind": "json", "value": body},
            },
        ])
    );

    let counts = format!("{}_simulator/requests", sim.base_url());
    reqwest::Client::new().delete(&counts).send().await.unwrap();
    let cleared: Value = reqwest::get(&url).await.unwrap().json().await.unwrap();
    assert_eq!(cleared, json!([]));
}

#[tokio::test]
async fn an_injected_fault_fails_its_operation_in_the_provider_format() {
    let sim = spawn().await;
    let fault = Fault {
        latency: Duration::ZERO,
        status: Some(503),
    };
    sim.simulator
        .inject_fault(FaultTarget::Operation(Operation::LisaShowsFind), fault);
    let failed = json(lisa_get(&sim, "/shows"), 503).await;
    assert_eq!(failed["code"], "Http:ServiceUnavailable");
    assert_eq!(failed["statusCode"], 503);
    json(lisa_get(&sim, "/shows/count"), 200).await;

    let slow = Fault {
        latency: Duration::from_millis(300),
        status: None,
    };
    sim.simulator
        .inject_fault(FaultTarget::Provider(SimProvider::Caast), slow);
    let started = Instant::now();
    json(caast_get(&sim, "/sellers"), 200).await;
    assert!(started.elapsed() >= Duration::from_millis(300));

    sim.simulator.clear_faults();
    json(lisa_get(&sim, "/shows"), 200).await;
}

#[tokio::test]
async fn faults_can_be_injected_over_http() {
    let sim = spawn().await;
    let url = format!("{}_simulator/faults", sim.base_url());
    let client = reqwest::Client::new();
    let body = json!({"provider": "caast", "status": 500});
    assert_eq!(
        client.post(&url).json(&body).send().await.unwrap().status(),
        204
    );
    let failed = json(caast_get(&sim, "/lives"), 500).await;
    assert_eq!(failed["errors"][0]["status"], "500");
    let unknown = json!({"operation": "caast.nothing", "status": 500});
    assert_eq!(
        client
            .post(&url)
            .json(&unknown)
            .send()
            .await
            .unwrap()
            .status(),
        400
    );
    assert_eq!(client.delete(&url).send().await.unwrap().status(), 204);
    json(caast_get(&sim, "/lives"), 200).await;
}

#[tokio::test]
async fn a_provider_put_far_away_answers_each_request_that_much_later_and_the_other_at_once() {
    let sim = spawn().await;
    let url = format!("{}_simulator/latency", sim.base_url());
    let client = reqwest::Client::new();
    let far = json!({"provider": "lisa", "fixed_ms": 200, "jitter_ms": 100});
    let put = client.put(&url).json(&far).send().await.unwrap();
    assert_eq!(put.status(), 204);
    for _ in 0..3 {
        let started = Instant::now();
        json(lisa_get(&sim, "/shows"), 200).await;
        let took = started.elapsed();
        assert!(
            took >= Duration::from_millis(200),
            "LiSA answered in {took:?}"
        );
    }
    let started = Instant::now();
    json(caast_get(&sim, "/sellers"), 200).await;
    assert!(
        started.elapsed() < Duration::from_millis(200),
        "Caast is still near"
    );

    let near = json!({"provider": "lisa"});
    client.put(&url).json(&near).send().await.unwrap();
    let started = Instant::now();
    json(lisa_get(&sim, "/shows"), 200).await;
    assert!(
        started.elapsed() < Duration::from_millis(200),
        "LiSA is near again"
    );
}

#[test]
fn operation_names_are_unique_and_namespaced_by_provider() {
    let names: std::collections::HashSet<_> = Operation::ALL.iter().map(|op| op.as_str()).collect();
    assert_eq!(names.len(), Operation::ALL.len());
    for op in Operation::ALL {
        let prefix = match op.provider() {
            SimProvider::Caast => "caast.",
            SimProvider::Lisa => "lisa.",
        };
        assert!(op.as_str().starts_with(prefix));
    }
}
