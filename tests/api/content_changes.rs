//! `liveContentChanged` over WebSocket: LiSA's `Show:update`, `publish`, `unpublish` and
//! `delete` webhooks, sent by the simulator as LiSA would, reach the subscriptions that asked,
//! with what changed and the show read afresh; the public hears a show withdrawn but never a
//! draft's changes; a show on air that is unpublished or deleted ends for
//! `liveContentStateChanged`.

use std::collections::HashMap;
use std::time::Duration;

use serde_json::{Value, json};

use crate::helpers::{OPERATOR_TOKEN, TestGateway};
use crate::subscriptions::{STATE_CHANGED, contents};
use crate::ws_client::{PATIENCE, WsClient, open_subscriptions, wait_for_count};

const CHANGED: &str = "subscription($ids: [ID!], $changes: [LiveContentChange!]) { liveContentChanged(ids: $ids, changes: $changes) { liveContentId change changedFields source occurredAt liveContent { id title state } } }";

/// Reads messages until each subscription id has `count` payloads; the `data` of each, by id.
async fn collect(client: &mut WsClient, wanted: &[(&str, usize)]) -> HashMap<String, Vec<Value>> {
    let mut seen: HashMap<String, Vec<Value>> = HashMap::new();
    let done = |seen: &HashMap<String, Vec<Value>>| {
        (wanted.iter()).all(|(id, count)| seen.get(*id).map_or(0, Vec::len) >= *count)
    };
    while !done(&seen) {
        let message = client.next_event().await;
        assert_eq!(message["type"], "next", "{message}");
        assert!(message["payload"].get("errors").is_none(), "{message}");
        let id = message["id"].as_str().unwrap().to_string();
        seen.entry(id)
            .or_default()
            .push(message["payload"]["data"].clone());
    }
    seen
}

/// (content id, change, whether `liveContent` was given) of each change event.
fn changes(events: &[Value]) -> Vec<(String, String, bool)> {
    events
        .iter()
        .map(|data| {
            let e = &data["liveContentChanged"];
            let id = e["liveContentId"].as_str().unwrap().to_string();
            let given = !e["liveContent"].is_null();
            if given {
                assert_eq!(e["liveContent"]["id"], id.as_str(), "{e}");
            }
            (id, e["change"].as_str().unwrap().to_string(), given)
        })
        .collect()
}

fn change(id: &str, change: &str, given: bool) -> (String, String, bool) {
    (id.to_string(), change.to_string(), given)
}

#[tokio::test]
async fn show_changes_reach_subscribers_and_a_show_withdrawn_on_air_ends() {
    let gateway = TestGateway::builder().receiving_webhooks().start().await;
    let scheduled = contents(&gateway, "LISA", "SCHEDULED").await;
    let (a, b, c) = (&scheduled[0], &scheduled[1], &scheduled[2]);

    let mut public = WsClient::ready(&gateway, json!({})).await;
    public
        .subscribe("a", CHANGED, json!({ "ids": [a.id] }))
        .await;
    public.subscribe("all", CHANGED, json!({})).await;
    public
        .subscribe(
            "withdrawn",
            CHANGED,
            json!({ "changes": ["UNPUBLISHED", "DELETED"] }),
        )
        .await;
    public
        .subscribe("state", STATE_CHANGED, json!({ "ids": [a.id, c.id] }))
        .await;
    let operator = json!({ "Authorization": format!("Bearer {OPERATOR_TOKEN}") });
    let mut operator = WsClient::ready(&gateway, operator).await;
    operator.subscribe("all", CHANGED, json!({})).await;
    open_subscriptions(&gateway, 5, "five subscriptions open").await;

    let simulator = gateway.simulator();
    simulator
        .retitle_show(&a.provider_id, "Now with more shoes")
        .await
        .unwrap();
    simulator.start_show(&a.provider_id).await.unwrap();
    simulator.unpublish_show(&a.provider_id).await.unwrap();
    simulator.publish_show(&a.provider_id).await.unwrap();
    // B: unpublished off air, then edited and deleted as a draft (the public hears neither).
    simulator.unpublish_show(&b.provider_id).await.unwrap();
    simulator
        .retitle_show(&b.provider_id, "Draft title")
        .await
        .unwrap();
    simulator.delete_show(&b.provider_id).await.unwrap();
    // C: deleted on air.
    simulator.start_show(&c.provider_id).await.unwrap();
    simulator.delete_show(&c.provider_id).await.unwrap();

    let seen = collect(
        &mut public,
        &[("a", 3), ("all", 5), ("withdrawn", 3), ("state", 4)],
    )
    .await;
    let first = &seen["a"][0]["liveContentChanged"];
    let mut fields: Vec<&str> = (first["changedFields"].as_array().unwrap().iter())
        .map(|f| f.as_str().unwrap())
        .collect();
    fields.sort();
    assert_eq!(
        fields,
        ["meta", "title"],
        "the names in the webhook's `changes`"
    );
    assert_eq!(
        first["liveContent"]["title"], "Now with more shoes",
        "read afresh"
    );
    assert_eq!(
        (first["source"].as_str(), first["occurredAt"].is_string()),
        (Some("WEBHOOK"), true)
    );
    let a_changes = [
        change(&a.id, "UPDATED", true),
        change(&a.id, "UNPUBLISHED", false),
        change(&a.id, "PUBLISHED", true),
    ];
    assert_eq!(changes(&seen["a"]), a_changes);
    let mut all = a_changes.to_vec();
    all.push(change(&b.id, "UNPUBLISHED", false));
    all.push(change(&c.id, "DELETED", false));
    assert_eq!(changes(&seen["all"]), all, "no draft's edit or deletion");
    assert_eq!(
        changes(&seen["withdrawn"]),
        [
            change(&a.id, "UNPUBLISHED", false),
            change(&b.id, "UNPUBLISHED", false),
            change(&c.id, "DELETED", false)
        ]
    );
    let states: Vec<(&str, &str, &str)> = seen["state"]
        .iter()
        .map(|data| {
            let e = &data["liveContentStateChanged"];
            fn text(v: &Value) -> &str {
                v.as_str().unwrap_or("null")
            }
            (
                text(&e["liveContent"]["id"]),
                text(&e["state"]),
                text(&e["previousState"]),
            )
        })
        .collect();
    assert_eq!(
        states,
        [
            (a.id.as_str(), "LIVE", "SCHEDULED"),
            (a.id.as_str(), "ENDED", "LIVE"),
            (c.id.as_str(), "LIVE", "SCHEDULED"),
            (c.id.as_str(), "ENDED", "LIVE"),
        ],
        "unpublished or deleted on air, a show ends"
    );

    let seen = collect(&mut operator, &[("all", 7)]).await;
    let everything = [
        change(&a.id, "UPDATED", true),
        change(&a.id, "UNPUBLISHED", true),
        change(&a.id, "PUBLISHED", true),
        change(&b.id, "UNPUBLISHED", true),
        change(&b.id, "UPDATED", true),
        change(&b.id, "DELETED", true),
        change(&c.id, "DELETED", true),
    ];
    assert_eq!(
        changes(&seen["all"]),
        everything,
        "the operator hears and reads every change"
    );
}

