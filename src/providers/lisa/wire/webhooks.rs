//! Webhook subscriptions and events as they cross the wire.

use serde::Deserialize;

use super::super::model::{WebhookEvent, WebhookSubscription};
use crate::providers::dates::parse_date;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SubscriptionWire {
    id: String,
    client: Option<String>,
    event_types: Option<Vec<String>>,
    webhook_url: Option<String>,
    status: Option<String>,
    credentials: Option<CredentialsWire>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CredentialsWire {
    #[serde(rename = "type")]
    kind: Option<String>,
    client_id: Option<String>,
}

impl SubscriptionWire {
    pub(crate) fn into_subscription(self) -> WebhookSubscription {
        let credentials = self.credentials;
        WebhookSubscription {
            id: self.id,
            client: self.client,
            event_types: self.event_types.unwrap_or_default(),
            webhook_url: self.webhook_url,
            status: self.status,
            auth_type: credentials.as_ref().and_then(|c| c.kind.clone()),
            client_id: credentials.and_then(|c| c.client_id),
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct EventWire {
    id: String,
    event_type: Option<String>,
    event_date: Option<String>,
    data: Option<serde_json::Value>,
    changes: Option<serde_json::Value>,
}

impl EventWire {
    pub(crate) fn into_event(self) -> WebhookEvent {
        WebhookEvent {
            id: self.id,
            event_type: self.event_type,
            event_date: self.event_date.as_deref().and_then(parse_date),
            data: self.data,
            changes: self.changes,
        }
    }
}
