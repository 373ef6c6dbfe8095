use serde_json::{Value, json};

use crate::helpers::{TestGateway, lisa};

#[tokio::test]
async fn a_query_over_get_answers_and_a_mutation_over_get_is_405() {
    let gateway = TestGateway::builder().start().await;
    let response = gateway
        .get("/graphql?query=%7BliveContents(first%3A2)%7Bedges%7Bnode%7Bid%7D%7D%7D%7D")
        .await;
    assert_eq!(response.status(), 200);
    let answer: Value = response.json().await.unwrap();
    assert_eq!(
        answer["data"]["liveContents"]["edges"]
            .as_array()
            .unwrap()
            .len(),
        2
    );

    let response = gateway.get("/graphql?query=mutation%7B__typename%7D").await;
    assert_eq!(response.status(), 405);
    assert_eq!(response.headers()["allow"], "POST");
}

#[tokio::test]
async fn request_errors_follow_the_graphql_over_http_statuses() {
    let gateway = TestGateway::builder().start().await;
    let url = format!("{}/graphql", gateway.url);
    let spec = "application/graphql-response+json";

    let parse = gateway
        .http
        .post(&url)
        .header("accept", spec)
        .json(&json!({ "query": "{ liveContents(" }))
        .send()
        .await
        .unwrap();
    assert_eq!(parse.status(), 400);
    assert!(
        parse.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with(spec)
    );
    let body: Value = parse.json().await.unwrap();
    assert!(
        body.get("data").is_none(),
        "a request error has no data entry"
    );
    assert_eq!(
        body["errors"][0]["extensions"]["code"],
        "GRAPHQL_PARSE_FAILED"
    );

    let invalid = gateway
        .http
        .post(&url)
        .header("accept", spec)
        .json(&json!({ "query": "{ noSuchField }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(invalid.status(), 400);
    let body: Value = invalid.json().await.unwrap();
    assert_eq!(
        body["errors"][0]["extensions"]["code"],
        "GRAPHQL_VALIDATION_FAILED"
    );

    let legacy = gateway
        .http
        .post(&url)
        .header("accept", "application/json")
        .json(&json!({ "query": "{ noSuchField }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(
        legacy.status(),
        200,
        "application/json clients get 200 for request errors"
    );

    let not_json = gateway
        .http
        .post(&url)
        .header("content-type", "text/plain")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(not_json.status(), 415);

    let broken = gateway
        .http
        .post(&url)
        .header("content-type", "application/json")
        .body("{\"query\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(broken.status(), 400);
    let body: Value = broken.json().await.unwrap();
    assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_REQUEST");

    let no_query = gateway
        .http
        .post(&url)
        .json(&json!({ "variables": {} }))
        .send()
        .await
        .unwrap();
    assert_eq!(
        no_query.status(),
        400,
        "a body without `query` is not a GraphQL request"
    );

    let null_variables = gateway
        .http
        .post(&url)
        .json(&json!({ "query": "{ __typename }", "variables": null }))
        .send()
        .await
        .unwrap();
    assert_eq!(null_variables.status(), 200);
    assert_eq!(
        null_variables.json::<Value>().await.unwrap()["data"]["__typename"],
        "Query"
    );

    let unacceptable = gateway
        .http
        .post(&url)
        .header("accept", "text/csv")
        .json(&json!({ "query": "{ __typename }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(unacceptable.status(), 406);
}

#[tokio::test]
async fn healthz_is_alive_and_readyz_reflects_the_providers() {
    let gateway = TestGateway::builder().start().await;
    assert_eq!(gateway.get("/healthz").await.status(), 200);
    let ready = gateway.get("/readyz").await;
    assert_eq!(ready.status(), 200);
    let body: Value = ready.json().await.unwrap();
    assert_eq!(
        body["providers"],
        json!({ "caast": "ready", "lisa": "ready" })
    );

    let down = crate::helpers::closed_port_url("/lisa/v1").await;
    let gateway = TestGateway::builder()
        .with(move |config| lisa(config).url = down.parse().unwrap())
        .start()
        .await;
    let ready = gateway.get("/readyz").await;
    assert_eq!(ready.status(), 503);
    let body: Value = ready.json().await.unwrap();
    assert_eq!(body["providers"]["lisa"], "unreachable");
}

#[tokio::test]
async fn a_document_asking_for_too_much_is_refused_before_any_provider_call() {
    let gateway = TestGateway::builder().start().await;
    let aliases: String = (0..300)
        .map(|i| format!("a{i}: liveContents(first: 100) {{ edges {{ node {{ id title }} }} }} "))
        .collect();
    gateway.simulator().reset_request_counts();
    let answer = gateway.query(&format!("{{ {aliases} }}"), json!({})).await;
    // 300 aliases: refused by the alias limit (each list alone is also far past the complexity
    // bound; `protection.rs` checks that refusal on its own).
    assert_eq!(
        answer["errors"][0]["extensions"]["code"], "TOO_MANY_ALIASES",
        "{answer}"
    );
    assert!(
        gateway
            .simulator()
            .request_counts()
            .values()
            .all(|n| *n == 0),
        "no provider was called"
    );
}

#[tokio::test]
async fn readyz_turns_unready_when_a_provider_fails_and_ready_when_it_is_back() {
    use live_commerce_gateway::simulator::{Fault, FaultTarget, SimProvider};
    let gateway = TestGateway::builder().start().await;
    assert_eq!(gateway.get("/readyz").await.status(), 200);
    let fault = Fault {
        latency: std::time::Duration::ZERO,
        status: Some(503),
    };
    gateway
        .simulator()
        .inject_fault(FaultTarget::Provider(SimProvider::Caast), fault);
    gateway
        .query("{ liveContents(first: 5) { edges { cursor } } }", json!({}))
        .await;
    let ready = gateway.get("/readyz").await;
    assert_eq!(
        ready.status(),
        503,
        "a provider that just failed is not ready"
    );
    assert_eq!(
        ready.json::<Value>().await.unwrap()["providers"]["caast"],
        "unreachable"
    );
    gateway.simulator().clear_faults();
    assert_eq!(
        gateway.get("/readyz").await.status(),
        200,
        "the probe sees it back"
    );
}

#[tokio::test]
async fn a_json_body_over_one_mebibyte_is_413() {
    let gateway = TestGateway::builder().start().await;
    let padding = "x".repeat(1024 * 1024 + 1);
    let response = gateway
        .post(&json!({ "query": "{ __typename }", "extensions": { "padding": padding } }))
        .await;
    assert_eq!(response.status(), 413);
    let answer: Value = response.json().await.unwrap();
    assert_eq!(answer["errors"][0]["extensions"]["code"], "BAD_REQUEST");
    let still = gateway.query("{ __typename }", json!({})).await;
    assert_eq!(still["data"]["__typename"], "Query", "still serving");
}

/// A body past the route's bound is refused before it is read to its end, so the `413` closes
/// its connection, and the client's next request, on a new one, is answered.
#[tokio::test]
async fn a_body_past_16_mebibytes_closes_its_connection_and_the_next_request_is_answered() {
    let gateway = TestGateway::builder().start().await;
    let padding = "x".repeat(17 * 1024 * 1024);
    for _ in 0..3 {
        let response = gateway
            .post(&json!({ "query": "{ __typename }", "extensions": { "padding": padding } }))
            .await;
        assert_eq!(response.status(), 413);
        assert_eq!(response.headers()["connection"], "close");
        let still = gateway.query("{ __typename }", json!({})).await;
        assert_eq!(still["data"]["__typename"], "Query", "still serving");
    }
}

#[tokio::test]
async fn response_fields_come_back_in_the_order_they_were_asked_for() {
    use live_commerce_gateway::simulator::{Fault, FaultTarget, Operation};
    let gateway = TestGateway::builder().start().await;
    // The first field asked for finishes last: its place in the answer must not follow suit.
    let slow = Fault {
        latency: std::time::Duration::from_millis(300),
        status: None,
    };
    gateway
        .simulator()
        .inject_fault(FaultTarget::Operation(Operation::CaastSellersList), slow);
    let query = "{ z: sellers(first: 1) { totalCount } products(first: 1) { totalCount edges { node { price name ref } } } a: videos(first: 1) { totalCount } liveContents(first: 1) { pageInfo { hasNextPage } totalCount } }";
    let response = gateway.post(&json!({ "query": query })).await;
    let text = response.text().await.unwrap();
    let position = |key: &str| {
        text.find(&format!("\"{key}\""))
            .unwrap_or_else(|| panic!("{key} in {text}"))
    };
    let order = [
        "z",
        "products",
        "price",
        "name",
        "ref",
        "a",
        "liveContents",
        "pageInfo",
    ];
    let positions: Vec<usize> = order.iter().map(|k| position(k)).collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "keys in selection order: {text}"
    );
    assert!(
        text.contains(r#""pageInfo":{"hasNextPage":true},"totalCount":"#),
        "{text}"
    );
}

#[tokio::test]
async fn the_healthcheck_command_succeeds_against_a_live_gateway_only() {
    let gateway = TestGateway::builder().start().await;
    let run = |listen: String| {
        std::process::Command::new(env!("CARGO_BIN_EXE_live-commerce-gateway"))
            .arg("healthcheck")
            .env("GATEWAY_LISTEN", listen)
            .output()
            .unwrap()
    };
    let live = gateway.url.trim_start_matches("http://").to_string();
    let answered = tokio::task::spawn_blocking(move || run(live))
        .await
        .unwrap();
    assert!(answered.status.success(), "{answered:?}");
    let closed = crate::helpers::closed_port_url("").await;
    let closed = closed.trim_start_matches("http://").to_string();
    let refused = tokio::task::spawn_blocking(move || run(closed))
        .await
        .unwrap();
    assert!(!refused.status.success(), "nothing listens there");
}
