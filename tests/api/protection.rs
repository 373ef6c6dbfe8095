//! The gateway's limits: depth, complexity, aliases, introspection, the request timeout and
//! CORS. Each refusal has its own code, and the status GraphQL over HTTP asks for: 400 with
//! `application/graphql-response+json`, 200 with `application/json`.

use std::time::Duration;

use http::HeaderValue;
use live_commerce_gateway::config::{Config, CorsOrigins, Limits};
use live_commerce_gateway::simulator::{Fault, FaultTarget, SimProvider};
use serde_json::{Value, json};

use crate::helpers::{TestGateway, caast, error_codes, lisa};

/// The status and answer of a POST, asking for `accept`.
async fn ask(gateway: &TestGateway, query: &str, accept: &str) -> (u16, Value) {
    let response = gateway
        .http
        .post(format!("{}/graphql", gateway.url))
        .header("Accept", accept)
        .json(&json!({ "query": query }))
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

const GRAPHQL_RESPONSE: &str = "application/graphql-response+json";

async fn limited(limit: impl FnOnce(&mut Limits) + Send + 'static) -> TestGateway {
    TestGateway::builder()
        .with(move |config| limit(&mut config.limits))
        .start()
        .await
}

/// A limit a case lowers.
type LimitChange = fn(&mut Limits);

/// CORS headers for these origins only.
fn cors_for(origins: &[&'static str]) -> CorsOrigins {
    CorsOrigins::List(
        origins
            .iter()
            .copied()
            .map(HeaderValue::from_static)
            .collect(),
    )
}

#[tokio::test]
async fn documents_past_a_limit_get_their_own_code_and_the_spec_status() {
    let cases: [(&str, LimitChange, &str, &str); 4] = [
        (
            "max_depth",
            |limits: &mut Limits| limits.max_depth = 3,
            "{ liveContents { edges { node { channel { name } } } } }",
            "QUERY_TOO_DEEP",
        ),
        (
            "max_complexity",
            |limits: &mut Limits| limits.max_complexity = 10,
            "{ liveContents(first: 50) { edges { node { title } } } }",
            "QUERY_TOO_COMPLEX",
        ),
        (
            "max_aliases",
            |limits: &mut Limits| limits.max_aliases = 2,
            "{ a: liveContents(first: 1) { totalCount } b: liveContents(first: 1) { totalCount } c: __typename }",
            "TOO_MANY_ALIASES",
        ),
        (
            "introspection",
            |limits: &mut Limits| limits.introspection = false,
            "{ __schema { queryType { name } } }",
            "INTROSPECTION_DISABLED",
        ),
    ];
    for (key, limit, query, code) in cases {
        let gateway = limited(limit).await;
        let (status, answer) = ask(&gateway, query, GRAPHQL_RESPONSE).await;
        assert_eq!(
            (status, error_codes(&answer)),
            (400, vec![code.to_string()]),
            "{key}: {answer}"
        );
        assert!(
            answer.get("data").is_none(),
            "refused before execution: {answer}"
        );
        let (status, answer) = ask(&gateway, query, "application/json").await;
        assert_eq!(
            (status, error_codes(&answer)),
            (200, vec![code.to_string()]),
            "{key}"
        );
        let (status, answer) = ask(&gateway, "{ __typename }", GRAPHQL_RESPONSE).await;
        let still_serving = (status, &answer["data"]["__typename"]);
        assert_eq!(
            still_serving,
            (200, &json!("Query")),
            "{key}: still serving"
        );
    }
}

#[tokio::test]
async fn within_the_limits_documents_run() {
    let gateway = TestGateway::builder()
        .with(|config| {
            config.limits.max_aliases = 2;
            config.limits.introspection = false;
        })
        .start()
        .await;
    let query = "{ __typename a: liveContents(first: 1) { totalCount } b: liveContents(first: 1) { totalCount } }";
    let (status, answer) = ask(&gateway, query, GRAPHQL_RESPONSE).await;
    assert_eq!(status, 200, "{answer}");
    assert!(answer.get("errors").is_none(), "{answer}");
    assert_eq!(answer["data"]["__typename"], "Query");
}

#[tokio::test]
async fn provider_calls_that_would_outlast_the_request_timeout_end_in_time_for_a_partial_200() {
    let gateway = TestGateway::builder()
        .with(|config| {
            lisa(config).timeout = Duration::from_secs(1);
            caast(config).timeout = Duration::from_secs(1);
            config.limits.request_timeout = Duration::from_millis(1100);
            config.cache.max_bytes = 0;
        })
        .start()
        .await;
    // Each LiSA call answers within its own timeout; two in a row do not fit in the request's,
    // so the second is cut to what is left of it: its field fails, the rest is kept.
    let slow = Fault {
        latency: Duration::from_millis(600),
        status: None,
    };
    let simulator = gateway.simulator();
    simulator.inject_fault(FaultTarget::Provider(SimProvider::Lisa), slow);
    let query = "{ liveContents(first: 2, filter: {provider: LISA}) { edges { node { stickers { name } } } } }";
    let (status, answer) = ask(&gateway, query, GRAPHQL_RESPONSE).await;
    assert_eq!(
        (status, error_codes(&answer)),
        (200, vec!["UPSTREAM_TIMEOUT".to_string(); 2]),
        "{answer}"
    );
    let edges = answer["data"]["liveContents"]["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 2, "the shows are kept: {answer}");
    assert_eq!(
        answer["errors"][0]["path"],
        json!(["liveContents", "edges", 0, "node", "stickers"])
    );
    simulator.clear_faults();
    let (status, answer) = ask(&gateway, query, GRAPHQL_RESPONSE).await;
    assert_eq!(status, 200, "still serving: {answer}");
    assert!(answer.get("errors").is_none(), "{answer}");
}

#[test]
fn a_request_timeout_must_leave_room_for_the_provider_timeouts() {
    let env = [
        ("GATEWAY_LISA_URL", "http://127.0.0.1:9/lisa/v1"),
        ("GATEWAY_LISA_API_KEY", "k"),
        ("GATEWAY_LISA_TIMEOUT", "5s"),
        ("GATEWAY_REQUEST_TIMEOUT", "5s"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let error = Config::load(env).unwrap_err().to_string();
    assert!(
        error.contains("GATEWAY_REQUEST_TIMEOUT") && error.contains("GATEWAY_LISA_TIMEOUT"),
        "{error}"
    );
}

#[tokio::test]
async fn cors_headers_go_to_configured_origins_only() {
    let preflight = |gateway: &TestGateway, origin: &'static str| {
        gateway
            .http
            .request(reqwest::Method::OPTIONS, format!("{}/graphql", gateway.url))
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header(
                "Access-Control-Request-Headers",
                "content-type, authorization",
            )
            .send()
    };
    let allowed = |response: &reqwest::Response| {
        response
            .headers()
            .get("access-control-allow-origin")
            .map(|v| v.to_str().unwrap().to_string())
    };
    let gateway = limited(|limits| {
        limits.cors = cors_for(&["https://shop.example", "https://admin.example"]);
    })
    .await;
    let response = preflight(&gateway, "https://shop.example").await.unwrap();
    assert_eq!(allowed(&response).as_deref(), Some("https://shop.example"));
    let response = preflight(&gateway, "https://elsewhere.example")
        .await
        .unwrap();
    assert_eq!(allowed(&response), None);

    let gateway = TestGateway::builder().start().await;
    let response = preflight(&gateway, "https://shop.example").await.unwrap();
    assert_eq!(allowed(&response), None, "no origins configured: no CORS");
}

/// The headers real clients add: Apollo's (uploads, client awareness), a tracer's.
const CLIENT_HEADERS: [&str; 6] = [
    "apollo-require-preflight",
    "x-apollo-operation-name",
    "apollographql-client-name",
    "apollographql-client-version",
    "traceparent",
    "content-type",
];

#[tokio::test]
async fn a_preflight_from_an_allowed_origin_may_send_the_headers_clients_add() {
    let gateway = limited(|limits| limits.cors = cors_for(&["https://shop.example"])).await;
    let response = gateway
        .http
        .request(reqwest::Method::OPTIONS, format!("{}/graphql", gateway.url))
        .header("Origin", "https://shop.example")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", CLIENT_HEADERS.join(","))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    let header = |name: &str| {
        response
            .headers()
            .get_all(name)
            .iter()
            .map(|v| v.to_str().unwrap().to_ascii_lowercase())
            .collect::<Vec<_>>()
            .join(",")
    };
    let allowed = header("access-control-allow-headers");
    let allowed: Vec<&str> = allowed.split(',').map(str::trim).collect();
    for wanted in CLIENT_HEADERS {
        assert!(allowed.contains(&wanted), "{wanted} in {allowed:?}");
    }
    let vary = header("vary");
    assert!(vary.contains("access-control-request-headers"), "{vary}");
    assert!(vary.contains("origin"), "{vary}");
    assert_eq!(header("access-control-allow-credentials"), "");
}

/// `fragment F1 on Query { ...F0 ...F0 }` … `query { ...F<levels> }`: about 40 bytes a level,
/// 2^levels fields once expanded.
pub fn fragment_bomb(levels: u32) -> String {
    let mut document = format!("query {{ ...F{levels} }}\nfragment F0 on Query {{ __typename }}\n");
    for level in 1..=levels {
        let below = level - 1;
        document.push_str(&format!(
            "fragment F{level} on Query {{ ...F{below} ...F{below} }}\n"
        ));
    }
    document
}

#[tokio::test]
async fn a_fragment_bomb_is_refused_at_once_and_the_gateway_keeps_serving() {
    let gateway = TestGateway::builder().start().await;
    let bomb = fragment_bomb(30);
    assert!(bomb.len() < 1300, "a small document: {} bytes", bomb.len());

    // Several at once, on both transports' media types, while liveness and a plain query are
    // asked: neither waits for the bombs.
    let bombs = futures::future::join_all(
        [GRAPHQL_RESPONSE, "application/json", GRAPHQL_RESPONSE]
            .map(|accept| ask(&gateway, &bomb, accept)),
    );
    let healthz = gateway.get("/healthz");
    let plain = ask(&gateway, "{ __typename }", GRAPHQL_RESPONSE);
    let (bombs, healthz, plain) = tokio::join!(bombs, healthz, plain);
    for (status, answer) in bombs {
        assert_eq!(error_codes(&answer), ["QUERY_TOO_COMPLEX"], "{answer}");
        assert!(matches!(status, 200 | 400), "{status}");
        assert!(answer.get("data").is_none(), "never executed: {answer}");
    }
    assert_eq!(healthz.status(), 200);
    assert_eq!(plain, (200, json!({"data": {"__typename": "Query"}})));

    // The refusal costs the document's length, not its expansion: the bound is 50 ms
    // (the best of three, so that a busy machine's one slow moment is not taken for the cost).
    let mut fastest = Duration::MAX;
    for _ in 0..3 {
        let started = std::time::Instant::now();
        let (_, answer) = ask(&gateway, &bomb, GRAPHQL_RESPONSE).await;
        fastest = fastest.min(started.elapsed());
        assert_eq!(error_codes(&answer), ["QUERY_TOO_COMPLEX"], "{answer}");
    }
    assert!(
        fastest < Duration::from_millis(50),
        "refused in {fastest:?}"
    );
}

#[tokio::test]
async fn the_field_bound_counts_fragments_as_executed_and_lets_the_rest_run() {
    let gateway = limited(|limits| limits.max_complexity = 40).await;
    // 32 fields once expanded: runs.
    let (status, answer) = ask(&gateway, &fragment_bomb(5), GRAPHQL_RESPONSE).await;
    assert_eq!(
        (status, &answer["data"]["__typename"]),
        (200, &json!("Query")),
        "{answer}"
    );
    // 64: refused, with the count in the message.
    let (status, answer) = ask(&gateway, &fragment_bomb(6), GRAPHQL_RESPONSE).await;
    assert_eq!(
        (status, error_codes(&answer)),
        (400, vec!["QUERY_TOO_COMPLEX".to_string()])
    );
    let message = answer["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("64 fields"), "{message}");
}
