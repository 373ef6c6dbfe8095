//! `liveContentStateChanged` over Server-Sent Events (GraphQL over SSE, distinct connections):
//! events arrive as `next`, filtered as asked; a query is one `next` then `complete`; a client
//! that goes leaves no subscription behind.

use serde_json::{Value, json};

use crate::helpers::TestGateway;
use crate::subscriptions::{STATE_CHANGED, contents};
use crate::ws_client::{PATIENCE, open_subscriptions};

/// An open event stream, read event by event.
pub struct EventStream {
    response: reqwest::Response,
    buffer: String,
}

impl EventStream {
    pub async fn open(gateway: &TestGateway, query: &str, variables: Value) -> Self {
        let response = gateway
            .http
            .post(format!("{}/graphql", gateway.url))
            .header("Accept", "text/event-stream")
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .unwrap();
        Self::of(response)
    }

    /// Reads an answer that must be an event stream.
    pub fn of(response: reqwest::Response) -> Self {
        assert_eq!(response.status(), 200);
        let media = response.headers()["content-type"].to_str().unwrap();
        assert!(media.starts_with("text/event-stream"), "{media}");
        Self {
            response,
            buffer: String::new(),
        }
    }

    /// The next event that is not a keep-alive comment: (event name, data).
    pub async fn next(&mut self) -> (String, String) {
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut name = String::new();
                let mut data = Vec::new();
                for line in block.lines() {
                    if let Some(value) = line.strip_prefix("event:") {
                        name = value.trim().to_string();
                    } else if let Some(value) = line.strip_prefix("data:") {
                        data.push(value.trim_start().to_string());
                    }
                }
                if !name.is_empty() {
                    return (name, data.join("\n"));
                }
                continue;
            }
            let chunk = tokio::time::timeout(PATIENCE, self.response.chunk())
                .await
                .expect("an event in time")
                .unwrap()
                .expect("the stream is open");
            self.buffer.push_str(&String::from_utf8_lossy(&chunk));
        }
    }
}

#[tokio::test]
async fn events_stream_as_next_filtered_and_a_gone_client_leaves_nothing_behind() {
    let gateway = TestGateway::builder().receiving_webhooks().start().await;
    let shows = contents(&gateway, "LISA", "SCHEDULED").await;
    let (wanted, other) = (shows[0].clone(), shows[1].clone());
    let mut stream =
        EventStream::open(&gateway, STATE_CHANGED, json!({ "ids": [wanted.id] })).await;
    open_subscriptions(&gateway, 1, "the subscription opens").await;

    let simulator = gateway.simulator();
    simulator.start_show(&other.provider_id).await.unwrap();
    simulator.start_show(&wanted.provider_id).await.unwrap();
    let (name, data) = stream.next().await;
    assert_eq!(name, "next");
    let event: Value = serde_json::from_str(&data).unwrap();
    let changed = &event["data"]["liveContentStateChanged"];
    assert_eq!(
        changed["liveContent"]["id"],
        wanted.id.as_str(),
        "the other show is filtered out"
    );
    assert_eq!(
        (changed["state"].as_str(), changed["source"].as_str()),
        (Some("LIVE"), Some("WEBHOOK"))
    );

    drop(stream);
    open_subscriptions(&gateway, 0, "a gone client leaves no subscription").await;
}

#[tokio::test]
async fn a_query_is_one_next_then_complete_and_a_bad_body_is_400() {
    let gateway = TestGateway::builder().receiving_webhooks().start().await;
    let mut stream = EventStream::open(
        &gateway,
        "{ liveContents(first: 2) { edges { node { id } } } }",
        json!({}),
    )
    .await;
    let (name, data) = stream.next().await;
    assert_eq!(name, "next");
    let answer: Value = serde_json::from_str(&data).unwrap();
    assert_eq!(
        answer["data"]["liveContents"]["edges"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(stream.next().await.0, "complete");

    let response = gateway
        .http
        .post(format!("{}/graphql", gateway.url))
        .header("Accept", "text/event-stream")
        .header("Content-Type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let answer: Value = response.json().await.unwrap();
    assert_eq!(answer["errors"][0]["extensions"]["code"], "BAD_REQUEST");
}

#[tokio::test]
async fn a_subscription_over_plain_http_is_refused_with_a_pointer_to_the_transports() {
    let gateway = TestGateway::builder().receiving_webhooks().start().await;
    let response = gateway.post(&json!({ "query": STATE_CHANGED })).await;
    assert_eq!(response.status(), 400);
    let answer: Value = response.json().await.unwrap();
    let message = answer["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("WebSocket") && message.contains("text/event-stream"),
        "{answer}"
    );
}
