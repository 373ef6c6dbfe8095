//! LiSA reads through GraphQL (first slice): show filters reach LiSA, counted totals are asked
//! only when selected, texts follow the caller's locale, channels page and resolve.

use std::collections::HashSet;

use live_commerce_gateway::simulator::Operation;
use serde_json::{Value, json};

use crate::helpers::{TestGateway, error_codes, has_pair, only_request};

#[tokio::test]
async fn every_show_filter_reaches_lisa_and_leaves_caast_out() {
    let gateway = TestGateway::builder().start().await;
    gateway.simulator().reset_request_counts();
    let answer = gateway
        .query(
            r#"{ liveContents(first: 5, orderBy: {field: SCHEDULED_AT, direction: ASC}, filter: {state: ENDED, channel: "fashion",
                 creator: ["jane.doe", "max"], category: "women", tag: ["casual"], scheduledAfter: "2026-01-01T00:00:00Z",
                 scheduledBefore: "2027-01-01T00:00:00Z", modifiedSince: "2025-06-01T00:00:00Z"}) { edges { cursor } } }"#,
            json!({}),
        )
        .await;
    assert!(answer.get("errors").is_none(), "{answer}");
    let request = only_request(&gateway, Operation::LisaShowsFind);
    for (key, value) in [
        ("live", "false"),
        ("conducted", "true"),
        ("channel", "fashion"),
        ("creator", "jane.doe,max"),
        ("category", "women"),
        ("tag", "casual"),
        ("date", "2026-01-01T00:00:00.000Z,2027-01-01T00:00:00.000Z"),
        ("modified_since", "2025-06-01T00:00:00.000Z"),
        ("sort", "date:asc"),
    ] {
        assert!(
            has_pair(&request, key, value),
            "{key}={value} reached LiSA: {:?}",
            request.query
        );
    }
    assert_eq!(
        gateway.simulator().request_count(Operation::CaastLivesList),
        0,
        "a LiSA-only filter leaves Caast out"
    );
}

#[tokio::test]
async fn total_count_comes_from_the_count_endpoints_only_when_asked() {
    let gateway = TestGateway::builder().start().await;
    gateway.simulator().reset_request_counts();
    let without = gateway.query("{ liveContents(first: 3) { edges { cursor } } channels(first: 2) { edges { cursor } } }", json!({})).await;
    assert!(without.get("errors").is_none(), "{without}");
    assert_eq!(
        gateway.simulator().request_count(Operation::LisaShowsCount),
        0
    );
    assert_eq!(
        gateway
            .simulator()
            .request_count(Operation::LisaChannelsCount),
        0
    );

    let with = gateway.query("{ liveContents(first: 3, filter: {provider: LISA}) { totalCount } channels(first: 2) { totalCount } }", json!({})).await;
    let show_count = gateway.simulator().received_for(Operation::LisaShowsCount);
    assert_eq!(show_count.len(), 1);
    let direct = reqwest::Client::new()
        .get(format!(
            // Published shows only: what the gateway lists without a status filter.
            "{}/shows/count?status=ready",
            gateway.simulated_lisa_url().as_str().trim_end_matches('/')
        ))
        .header(
            "Authorization",
            format!(
                "ApiKey {}",
                live_commerce_gateway::simulator::SimulatorConfig::default().lisa_api_key
            ),
        )
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(with["data"]["liveContents"]["totalCount"], direct["count"]);
    assert_eq!(
        gateway
            .simulator()
            .request_count(Operation::LisaChannelsCount),
        1
    );
    assert!(with["data"]["channels"]["totalCount"].as_u64().unwrap() > 0);
}

const SHOW_TEXTS: &str =
    "query($locale: String) { liveContents(first: 70, filter: {provider: LISA}) { edges { node {
    fallback: title default: title(locale: $locale) titleTranslations { locale text } } } } }";

/// A show with translations, and its titles as the query above returns them.
async fn translated_show(
    gateway: &TestGateway,
    accept_language: Option<&str>,
    locale: Option<&str>,
) -> Value {
    let mut request = gateway
        .http
        .post(format!("{}/graphql", gateway.url))
        .json(&json!({ "query": SHOW_TEXTS, "variables": { "locale": locale } }));
    if let Some(language) = accept_language {
        request = request.header("accept-language", language);
    }
    let answer: Value = request.send().await.unwrap().json().await.unwrap();
    let edges = answer["data"]["liveContents"]["edges"]
        .as_array()
        .unwrap()
        .clone();
    edges
        .into_iter()
        .map(|e| e["node"].clone())
        .find(|n| n["titleTranslations"].as_array().unwrap().len() > 1)
        .expect("a translated show")
}

