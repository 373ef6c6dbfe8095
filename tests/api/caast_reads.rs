//! Every Caast read through GraphQL: filters reach Caast, lists page completely, look-ups and
//! details resolve, secrets stay with the operator.

use std::collections::HashSet;

use live_commerce_gateway::simulator::Operation;
use serde_json::{Value, json};

use crate::helpers::{TestGateway, error_codes, has_pair, only_request};

#[tokio::test]
async fn every_live_filter_and_order_reaches_caast_and_leaves_lisa_out() {
    let gateway = TestGateway::builder().start().await;
    gateway.simulator().reset_request_counts();
    let answer = gateway
        .query(
            r#"{ liveContents(first: 5, orderBy: {field: SCHEDULED_AT, direction: ASC},
                 filter: {state: ENDED, search: "live", tags: ["fashion", "summer"], productRef: "SKU-0001", productId: "p1",
                          sellerId: "s1", sellerName: "Shop", sellerExternalId: "SHOP-001"}) { edges { cursor } } }"#,
            json!({}),
        )
        .await;
    assert!(answer.get("errors").is_none(), "{answer}");
    let request = only_request(&gateway, Operation::CaastLivesList);
    for (key, value) in [
        ("state", "finished"),
        ("order", "start_date:ASC"),
        ("name", "live"),
        ("tags[]", "fashion"),
        ("tags[]", "summer"),
        ("product_ref", "SKU-0001"),
        ("product_id", "p1"),
        ("seller_id", "s1"),
        ("seller_name", "Shop"),
        ("seller_external_id", "SHOP-001"),
    ] {
        assert!(
            has_pair(&request, key, value),
            "{key}={value} reached Caast: {:?}",
            request.query
        );
    }
    assert_eq!(
        gateway.simulator().request_count(Operation::LisaShowsFind),
        0,
        "a Caast-only filter leaves LiSA out"
    );
}

#[tokio::test]
async fn ordering_by_creation_needs_one_provider_and_is_sent_to_it() {
    let gateway = TestGateway::builder().start().await;
    let answer = gateway
        .query(
            "{ liveContents(orderBy: {field: CREATED_AT}) { edges { cursor } } }",
            json!({}),
        )
        .await;
    assert_eq!(error_codes(&answer), ["BAD_USER_INPUT"]);
    gateway.simulator().reset_request_counts();
    let answer = gateway
        .query("{ liveContents(first: 3, orderBy: {field: CREATED_AT, direction: DESC}, filter: {provider: CAAST}) { edges { cursor } } }", json!({}))
        .await;
    assert!(answer.get("errors").is_none(), "{answer}");
    assert!(has_pair(
        &only_request(&gateway, Operation::CaastLivesList),
        "order",
        "created_at:DESC"
    ));
}

#[tokio::test]
async fn video_product_and_seller_filters_reach_caast() {
    let gateway = TestGateway::builder().start().await;
    gateway.simulator().reset_request_counts();
    let answer = gateway
        .query(
            r#"{ videos(first: 2, filter: {search: "v", tags: ["t"], productRef: "SKU-0002", productId: "p", sellerId: "s", sellerName: "n", sellerExternalId: "e"}) { totalCount }
                 products(first: 2, filter: {search: "Bag", ref: "SKU-0003", sellerId: "s2"}) { totalCount }
                 sellers(first: 2, filter: {search: "Shop", externalId: "SHOP-002"}) { totalCount } }"#,
            json!({}),
        )
        .await;
    assert!(answer.get("errors").is_none(), "{answer}");
    let videos = only_request(&gateway, Operation::CaastVideosList);
    for (key, value) in [
        ("name", "v"),
        ("tags[]", "t"),
        ("product_ref", "SKU-0002"),
        ("product_id", "p"),
        ("seller_id", "s"),
        ("seller_name", "n"),
        ("seller_external_id", "e"),
    ] {
        assert!(
            has_pair(&videos, key, value),
            "videos {key}={value}: {:?}",
            videos.query
        );
    }
    let products = only_request(&gateway, Operation::CaastProductsList);
    for (key, value) in [("name", "Bag"), ("ref", "SKU-0003"), ("seller_id", "s2")] {
        assert!(
            has_pair(&products, key, value),
            "products {key}={value}: {:?}",
            products.query
        );
    }
    let sellers = only_request(&gateway, Operation::CaastSellersList);
    for (key, value) in [("name", "Shop"), ("external_id", "SHOP-002")] {
        assert!(
            has_pair(&sellers, key, value),
            "sellers {key}={value}: {:?}",
            sellers.query
        );
    }
}

