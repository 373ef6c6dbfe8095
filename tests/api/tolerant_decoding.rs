//! One unreadable item in a provider's answer costs that item only: the rest of its page (or
//! batch) comes back, with one `UPSTREAM_BAD_RESPONSE` error naming the provider and where the
//! item was, and the item is counted in `/metrics`. The providers here are a test-local fake
//! (axum on a loopback port) serving canned pages of 20 with one item damaged.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};

use crate::helpers::{TestGateway, caast, lisa};

/// Items on each canned page (Caast's page size).
const PAGE: usize = 20;
/// The show whose `id` is mistyped (an object): it cannot be read.
const BAD_SHOW: usize = 7;
/// The sticker with no `id`.
const BAD_STICKER: usize = 3;
/// The live whose `id` is a list.
const BAD_LIVE: usize = 11;
/// A show whose other fields are all mistyped: it is kept, those fields absent.
const ODD_SHOW: usize = 5;

fn show_id(i: usize) -> String {
    format!("00000000-0000-4000-8000-{i:012}")
}

fn date(i: usize) -> String {
    format!("2026-01-{:02}T10:00:00Z", i + 1)
}

fn shows() -> Value {
    let items: Vec<Value> = (0..PAGE)
        .map(|i| match i {
            BAD_SHOW => json!({"id": {"uuid": show_id(i)}, "name": "unreadable"}),
            ODD_SHOW => json!({
                "id": show_id(i), "name": "odd", "title": 42, "date": false, "isLive": "yes",
                "tags": "none", "channel": {"slug": "main"}, "products": ["SKU-1", 5]
            }),
            _ => json!({"id": show_id(i), "name": format!("show {i}"), "date": date(i)}),
        })
        .rev()
        .collect();
    json!({"items": items, "scrolling": {"cursor": null}})
}

fn stickers() -> Value {
    let items: Vec<Value> = (0..PAGE)
        .map(|i| {
            let mut sticker = json!({
                "id": format!("10000000-0000-4000-8000-{i:012}"),
                "name": format!("sticker {i}"),
                "mediaItemId": show_id(i),
            });
            if i == BAD_STICKER {
                sticker.as_object_mut().unwrap().remove("id");
            }
            sticker
        })
        .collect();
    json!({"items": items, "scrolling": {"cursor": null}})
}

fn lives(page: u32) -> Value {
    if page > 1 {
        return json!({"data": []});
    }
    let data: Vec<Value> = (0..PAGE)
        .map(|i| {
            let id = if i == BAD_LIVE {
                json!([i])
            } else {
                json!(format!("live-{i}"))
            };
            json!({"id": id, "type": "live", "attributes": {
                "name": format!("live {i}"), "state": "not_started", "startDate": date(i)
            }})
        })
        .rev()
        .collect();
    json!({"data": data})
}

/// Stories whose channel LiSA names by slug only (a shape the reference leaves undocumented).
fn stories() -> Value {
    let items: Vec<Value> = (0..3)
        .map(|i| json!({"id": format!("20000000-0000-4000-8000-{i:012}"), "name": "story", "channel": {"slug": "main"}}))
        .collect();
    json!({"items": items, "scrolling": {"cursor": null}})
}

fn channel() -> Value {
    json!({"id": "30000000-0000-4000-8000-000000000000", "name": "Main", "slug": "main"})
}

/// Snippets of products that `/products/references` lists as plain strings.
fn snippets() -> Value {
    let items: Vec<Value> = (0..3)
        .map(|i| json!({"id": format!("40000000-0000-4000-8000-{i:012}"), "name": "moment", "productReference": format!("SKU-{i}")}))
        .collect();
    json!({"items": items, "scrolling": {"cursor": null}})
}

/// Requests the fake received, by path.
#[derive(Default)]
struct Received {
    shows: AtomicUsize,
}

#[derive(serde::Deserialize)]
struct PageQuery {
    page: Option<u32>,
}

