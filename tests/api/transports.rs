//! One pipeline runs every operation, whatever carried it: the same refusal comes with the same
//! code over HTTP POST, HTTP GET, WebSocket and SSE, and an answer executed over any of them is
//! kept with the tags of what fed it, so a webhook about a show it contains drops it.

use serde_json::{Value, json};

use crate::helpers::{TestGateway, a_lisa_show};
use crate::protection::fragment_bomb;
use crate::subscriptions_sse::EventStream;
use crate::ws_client::WsClient;

const GRAPHQL_RESPONSE: &str = "application/graphql-response+json";
const SSE: &str = "text/event-stream";

fn code_of(errors: &Value) -> String {
    errors[0]["extensions"]["code"]
        .as_str()
        .unwrap_or_else(|| panic!("an error with a code: {errors}"))
        .to_string()
}

/// The status and error code `request` is refused with.
async fn refused(request: reqwest::RequestBuilder) -> (u16, String) {
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let answer: Value = response.json().await.unwrap();
    (status, code_of(&answer["errors"]))
}

/// A POST of `query` that accepts `accept` (a plain one, or an event stream).
fn post(gateway: &TestGateway, query: &str, accept: &str) -> reqwest::RequestBuilder {
    let url = format!("{}/graphql", gateway.url);
    let body = json!({ "query": query });
    gateway.http.post(url).header("accept", accept).json(&body)
}

/// The same over GET.
fn get(gateway: &TestGateway, query: &str, accept: &str) -> reqwest::RequestBuilder {
    let url = format!("{}/graphql", gateway.url);
    let params = [("query", query)];
    gateway
        .http
        .get(url)
        .query(&params)
        .header("accept", accept)
}

/// The code of the `error` message a WebSocket subscriber gets for `query`.
async fn over_websocket(gateway: &TestGateway, query: &str) -> String {
    let mut client = WsClient::ready(gateway, json!({})).await;
    client.subscribe("1", query, json!({})).await;
    let message = client.next_event().await;
    assert_eq!(message["type"], "error", "{message}");
    code_of(&message["payload"])
}

#[tokio::test]
async fn a_refused_document_gets_the_same_code_over_every_transport() {
    let gateway = TestGateway::builder()
        .receiving_webhooks()
        .with(|config| config.limits.max_complexity = 40)
        .start()
        .await;
    let bomb = fragment_bomb(8);
    let expected = "QUERY_TOO_COMPLEX";
    let refusal = (400, expected.to_string());
    for accept in [GRAPHQL_RESPONSE, SSE] {
        assert_eq!(
            refused(post(&gateway, &bomb, accept)).await,
            refusal,
            "POST {accept}"
        );
        assert_eq!(
            refused(get(&gateway, &bomb, accept)).await,
            refusal,
            "GET {accept}"
        );
    }
    assert_eq!(over_websocket(&gateway, &bomb).await, expected);
}

#[tokio::test]
async fn a_mutation_over_get_is_refused_with_the_same_code_on_plain_http_and_sse() {
    let gateway = TestGateway::builder().receiving_webhooks().start().await;
    let mutation = "mutation { __typename }";
    for accept in [GRAPHQL_RESPONSE, SSE] {
        let response = get(&gateway, mutation, accept).send().await.unwrap();
        assert_eq!(response.status(), 405, "{accept}");
        assert_eq!(response.headers()["allow"], "POST", "{accept}");
        let answer: Value = response.json().await.unwrap();
        assert_eq!(code_of(&answer["errors"]), "BAD_REQUEST", "{accept}");
    }
    gateway.assert_no_provider_request("nothing ran");
}

/// How each transport runs a query: it returns the answer's `data`.
#[derive(Debug, Clone, Copy)]
enum Carrier {
    Post,
    Get,
    WebSocket,
    Sse,
}

impl Carrier {
    async fn run(self, gateway: &TestGateway, query: &str, variables: Value) -> Value {
        let answer = match self {
            Self::Post => {
                let (x_cache, answer) = posted(gateway, query, &variables).await;
                assert_eq!(x_cache, "MISS");
                answer
            }
            Self::Get => {
                let variables = [("variables", variables.to_string())];
                let request = get(gateway, query, GRAPHQL_RESPONSE).query(&variables);
                let response = request.send().await.unwrap();
                assert_eq!(response.status(), 200);
                response.json().await.unwrap()
            }
            Self::WebSocket => {
                let mut client = WsClient::ready(gateway, json!({})).await;
                client.subscribe("1", query, variables).await;
                let message = client.next_event().await;
                assert_eq!(message["type"], "next", "{message}");
                assert_eq!(client.next_event().await["type"], "complete");
                message["payload"].clone()
            }
            Self::Sse => {
                let mut stream = EventStream::open(gateway, query, variables).await;
                let (name, data) = stream.next().await;
                assert_eq!(name, "next");
                assert_eq!(stream.next().await.0, "complete");
                serde_json::from_str(&data).unwrap()
            }
        };
        assert!(answer.get("errors").is_none(), "{answer}");
        answer["data"].clone()
    }
}

/// A POST of `query` in the media type streams answer in: whether the response cache answered
/// it (`x-cache`), and the answer.
async fn posted(gateway: &TestGateway, query: &str, variables: &Value) -> (String, Value) {
    let body = json!({ "query": query, "variables": variables });
    let request = post(gateway, query, GRAPHQL_RESPONSE).json(&body);
    let response = request.send().await.unwrap();
    let x_cache = response.headers()["x-cache"].to_str().unwrap().to_string();
    (x_cache, response.json().await.unwrap())
}

#[tokio::test]
async fn an_answer_executed_over_any_transport_is_dropped_by_a_webhook_about_its_show() {
    let gateway = TestGateway::builder().receiving_webhooks().start().await;
    let (id, show_id) = a_lisa_show(&gateway).await;
    let variables = json!({ "id": id });
    let simulator = gateway.simulator();
    for (n, carrier) in [
        Carrier::Post,
        Carrier::Get,
        Carrier::WebSocket,
        Carrier::Sse,
    ]
    .into_iter()
    .enumerate()
    {
        // A document of its own per transport: its own entry in the response cache.
        let query = format!("query($id: ID!) {{ t{n}: liveContent(id: $id) {{ title }} }}");
        let before = format!("before {carrier:?}");
        simulator.retitle_show(&show_id, &before).await.unwrap();
        let data = carrier.run(&gateway, &query, variables.clone()).await;
        assert_eq!(
            data[format!("t{n}")]["title"],
            before.as_str(),
            "{carrier:?}"
        );
        // Kept: the next identical request (over HTTP, in the media type streams answer in)
        // is a hit.
        let (x_cache, _) = posted(&gateway, &query, &variables).await;
        assert_eq!(x_cache, "HIT", "{carrier:?}: the answer was kept");

        let after = format!("after {carrier:?}");
        simulator.retitle_show(&show_id, &after).await.unwrap();
        let (x_cache, answer) = posted(&gateway, &query, &variables).await;
        assert_eq!(
            x_cache, "MISS",
            "{carrier:?}: the webhook dropped the kept answer"
        );
        let title = &answer["data"][format!("t{n}")]["title"];
        assert_eq!(title, after.as_str(), "{carrier:?}");
    }
}
