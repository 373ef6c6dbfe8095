//! LiSA channel writes through GraphQL: create, update (null empties), delete twice.

use live_commerce_gateway::simulator::{Operation, ReceivedBody};
use serde_json::json;

use crate::helpers::{TestGateway, error_codes};

const CREATE: &str = "mutation($input: CreateChannelInput!) { createChannel(input: $input) { id slug name title(locale: \"de-de\") url status } }";

#[tokio::test]
async fn a_channel_is_created_updated_archived_and_removed() {
    let gateway = TestGateway::builder().start().await;
    let input = json!({ "name": "Home & Living", "slug": "pop-up-atelier", "url": "https://shop.example/home",
                        "title": [{ "locale": "*", "text": "Home" }, { "locale": "de-DE", "text": "Wohnen" }] });
    let created = gateway
        .query_as_operator(CREATE, json!({ "input": input }))
        .await;
    assert!(created.get("errors").is_none(), "{created}");
    let channel = &created["data"]["createChannel"];
    assert_eq!(
        (channel["slug"].as_str(), channel["title"].as_str()),
        (Some("pop-up-atelier"), Some("Wohnen"))
    );
    let sent = gateway
        .simulator()
        .received_for(Operation::LisaChannelsCreate);
    assert!(
        matches!(&sent[0].body, ReceivedBody::Json(b) if b["title"] == json!({ "*": "Home", "de-de": "Wohnen" })),
        "{:?}",
        sent[0].body
    );

    let read = gateway
        .query(
            "{ channel(slug: \"pop-up-atelier\") { id name } }",
            json!({}),
        )
        .await;
    assert_eq!(read["data"]["channel"]["id"], channel["id"]);

    let update = "mutation($id: ID!, $input: UpdateChannelInput!) { updateChannel(id: $id, input: $input) { name url } }";
    let updated = gateway
        .query_as_operator(
            update,
            json!({ "id": channel["id"], "input": { "name": "Home", "url": null } }),
        )
        .await;
    assert!(updated.get("errors").is_none(), "{updated}");
    assert_eq!(
        updated["data"]["updateChannel"],
        json!({ "name": "Home", "url": null })
    );
    let patch = gateway
        .simulator()
        .received_for(Operation::LisaChannelsUpdate);
    assert!(
        matches!(&patch[0].body, ReceivedBody::Json(b) if b == &json!({ "name": "Home", "url": null })),
        "only what was given, null included: {:?}",
        patch[0].body
    );

    let delete = "mutation($id: ID!) { deleteChannel(id: $id) { removed channel { status } } }";
    let archived = gateway
        .query_as_operator(delete, json!({ "id": channel["id"] }))
        .await;
    assert_eq!(
        archived["data"]["deleteChannel"],
        json!({ "removed": false, "channel": { "status": "archived" } }),
        "{archived}"
    );
    let removed = gateway
        .query_as_operator(delete, json!({ "id": channel["id"] }))
        .await;
    assert_eq!(
        removed["data"]["deleteChannel"],
        json!({ "removed": true, "channel": null }),
        "{removed}"
    );
}

#[tokio::test]
async fn channel_writes_are_checked_and_refusals_explained() {
    let gateway = TestGateway::builder().start().await;
    let anonymous = gateway
        .query(CREATE, json!({ "input": { "name": "X" } }))
        .await;
    assert_eq!(error_codes(&anonymous), ["UNAUTHENTICATED"]);
    gateway.simulator().reset_request_counts();
    let bad_slug = gateway
        .query_as_operator(
            CREATE,
            json!({ "input": { "name": "X", "slug": "Not A Slug" } }),
        )
        .await;
    assert_eq!(error_codes(&bad_slug), ["BAD_USER_INPUT"]);
    assert!(
        gateway.simulator().received().is_empty(),
        "refused before any call"
    );

    let existing = gateway
        .query(
            "{ channels(first: 1) { edges { node { slug } } } }",
            json!({}),
        )
        .await;
    let slug = existing["data"]["channels"]["edges"][0]["node"]["slug"].clone();
    let taken = gateway
        .query_as_operator(CREATE, json!({ "input": { "name": "Copy", "slug": slug } }))
        .await;
    assert_eq!(error_codes(&taken), ["BAD_USER_INPUT"], "{taken}");
    assert_eq!(taken["errors"][0]["extensions"]["upstreamStatus"], 409);
}

#[tokio::test]
async fn one_language_of_a_title_cannot_be_written_as_null_as_lisa_documents_none() {
    let gateway = TestGateway::builder().start().await;
    let create =
        "mutation { createChannel(input: {name: \"Null title\", slug: \"null-title\"}) { id } }";
    let created = gateway.query_as_operator(create, json!({})).await;
    let id = created["data"]["createChannel"]["id"].clone();
    assert!(id.is_string(), "{created}");
    gateway.simulator().clear_received();
    let update = "mutation($id: ID!, $input: UpdateChannelInput!) { updateChannel(id: $id, input: $input) { name } }";
    let input =
        json!({ "title": [{ "locale": "en", "text": "Hello" }, { "locale": "de", "text": null }] });
    let refused = gateway
        .query_as_operator(update, json!({ "id": id, "input": input }))
        .await;
    assert_eq!(error_codes(&refused), ["BAD_USER_INPUT"], "{refused}");
    assert!(
        refused.to_string().contains("input.title.1.text"),
        "the argument is named: {refused}"
    );
    assert!(
        gateway.simulator().received().is_empty(),
        "LiSA was not asked"
    );

    let whole = gateway
        .query_as_operator(update, json!({ "id": id, "input": { "title": null } }))
        .await;
    assert!(
        whole.get("errors").is_none(),
        "the whole title may be emptied: {whole}"
    );
}

#[tokio::test]
async fn a_channel_is_updated_and_deleted_by_its_slug_as_lisa_addresses_it() {
    let gateway = TestGateway::builder().start().await;
    let create = "mutation { createChannel(input: {name: \"By slug\", slug: \"by-slug\"}) { id } }";
    let created = gateway.query_as_operator(create, json!({})).await;
    let id = created["data"]["createChannel"]["id"].clone();
    assert!(id.is_string(), "{created}");
    gateway.simulator().clear_received();
    let update =
        "mutation { updateChannel(slug: \"by-slug\", input: {name: \"Renamed\"}) { id name } }";
    let updated = gateway.query_as_operator(update, json!({})).await;
    assert_eq!(
        updated["data"]["updateChannel"],
        json!({ "id": id, "name": "Renamed" }),
        "{updated}"
    );
    let patch = gateway
        .simulator()
        .received_for(Operation::LisaChannelsUpdate);
    assert_eq!(
        patch[0].path, "/lisa/v1/channels/by-slug",
        "addressed by slug"
    );

    let both = "mutation($id: ID) { updateChannel(id: $id, slug: \"by-slug\", input: {name: \"X\"}) { id } }";
    let refused = gateway.query_as_operator(both, json!({ "id": id })).await;
    assert_eq!(error_codes(&refused), ["BAD_USER_INPUT"], "{refused}");

    let delete = "mutation { deleteChannel(slug: \"by-slug\") { id removed channel { status } } }";
    let archived = gateway.query_as_operator(delete, json!({})).await;
    assert_eq!(
        archived["data"]["deleteChannel"],
        json!({ "id": id, "removed": false, "channel": { "status": "archived" } }),
        "{archived}"
    );
}
