//! LiSA webhook subscriptions and events, for operators only: the queries to read them and the
//! mutations to subscribe and unsubscribe. A subscription's secret is never read back.

use crate::graphql::date_time::Rfc3339;
use async_graphql::{Context, Enum, ErrorExtensions, ID, InputObject, Json, Object, SimpleObject};
use serde_json::{Map, Value, json};

use super::auth::require_operator;
use super::clients::lisa_client;
use super::connection::{WebhookSubscriptionConnection, page_cost};
use super::field_errors::nullable;
use super::lists::{LISA_PAGE, lisa_pages, single_list};
use super::mutations::write_error;
use super::webhook_event_type::WebhookEventType;
use crate::error::{ErrorCode, graphql_error};
use crate::providers::lisa as provider;

/// Where LiSA sends the events of the types it lists.
#[derive(SimpleObject, Clone, Debug)]
pub(crate) struct WebhookSubscription {
    /// LiSA's id of the subscription (a UUID).
    pub(crate) id: ID,
    /// The LiSA client the subscription belongs to (`lisa` in LiSA's reference).
    pub(crate) client: Option<String>,
    /// The event types (`Show:start`, `Show:*`, `*`…).
    pub(crate) event_types: Vec<String>,
    /// Where the events are sent.
    pub(crate) webhook_url: Option<String>,
    /// `active`, or `suspended` after repeated failures.
    pub(crate) status: Option<String>,
    /// How LiSA authenticates to the receiver (`none`, `basic`, `bearer`, `oauth`…).
    pub(crate) auth_type: Option<String>,
    /// The client id LiSA presents (basic, oauth); the secret is never shown.
    pub(crate) client_id: Option<String>,
}

/// The fields shown, from a subscription as LiSA's client shares it (the answer it was read
/// from may be cached, so it is read, not taken apart).
impl From<&provider::WebhookSubscription> for WebhookSubscription {
    fn from(s: &provider::WebhookSubscription) -> Self {
        Self {
            id: ID(s.id.clone()),
            client: s.client.clone(),
            event_types: s.event_types.clone(),
            webhook_url: s.webhook_url.clone(),
            status: s.status.clone(),
            auth_type: s.auth_type.clone(),
            client_id: s.client_id.clone(),
        }
    }
}

/// A webhook event LiSA sent, as LiSA keeps it (to check a delivery's origin and content).
#[derive(SimpleObject, Clone, Debug)]
pub(crate) struct WebhookEvent {
    /// The event's id (a UUID).
    pub(crate) id: ID,
    /// Its type (`Show:start`…).
    pub(crate) event_type: Option<String>,
    /// When it was sent.
    pub(crate) event_date: Option<Rfc3339>,
    /// The object after the change (or before removal), as LiSA sent it.
    pub(crate) data: Option<Json<Value>>,
    /// The fields the change removed or updated, as LiSA sent them.
    pub(crate) changes: Option<Json<Value>>,
}

#[derive(Default)]
pub(crate) struct WebhookQuery;

#[Object]
impl WebhookQuery {
    /// LiSA's webhook subscriptions (operator only).
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn webhook_subscriptions(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many items (0 to 100, default 20).")] first: Option<i32>,
        #[graphql(desc = "The `endCursor` of the previous page.")] after: Option<String>,
    ) -> async_graphql::Result<WebhookSubscriptionConnection> {
        require_operator(ctx)?;
        let client = lisa_client(ctx)?;
        let source = lisa_pages(
            LISA_PAGE,
            move |cursor, limit| async move {
                client.webhook_subscriptions(cursor.as_deref(), limit).await
            },
            None::<fn() -> std::future::Ready<Result<u64, crate::providers::UpstreamError>>>,
        );
        single_list(
            ctx,
            source,
            "webhookSubscriptions".into(),
            first,
            after,
            |s| WebhookSubscription::from(&*s),
        )
        .await
    }

    /// One of LiSA's webhook subscriptions, by its id (operator only).
    async fn webhook_subscription(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The subscription's id (a UUID).")] id: ID,
    ) -> Option<WebhookSubscription> {
        let loaded = async {
            require_operator(ctx)?;
            lisa_client(ctx)?
                .webhook_subscription(&id)
                .await
                .map(|s| WebhookSubscription::from(&*s))
                .map_err(|e| e.extend())
        };
        nullable(ctx, loaded.await)
    }

    /// A webhook event LiSA sent, by its id (operator only).
    async fn webhook_event(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The event's id (a UUID).")] id: ID,
    ) -> Option<WebhookEvent> {
        let loaded = async {
            require_operator(ctx)?;
            let event = lisa_client(ctx)?
                .webhook_event(&id)
                .await
                .map_err(|e| e.extend())?;
            Ok(WebhookEvent {
                id: ID(event.id.clone()),
                event_type: event.event_type.clone(),
                event_date: event.event_date.map(Rfc3339),
                data: event.data.clone().map(Json),
                changes: event.changes.clone().map(Json),
            })
        };
        nullable(ctx, loaded.await)
    }
}