/// Walks a connection and returns every node; asserts totalCount matches on the first page.
async fn walk(gateway: &TestGateway, field: &str, selection: &str, first: i64) -> Vec<Value> {
    let query = format!(
        "query($after: String) {{ {field}(first: {first}, after: $after) {{ totalCount edges {{ node {{ {selection} }} }} pageInfo {{ hasNextPage endCursor }} }} }}"
    );
    let (mut nodes, mut after, mut total) = (Vec::new(), Value::Null, None);
    for _ in 0..100 {
        let answer = gateway.query(&query, json!({ "after": after })).await;
        assert!(answer.get("errors").is_none(), "{answer}");
        let connection = &answer["data"][field];
        total = total.or(connection["totalCount"].as_u64());
        nodes.extend(
            connection["edges"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["node"].clone()),
        );
        if connection["pageInfo"]["hasNextPage"] == false {
            assert_eq!(
                total,
                Some(nodes.len() as u64),
                "{field}: totalCount is the number of items"
            );
            return nodes;
        }
        after = connection["pageInfo"]["endCursor"].clone();
    }
    panic!("{field} never ended");
}

#[tokio::test]
/// (`videos` holds the 30 Caast videos and the 55 LiSA short clips of the catalogue.)
async fn videos_products_and_sellers_page_through_every_item_once_and_round_trip_through_node() {
    let gateway = TestGateway::builder().start().await;
    for (field, first, expected) in [
        ("videos", 7, 30 + 55),
        ("products", 13, 60),
        ("sellers", 3, 8),
    ] {
        let nodes = walk(&gateway, field, "id", first).await;
        let ids: HashSet<&str> = nodes.iter().map(|n| n["id"].as_str().unwrap()).collect();
        assert_eq!(
            (ids.len(), nodes.len()),
            (expected, expected),
            "{field}: every item once"
        );
        let some: Vec<&str> = ids.iter().take(3).copied().collect();
        let answer = gateway
            .query(
                "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
                json!({ "ids": some }),
            )
            .await;
        assert!(answer.get("errors").is_none(), "{answer}");
        let back: Vec<&str> = answer["data"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["id"].as_str().unwrap())
            .collect();
        assert_eq!(back, some, "{field}: node() round-trips");
    }
}

#[tokio::test]
async fn a_lives_seller_and_products_come_with_it_at_no_extra_request() {
    let gateway = TestGateway::builder().start().await;
    gateway.simulator().reset_request_counts();
    let answer = gateway
        .query(
            "{ liveContents(first: 20, filter: {provider: CAAST}) { edges { node { seller { name externalId } products(first: 50) { totalCount edges { node { ref name price seller { id } } } } } } } }",
            json!({}),
        )
        .await;
    assert!(answer.get("errors").is_none(), "{answer}");
    let edges = answer["data"]["liveContents"]["edges"].as_array().unwrap();
    assert!(
        edges.iter().any(|e| !e["node"]["seller"].is_null()),
        "lives have sellers"
    );
    assert!(
        edges
            .iter()
            .any(|e| e["node"]["products"]["totalCount"].as_u64().unwrap() > 0),
        "lives have products"
    );
    let counts = gateway.simulator().request_counts();
    let total: u64 = counts.values().sum();
    assert_eq!(total, 1, "one list request, nothing per live: {counts:?}");
}

