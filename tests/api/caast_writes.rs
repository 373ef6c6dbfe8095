//! Every Caast mutation through GraphQL: operator only, input checked first, each round-trips,
//! uploads arrive at Caast as multipart files, provider refusals carry their reason.

use live_commerce_gateway::simulator::{Operation, ReceivedBody, ReceivedPart};
use serde_json::{Value, json};

use crate::helpers::{OPERATOR_TOKEN, TestGateway, error_codes};

const CREATE_SELLER: &str = "mutation($input: SellerInput!) { createSeller(input: $input) { id name externalId url moderated } }";

#[tokio::test]
async fn a_mutation_without_the_operator_token_is_unauthenticated_and_reaches_no_provider() {
    let gateway = TestGateway::builder().start().await;
    gateway.simulator().reset_request_counts();
    let answer = gateway
        .query(
            CREATE_SELLER,
            json!({ "input": { "name": "New", "externalId": "NEW-1" } }),
        )
        .await;
    assert_eq!(error_codes(&answer), ["UNAUTHENTICATED"]);
    assert!(
        gateway.simulator().received().is_empty(),
        "nothing was sent to a provider"
    );
}

#[tokio::test]
async fn sellers_are_created_read_back_and_updated() {
    let gateway = TestGateway::builder().start().await;
    let created = gateway
        .query_as_operator(CREATE_SELLER, json!({ "input": { "name": "Atelier Neuf", "externalId": "NEUF-1", "url": "https://neuf.example", "moderated": true } }))
        .await;
    assert!(created.get("errors").is_none(), "{created}");
    let seller = &created["data"]["createSeller"];
    assert_eq!(seller["name"], "Atelier Neuf");
    let sent = gateway
        .simulator()
        .received_for(Operation::CaastSellersCreate);
    assert!(
        matches!(&sent[0].body, ReceivedBody::Json(body) if body["external_id"] == "NEUF-1"),
        "JSON body: {:?}",
        sent[0].body
    );

    let read = gateway
        .query(
            "query($id: ID!) { seller(id: $id) { id name externalId url moderated } }",
            json!({ "id": seller["id"] }),
        )
        .await;
    assert_eq!(&read["data"]["seller"], seller);

    let updated = gateway
        .query_as_operator(
            "mutation($id: ID!) { updateSeller(id: $id, input: {name: \"Atelier Renommé\", externalId: \"NEUF-1\"}) { id name } }",
            json!({ "id": seller["id"] }),
        )
        .await;
    assert_eq!(updated["data"]["updateSeller"]["name"], "Atelier Renommé");
}

