//! `POST /internal/webhooks/lisa`: LiSA's webhooks invalidate the cache before their `204`,
//! are processed once however often they arrive, and every bad one gets its status and changes
//! nothing. (A provider call under way during an invalidation is covered deterministically by
//! the cache's unit tests.)

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use futures::StreamExt;
use live_commerce_gateway::events::{Event, LiveState};
use secrecy::SecretString;
use serde_json::{Value, json};

use crate::helpers::{TestGateway, WEBHOOK_TOKEN, a_lisa_show};

const SHOW: &str = "query($id: ID!) { liveContent(id: $id) { title } }";

async fn title(gateway: &TestGateway, id: &str) -> String {
    let answer = gateway.query(SHOW, json!({ "id": id })).await;
    answer["data"]["liveContent"]["title"]
        .as_str()
        .unwrap_or_else(|| panic!("a title: {answer}"))
        .to_string()
}

async fn send(
    gateway: &TestGateway,
    authorization: Option<&str>,
    body: Vec<u8>,
) -> reqwest::Response {
    gateway
        .post_internal("/internal/webhooks/lisa", authorization, body)
        .await
}

fn event(id: &str, event_type: &str, show_id: &str) -> Vec<u8> {
    event_with(id, event_type, json!({ "id": show_id }))
}

fn event_with(id: &str, event_type: &str, data: Value) -> Vec<u8> {
    json!({ "id": id, "client": "c", "eventType": event_type, "eventDate": "2026-11-23T10:00:00Z",
            "data": data, "changes": {} })
    .to_string()
    .into_bytes()
}

/// The `n`th event's id (LiSA's are UUIDs).
fn event_id(n: u8) -> String {
    format!("6b0c1f6e-2222-4a4a-9c9c-0000000000{n:02}")
}

fn bearer() -> String {
    format!("Bearer {WEBHOOK_TOKEN}")
}

#[tokio::test]
async fn a_repeated_query_is_answered_from_the_cache() {
    let gateway = TestGateway::builder().start().await;
    let (id, _) = a_lisa_show(&gateway).await;
    title(&gateway, &id).await;
    gateway.simulator().reset_request_counts();
    title(&gateway, &id).await;
    gateway.assert_no_provider_request("no provider request");
}

#[tokio::test]
async fn after_a_show_update_is_acknowledged_no_reader_sees_the_old_title() {
    let gateway = Arc::new(TestGateway::builder().receiving_webhooks().start().await);
    let (id, show_id) = a_lisa_show(&gateway).await;
    let mut stale_reads = 0;
    let mut reads_after_ack = 0;
    for round in 0..15 {
        let new_title = format!("Title {round}");
        let acknowledged = Arc::new(AtomicBool::new(false));
        // Readers keep the cache busy (and calls under way) while the change lands.
        let readers: Vec<_> = (0..4)
            .map(|_| {
                let (gateway, id, new_title, acknowledged) = (
                    gateway.clone(),
                    id.clone(),
                    new_title.clone(),
                    acknowledged.clone(),
                );
                tokio::spawn(async move {
                    let (mut stale, mut after) = (0, 0);
                    for _ in 0..12 {
                        let started_after_ack = acknowledged.load(Ordering::SeqCst);
                        let seen = title(&gateway, &id).await;
                        if started_after_ack {
                            after += 1;
                            stale += usize::from(seen != new_title);
                        }
                    }
                    (stale, after)
                })
            })
            .collect();
        tokio::task::yield_now().await;
        gateway
            .simulator()
            .retitle_show(&show_id, &new_title)
            .await
            .unwrap();
        acknowledged.store(true, Ordering::SeqCst);
        assert_eq!(
            title(&gateway, &id).await,
            new_title,
            "the first read after the 204"
        );
        for reader in readers {
            let (stale, after) = reader.await.unwrap();
            stale_reads += stale;
            reads_after_ack += after;
        }
    }
    let deliveries = gateway.simulator().webhook_deliveries();
    assert!(
        deliveries.iter().all(|d| d.status == Some(204)),
        "{deliveries:?}"
    );
    assert!(
        reads_after_ack > 0,
        "some reads started after an acknowledgement"
    );
    assert_eq!(stale_reads, 0, "of {reads_after_ack} reads after a 204");
}

