//! The canonical queries of the batching issue cost exactly the upstream requests they should,
//! read from the simulator's counters on a fresh simulator and gateway.

use std::collections::HashSet;
use std::time::Duration;

use live_commerce_gateway::simulator::{Fault, FaultTarget, Operation, SimProvider};
use serde_json::{Value, json};

use crate::helpers::{TestGateway, has_pair, only_request};

fn count(gateway: &TestGateway, operation: Operation) -> u64 {
    gateway.simulator().request_count(operation)
}

fn total(gateway: &TestGateway) -> u64 {
    gateway.provider_requests()
}

fn nodes(answer: &Value, list: &str) -> Vec<Value> {
    answer["data"][list]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"].clone())
        .collect()
}

/// The fewest list requests LiSA's page of 50 allows for this many items.
fn pages_of_50(items: usize) -> u64 {
    items.div_ceil(50).max(1) as u64
}

#[tokio::test]
async fn fifty_shows_with_their_children_cost_one_request_per_kind_of_child() {
    let gateway = TestGateway::builder().start().await;
    let query = "{ liveContents(first: 50, filter: {provider: LISA}) { edges { node { title stickers { name } shortClips { title } channel { name } } } } }";
    let answer = gateway.query(query, json!({})).await;
    assert!(answer.get("errors").is_none(), "{answer}");
    let shows = nodes(&answer, "liveContents");
    assert_eq!(shows.len(), 50);
    let stickers: usize = shows
        .iter()
        .map(|s| s["stickers"].as_array().unwrap().len())
        .sum();
    let clips: usize = shows
        .iter()
        .map(|s| s["shortClips"].as_array().unwrap().len())
        .sum();
    let channels: HashSet<String> = shows
        .iter()
        .map(|s| s["channel"]["name"].to_string())
        .collect();
    assert!(stickers > 0 && clips > 0);

    assert_eq!(
        count(&gateway, Operation::LisaShowsFind),
        1,
        "one shows request"
    );
    assert_eq!(
        count(&gateway, Operation::LisaStickersFind),
        pages_of_50(stickers),
        "{stickers} stickers"
    );
    assert_eq!(
        count(&gateway, Operation::LisaShortClipsFind),
        pages_of_50(clips),
        "{clips} clips"
    );
    let channel_reads = count(&gateway, Operation::LisaChannelsFindOne);
    assert!(
        channel_reads <= channels.len() as u64,
        "{channel_reads} reads for {} channels",
        channels.len()
    );
    let expected = 1 + pages_of_50(stickers) + pages_of_50(clips) + channel_reads;
    assert_eq!(total(&gateway), expected, "nothing else was asked");

    let sticker_request = &gateway
        .simulator()
        .received_for(Operation::LisaStickersFind)[0];
    let named = sticker_request
        .query
        .iter()
        .find(|(k, _)| k == "media_item_id")
        .map(|(_, v)| v.split(',').count());
    assert_eq!(named, Some(50), "one request names every show");
}

#[tokio::test]
async fn once_shows_are_known_to_carry_more_than_a_page_their_children_are_read_in_one_round() {
    let gateway = TestGateway::builder()
        .with(|config| config.cache.max_bytes = 0)
        .start()
        .await;
    let query = "{ liveContents(first: 50, filter: {provider: LISA}) { edges { node { id stickers { id } } } } }";
    let first = gateway.query(query, json!({})).await;
    assert!(first.get("errors").is_none(), "{first}");
    let stickers: usize = nodes(&first, "liveContents")
        .iter()
        .map(|s| s["stickers"].as_array().unwrap().len())
        .sum();
    assert!(
        stickers > 50,
        "the seed puts {stickers} stickers on 50 shows"
    );
    let cursors = |gateway: &TestGateway| {
        let received = gateway
            .simulator()
            .received_for(Operation::LisaStickersFind);
        let with_cursor = received.iter().filter(|r| has_key(r, "cursor")).count();
        (received, with_cursor)
    };
    let (received, with_cursor) = cursors(&gateway);
    let pages = pages_of_50(stickers) as usize;
    assert_eq!(
        (received.len(), with_cursor),
        (pages, pages - 1),
        "page after page at first"
    );

    gateway.simulator().clear_received();
    let second = gateway.query(query, json!({})).await;
    assert_eq!(second, first, "the same stickers, in the same order");
    let (received, with_cursor) = cursors(&gateway);
    assert_eq!(
        with_cursor, 0,
        "no second page: the batch was split to fit pages"
    );
    assert!(
        received.len() <= pages + 1,
        "{} calls for {pages} pages",
        received.len()
    );
    let named: Vec<usize> = received
        .iter()
        .map(|r| {
            let ids = r.query.iter().find(|(k, _)| k == "media_item_id").unwrap();
            ids.1.split(',').count()
        })
        .collect();
    assert_eq!(
        named.iter().sum::<usize>(),
        50,
        "each show named once: {named:?}"
    );
}

fn has_key(request: &live_commerce_gateway::simulator::ReceivedRequest, key: &str) -> bool {
    request.query.iter().any(|(k, _)| k == key)
}

#[tokio::test]
async fn caast_sellers_and_products_come_with_the_lives() {
    let gateway = TestGateway::builder().start().await;
    let query = "{ liveContents(first: 40, filter: {provider: CAAST}) { edges { node { title seller { name } products { edges { node { name } } } } } } }";
    let answer = gateway.query(query, json!({})).await;
    assert!(answer.get("errors").is_none(), "{answer}");
    let lives = nodes(&answer, "liveContents");
    assert_eq!(lives.len(), 40);
    assert!(
        lives
            .iter()
            .any(|l| !l["products"]["edges"].as_array().unwrap().is_empty())
    );
    assert!(lives.iter().any(|l| l["seller"]["name"].is_string()));
    assert_eq!(
        count(&gateway, Operation::CaastLivesList),
        2,
        "the two list pages"
    );
    assert_eq!(total(&gateway), 2, "and nothing else");
}