/// Both providers, canned, under `/lisa` and `/caast`.
async fn fake_providers() -> (String, Arc<Received>) {
    let received = Arc::new(Received::default());
    let count = |n: usize| Json(json!({"count": n}));
    let router =
        Router::new()
            .route(
                "/lisa/shows",
                get(|State(received): State<Arc<Received>>| async move {
                    received.shows.fetch_add(1, Ordering::SeqCst);
                    Json(shows())
                }),
            )
            .route("/lisa/shows/count", get(move || async move { count(PAGE) }))
            .route("/lisa/stickers", get(|| async { Json(stickers()) }))
            .route(
                "/lisa/stickers/count",
                get(move || async move { count(PAGE) }),
            )
            .route("/lisa/stories", get(|| async { Json(stories()) }))
            .route("/lisa/stories/count", get(move || async move { count(3) }))
            .route("/lisa/channels/main", get(|| async { Json(channel()) }))
            .route("/lisa/snippets", get(|| async { Json(snippets()) }))
            .route("/lisa/snippets/count", get(move || async move { count(3) }))
            .route(
                "/lisa/products/references",
                get(|| async { Json(json!({"items": ["SKU-0", "SKU-1", "SKU-2"]})) }),
            )
            .route(
                "/caast/products",
                get(|| async { Json(json!({"data": []})) }),
            )
            .route(
                "/caast/lives",
                get(|Query(query): Query<PageQuery>| async move {
                    Json(lives(query.page.unwrap_or(1)))
                }),
            )
            .with_state(received.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await });
    (url, received)
}

async fn gateway_over_fakes() -> (TestGateway, Arc<Received>) {
    let (url, received) = fake_providers().await;
    let gateway = TestGateway::builder()
        .with(move |config| {
            lisa(config).url = format!("{url}/lisa").parse().unwrap();
            caast(config).url = format!("{url}/caast").parse().unwrap();
        })
        .start()
        .await;
    (gateway, received)
}

/// The errors of an answer, as (code, provider, upstreamOperation, upstreamPath).
fn dropped_errors(answer: &Value) -> Vec<(String, String, String, String)> {
    let text = |e: &Value, key: &str| e["extensions"][key].as_str().unwrap_or("").to_string();
    let mut errors: Vec<_> = answer["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            (
                text(e, "code"),
                text(e, "provider"),
                text(e, "upstreamOperation"),
                text(e, "upstreamPath"),
            )
        })
        .collect();
    errors.sort();
    errors
}

fn dropped(provider: &str, operation: &str, at: String) -> (String, String, String, String) {
    let code = "UPSTREAM_BAD_RESPONSE".to_string();
    (code, provider.into(), operation.into(), at)
}