#[tokio::test]
async fn a_repeated_event_is_acknowledged_and_processed_once() {
    let gateway = TestGateway::builder().receiving_webhooks().start().await;
    let (_, show_id) = a_lisa_show(&gateway).await;
    let mut events = gateway.events.subscribe();
    let body = event(
        "6b0c1f6e-1111-4a4a-9c9c-000000000001",
        "Show:start",
        &show_id,
    );
    for _ in 0..3 {
        assert_eq!(
            send(&gateway, Some(&bearer()), body.clone()).await.status(),
            204
        );
    }
    let Ok(Event::State(first)) = events.try_recv() else {
        panic!("the start was announced");
    };
    assert_eq!(
        (first.id.as_str(), first.state, first.previous),
        (
            show_id.as_str(),
            LiveState::Live,
            Some(LiveState::Scheduled)
        )
    );
    assert!(events.try_recv().is_err(), "and announced once");
    let other = event(
        "6b0c1f6e-1111-4a4a-9c9c-000000000002",
        "Show:stop",
        &show_id,
    );
    assert_eq!(send(&gateway, Some(&bearer()), other).await.status(), 204);
    let Ok(Event::State(stop)) = events.try_recv() else {
        panic!("another event is processed");
    };
    assert_eq!(stop.state, LiveState::Ended);
}

#[tokio::test]
async fn each_bad_webhook_gets_its_status_and_changes_nothing() {
    let gateway = TestGateway::builder().receiving_webhooks().start().await;
    let (id, show_id) = a_lisa_show(&gateway).await;
    title(&gateway, &id).await;
    let mut events = gateway.events.subscribe();
    let before = gateway.cache.counts();
    let start = |n: u8| event(&event_id(n), "Show:start", &show_id);
    let basic = format!("Basic {}", base64_of("lisa:wrong"));
    let cases: Vec<(&str, Option<String>, Vec<u8>, u16)> = vec![
        ("no credentials", None, start(1), 401),
        ("a wrong token", Some("Bearer nope".into()), start(2), 401),
        ("wrong basic auth", Some(basic), start(3), 401),
        ("not JSON", Some(bearer()), b"{not json".to_vec(), 400),
        (
            "no event id",
            Some(bearer()),
            br#"{"eventType":"Show:start","data":{"id":"x"}}"#.to_vec(),
            400,
        ),
        (
            "no data.id",
            Some(bearer()),
            event_with(&event_id(4), "Show:update", json!({})),
            400,
        ),
        (
            "an event id that is not a UUID",
            Some(bearer()),
            event("e-5", "Show:update", &show_id),
            400,
        ),
        (
            "a show id that is not a UUID",
            Some(bearer()),
            event(&event_id(6), "Show:update", "s-6"),
            400,
        ),
        (
            "a channel id that is not a UUID",
            Some(bearer()),
            event_with(
                &event_id(7),
                "Show:update",
                json!({ "id": show_id, "channel": { "id": "c-7" } }),
            ),
            400,
        ),
        (
            "an unknown collection",
            Some(bearer()),
            event(&event_id(8), "Channel:update", &show_id),
            202,
        ),
        (
            "an unknown action",
            Some(bearer()),
            event(&event_id(9), "Show:explode", &show_id),
            202,
        ),
        ("a huge body", Some(bearer()), huge_body(&show_id), 413),
    ];
    for (what, authorization, body, status) in cases {
        let response = send(&gateway, authorization.as_deref(), body).await;
        assert_eq!(response.status(), status, "{what}");
        if status != 202 {
            let answer: Value = response.json().await.unwrap();
            assert!(
                answer["error"].as_str().is_some_and(|e| !e.is_empty()),
                "{what}: a reason"
            );
        }
    }
    assert!(events.try_recv().is_err(), "nothing announced");
    assert_eq!(
        gateway.cache.counts().invalidations,
        before.invalidations,
        "nothing invalidated"
    );
    gateway.simulator().reset_request_counts();
    title(&gateway, &id).await;
    gateway.assert_no_provider_request("the entry is still there");
}

