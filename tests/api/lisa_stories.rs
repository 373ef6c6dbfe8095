//! LiSA stories and story badges through GraphQL.

use std::collections::HashSet;

use live_commerce_gateway::simulator::Operation;
use serde_json::{Value, json};

use crate::helpers::{TestGateway, has_pair, only_request};

#[tokio::test]
async fn stories_page_through_every_item_once_and_resolve_with_their_shows() {
    let gateway = TestGateway::builder().start().await;
    let (mut seen, mut after, mut total) = (Vec::new(), Value::Null, None);
    loop {
        let page = gateway
            .query(
                "query($after: String) { stories(first: 7, after: $after) { totalCount edges { node { id liveContents { id } channel { slug } } } pageInfo { hasNextPage endCursor } } }",
                json!({ "after": after }),
            )
            .await;
        assert!(page.get("errors").is_none(), "{page}");
        total = total.or(page["data"]["stories"]["totalCount"].as_u64());
        seen.extend(
            page["data"]["stories"]["edges"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["node"].clone()),
        );
        if page["data"]["stories"]["pageInfo"]["hasNextPage"] == false {
            break;
        }
        after = page["data"]["stories"]["pageInfo"]["endCursor"].clone();
    }
    let ids: HashSet<&str> = seen.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), seen.len(), "no duplicates");
    assert_eq!(total, Some(seen.len() as u64), "totalCount is LiSA's count");
    assert!(
        seen.iter()
            .any(|s| !s["liveContents"].as_array().unwrap().is_empty()),
        "stories show shows"
    );

    let story = &seen[0];
    let by_id = gateway
        .query(
            "query($id: ID!) { story(id: $id) { id } node(id: $id) { id } }",
            json!({ "id": story["id"] }),
        )
        .await;
    assert_eq!(
        (&by_id["data"]["story"]["id"], &by_id["data"]["node"]["id"]),
        (&story["id"], &story["id"])
    );

    let slug = story["channel"]["slug"].clone();
    gateway.simulator().reset_request_counts();
    let of_channel = gateway.query("query($s: String) { channel(slug: $s) { stories(first: 50) { edges { node { channel { slug } } } } } }", json!({ "s": slug })).await;
    assert!(has_pair(
        &only_request(&gateway, Operation::LisaStoriesFind),
        "channel",
        slug.as_str().unwrap()
    ));
    let edges = of_channel["data"]["channel"]["stories"]["edges"]
        .as_array()
        .unwrap();
    assert!(!edges.is_empty() && edges.iter().all(|e| e["node"]["channel"]["slug"] == slug));
}

#[tokio::test]
async fn story_badges_group_as_asked_and_hold_their_stories() {
    let gateway = TestGateway::builder().start().await;
    gateway.simulator().reset_request_counts();
    let answer = gateway.query("{ storyBadges(groupBy: CREATOR, first: 20) { totalCount edges { node { groupBy key storyCount stories { creator } } } } }", json!({})).await;
    assert!(answer.get("errors").is_none(), "{answer}");
    assert!(has_pair(
        &only_request(&gateway, Operation::LisaStoriesBadges),
        "group_by",
        "creator"
    ));
    assert!(
        answer["data"]["storyBadges"]["totalCount"].is_null(),
        "LiSA does not count badges"
    );
    let badges = answer["data"]["storyBadges"]["edges"].as_array().unwrap();
    assert!(!badges.is_empty());
    for badge in badges.iter().map(|e| &e["node"]) {
        let stories = badge["stories"].as_array().unwrap();
        assert_eq!(badge["storyCount"].as_u64(), Some(stories.len() as u64));
        assert!(
            stories.iter().all(|s| s["creator"] == badge["key"]),
            "a creator's badge holds that creator's stories"
        );
    }
}