fn provider_ids(answer: &Value, list: &str) -> Vec<String> {
    answer["data"][list]["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("a list in {answer}"))
        .iter()
        .map(|e| e["node"]["providerId"].as_str().unwrap().to_string())
        .collect()
}

const LISA_SHOWS: &str = "{ liveContents(first: 50, filter: {provider: LISA}) { edges { node { providerId title scheduledAt stickers { id } } } } }";

#[tokio::test]
async fn one_unreadable_show_in_a_lisa_page_of_20_costs_only_that_show() {
    let (gateway, _) = gateway_over_fakes().await;
    let answer = gateway.query(LISA_SHOWS, json!({})).await;
    let ids = provider_ids(&answer, "liveContents");
    assert_eq!(ids.len(), PAGE - 1, "{answer}");
    assert!(!ids.contains(&show_id(BAD_SHOW)));
    assert_eq!(
        dropped_errors(&answer),
        vec![
            dropped(
                "LISA",
                "shows.find",
                format!("items[{}]", PAGE - 1 - BAD_SHOW)
            ),
            dropped("LISA", "stickers.find", format!("items[{BAD_STICKER}]")),
        ],
        "{answer}"
    );
    let odd = answer["data"]["liveContents"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["node"])
        .find(|n| n["providerId"] == show_id(ODD_SHOW))
        .expect("the show with mistyped fields is kept");
    assert_eq!(odd["title"], "odd", "no title: its name stands in");
    assert_eq!(
        odd["scheduledAt"],
        Value::Null,
        "an unreadable date is absent"
    );
}

#[tokio::test]
async fn one_unreadable_sticker_in_a_batch_for_20_shows_costs_only_that_sticker() {
    let (gateway, _) = gateway_over_fakes().await;
    let answer = gateway.query(LISA_SHOWS, json!({})).await;
    let edges = answer["data"]["liveContents"]["edges"].as_array().unwrap();
    for node in edges.iter().map(|e| &e["node"]) {
        let stickers = node["stickers"].as_array().unwrap().len();
        let expected = usize::from(node["providerId"] != show_id(BAD_STICKER));
        assert_eq!(stickers, expected, "{node}");
    }
    let stickers: usize = edges
        .iter()
        .map(|e| e["node"]["stickers"].as_array().unwrap().len())
        .sum();
    // 20 stickers sent, one per show: one unreadable, one on the unreadable show.
    assert_eq!(stickers, PAGE - 2);
}

#[tokio::test]
async fn one_unreadable_live_in_a_caast_page_of_20_costs_only_that_live() {
    let (gateway, _) = gateway_over_fakes().await;
    let answer = gateway
        .query(
            "{ liveContents(first: 50, filter: {provider: CAAST}) { edges { node { providerId } } } }",
            json!({}),
        )
        .await;
    let ids = provider_ids(&answer, "liveContents");
    assert_eq!(ids.len(), PAGE - 1, "{answer}");
    assert!(!ids.contains(&format!("live-{BAD_LIVE}")));
    let at = format!("data[{}]", PAGE - 1 - BAD_LIVE);
    assert_eq!(
        dropped_errors(&answer),
        vec![dropped("CAAST", "lives.list", at)]
    );
}

#[tokio::test]
async fn a_merged_list_loses_only_the_unreadable_item_of_each_provider() {
    let (gateway, _) = gateway_over_fakes().await;
    let answer = gateway
        .query(
            "{ liveContents(first: 50) { edges { node { providerId } } } }",
            json!({}),
        )
        .await;
    let ids = provider_ids(&answer, "liveContents");
    assert_eq!(ids.len(), 2 * (PAGE - 1), "{answer}");
    assert_eq!(
        dropped_errors(&answer),
        vec![
            dropped(
                "CAAST",
                "lives.list",
                format!("data[{}]", PAGE - 1 - BAD_LIVE)
            ),
            dropped(
                "LISA",
                "shows.find",
                format!("items[{}]", PAGE - 1 - BAD_SHOW)
            ),
        ],
        "{answer}"
    );
}

#[tokio::test]
async fn a_page_read_from_the_provider_cache_reports_its_dropped_item_and_is_not_kept_whole() {
    let (gateway, received) = gateway_over_fakes().await;
    let query = json!({"query": "{ liveContents(first: 50, filter: {provider: LISA}) { edges { node { providerId } } } }"});
    let mut answers = Vec::new();
    for _ in 0..2 {
        let response = gateway.post(&query).await;
        assert_eq!(response.status(), 200);
        let x_cache = response.headers()["x-cache"].to_str().unwrap().to_string();
        answers.push((x_cache, response.json::<Value>().await.unwrap()));
    }
    assert_eq!(
        received.shows.load(Ordering::SeqCst),
        1,
        "the second read came from the provider cache"
    );
    for (x_cache, answer) in &answers {
        assert_eq!(x_cache, "MISS", "an answer with errors is not kept whole");
        assert_eq!(provider_ids(answer, "liveContents").len(), PAGE - 1);
        assert_eq!(
            dropped_errors(answer),
            vec![dropped(
                "LISA",
                "shows.find",
                format!("items[{}]", PAGE - 1 - BAD_SHOW)
            )]
        );
    }
    let metrics = gateway.get("/metrics").await.text().await.unwrap();
    let line = metrics
        .lines()
        .find(|l| {
            l.starts_with("gateway_upstream_items_dropped_total{")
                && l.contains("provider=\"lisa\"")
                && l.contains("operation=\"shows.find\"")
        })
        .unwrap_or_else(|| panic!("the dropped show is counted:\n{metrics}"));
    assert!(
        line.ends_with(" 1"),
        "counted once, when decoded, not at each read: {line}"
    );
}

#[tokio::test]
async fn a_story_whose_channel_has_a_slug_but_no_id_keeps_its_channel() {
    let (gateway, _) = gateway_over_fakes().await;
    let answer = gateway
        .query(
            "{ stories(first: 20) { edges { node { providerId channel { slug name } } } } }",
            json!({}),
        )
        .await;
    assert!(answer.get("errors").is_none(), "{answer}");
    let edges = answer["data"]["stories"]["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 3, "{answer}");
    for edge in edges {
        assert_eq!(
            edge["node"]["channel"],
            json!({"slug": "main", "name": "Main"})
        );
    }
}

#[tokio::test]
async fn product_references_listed_as_plain_strings_join_snippets_to_their_product() {
    let (gateway, _) = gateway_over_fakes().await;
    let answer = gateway
        .query(
            "{ snippets(first: 20) { edges { node { productRef product { ref } } } } }",
            json!({}),
        )
        .await;
    assert!(answer.get("errors").is_none(), "{answer}");
    let edges = answer["data"]["snippets"]["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 3, "{answer}");
    for node in edges.iter().map(|e| &e["node"]) {
        assert_eq!(node["product"]["ref"], node["productRef"], "{node}");
    }
}
