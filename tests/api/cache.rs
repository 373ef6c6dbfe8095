//! The provider-answer cache seen from outside: stale answers while a provider fails (within
//! the grace, not after it), the operator's invalidation route, mutations that invalidate what
//! they change, and the weight bound.

use std::time::Duration;

use live_commerce_gateway::simulator::{Fault, FaultTarget, SimProvider};
use serde_json::{Value, json};

use crate::helpers::{OPERATOR_TOKEN, TestGateway, error_codes};

const SHOWS: &str =
    "{ liveContents(first: 3, filter: {provider: LISA}) { edges { node { id title } } } }";

fn lisa_down(gateway: &TestGateway) {
    let fault = Fault {
        latency: Duration::ZERO,
        status: Some(503),
    };
    gateway
        .simulator()
        .inject_fault(FaultTarget::Provider(SimProvider::Lisa), fault);
}

/// A gateway whose entries are fresh for 1 ms and then kept `grace` longer.
async fn expiring(grace: Duration) -> TestGateway {
    TestGateway::builder()
        .with(move |config| {
            let fresh_for = Duration::from_millis(1);
            config.cache.entity_ttl = fresh_for;
            config.cache.list_ttl = fresh_for;
            config.cache.live_state_ttl = fresh_for;
            config.cache.stale_grace = grace;
        })
        .start()
        .await
}

/// Waits until entries fresh for 1 ms are past their TTL (time passing is what is tested).
async fn past_ttl() {
    tokio::time::sleep(Duration::from_millis(20)).await;
}

#[tokio::test]
async fn a_repeated_deep_query_makes_no_provider_request() {
    let gateway = TestGateway::builder().start().await;
    let query = "{ liveContents(first: 50) { edges { node { title stickers { name } shortClips { title } channel { name } seller { name } products { edges { node { name } } } } } } }";
    let first = gateway.query(query, json!({})).await;
    assert!(first.get("errors").is_none(), "{first}");
    gateway.simulator().reset_request_counts();
    let again = gateway.query(query, json!({})).await;
    assert_eq!(again, first);
    gateway.assert_no_provider_request("no provider request");
}

#[tokio::test]
async fn a_failing_provider_is_covered_by_the_stale_entry_within_the_grace() {
    let gateway = expiring(Duration::from_secs(600)).await;
    let fresh = gateway.query(SHOWS, json!({})).await;
    assert!(fresh.get("errors").is_none(), "{fresh}");
    past_ttl().await;
    lisa_down(&gateway);
    let response = gateway.post(&json!({ "query": SHOWS })).await;
    assert_eq!(response.headers()["cache-control"], "public, max-age=0");
    let stale: Value = response.json().await.unwrap();
    assert!(stale.get("errors").is_none(), "{stale}");
    assert_eq!(stale["data"], fresh["data"], "the last answer, unchanged");
    let named: Vec<&str> = stale["extensions"]["stale"]
        .as_array()
        .expect("extensions.stale lists what was stale")
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(
        named.iter().any(|s| s.starts_with("lisa shows.find /")),
        "{named:?}"
    );
    assert!(gateway.cache.counts().stale_answers > 0);
}

#[tokio::test]
async fn after_the_grace_a_failing_provider_is_an_error() {
    let gateway = expiring(Duration::from_millis(1)).await;
    let fresh = gateway.query(SHOWS, json!({})).await;
    assert!(fresh.get("errors").is_none(), "{fresh}");
    past_ttl().await;
    lisa_down(&gateway);
    let answer = gateway.query(SHOWS, json!({})).await;
    assert_eq!(error_codes(&answer), ["UPSTREAM_UNAVAILABLE"]);
    assert!(answer["extensions"]["stale"].is_null());
}

async fn invalidate(gateway: &TestGateway, token: Option<&str>, body: &str) -> reqwest::Response {
    let authorization = token.map(|token| format!("Bearer {token}"));
    let path = "/internal/cache/invalidate";
    gateway
        .post_internal(path, authorization.as_deref(), body.to_string())
        .await
}

