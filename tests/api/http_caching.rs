//! What CDNs and SSR servers get: `Cache-Control` from the entries that fed an answer, `ETag`
//! and `304` over GET, and Apollo persisted queries for short GET URLs.

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::helpers::{OPERATOR_TOKEN, TestGateway, error_codes};

const QUERY: &str =
    "{ liveContents(first: 2, filter: {provider: LISA}) { edges { node { id title } } } }";

fn cache_control(response: &reqwest::Response) -> String {
    response.headers()["cache-control"]
        .to_str()
        .unwrap()
        .to_string()
}

fn max_age(cache_control: &str) -> u64 {
    cache_control
        .rsplit("max-age=")
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a max-age in {cache_control:?}"))
}

async fn get_query(
    gateway: &TestGateway,
    query: &str,
    if_none_match: Option<&str>,
) -> reqwest::Response {
    let url = format!(
        "{}/graphql?{}",
        gateway.url,
        serde_urlencoded::to_string([("query", query)]).unwrap()
    );
    let mut request = gateway.http.get(url);
    if let Some(etag) = if_none_match {
        request = request.header("if-none-match", etag);
    }
    request.send().await.expect("the gateway answers")
}

#[tokio::test]
async fn a_query_may_be_kept_as_long_as_its_shortest_source_stays_fresh() {
    let gateway = TestGateway::builder().start().await;
    let response = gateway.post(&json!({ "query": QUERY })).await;
    let value = cache_control(&response);
    assert!(value.starts_with("public, max-age="), "{value}");
    let age = max_age(&value);
    assert!(
        (1..=15).contains(&age),
        "within the list TTL of 15 s: {age}"
    );
    // Items read by id stay fresh 60 s, but the answer is fed by a list page too.
    let node =
        "query($id: ID!) { node(id: $id) { id } l: liveContents(first: 1) { edges { cursor } } }";
    let id =
        response.json::<Value>().await.unwrap()["data"]["liveContents"]["edges"][0]["node"]["id"]
            .clone();
    let mixed = gateway
        .post(&json!({ "query": node, "variables": { "id": id } }))
        .await;
    assert!(max_age(&cache_control(&mixed)) <= 15);
    let alone = gateway
        .post(&json!({ "query": "query($id: ID!) { node(id: $id) { id } }", "variables": { "id": id } }))
        .await;
    assert!(
        max_age(&cache_control(&alone)) > 15,
        "an item alone keeps longer"
    );
}

#[tokio::test]
async fn authenticated_answers_are_private_and_mutations_and_errors_are_not_kept() {
    let gateway = TestGateway::builder().start().await;
    let authenticated = gateway
        .http
        .post(format!("{}/graphql", gateway.url))
        .bearer_auth(OPERATOR_TOKEN)
        .json(&json!({ "query": QUERY }))
        .send()
        .await
        .unwrap();
    assert!(cache_control(&authenticated).starts_with("private, max-age="));
    let mutation = gateway
        .post(&json!({ "query": "mutation { deleteChannel(id: \"nope\") }" }))
        .await;
    assert_eq!(cache_control(&mutation), "no-store");
    let failing = gateway
        .post(&json!({ "query": "{ liveContent(id: \"bm90LWFuLWlk\") { id } }" }))
        .await;
    assert_eq!(cache_control(&failing), "no-store");
    let answer: Value = failing.json().await.unwrap();
    assert!(
        !error_codes(&answer).is_empty(),
        "an answer with errors: {answer}"
    );
}

#[tokio::test]
async fn get_answers_carry_an_etag_and_a_match_gets_304() {
    let gateway = TestGateway::builder().start().await;
    let first = get_query(&gateway, QUERY, None).await;
    assert_eq!(first.status(), 200);
    let etag = first.headers()["etag"].to_str().unwrap().to_string();
    assert!(etag.starts_with('"') && etag.ends_with('"'), "{etag}");
    let body = first.text().await.unwrap();

    let again = get_query(&gateway, QUERY, Some(&etag)).await;
    assert_eq!(again.status(), 304);
    assert_eq!(again.headers()["etag"].to_str().unwrap(), etag);
    assert!(again.headers().contains_key("cache-control"));
    assert!(again.text().await.unwrap().is_empty(), "no body with a 304");

    let other = get_query(&gateway, QUERY, Some("\"something-else\"")).await;
    assert_eq!(other.status(), 200);
    assert_eq!(
        other.text().await.unwrap(),
        body,
        "the same answer, in full"
    );
    let posted = gateway.post(&json!({ "query": QUERY })).await;
    assert!(
        !posted.headers().contains_key("etag"),
        "POST answers carry no ETag"
    );
}

fn persisted(hash: &str) -> String {
    json!({ "persistedQuery": { "version": 1, "sha256Hash": hash } }).to_string()
}

#[tokio::test]
async fn persisted_queries_register_by_hash_and_then_run_from_a_short_get() {
    let gateway = TestGateway::builder().start().await;
    let hash = format!("{:x}", Sha256::digest(QUERY.as_bytes()));
    let by_hash = format!(
        "{}/graphql?{}",
        gateway.url,
        serde_urlencoded::to_string([("extensions", persisted(&hash))]).unwrap()
    );
    let unknown: Value = gateway
        .http
        .get(&by_hash)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(error_codes(&unknown), ["PERSISTED_QUERY_NOT_FOUND"]);
    assert_eq!(unknown["errors"][0]["message"], "PersistedQueryNotFound");

    let registered: Value = gateway
        .post(&json!({ "query": QUERY, "extensions": { "persistedQuery": { "version": 1, "sha256Hash": hash } } }))
        .await
        .json()
        .await
        .unwrap();
    assert!(registered.get("errors").is_none(), "{registered}");
    let short = gateway.http.get(&by_hash).send().await.unwrap();
    assert_eq!(short.status(), 200);
    assert!(short.headers().contains_key("etag"));
    let answer: Value = short.json().await.unwrap();
    assert_eq!(answer["data"], registered["data"]);

    let mismatch = gateway
        .post(&json!({ "query": "{ __typename }", "extensions": { "persistedQuery": { "version": 1, "sha256Hash": hash } } }))
        .await;
    assert_eq!(mismatch.status(), 400);
}
