//! Show state changes and the LiSA webhooks announcing them, delivered to a tiny axum
//! receiver that fails the first attempt.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::{Json, Router};
use live_commerce_gateway::simulator::{SimulatorConfig, WebhookAuth, WebhookTarget};
use serde_json::Value;
use tokio::sync::mpsc;

use crate::helpers::*;

#[derive(Clone)]
struct Receiver {
    calls: Arc<AtomicUsize>,
    seen: mpsc::UnboundedSender<(Option<String>, Value)>,
}

/// Answers 500 to the first call and 202 afterwards, reporting each call.
async fn receive(
    State(receiver): State<Receiver>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> StatusCode {
    let auth = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let _ = receiver.seen.send((auth, body));
    match receiver.calls.fetch_add(1, Ordering::SeqCst) {
        0 => StatusCode::INTERNAL_SERVER_ERROR,
        _ => StatusCode::ACCEPTED,
    }
}

async fn spawn_receiver() -> (url::Url, mpsc::UnboundedReceiver<(Option<String>, Value)>) {
    let (seen, events) = mpsc::unbounded_channel();
    let receiver = Receiver {
        calls: Arc::default(),
        seen,
    };
    let app = Router::new()
        .route("/hook", post(receive))
        .with_state(receiver);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap())
        .parse()
        .unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, events)
}

#[tokio::test]
async fn a_show_start_delivers_a_webhook_retrying_after_a_failure() {
    let (url, mut events) = spawn_receiver().await;
    let config = SimulatorConfig {
        webhook: Some(WebhookTarget {
            url,
            auth: WebhookAuth::Bearer("hook-secret".into()),
        }),
        webhook_retry_delay: Duration::from_millis(10),
        ..config()
    };
    let sim = spawn_with(config).await;
    let scheduled = json(
        lisa_get(
            &sim,
            "/shows?live=false&conducted=false&status=ready&limit=1",
        ),
        200,
    )
    .await;
    let id = scheduled["items"][0]["id"].as_str().unwrap().to_string();

    let show = sim.simulator.start_show(&id).await.expect("show starts");
    assert_eq!(show["isLive"], true);

    let deliveries = sim.simulator.webhook_deliveries();
    let statuses: Vec<_> = deliveries.iter().map(|d| d.status).collect();
    assert_eq!(statuses, vec![Some(500), Some(202)]);
    assert_eq!(deliveries[0].event_id, deliveries[1].event_id);
    assert_eq!(deliveries[1].event_type, "Show:start");

    let (auth, first) = events.recv().await.unwrap();
    let (_, second) = events.recv().await.unwrap();
    assert_eq!(auth.as_deref(), Some("Bearer hook-secret"));
    assert_eq!(first, second, "a retry resends the same event");
    assert_eq!(second["eventType"], "Show:start");
    assert_eq!(second["data"]["id"], id.as_str());
    assert_eq!(second["data"]["isLive"], true);
    assert_eq!(second["changes"]["isLive"], true);

    let event_id = deliveries[1].event_id.to_string();
    let stored = json(lisa_get(&sim, &format!("/webhooks/events/{event_id}")), 200).await;
    assert_eq!(stored, second);
    let read_back = json(lisa_get(&sim, &format!("/shows/{id}")), 200).await;
    assert_eq!(read_back, show);
}

#[tokio::test]
async fn stopping_a_show_over_http_makes_it_conducted() {
    let sim = spawn().await;
    let live = json(lisa_get(&sim, "/shows?live=1&limit=1"), 200).await;
    let id = live["items"][0]["id"].as_str().unwrap();
    let url = format!("{}_simulator/shows/{id}/stop", sim.base_url());
    let client = reqwest::Client::new();
    let stopped: Value = client
        .post(&url)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        (stopped["isLive"].clone(), stopped["isConducted"].clone()),
        (false.into(), true.into())
    );
    assert!(
        stopped["meta"]["modifiedAt"].as_str() > live["items"][0]["meta"]["modifiedAt"].as_str()
    );
    assert_eq!(client.post(&url).send().await.unwrap().status(), 409);
}

#[tokio::test]
async fn unpublishing_publishing_and_deleting_a_show_over_http_change_its_status() {
    let sim = spawn().await;
    let live = json(lisa_get(&sim, "/shows?live=1&limit=1"), 200).await;
    let id = live["items"][0]["id"].as_str().unwrap();
    let client = reqwest::Client::new();
    let post = |action: &str| {
        let url = format!("{}_simulator/shows/{id}/{action}", sim.base_url());
        client.post(url).send()
    };
    let unpublished: Value = post("unpublish").await.unwrap().json().await.unwrap();
    assert_eq!(
        (&unpublished["status"], &unpublished["isLive"]),
        (&"draft".into(), &false.into()),
        "a show on air goes off it"
    );
    assert_eq!(post("unpublish").await.unwrap().status(), 409);
    let published: Value = post("publish").await.unwrap().json().await.unwrap();
    assert_eq!(published["status"], "ready");
    assert_eq!(post("publish").await.unwrap().status(), 409);
    let deleted: Value = post("delete").await.unwrap().json().await.unwrap();
    assert_eq!(deleted["status"], "archived");
    assert_eq!(post("delete").await.unwrap().status(), 409);
    let read_back = json(lisa_get(&sim, &format!("/shows/{id}")), 200).await;
    assert_eq!(read_back["status"], "archived", "archived, still readable");
}

#[tokio::test]
async fn finishing_a_caast_live_over_http_closes_its_chat() {
    let sim = spawn().await;
    let started = json(caast_get(&sim, "/lives?state=started"), 200).await;
    let id = started["data"][0]["id"].as_str().unwrap();
    let url = format!("{}_simulator/lives/{id}/finish", sim.base_url());
    let finished: Value = reqwest::Client::new()
        .post(&url)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(finished["attributes"]["state"], "finished");
    json(caast_get(&sim, &format!("/lives/{id}/messages")), 409).await;
}

#[tokio::test]
async fn the_catalogue_is_identical_on_every_start() {
    let (a, b) = (spawn().await, spawn().await);
    for path in ["/shows?limit=50", "/stickers?limit=50"] {
        assert_eq!(
            json(lisa_get(&a, path), 200).await,
            json(lisa_get(&b, path), 200).await
        );
    }
    assert_eq!(
        json(caast_get(&a, "/lives"), 200).await,
        json(caast_get(&b, "/lives"), 200).await
    );
}

#[tokio::test]
async fn the_timer_changes_states_and_announces_them() {
    let (url, mut events) = spawn_receiver().await;
    let config = SimulatorConfig {
        webhook: Some(WebhookTarget {
            url,
            auth: WebhookAuth::None,
        }),
        webhook_retry_delay: Duration::from_millis(10),
        state_changes_every: Some(Duration::from_millis(50)),
        ..config()
    };
    let sim = spawn_with(config).await;
    let (_, event) = tokio::time::timeout(Duration::from_secs(10), events.recv())
        .await
        .expect("a tick within the timeout")
        .expect("an event");
    assert_eq!(event["eventType"], "Show:stop");
    assert_eq!(event["data"]["isConducted"], true);
    sim.shutdown().await;
}