#[tokio::test]
async fn one_id_asked_four_times_is_read_once() {
    let gateway = TestGateway::builder().start().await;
    let listed = gateway
        .query("{ a: liveContents(first: 1, filter: {provider: CAAST}) { edges { node { id } } } b: liveContents(first: 1, filter: {provider: LISA}) { edges { node { id } } } }", json!({}))
        .await;
    for (list, operation) in [
        ("a", Operation::CaastLivesGet),
        ("b", Operation::LisaShowsFindOne),
    ] {
        let id = listed["data"][list]["edges"][0]["node"]["id"].clone();
        gateway.simulator().reset_request_counts();
        let query = "query($id: ID!) { x: liveContent(id: $id) { title } y: liveContent(id: $id) { title } z: liveContent(id: $id) { id } node(id: $id) { id } }";
        let answer = gateway.query(query, json!({ "id": id })).await;
        assert!(answer.get("errors").is_none(), "{answer}");
        assert_eq!(answer["data"]["x"], answer["data"]["y"]);
        assert_eq!(answer["data"]["node"]["id"], id);
        assert_eq!(count(&gateway, operation), 1, "{operation:?}");
        assert_eq!(total(&gateway), 1);
    }
}

#[tokio::test]
async fn paging_twenty_at_a_time_through_both_providers_fetches_no_provider_page_twice() {
    // Long TTLs: the walk must not outlast an entry (Caast lives keep 5 s by default).
    let gateway = TestGateway::builder()
        .with(|config| {
            config.cache.live_state_ttl = Duration::from_secs(600);
            config.cache.list_ttl = Duration::from_secs(600);
        })
        .start()
        .await;
    let query = "query($after: String) { liveContents(first: 20, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }";
    let (mut seen, mut after) = (Vec::new(), Value::Null);
    loop {
        let answer = gateway.query(query, json!({ "after": after })).await;
        assert!(answer.get("errors").is_none(), "{answer}");
        seen.extend(
            nodes(&answer, "liveContents")
                .into_iter()
                .map(|n| n["id"].clone()),
        );
        let page_info = &answer["data"]["liveContents"]["pageInfo"];
        if page_info["hasNextPage"] != true {
            break;
        }
        after = page_info["endCursor"].clone();
    }
    let distinct: HashSet<String> = seen.iter().map(ToString::to_string).collect();
    assert_eq!(distinct.len(), seen.len(), "every item once");
    assert!(seen.len() > 40, "a walk of several pages ({})", seen.len());
    let received = gateway.simulator().received();
    let mut fetched = HashSet::new();
    for request in &received {
        let page = (request.path.clone(), request.query.clone());
        assert!(
            fetched.insert(page),
            "fetched twice: {} {:?}",
            request.path,
            request.query
        );
    }
}

#[tokio::test]
async fn a_merged_page_asks_lisa_for_no_more_shows_than_it_shows() {
    let gateway = TestGateway::builder().start().await;
    let query = "{ liveContents(first: 5) { edges { node { id } } } }";
    let answer = gateway.query(query, json!({})).await;
    assert!(answer.get("errors").is_none(), "{answer}");
    assert_eq!(nodes(&answer, "liveContents").len(), 5);
    let shows = only_request(&gateway, Operation::LisaShowsFind);
    assert!(has_pair(&shows, "limit", "5"), "{:?}", shows.query);
    assert_eq!(
        count(&gateway, Operation::CaastLivesList),
        1,
        "Caast's first page"
    );
    assert_eq!(total(&gateway), 2);
}

/// The simulator's LiSA request counts, by operation.
fn lisa_counts(gateway: &TestGateway) -> std::collections::BTreeMap<&'static str, u64> {
    let mut counts = gateway.simulator().request_counts();
    counts.retain(|operation, count| operation.starts_with("lisa.") && *count > 0);
    counts
}

#[tokio::test]
async fn identical_reads_under_way_at_once_share_one_call_when_nothing_is_cached() {
    let gateway = TestGateway::builder()
        .with(|config| config.cache.max_bytes = 0)
        .start()
        .await;
    // Far enough away that 32 requests sent together all ask while each call is under way.
    let far = Fault {
        latency: Duration::from_millis(300),
        status: None,
    };
    let simulator = gateway.simulator();
    simulator.inject_fault(FaultTarget::Provider(SimProvider::Lisa), far);
    let query = "{ liveContents(first: 50, filter: {provider: LISA}) { edges { node { title stickers { name } shortClips { title } channel { name } } } } }";

    simulator.reset_request_counts();
    let alone = gateway.query(query, json!({})).await;
    assert!(alone.get("errors").is_none(), "{alone}");
    let one_request = lisa_counts(&gateway);
    assert!(
        one_request.len() >= 3,
        "the query reads shows and their children: {one_request:?}"
    );

    simulator.reset_request_counts();
    let answers = futures::future::join_all((0..32).map(|_| gateway.query(query, json!({})))).await;
    for answer in &answers {
        assert_eq!(answer, &alone, "every request gets the whole answer");
    }
    assert_eq!(
        lisa_counts(&gateway),
        one_request,
        "32 requests at once make each distinct call once, as one request does"
    );
    simulator.clear_faults();
}
