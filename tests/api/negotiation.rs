//! Content negotiation as clients send it. urql lists every type it can read, the event stream
//! among them, with every operation: a query or a mutation is answered as JSON whenever a JSON
//! type is acceptable (with the cache headers a JSON answer carries), and an event stream is for
//! subscriptions, or for a client that accepts nothing else.

use serde_json::{Value, json};

use crate::helpers::TestGateway;
use crate::subscriptions::STATE_CHANGED;

/// urql's default `Accept` (`@urql/core` 5).
const URQL_ACCEPT: &str = "application/graphql-response+json, application/graphql+json, application/json, text/event-stream, multipart/mixed";

const QUERY: &str =
    "{ liveContents(first: 2, filter: {provider: LISA}) { edges { node { id title } } } }";

fn media(response: &reqwest::Response) -> String {
    response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_string()
}

async fn post(gateway: &TestGateway, accept: &str, body: &Value) -> reqwest::Response {
    let url = format!("{}/graphql", gateway.url);
    let request = gateway.http.post(url).header("accept", accept).json(body);
    request.send().await.expect("the gateway answers")
}

async fn get(gateway: &TestGateway, accept: &str, query: &str) -> reqwest::Response {
    let parameters = serde_urlencoded::to_string([("query", query)]).unwrap();
    let url = format!("{}/graphql?{parameters}", gateway.url);
    let request = gateway.http.get(url).header("accept", accept);
    request.send().await.expect("the gateway answers")
}

/// A JSON answer with its data, not an event stream.
async fn assert_json_data(response: reqwest::Response) -> reqwest::header::HeaderMap {
    assert_eq!(response.status(), 200);
    assert!(
        media(&response).starts_with("application/graphql-response+json"),
        "{}",
        media(&response)
    );
    let headers = response.headers().clone();
    let answer: Value = response.json().await.unwrap();
    assert!(answer.get("errors").is_none(), "{answer}");
    assert_eq!(
        answer["data"]["liveContents"]["edges"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    headers
}

#[tokio::test]
async fn a_query_with_urqls_accept_is_answered_as_json_with_its_cache_headers() {
    let gateway = TestGateway::builder().start().await;
    let over_get = assert_json_data(get(&gateway, URQL_ACCEPT, QUERY).await).await;
    assert!(over_get.contains_key("etag"), "{over_get:?}");
    let cache_control = over_get["cache-control"].to_str().unwrap();
    assert!(
        cache_control.starts_with("public, max-age="),
        "{cache_control}"
    );
    assert!(over_get.contains_key("x-cache"), "{over_get:?}");

    let over_post = post(&gateway, URQL_ACCEPT, &json!({ "query": QUERY })).await;
    let over_post = assert_json_data(over_post).await;
    assert!(over_post.contains_key("x-cache"), "{over_post:?}");
}

#[tokio::test]
async fn a_subscription_with_urqls_accept_streams() {
    let gateway = TestGateway::builder().receiving_webhooks().start().await;
    let body = json!({ "query": STATE_CHANGED, "variables": {} });
    let response = post(&gateway, URQL_ACCEPT, &body).await;
    assert_eq!(response.status(), 200);
    assert!(
        media(&response).starts_with("text/event-stream"),
        "{}",
        media(&response)
    );
}

#[tokio::test]
async fn a_client_that_accepts_only_an_event_stream_gets_one_for_a_query_too() {
    let gateway = TestGateway::builder().start().await;
    let response = post(&gateway, "text/event-stream", &json!({ "query": QUERY })).await;
    assert_eq!(response.status(), 200);
    assert!(
        media(&response).starts_with("text/event-stream"),
        "{}",
        media(&response)
    );
    let body = response.text().await.unwrap();
    assert!(
        body.contains("event: next") && body.contains("event: complete"),
        "{body}"
    );
}

#[tokio::test]
async fn an_event_stream_refused_with_q_0_is_never_the_answer() {
    let gateway = TestGateway::builder().receiving_webhooks().start().await;
    let accept = "application/json, text/event-stream;q=0";
    let body = json!({ "query": STATE_CHANGED, "variables": {} });
    let response = post(&gateway, accept, &body).await;
    assert!(
        media(&response).starts_with("application/json"),
        "{}",
        media(&response)
    );
    let response = get(&gateway, "text/event-stream;q=0", QUERY).await;
    assert_eq!(response.status(), 406);
}
