//! LiSA snippets through GraphQL: filters reach LiSA, a show's snippets, the show and product.

use std::collections::HashSet;

use live_commerce_gateway::simulator::Operation;
use serde_json::json;

use crate::helpers::TestGateway;

#[tokio::test]
async fn snippet_filters_reach_lisa_and_totals_are_counted_only_when_asked() {
    let gateway = TestGateway::builder().start().await;
    let shows = gateway.query("{ liveContents(first: 70, filter: {provider: LISA}) { edges { node { id providerId snippets { providerId productRef } } } } }", json!({})).await;
    let show = shows["data"]["liveContents"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["node"])
        .find(|n| !n["snippets"].as_array().unwrap().is_empty())
        .expect("a show with snippets")
        .clone();
    let reference = show["snippets"][0]["productRef"]
        .as_str()
        .unwrap()
        .to_string();
    gateway.simulator().reset_request_counts();
    let query = "query($show: ID, $ref: String) { snippets(liveContentId: $show, productRef: $ref, first: 50) { edges { node { providerId productRef liveContent { id } } } } }";
    let answer = gateway
        .query(query, json!({ "show": show["id"], "ref": reference }))
        .await;
    assert!(answer.get("errors").is_none(), "{answer}");
    let request = &gateway
        .simulator()
        .received_for(Operation::LisaSnippetsFind)[0];
    for (key, value) in [
        ("show_id", show["providerId"].as_str().unwrap()),
        ("product_reference", reference.as_str()),
    ] {
        assert!(
            request.query.iter().any(|(k, v)| k == key && v == value),
            "{key}={value}: {:?}",
            request.query
        );
    }
    assert_eq!(
        gateway
            .simulator()
            .request_count(Operation::LisaSnippetsCount),
        0,
        "not counted when not asked"
    );
    let edges = answer["data"]["snippets"]["edges"].as_array().unwrap();
    assert!(
        !edges.is_empty()
            && edges
                .iter()
                .all(|e| e["node"]["productRef"] == reference.as_str()
                    && e["node"]["liveContent"]["id"] == show["id"])
    );

    let all = gateway.query("query($show: ID) { snippets(liveContentId: $show, first: 100) { totalCount edges { node { providerId } } } }", json!({ "show": show["id"] })).await;
    let listed: HashSet<&str> = all["data"]["snippets"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["providerId"].as_str().unwrap())
        .collect();
    let from_show: HashSet<&str> = show["snippets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["providerId"].as_str().unwrap())
        .collect();
    assert_eq!(
        listed, from_show,
        "LiveContent.snippets and snippets(liveContentId:) agree"
    );
    assert_eq!(
        all["data"]["snippets"]["totalCount"].as_u64(),
        Some(listed.len() as u64)
    );
    assert_eq!(
        gateway
            .simulator()
            .request_count(Operation::LisaSnippetsCount),
        1
    );
}

#[tokio::test]
async fn a_snippets_product_is_the_caast_product_with_its_reference() {
    let gateway = TestGateway::builder().start().await;
    let answer = gateway
        .query(
            "{ snippets(first: 10) { edges { node { productRef product { ref name } } } } }",
            json!({}),
        )
        .await;
    assert!(answer.get("errors").is_none(), "{answer}");
    let edges = answer["data"]["snippets"]["edges"].as_array().unwrap();
    assert!(
        edges.iter().any(|e| !e["node"]["product"].is_null()),
        "references are shared by both providers"
    );
    assert!(
        edges
            .iter()
            .filter(|e| !e["node"]["product"].is_null())
            .all(|e| e["node"]["product"]["ref"] == e["node"]["productRef"])
    );
}

#[tokio::test]
async fn a_product_lists_the_snippets_featuring_its_reference() {
    let gateway = TestGateway::builder().start().await;
    let snippets = gateway
        .query(
            "{ snippets(first: 1) { edges { node { productRef } } } }",
            json!({}),
        )
        .await;
    let reference = snippets["data"]["snippets"]["edges"][0]["node"]["productRef"].clone();
    gateway.simulator().reset_request_counts();
    let answer = gateway.query("query($r: String) { product(ref: $r) { ref snippets(first: 50) { edges { node { productRef } } } } }", json!({ "r": reference })).await;
    assert!(answer.get("errors").is_none(), "{answer}");
    let edges = answer["data"]["product"]["snippets"]["edges"]
        .as_array()
        .unwrap();
    assert!(!edges.is_empty() && edges.iter().all(|e| e["node"]["productRef"] == reference));
    let request = &gateway
        .simulator()
        .received_for(Operation::LisaSnippetsFind)[0];
    assert!(
        request
            .query
            .iter()
            .any(|(k, v)| k == "product_reference" && v == reference.as_str().unwrap())
    );
}
