//! LiSA short clips as videos through GraphQL.

use std::collections::HashSet;

use live_commerce_gateway::simulator::Operation;
use serde_json::json;

use crate::helpers::{TestGateway, has_pair, only_request};

#[tokio::test]
async fn clip_filters_reach_lisa_leave_caast_out_and_match_a_shows_clips() {
    let gateway = TestGateway::builder().start().await;
    let shows = gateway.query("{ liveContents(first: 70, filter: {provider: LISA}) { edges { node { id providerId shortClips { id orientation } } } } }", json!({})).await;
    let show = shows["data"]["liveContents"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["node"])
        .find(|n| !n["shortClips"].as_array().unwrap().is_empty())
        .expect("a show with clips")
        .clone();
    let orientation = show["shortClips"][0]["orientation"]
        .as_str()
        .unwrap()
        .to_uppercase();
    gateway.simulator().reset_request_counts();
    let query = "query($show: ID, $o: VideoOrientation) { videos(first: 50, filter: {liveContentId: $show, orientation: $o}) { totalCount edges { node { id provider orientation liveContent { id } } } } }";
    let answer = gateway
        .query(query, json!({ "show": show["id"], "o": orientation }))
        .await;
    assert!(answer.get("errors").is_none(), "{answer}");
    let request = only_request(&gateway, Operation::LisaShortClipsFind);
    assert!(
        has_pair(&request, "show_id", show["providerId"].as_str().unwrap()),
        "{:?}",
        request.query
    );
    assert!(
        has_pair(&request, "orientation", &orientation.to_lowercase()),
        "{:?}",
        request.query
    );
    assert_eq!(
        gateway
            .simulator()
            .request_count(Operation::CaastVideosList),
        0,
        "a LiSA-only filter leaves Caast out"
    );
    let edges = answer["data"]["videos"]["edges"].as_array().unwrap();
    assert!(!edges.is_empty());
    assert!(
        edges.iter().all(
            |e| e["node"]["provider"] == "LISA" && e["node"]["liveContent"]["id"] == show["id"]
        )
    );
    assert_eq!(
        answer["data"]["videos"]["totalCount"].as_u64(),
        Some(edges.len() as u64),
        "counted by LiSA"
    );

    let all = gateway.query("query($show: ID) { videos(first: 100, filter: {liveContentId: $show}) { edges { node { id } } } }", json!({ "show": show["id"] })).await;
    let listed: HashSet<&str> = all["data"]["videos"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["id"].as_str().unwrap())
        .collect();
    let from_show: HashSet<&str> = show["shortClips"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        listed, from_show,
        "LiveContent.shortClips and videos(filter: {{liveContentId}}) agree"
    );

    let clip = from_show.iter().next().unwrap();
    let by_id = gateway
        .query(
            "query($id: ID!) { video(id: $id) { id provider } node(id: $id) { id } }",
            json!({ "id": clip }),
        )
        .await;
    assert_eq!(by_id["data"]["video"]["provider"], "LISA");
    assert_eq!(by_id["data"]["node"]["id"], *clip);
}