#[tokio::test]
async fn product_by_reference_or_id_and_seller_by_id_resolve() {
    let gateway = TestGateway::builder().start().await;
    let by_ref = gateway
        .query(r#"{ product(ref: "SKU-0007") { id ref name } }"#, json!({}))
        .await;
    let product = &by_ref["data"]["product"];
    assert_eq!(product["ref"], "SKU-0007");
    let by_id = gateway
        .query(
            "query($id: ID) { product(id: $id) { id ref name } }",
            json!({ "id": product["id"] }),
        )
        .await;
    assert_eq!(&by_id["data"]["product"], product);
    let both = gateway
        .query(r#"{ product(ref: "SKU-0007", id: "x") { id } }"#, json!({}))
        .await;
    assert_eq!(error_codes(&both), ["BAD_USER_INPUT"]);

    let sellers = gateway
        .query(
            "{ sellers(first: 8) { edges { node { id name } } } }",
            json!({}),
        )
        .await;
    let last = &sellers["data"]["sellers"]["edges"][7]["node"];
    let seller = gateway
        .query(
            "query($id: ID!) { seller(id: $id) { id name liveContents(first: 50) { edges { node { seller { id } } } }
               videos(first: 30) { edges { node { seller { id } } } } products(first: 5) { edges { node { seller { id } } } } } }",
            json!({ "id": last["id"] }),
        )
        .await;
    assert!(seller.get("errors").is_none(), "{seller}");
    assert_eq!(seller["data"]["seller"]["name"], last["name"]);
    for list in ["liveContents", "videos", "products"] {
        let edges = seller["data"]["seller"][list]["edges"].as_array().unwrap();
        assert!(
            edges
                .iter()
                .all(|e| e["node"]["seller"]["id"] == last["id"]),
            "{list} of the seller are the seller's"
        );
    }
}

#[tokio::test]
async fn displayed_content_mixes_lives_and_videos_and_wants_exactly_one_argument() {
    let gateway = TestGateway::builder().start().await;
    let products = gateway
        .query(
            "{ products(first: 60) { edges { node { ref } } } }",
            json!({}),
        )
        .await;
    let refs: Vec<String> = products["data"]["products"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["ref"].as_str().unwrap().to_string())
        .collect();
    let mut kinds = HashSet::new();
    for reference in refs.iter().take(20) {
        let answer = gateway
            .query(
                "query($r: String) { displayedContent(productRef: $r) { __typename } }",
                json!({ "r": reference }),
            )
            .await;
        assert!(answer.get("errors").is_none(), "{answer}");
        kinds.extend(
            answer["data"]["displayedContent"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["__typename"].as_str().unwrap().to_string()),
        );
    }
    assert!(
        kinds.contains("LiveContent") && kinds.contains("Video"),
        "{kinds:?}"
    );
    let request = gateway.simulator().received_for(Operation::CaastDisplayed);
    assert!(has_pair(&request[0], "product_ref", &refs[0]));
    gateway.simulator().reset_request_counts();
    let by_url = gateway
        .query(
            r#"{ displayedContent(url: "https://shop.example/page") { __typename } }"#,
            json!({}),
        )
        .await;
    assert!(by_url.get("errors").is_none(), "{by_url}");
    assert!(has_pair(
        &only_request(&gateway, Operation::CaastDisplayed),
        "url",
        "https://shop.example/page"
    ));
    for args in ["", r#"(productRef: "a", url: "https://shop.example/a")"#] {
        let answer = gateway
            .query(
                &format!("{{ displayedContent{args} {{ __typename }} }}"),
                json!({}),
            )
            .await;
        assert_eq!(error_codes(&answer), ["BAD_USER_INPUT"], "{args}");
    }
}