#[tokio::test]
async fn a_live_is_created_finished_restarted_and_seen_in_each_state() {
    let gateway = TestGateway::builder().start().await;
    let created = gateway
        .query_as_operator(
            "mutation { createLive(input: {name: \"Nouveautés\", startDate: \"2031-05-01T18:00:00Z\", tags: [\"new\"]}) { id title state scheduledAt tags } }",
            json!({}),
        )
        .await;
    assert!(created.get("errors").is_none(), "{created}");
    let live = &created["data"]["createLive"];
    assert_eq!(
        (live["title"].as_str(), live["state"].as_str()),
        (Some("Nouveautés"), Some("SCHEDULED"))
    );
    assert_eq!(live["scheduledAt"], "2031-05-01T18:00:00+00:00");
    let id = live["id"].clone();

    let finish = "mutation($id: ID!, $finished: Boolean!) { finishLive(id: $id, finished: $finished) { state } }";
    let finished = gateway
        .query_as_operator(finish, json!({ "id": id, "finished": true }))
        .await;
    assert_eq!(
        finished["data"]["finishLive"]["state"], "ENDED",
        "{finished}"
    );
    let read = gateway
        .query(
            "query($id: ID!) { liveContent(id: $id) { state } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(read["data"]["liveContent"]["state"], "ENDED");
    let ended = gateway.query("{ liveContents(first: 100, filter: {provider: CAAST, state: ENDED}) { edges { node { id } } } }", json!({})).await;
    assert!(
        ended["data"]["liveContents"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["node"]["id"] == id),
        "listed as ENDED"
    );

    let restarted = gateway
        .query_as_operator(finish, json!({ "id": id, "finished": false }))
        .await;
    assert_eq!(
        restarted["data"]["finishLive"]["state"], "LIVE",
        "{restarted}"
    );

    let updated = gateway
        .query_as_operator(
            "mutation($id: ID!) { updateLive(id: $id, input: {name: \"Renamed\", startDate: \"2031-05-02T18:00:00Z\"}) { title } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(
        updated["data"]["updateLive"]["title"], "Renamed",
        "{updated}"
    );
}

#[tokio::test]
async fn input_is_checked_before_any_provider_call() {
    let gateway = TestGateway::builder().start().await;
    gateway.simulator().reset_request_counts();
    let cases = [
        "mutation { createLive(input: {name: \"  \", startDate: \"2031-05-01T18:00:00Z\"}) { id } }",
        "mutation { createSeller(input: {name: \"A\", externalId: \"B\", url: \"not a url\"}) { id } }",
        "mutation { createProduct(input: {name: \"A\", price: \"cheap\"}) { id } }",
        "mutation { createProduct(input: {name: \"A\", url: \"ftp://x\"}) { id } }",
    ];
    for case in cases {
        let answer = gateway.query_as_operator(case, json!({})).await;
        assert_eq!(error_codes(&answer), ["BAD_USER_INPUT"], "{case}: {answer}");
    }
    let bad_date = gateway
        .query_as_operator(
            "mutation { createLive(input: {name: \"A\", startDate: \"tomorrow\"}) { id } }",
            json!({}),
        )
        .await;
    assert!(
        !error_codes(&bad_date).is_empty(),
        "a date that is not ISO 8601 is refused: {bad_date}"
    );
    assert!(
        gateway.simulator().received().is_empty(),
        "no provider was called"
    );
}

#[tokio::test]
async fn a_caast_write_naming_a_lisa_item_is_refused_before_any_call() {
    let gateway = TestGateway::builder().start().await;
    let listed = gateway
        .query(
            "{ liveContents(first: 1, filter: {provider: LISA}) { edges { node { id } } } videos(first: 1, filter: {provider: LISA}) { edges { node { id } } } }",
            json!({}),
        )
        .await;
    let show = listed["data"]["liveContents"]["edges"][0]["node"]["id"].clone();
    let clip = listed["data"]["videos"]["edges"][0]["node"]["id"].clone();
    assert!(show.is_string() && clip.is_string(), "{listed}");
    gateway.simulator().clear_received();
    let cases = [
        (
            "mutation($id: ID!) { updateLive(id: $id, input: {name: \"A\", startDate: \"2031-05-01T18:00:00Z\"}) { id } }",
            &show,
        ),
        ("mutation($id: ID!) { finishLive(id: $id) { id } }", &show),
        (
            "mutation($id: ID!) { updateVideo(id: $id, input: {name: \"A\"}) { id } }",
            &clip,
        ),
    ];
    for (mutation, id) in cases {
        let answer = gateway
            .query_as_operator(mutation, json!({ "id": id }))
            .await;
        assert_eq!(
            error_codes(&answer),
            ["BAD_USER_INPUT"],
            "{mutation}: {answer}"
        );
        let message = answer["errors"][0]["message"].as_str().unwrap();
        assert!(
            message.contains("`id`") && message.contains("LiSA"),
            "{message}"
        );
    }
    assert!(
        gateway.simulator().received().is_empty(),
        "no provider was called"
    );
}

#[tokio::test]
async fn provider_refusals_carry_their_reason_and_the_right_code() {
    let gateway = TestGateway::builder().start().await;
    let shared = gateway.query("{ liveContents(first: 100, filter: {provider: CAAST}) { edges { node { id sharedByWebsite } } } }", json!({})).await;
    let shared_id = shared["data"]["liveContents"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| !e["node"]["sharedByWebsite"].is_null())
        .expect("a shared live")["node"]["id"]
        .clone();
    let forbidden = gateway
        .query_as_operator(
            "mutation($id: ID!) { finishLive(id: $id) { state } }",
            json!({ "id": shared_id }),
        )
        .await;
    assert_eq!(error_codes(&forbidden), ["FORBIDDEN"], "{forbidden}");

    let price = gateway
        .query_as_operator(
            "mutation { createProduct(input: {name: \"A\", price: \"1e5\"}) { id } }",
            json!({}),
        )
        .await;
    assert_eq!(error_codes(&price), ["BAD_USER_INPUT"], "{price}");
    let unknown_product = gateway
        .query_as_operator("mutation { createLive(input: {name: \"A\", startDate: \"2031-05-01T18:00:00Z\", productIds: [\"no-such-product\"]}) { id } }", json!({}))
        .await;
    assert_eq!(error_codes(&unknown_product), ["BAD_USER_INPUT"]);
    assert!(
        unknown_product["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("no-such-product"),
        "Caast's reason: {unknown_product}"
    );
}

#[tokio::test]
async fn products_and_videos_round_trip() {
    let gateway = TestGateway::builder().start().await;
    let sellers = gateway
        .query("{ sellers(first: 1) { edges { node { id } } } }", json!({}))
        .await;
    let seller_id = sellers["data"]["sellers"]["edges"][0]["node"]["id"].clone();
    let created = gateway
        .query_as_operator(
            "mutation($seller: ID) { createProduct(input: {name: \"Sac\", ref: \"NEW-SKU-1\", price: \"49.90\", inStock: true, sellerId: $seller, extra: {color: \"red\"}}) { id ref price inStock extra seller { id } } }",
            json!({ "seller": seller_id }),
        )
        .await;
    assert!(created.get("errors").is_none(), "{created}");
    let product = &created["data"]["createProduct"];
    assert_eq!(
        (
            product["ref"].as_str(),
            product["price"].as_str(),
            &product["extra"]
        ),
        (Some("NEW-SKU-1"), Some("49.90"), &json!({"color": "red"}))
    );
    assert_eq!(product["seller"]["id"], seller_id);
    let read = gateway
        .query(
            "query($id: ID!) { node(id: $id) { ... on Product { ref price extra } } }",
            json!({ "id": product["id"] }),
        )
        .await;
    assert_eq!(
        read["data"]["node"],
        json!({ "ref": "NEW-SKU-1", "price": "49.90", "extra": {"color": "red"} }),
        "read back"
    );
    let updated = gateway
        .query_as_operator("mutation($id: ID!) { updateProduct(id: $id, input: {name: \"Sac rouge\", price: \"39.90\"}) { name price } }", json!({ "id": product["id"] }))
        .await;
    assert_eq!(
        updated["data"]["updateProduct"],
        json!({ "name": "Sac rouge", "price": "39.90" })
    );

    let video = gateway
        .query_as_operator(
            "mutation { createVideo(input: {name: \"Clip\"}) { id title uploadUrl } }",
            json!({}),
        )
        .await;
    assert!(
        video["data"]["createVideo"]["uploadUrl"]
            .as_str()
            .is_some_and(|u| u.starts_with("https://")),
        "{video}"
    );
    let read = gateway
        .query(
            "query($id: ID!) { video(id: $id) { title } }",
            json!({ "id": video["data"]["createVideo"]["id"] }),
        )
        .await;
    assert_eq!(read["data"]["video"]["title"], "Clip", "read back");
    let renamed = gateway
        .query_as_operator(
            "mutation($id: ID!) { updateVideo(id: $id, input: {name: \"Clip 2\"}) { title } }",
            json!({ "id": video["data"]["createVideo"]["id"] }),
        )
        .await;
    assert_eq!(renamed["data"]["updateVideo"]["title"], "Clip 2");
}

/// A GraphQL multipart request (operations, map, one file).
fn upload_form(
    query: &str,
    variables: Value,
    file_paths: &[&str],
    bytes: Vec<u8>,
) -> reqwest::multipart::Form {
    let operations = json!({ "query": query, "variables": variables });
    let map = json!({ "0": file_paths });
    let file = reqwest::multipart::Part::bytes(bytes)
        .file_name("cover.png")
        .mime_str("image/png")
        .unwrap();
    reqwest::multipart::Form::new()
        .text("operations", operations.to_string())
        .text("map", map.to_string())
        .part("0", file)
}

/// Posts an upload form as the operator, with the preflight header.
async fn post_upload(gateway: &TestGateway, form: reqwest::multipart::Form) -> reqwest::Response {
    gateway
        .http
        .post(format!("{}/graphql", gateway.url))
        .bearer_auth(OPERATOR_TOKEN)
        .header("graphql-require-preflight", "1")
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// What Caast received for the last live created: its multipart parts.
fn parts_sent(gateway: &TestGateway) -> Vec<ReceivedPart> {
    let sent = gateway
        .simulator()
        .received_for(Operation::CaastLivesCreate);
    let ReceivedBody::Multipart(parts) = &sent.last().expect("a live was created").body else {
        panic!("Caast got multipart")
    };
    parts.clone()
}

/// One file at two paths (what apollo-upload-client sends when one `File` is used twice): each
/// variable gets the whole file.
#[tokio::test]
async fn one_file_at_two_paths_fills_both() {
    let gateway = TestGateway::builder().start().await;
    let query = "mutation($a: Upload, $b: Upload) { createLive(input: {name: \"Twice\", startDate: \"2031-05-01T18:00:00Z\", thumbnail: $a, portraitThumbnail: $b}) { id } }";
    let form = upload_form(
        query,
        json!({ "a": null, "b": null }),
        &["variables.a", "variables.b"],
        vec![7u8; 1234],
    );
    let response = post_upload(&gateway, form).await;
    let answer: Value = response.json().await.unwrap();
    assert!(answer.get("errors").is_none(), "{answer}");
    let parts = parts_sent(&gateway);
    for name in ["thumbnail", "portrait_thumbnail"] {
        let part = parts.iter().find(|p| p.name == name);
        let part = part.unwrap_or_else(|| panic!("a {name} part"));
        assert_eq!(part.len, 1234, "{name}");
    }
}

#[tokio::test]
async fn a_thumbnail_upload_arrives_at_caast_as_a_multipart_file() {
    let gateway = TestGateway::builder().start().await;
    let query = "mutation($file: Upload) { createLive(input: {name: \"With cover\", startDate: \"2031-05-01T18:00:00Z\", thumbnail: $file}) { thumbnailUrl } }";
    let form = upload_form(
        query,
        json!({ "file": null }),
        &["variables.file"],
        vec![7u8; 1234],
    );
    let response = post_upload(&gateway, form).await;
    assert_eq!(response.status(), 200);
    let answer: Value = response.json().await.unwrap();
    assert!(
        answer["data"]["createLive"]["thumbnailUrl"]
            .as_str()
            .is_some(),
        "{answer}"
    );
    let parts = parts_sent(&gateway);
    let thumbnail = parts
        .iter()
        .find(|p| p.name == "thumbnail")
        .expect("a thumbnail part");
    assert_eq!(thumbnail.content_type.as_deref(), Some("image/png"));
    assert_eq!(
        (thumbnail.file_name.as_deref(), thumbnail.len),
        (Some("cover.png"), 1234)
    );
    assert!(
        parts
            .iter()
            .any(|p| p.name == "name" && p.text.as_deref() == Some("With cover"))
    );

    let no_preflight = upload_form(
        query,
        json!({ "file": null }),
        &["variables.file"],
        vec![1, 2, 3],
    );
    let refused = gateway
        .http
        .post(format!("{}/graphql", gateway.url))
        .bearer_auth(OPERATOR_TOKEN)
        .multipart(no_preflight)
        .send()
        .await
        .unwrap();
    assert_eq!(
        refused.status(),
        400,
        "a multipart request without a preflight header is refused"
    );
}

#[tokio::test]
async fn a_lives_seller_and_products_arrive_at_caast_as_form_fields() {
    let gateway = TestGateway::builder().start().await;
    let seller = gateway.query("{ sellers(first: 1) { edges { node { id providerId products(first: 2) { edges { node { id providerId } } } } } } }", json!({})).await;
    let seller = &seller["data"]["sellers"]["edges"][0]["node"];
    let products: Vec<&Value> = seller["products"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["node"])
        .collect();
    let created = gateway
        .query_as_operator(
            "mutation($s: ID, $p: [ID!]) { createLive(input: {name: \"Mine\", startDate: \"2031-05-01T18:00:00Z\", sellerId: $s, productIds: $p, tags: [\"a\", \"b\"]}) { seller { id } products(first: 5) { edges { node { id } } } } }",
            json!({ "s": seller["id"], "p": products.iter().map(|p| p["id"].clone()).collect::<Vec<_>>() }),
        )
        .await;
    assert!(created.get("errors").is_none(), "{created}");
    assert_eq!(created["data"]["createLive"]["seller"]["id"], seller["id"]);
    assert_eq!(
        created["data"]["createLive"]["products"]["edges"]
            .as_array()
            .unwrap()
            .len(),
        products.len()
    );
    let sent = gateway
        .simulator()
        .received_for(Operation::CaastLivesCreate);
    let ReceivedBody::Multipart(parts) = &sent[0].body else {
        panic!("multipart")
    };
    let texts = |name: &str| {
        parts
            .iter()
            .filter(|p| p.name == name)
            .filter_map(|p| p.text.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(texts("seller_id"), [seller["providerId"].as_str().unwrap()]);
    let product_ids: Vec<String> = products
        .iter()
        .map(|p| p["providerId"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(texts("product_ids[]"), product_ids);
    assert_eq!(texts("tags[]"), ["a", "b"]);
}

#[tokio::test]
async fn an_update_clears_what_it_gives_null_or_empty_and_keeps_what_it_leaves_out() {
    let gateway = TestGateway::builder().start().await;
    let seller = gateway.query("{ sellers(first: 1) { edges { node { id products(first: 1) { edges { node { id } } } } } } }", json!({})).await;
    let seller = &seller["data"]["sellers"]["edges"][0]["node"];
    let product = seller["products"]["edges"][0]["node"]["id"].clone();
    let fields = "description seller { id } tags products(first: 5) { edges { node { id } } }";
    let created = gateway
        .query_as_operator(
            &format!("mutation($s: ID, $p: [ID!]) {{ createLive(input: {{name: \"Full\", startDate: \"2031-05-01T18:00:00Z\", description: \"Words\", sellerId: $s, productIds: $p, tags: [\"a\"]}}) {{ id {fields} }} }}"),
            json!({ "s": seller["id"], "p": [product] }),
        )
        .await;
    let live = &created["data"]["createLive"];
    assert_eq!(live["description"], "Words", "{created}");
    let id = live["id"].clone();

    let kept = gateway
        .query_as_operator(
            &format!("mutation($id: ID!) {{ updateLive(id: $id, input: {{name: \"Kept\", startDate: \"2031-05-01T18:00:00Z\"}}) {{ {fields} }} }}"),
            json!({ "id": id }),
        )
        .await;
    let kept = &kept["data"]["updateLive"];
    assert_eq!(kept["description"], "Words", "left out, kept: {kept}");
    assert_eq!(kept["seller"]["id"], seller["id"]);
    assert_eq!(kept["tags"], json!(["a"]));

    gateway.simulator().clear_received();
    let cleared = gateway
        .query_as_operator(
            &format!("mutation($id: ID!) {{ updateLive(id: $id, input: {{name: \"Bare\", startDate: \"2031-05-01T18:00:00Z\", description: null, sellerId: null, tags: [], productIds: null}}) {{ {fields} }} }}"),
            json!({ "id": id }),
        )
        .await;
    assert!(cleared.get("errors").is_none(), "{cleared}");
    assert_eq!(
        cleared["data"]["updateLive"],
        json!({ "description": null, "seller": null, "tags": [], "products": { "edges": [] } })
    );
    let sent = gateway
        .simulator()
        .received_for(Operation::CaastLivesUpdate);
    let ReceivedBody::Multipart(parts) = &sent[0].body else {
        panic!("Caast got multipart: {:?}", sent[0].body)
    };
    for name in ["description", "seller_id", "tags[]", "product_ids[]"] {
        let part = parts.iter().find(|p| p.name == name);
        assert_eq!(
            part.and_then(|p| p.text.as_deref()),
            Some(""),
            "{name} is sent empty to clear it: {parts:?}"
        );
    }
}
