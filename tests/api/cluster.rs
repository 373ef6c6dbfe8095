//! Replicas sharing Redis behave as one gateway: a webhook sent to one replica invalidates every
//! replica before its 204, its event reaches every replica's subscribers once, a webhook id is
//! processed once whichever replicas it reaches, and a replica that loses Redis says it is not
//! ready until it hears again.
//!
//! They need Redis: the one on 127.0.0.1:6379 (or `GATEWAY_TEST_REDIS_URL`), each test under a
//! prefix of its own, and for the connection-loss test a `redis-server` of its own. Without
//! Redis they are skipped, except under CI (`CI=true`), where that is a failure.

use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use live_commerce_gateway::config::{Config, RedisConfig};
use secrecy::SecretString;
use serde_json::{Value, json};

use crate::helpers::{TestGateway, WEBHOOK_TOKEN, a_lisa_show};
use crate::ws_client::WsClient;

fn redis_url() -> Option<String> {
    let url = std::env::var("GATEWAY_TEST_REDIS_URL")
        .unwrap_or_else(|_| "redis://127.0.0.1:6379/".to_string());
    let address = url.trim_start_matches("redis://").trim_end_matches('/');
    if std::net::TcpStream::connect(address).is_ok() {
        return Some(url);
    }
    assert!(
        std::env::var("CI").is_err(),
        "CI must have Redis at {address}"
    );
    eprintln!("skipped: no Redis at {address}");
    None
}

/// A replica sharing Redis at `url` under `prefix`, accepting LiSA's webhooks.
fn clustered(url: &str, prefix: &str) -> impl FnOnce(&mut Config) + Send + use<> {
    let (url, prefix) = (url.to_string(), prefix.to_string());
    move |config: &mut Config| {
        let url = SecretString::from(url);
        config.redis = Some(RedisConfig { url, prefix });
        config.lisa_webhook.bearer = Some(SecretString::from(WEBHOOK_TOKEN));
    }
}

/// Two replicas of one gateway sharing `url`, under a prefix of their own.
async fn two_replicas(url: &str) -> (TestGateway, TestGateway) {
    let prefix = format!("test-{}", uuid::Uuid::new_v4());
    let a = TestGateway::builder()
        .with(clustered(url, &prefix))
        .start()
        .await;
    let b = TestGateway::builder()
        .replica_of(&a)
        .with(clustered(url, &prefix))
        .start()
        .await;
    (a, b)
}

/// The `n`th event's id (LiSA's are UUIDs).
fn event_id(n: u8) -> String {
    format!("6b0c1f6e-3333-4a4a-9c9c-0000000000{n:02}")
}

async fn webhook(gateway: &TestGateway, id: &str, event_type: &str, show: &str) -> u16 {
    let body = json!({ "id": id, "client": "c", "eventType": event_type,
                       "eventDate": "2026-11-23T10:00:00Z", "data": { "id": show } });
    let response = gateway
        .post_internal(
            "/internal/webhooks/lisa",
            Some(&format!("Bearer {WEBHOOK_TOKEN}")),
            body.to_string(),
        )
        .await;
    response.status().as_u16()
}

async fn title(gateway: &TestGateway, id: &str) -> Value {
    let query = "query($id: ID!) { liveContent(id: $id) { title } }";
    let answer = gateway.query(query, json!({ "id": id })).await;
    answer["data"]["liveContent"]["title"].clone()
}

#[tokio::test]
async fn a_webhook_to_one_replica_makes_the_next_read_on_another_fresh() {
    let Some(url) = redis_url() else { return };
    let (a, b) = two_replicas(&url).await;
    let (id, show) = a_lisa_show(&a).await;
    let before = title(&b, &id).await;
    assert_eq!(title(&b, &id).await, before, "B keeps the show");

    // The simulator has no webhook target here: the change is silent until the test tells A.
    a.simulator()
        .retitle_show(&show, "Told to A")
        .await
        .unwrap();
    assert_eq!(
        title(&b, &id).await,
        before,
        "B still answers from its caches"
    );
    assert_eq!(webhook(&a, &event_id(1), "Show:update", &show).await, 204);
    assert_eq!(
        title(&b, &id).await,
        "Told to A",
        "B's first read after A's 204"
    );
}

#[tokio::test]
async fn a_subscriber_on_one_replica_hears_a_webhook_sent_to_another_once() {
    let Some(url) = redis_url() else { return };
    let (a, b) = two_replicas(&url).await;
    let (id, show) = a_lisa_show(&a).await;
    let subscription =
        "subscription($ids: [ID!]) { liveContentStateChanged(ids: $ids) { state source } }";
    let mut on_a = WsClient::ready(&a, json!({})).await;
    let mut on_b = WsClient::ready(&b, json!({})).await;
    for client in [&mut on_a, &mut on_b] {
        client
            .subscribe("s", subscription, json!({ "ids": [id] }))
            .await;
    }
    crate::ws_client::open_subscriptions(&a, 1, "A's subscription").await;
    crate::ws_client::open_subscriptions(&b, 1, "B's subscription").await;

    assert_eq!(webhook(&a, &event_id(2), "Show:start", &show).await, 204);
    // The same start again, as another event, on the other replica: nothing new.
    assert_eq!(webhook(&b, &event_id(3), "Show:start", &show).await, 204);
    assert_eq!(webhook(&b, &event_id(4), "Show:stop", &show).await, 204);
    for (name, client) in [("A", &mut on_a), ("B", &mut on_b)] {
        let states: Vec<Value> = [client.next_event().await, client.next_event().await]
            .iter()
            .map(|event| event["payload"]["data"]["liveContentStateChanged"]["state"].clone())
            .collect();
        assert_eq!(states, ["LIVE", "ENDED"], "{name} hears each change once");
    }
}

