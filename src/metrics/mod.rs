//! Prometheus metrics, served on `GET /metrics` in the OpenMetrics text format by
//! `prometheus-client` (the Prometheus project's Rust client). Each gateway has its own registry,
//! so several gateways in one process (the tests) count apart.
//!
//! Counted where things happen: HTTP requests by a middleware, GraphQL operations by the
//! GraphQL route, provider calls by the provider client, webhook events by the webhook route.
//! The cache's counters and the open subscriptions and connections are read at each scrape.

mod names;
mod outcome;
mod state;

use std::sync::Arc;
use std::time::Duration;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

pub(crate) use names::BoundedNames;
pub(crate) use outcome::OperationOutcome;
use state::StateCollector;

use crate::cache::ProviderCache;
use crate::events::Events;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub(crate) struct HttpLabels {
    pub(crate) route: String,
    pub(crate) method: String,
    pub(crate) status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub(crate) struct OperationLabels {
    /// The operation's name (the first 200 distinct names; later ones are `other`).
    pub(crate) operation: String,
    /// `query`, `mutation`, `subscription`, or `none` when the document names none.
    pub(crate) kind: String,
    /// `ok`, `partial` (data with errors), `error` (no data) or `refused` (not executed).
    pub(crate) outcome: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub(crate) struct OperationKindLabels {
    pub(crate) kind: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub(crate) struct ProviderLabels {
    pub(crate) provider: String,
    pub(crate) operation: String,
    /// The provider's HTTP status, or `timeout` / `unreachable`.
    pub(crate) status: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub(crate) struct ProviderOnlyLabels {
    pub(crate) provider: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub(crate) struct ProviderOperationLabels {
    pub(crate) provider: String,
    pub(crate) operation: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub(crate) struct WebhookLabels {
    /// `show`, `show_start`, `show_stop`, `snippet`, `story`, or `other`.
    pub(crate) kind: String,
    /// `processed`, `duplicate`, `ignored`, `unauthorized` or `malformed`.
    pub(crate) outcome: String,
}

type Latency<L> = Family<L, Histogram, fn() -> Histogram>;

/// Latency buckets from 1 ms to about 16 s.
fn latency_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.001, 2.0, 15))
}

/// What provider clients count.
#[derive(Debug)]
pub(crate) struct ProviderMetrics {
    requests: Family<ProviderLabels, Counter>,
    latency: Latency<ProviderOperationLabels>,
    /// Items of provider answers that could not be read and were left out.
    dropped_items: Family<ProviderOperationLabels, Counter>,
    /// The learnt limit of calls in flight at once, and the calls waiting for a place.
    concurrency_limit: Family<ProviderOnlyLabels, Gauge>,
    calls_queued: Family<ProviderOnlyLabels, Gauge>,
}

impl ProviderMetrics {
    pub(crate) fn record(&self, provider: &str, operation: &str, status: String, took: Duration) {
        let labels = ProviderLabels {
            provider: provider.to_string(),
            operation: operation.to_string(),
            status,
        };
        self.requests.get_or_create(&labels).inc();
        let labels = ProviderOperationLabels {
            provider: labels.provider,
            operation: labels.operation,
        };
        self.latency
            .get_or_create(&labels)
            .observe(took.as_secs_f64());
    }

    /// A provider's learnt limit of calls at once, and the calls waiting for a place, now.
    pub(crate) fn concurrency(&self, provider: &str, limit: usize, queued: usize) {
        let labels = ProviderOnlyLabels {
            provider: provider.to_string(),
        };
        self.concurrency_limit
            .get_or_create(&labels)
            .set(limit as i64);
        self.calls_queued.get_or_create(&labels).set(queued as i64);
    }

    /// Counts one item of a provider's answer left out because it could not be read.
    pub(crate) fn dropped_item(&self, provider: &str, operation: &str) {
        let labels = ProviderOperationLabels {
            provider: provider.to_string(),
            operation: operation.to_string(),
        };
        self.dropped_items.get_or_create(&labels).inc();
    }
}

/// Every metric of one gateway.
#[derive(Debug)]
pub(crate) struct Metrics {
    registry: Registry,
    pub(crate) http_requests: Family<HttpLabels, Counter>,
    pub(crate) operations: Family<OperationLabels, Counter>,
    pub(crate) operation_latency: Latency<OperationKindLabels>,
    pub(crate) operation_names: BoundedNames,
    pub(crate) providers: Arc<ProviderMetrics>,
    pub(crate) webhook_events: Family<WebhookLabels, Counter>,
    /// Open WebSocket and SSE connections.
    pub(crate) stream_connections: Gauge,
}

impl Metrics {
    pub(crate) fn new(cache: Arc<ProviderCache>, events: Events) -> Self {
        let mut registry = Registry::with_prefix("gateway");
        let http_requests = Family::default();
        registry.register(
            "http_requests",
            "HTTP requests by route, method and status",
            http_requests.clone(),
        );
        let operations = Family::default();
        registry.register(
            "graphql_operations",
            "GraphQL operations by name, kind and outcome",
            operations.clone(),
        );
        let operation_latency: Latency<_> = Family::new_with_constructor(latency_histogram);
        registry.register(
            "graphql_operation_duration_seconds",
            "GraphQL operation latency by kind",
            operation_latency.clone(),
        );
        let providers = Arc::new(ProviderMetrics {
            requests: Family::default(),
            latency: Family::new_with_constructor(latency_histogram),
            dropped_items: Family::default(),
            concurrency_limit: Family::default(),
            calls_queued: Family::default(),
        });
        registry.register(
            "provider_concurrency_limit",
            "Provider calls let through at once, as learnt from their latency and failures",
            providers.concurrency_limit.clone(),
        );
        registry.register(
            "provider_calls_queued",
            "Provider calls waiting for a place under the limit",
            providers.calls_queued.clone(),
        );
        registry.register(
            "provider_requests",
            "Provider calls by provider, operation and status",
            providers.requests.clone(),
        );
        registry.register(
            "provider_request_duration_seconds",
            "Provider call latency by provider and operation",
            providers.latency.clone(),
        );
        registry.register(
            "upstream_items_dropped",
            "Items of provider answers left out because they could not be read, by provider and operation",
            providers.dropped_items.clone(),
        );
        let webhook_events = Family::default();
        registry.register(
            "webhook_events",
            "LiSA webhook deliveries by kind and outcome",
            webhook_events.clone(),
        );
        let stream_connections = Gauge::default();
        registry.register(
            "stream_connections",
            "Open WebSocket and SSE connections",
            stream_connections.clone(),
        );
        registry.register_collector(Box::new(StateCollector { cache, events }));
        Self {
            registry,
            http_requests,
            operations,
            operation_latency,
            operation_names: BoundedNames::default(),
            providers,
            webhook_events,
            stream_connections,
        }
    }

    /// The OpenMetrics text of every metric now.
    pub(crate) fn encode(&self) -> String {
        let mut text = String::new();
        prometheus_client::encoding::text::encode(&mut text, &self.registry)
            .expect("writing to a String cannot fail");
        text
    }

    /// Counts one GraphQL operation.
    pub(crate) fn operation(
        &self,
        name: Option<&str>,
        kind: &str,
        outcome: OperationOutcome,
        took: Duration,
    ) {
        let labels = OperationLabels {
            operation: self.operation_names.label(name),
            kind: kind.to_string(),
            outcome: outcome.label().to_string(),
        };
        self.operations.get_or_create(&labels).inc();
        let kind = OperationKindLabels { kind: labels.kind };
        self.operation_latency
            .get_or_create(&kind)
            .observe(took.as_secs_f64());
    }

    /// Counts one webhook delivery.
    pub(crate) fn webhook(&self, kind: &str, outcome: &str) {
        let labels = WebhookLabels {
            kind: kind.to_string(),
            outcome: outcome.to_string(),
        };
        self.webhook_events.get_or_create(&labels).inc();
    }

    /// Counts an open stream connection until the guard is dropped.
    pub(crate) fn stream_connection(&self) -> ConnectionGuard {
        self.stream_connections.inc();
        ConnectionGuard(self.stream_connections.clone())
    }
}

/// One open stream connection, counted until dropped.
pub(crate) struct ConnectionGuard(Gauge);

impl Drop for ConnectionGuard {
    fn drop(&mut self) {
        self.0.dec();
    }
}
