//! Caast over HTTP: auth, JSON:API shapes, paging, filters and writes.

use std::collections::HashSet;

use live_commerce_gateway::simulator::Operation;
use reqwest::Method;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::helpers::*;

#[tokio::test]
async fn caast_rejects_missing_or_wrong_credentials_in_its_error_format() {
    let sim = spawn().await;
    let url = format!("{}/lives", sim.caast_url());
    let missing = reqwest::get(&url).await.unwrap();
    assert_eq!(missing.status(), 401);
    let body: Value = missing.json().await.unwrap();
    assert_eq!(body["errors"][0]["status"], "401");
    assert_eq!(body["errors"][0]["title"], "Unauthorized");
    assert!(body["errors"][0]["detail"].is_string());

    let wrong = reqwest::Client::new()
        .get(&url)
        .header("APP-ID", "demo-caast-app-id")
        .header("APP-KEY", "nope")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);
}

#[tokio::test]
async fn lives_pages_carry_current_page_and_total_item_headers() {
    let sim = spawn().await;
    let response = caast_get(&sim, "/lives?page=3").send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["Current-Page"], "3");
    assert_eq!(response.headers()["Page-Items"], "45");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["data"].as_array().unwrap().len(), 5);

    let past_the_end = json(caast_get(&sim, "/lives?page=4"), 200).await;
    assert_eq!(past_the_end, json!({"data": []}));
}

async fn walk_lives(
    sim: &live_commerce_gateway::simulator::RunningSimulator,
    query: &str,
) -> Vec<Value> {
    let mut all = Vec::new();
    for page in 1.. {
        let body = json(caast_get(sim, &format!("/lives?page={page}&{query}")), 200).await;
        let data = body["data"].as_array().unwrap().clone();
        let last = data.len() < 20;
        all.extend(data);
        if last {
            return all;
        }
    }
    unreachable!()
}

#[tokio::test]
async fn walking_every_page_of_lives_sees_each_live_exactly_once_in_order() {
    let sim = spawn().await;
    for order in [
        "order=created_at:DESC",
        "order=start_date:ASC",
        "order=start_date:DESC",
    ] {
        let lives = walk_lives(&sim, order).await;
        let ids: HashSet<_> = lives.iter().map(|l| l["id"].as_str().unwrap()).collect();
        assert_eq!((lives.len(), ids.len()), (45, 45), "{order}");
    }
    let by_start = walk_lives(&sim, "order=start_date:ASC").await;
    let dates: Vec<&str> = by_start
        .iter()
        .map(|l| l["attributes"]["startDate"].as_str().unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "start dates ascend");
}

#[tokio::test]
async fn a_live_nests_its_seller_and_products_in_attributes() {
    let sim = spawn().await;
    let body = json(
        caast_get(&sim, "/lives?state=started&seller_name=glow"),
        200,
    )
    .await;
    let live = &body["data"][0];
    assert_eq!(live["type"], "live");
    let attributes = &live["attributes"];
    assert_eq!(attributes["state"], "started");
    assert_eq!(attributes["isFinished"], false);
    assert_eq!(attributes["seller"]["type"], "seller");
    assert_eq!(attributes["seller"]["attributes"]["name"], "Glow Lab");
    assert!(attributes["seller"]["attributes"]["external_id"].is_string());
    let product = &attributes["products"][0]["attributes"];
    assert!(product["ref"].as_str().unwrap().starts_with("SKU-"));
    assert!(product["price"].is_string());
    for key in [
        "rtmpUrl",
        "streamKey",
        "startDate",
        "m3u8Url",
        "displayMode",
        "thumbnailUrl",
    ] {
        assert!(attributes[key].is_string(), "{key}");
    }
}

#[tokio::test]
async fn tag_filters_require_every_given_tag() {
    let sim = spawn().await;
    let one = walk_lives(&sim, "tags[]=fashion").await;
    let both = walk_lives(&sim, "tags[]=fashion&tags[]=tech").await;
    assert!(!both.is_empty() && both.len() < one.len());
    for live in &both {
        let tags = live["attributes"]["tags"].as_array().unwrap();
        assert!(tags.contains(&json!("fashion")) && tags.contains(&json!("tech")));
    }
}

