//! The [`Simulator`] handle: shared state behind an `Arc`, the router over both
//! providers and the control API, and the in-process test hooks (counts, the request
//! log, faults, webhook deliveries).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use axum::Router;

use super::clock::Clock;
use super::config::SimulatorConfig;
use super::faults::{Fault, FaultTarget, Faults};
use super::latency::{Latencies, Latency};
use super::model::Store;
use super::operation::{Operation, RequestCounts, SimProvider};
use super::rate_limit::{RateLimit, RateLimits};
use super::received::{ReceivedRequest, RequestLog};
use super::webhook::WebhookDelivery;
use super::{caast, control, lisa, seed};

/// A running-or-not simulator of both providers. Cheap to clone: every clone shares
/// the same data, counters and faults.
#[derive(Clone)]
pub struct Simulator {
    pub(super) shared: Arc<Shared>,
}

pub(super) struct Shared {
    pub config: SimulatorConfig,
    pub clock: Clock,
    /// One lock for all data: requests are tiny and never hold it across an await.
    pub store: RwLock<Store>,
    pub counts: RequestCounts,
    pub received: RequestLog,
    pub faults: Faults,
    /// How far away each provider is (off unless set).
    pub latencies: Latencies,
    pub rate_limits: RateLimits,
    pub deliveries: Mutex<Vec<WebhookDelivery>>,
    /// Serialises state changes so webhooks leave in the order the changes happened.
    pub changes: tokio::sync::Mutex<u64>,
    pub http: reqwest::Client,
}

impl Simulator {
    pub fn new(config: SimulatorConfig) -> Self {
        let clock = Clock::new(config.anchor);
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(5))
            .build()
            .unwrap_or_default();
        let latencies = Latencies::default();
        for provider in [SimProvider::Caast, SimProvider::Lisa] {
            latencies.set(provider, config.latency);
        }
        let shared = Shared {
            store: RwLock::new(seed::seed(config.anchor)),
            config,
            clock,
            counts: RequestCounts::default(),
            received: RequestLog::default(),
            faults: Faults::default(),
            latencies,
            rate_limits: RateLimits::default(),
            deliveries: Mutex::new(Vec::new()),
            changes: tokio::sync::Mutex::new(0),
            http,
        };
        Self {
            shared: Arc::new(shared),
        }
    }

    /// Caast under `/caast/v1`, LiSA under `/lisa/v1`, the control API under `/_simulator`.
    pub fn router(&self) -> Router {
        Router::new()
            .nest("/caast/v1", caast::routes(self))
            .nest("/lisa/v1", lisa::routes(self))
            .nest("/_simulator", control::routes())
            .with_state(self.clone())
    }

    pub fn config(&self) -> &SimulatorConfig {
        &self.shared.config
    }

    pub fn request_count(&self, op: Operation) -> u64 {
        self.shared.counts.get(op)
    }

    pub fn request_counts(&self) -> BTreeMap<&'static str, u64> {
        self.shared.counts.snapshot()
    }

    /// Zero every counter and clear the request log.
    pub fn reset_request_counts(&self) {
        self.shared.counts.reset();
        self.clear_received();
    }

    /// The latest provider requests (at most 1,000), oldest first; refused ones included.
    pub fn received(&self) -> Vec<ReceivedRequest> {
        self.shared.received.snapshot()
    }

    /// [`Simulator::received`], only those of `op`.
    pub fn received_for(&self, op: Operation) -> Vec<ReceivedRequest> {
        let mut received = self.received();
        received.retain(|r| r.operation == op);
        received
    }

    pub fn clear_received(&self) {
        self.shared.received.clear();
    }

    pub fn inject_fault(&self, target: FaultTarget, fault: Fault) {
        self.shared.faults.inject(target, fault);
    }

    /// Refuses `provider`'s requests past `limit` a second with `429` and `Retry-After`
    /// (`None`: no limit).
    pub fn limit_rate(&self, provider: super::SimProvider, limit: Option<RateLimit>) {
        self.shared.rate_limits.set(provider, limit);
    }

    /// Puts `provider` `latency` away: each request to it waits that long before it is
    /// served (`Latency::default()`: close again).
    pub fn set_latency(&self, provider: SimProvider, latency: Latency) {
        self.shared.latencies.set(provider, latency);
    }

    pub fn clear_faults(&self) {
        self.shared.faults.clear();
    }

    /// Every webhook delivery attempt so far, oldest first.
    pub fn webhook_deliveries(&self) -> Vec<WebhookDelivery> {
        self.shared
            .deliveries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub(super) fn read<R>(&self, f: impl FnOnce(&Store) -> R) -> R {
        f(&self.shared.store.read().unwrap_or_else(|e| e.into_inner()))
    }

    pub(super) fn write<R>(&self, f: impl FnOnce(&mut Store) -> R) -> R {
        f(&mut self.shared.store.write().unwrap_or_else(|e| e.into_inner()))
    }

    pub(super) fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.shared.clock.now()
    }
}