#[tokio::test]
async fn one_webhook_id_sent_to_two_replicas_is_processed_once() {
    let Some(url) = redis_url() else { return };
    let (a, b) = two_replicas(&url).await;
    let (_, show) = a_lisa_show(&a).await;
    assert_eq!(webhook(&a, &event_id(5), "Show:update", &show).await, 204);
    assert_eq!(webhook(&b, &event_id(5), "Show:update", &show).await, 204);
    let outcome = |text: &str, outcome: &str| {
        text.lines().any(|line| {
            line.starts_with("gateway_webhook_events_total")
                && line.contains(&format!("outcome=\"{outcome}\""))
                && line.ends_with(" 1")
        })
    };
    let on_a = a.get("/metrics").await.text().await.unwrap();
    let on_b = b.get("/metrics").await.text().await.unwrap();
    assert!(outcome(&on_a, "processed"), "{on_a}");
    assert!(
        outcome(&on_b, "duplicate") && !outcome(&on_b, "processed"),
        "{on_b}"
    );
}

/// A `redis-server` of this test's own, on a free port.
struct OwnRedis {
    port: u16,
    process: Child,
}

impl OwnRedis {
    fn start(port: u16) -> Option<Self> {
        let process = Command::new("redis-server")
            .args([
                "--port",
                &port.to_string(),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ])
            .stdout(Stdio::null())
            .spawn()
            .ok()?;
        let own = Self { port, process };
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            std::thread::yield_now();
        }
        Some(own)
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.port)
    }
}

impl Drop for OwnRedis {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

async fn readyz(gateway: &TestGateway) -> (u16, Value) {
    let response = gateway.get("/readyz").await;
    (response.status().as_u16(), response.json().await.unwrap())
}

/// Asks `/readyz` until it answers `status` (the replica notices the loss when its connection
/// ends, and hears again after its next reconnection attempt).
async fn readyz_becomes(gateway: &TestGateway, status: u16) -> Value {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let (now, body) = readyz(gateway).await;
        if now == status {
            return body;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "/readyz stayed {now}: {body}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await; // the polling interval
    }
}

#[tokio::test]
async fn losing_redis_makes_readyz_fail_and_recovery_restores_it() {
    let Some(_) = redis_url() else { return };
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let redis = OwnRedis::start(port).expect("redis-server starts");
    let gateway = TestGateway::builder()
        .with(clustered(&redis.url(), "loss"))
        .start()
        .await;
    let (status, body) = readyz(&gateway).await;
    assert_eq!(
        (status, body["redis"].clone()),
        (200, json!("hearing")),
        "{body}"
    );

    drop(redis);
    let body = readyz_becomes(&gateway, 503).await;
    assert_eq!(body["redis"], "unreachable");
    assert!(
        gateway
            .query("{ sellers(first: 1) { totalCount } }", json!({}))
            .await["data"]
            .is_object(),
        "it keeps serving"
    );

    let dropped_before = gateway.cache.counts().invalidations;
    let _back = OwnRedis::start(port).expect("redis-server starts again");
    let body = readyz_becomes(&gateway, 200).await;
    assert_eq!(body["redis"], "hearing");
    assert!(
        gateway.cache.counts().invalidations > dropped_before,
        "what was cached while deaf is dropped: it may have missed invalidations"
    );
}

#[tokio::test]
async fn the_caast_poller_runs_on_one_replica_at_a_time() {
    let Some(url) = redis_url() else { return };
    let prefix = format!("test-{}", uuid::Uuid::new_v4());
    let polling = |config: &mut Config| config.caast_poll_interval = Duration::from_millis(30);
    let a = TestGateway::builder()
        .with(clustered(&url, &prefix))
        .with(polling)
        .start()
        .await;
    let b = TestGateway::builder()
        .replica_of(&a)
        .with(clustered(&url, &prefix))
        .with(polling)
        .start()
        .await;
    // A subscriber on each: alone, each replica would poll.
    let subscription = "subscription { liveContentStateChanged(provider: CAAST) { state } }";
    let mut on_a = WsClient::ready(&a, json!({})).await;
    let mut on_b = WsClient::ready(&b, json!({})).await;
    for client in [&mut on_a, &mut on_b] {
        client.subscribe("s", subscription, json!({})).await;
    }
    let mut rounds_a = a.caast_poll_rounds.clone().unwrap();
    let mut rounds_b = b.caast_poll_rounds.clone().unwrap();
    while *rounds_a.borrow() + *rounds_b.borrow() < 6 {
        tokio::select! {
            changed = rounds_a.changed() => changed.unwrap(),
            changed = rounds_b.changed() => changed.unwrap(),
        }
    }
    let (read_a, read_b) = (*rounds_a.borrow(), *rounds_b.borrow());
    assert!(
        read_a == 0 || read_b == 0,
        "one replica polls: A read {read_a} times, B {read_b}"
    );
}

#[tokio::test]
async fn a_replica_that_cannot_reach_redis_does_not_start_and_its_error_keeps_the_password() {
    let closed = crate::helpers::closed_port_url("").await;
    let address = closed.trim_start_matches("http://");
    let mut config = Config::load(HashMap::new()).expect("the defaults are valid");
    config.redis = Some(RedisConfig {
        url: SecretString::from(format!("redis://:s3cret-pass@{address}/")),
        prefix: "unreachable".into(),
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let app = live_commerce_gateway::app::Application::build_on(listener, &config).await;
    let error = app.err().expect("no Redis, no replica").to_string();
    assert!(error.contains("Redis"), "{error}");
    assert!(!error.contains("s3cret-pass"), "{error}");
}
