//! The webhook mutations (LiSA, operators only): subscribe a URL to event types, with the
//! credentials LiSA authenticates with (checked for what each mechanism needs), and unsubscribe.

use async_graphql::{Context, Enum, ID, InputObject, Object};
use serde_json::{Map, Value, json};

use crate::error::{ErrorCode, graphql_error};
use crate::graphql::mutations::input_checks::check_http_url;
use crate::graphql::mutations::write_error;
use crate::graphql::resolver::auth::require_operator;
use crate::graphql::resolver::clients::lisa_client;
use crate::graphql::webhook_subscription::WebhookSubscription;
use crate::graphql::webhook_subscription::event_type::WebhookEventType;

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
        check_http_url("webhookUrl", &input.webhook_url)?;
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