#[tokio::test]
async fn only_subscriptions_that_may_hear_a_caast_live_keep_the_caast_poller_reading() {
    let gateway = TestGateway::builder()
        .receiving_webhooks()
        .with(|config| config.caast_poll_interval = Duration::from_millis(30))
        .start()
        .await;
    let show = contents(&gateway, "LISA", "SCHEDULED").await[0].clone();
    let channel = show.channel.clone().expect("a LiSA show is in a channel");
    let mut client = WsClient::ready(&gateway, json!({})).await;
    let leaving_caast_out = [
        ("lisa", json!({ "provider": "LISA" })),
        ("channel", json!({ "channel": channel })),
        ("lisa ids", json!({ "ids": [show.id] })),
    ];
    for (id, variables) in &leaving_caast_out {
        client.subscribe(id, STATE_CHANGED, variables.clone()).await;
    }
    client.subscribe("content", CHANGED, json!({})).await;
    open_subscriptions(&gateway, 4, "four subscriptions open").await;
    let simulator = gateway.simulator();
    simulator
        .retitle_show(&show.provider_id, "Retitled")
        .await
        .unwrap();
    simulator.start_show(&show.provider_id).await.unwrap();
    // Each has heard its event: all four are executing.
    let wanted = [("lisa", 1), ("channel", 1), ("lisa ids", 1), ("content", 1)];
    collect(&mut client, &wanted).await;
    let mut listeners = gateway.events.subscribers().watch_caast_listeners();
    assert_eq!(*listeners.borrow(), 0, "none of them may hear a Caast live");
    let rounds = gateway
        .caast_poll_rounds
        .clone()
        .expect("Caast is configured");
    assert_eq!(*rounds.borrow(), 0, "so the poller has not read Caast");

    client.subscribe("all", STATE_CHANGED, json!({})).await;
    wait_for_count(
        &mut listeners,
        1,
        "a subscription to every live content hears Caast",
    )
    .await;
    let mut rounds = rounds;
    tokio::time::timeout(PATIENCE, rounds.wait_for(|read| *read >= 1))
        .await
        .expect("the poller reads Caast for it")
        .unwrap();
    client
        .send(json!({ "type": "complete", "id": "all" }))
        .await;
    wait_for_count(&mut listeners, 0, "stopped, it counts no more").await;
}

#[tokio::test]
async fn a_caast_live_updated_through_the_gateway_is_announced() {
    let gateway = TestGateway::builder().start().await;
    let live = contents(&gateway, "CAAST", "SCHEDULED").await[0].clone();
    let mut client = WsClient::ready(&gateway, json!({})).await;
    client
        .subscribe("live", CHANGED, json!({ "ids": [live.id] }))
        .await;
    open_subscriptions(&gateway, 1, "one subscription open").await;

    let update = "mutation($id: ID!) { updateLive(id: $id, input: {name: \"Renamed\", description: \"Words\", startDate: \"2031-05-02T18:00:00Z\"}) { id } }";
    let answer = gateway
        .query_as_operator(update, json!({ "id": live.id }))
        .await;
    assert!(answer.get("errors").is_none(), "{answer}");

    let seen = collect(&mut client, &[("live", 1)]).await;
    let event = &seen["live"][0]["liveContentChanged"];
    assert_eq!(changes(&seen["live"]), [change(&live.id, "UPDATED", true)]);
    assert_eq!(event["source"], "MUTATION", "{event}");
    assert_eq!(
        event["changedFields"],
        json!(["description", "name", "start_date"]),
        "Caast's names of the fields written, alphabetically: {event}"
    );
    assert_eq!(
        event["liveContent"]["title"], "Renamed",
        "read afresh: {event}"
    );
}
