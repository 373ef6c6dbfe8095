//! LiSA product references through GraphQL: a show's products, joined with Caast's details on the
//! shop reference only when asked for, and `product(ref:)` / `node` answering from both providers.

use std::collections::HashSet;

use live_commerce_gateway::simulator::Operation;
use serde_json::{Value, json};

use crate::helpers::TestGateway;

fn count(gateway: &TestGateway, operation: Operation) -> u64 {
    gateway.simulator().request_count(operation)
}

fn show_products(answer: &Value) -> Vec<&Value> {
    answer["data"]["liveContents"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["node"]["products"]["edges"].as_array().unwrap())
        .map(|e| &e["node"])
        .collect()
}

#[tokio::test]
async fn a_shows_products_cost_no_request_until_caast_details_are_asked_for() {
    let gateway = TestGateway::builder().start().await;
    let refs_only = "{ liveContents(first: 10, filter: {provider: LISA}) { edges { node { products { edges { node { ref lisaProductId } } } } } } }";
    let answer = gateway.query(refs_only, json!({})).await;
    assert!(answer.get("errors").is_none(), "{answer}");
    let products = show_products(&answer);
    assert!(!products.is_empty(), "LiSA shows feature products");
    assert!(
        products
            .iter()
            .all(|p| p["ref"].as_str().unwrap().starts_with("SKU-")
                && p["lisaProductId"].is_string())
    );
    assert_eq!(count(&gateway, Operation::CaastProductsList), 0);
    assert_eq!(count(&gateway, Operation::LisaProductReferencesFind), 0);

    gateway.simulator().reset_request_counts();
    let details = "{ liveContents(first: 30, filter: {provider: LISA}) { edges { node { products { edges { node { id provider ref name price } } } } } } }";
    let answer = gateway.query(details, json!({})).await;
    assert!(answer.get("errors").is_none(), "{answer}");
    let products = show_products(&answer);
    assert!(
        products
            .iter()
            .all(|p| p["name"].is_string() && p["price"].is_string() && p["provider"] == "CAAST")
    );
    let distinct: HashSet<&str> = products
        .iter()
        .map(|p| p["ref"].as_str().unwrap())
        .collect();
    assert!(
        distinct.len() < products.len(),
        "some product features in several shows"
    );
    assert_eq!(
        count(&gateway, Operation::CaastProductsList),
        distinct.len() as u64,
        "one Caast look-up per distinct reference"
    );
    let lookups = gateway
        .simulator()
        .received_for(Operation::CaastProductsList);
    let asked: HashSet<String> = lookups
        .iter()
        .filter_map(|r| {
            r.query
                .iter()
                .find(|(k, _)| k == "ref")
                .map(|(_, v)| v.clone())
        })
        .collect();
    assert_eq!(asked, distinct.iter().map(|r| r.to_string()).collect());
}

#[tokio::test]
async fn a_product_has_the_same_id_through_caast_and_through_a_show() {
    let gateway = TestGateway::builder().start().await;
    let answer = gateway
        .query("{ liveContents(first: 1, filter: {provider: LISA}) { edges { node { products(first: 1) { edges { node { id ref } } } } } } }", json!({}))
        .await;
    let via_show = show_products(&answer)[0].clone();
    let direct = gateway
        .query(
            "query($ref: String) { product(ref: $ref) { id ref name lisaProductId } }",
            json!({ "ref": via_show["ref"] }),
        )
        .await;
    assert!(direct.get("errors").is_none(), "{direct}");
    assert_eq!(direct["data"]["product"]["id"], via_show["id"]);
    assert!(direct["data"]["product"]["lisaProductId"].is_string());
    let node = gateway
        .query(
            "query($id: ID!) { node(id: $id) { ... on Product { ref } } }",
            json!({ "id": via_show["id"] }),
        )
        .await;
    assert_eq!(node["data"]["node"]["ref"], via_show["ref"]);
}

#[tokio::test]
async fn a_reference_only_lisa_knows_is_still_a_product() {
    let gateway = TestGateway::builder().start().await;
    let answer = gateway
        .query(
            "{ product(ref: \"SKU-0061\") { id provider providerId ref name lisaProductId } }",
            json!({}),
        )
        .await;
    assert!(answer.get("errors").is_none(), "{answer}");
    let product = &answer["data"]["product"];
    assert_eq!(product["provider"], "LISA");
    assert_eq!(product["ref"], "SKU-0061");
    assert!(
        product["name"].is_null(),
        "Caast has no product with this reference"
    );
    assert_eq!(product["providerId"], product["lisaProductId"]);

    let node = gateway
        .query(
            "query($id: ID!) { node(id: $id) { ... on Product { ref provider } } }",
            json!({ "id": product["id"] }),
        )
        .await;
    assert_eq!(node["data"]["node"]["ref"], "SKU-0061");
    assert_eq!(node["data"]["node"]["provider"], "LISA");

    let nowhere = gateway
        .query("{ product(ref: \"NO-SUCH-SKU\") { id } }", json!({}))
        .await;
    assert!(nowhere["data"]["product"].is_null());
    assert_eq!(crate::helpers::error_codes(&nowhere), vec!["NOT_FOUND"]);
}

