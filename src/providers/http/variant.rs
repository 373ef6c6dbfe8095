//! Copies of a provider client. A client's copies differ only in their HTTP layer: the shared
//! one counts its calls and breaks its circuit, one serves a GraphQL request (its trace, its
//! deadline), one probes readiness, one polls past the cache. One enum names them, one method
//! of the HTTP layer makes each, and every client offers the same `variant` through one trait.

use std::sync::Arc;
use std::time::Instant;

use super::UpstreamHttp;
use crate::cache::RequestTrace;
use crate::metrics::ProviderMetrics;
use crate::providers::ProviderHealth;
use crate::providers::resilience::{CircuitBreaker, ResiliencePolicy};

/// How a copy of a client differs from the client it is made from.
#[derive(Clone)]
pub(crate) enum Variant {
    /// Its calls are counted in these metrics.
    Metrics(Arc<ProviderMetrics>),
    /// Its reads are retried and its calls go through a circuit breaker, one for every copy
    /// made from it afterwards.
    Resilience(ResiliencePolicy),
    /// It serves one GraphQL request: its reads are recorded in the request's `trace`, and its
    /// calls all end by the request's `deadline` (none: a subscription's, whose calls each have
    /// the provider's timeout).
    Request {
        trace: Arc<RequestTrace>,
        deadline: Option<Instant>,
    },
    /// It always asks the provider, never the cache (the Caast poller).
    WithoutCache,
    /// The readiness probe's: no cache, one attempt, let through an open circuit.
    Probe,
}

impl UpstreamHttp {
    /// A copy of this HTTP layer as `variant` says.
    pub(crate) fn variant(&self, variant: Variant) -> Self {
        let mut copy = self.clone();
        match variant {
            Variant::Metrics(metrics) => copy.metrics = Some(metrics),
            Variant::Resilience(policy) => {
                copy.breaker = Some(Arc::new(CircuitBreaker::new(policy)));
            }
            Variant::Request { trace, deadline } => {
                copy.trace = Some(trace);
                copy.deadline = deadline;
            }
            Variant::WithoutCache => copy.cache = None,
            Variant::Probe => {
                copy.cache = None;
                copy.probing = true;
            }
        }
        copy
    }
}

/// A provider's client: its HTTP layer, and the same client over another copy of it.
pub(crate) trait ProviderClient: Sized {
    fn http(&self) -> &UpstreamHttp;

    /// This client over `http` (another copy of its own HTTP layer).
    fn with_http(&self, http: UpstreamHttp) -> Self;

    /// A copy of this client as `variant` says.
    fn variant(&self, variant: Variant) -> Self {
        self.with_http(self.http().variant(variant))
    }

    /// Whether the provider has answered lately (`/readyz`).
    fn health(&self) -> &ProviderHealth {
        self.http().health()
    }
}
