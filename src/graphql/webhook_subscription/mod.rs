//! LiSA webhook subscriptions and events, for operators only: the types read back (a
//! subscription's secret never is), the queries that read them (`query`) and the mutations that
//! subscribe and unsubscribe (`mutations`).

pub(crate) mod event_type;
pub(crate) mod mutations;
pub(crate) mod query;

use async_graphql::{ID, Json, SimpleObject};
use serde_json::Value;

use crate::graphql::date_time::Rfc3339;
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