#[tokio::test]
async fn chat_and_timecodes_resolve_and_a_finished_live_has_no_chat_without_a_request() {
    let gateway = TestGateway::builder().start().await;
    let started = gateway
        .query("{ liveContents(first: 1, filter: {provider: CAAST, state: LIVE}) { edges { node { chatMessages { id author message sentAt moderator } timecodes { type startSecond item { uid } } } } } }", json!({}))
        .await;
    let node = &started["data"]["liveContents"]["edges"][0]["node"];
    let messages = node["chatMessages"].as_array().unwrap();
    assert_eq!(messages.len(), 30, "the latest 30");
    assert!(!node["timecodes"].as_array().unwrap().is_empty());
    let id = started["data"]["liveContents"]["edges"][0]["node"]["chatMessages"][0]["id"].clone();
    let after = gateway
        .query("query($after: String) { liveContents(first: 1, filter: {provider: CAAST, state: LIVE}) { edges { node { chatMessages(after: $after) { id } } } } }", json!({ "after": id }))
        .await;
    let following = after["data"]["liveContents"]["edges"][0]["node"]["chatMessages"]
        .as_array()
        .unwrap();
    assert!(
        following.iter().all(|m| m["id"] != id),
        "the messages after one do not include it"
    );

    gateway.simulator().reset_request_counts();
    let ended = gateway.query("{ liveContents(first: 3, filter: {provider: CAAST, state: ENDED}) { edges { node { chatMessages { id } } } } }", json!({})).await;
    assert!(ended.get("errors").is_none(), "{ended}");
    assert!(
        ended["data"]["liveContents"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["node"]["chatMessages"] == json!([]))
    );
    assert_eq!(
        gateway
            .simulator()
            .request_count(Operation::CaastLivesMessages),
        0
    );
}

#[tokio::test]
async fn secrets_are_absent_without_the_operator_token_and_present_with_it() {
    let gateway = TestGateway::builder().start().await;
    let query = "{ liveContents(first: 2, filter: {provider: CAAST}) { edges { node { streamCredentials { rtmpUrl streamKey } } } } videos(first: 1) { edges { node { uploadUrl } } } }";
    let anonymous = gateway.query(query, json!({})).await;
    let node = &anonymous["data"]["liveContents"]["edges"][0]["node"];
    assert!(node["streamCredentials"].is_null());
    assert!(anonymous["data"]["videos"]["edges"][0]["node"]["uploadUrl"].is_null());
    assert!(
        error_codes(&anonymous)
            .iter()
            .all(|c| c == "UNAUTHENTICATED")
            && !error_codes(&anonymous).is_empty()
    );
    assert!(
        !anonymous.to_string().contains("rtmp://"),
        "no stream URL leaks"
    );

    let operator = gateway.query_as_operator(query, json!({})).await;
    assert!(operator.get("errors").is_none(), "{operator}");
    let credentials = &operator["data"]["liveContents"]["edges"][0]["node"]["streamCredentials"][0];
    assert!(
        credentials["streamKey"]
            .as_str()
            .is_some_and(|k| !k.is_empty())
    );
    assert!(
        credentials["rtmpUrl"]
            .as_str()
            .is_some_and(|u| u.starts_with("rtmp"))
    );
    let upload_url = &operator["data"]["videos"]["edges"][0]["node"]["uploadUrl"];
    assert!(
        upload_url
            .as_str()
            .is_some_and(|u| u.starts_with("https://")),
        "{operator}"
    );

    let wrong = gateway
        .http
        .post(format!("{}/graphql", gateway.url))
        .bearer_auth("not-the-token")
        .json(&json!({ "query": query }))
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    assert!(wrong["data"]["liveContents"]["edges"][0]["node"]["streamCredentials"].is_null());
    assert!(
        wrong["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("not valid")
    );
}

#[tokio::test]
async fn a_videos_timecodes_are_read_from_caast() {
    let gateway = TestGateway::builder().start().await;
    gateway.simulator().reset_request_counts();
    let answer = gateway.query("{ videos(first: 1) { edges { node { providerId timecodes { type startSecond endSecond item { uid author message } } } } } }", json!({})).await;
    assert!(answer.get("errors").is_none(), "{answer}");
    let node = &answer["data"]["videos"]["edges"][0]["node"];
    assert!(!node["timecodes"].as_array().unwrap().is_empty());
    let request = only_request(&gateway, Operation::CaastVideosTimecodes);
    assert_eq!(
        request.path,
        format!(
            "/caast/v1/videos/{}/timecodes",
            node["providerId"].as_str().unwrap()
        )
    );
}

#[tokio::test]
async fn many_seller_look_ups_in_one_request_read_the_seller_list_once() {
    let gateway = TestGateway::builder().start().await;
    let sellers = gateway
        .query("{ sellers(first: 3) { edges { node { id } } } }", json!({}))
        .await;
    let ids: Vec<Value> = sellers["data"]["sellers"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["id"].clone())
        .collect();
    // The first query left the seller list in the cache: this request must read it itself.
    gateway.empty_cache().await;
    gateway.simulator().reset_request_counts();
    let answer = gateway
        .query(
            "query($a: ID!, $b: ID!, $c: ID!) { a: seller(id: $a) { name } b: seller(id: $b) { name } c: seller(id: $c) { name }
               n: nodes(ids: [$a, $b, $c]) { id } p: products(first: 20, filter: {sellerId: $a}) { edges { node { seller { id } } } } }",
            json!({ "a": ids[0], "b": ids[1], "c": ids[2] }),
        )
        .await;
    assert!(answer.get("errors").is_none(), "{answer}");
    assert_eq!(
        gateway
            .simulator()
            .request_count(Operation::CaastSellersList),
        1,
        "one read of the seller list for the whole request"
    );
}

