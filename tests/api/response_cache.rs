//! The response cache in front of execution: a repeated query is written from memory; a
//! webhook drops exactly the answers built from what it changed; errors, secrets and other
//! callers' answers are never served from it; identical misses execute once.

use std::time::Duration;

use live_commerce_gateway::cache::ResponseCounts;
use live_commerce_gateway::simulator::{Fault, FaultTarget, SimProvider};
use serde_json::{Value, json};

use crate::helpers::{OPERATOR_TOKEN, TestGateway};

const SHOWS: &str = "{ liveContents(first: 5, filter: {provider: LISA}) { edges { node { id title stickers { name } channel { name } } } } }";

/// One answer: its `x-cache`, `cache-control` and body.
struct Answered {
    x_cache: Option<String>,
    cache_control: String,
    body: Value,
}

async fn ask(
    gateway: &TestGateway,
    query: &str,
    variables: Value,
    token: Option<&str>,
) -> Answered {
    let mut request = gateway
        .http
        .post(format!("{}/graphql", gateway.url))
        .json(&json!({ "query": query, "variables": variables }));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("the gateway answers");
    assert_eq!(response.status(), 200);
    let header = |name: &str| {
        let value = response.headers().get(name);
        value.map(|v| v.to_str().unwrap().to_string())
    };
    Answered {
        x_cache: header("x-cache"),
        cache_control: header("cache-control").unwrap_or_default(),
        body: response.json().await.expect("JSON"),
    }
}

async fn anonymous(gateway: &TestGateway, query: &str, variables: Value) -> Answered {
    ask(gateway, query, variables, None).await
}

fn counts(gateway: &TestGateway) -> ResponseCounts {
    gateway.cache.responses().expect("on by default").counts()
}

#[tokio::test]
async fn a_repeated_query_is_answered_without_execution_or_provider_calls() {
    let gateway = TestGateway::builder().start().await;
    let first = anonymous(&gateway, SHOWS, json!({})).await;
    assert_eq!(first.x_cache.as_deref(), Some("MISS"));
    assert!(first.body.get("errors").is_none(), "{}", first.body);
    gateway.simulator().reset_request_counts();
    let provider_cache_reads = gateway.cache.counts();

    let reformatted = format!(
        "# the same query\n{}\n",
        SHOWS.replace(' ', "\n  ").replace("5,", "5 ,")
    );
    let again = anonymous(&gateway, &reformatted, json!({})).await;
    assert_eq!(again.x_cache.as_deref(), Some("HIT"));
    assert_eq!(again.body, first.body);
    assert!(
        again.cache_control.starts_with("public, max-age="),
        "{}",
        again.cache_control
    );
    gateway.assert_no_provider_request("a hit calls no provider");
    assert_eq!(
        gateway.cache.counts(),
        provider_cache_reads,
        "a hit reads nothing: nothing was executed"
    );
    let counts = counts(&gateway);
    assert_eq!((counts.hits, counts.misses, counts.stored), (1, 1, 1));
    let metrics = gateway.get("/metrics").await.text().await.unwrap();
    assert!(
        metrics.contains("gateway_response_cache_hits_total 1\n"),
        "{metrics}"
    );
}

#[tokio::test]
async fn a_show_update_recomputes_every_answer_that_showed_it_and_no_other() {
    let gateway = TestGateway::builder().receiving_webhooks().start().await;
    let list = "{ liveContents(first: 2, filter: {provider: LISA}) { edges { node { id providerId title } } } }";
    let shows = anonymous(&gateway, list, json!({})).await.body;
    let show = |i: usize| shows["data"]["liveContents"]["edges"][i]["node"].clone();
    let (updated, other) = (show(0), show(1));
    let by_id = "query($id: ID!) { liveContent(id: $id) { id title } }";
    let sellers = "{ sellers(first: 3) { edges { node { name } } } }";
    let cached: [(&str, &str, Value); 4] = [
        ("the list", list, json!({})),
        ("the updated show", by_id, json!({ "id": updated["id"] })),
        ("another show", by_id, json!({ "id": other["id"] })),
        ("Caast sellers", sellers, json!({})),
    ];
    for (name, query, variables) in &cached {
        let answer = anonymous(&gateway, query, variables.clone()).await;
        assert!(
            answer.body.get("errors").is_none(),
            "{name}: {}",
            answer.body
        );
        let hit = anonymous(&gateway, query, variables.clone()).await;
        assert_eq!(hit.x_cache.as_deref(), Some("HIT"), "{name} is kept");
    }

    let show_id = updated["providerId"].as_str().unwrap();
    let simulator = gateway.simulator();
    simulator.retitle_show(show_id, "Retitled").await.unwrap();
    let deliveries = simulator.webhook_deliveries();
    assert_eq!(
        deliveries.last().and_then(|d| d.status),
        Some(204),
        "{deliveries:?}"
    );

    let expected = [
        ("MISS", true),
        ("MISS", true),
        ("HIT", false),
        ("HIT", false),
    ];
    for ((name, query, variables), (x_cache, shows_new_title)) in cached.iter().zip(expected) {
        let answer = anonymous(&gateway, query, variables.clone()).await;
        assert_eq!(answer.x_cache.as_deref(), Some(x_cache), "{name}");
        let text = answer.body.to_string();
        assert_eq!(text.contains("Retitled"), shows_new_title, "{name}: {text}");
    }
}

