//! "No stale read after a webhook's 2xx", with the response cache on: a show is retitled in
//! the simulator again and again, each time LiSA's webhook reaches the gateway, and readers
//! read the whole time. Every read that starts after a `204` must show that title or a later
//! one. (The order that makes it hold is argued in `src/cache/invalidate.rs`; its steps are
//! tested one by one there.)

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use serde_json::{Value, json};

use crate::helpers::{TestGateway, a_lisa_show};

const TRIALS: u64 = 1000;
const READERS: usize = 8;

const LIST: &str =
    "{ liveContents(first: 5, filter: {provider: LISA}) { edges { node { id title } } } }";
const ONE: &str = "query($id: ID!) { liveContent(id: $id) { id title } }";

/// What every reader shares with the trials.
struct Shared {
    gateway: TestGateway,
    /// The global id of the show retitled.
    id: String,
    /// The last trial whose webhook was answered `204`.
    acknowledged: AtomicU64,
    done: AtomicBool,
}

/// What one reader saw.
#[derive(Default)]
struct Reads {
    after_an_ack: u64,
    stale: Vec<String>,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn no_read_started_after_a_webhooks_204_sees_the_old_title() {
    let gateway = TestGateway::builder().receiving_webhooks().start().await;
    assert!(
        gateway.cache.responses().is_some(),
        "the response cache is on"
    );
    let (id, show_id) = a_lisa_show(&gateway).await;
    let shared = Arc::new(Shared {
        gateway,
        id,
        acknowledged: AtomicU64::new(0),
        done: AtomicBool::new(false),
    });
    let readers: Vec<_> = (0..READERS)
        .map(|n| tokio::spawn(read_until_done(shared.clone(), n % 2 == 0)))
        .collect();
    let simulator = &shared.gateway.simulator();
    for trial in 1..=TRIALS {
        simulator
            .retitle_show(&show_id, &title_of(trial))
            .await
            .unwrap();
        // `retitle_show` returns once the webhook had its answer.
        shared.acknowledged.store(trial, Ordering::SeqCst);
    }
    shared.done.store(true, Ordering::SeqCst);
    let mut total = Reads::default();
    for reader in readers {
        let reads = reader.await.unwrap();
        total.after_an_ack += reads.after_an_ack;
        total.stale.extend(reads.stale);
    }
    let deliveries = simulator.webhook_deliveries();
    assert!(
        deliveries.iter().all(|d| d.status == Some(204)),
        "every webhook answered 204: {:?}",
        deliveries.iter().find(|d| d.status != Some(204))
    );
    assert!(
        total.after_an_ack >= TRIALS,
        "readers kept reading: {}",
        total.after_an_ack
    );
    assert_eq!(
        total.stale.len(),
        0,
        "stale reads of {} after a 204: {:?}",
        total.after_an_ack,
        &total.stale[..total.stale.len().min(5)]
    );
}

fn title_of(trial: u64) -> String {
    format!("Title {trial}")
}

/// Reads the show's title (from a list page, or by id) until the trials are over; a read that
/// began after trial n's `204` and shows an older title is stale.
async fn read_until_done(shared: Arc<Shared>, from_the_list: bool) -> Reads {
    let mut reads = Reads::default();
    while !shared.done.load(Ordering::SeqCst) {
        let floor = shared.acknowledged.load(Ordering::SeqCst);
        let (title, x_cache) = read_title(&shared, from_the_list).await;
        if floor == 0 {
            continue;
        }
        reads.after_an_ack += 1;
        let trial = title
            .strip_prefix("Title ")
            .and_then(|n| n.parse::<u64>().ok())
            .unwrap_or(0);
        if trial < floor {
            reads.stale.push(format!(
                "{title:?} after trial {floor}'s 204 (x-cache {x_cache})"
            ));
        }
    }
    reads
}

/// The show's title and the answer's `x-cache`.
async fn read_title(shared: &Shared, from_the_list: bool) -> (String, String) {
    let body = match from_the_list {
        true => json!({ "query": LIST }),
        false => json!({ "query": ONE, "variables": { "id": shared.id } }),
    };
    let response = shared.gateway.post(&body).await;
    assert_eq!(response.status(), 200);
    let x_cache = response
        .headers()
        .get("x-cache")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("none")
        .to_string();
    let answer: Value = response.json().await.unwrap();
    let show = match from_the_list {
        true => answer["data"]["liveContents"]["edges"]
            .as_array()
            .and_then(|edges| edges.iter().find(|e| e["node"]["id"] == shared.id.as_str()))
            .map(|edge| edge["node"].clone()),
        false => Some(answer["data"]["liveContent"].clone()),
    };
    let title = show.and_then(|s| s["title"].as_str().map(str::to_string));
    (
        title.unwrap_or_else(|| panic!("the show's title: {answer}")),
        x_cache,
    )
}
