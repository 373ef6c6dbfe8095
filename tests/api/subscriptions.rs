//! `liveContentStateChanged` over WebSocket: events of a webhook, of a mutation and of the
//! poller reach the subscriptions that asked for them, exactly once each; protocol errors close
//! with the protocol's codes; a client that goes leaves no subscription behind.

use std::collections::HashMap;
use std::time::Duration;

use serde_json::{Value, json};

use crate::helpers::{OPERATOR_TOKEN, TestGateway};
use crate::ws_client::{PATIENCE, WsClient, open_subscriptions};

pub const STATE_CHANGED: &str = "subscription($ids: [ID!], $provider: Provider, $channel: String) { liveContentStateChanged(ids: $ids, provider: $provider, channel: $channel) { state previousState source occurredAt liveContent { id title state } } }";

/// A content as the tests need it: global id, provider id, and its channel's slug (LiSA).
#[derive(Clone, Debug)]
pub struct Content {
    pub id: String,
    pub provider_id: String,
    pub channel: Option<String>,
}

/// Contents of one provider in one state (`SCHEDULED`, `LIVE`), published.
pub async fn contents(gateway: &TestGateway, provider: &str, state: &str) -> Vec<Content> {
    let query = "query($filter: LiveContentFilter) { liveContents(first: 50, filter: $filter) { edges { node { id providerId channel { slug } } } } }";
    let filter = json!({ "provider": provider, "state": state });
    let answer = gateway.query(query, json!({ "filter": filter })).await;
    answer["data"]["liveContents"]["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("{answer}"))
        .iter()
        .map(|edge| Content {
            id: edge["node"]["id"].as_str().unwrap().to_string(),
            provider_id: edge["node"]["providerId"].as_str().unwrap().to_string(),
            channel: edge["node"]["channel"]["slug"].as_str().map(str::to_string),
        })
        .collect()
}

/// Reads messages until each subscription id has `count` events; the events' payloads by id.
pub async fn collect(
    client: &mut WsClient,
    wanted: &[(&str, usize)],
) -> HashMap<String, Vec<Value>> {
    let mut seen: HashMap<String, Vec<Value>> = HashMap::new();
    let done = |seen: &HashMap<String, Vec<Value>>| {
        wanted
            .iter()
            .all(|(id, count)| seen.get(*id).map_or(0, Vec::len) >= *count)
    };
    while !done(&seen) {
        let message = client.next_event().await;
        assert_eq!(message["type"], "next", "{message}");
        let id = message["id"].as_str().unwrap().to_string();
        let event = message["payload"]["data"]["liveContentStateChanged"].clone();
        assert!(event.is_object(), "an event: {message}");
        seen.entry(id).or_default().push(event);
    }
    seen
}

/// (content id, state, previous state, source) of each event.
fn summary(events: &[Value]) -> Vec<(String, String, String, String)> {
    events
        .iter()
        .map(|e| {
            let text = |v: &Value| v.as_str().unwrap_or("null").to_string();
            (
                text(&e["liveContent"]["id"]),
                text(&e["state"]),
                text(&e["previousState"]),
                text(&e["source"]),
            )
        })
        .collect()
}

fn event(id: &str, state: &str, previous: &str, source: &str) -> (String, String, String, String) {
    (id.into(), state.into(), previous.into(), source.into())
}

async fn finish_live(gateway: &TestGateway, id: &str) {
    let answer = gateway
        .query_as_operator(
            "mutation($id: ID!) { finishLive(id: $id) { id state } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(answer["data"]["finishLive"]["state"], "ENDED", "{answer}");
}

async fn webhook_start(gateway: &TestGateway, event_id: &str, show: &str) {
    let body = json!({ "id": event_id, "eventType": "Show:start", "data": { "id": show } });
    let response = gateway
        .post_internal(
            "/internal/webhooks/lisa",
            Some(&format!("Bearer {}", crate::helpers::WEBHOOK_TOKEN)),
            body.to_string().into_bytes(),
        )
        .await;
    assert_eq!(response.status(), 204);
}

#[tokio::test]
async fn webhook_and_mutation_events_reach_the_subscriptions_that_asked_exactly_once() {
    let gateway = TestGateway::builder().receiving_webhooks().start().await;
    let scheduled = contents(&gateway, "LISA", "SCHEDULED").await;
    let a = scheduled[0].clone();
    let b = scheduled
        .iter()
        .find(|s| s.channel != a.channel)
        .expect("two scheduled shows in different channels")
        .clone();
    let caast_live = contents(&gateway, "CAAST", "LIVE").await[0].clone();

    let mut lisa = WsClient::ready(&gateway, json!({})).await;
    lisa.subscribe("one", STATE_CHANGED, json!({ "ids": [a.id] }))
        .await;
    lisa.subscribe("lisa", STATE_CHANGED, json!({ "provider": "LISA" }))
        .await;
    lisa.subscribe("channel", STATE_CHANGED, json!({ "channel": a.channel }))
        .await;
    let mut caast = WsClient::ready(&gateway, json!({})).await;
    caast
        .subscribe("caast", STATE_CHANGED, json!({ "provider": "CAAST" }))
        .await;
    open_subscriptions(&gateway, 4, "four subscriptions open").await;

    let simulator = gateway.simulator();
    simulator.start_show(&a.provider_id).await.unwrap();
    // Another event (LiSA's ids are UUIDs) saying the same.
    let second_event = "6b0c1f6e-4444-4a4a-9c9c-000000000001";
    webhook_start(&gateway, second_event, &a.provider_id).await;
    simulator.start_show(&b.provider_id).await.unwrap();
    simulator.stop_show(&a.provider_id).await.unwrap();
    finish_live(&gateway, &caast_live.id).await;

    let seen = collect(&mut lisa, &[("one", 2), ("lisa", 3), ("channel", 2)]).await;
    let a_started = event(&a.id, "LIVE", "SCHEDULED", "WEBHOOK");
    let a_ended = event(&a.id, "ENDED", "LIVE", "WEBHOOK");
    let b_started = event(&b.id, "LIVE", "SCHEDULED", "WEBHOOK");
    assert_eq!(summary(&seen["one"]), [a_started.clone(), a_ended.clone()]);
    assert_eq!(
        summary(&seen["lisa"]),
        [a_started.clone(), b_started, a_ended.clone()]
    );
    assert_eq!(summary(&seen["channel"]), [a_started, a_ended]);
    assert_eq!(seen["one"][0]["liveContent"]["state"], "LIVE", "read fresh");

    let seen = collect(&mut caast, &[("caast", 1)]).await;
    assert_eq!(
        summary(&seen["caast"]),
        [event(&caast_live.id, "ENDED", "LIVE", "MUTATION")],
        "the first Caast event is the mutation's: no LiSA event passed the filter"
    );
}

#[tokio::test]
async fn the_poller_announces_caast_lives_that_start_and_stop_once_even_after_a_mutation() {
    let gateway = TestGateway::builder()
        .with(|config| config.caast_poll_interval = Duration::from_millis(30))
        .start()
        .await;
    let scheduled = contents(&gateway, "CAAST", "SCHEDULED").await[0].clone();
    let live = contents(&gateway, "CAAST", "LIVE").await[0].clone();
    let mut client = WsClient::ready(&gateway, json!({})).await;
    client
        .subscribe("caast", STATE_CHANGED, json!({ "provider": "CAAST" }))
        .await;
    let mut rounds = gateway
        .caast_poll_rounds
        .clone()
        .expect("Caast is configured");
    let after_rounds = |rounds: &mut tokio::sync::watch::Receiver<u64>, n: u64| {
        let mut rounds = rounds.clone();
        async move {
            let target = *rounds.borrow() + n;
            tokio::time::timeout(PATIENCE, rounds.wait_for(|r| *r >= target))
                .await
                .expect("the poller keeps reading")
                .unwrap();
        }
    };
    after_rounds(&mut rounds, 1).await; // the baseline, taken once someone subscribed

    finish_live(&gateway, &live.id).await;
    after_rounds(&mut rounds, 2).await; // polls that see the finished live too
    let simulator = gateway.simulator();
    simulator.start_live(&scheduled.provider_id).await.unwrap();
    after_rounds(&mut rounds, 2).await;
    simulator.finish_live(&scheduled.provider_id).await.unwrap();

    let seen = collect(&mut client, &[("caast", 3)]).await;
    assert_eq!(
        summary(&seen["caast"]),
        [
            event(&live.id, "ENDED", "LIVE", "MUTATION"),
            event(&scheduled.id, "LIVE", "SCHEDULED", "POLL"),
            event(&scheduled.id, "ENDED", "LIVE", "POLL"),
        ],
        "the poll after the mutation adds nothing"
    );
}

#[tokio::test]
async fn protocol_errors_close_with_the_protocols_codes() {
    let gateway = TestGateway::builder()
        .with(|config| config.subscriptions.init_timeout = Duration::from_millis(100))
        .start()
        .await;
    let subscribe =
        json!({ "type": "subscribe", "id": "1", "payload": { "query": "{ __typename }" } });

    let mut client = WsClient::connect(&gateway, Some("graphql-transport-ws")).await;
    assert_eq!(
        client.close_code().await,
        4408,
        "no connection_init in time"
    );

    let mut client = WsClient::connect(&gateway, Some("graphql-transport-ws")).await;
    client.send(subscribe.clone()).await;
    assert_eq!(client.close_code().await, 4401, "subscribe before the ack");

    let mut client = WsClient::ready(&gateway, json!({})).await;
    client.send(json!({ "type": "connection_init" })).await;
    assert_eq!(client.close_code().await, 4429, "a second connection_init");

    let mut client = WsClient::ready(&gateway, json!({})).await;
    client.send_text("{not json".into()).await;
    assert_eq!(client.close_code().await, 4400, "not a message");

    let mut client = WsClient::ready(&gateway, json!({})).await;
    client
        .send(json!({ "type": "subscribe", "id": "1", "payload": { "query": STATE_CHANGED } }))
        .await;
    client
        .send(json!({ "type": "subscribe", "id": "1", "payload": { "query": STATE_CHANGED } }))
        .await;
    assert_eq!(client.close_code().await, 4409, "an id already running");

    let mut client = WsClient::connect(&gateway, Some("graphql-transport-ws")).await;
    let wrong =
        json!({ "type": "connection_init", "payload": { "Authorization": "Bearer wrong" } });
    client.send(wrong).await;
    assert_eq!(client.close_code().await, 4403, "a wrong operator token");

    let operator = json!({ "headers": { "Authorization": format!("Bearer {OPERATOR_TOKEN}") } });
    let mut client = WsClient::ready(&gateway, operator).await;
    let secret = "{ liveContents(first: 1, filter: {provider: CAAST}) { edges { node { streamCredentials { streamKey } } } } }";
    client.subscribe("secret", secret, json!({})).await;
    let answer = client.next_event().await;
    assert!(
        answer["payload"]["errors"].is_null(),
        "the operator token counts: {answer}"
    );
}

#[tokio::test]
async fn queries_run_too_and_a_document_that_does_not_validate_is_an_error_message() {
    let gateway = TestGateway::builder().start().await;
    let mut client = WsClient::ready(&gateway, json!({})).await;
    client
        .subscribe(
            "q",
            "{ liveContents(first: 1) { edges { node { id } } } }",
            json!({}),
        )
        .await;
    let next = client.next_event().await;
    assert_eq!(
        (next["type"].as_str(), next["id"].as_str()),
        (Some("next"), Some("q"))
    );
    assert!(next["payload"]["data"]["liveContents"]["edges"][0]["node"]["id"].is_string());
    assert_eq!(
        client.next_event().await,
        json!({ "type": "complete", "id": "q" })
    );

    client
        .subscribe("bad", "subscription { noSuchField }", json!({}))
        .await;
    let error = client.next_event().await;
    assert_eq!(
        (error["type"].as_str(), error["id"].as_str()),
        (Some("error"), Some("bad"))
    );
    assert_eq!(
        error["payload"][0]["extensions"]["code"],
        "GRAPHQL_VALIDATION_FAILED"
    );
}

#[tokio::test]
async fn keepalive_pings_arrive_and_a_closed_connection_leaves_no_subscription() {
    let gateway = TestGateway::builder()
        .with(|config| config.subscriptions.keepalive = Duration::from_millis(50))
        .start()
        .await;
    let mut client = WsClient::ready(&gateway, json!({})).await;
    client.subscribe("1", STATE_CHANGED, json!({})).await;
    client
        .subscribe("2", STATE_CHANGED, json!({ "provider": "LISA" }))
        .await;
    assert_eq!(client.next().await, json!({ "type": "ping" }));
    client.send(json!({ "type": "pong" })).await;
    open_subscriptions(&gateway, 2, "both subscriptions open").await;

    client.send(json!({ "type": "complete", "id": "1" })).await;
    open_subscriptions(&gateway, 1, "a completed subscription is closed").await;
    drop(client);
    open_subscriptions(&gateway, 0, "a closed connection leaves no subscription").await;
}

#[tokio::test]
async fn the_legacy_graphql_ws_protocol_is_spoken_too() {
    let gateway = TestGateway::builder().receiving_webhooks().start().await;
    let show = contents(&gateway, "LISA", "SCHEDULED").await[0].clone();
    let mut client = WsClient::connect(&gateway, Some("graphql-ws")).await;
    client
        .send(json!({ "type": "connection_init", "payload": {} }))
        .await;
    assert_eq!(client.next().await["type"], "connection_ack");
    let payload = json!({ "query": STATE_CHANGED, "variables": { "ids": [show.id] } });
    client
        .send(json!({ "type": "start", "id": "s", "payload": payload }))
        .await;
    open_subscriptions(&gateway, 1, "the subscription opens").await;

    gateway
        .simulator()
        .start_show(&show.provider_id)
        .await
        .unwrap();
    let data = client.next_event().await;
    assert_eq!(
        (data["type"].as_str(), data["id"].as_str()),
        (Some("data"), Some("s"))
    );
    assert_eq!(
        data["payload"]["data"]["liveContentStateChanged"]["state"],
        "LIVE"
    );
    client.send(json!({ "type": "stop", "id": "s" })).await;
    assert_eq!(
        client.next_event().await,
        json!({ "type": "complete", "id": "s" })
    );
}

/// A client that closes gets the closing handshake back, its own code echoed (not a dropped
/// connection, which clients report as `1006`), in both subprotocols.
#[tokio::test]
async fn a_clients_close_is_answered_with_its_code() {
    let gateway = TestGateway::builder().receiving_webhooks().start().await;
    let mut modern = WsClient::ready(&gateway, json!({})).await;
    modern.close(1000).await;
    assert_eq!(modern.close_code().await, 1000);

    let mut legacy = WsClient::connect(&gateway, Some("graphql-ws")).await;
    legacy.close(4321).await;
    assert_eq!(legacy.close_code().await, 4321);
}
