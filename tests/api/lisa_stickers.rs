//! LiSA stickers through GraphQL: listing (per show, counted, paged), look-ups, the show a
//! sticker is on, a show's stickers, and publishing.

use std::collections::HashSet;

use live_commerce_gateway::simulator::{Operation, ReceivedBody};
use serde_json::{Value, json};

use crate::helpers::{TestGateway, error_codes};

#[tokio::test]
async fn stickers_page_through_every_item_once_with_their_count() {
    let gateway = TestGateway::builder().start().await;
    let (mut seen, mut after, mut total) = (HashSet::new(), Value::Null, None);
    loop {
        let page = gateway
            .query(
                "query($after: String) { stickers(first: 30, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }",
                json!({ "after": after }),
            )
            .await;
        assert!(page.get("errors").is_none(), "{page}");
        total = total.or(page["data"]["stickers"]["totalCount"].as_u64());
        for edge in page["data"]["stickers"]["edges"].as_array().unwrap() {
            assert!(
                seen.insert(edge["node"]["id"].as_str().unwrap().to_string()),
                "no duplicates"
            );
        }
        if page["data"]["stickers"]["pageInfo"]["hasNextPage"] == false {
            break;
        }
        after = page["data"]["stickers"]["pageInfo"]["endCursor"].clone();
    }
    assert_eq!(total, Some(seen.len() as u64), "totalCount is LiSA's count");
    assert!(seen.len() > 50, "more than one LiSA batch");
}

#[tokio::test]
async fn a_shows_stickers_come_from_one_filtered_request_and_point_back_at_the_show() {
    let gateway = TestGateway::builder().start().await;
    let shows = gateway.query("{ liveContents(first: 70, filter: {provider: LISA}) { edges { node { id providerId stickers { id } } } } }", json!({})).await;
    let node = shows["data"]["liveContents"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["node"])
        .find(|n| n["stickers"].as_array().unwrap().len() > 1)
        .expect("a show with stickers")
        .clone();
    gateway.simulator().reset_request_counts();
    let listed = gateway
        .query(
            "query($show: ID) { stickers(liveContentId: $show, first: 50) { totalCount edges { node { id mediaItemId liveContent { id } } } } }",
            json!({ "show": node["id"] }),
        )
        .await;
    assert!(listed.get("errors").is_none(), "{listed}");
    let request = &gateway
        .simulator()
        .received_for(Operation::LisaStickersFind)[0];
    assert!(
        request
            .query
            .iter()
            .any(|(k, v)| k == "media_item_id" && v == node["providerId"].as_str().unwrap()),
        "{:?}",
        request.query
    );
    let edges = listed["data"]["stickers"]["edges"].as_array().unwrap();
    let ids: HashSet<&str> = edges
        .iter()
        .map(|e| e["node"]["id"].as_str().unwrap())
        .collect();
    let from_show: HashSet<&str> = node["stickers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids, from_show,
        "LiveContent.stickers and stickers(liveContentId:) agree"
    );
    assert!(
        edges
            .iter()
            .all(|e| e["node"]["liveContent"]["id"] == node["id"]
                && e["node"]["mediaItemId"] == node["providerId"])
    );
}

#[tokio::test]
async fn a_sticker_resolves_by_id_with_its_texts_in_the_callers_locale() {
    let gateway = TestGateway::builder().start().await;
    let list = gateway.query("{ stickers(first: 50) { edges { node { id name cardTitleTranslations { locale text } } } } }", json!({})).await;
    let sticker = list["data"]["stickers"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["node"])
        .find(|n| n["cardTitleTranslations"].as_array().unwrap().len() > 1)
        .expect("a translated sticker")
        .clone();
    let german = sticker["cardTitleTranslations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["locale"] == "de-de")
        .unwrap()["text"]
        .clone();
    let answer = gateway
        .query("query($id: ID!) { sticker(id: $id) { id name cardTitle(locale: \"de-de\") } node(id: $id) { id } }", json!({ "id": sticker["id"] }))
        .await;
    assert_eq!(answer["data"]["sticker"]["cardTitle"], german);
    assert_eq!(answer["data"]["node"]["id"], sticker["id"]);
}

#[tokio::test]
async fn publishing_a_sticker_round_trips_for_the_operator_only() {
    let gateway = TestGateway::builder().start().await;
    let list = gateway
        .query(
            "{ stickers(first: 50) { edges { node { id isPublished } } } }",
            json!({}),
        )
        .await;
    let sticker = list["data"]["stickers"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["node"])
        .find(|n| n["isPublished"] == true)
        .expect("a published sticker")
        .clone();
    let mutation = "mutation($id: ID!, $input: UpdateStickerInput!) { updateSticker(id: $id, input: $input) { id isPublished } }";
    let anonymous = gateway
        .query(
            mutation,
            json!({ "id": sticker["id"], "input": { "published": false } }),
        )
        .await;
    assert_eq!(error_codes(&anonymous), ["UNAUTHENTICATED"]);

    let unpublished = gateway
        .query_as_operator(
            mutation,
            json!({ "id": sticker["id"], "input": { "published": false } }),
        )
        .await;
    assert_eq!(
        unpublished["data"]["updateSticker"]["isPublished"], false,
        "{unpublished}"
    );
    let sent = gateway
        .simulator()
        .received_for(Operation::LisaStickersUpdate);
    assert!(
        matches!(&sent[0].body, ReceivedBody::Json(body) if body == &json!({ "isPublished": false })),
        "{:?}",
        sent[0].body
    );
    let read = gateway
        .query(
            "query($id: ID!) { sticker(id: $id) { isPublished } }",
            json!({ "id": sticker["id"] }),
        )
        .await;
    assert_eq!(read["data"]["sticker"]["isPublished"], false, "read back");

    let timer_off = gateway
        .query_as_operator(
            mutation,
            json!({ "id": sticker["id"], "input": { "startActivationTimer": false } }),
        )
        .await;
    assert_eq!(error_codes(&timer_off), ["BAD_USER_INPUT"]);
    let timer = gateway
        .query_as_operator(
            mutation,
            json!({ "id": sticker["id"], "input": { "startActivationTimer": true } }),
        )
        .await;
    assert!(timer.get("errors").is_none(), "{timer}");
}