fn translation<'a>(node: &'a Value, locale: &str) -> &'a Value {
    &node["titleTranslations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["locale"] == locale)
        .unwrap()["text"]
}

#[tokio::test]
async fn lisa_texts_follow_the_argument_then_accept_language_then_the_fallback() {
    let gateway = TestGateway::builder().start().await;
    let plain = translated_show(&gateway, None, None).await;
    assert_eq!(
        &plain["fallback"],
        translation(&plain, "*"),
        "no locale at all: the fallback"
    );
    let german = translated_show(&gateway, Some("de-DE,de;q=0.9,en;q=0.5"), None).await;
    assert_eq!(
        &german["fallback"],
        translation(&german, "de-de"),
        "Accept-Language decides"
    );
    assert_ne!(
        translation(&german, "de-de"),
        translation(&german, "*"),
        "the test needs distinct texts"
    );
    let french = translated_show(&gateway, Some("de-DE"), Some("fr-fr")).await;
    assert_eq!(
        &french["default"],
        translation(&french, "fr-fr"),
        "the argument wins over Accept-Language"
    );
    assert_eq!(&french["fallback"], translation(&french, "de-de"));
    let unknown = translated_show(&gateway, Some("ja-JP"), None).await;
    assert_eq!(
        &unknown["fallback"],
        translation(&unknown, "*"),
        "an unknown language falls back"
    );
}

