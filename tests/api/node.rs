use serde_json::{Value, json};

use crate::helpers::{TestGateway, error_codes};

#[tokio::test]
async fn node_round_trips_every_id_of_the_list() {
    let gateway = TestGateway::builder().start().await;
    let mut after = Value::Null;
    let mut checked = 0;
    loop {
        let answer = gateway
            .query(
                "query($after: String) { liveContents(first: 50, after: $after) { edges { node { id provider providerId title } } pageInfo { hasNextPage endCursor } } }",
                json!({ "after": after }),
            )
            .await;
        let connection = &answer["data"]["liveContents"];
        let listed: Vec<Value> = connection["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["node"].clone())
            .collect();
        let ids: Vec<&Value> = listed.iter().map(|n| &n["id"]).collect();
        let resolved = gateway
            .query(
                "query($ids: [ID!]!) { nodes(ids: $ids) { id ... on LiveContent { provider providerId title } } }",
                json!({ "ids": ids }),
            )
            .await;
        assert!(resolved.get("errors").is_none(), "{resolved}");
        assert_eq!(
            resolved["data"]["nodes"].as_array().unwrap(),
            &listed,
            "nodes() gives back exactly what the list gave"
        );
        checked += listed.len();
        if connection["pageInfo"]["hasNextPage"] == false {
            break;
        }
        after = connection["pageInfo"]["endCursor"].clone();
    }
    assert!(
        checked > 100,
        "every id of both providers was checked ({checked})"
    );
}

#[tokio::test]
async fn node_and_live_content_resolve_one_id() {
    let gateway = TestGateway::builder().start().await;
    let listed = gateway
        .query(
            "{ liveContents(first: 1) { edges { node { id title } } } }",
            json!({}),
        )
        .await;
    let node = &listed["data"]["liveContents"]["edges"][0]["node"];
    let by_node = gateway
        .query(
            "query($id: ID!) { node(id: $id) { id ... on LiveContent { title } } }",
            json!({ "id": node["id"] }),
        )
        .await;
    assert_eq!(&by_node["data"]["node"], node);
    let by_field = gateway
        .query(
            "query($id: ID!) { liveContent(id: $id) { id title } }",
            json!({ "id": node["id"] }),
        )
        .await;
    assert_eq!(&by_field["data"]["liveContent"], node);
}

#[tokio::test]
async fn an_unknown_id_is_null_with_not_found_and_a_forged_one_is_bad_user_input() {
    let gateway = TestGateway::builder().start().await;
    let listed = gateway
        .query(
            "{ liveContents(first: 1, filter: {provider: LISA}) { edges { node { id } } } }",
            json!({}),
        )
        .await;
    let real = listed["data"]["liveContents"]["edges"][0]["node"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let missing = live_commerce_gateway::graphql::ids::GlobalId::new(
        live_commerce_gateway::graphql::ids::NodeKind::LiveContent,
        live_commerce_gateway::providers::Provider::Lisa,
        "00000000-0000-4000-8000-000000000000",
    )
    .encode();
    let answer = gateway
        .query(
            "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
            json!({ "ids": [real, missing.0, "forged"] }),
        )
        .await;
    let nodes = answer["data"]["nodes"].as_array().unwrap();
    assert_eq!(nodes[0]["id"], real);
    assert!(nodes[1].is_null() && nodes[2].is_null());
    assert_eq!(error_codes(&answer), ["NOT_FOUND", "BAD_USER_INPUT"]);
    let errors = answer["errors"].as_array().unwrap();
    assert_eq!(errors[0]["path"], json!(["nodes", 1]));
    assert_eq!(errors[0]["extensions"]["provider"], "LISA");
    assert_eq!(errors[1]["path"], json!(["nodes", 2]));
}

#[tokio::test]
async fn a_single_look_up_that_fails_is_null_and_keeps_its_key() {
    let gateway = TestGateway::builder().start().await;
    let missing = live_commerce_gateway::graphql::ids::GlobalId::new(
        live_commerce_gateway::graphql::ids::NodeKind::LiveContent,
        live_commerce_gateway::providers::Provider::Caast,
        "000000000000000000000000",
    )
    .encode();
    let answer = gateway
        .query(
            "query($id: ID!) { a: node(id: $id) { id } b: liveContent(id: $id) { id } c: liveContents(first: 1) { edges { cursor } } }",
            json!({ "id": missing.0 }),
        )
        .await;
    let data = answer["data"].as_object().expect("data is kept");
    assert!(data.contains_key("a") && data["a"].is_null());
    assert!(data.contains_key("b") && data["b"].is_null());
    assert_eq!(data["c"]["edges"].as_array().unwrap().len(), 1);
    assert_eq!(error_codes(&answer), ["NOT_FOUND", "NOT_FOUND"]);
    let mut paths: Vec<Value> = answer["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].clone())
        .collect();
    paths.sort_by_key(|p| p.to_string());
    assert_eq!(paths, [json!(["a"]), json!(["b"])]);
}

#[tokio::test]
async fn ids_that_would_escape_their_path_segment_name_nothing() {
    let gateway = TestGateway::builder().start().await;
    for upstream in ["..", ".", "count"] {
        let forged = live_commerce_gateway::graphql::ids::GlobalId::new(
            live_commerce_gateway::graphql::ids::NodeKind::LiveContent,
            live_commerce_gateway::providers::Provider::Lisa,
            upstream,
        )
        .encode();
        let answer = gateway
            .query(
                "query($id: ID!) { node(id: $id) { id } }",
                json!({ "id": forged.0 }),
            )
            .await;
        assert!(answer["data"]["node"].is_null(), "{upstream}: {answer}");
        assert_eq!(error_codes(&answer), ["NOT_FOUND"], "{upstream}");
    }
}
