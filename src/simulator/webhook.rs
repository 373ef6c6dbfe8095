//! LiSA-style webhook emission: every event is recorded (so `GET /webhooks/events/{id}`
//! can answer) and, when a target is configured, POSTed to it with the configured auth.
//! Like LiSA, a non-200/202/204 answer or no answer is retried after a short delay, and
//! the simulator gives up after three failed attempts. Every attempt is recorded.

use serde::Serialize;
use serde_json::{Value, json};
use uuid::Uuid;

use super::config::{WebhookAuth, WebhookTarget};
use super::lisa::CLIENT;
use super::sim::Simulator;
use super::time::iso_millis;

/// Attempts per event, the first included (LiSA suspends after three failures).
pub const MAX_ATTEMPTS: u32 = 3;

/// Events and deliveries kept: the demo timer runs for days, memory must not grow.
const KEPT: usize = 1000;

fn push_capped<T>(log: &mut Vec<T>, item: T) {
    if log.len() >= KEPT {
        log.drain(..log.len() + 1 - KEPT);
    }
    log.push(item);
}

/// One delivery attempt of one event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WebhookDelivery {
    pub event_id: Uuid,
    pub event_type: String,
    /// 1 for the first try.
    pub attempt: u32,
    /// The receiver's status, when it answered.
    pub status: Option<u16>,
    /// Why no status: connection refused, timeout…
    pub error: Option<String>,
}

impl WebhookDelivery {
    pub fn succeeded(&self) -> bool {
        matches!(self.status, Some(200 | 202 | 204))
    }
}

impl Simulator {
    /// Record an event and deliver it (when a target is configured); returns its id once
    /// delivery has succeeded or been given up.
    pub(super) async fn emit(&self, event_type: &str, data: Value, changes: Value) -> Uuid {
        let id = Uuid::new_v4();
        let event = json!({
            "id": id,
            "client": CLIENT,
            "eventType": event_type,
            "eventDate": iso_millis(self.now()),
            "data": data,
            "changes": changes,
        });
        self.write(|store| push_capped(&mut store.events, (id, event.clone())));
        if let Some(target) = self.shared.config.webhook.clone() {
            self.deliver(&target, id, event_type, &event).await;
        }
        id
    }

    async fn deliver(&self, target: &WebhookTarget, id: Uuid, event_type: &str, event: &Value) {
        for attempt in 1..=MAX_ATTEMPTS {
            let outcome = self.post(target, event).await;
            let delivery = WebhookDelivery {
                event_id: id,
                event_type: event_type.to_string(),
                attempt,
                status: outcome.as_ref().ok().copied(),
                error: outcome.err(),
            };
            let done = delivery.succeeded();
            if !done {
                tracing::warn!(event_id = %id, attempt, status = ?delivery.status, "simulator webhook delivery failed");
            }
            self.record(delivery);
            if done {
                return;
            }
            if attempt < MAX_ATTEMPTS {
                tokio::time::sleep(self.shared.config.webhook_retry_delay).await;
            }
        }
    }

    fn record(&self, delivery: WebhookDelivery) {
        let mut log = self
            .shared
            .deliveries
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        push_capped(&mut log, delivery);
    }

    async fn post(&self, target: &WebhookTarget, event: &Value) -> Result<u16, String> {
        let request = self.shared.http.post(target.url.clone()).json(event);
        let request = match &target.auth {
            WebhookAuth::None => request,
            WebhookAuth::Bearer(token) => request.bearer_auth(token),
            WebhookAuth::Basic { user, password } => request.basic_auth(user, Some(password)),
        };
        request
            .send()
            .await
            .map(|response| response.status().as_u16())
            .map_err(|e| e.to_string())
    }
}