#[tokio::test]
async fn an_id_of_another_kind_in_a_filter_is_refused_before_any_call() {
    let gateway = TestGateway::builder().start().await;
    let live = gateway
        .query(
            "{ liveContents(first: 1, filter: {provider: CAAST}) { edges { node { id } } } }",
            json!({}),
        )
        .await;
    let live_id = live["data"]["liveContents"]["edges"][0]["node"]["id"].clone();
    gateway.simulator().reset_request_counts();
    let answer = gateway
        .query(
            "query($id: ID) { videos(filter: {sellerId: $id}) { edges { cursor } } }",
            json!({ "id": live_id }),
        )
        .await;
    assert_eq!(error_codes(&answer), ["BAD_USER_INPUT"]);
    assert!(gateway.simulator().received().is_empty());
}

#[tokio::test]
async fn chat_messages_after_one_are_read_from_its_own_route() {
    let gateway = TestGateway::builder().start().await;
    let query = "query($after: String) { liveContents(first: 1, filter: {provider: CAAST, state: LIVE}) { edges { node { providerId chatMessages(after: $after) { id } } } } }";
    let latest = gateway.query(query, json!({ "after": null })).await;
    let node = &latest["data"]["liveContents"]["edges"][0]["node"];
    let oldest_of_latest = node["chatMessages"][0]["id"].as_str().unwrap().to_string();
    gateway.simulator().reset_request_counts();
    let after = gateway
        .query(query, json!({ "after": oldest_of_latest }))
        .await;
    let following = after["data"]["liveContents"]["edges"][0]["node"]["chatMessages"]
        .as_array()
        .unwrap();
    assert!(
        !following.is_empty(),
        "messages follow the oldest of the latest 30"
    );
    assert!(
        following
            .iter()
            .all(|m| m["id"] != oldest_of_latest.as_str())
    );
    let request = only_request(&gateway, Operation::CaastLivesMessages);
    assert_eq!(
        request.path,
        format!(
            "/caast/v1/lives/{}/messages/{oldest_of_latest}",
            node["providerId"].as_str().unwrap()
        )
    );
}

#[tokio::test]
async fn a_products_page_of_one_answered_as_an_object_is_read_as_a_list_of_one() {
    let gateway = TestGateway::builder().start().await;
    let all = gateway
        .query(
            "{ products(first: 1) { edges { node { ref name } } } }",
            json!({}),
        )
        .await;
    let product = all["data"]["products"]["edges"][0]["node"].clone();
    let reference = product["ref"]
        .as_str()
        .expect("a product with a ref")
        .to_string();
    gateway.simulator().clear_received();
    let one = gateway
        .query(
            "query($r: String) { products(first: 5, filter: {ref: $r}) { totalCount edges { node { ref name } } } }",
            json!({ "r": reference }),
        )
        .await;
    assert!(one.get("errors").is_none(), "{one}");
    assert_eq!(
        one["data"]["products"]["edges"],
        json!([{ "node": product }])
    );
    assert_eq!(one["data"]["products"]["totalCount"], 1);
    let sent = gateway
        .simulator()
        .received_for(Operation::CaastProductsList);
    assert_eq!(sent.len(), 1, "the page was read once");
}