/// Ids of 64 KB: each is refused before anything is remembered, so memory stays flat however
/// many arrive (the id store's bound in bytes is tested in `src/http/lisa_webhook.rs`).
#[tokio::test]
async fn thousands_of_events_with_huge_ids_are_refused_with_a_short_reason_and_change_nothing() {
    let gateway = TestGateway::builder().receiving_webhooks().start().await;
    let (id, show_id) = a_lisa_show(&gateway).await;
    title(&gateway, &id).await;
    let before = gateway.cache.counts().invalidations;
    let huge = |n: usize| format!("{n:08}{}", "a".repeat(64 * 1024));
    let refusals = futures::stream::iter(0..2000)
        .map(|n| {
            let body = if n % 2 == 0 {
                event(&huge(n), "Show:update", &show_id)
            } else {
                event(&event_id(1), "Show:update", &huge(n))
            };
            let gateway = &gateway;
            async move {
                let response = send(gateway, Some(&bearer()), body).await;
                (
                    response.status().as_u16(),
                    response.bytes().await.unwrap().len(),
                )
            }
        })
        .buffer_unordered(8)
        .collect::<Vec<_>>()
        .await;
    assert!(
        refusals
            .iter()
            .all(|&(status, bytes)| status == 400 && bytes < 256),
        "each a 400 with a short reason: {:?}",
        refusals
            .iter()
            .find(|&&(status, bytes)| status != 400 || bytes >= 256)
    );
    assert_eq!(
        gateway.cache.counts().invalidations,
        before,
        "nothing invalidated"
    );
    let valid = event(&event_id(1), "Show:update", &show_id);
    assert_eq!(
        send(&gateway, Some(&bearer()), valid).await.status(),
        204,
        "an event whose id came with a refused body is processed when it comes whole"
    );
}

#[tokio::test]
async fn without_configured_credentials_the_route_is_not_there() {
    let gateway = TestGateway::builder().start().await;
    let response = send(
        &gateway,
        Some("Bearer anything"),
        event("e", "Show:start", "s"),
    )
    .await;
    assert_eq!(response.status(), 404);
}

#[tokio::test]
async fn basic_auth_is_accepted_when_configured() {
    let gateway = TestGateway::builder()
        .receiving_webhooks()
        .with(|config| config.lisa_webhook.basic = Some(("lisa".into(), SecretString::from("pw"))))
        .start()
        .await;
    let authorization = format!("Basic {}", base64_of("lisa:pw"));
    let response = send(
        &gateway,
        Some(&authorization),
        event(
            &event_id(1),
            "Show:update",
            &uuid::Uuid::new_v4().to_string(),
        ),
    )
    .await;
    assert_eq!(response.status(), 204);
}

fn huge_body(show_id: &str) -> Vec<u8> {
    let padding = "x".repeat(300 * 1024);
    json!({ "id": event_id(1), "eventType": "Show:update", "data": { "id": show_id, "padding": padding } })
        .to_string()
        .into_bytes()
}

fn base64_of(text: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(text)
}

/// A body past the bound is refused before it is read to its end, so its connection is closed:
/// the `413` says so, and the sender's next request goes on a new connection and is answered.
#[tokio::test]
async fn a_body_past_the_bound_closes_its_connection_and_the_next_request_is_answered() {
    let gateway = TestGateway::builder().receiving_webhooks().start().await;
    let (_, show_id) = a_lisa_show(&gateway).await;
    for _ in 0..20 {
        let response = send(&gateway, Some(&bearer()), huge_body(&show_id)).await;
        assert_eq!(response.status(), 413);
        assert_eq!(response.headers()["connection"], "close");
        let next = send(&gateway, Some(&bearer()), b"{}".to_vec()).await;
        assert_eq!(next.status(), 400);
    }
}
