//! How a simulator is set up: credentials it accepts, where it sends webhooks, and the
//! anchor instant its seeded dates hang from (so tests can pin time and demos stay fresh).

use std::time::Duration;

use chrono::{DateTime, DurationRound, TimeDelta, Utc};

use super::latency::Latency;

/// Everything [`super::Simulator::new`] needs; `Default` gives the demo's settings.
#[derive(Debug, Clone)]
pub struct SimulatorConfig {
    /// The `APP-ID` header value Caast requests must carry.
    pub caast_app_id: String,
    /// The `APP-KEY` header value Caast requests must carry.
    pub caast_app_key: String,
    /// The key LiSA requests must present as `Authorization: ApiKey <key>`.
    pub lisa_api_key: String,
    /// Where LiSA-style webhooks go; `None` records events without sending them.
    pub webhook: Option<WebhookTarget>,
    /// Period of the automatic show/live state changes; `None` disables the timer.
    pub state_changes_every: Option<Duration>,
    /// The simulator's "now" at start: seeded dates are placed relative to it.
    pub anchor: DateTime<Utc>,
    /// Pause between webhook delivery attempts.
    pub webhook_retry_delay: Duration,
    /// How far away both providers start (none by default); `Simulator::set_latency` moves
    /// one later.
    pub latency: Latency,
}

impl Default for SimulatorConfig {
    fn default() -> Self {
        let now = Utc::now();
        Self {
            caast_app_id: "demo-caast-app-id".into(),
            caast_app_key: "demo-caast-app-key".into(),
            lisa_api_key: "demo-lisa-api-key".into(),
            webhook: None,
            state_changes_every: None,
            anchor: now.duration_trunc(TimeDelta::hours(1)).unwrap_or(now),
            webhook_retry_delay: Duration::from_millis(200),
            latency: Latency::default(),
        }
    }
}

/// The one URL the simulator delivers webhooks to (never a subscription's URL, so a
/// seeded or test-created subscription cannot make the simulator call out).
#[derive(Debug, Clone)]
pub struct WebhookTarget {
    pub url: url::Url,
    pub auth: WebhookAuth,
}

/// How the simulator authenticates to the webhook receiver, as a LiSA subscription would.
#[derive(Debug, Clone)]
pub enum WebhookAuth {
    None,
    Bearer(String),
    Basic { user: String, password: String },
}