#[tokio::test]
async fn aliases_asking_for_one_reference_share_the_requests() {
    let gateway = TestGateway::builder().start().await;
    let answer = gateway
        .query("{ a: product(ref: \"SKU-0003\") { name lisaProductId } b: product(ref: \"SKU-0003\") { name lisaProductId } }", json!({}))
        .await;
    assert!(answer.get("errors").is_none(), "{answer}");
    assert_eq!(answer["data"]["a"], answer["data"]["b"]);
    assert_eq!(count(&gateway, Operation::CaastProductsList), 1);
    assert_eq!(count(&gateway, Operation::LisaProductReferencesFind), 1);
}

fn ids(answer: &Value, path: &[&str]) -> HashSet<String> {
    let mut list = answer;
    for key in path {
        list = &list[*key];
    }
    list["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_product_lists_the_content_of_both_providers_that_features_it() {
    let gateway = TestGateway::builder().start().await;
    let reference = "SKU-0012";
    let expected = gateway
        .query("query($ref: String) { lives: liveContents(first: 100, filter: {productRef: $ref}) { edges { node { id } } } videos(first: 100, filter: {productRef: $ref}) { edges { node { id } } } snippets(productRef: $ref, first: 100) { edges { node { liveContent { id shortClips { id } } } } } }", json!({ "ref": reference }))
        .await;
    assert!(expected.get("errors").is_none(), "{expected}");
    let snippet_shows: Vec<&Value> = expected["data"]["snippets"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["node"]["liveContent"])
        .collect();
    let mut contents = ids(&expected["data"], &["lives"]);
    contents.extend(
        snippet_shows
            .iter()
            .map(|s| s["id"].as_str().unwrap().to_string()),
    );
    let mut videos = ids(&expected["data"], &["videos"]);
    videos.extend(
        snippet_shows
            .iter()
            .flat_map(|s| s["shortClips"].as_array().unwrap())
            .map(|c| c["id"].as_str().unwrap().to_string()),
    );
    assert!(
        !snippet_shows.is_empty() && contents.len() > snippet_shows.len(),
        "both providers feature {reference}"
    );

    let answer = gateway
        .query("query($ref: String) { product(ref: $ref) { liveContents(first: 100) { edges { node { id provider scheduledAt } } } videos(first: 100) { edges { node { id } } } } }", json!({ "ref": reference }))
        .await;
    assert!(answer.get("errors").is_none(), "{answer}");
    assert_eq!(ids(&answer["data"]["product"], &["liveContents"]), contents);
    assert_eq!(ids(&answer["data"]["product"], &["videos"]), videos);
    let dates: Vec<&str> = answer["data"]["product"]["liveContents"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["node"]["scheduledAt"].as_str())
        .collect();
    let parsed: Vec<_> = dates
        .iter()
        .map(|d| chrono::DateTime::parse_from_rfc3339(d).unwrap())
        .collect();
    assert!(parsed.windows(2).all(|w| w[0] >= w[1]), "newest first");
}

#[tokio::test]
async fn every_reference_lisa_knows_is_listed_in_one_request() {
    let gateway = TestGateway::builder().start().await;
    gateway.simulator().reset_request_counts();
    let answer = gateway
        .query("{ lisaProductReferences { ref lisaProductId } }", json!({}))
        .await;
    assert!(answer.get("errors").is_none(), "{answer}");
    let listed = answer["data"]["lisaProductReferences"].as_array().unwrap();
    assert!(listed.len() > 1, "{answer}");
    let refs: HashSet<&str> = listed.iter().map(|p| p["ref"].as_str().unwrap()).collect();
    assert_eq!(refs.len(), listed.len(), "each reference once");
    assert!(listed.iter().all(|p| p["lisaProductId"].is_string()));
    assert_eq!(count(&gateway, Operation::LisaProductReferencesFind), 1);
    assert_eq!(
        gateway.provider_requests(),
        1,
        "no Caast field, no Caast call"
    );
}
