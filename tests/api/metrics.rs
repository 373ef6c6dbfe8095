//! `GET /metrics`: Prometheus text that a Prometheus parser reads, whose counters move as the
//! gateway works: HTTP requests, GraphQL operations, provider calls, the cache, webhooks, and
//! open subscriptions and connections.

use prometheus_parse::{Scrape, Value as Sample};
use serde_json::{Value, json};

use crate::helpers::{TestGateway, WEBHOOK_TOKEN};
use crate::subscriptions::{STATE_CHANGED, contents};
use crate::ws_client::{WsClient, open_subscriptions};

async fn scrape(gateway: &TestGateway) -> Scrape {
    let response = gateway
        .http
        .get(format!("{}/metrics", gateway.url))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let media = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(media.starts_with("application/openmetrics-text"), "{media}");
    let text = response.text().await.unwrap();
    assert_eq!(
        text.lines().last(),
        Some("# EOF"),
        "OpenMetrics ends with # EOF"
    );
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let value = line.rsplit(' ').next().unwrap();
        assert!(value.parse::<f64>().is_ok(), "a sample line: {line}");
    }
    Scrape::parse(text.lines().map(|l| Ok(l.to_string()))).expect("Prometheus text")
}

/// The value of the sample `name` whose labels include all of `labels` (0 when absent).
fn value(scrape: &Scrape, name: &str, labels: &[(&str, &str)]) -> f64 {
    scrape
        .samples
        .iter()
        .filter(|s| s.metric == name)
        .filter(|s| labels.iter().all(|(k, v)| s.labels.get(k) == Some(*v)))
        .map(|s| match &s.value {
            Sample::Counter(v) | Sample::Gauge(v) | Sample::Untyped(v) => *v,
            _ => 0.0,
        })
        .sum()
}

async fn webhook(gateway: &TestGateway, token: &str, id: &str, show: &str) -> u16 {
    let body = json!({ "id": id, "eventType": "Show:start", "data": { "id": show } });
    let authorization = format!("Bearer {token}");
    let response = gateway
        .post_internal(
            "/internal/webhooks/lisa",
            Some(&authorization),
            body.to_string().into_bytes(),
        )
        .await;
    response.status().as_u16()
}

#[tokio::test]
async fn metrics_parse_as_prometheus_text_and_move_as_the_gateway_works() {
    let gateway = TestGateway::builder().receiving_webhooks().start().await;
    let before = scrape(&gateway).await;
    let show = contents(&gateway, "LISA", "SCHEDULED").await[0].clone();

    let answer: Value = gateway
        .query("query TwoShows { liveContents(first: 2, filter: {provider: LISA}) { edges { node { title } } } }", json!({}))
        .await;
    assert!(answer.get("errors").is_none(), "{answer}");
    assert_eq!(
        webhook(
            &gateway,
            WEBHOOK_TOKEN,
            "6b0c1f6e-5555-4a4a-9c9c-000000000001",
            &show.provider_id
        )
        .await,
        204
    );
    assert_eq!(
        webhook(
            &gateway,
            WEBHOOK_TOKEN,
            "6b0c1f6e-5555-4a4a-9c9c-000000000001",
            &show.provider_id
        )
        .await,
        204
    );
    assert_eq!(
        webhook(
            &gateway,
            "wrong",
            "6b0c1f6e-5555-4a4a-9c9c-000000000002",
            &show.provider_id
        )
        .await,
        401
    );
    let mut client = WsClient::ready(&gateway, json!({})).await;
    client.subscribe("1", STATE_CHANGED, json!({})).await;
    open_subscriptions(&gateway, 1, "the subscription opens").await;

    let after = scrape(&gateway).await;
    let moved = |name: &str, labels: &[(&str, &str)]| {
        value(&after, name, labels) - value(&before, name, labels)
    };
    let operation = [
        ("operation", "TwoShows"),
        ("kind", "query"),
        ("outcome", "ok"),
    ];
    assert_eq!(moved("gateway_graphql_operations_total", &operation), 1.0);
    assert!(
        moved(
            "gateway_graphql_operation_duration_seconds_count",
            &[("kind", "query")]
        ) >= 1.0
    );
    let graphql = [("route", "/graphql"), ("method", "POST"), ("status", "200")];
    assert!(
        moved("gateway_http_requests_total", &graphql) >= 2.0,
        "two queries so far"
    );
    let shows = [
        ("provider", "lisa"),
        ("operation", "shows.find"),
        ("status", "2xx"),
    ];
    assert!(moved("gateway_provider_requests_total", &shows) >= 1.0);
    assert!(
        moved(
            "gateway_provider_request_duration_seconds_count",
            &[("provider", "lisa")]
        ) >= 1.0
    );
    assert!(moved("gateway_cache_misses_total", &[]) >= 1.0);
    assert!(
        moved("gateway_cache_invalidations_total", &[]) >= 1.0,
        "the webhook dropped entries"
    );
    assert!(value(&after, "gateway_cache_weight_bytes", &[]) > 0.0);
    let webhooks = |kind, outcome| {
        moved(
            "gateway_webhook_events_total",
            &[("kind", kind), ("outcome", outcome)],
        )
    };
    assert_eq!(webhooks("show_start", "processed"), 1.0);
    assert_eq!(webhooks("show_start", "duplicate"), 1.0);
    assert_eq!(webhooks("other", "unauthorized"), 1.0);
    assert_eq!(value(&after, "gateway_subscriptions_open", &[]), 1.0);
    assert_eq!(value(&after, "gateway_stream_connections", &[]), 1.0);

    drop(client);
    open_subscriptions(&gateway, 0, "the client went").await;
    let last = scrape(&gateway).await;
    assert_eq!(value(&last, "gateway_subscriptions_open", &[]), 0.0);
}