#[tokio::test]
async fn an_answer_with_errors_is_never_stored() {
    let gateway = TestGateway::builder().start().await;
    let fault = Fault {
        latency: Duration::ZERO,
        status: Some(400),
    };
    let simulator = gateway.simulator();
    simulator.inject_fault(FaultTarget::Provider(SimProvider::Lisa), fault);
    for _ in 0..2 {
        let failed = anonymous(&gateway, SHOWS, json!({})).await;
        assert!(failed.body.get("errors").is_some(), "{}", failed.body);
        assert_eq!(failed.x_cache.as_deref(), Some("MISS"));
        assert_eq!(failed.cache_control, "no-store");
    }
    assert_eq!(
        (counts(&gateway).stored, counts(&gateway).not_stored),
        (0, 2)
    );

    simulator.clear_faults();
    let recovered = anonymous(&gateway, SHOWS, json!({})).await;
    assert!(recovered.body.get("errors").is_none(), "{}", recovered.body);
    assert_eq!(recovered.x_cache.as_deref(), Some("MISS"));
    let kept = anonymous(&gateway, SHOWS, json!({})).await;
    assert_eq!(kept.x_cache.as_deref(), Some("HIT"));
}

#[tokio::test]
async fn operators_and_anonymous_callers_never_share_an_entry_and_secrets_are_never_kept() {
    let gateway = TestGateway::builder().start().await;
    let operator = Some(OPERATOR_TOKEN);
    let sequence = [
        (None, "MISS"),
        (operator, "MISS"),
        (None, "HIT"),
        (operator, "HIT"),
    ];
    for (token, x_cache) in sequence {
        let answer = ask(&gateway, SHOWS, json!({}), token).await;
        assert_eq!(answer.x_cache.as_deref(), Some(x_cache), "token {token:?}");
    }

    let secrets = "{ liveContents(first: 2, filter: {provider: CAAST}) { edges { node { title streamCredentials { streamKey } } } } }";
    for _ in 0..2 {
        let answer = ask(&gateway, secrets, json!({}), operator).await;
        assert!(answer.body.get("errors").is_none(), "{}", answer.body);
        assert!(answer.body.to_string().contains("streamKey"));
        assert_eq!(
            answer.x_cache.as_deref(),
            Some("MISS"),
            "a secret is never kept"
        );
        assert_eq!(answer.cache_control, "no-store");
        let refused = anonymous(&gateway, secrets, json!({})).await;
        assert_eq!(
            refused.x_cache.as_deref(),
            Some("MISS"),
            "nor is an answer with errors"
        );
    }
}

#[tokio::test]
async fn identical_misses_under_way_together_execute_once() {
    let gateway = TestGateway::builder().start().await;
    let fault = Fault {
        latency: Duration::from_secs(1),
        status: None,
    };
    let simulator = gateway.simulator();
    simulator.inject_fault(FaultTarget::Provider(SimProvider::Lisa), fault);
    simulator.reset_request_counts();
    let query = "{ liveContents(first: 3, filter: {provider: LISA}) { edges { node { title } } } }";
    let answers =
        futures::future::join_all((0..6).map(|_| anonymous(&gateway, query, json!({})))).await;
    assert!(
        answers
            .iter()
            .all(|a| a.body == answers[0].body && a.body.get("errors").is_none())
    );
    let counts = counts(&gateway);
    assert_eq!((counts.misses, counts.coalesced), (1, 5), "{counts:?}");
    assert_eq!(
        gateway.cache.counts().misses,
        1,
        "one execution read the provider cache once"
    );
    assert_eq!(gateway.provider_requests(), 1);
}

#[tokio::test]
async fn over_get_the_kept_answer_carries_its_etag_and_a_match_is_a_304() {
    let gateway = TestGateway::builder().start().await;
    let path = format!("/graphql?query={}", url_encoded(SHOWS));
    let first = gateway.get(&path).await;
    assert_eq!(first.headers()["x-cache"], "MISS");
    let etag = first.headers()["etag"].clone();
    let body = first.bytes().await.unwrap();
    let response = gateway
        .http
        .get(format!("{}{path}", gateway.url))
        .header("if-none-match", etag.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 304);
    assert_eq!(response.headers()["x-cache"], "HIT");
    assert_eq!(response.headers()["etag"], etag);
    let again = gateway.get(&path).await;
    assert_eq!(again.headers()["etag"], etag);
    assert_eq!(again.bytes().await.unwrap(), body);
}

#[tokio::test]
async fn switched_off_every_query_executes() {
    let gateway = TestGateway::builder()
        .with(|config| config.cache.response_max_bytes = 0)
        .start()
        .await;
    assert!(gateway.cache.responses().is_none());
    for _ in 0..2 {
        let answer = anonymous(&gateway, SHOWS, json!({})).await;
        assert_eq!(answer.x_cache, None);
    }
    assert!(
        gateway.cache.counts().hits > 0,
        "the second query executed, from the provider cache"
    );
}

fn url_encoded(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}