#[tokio::test]
async fn the_operator_invalidates_by_entity_type_or_everything() {
    let gateway = TestGateway::builder().start().await;
    let shows = gateway.query(SHOWS, json!({})).await;
    let lives =
        "{ liveContents(first: 2, filter: {provider: CAAST}) { edges { node { providerId } } } }";
    let live_id = gateway.query(lives, json!({})).await["data"]["liveContents"]["edges"][0]["node"]
        ["providerId"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        invalidate(&gateway, None, r#"[{"kind":"all"}]"#)
            .await
            .status(),
        401
    );
    assert_eq!(
        invalidate(&gateway, Some("wrong"), r#"[{"kind":"all"}]"#)
            .await
            .status(),
        401
    );
    for bad in [
        r#"{"kind":"all"}"#,
        r#"[{"kind":"some"}]"#,
        r#"[{"kind":"type","provider":"caast","type":"lives"}]"#,
        "not json",
    ] {
        let response = invalidate(&gateway, Some(OPERATOR_TOKEN), bad).await;
        assert_eq!(response.status(), 400, "{bad}");
    }

    gateway.simulator().reset_request_counts();
    let entity = json!([{ "kind": "entity", "provider": "caast", "type": "live", "id": live_id }]);
    let response = invalidate(&gateway, Some(OPERATOR_TOKEN), &entity.to_string()).await;
    assert_eq!(response.status(), 202);
    let count = response.json::<Value>().await.unwrap()["count"]
        .as_u64()
        .unwrap();
    assert!(count >= 1, "the page holding the live went ({count})");
    gateway.query(SHOWS, json!({})).await;
    assert_eq!(gateway.provider_requests(), 0, "LiSA's entries were kept");
    gateway.query(lives, json!({})).await;
    assert_eq!(gateway.provider_requests(), 1, "Caast's page is read again");

    let by_type = r#"[{"kind":"type","provider":"lisa","type":"show"}]"#;
    let response = invalidate(&gateway, Some(OPERATOR_TOKEN), by_type).await;
    assert_eq!(response.status(), 202);
    assert!(
        response.json::<Value>().await.unwrap()["count"]
            .as_u64()
            .unwrap()
            >= 1
    );
    assert_eq!(gateway.query(SHOWS, json!({})).await, shows);
    assert_eq!(
        gateway.provider_requests(),
        2,
        "the show page is read again"
    );

    let response = invalidate(&gateway, Some(OPERATOR_TOKEN), r#"[{"kind":"all"}]"#).await;
    assert!(
        response.json::<Value>().await.unwrap()["count"]
            .as_u64()
            .unwrap()
            >= 2
    );
    let response = invalidate(&gateway, Some(OPERATOR_TOKEN), r#"[{"kind":"all"}]"#).await;
    assert_eq!(
        response.json::<Value>().await.unwrap()["count"],
        0,
        "nothing left"
    );
}

#[tokio::test]
async fn a_mutation_invalidates_what_it_changed() {
    let gateway = TestGateway::builder().start().await;
    let sellers = "{ sellers(first: 1) { edges { node { id name } } } }";
    let before = gateway.query(sellers, json!({})).await;
    let id = before["data"]["sellers"]["edges"][0]["node"]["id"].clone();
    let updated = gateway
        .query_as_operator(
            "mutation($id: ID!) { updateSeller(id: $id, input: {name: \"Renamed\", externalId: \"X-1\"}) { name } }",
            json!({ "id": id }),
        )
        .await;
    assert!(updated.get("errors").is_none(), "{updated}");
    let after = gateway.query(sellers, json!({})).await;
    assert_eq!(
        after["data"]["sellers"]["edges"][0]["node"]["name"],
        "Renamed"
    );
}

#[tokio::test]
async fn the_weight_bound_holds_when_filling_far_past_it() {
    let bound: u64 = 32 * 1024;
    let gateway = TestGateway::builder()
        .with(move |config| config.cache.max_bytes = bound)
        .start()
        .await;
    for first in 1..=40 {
        let query =
            format!("{{ liveContents(first: {first}) {{ edges {{ node {{ id title }} }} }} }}");
        let answer = gateway.query(&query, json!({})).await;
        assert!(answer.get("errors").is_none(), "{answer}");
    }
    let held = gateway.cache.weighted_size().await;
    assert!(held <= bound, "{held} bytes held, bound {bound}");
    assert!(
        gateway.cache.counts().evictions > 0,
        "the bound was reached"
    );
}
