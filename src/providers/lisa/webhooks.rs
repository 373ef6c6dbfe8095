//! Webhook subscriptions (find, find one, create, delete) and the events LiSA sent.

use std::sync::Arc;

use super::model::{Scroll, WebhookEvent, WebhookSubscription};
use super::query::scroll_pairs;
use super::{LisaClient, require_uuid, wire};
use crate::cache::EntityType;
use crate::providers::UpstreamError;

impl LisaClient {
    /// `GET /webhooks/subscriptions`: one batch of subscriptions.
    pub(crate) async fn webhook_subscriptions(
        &self,
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<Scroll<WebhookSubscription>, UpstreamError> {
        let pairs = scroll_pairs(cursor, limit);
        self.list(
            (
                "webhooks.subscriptions.find",
                EntityType::WebhookSubscription,
            ),
            &["webhooks", "subscriptions"],
            pairs,
            wire::SubscriptionWire::into_subscription,
        )
        .await
    }

    /// `POST /webhooks/subscriptions` (`eventTypes`, `webhookUrl`, `credentials`).
    pub(crate) async fn create_webhook_subscription(
        &self,
        body: &serde_json::Value,
    ) -> Result<WebhookSubscription, UpstreamError> {
        let request = self
            .request(reqwest::Method::POST, &["webhooks", "subscriptions"])
            .json(body);
        let answer = self
            .http
            .send(
                "webhooks.subscriptions.create",
                "webhook subscription",
                request,
            )
            .await?;
        self.http
            .invalidate_type(EntityType::WebhookSubscription)
            .await;
        Ok(self
            .http
            .decode_item::<wire::SubscriptionWire>(&answer.body)?
            .into_subscription())
    }

    /// `GET /webhooks/subscriptions/{id}`.
    pub(crate) async fn webhook_subscription(
        &self,
        id: &str,
    ) -> Result<Arc<WebhookSubscription>, UpstreamError> {
        let convert = wire::SubscriptionWire::into_subscription;
        self.find_one(
            "webhooks.subscriptions.get",
            "webhook subscription",
            &["webhooks", "subscriptions"],
            id,
            convert,
        )
        .await
    }

    /// `DELETE /webhooks/subscriptions/{id}`.
    pub(crate) async fn delete_webhook_subscription(&self, id: &str) -> Result<(), UpstreamError> {
        require_uuid(id, "webhook subscription")?;
        let request = self.request(reqwest::Method::DELETE, &["webhooks", "subscriptions", id]);
        let result = self
            .http
            .send(
                "webhooks.subscriptions.delete",
                "webhook subscription",
                request,
            )
            .await;
        self.http
            .invalidate_type(EntityType::WebhookSubscription)
            .await;
        result.map(|_| ())
    }

    /// `GET /webhooks/events/{id}`: an event LiSA sent, to check a webhook's origin and content.
    pub(crate) async fn webhook_event(&self, id: &str) -> Result<Arc<WebhookEvent>, UpstreamError> {
        require_uuid(id, "webhook event")?;
        let segments = ["webhooks", "events", id];
        self.read_one(
            "webhooks.events.get",
            "webhook event",
            &segments,
            |http, body| Ok(http.decode_item::<wire::EventWire>(body)?.into_event()),
        )
        .await
    }
}