#[tokio::test]
async fn channels_page_through_every_item_and_resolve_by_id_slug_and_from_a_show() {
    let gateway = TestGateway::builder().start().await;
    let all = gateway.query("{ channels(first: 50) { totalCount edges { node { id slug name status hosts assets } } } }", json!({})).await;
    let nodes: Vec<Value> = all["data"]["channels"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"].clone())
        .collect();
    assert_eq!(
        all["data"]["channels"]["totalCount"].as_u64(),
        Some(nodes.len() as u64)
    );
    let mut seen = HashSet::new();
    let mut after = Value::Null;
    loop {
        let page = gateway
            .query("query($after: String) { channels(first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }", json!({ "after": after }))
            .await;
        for edge in page["data"]["channels"]["edges"].as_array().unwrap() {
            assert!(
                seen.insert(edge["node"]["id"].as_str().unwrap().to_string()),
                "no duplicates"
            );
        }
        if page["data"]["channels"]["pageInfo"]["hasNextPage"] == false {
            break;
        }
        after = page["data"]["channels"]["pageInfo"]["endCursor"].clone();
    }
    assert_eq!(
        seen.len(),
        nodes.len(),
        "paging by two gives every channel once"
    );

    let first = &nodes[0];
    let by_slug = gateway
        .query(
            "query($s: String) { channel(slug: $s) { id slug } }",
            json!({ "s": first["slug"] }),
        )
        .await;
    assert_eq!(by_slug["data"]["channel"]["id"], first["id"]);
    let by_node = gateway
        .query(
            "query($id: ID!) { node(id: $id) { ... on Channel { slug } } }",
            json!({ "id": first["id"] }),
        )
        .await;
    assert_eq!(by_node["data"]["node"]["slug"], first["slug"]);
    let both = gateway
        .query(r#"{ channel(slug: "a", id: "b") { id } }"#, json!({}))
        .await;
    assert_eq!(error_codes(&both), ["BAD_USER_INPUT"]);

    let shows = gateway
        .query("query($s: String) { channel(slug: $s) { liveContents(first: 50) { edges { node { channel { slug } } } } highlightedShows { id } } }", json!({ "s": first["slug"] }))
        .await;
    assert!(shows.get("errors").is_none(), "{shows}");
    let edges = shows["data"]["channel"]["liveContents"]["edges"]
        .as_array()
        .unwrap();
    assert!(
        !edges.is_empty()
            && edges
                .iter()
                .all(|e| e["node"]["channel"]["slug"] == first["slug"]),
        "a channel's shows are its own"
    );
}

#[tokio::test]
async fn a_shows_stream_keys_are_for_the_operator_only() {
    let gateway = TestGateway::builder().start().await;
    let query = "{ liveContents(first: 1, filter: {provider: LISA}) { edges { node { creators categories streamCredentials { rtmpUrl streamKey } streamCredentialCount } } } }";
    let anonymous = gateway.query(query, json!({})).await;
    let hidden = &anonymous["data"]["liveContents"]["edges"][0]["node"];
    assert!(hidden["streamCredentials"].is_null() && hidden["streamCredentialCount"].is_null());
    assert_eq!(
        error_codes(&anonymous),
        ["UNAUTHENTICATED", "UNAUTHENTICATED"]
    );
    assert_eq!(
        gateway
            .simulator()
            .request_count(Operation::LisaRtmpKeysFind),
        0,
        "no keys are even fetched for an anonymous caller"
    );
    assert_eq!(
        gateway
            .simulator()
            .request_count(Operation::LisaRtmpKeysCount),
        0
    );
    let operator = gateway.query_as_operator(query, json!({})).await;
    assert!(operator.get("errors").is_none(), "{operator}");
    let node = &operator["data"]["liveContents"]["edges"][0]["node"];
    assert!(
        node["streamCredentials"][0]["streamKey"]
            .as_str()
            .is_some_and(|k| !k.is_empty()),
        "{node}"
    );
    assert_eq!(
        node["streamCredentialCount"],
        node["streamCredentials"].as_array().unwrap().len(),
        "the count endpoint agrees with the keys"
    );
    assert!(!node["creators"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn only_published_shows_are_listed_unless_the_operator_asks_for_others() {
    let gateway = TestGateway::builder().start().await;
    let public = gateway
        .query(
            "{ liveContents(first: 100, filter: {provider: LISA}) { edges { node { id } } } }",
            json!({}),
        )
        .await;
    assert!(public.get("errors").is_none(), "{public}");
    let request = &gateway.simulator().received_for(Operation::LisaShowsFind)[0];
    assert!(has_pair(request, "status", "ready"), "{:?}", request.query);
    let published = public["data"]["liveContents"]["edges"]
        .as_array()
        .unwrap()
        .len();

    let drafts = "{ liveContents(first: 100, filter: {status: [DRAFT]}) { edges { node { id provider } } } }";
    let anonymous = gateway.query(drafts, json!({})).await;
    assert_eq!(error_codes(&anonymous), ["UNAUTHENTICATED"]);
    gateway.simulator().reset_request_counts();
    let operator = gateway.query_as_operator(drafts, json!({})).await;
    assert!(operator.get("errors").is_none(), "{operator}");
    let edges = operator["data"]["liveContents"]["edges"]
        .as_array()
        .unwrap();
    assert!(!edges.is_empty() && edges.iter().all(|e| e["node"]["provider"] == "LISA"));
    let request = &gateway.simulator().received_for(Operation::LisaShowsFind)[0];
    assert!(has_pair(request, "status", "draft"), "{:?}", request.query);
    assert_eq!(
        gateway.simulator().request_count(Operation::CaastLivesList),
        0,
        "a LiSA-only filter leaves Caast out"
    );
    let draft = json!({ "id": edges[0]["node"]["id"] });
    let one = "query($id: ID!) { liveContent(id: $id) { id } }";
    let hidden = gateway.query(one, draft.clone()).await;
    assert!(hidden["data"]["liveContent"].is_null());
    assert_eq!(
        error_codes(&hidden),
        ["NOT_FOUND"],
        "a draft read by id is hidden too"
    );
    let seen = gateway.query_as_operator(one, draft.clone()).await;
    assert_eq!(seen["data"]["liveContent"]["id"], draft["id"]);
    let public_ids = public.to_string();
    assert!(
        edges
            .iter()
            .all(|e| !public_ids.contains(e["node"]["id"].as_str().unwrap())),
        "drafts are not among the {published} published shows"
    );
}

#[tokio::test]
async fn an_operator_sees_each_shows_status_and_name_and_each_stickers_status() {
    let gateway = TestGateway::builder().start().await;
    for status in ["DRAFT", "ARCHIVED", "READY"] {
        let query = format!(
            "{{ liveContents(first: 100, filter: {{status: [{status}]}}) {{ edges {{ node {{ name status }} }} }} }}"
        );
        let answer = gateway.query_as_operator(&query, json!({})).await;
        assert!(answer.get("errors").is_none(), "{answer}");
        let edges = answer["data"]["liveContents"]["edges"].as_array().unwrap();
        assert!(!edges.is_empty(), "the seed has {status} shows");
        for edge in edges {
            assert_eq!(edge["node"]["status"], status, "{edge}");
            assert!(edge["node"]["name"].as_str().is_some_and(|n| !n.is_empty()));
        }
    }
    let lives =
        "{ liveContents(first: 5, filter: {provider: CAAST}) { edges { node { name status } } } }";
    let answer = gateway.query(lives, json!({})).await;
    for edge in answer["data"]["liveContents"]["edges"].as_array().unwrap() {
        assert_eq!(
            edge["node"],
            json!({"name": null, "status": null}),
            "a Caast live"
        );
    }
    let stickers = "{ stickers(first: 10) { edges { node { status } } } }";
    let answer = gateway.query(stickers, json!({})).await;
    let edges = answer["data"]["stickers"]["edges"].as_array().unwrap();
    assert!(!edges.is_empty() && edges.iter().all(|e| e["node"]["status"] == "ready"));
}
