//! The request log: what each provider request carried, in process and over
//! `/_simulator/requests/log`, without the credentials.

use live_commerce_gateway::simulator::{Operation, ReceivedBody, ReceivedPart};
use reqwest::Method;
use reqwest::multipart::{Form, Part};
use serde_json::json;

use crate::helpers::*;

fn pairs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[tokio::test]
async fn a_filtered_list_is_logged_with_its_decoded_query_pairs_in_order() {
    let sim = spawn().await;
    let query = "/lives?tags[]=summer&name=garden%20party&tags%5B%5D=sale&page=2";
    json(caast_get(&sim, query), 200).await;
    json(
        lisa_get(&sim, "/snippets?product_reference=A,B&limit=5"),
        200,
    )
    .await;

    let lives = sim.simulator.received_for(Operation::CaastLivesList);
    assert_eq!(lives.len(), 1);
    let list = &lives[0];
    assert_eq!(list.method, "GET");
    assert_eq!(list.path, "/caast/v1/lives");
    assert_eq!(
        list.query,
        pairs(&[
            ("tags[]", "summer"),
            ("name", "garden party"),
            ("tags[]", "sale"),
            ("page", "2"),
        ])
    );
    assert_eq!(list.content_type, None);
    assert_eq!(list.body, ReceivedBody::None);

    let snippets = sim.simulator.received_for(Operation::LisaSnippetsFind);
    assert_eq!(snippets[0].path, "/lisa/v1/snippets");
    assert_eq!(
        snippets[0].query,
        pairs(&[("product_reference", "A,B"), ("limit", "5")])
    );
}

#[tokio::test]
async fn a_multipart_create_is_logged_with_its_text_fields_and_file_lengths() {
    let sim = spawn().await;
    let form = Form::new()
        .text("name", "Launch party")
        .text("start_date", "2025-07-01T18:00:00Z")
        .text("tags[]", "launch")
        .part(
            "thumbnail",
            Part::bytes(vec![7; 1234])
                .file_name("thumb.jpg")
                .mime_str("image/jpeg")
                .unwrap(),
        );
    // The handler still reads the form after the guard has logged it.
    let created = json(caast(&sim, Method::POST, "/lives").multipart(form), 201).await;
    assert_eq!(created["data"]["attributes"]["tags"], json!(["launch"]));

    let received = sim.simulator.received_for(Operation::CaastLivesCreate);
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].method, "POST");
    assert!(
        received[0]
            .content_type
            .as_deref()
            .is_some_and(|ct| ct.starts_with("multipart/form-data; boundary="))
    );
    let ReceivedBody::Multipart(parts) = &received[0].body else {
        panic!("a multipart body, got {:?}", received[0].body);
    };
    let text = |name: &str, value: &str| ReceivedPart {
        name: name.to_string(),
        file_name: None,
        content_type: None,
        len: value.len(),
        text: Some(value.to_string()),
    };
    assert_eq!(
        parts,
        &vec![
            text("name", "Launch party"),
            text("start_date", "2025-07-01T18:00:00Z"),
            text("tags[]", "launch"),
            ReceivedPart {
                name: "thumbnail".to_string(),
                file_name: Some("thumb.jpg".to_string()),
                content_type: Some("image/jpeg".to_string()),
                len: 1234,
                text: None,
            },
        ]
    );
}

#[tokio::test]
async fn a_json_write_is_logged_with_its_json_and_still_applied() {
    let sim = spawn().await;
    let body = json!({"name": "Garden Shop", "external_id": "SHOP-900", "url": null});
    json(caast(&sim, Method::POST, "/sellers").json(&body), 201).await;
    let stickers = json(lisa_get(&sim, "/stickers?limit=1"), 200).await;
    let path = format!("/stickers/{}", stickers["items"][0]["id"].as_str().unwrap());
    let patch = json!({"isPublished": false});
    let patched = json(lisa(&sim, Method::PATCH, &path).json(&patch), 200).await;
    assert_eq!(patched["isPublished"], false);

    let created = sim.simulator.received_for(Operation::CaastSellersCreate);
    assert_eq!(created[0].content_type.as_deref(), Some("application/json"));
    assert_eq!(created[0].body, ReceivedBody::Json(body));
    let updated = sim.simulator.received_for(Operation::LisaStickersUpdate);
    assert_eq!(updated[0].method, "PATCH");
    assert_eq!(updated[0].path, format!("/lisa/v1{path}"));
    assert_eq!(updated[0].body, ReceivedBody::Json(patch));
}

#[tokio::test]
async fn the_log_keeps_arrival_order_and_refused_requests_and_clears_with_the_counts() {
    let sim = spawn().await;
    json(lisa_get(&sim, "/shows/count"), 200).await;
    reqwest::get(format!("{}/lives", sim.caast_url()))
        .await
        .unwrap(); // refused, still logged
    json(lisa_get(&sim, "/shows?limit=2"), 200).await;

    let operations: Vec<Operation> = sim
        .simulator
        .received()
        .iter()
        .map(|r| r.operation)
        .collect();
    assert_eq!(
        operations,
        [
            Operation::LisaShowsCount,
            Operation::CaastLivesList,
            Operation::LisaShowsFind,
        ]
    );
    sim.simulator.clear_received();
    assert!(sim.simulator.received().is_empty());
    assert_eq!(sim.simulator.request_count(Operation::LisaShowsFind), 1);

    json(lisa_get(&sim, "/shows"), 200).await;
    sim.simulator.reset_request_counts();
    assert!(sim.simulator.received().is_empty());
}

#[tokio::test]
async fn the_log_keeps_only_the_latest_thousand_requests() {
    let sim = spawn().await;
    let client = reqwest::Client::new();
    for page in 1..=1003 {
        client
            .get(format!("{}/sellers?page={page}", sim.caast_url()))
            .send()
            .await
            .unwrap();
    }
    let received = sim.simulator.received();
    assert_eq!(received.len(), 1000);
    assert_eq!(received[0].query, pairs(&[("page", "4")]));
    assert_eq!(received[999].query, pairs(&[("page", "1003")]));
}

#[tokio::test]
async fn a_body_over_the_buffer_limit_is_refused_in_the_provider_format_and_logged() {
    let sim = spawn().await;
    let huge = vec![b'x'; 9 * 1024 * 1024];
    let refused = json(
        caast(&sim, Method::POST, "/sellers")
            .header("Content-Type", "application/json")
            .body(huge),
        413,
    )
    .await;
    assert_eq!(refused["errors"][0]["status"], "413");
    let received = sim.simulator.received_for(Operation::CaastSellersCreate);
    assert_eq!(received[0].body, ReceivedBody::Other(9 * 1024 * 1024));
}
