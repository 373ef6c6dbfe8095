//! LiSA over HTTP: auth, cursor paging, filters, counts and writes.

use std::collections::HashSet;

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::*;

#[tokio::test]
async fn lisa_rejects_a_missing_or_wrong_api_key_in_its_error_format() {
    let sim = spawn().await;
    let url = format!("{}/shows", sim.lisa_url());
    let missing: Value = reqwest::get(&url).await.unwrap().json().await.unwrap();
    assert_eq!(
        missing,
        json!({"code": "Http:Unauthorized", "message": "You are not authorized to access the target resource.", "statusCode": 401})
    );
    let wrong = reqwest::Client::new()
        .get(&url)
        .header("Authorization", "ApiKey wrong")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);
}

async fn walk(sim: &live_commerce_gateway::simulator::RunningSimulator, path: &str) -> Vec<Value> {
    let mut items = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut request = lisa_get(sim, path);
        if let Some(c) = &cursor {
            request = request.query(&[("cursor", c)]);
        }
        let body = json(request, 200).await;
        items.extend(body["items"].as_array().unwrap().iter().cloned());
        match body["scrolling"]["cursor"].as_str() {
            Some(next) => cursor = Some(next.to_string()),
            None => return items,
        }
    }
}

#[tokio::test]
async fn a_cursor_walk_through_shows_sees_every_show_once_newest_first() {
    let sim = spawn().await;
    let shows = walk(&sim, "/shows?limit=7").await;
    let ids: HashSet<_> = shows.iter().map(|s| s["id"].as_str().unwrap()).collect();
    let count = json(lisa_get(&sim, "/shows/count"), 200).await;
    assert_eq!(shows.len(), ids.len());
    assert_eq!(json!(shows.len()), count["count"]);
    assert!(shows.len() > 60, "the catalogue pages: {}", shows.len());
    assert!(
        shows.iter().all(|s| s["status"] != "archived"),
        "archived hidden by default"
    );
    let dates: Vec<&str> = shows.iter().map(|s| s["date"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "date:desc");

    let first = json(lisa_get(&sim, "/shows?limit=7"), 200).await;
    assert_eq!(first["scrolling"]["limit"], 7);
    let show = &first["items"][0];
    for key in ["title", "description", "channel", "assets", "media", "meta"] {
        assert!(show[key].is_object(), "{key}");
    }
    assert!(show["title"]["*"].is_string());
}

#[tokio::test]
async fn a_comma_separated_filter_matches_any_of_its_values() {
    let sim = spawn().await;
    let jane = walk(&sim, "/shows?creator=jane.doe").await;
    let lea = walk(&sim, "/shows?creator=lea.martin").await;
    let either = walk(&sim, "/shows?creator=jane.doe,lea.martin").await;
    let union: HashSet<_> = jane.iter().chain(&lea).map(|s| s["id"].clone()).collect();
    let got: HashSet<_> = either.iter().map(|s| s["id"].clone()).collect();
    assert!(!jane.is_empty() && !lea.is_empty());
    assert_eq!(got, union);

    let two_shows = format!("{},{}", ids(&json!(jane))[0], ids(&json!(lea))[0]);
    let stickers = walk(&sim, &format!("/stickers?media_item_id={two_shows}")).await;
    for sticker in &stickers {
        assert!(two_shows.contains(sticker["mediaItemId"].as_str().unwrap()));
    }
}

#[tokio::test]
async fn limits_cursors_and_ids_are_validated() {
    let sim = spawn().await;
    let too_big = json(lisa_get(&sim, "/stickers?limit=51"), 400).await;
    assert_eq!(too_big["code"], "Http:BadRequest");
    assert!(too_big["issues"].is_array());
    json(lisa_get(&sim, "/shows?limit=250"), 200).await;
    json(lisa_get(&sim, "/shows?limit=251"), 400).await;
    json(lisa_get(&sim, "/shows?cursor=not-a-cursor"), 400).await;
    json(lisa_get(&sim, "/shows/not-a-uuid"), 400).await;
    let missing = json(
        lisa_get(&sim, "/shows/00000000-0000-4000-8000-000000000000"),
        404,
    )
    .await;
    assert_eq!(missing["code"], "Http:NotFound");
    json(lisa_get(&sim, "/shows?live=maybe"), 400).await;
    let live = json(lisa_get(&sim, "/shows/count?live=yes"), 200).await;
    assert_eq!(live["count"], 5);
}

#[tokio::test]
async fn creating_a_channel_derives_its_slug_and_refuses_a_taken_one() {
    let sim = spawn().await;
    let body = json!({"name": "Garden Party", "title": {"*": "Garden", "en-us": "Garden"}});
    let created = json(lisa(&sim, Method::POST, "/channels").json(&body), 201).await;
    assert_eq!(created["slug"], "garden-party");
    assert_eq!(created["status"], "ready");
    let conflict = json(lisa(&sim, Method::POST, "/channels").json(&body), 409).await;
    assert_eq!(conflict["code"], "Http:Conflict");

    let by_slug = json(lisa_get(&sim, "/channels/garden-party"), 200).await;
    assert_eq!(by_slug["id"], created["id"]);
    let patched = json(
        lisa(&sim, Method::PATCH, "/channels/garden-party")
            .json(&json!({"url": "https://shop.example/garden"})),
        200,
    )
    .await;
    assert_eq!(patched["url"], "https://shop.example/garden");

    let delete = || lisa(&sim, Method::DELETE, "/channels/garden-party").send();
    assert_eq!(delete().await.unwrap().status(), 204);
    assert_eq!(
        json(lisa_get(&sim, "/channels/garden-party"), 200).await["status"],
        "archived"
    );
    assert_eq!(delete().await.unwrap().status(), 204);
    json(lisa_get(&sim, "/channels/garden-party"), 404).await;
}

#[tokio::test]
async fn patching_a_sticker_publishes_it_and_starts_its_timer_only_with_true() {
    let sim = spawn().await;
    let stickers = json(lisa_get(&sim, "/stickers?limit=1"), 200).await;
    let id = stickers["items"][0]["id"].as_str().unwrap();
    let path = format!("/stickers/{id}");
    let unpublished = json(
        lisa(&sim, Method::PATCH, &path).json(&json!({"isPublished": false})),
        200,
    )
    .await;
    assert_eq!(unpublished["isPublished"], false);
    assert_eq!(unpublished["publishedAt"], Value::Null);
    let published = json(
        lisa(&sim, Method::PATCH, &path).json(&json!({"isPublished": true})),
        200,
    )
    .await;
    assert!(published["publishedAt"].is_string());
    json(
        lisa(&sim, Method::PATCH, &path).json(&json!({"isActivationTimerEnabled": false})),
        400,
    )
    .await;
    let timer = json(
        lisa(&sim, Method::PATCH, &path).json(&json!({"isActivationTimerEnabled": true})),
        200,
    )
    .await;
    assert_eq!(timer["activation"]["isTimerEnabled"], true);
    assert_eq!(json(lisa_get(&sim, &path), 200).await, timer);
}

#[tokio::test]
async fn badges_need_a_grouping_and_group_stories() {
    let sim = spawn().await;
    json(lisa_get(&sim, "/stories/badges"), 400).await;
    let badges = json(lisa_get(&sim, "/stories/badges?group_by=creator"), 200).await;
    let total: u64 = badges["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["storyCount"].as_u64().unwrap())
        .sum();
    assert_eq!(
        json!(total),
        json(lisa_get(&sim, "/stories/count"), 200).await["count"]
    );
}