#[tokio::test]
async fn creating_a_live_from_a_multipart_form_answers_201_and_lists_it() {
    let sim = spawn().await;
    let sellers = json(caast_get(&sim, "/sellers?external_id=SHOP-002"), 200).await;
    let seller_id = sellers["data"][0]["id"].as_str().unwrap().to_string();
    let form = Form::new()
        .text("name", "Launch party")
        .text("start_date", "2025-07-01T18:00:00Z")
        .text("seller_id", seller_id.clone())
        .text("tags[]", "launch")
        .text("tags[]", "new")
        .part(
            "thumbnail",
            Part::bytes(vec![1, 2, 3]).file_name("thumb.jpg"),
        );
    let created = json(caast(&sim, Method::POST, "/lives").multipart(form), 201).await;
    let attributes = &created["data"]["attributes"];
    assert_eq!(attributes["name"], "Launch party");
    assert_eq!(attributes["state"], "not_started");
    assert_eq!(attributes["tags"], json!(["launch", "new"]));
    assert_eq!(attributes["seller"]["id"], seller_id.as_str());

    let listed = json(caast_get(&sim, "/lives?name=LAUNCH"), 200).await;
    assert_eq!(listed["data"][0]["id"], created["data"]["id"]);

    let missing_date = Form::new().text("name", "No date");
    let error = json(
        caast(&sim, Method::POST, "/lives").multipart(missing_date),
        422,
    )
    .await;
    assert_eq!(error["errors"][0]["status"], "422");
    assert_eq!(sim.simulator.request_count(Operation::CaastLivesCreate), 2);
    assert_eq!(sim.simulator.request_count(Operation::CaastLivesList), 1);
}

#[tokio::test]
async fn a_live_shared_by_another_app_cannot_be_updated_or_finished() {
    let sim = spawn().await;
    let lives = walk_lives(&sim, "").await;
    let shared = lives
        .iter()
        .find(|l| l["attributes"]["sharedByWebsite"].is_string())
        .expect("a shared live");
    let id = shared["id"].as_str().unwrap();
    let form = Form::new()
        .text("name", "Mine now")
        .text("start_date", "2025-07-01T18:00:00Z");
    json(
        caast(&sim, Method::PUT, &format!("/lives/{id}")).multipart(form),
        403,
    )
    .await;
    let finish = json!({"is_finished": true, "end_date": "2025-06-01T13:00:00Z"});
    json(
        caast(&sim, Method::POST, &format!("/lives/{id}/finish")).json(&finish),
        403,
    )
    .await;
}

#[tokio::test]
async fn chat_pages_by_message_and_is_closed_on_finished_lives() {
    let sim = spawn().await;
    let started = json(caast_get(&sim, "/lives?state=started"), 200).await;
    let id = started["data"][0]["id"].as_str().unwrap();
    let latest = json(caast_get(&sim, &format!("/lives/{id}/messages")), 200).await;
    assert_eq!(latest["data"].as_array().unwrap().len(), 30);
    assert_eq!(latest["data"][0]["type"], "message");
    let first_uid = latest["data"][0]["id"].as_str().unwrap();
    let after = json(
        caast_get(&sim, &format!("/lives/{id}/messages/{first_uid}")),
        200,
    )
    .await;
    assert_eq!(after["data"].as_array().unwrap().len(), 29);

    let finished = json(caast_get(&sim, "/lives?state=finished"), 200).await;
    let id = finished["data"][0]["id"].as_str().unwrap();
    json(caast_get(&sim, &format!("/lives/{id}/messages")), 409).await;
    let timecodes = json(caast_get(&sim, &format!("/lives/{id}/timecodes")), 200).await;
    assert!(timecodes["data"][0]["item"]["uid"].is_string());
}

#[tokio::test]
async fn displayed_needs_exactly_one_context() {
    let sim = spawn().await;
    json(caast_get(&sim, "/displayed"), 422).await;
    json(
        caast_get(&sim, "/displayed?product_ref=SKU-0001&url=https://x"),
        422,
    )
    .await;
    let shown = json(caast_get(&sim, "/displayed?product_ref=SKU-0001"), 200).await;
    let items = shown[0]["data"].as_array().unwrap();
    assert!(!items.is_empty());
    for item in items {
        let refs: Vec<&str> = item["attributes"]["products"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["attributes"]["ref"].as_str().unwrap())
            .collect();
        assert!(refs.contains(&"SKU-0001"));
    }
}

#[tokio::test]
async fn a_product_created_with_a_catalogue_reference_comes_from_the_catalogue() {
    let sim = spawn().await;
    let form = Form::new().text("ref", "SKU-0070").text("name", "ignored");
    let created = json(caast(&sim, Method::POST, "/products").multipart(form), 201).await;
    assert_eq!(created["data"]["attributes"]["ref"], "SKU-0070");
    assert_ne!(created["data"]["attributes"]["name"], "ignored");
    let manual = Form::new().text("ref", "CUSTOM-1");
    json(
        caast(&sim, Method::POST, "/products").multipart(manual),
        422,
    )
    .await;
}

#[tokio::test]
async fn a_products_page_of_one_is_that_product_as_the_reference_samples_it() {
    let sim = spawn().await;
    let all = json(caast_get(&sim, "/products"), 200).await;
    assert!(
        all["data"].as_array().is_some_and(|d| d.len() > 1),
        "a list: {all}"
    );
    let reference = all["data"][0]["attributes"]["ref"]
        .as_str()
        .unwrap()
        .to_string();
    let one = json(caast_get(&sim, &format!("/products?ref={reference}")), 200).await;
    assert_eq!(
        one["data"]["attributes"]["ref"],
        reference.as_str(),
        "an object: {one}"
    );
}
