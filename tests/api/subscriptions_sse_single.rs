//! GraphQL over SSE in single-connection mode, as graphql-sse's client speaks it: `PUT`
//! reserves a stream and answers its token, a `GET` with the token opens it, each `POST` with
//! the token and an `operationId` is accepted (202) and answered on the stream as
//! `{"id", "payload"}`, and `DELETE` stops an operation. The stream's end stops what ran on it.

use serde_json::{Value, json};

use crate::helpers::TestGateway;
use crate::subscriptions::{STATE_CHANGED, contents};
use crate::subscriptions_sse::EventStream;
use crate::ws_client::open_subscriptions;

const TOKEN: &str = "x-graphql-event-stream-token";

async fn reserve(gateway: &TestGateway) -> String {
    let url = format!("{}/graphql", gateway.url);
    let response = gateway.http.put(url).send().await.unwrap();
    assert_eq!(response.status(), 201);
    let media = response.headers()["content-type"].to_str().unwrap();
    assert!(media.starts_with("text/plain"), "{media}");
    response.text().await.unwrap()
}

async fn open(gateway: &TestGateway, token: &str) -> reqwest::Response {
    let url = format!("{}/graphql", gateway.url);
    let request = gateway.http.get(url).header("accept", "text/event-stream");
    request.header(TOKEN, token).send().await.unwrap()
}

async fn run(
    gateway: &TestGateway,
    token: &str,
    id: Option<&str>,
    query: &str,
) -> reqwest::Response {
    let mut body = json!({ "query": query, "variables": {} });
    if let Some(id) = id {
        body["extensions"] = json!({ "operationId": id });
    }
    let url = format!("{}/graphql", gateway.url);
    let request = gateway.http.post(url).header(TOKEN, token).json(&body);
    let request = request.header("accept", "application/graphql-response+json");
    request.send().await.unwrap()
}

async fn stop(gateway: &TestGateway, token: &str, id: &str) -> reqwest::Response {
    let url = format!("{}/graphql?operationId={id}", gateway.url);
    gateway
        .http
        .delete(url)
        .header(TOKEN, token)
        .send()
        .await
        .unwrap()
}

/// The next event, its data read as JSON.
async fn next(stream: &mut EventStream) -> (String, Value) {
    let (name, data) = stream.next().await;
    (name, serde_json::from_str(&data).unwrap())
}

#[tokio::test]
async fn one_stream_carries_every_operation_by_its_id() {
    let gateway = TestGateway::builder().receiving_webhooks().start().await;
    let show = contents(&gateway, "LISA", "SCHEDULED").await[0].clone();
    let token = reserve(&gateway).await;
    let mut stream = EventStream::of(open(&gateway, &token).await);

    let subscribed = run(&gateway, &token, Some("sub-1"), STATE_CHANGED).await;
    assert_eq!(subscribed.status(), 202);
    open_subscriptions(&gateway, 1, "the subscription opens").await;
    let query = "{ liveContents(first: 2) { edges { node { id } } } }";
    assert_eq!(
        run(&gateway, &token, Some("q-1"), query).await.status(),
        202
    );
    let (name, data) = next(&mut stream).await;
    assert_eq!((name.as_str(), &data["id"]), ("next", &json!("q-1")));
    let edges = &data["payload"]["data"]["liveContents"]["edges"];
    assert_eq!(edges.as_array().unwrap().len(), 2, "{data}");
    assert_eq!(
        next(&mut stream).await,
        ("complete".into(), json!({ "id": "q-1" }))
    );

    let simulator = gateway.simulator();
    simulator.start_show(&show.provider_id).await.unwrap();
    let (name, data) = next(&mut stream).await;
    assert_eq!((name.as_str(), &data["id"]), ("next", &json!("sub-1")));
    let changed = &data["payload"]["data"]["liveContentStateChanged"];
    assert_eq!(changed["liveContent"]["id"], json!(show.id), "{data}");

    assert_eq!(stop(&gateway, &token, "sub-1").await.status(), 200);
    open_subscriptions(&gateway, 0, "a stopped operation leaves no subscription").await;
}

#[tokio::test]
async fn tokens_are_checked_and_refusals_answer_the_request_itself() {
    let gateway = TestGateway::builder().receiving_webhooks().start().await;
    let token = reserve(&gateway).await;
    let stream = open(&gateway, &token).await;
    assert_eq!(stream.status(), 200);
    assert_eq!(
        open(&gateway, &token).await.status(),
        409,
        "one stream per token"
    );
    assert_eq!(open(&gateway, "not-reserved").await.status(), 404);

    let query = "{ liveContents(first: 1) { edges { node { id } } } }";
    assert_eq!(
        run(&gateway, "not-reserved", Some("a"), query)
            .await
            .status(),
        404
    );
    let unnamed = run(&gateway, &token, None, query).await;
    assert_eq!(unnamed.status(), 400, "an operation needs its id");
    let broken = run(&gateway, &token, Some("b"), "{ liveContents(first: 1) {").await;
    assert_eq!(broken.status(), 400);
    let answer: Value = broken.json().await.unwrap();
    assert_eq!(
        answer["errors"][0]["extensions"]["code"],
        "GRAPHQL_PARSE_FAILED"
    );

    assert_eq!(
        run(&gateway, &token, Some("s"), STATE_CHANGED)
            .await
            .status(),
        202
    );
    open_subscriptions(&gateway, 1, "the subscription opens").await;
    drop(stream);
    open_subscriptions(&gateway, 0, "a closed stream stops its operations").await;
    assert_eq!(run(&gateway, &token, Some("c"), query).await.status(), 404);
}
