//! LiSA webhook subscriptions and events through GraphQL: operator only, secrets never read back.

use live_commerce_gateway::simulator::{Operation, ReceivedBody};
use serde_json::json;

use crate::helpers::{TestGateway, error_codes, sending_webhooks_nowhere};

const CREATE: &str = "mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { id eventTypes webhookUrl status authType } }";
const LIST: &str = "{ webhookSubscriptions(first: 50) { edges { node { id webhookUrl } } } }";

#[tokio::test]
async fn subscriptions_are_listed_created_and_deleted_by_the_operator_only() {
    let gateway = TestGateway::builder().start().await;
    assert_eq!(
        error_codes(&gateway.query(LIST, json!({})).await),
        ["UNAUTHENTICATED"]
    );

    let input = json!({ "eventTypes": ["SHOW_START", "SHOW_STOP"], "webhookUrl": "https://gateway.example/internal/webhooks/lisa",
                        "auth": { "type": "BEARER", "clientSecret": "very-secret-token" } });
    let anonymous = gateway.query(CREATE, json!({ "input": input })).await;
    assert_eq!(error_codes(&anonymous), ["UNAUTHENTICATED"]);
    let created = gateway
        .query_as_operator(CREATE, json!({ "input": input }))
        .await;
    assert!(created.get("errors").is_none(), "{created}");
    let subscription = &created["data"]["createWebhookSubscription"];
    assert_eq!(subscription["authType"], "bearer");
    assert!(
        !created.to_string().contains("very-secret-token"),
        "the secret is never read back"
    );
    let sent = gateway
        .simulator()
        .received_for(Operation::LisaSubscriptionsCreate);
    assert!(
        matches!(&sent[0].body, ReceivedBody::Json(b) if b["credentials"]["clientSecret"] == "very-secret-token"),
        "the secret reaches LiSA"
    );

    let listed = gateway.query_as_operator(LIST, json!({})).await;
    let ids: Vec<&str> = listed["data"]["webhookSubscriptions"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&subscription["id"].as_str().unwrap()));
    let one = "query($id: ID!) { webhookSubscription(id: $id) { id eventTypes webhookUrl } }";
    let by_id = json!({ "id": subscription["id"] });
    assert_eq!(
        error_codes(&gateway.query(one, by_id.clone()).await),
        ["UNAUTHENTICATED"]
    );
    let read = gateway.query_as_operator(one, by_id.clone()).await;
    assert_eq!(
        read["data"]["webhookSubscription"],
        json!({ "id": subscription["id"], "eventTypes": ["Show:start", "Show:stop"],
                "webhookUrl": "https://gateway.example/internal/webhooks/lisa" }),
        "{read}"
    );

    let deleted = gateway
        .query_as_operator(
            "mutation($id: ID!) { deleteWebhookSubscription(id: $id) }",
            json!({ "id": subscription["id"] }),
        )
        .await;
    assert_eq!(
        deleted["data"]["deleteWebhookSubscription"],
        subscription["id"]
    );
    let listed = gateway.query_as_operator(LIST, json!({})).await;
    assert!(
        !listed
            .to_string()
            .contains(subscription["id"].as_str().unwrap()),
        "gone from the list"
    );
    let gone = gateway.query_as_operator(one, by_id).await;
    assert!(gone["data"]["webhookSubscription"].is_null());
    assert_eq!(error_codes(&gone), ["NOT_FOUND"]);
}

#[tokio::test]
async fn a_subscription_missing_what_its_auth_needs_is_refused_before_any_call() {
    let gateway = TestGateway::builder().start().await;
    gateway.simulator().reset_request_counts();
    let input = json!({ "eventTypes": ["ALL"], "webhookUrl": "https://gateway.example/hook", "auth": { "type": "BASIC", "clientId": "lisa" } });
    let answer = gateway
        .query_as_operator(CREATE, json!({ "input": input }))
        .await;
    assert_eq!(error_codes(&answer), ["BAD_USER_INPUT"]);
    assert!(gateway.simulator().received().is_empty());
}

#[tokio::test]
async fn a_sent_event_can_be_read_back_by_its_id() {
    let gateway = TestGateway::builder()
        .simulator(sending_webhooks_nowhere().await)
        .start()
        .await;
    let shows = gateway.query("{ liveContents(first: 70, filter: {provider: LISA, state: LIVE}) { edges { node { providerId } } } }", json!({})).await;
    let show = shows["data"]["liveContents"]["edges"][0]["node"]["providerId"]
        .as_str()
        .unwrap()
        .to_string();
    gateway
        .simulator()
        .stop_show(&show)
        .await
        .expect("the show stops");
    let event_id = gateway.simulator().webhook_deliveries()[0]
        .event_id
        .to_string();

    let query = "query($id: ID!) { webhookEvent(id: $id) { id eventType data } }";
    assert_eq!(
        error_codes(&gateway.query(query, json!({ "id": event_id })).await),
        ["UNAUTHENTICATED"]
    );
    let event = gateway
        .query_as_operator(query, json!({ "id": event_id }))
        .await;
    assert!(event.get("errors").is_none(), "{event}");
    assert_eq!(event["data"]["webhookEvent"]["eventType"], "Show:stop");
    assert_eq!(event["data"]["webhookEvent"]["data"]["id"], show.as_str());
}

#[tokio::test]
async fn event_types_are_the_references_and_aws_sigv4_credentials_reach_lisa() {
    let gateway = TestGateway::builder().start().await;
    let misspelt =
        json!({ "eventTypes": ["Show:starts"], "webhookUrl": "https://gateway.example/hook" });
    let refused = gateway
        .query_as_operator(CREATE, json!({ "input": misspelt }))
        .await;
    assert_eq!(error_codes(&refused), ["BAD_USER_INPUT"], "{refused}");
    assert!(
        gateway.simulator().received().is_empty(),
        "LiSA was not asked"
    );

    let input = json!({ "eventTypes": ["SHOW_ALL", "STORY_UPDATE", "SHOW_ALL"], "webhookUrl": "https://gateway.example/hook",
                        "auth": { "type": "AWS_SIG_V4", "clientId": "key-id", "clientSecret": "aws-secret" } });
    let created = gateway
        .query_as_operator(CREATE, json!({ "input": input }))
        .await;
    assert!(created.get("errors").is_none(), "{created}");
    let subscription = &created["data"]["createWebhookSubscription"];
    assert_eq!(
        subscription["eventTypes"],
        json!(["Show:*", "Story:update"])
    );
    assert_eq!(subscription["authType"], "awsSigV4");
    assert!(
        !created.to_string().contains("aws-secret"),
        "the secret is not read back"
    );
    let sent = gateway
        .simulator()
        .received_for(Operation::LisaSubscriptionsCreate);
    let ReceivedBody::Json(body) = &sent[0].body else {
        panic!("a JSON body: {:?}", sent[0].body)
    };
    assert_eq!(
        body["eventTypes"],
        json!(["Show:*", "Story:update"]),
        "distinct, in order"
    );
    assert_eq!(
        body["credentials"],
        json!({ "type": "awsSigV4", "clientId": "key-id", "clientSecret": "aws-secret" })
    );
}
