//! Batched operations, as Apollo's `BatchHttpLink` sends them: a JSON array of requests in one
//! POST, answered as a JSON array in the same order. Each operation is limited and authorised
//! as if it came alone; a batch past `GATEWAY_MAX_BATCH` is refused whole.

use serde_json::{Value, json};

use crate::helpers::{OPERATOR_TOKEN, TestGateway, error_codes};

const LIVES: &str = "{ liveContents(first: 2) { edges { node { id } } } }";
const SELLERS: &str =
    "query Sellers($first: Int) { sellers(first: $first) { edges { node { id } } } }";

async fn post_batch(
    gateway: &crate::helpers::TestGateway,
    body: &Value,
    token: Option<&str>,
) -> reqwest::Response {
    let mut request = gateway.http.post(format!("{}/graphql", gateway.url));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request
        .json(body)
        .send()
        .await
        .expect("the gateway answers")
}

fn edges(answer: &Value, field: &str) -> usize {
    answer["data"][field]["edges"]
        .as_array()
        .map_or(0, Vec::len)
}

#[tokio::test]
async fn a_batch_is_answered_as_an_array_in_its_order() {
    let gateway = TestGateway::builder().start().await;
    let body = json!([
        { "query": SELLERS, "variables": { "first": 1 }, "operationName": "Sellers" },
        { "query": LIVES },
    ]);
    let response = post_batch(&gateway, &body, None).await;
    assert_eq!(response.status(), 200);
    let answers: Vec<Value> = response.json().await.unwrap();
    assert_eq!(answers.len(), 2, "{answers:?}");
    assert_eq!(edges(&answers[0], "sellers"), 1, "{}", answers[0]);
    assert_eq!(edges(&answers[1], "liveContents"), 2, "{}", answers[1]);
}

#[tokio::test]
async fn an_operation_refused_in_a_batch_costs_only_its_own_answer() {
    let gateway = TestGateway::builder()
        .with(|config| config.limits.max_depth = 3)
        .start()
        .await;
    let too_deep = "{ liveContents(first: 1) { edges { node { seller { name } } } } }";
    let body = json!([
        { "query": too_deep },
        { "query": "{ liveContents(first: 1) {" },
        { "query": "mutation { finishLive(id: \"x\") { id } }" },
        { "query": "{ sellers(first: 1) { totalCount } }" },
    ]);
    let response = post_batch(&gateway, &body, None).await;
    assert_eq!(response.status(), 200);
    let answers: Vec<Value> = response.json().await.unwrap();
    assert_eq!(
        error_codes(&answers[0]),
        ["QUERY_TOO_DEEP"],
        "{}",
        answers[0]
    );
    assert_eq!(
        error_codes(&answers[1]),
        ["GRAPHQL_PARSE_FAILED"],
        "{}",
        answers[1]
    );
    assert!(
        error_codes(&answers[2]).contains(&"UNAUTHENTICATED".to_string()),
        "{}",
        answers[2]
    );
    assert!(answers[3]["errors"].is_null(), "{}", answers[3]);
    assert!(answers[3]["data"]["sellers"]["totalCount"].is_number());
}

#[tokio::test]
async fn the_operator_token_applies_to_every_operation_of_a_batch() {
    let gateway = TestGateway::builder().start().await;
    let secret = "{ liveContents(first: 1, filter: {provider: CAAST}) { edges { node { id streamCredentials { streamKey } } } } }";
    let body = json!([{ "query": secret }, { "query": secret }]);
    let answers: Vec<Value> = post_batch(&gateway, &body, Some(OPERATOR_TOKEN))
        .await
        .json()
        .await
        .unwrap();
    for answer in &answers {
        assert!(answer["errors"].is_null(), "{answer}");
    }
    let anonymous: Vec<Value> = post_batch(&gateway, &body, None)
        .await
        .json()
        .await
        .unwrap();
    for answer in &anonymous {
        assert_eq!(error_codes(answer), ["UNAUTHENTICATED"], "{answer}");
    }
}

#[tokio::test]
async fn a_batch_past_the_maximum_or_empty_is_refused_whole() {
    let gateway = TestGateway::builder()
        .with(|config| config.limits.max_batch = 2)
        .start()
        .await;
    let three = json!([{ "query": LIVES }, { "query": LIVES }, { "query": LIVES }]);
    let response = post_batch(&gateway, &three, None).await;
    assert_eq!(response.status(), 400);
    let answer: Value = response.json().await.unwrap();
    assert_eq!(error_codes(&answer), ["BAD_REQUEST"]);
    let message = answer["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("at most 2 operations"), "{message}");

    for body in [json!([]), json!([1, 2])] {
        let response = post_batch(&gateway, &body, None).await;
        assert_eq!(response.status(), 400, "{body}");
        let answer: Value = response.json().await.unwrap();
        assert_eq!(error_codes(&answer), ["BAD_REQUEST"], "{body}");
    }

    let two = json!([{ "query": LIVES }, { "query": LIVES }]);
    assert_eq!(post_batch(&gateway, &two, None).await.status(), 200);
}