/// How LiSA authenticates to the receiver.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum WebhookAuthType {
    /// No authentication.
    None,
    /// HTTP basic: `clientId` and `clientSecret`.
    Basic,
    /// Bearer: `clientSecret` is the token.
    Bearer,
    /// OAuth client credentials: `clientId`, `clientSecret` and `authUrl`.
    Oauth,
    /// AWS Signature Version 4. LiSA's reference names it and documents none of its fields:
    /// `clientId` and `clientSecret` are sent when given, nothing is required.
    AwsSigV4,
}

/// How LiSA authenticates to the receiver, and with what.
#[derive(InputObject)]
pub(crate) struct WebhookAuthInput {
    /// The mechanism.
    #[graphql(name = "type")]
    pub(crate) kind: WebhookAuthType,
    /// The user (basic) or client id (oauth).
    pub(crate) client_id: Option<String>,
    /// The password (basic), token (bearer) or client secret (oauth). Never read back.
    pub(crate) client_secret: Option<String>,
    /// The token URL (oauth).
    pub(crate) auth_url: Option<String>,
}

/// A webhook subscription to create.
#[derive(InputObject)]
pub(crate) struct CreateWebhookSubscriptionInput {
    /// The event types (distinct; LiSA's wildcards are the `…_ALL` values).
    pub(crate) event_types: Vec<WebhookEventType>,
    /// Where LiSA sends the events (an http(s) URL).
    pub(crate) webhook_url: String,
    /// How LiSA authenticates (default: none).
    pub(crate) auth: Option<WebhookAuthInput>,
}

#[derive(Default)]
pub(crate) struct WebhookMutation;

#[Object]
impl WebhookMutation {
    /// Subscribes a URL to LiSA's webhook events.
    async fn create_webhook_subscription(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to write.")] input: CreateWebhookSubscriptionInput,
    ) -> async_graphql::Result<WebhookSubscription> {
        require_operator(ctx)?;
        if input.event_types.is_empty() {
            return Err(graphql_error(
                ErrorCode::BadUserInput,
                "`eventTypes` must not be empty",
            ));
        }
        super::mutations::check_http_url("webhookUrl", &input.webhook_url)?;
        // LiSA asks for distinct types: a repeat is dropped, not refused.
        let mut event_types: Vec<&str> = Vec::with_capacity(input.event_types.len());
        for kind in &input.event_types {
            if !event_types.contains(&kind.as_lisa()) {
                event_types.push(kind.as_lisa());
            }
        }
        let body = json!({ "eventTypes": event_types, "webhookUrl": input.webhook_url, "credentials": credentials(input.auth)? });
        let subscription = lisa_client(ctx)?
            .create_webhook_subscription(&body)
            .await
            .map_err(write_error)?;
        Ok((&subscription).into())
    }

    /// Removes a webhook subscription; answers the id it removed.
    async fn delete_webhook_subscription(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The subscription's id (a UUID).")] id: ID,
    ) -> async_graphql::Result<ID> {
        require_operator(ctx)?;
        lisa_client(ctx)?
            .delete_webhook_subscription(&id)
            .await
            .map_err(write_error)?;
        Ok(id)
    }
}

/// LiSA's credentials object, checked for what each mechanism needs.
fn credentials(auth: Option<WebhookAuthInput>) -> async_graphql::Result<Value> {
    let Some(auth) = auth else {
        return Ok(json!({ "type": "none" }));
    };
    let (kind, needs) = match auth.kind {
        WebhookAuthType::None => ("none", &[][..]),
        WebhookAuthType::Basic => ("basic", &["clientId", "clientSecret"][..]),
        WebhookAuthType::Bearer => ("bearer", &["clientSecret"][..]),
        WebhookAuthType::Oauth => ("oauth", &["clientId", "clientSecret", "authUrl"][..]),
        WebhookAuthType::AwsSigV4 => ("awsSigV4", &[][..]),
    };
    let mut object = Map::new();
    object.insert("type".into(), json!(kind));
    for (name, value) in [
        ("clientId", auth.client_id),
        ("clientSecret", auth.client_secret),
        ("authUrl", auth.auth_url),
    ] {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            object.insert(name.into(), json!(value));
        }
    }
    if let Some(missing) = needs.iter().find(|name| !object.contains_key(**name)) {
        return Err(graphql_error(
            ErrorCode::BadUserInput,
            format!("`auth.{missing}` is needed for {kind}"),
        ));
    }
    Ok(Value::Object(object))
}
