//! Subscribers that asked the same thing share one execution per event: the same document,
//! operation, variables, locale and caller form a group, whatever the transport. Each member
//! still sees its own subscription id; the operator and anonymous callers, or different
//! variables, never share.

use serde_json::{Value, json};

use crate::helpers::{OPERATOR_TOKEN, TestGateway};
use crate::subscriptions::{STATE_CHANGED, contents};
use crate::subscriptions_sse::EventStream;
use crate::ws_client::{PATIENCE, WsClient, open_subscriptions};

fn groups(gateway: &TestGateway) -> usize {
    gateway.events.subscribers().groups()
}

/// Waits until exactly `count` groups listen (a group ends a moment after its last member).
async fn listening_groups(gateway: &TestGateway, count: usize, why: &str) {
    let mut groups = gateway.events.subscribers().watch_groups();
    tokio::time::timeout(PATIENCE, groups.wait_for(|open| *open == count))
        .await
        .unwrap_or_else(|_| panic!("{why}: {count} groups expected"))
        .unwrap();
}

fn executions(gateway: &TestGateway) -> u64 {
    gateway.events.subscribers().executions()
}

#[tokio::test]
async fn members_of_a_group_share_one_execution_per_event_each_under_its_own_id() {
    let gateway = TestGateway::builder().receiving_webhooks().start().await;
    let show = contents(&gateway, "LISA", "SCHEDULED").await[0].clone();
    let variables = json!({ "ids": [show.id] });
    let mut first = WsClient::ready(&gateway, json!({})).await;
    first
        .subscribe("first-id", STATE_CHANGED, variables.clone())
        .await;
    let mut second = WsClient::ready(&gateway, json!({})).await;
    second
        .subscribe("7", STATE_CHANGED, variables.clone())
        .await;
    let mut over_sse = EventStream::open(&gateway, STATE_CHANGED, variables).await;
    open_subscriptions(&gateway, 3, "three members").await;
    assert_eq!(groups(&gateway), 1, "one group for the three");

    let before = executions(&gateway);
    gateway
        .simulator()
        .start_show(&show.provider_id)
        .await
        .unwrap();
    for (client, id) in [(&mut first, "first-id"), (&mut second, "7")] {
        let message = client.next_event().await;
        assert_eq!(
            (&message["type"], &message["id"]),
            (&json!("next"), &json!(id))
        );
        let changed = &message["payload"]["data"]["liveContentStateChanged"];
        assert_eq!(changed["liveContent"]["id"], json!(show.id), "{message}");
    }
    let (name, data) = over_sse.next().await;
    assert_eq!(name, "next");
    let event: Value = serde_json::from_str(&data).unwrap();
    assert_eq!(event["data"]["liveContentStateChanged"]["state"], "LIVE");
    assert_eq!(
        executions(&gateway) - before,
        1,
        "executed once for three members"
    );

    drop(over_sse);
    open_subscriptions(&gateway, 2, "a member leaves").await;
    assert_eq!(groups(&gateway), 1, "the group stays for the others");
}

#[tokio::test]
async fn the_operator_anonymous_callers_and_other_variables_never_share_a_group() {
    let gateway = TestGateway::builder().receiving_webhooks().start().await;
    let operator = json!({ "Authorization": format!("Bearer {OPERATOR_TOKEN}") });
    let mut anonymous = WsClient::ready(&gateway, json!({})).await;
    anonymous.subscribe("a", STATE_CHANGED, json!({})).await;
    let mut as_operator = WsClient::ready(&gateway, operator).await;
    as_operator.subscribe("o", STATE_CHANGED, json!({})).await;
    anonymous
        .subscribe("l", STATE_CHANGED, json!({ "provider": "LISA" }))
        .await;
    anonymous
        .subscribe("a-again", STATE_CHANGED, json!({}))
        .await;
    open_subscriptions(&gateway, 4, "four subscriptions").await;
    assert_eq!(groups(&gateway), 3, "anonymous, operator, and LISA only");

    drop(anonymous);
    open_subscriptions(&gateway, 1, "the anonymous connection closes").await;
    listening_groups(&gateway, 1, "groups end with their last member").await;
}
