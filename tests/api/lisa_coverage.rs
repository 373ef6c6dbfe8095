//! Every LiSA operation in `docs/providers.md` is reachable through `/graphql`: one walk through the
//! schema, then the simulator's counters must show each operation was called. The other LiSA
//! test files check what each call sends and answers; this one catches an operation left out.

use live_commerce_gateway::simulator::{Operation, SimProvider};
use serde_json::{Value, json};

use crate::helpers::{TestGateway, sending_webhooks_nowhere};

async fn operator(gateway: &TestGateway, document: &str, variables: Value) -> Value {
    let answer = gateway.query_as_operator(document, variables).await;
    assert!(answer.get("errors").is_none(), "{document}: {answer}");
    answer["data"].clone()
}

#[tokio::test]
async fn every_lisa_operation_is_reachable_through_graphql() {
    let gateway = TestGateway::builder()
        .simulator(sending_webhooks_nowhere().await)
        .start()
        .await;

    let shows = operator(&gateway, "{ liveContents(first: 5, filter: {provider: LISA, state: LIVE}) { totalCount edges { node { id providerId channel { slug } stickers { id } shortClips { id } snippets { providerId } products(first: 1) { edges { node { ref lisaProductId } } } streamCredentials { rtmpUrl } streamCredentialCount } } } }", json!({})).await;
    let show = &shows["liveContents"]["edges"][0]["node"];
    operator(
        &gateway,
        "query($id: ID!) { node(id: $id) { id } }",
        json!({ "id": show["id"] }),
    )
    .await;
    operator(
        &gateway,
        "query($ref: String) { product(ref: $ref) { lisaProductId } }",
        json!({ "ref": "SKU-0001" }),
    )
    .await;

    let channels = operator(
        &gateway,
        "{ channels(first: 2) { totalCount edges { node { id slug } } } }",
        json!({}),
    )
    .await;
    operator(
        &gateway,
        "query($slug: String) { channel(slug: $slug) { id } }",
        json!({ "slug": channels["channels"]["edges"][0]["node"]["slug"] }),
    )
    .await;
    let created = operator(
        &gateway,
        "mutation { createChannel(input: {name: \"Sweep\", slug: \"sweep\"}) { id } }",
        json!({}),
    )
    .await;
    let channel_id = &created["createChannel"]["id"];
    operator(
        &gateway,
        "mutation($id: ID!) { updateChannel(id: $id, input: {name: \"Swept\"}) { id } }",
        json!({ "id": channel_id }),
    )
    .await;
    operator(
        &gateway,
        "mutation($id: ID!) { deleteChannel(id: $id) { removed } }",
        json!({ "id": channel_id }),
    )
    .await;

    let stickers = operator(
        &gateway,
        "{ stickers(first: 1) { totalCount edges { node { id } } } }",
        json!({}),
    )
    .await;
    let sticker = &stickers["stickers"]["edges"][0]["node"]["id"];
    operator(
        &gateway,
        "query($id: ID!) { sticker(id: $id) { id } }",
        json!({ "id": sticker }),
    )
    .await;
    operator(
        &gateway,
        "mutation($id: ID!) { updateSticker(id: $id, input: {published: true}) { id } }",
        json!({ "id": sticker }),
    )
    .await;

    let clips = operator(
        &gateway,
        "{ videos(first: 1, filter: {provider: LISA}) { totalCount edges { node { id } } } }",
        json!({}),
    )
    .await;
    operator(
        &gateway,
        "query($id: ID!) { video(id: $id) { id } }",
        json!({ "id": clips["videos"]["edges"][0]["node"]["id"] }),
    )
    .await;
    operator(&gateway, "{ snippets(first: 1) { totalCount } }", json!({})).await;

    let stories = operator(&gateway, "{ stories(first: 1) { totalCount edges { node { id } } } storyBadges(groupBy: CATEGORY, first: 1) { edges { node { name } } } }", json!({})).await;
    operator(
        &gateway,
        "query($id: ID!) { story(id: $id) { id } }",
        json!({ "id": stories["stories"]["edges"][0]["node"]["id"] }),
    )
    .await;

    let subscription = operator(&gateway, "mutation { createWebhookSubscription(input: {eventTypes: [ALL], webhookUrl: \"https://gateway.example/hook\", auth: {type: NONE}}) { id } }", json!({})).await;
    let subscription_id = &subscription["createWebhookSubscription"]["id"];
    operator(
        &gateway,
        "{ webhookSubscriptions(first: 5) { edges { node { id } } } }",
        json!({}),
    )
    .await;
    operator(
        &gateway,
        "query($id: ID!) { webhookSubscription(id: $id) { id } }",
        json!({ "id": subscription_id }),
    )
    .await;
    operator(
        &gateway,
        "mutation($id: ID!) { deleteWebhookSubscription(id: $id) }",
        json!({ "id": subscription_id }),
    )
    .await;
    let simulator = gateway.simulator();
    simulator
        .stop_show(show["providerId"].as_str().unwrap())
        .await
        .expect("the show stops");
    let event = simulator.webhook_deliveries()[0].event_id.to_string();
    operator(
        &gateway,
        "query($id: ID!) { webhookEvent(id: $id) { id } }",
        json!({ "id": event }),
    )
    .await;

    let never_called: Vec<&str> = Operation::ALL
        .iter()
        .filter(|op| op.provider() == SimProvider::Lisa && simulator.request_count(**op) == 0)
        .map(|op| op.as_str())
        .collect();
    assert!(
        never_called.is_empty(),
        "LiSA operations no query reached: {never_called:?}"
    );
}

#[tokio::test]
async fn what_lisa_says_of_a_channel_a_sticker_and_a_webhook_subscription_is_shown_not_dropped() {
    let gateway = TestGateway::builder().start().await;
    let data = operator(
        &gateway,
        "{ channels(first: 1) { edges { node { clientIdentity meta useOrOperator } } }
           stickers(first: 1) { edges { node { clientIdentity meta } } }
           webhookSubscriptions(first: 1) { edges { node { client } } } }",
        json!({}),
    )
    .await;
    let channel = &data["channels"]["edges"][0]["node"];
    let sticker = &data["stickers"]["edges"][0]["node"];
    for item in [channel, sticker] {
        assert_eq!(
            item["clientIdentity"]["client"], "live-commerce-demo",
            "{item}"
        );
        assert!(item["meta"]["createdAt"].is_string(), "{item}");
    }
    assert!(channel["useOrOperator"].is_boolean(), "{channel}");
    let subscription = &data["webhookSubscriptions"]["edges"][0]["node"];
    assert_eq!(subscription["client"], "live-commerce-demo", "{data}");
}
