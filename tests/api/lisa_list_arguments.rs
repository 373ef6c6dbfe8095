//! The list arguments LiSA documents beyond one value per filter: several shows, media items
//! and product references in one request, `modified_since` on clips, snippets and stickers (and
//! their counts), and `sort` on clips, snippets and shows. Each is checked by what LiSA
//! received and by what the client gets.

use live_commerce_gateway::simulator::{Operation, ReceivedRequest};
use serde_json::{Value, json};

use crate::helpers::{TestGateway, has_pair, only_request};

/// After every item of the demo: nothing was modified since.
const FAR_FUTURE: &str = "2999-01-01T00:00:00Z";
/// `FAR_FUTURE` as LiSA is sent it.
const FAR_FUTURE_SENT: &str = "2999-01-01T00:00:00.000Z";

/// LiSA shows (`{id, providerId, …}`) with at least one item in `children` (a field selecting
/// `{ providerId }` or `{ id }`).
async fn shows_with(gateway: &TestGateway, children: &str) -> Vec<Value> {
    let query = format!(
        "{{ liveContents(first: 70, filter: {{provider: LISA}}) {{ edges {{ node {{ id providerId {children} {{ providerId }} }} }} }} }}"
    );
    let answer = gateway.query(&query, json!({})).await;
    let shows: Vec<Value> = answer["data"]["liveContents"]["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("{answer}"))
        .iter()
        .map(|e| e["node"].clone())
        .filter(|n| !n[children].as_array().unwrap().is_empty())
        .collect();
    assert!(shows.len() >= 2, "two shows with {children}");
    shows
}

fn provider_ids(list: &Value) -> Vec<String> {
    list["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("{list}"))
        .iter()
        .map(|e| e["node"]["providerId"].as_str().unwrap().to_string())
        .collect()
}

/// Asks `query` (whose list is `list`, with `$since` and maybe `$shows`) for what was modified
/// since [`FAR_FUTURE`]: the list is empty, counted 0, and LiSA's list and count calls
/// (`find`, `count`) both carried `modified_since`, the list call no `sort`.
async fn nothing_modified_since(
    gateway: &TestGateway,
    (query, variables, list): (&str, Value, &str),
    (find, count): (Operation, Operation),
) {
    gateway.simulator().reset_request_counts();
    let answer = gateway.query(query, variables).await;
    assert_eq!(
        answer["data"][list],
        json!({ "totalCount": 0, "edges": [] }),
        "{answer}"
    );
    let request = only_request(gateway, find);
    sent(&request, "modified_since", FAR_FUTURE_SENT);
    not_sent(&request, "sort");
    sent(
        &only_request(gateway, count),
        "modified_since",
        FAR_FUTURE_SENT,
    );
}

fn sent(request: &ReceivedRequest, key: &str, value: &str) {
    assert!(
        has_pair(request, key, value),
        "{key}={value}: {:?}",
        request.query
    );
}

fn not_sent(request: &ReceivedRequest, key: &str) {
    assert!(
        request.query.iter().all(|(k, _)| k != key),
        "no {key}: {:?}",
        request.query
    );
}

#[tokio::test]
async fn clips_of_several_shows_come_from_one_request_ordered_and_narrowed_by_date() {
    let gateway = TestGateway::builder().start().await;
    let shows = shows_with(&gateway, "shortClips").await;
    let (a, b) = (&shows[0], &shows[1]);
    let expected: Vec<String> = [a, b]
        .iter()
        .flat_map(|s| provider_ids(&json!({ "edges": s["shortClips"].as_array().unwrap().iter().map(|c| json!({ "node": c })).collect::<Vec<_>>() })))
        .collect();
    let simulator = gateway.simulator();
    simulator.reset_request_counts();
    let query = "query($shows: [ID!]) { videos(first: 100, filter: {liveContentIds: $shows}, orderBy: {field: CREATED_AT, direction: ASC}) { totalCount edges { node { providerId provider } } } }";
    let answer = gateway
        .query(query, json!({ "shows": [a["id"], b["providerId"]] }))
        .await;
    assert!(answer.get("errors").is_none(), "{answer}");
    let request = only_request(&gateway, Operation::LisaShortClipsFind);
    let both = format!(
        "{},{}",
        a["providerId"].as_str().unwrap(),
        b["providerId"].as_str().unwrap()
    );
    sent(&request, "show_id", &both);
    sent(&request, "sort", "createdAt:asc");
    let count = only_request(&gateway, Operation::LisaShortClipsCount);
    sent(&count, "show_id", &both);
    not_sent(&count, "sort");
    assert_eq!(
        simulator.request_count(Operation::CaastVideosList),
        0,
        "an order only LiSA applies leaves Caast out"
    );
    let mut listed = provider_ids(&answer["data"]["videos"]);
    let mut wanted = expected.clone();
    assert_eq!(answer["data"]["videos"]["totalCount"], json!(wanted.len()));
    listed.sort();
    wanted.sort();
    assert_eq!(listed, wanted, "the clips of both shows, no other");

    let query = "query($shows: [ID!], $since: DateTime) { videos(filter: {liveContentIds: $shows, modifiedSince: $since}) { totalCount edges { node { providerId } } } }";
    let variables = json!({ "shows": [a["id"]], "since": FAR_FUTURE });
    let calls = (
        Operation::LisaShortClipsFind,
        Operation::LisaShortClipsCount,
    );
    nothing_modified_since(&gateway, (query, variables, "videos"), calls).await;
}

#[tokio::test]
async fn stickers_of_several_shows_come_from_one_request_narrowed_by_date() {
    let gateway = TestGateway::builder().start().await;
    let shows = shows_with(&gateway, "stickers").await;
    let (a, b) = (&shows[0], &shows[1]);
    let simulator = gateway.simulator();
    simulator.reset_request_counts();
    let query = "query($shows: [ID!]) { stickers(first: 100, liveContentIds: $shows) { totalCount edges { node { liveContent { id } } } } }";
    let answer = gateway
        .query(query, json!({ "shows": [a["id"], b["id"]] }))
        .await;
    assert!(answer.get("errors").is_none(), "{answer}");
    let both = format!(
        "{},{}",
        a["providerId"].as_str().unwrap(),
        b["providerId"].as_str().unwrap()
    );
    sent(
        &only_request(&gateway, Operation::LisaStickersFind),
        "media_item_id",
        &both,
    );
    sent(
        &only_request(&gateway, Operation::LisaStickersCount),
        "media_item_id",
        &both,
    );
    let stickers = answer["data"]["stickers"]["edges"].as_array().unwrap();
    let wanted = a["stickers"].as_array().unwrap().len() + b["stickers"].as_array().unwrap().len();
    assert_eq!(stickers.len(), wanted, "{answer}");
    assert!(
        stickers
            .iter()
            .all(|s| [&a["id"], &b["id"]].contains(&&s["node"]["liveContent"]["id"]))
    );

    let query = "query($since: DateTime) { stickers(modifiedSince: $since) { totalCount edges { node { id } } } }";
    let variables = json!({ "since": FAR_FUTURE });
    let calls = (Operation::LisaStickersFind, Operation::LisaStickersCount);
    nothing_modified_since(&gateway, (query, variables, "stickers"), calls).await;
}

#[tokio::test]
async fn snippets_of_several_references_come_from_one_request_in_the_order_asked() {
    let gateway = TestGateway::builder().start().await;
    let all = gateway
        .query(
            "{ snippets(first: 100) { edges { node { providerId name productRef } } } }",
            json!({}),
        )
        .await;
    let mut references: Vec<String> = all["data"]["snippets"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["node"]["productRef"].as_str().map(str::to_string))
        .collect();
    references.dedup();
    let (r1, r2) = (
        references[0].clone(),
        references
            .iter()
            .find(|r| **r != references[0])
            .expect("two references")
            .clone(),
    );
    let simulator = gateway.simulator();
    simulator.reset_request_counts();
    let query = "query($refs: [String!]) { snippets(first: 100, productRefs: $refs, orderBy: {field: NAME, direction: DESC}) { totalCount edges { node { name productRef } } } }";
    let answer = gateway.query(query, json!({ "refs": [r1, r2, r1] })).await;
    assert!(answer.get("errors").is_none(), "{answer}");
    let request = only_request(&gateway, Operation::LisaSnippetsFind);
    sent(&request, "product_reference", &format!("{r1},{r2}"));
    sent(&request, "sort", "name:desc");
    sent(
        &only_request(&gateway, Operation::LisaSnippetsCount),
        "product_reference",
        &format!("{r1},{r2}"),
    );
    let edges = answer["data"]["snippets"]["edges"].as_array().unwrap();
    let names: Vec<&str> = edges
        .iter()
        .map(|e| e["node"]["name"].as_str().unwrap())
        .collect();
    let mut descending = names.clone();
    descending.sort_by(|x, y| y.cmp(x));
    assert_eq!(names, descending, "by name, last first");
    assert!(edges.iter().all(|e| {
        [&r1, &r2]
            .iter()
            .any(|r| e["node"]["productRef"] == r.as_str())
    }));
    let wanted = all["data"]["snippets"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            [&r1, &r2]
                .iter()
                .any(|r| e["node"]["productRef"] == r.as_str())
        })
        .count();
    assert_eq!(edges.len(), wanted);
    assert_eq!(answer["data"]["snippets"]["totalCount"], json!(wanted));

    let query = "query($since: DateTime) { snippets(modifiedSince: $since) { totalCount edges { node { name } } } }";
    let variables = json!({ "since": FAR_FUTURE });
    let calls = (Operation::LisaSnippetsFind, Operation::LisaSnippetsCount);
    nothing_modified_since(&gateway, (query, variables, "snippets"), calls).await;
}

#[tokio::test]
async fn shows_sort_by_name_or_change_and_such_an_order_leaves_caast_out() {
    let gateway = TestGateway::builder().start().await;
    let simulator = gateway.simulator();
    simulator.reset_request_counts();
    let query = "{ liveContents(first: 100, orderBy: {field: NAME, direction: ASC}) { edges { node { provider name } } } }";
    let answer = gateway.query(query, json!({})).await;
    assert!(answer.get("errors").is_none(), "{answer}");
    let batches = simulator.received_for(Operation::LisaShowsFind);
    assert!(!batches.is_empty());
    for batch in &batches {
        sent(batch, "sort", "name:asc");
    }
    assert_eq!(
        simulator.request_count(Operation::CaastLivesList),
        0,
        "Caast cannot order by name"
    );
    let edges = answer["data"]["liveContents"]["edges"].as_array().unwrap();
    let names: Vec<&str> = edges
        .iter()
        .map(|e| e["node"]["name"].as_str().unwrap())
        .collect();
    let mut ascending = names.clone();
    ascending.sort();
    assert!(names.len() > 1 && names == ascending, "{names:?}");

    simulator.reset_request_counts();
    let query = "{ liveContents(first: 5, filter: {provider: LISA}, orderBy: {field: MODIFIED_AT}) { edges { node { id } } } }";
    let answer = gateway.query(query, json!({})).await;
    assert!(answer.get("errors").is_none(), "{answer}");
    sent(
        &only_request(&gateway, Operation::LisaShowsFind),
        "sort",
        "modifiedAt:desc",
    );

    simulator.reset_request_counts();
    let query = "{ liveContents(filter: {provider: CAAST}, orderBy: {field: NAME}) { edges { node { id } } } }";
    let answer = gateway.query(query, json!({})).await;
    assert_eq!(
        answer["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
        "{answer}"
    );
    let message = answer["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("orderBy.field"), "{message}");
    assert_eq!(
        simulator.request_counts().values().sum::<u64>(),
        0,
        "refused before any call"
    );
}

#[tokio::test]
async fn too_many_values_are_refused_before_any_call() {
    let gateway = TestGateway::builder().start().await;
    let simulator = gateway.simulator();
    simulator.reset_request_counts();
    let ids: Vec<String> = (0..51)
        .map(|n| format!("3203d9eb-e87b-49cc-9090-{n:012}"))
        .collect();
    for (query, argument) in [
        (
            "query($v: [ID!]) { stickers(liveContentIds: $v) { edges { node { id } } } }",
            "liveContentIds",
        ),
        (
            "query($v: [ID!]) { videos(filter: {liveContentIds: $v}) { edges { node { id } } } }",
            "liveContentIds",
        ),
        (
            "query($v: [String!]) { snippets(productRefs: $v) { edges { node { name } } } }",
            "productRefs",
        ),
    ] {
        let answer = gateway.query(query, json!({ "v": ids })).await;
        assert_eq!(
            answer["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
            "{answer}"
        );
        let message = answer["errors"][0]["message"].as_str().unwrap();
        assert!(message.contains(argument), "{message}");
    }
    assert_eq!(simulator.request_counts().values().sum::<u64>(), 0);
}
