//! One provider call, start to finish: its place among the provider's calls, timeout, retries,
//! span and metrics. What a call sends (its URL and credentials) is built in `http/request.rs`;
//! what its answer means (every transport or HTTP outcome as an [`UpstreamError`]) is read in
//! `http/outcome.rs`. Both clients go through here, so a Caast timeout and a LiSA timeout look
//! the same to the schema.
//!
//! What a call may cost is bounded here: its URL (longer ones are the client's error, refused
//! before sending), its time (the provider's timeout, shortened to what is left of the GraphQL
//! request's deadline: `http/deadline.rs`), and the size of the answer (read chunk by chunk up
//! to a cap: `http/body.rs`). `http/circuit.rs` is how a call asks the circuit and tells it.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use reqwest::Method;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::de::DeserializeOwned;
use tracing::Instrument;
use url::Url;

use super::resilience::CircuitBreaker;
use super::{Provider, ProviderHealth, UpstreamError};
use crate::cache::{ProviderCache, RequestTrace};
use crate::metrics::ProviderMetrics;

/// Reads a provider's error body into a short human detail (never echoed for 5xx).
pub(crate) type ErrorDetail = fn(&[u8]) -> Option<String>;

/// A successful answer: headers (Caast pages in them) and the raw body.
pub(crate) struct ProviderAnswer {
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
}

#[derive(Clone)]
pub(crate) struct UpstreamHttp {
    provider: Provider,
    client: reqwest::Client,
    base: Url,
    timeout: Duration,
    /// Largest answer body read; a larger one is the provider's fault (`UPSTREAM_BAD_RESPONSE`).
    max_response_bytes: usize,
    /// When the GraphQL request this copy serves must have its answers (set on its copy).
    deadline: Option<Instant>,
    error_detail: ErrorDetail,
    health: Arc<ProviderHealth>,
    /// How many calls go to this provider at once, shared by every request (learnt: see
    /// `http/limiter.rs`).
    limiter: Arc<Limiter>,
    /// The cache reads go through (`None`: every read calls the provider).
    pub(super) cache: Option<Arc<ProviderCache>>,
    /// The headers that authenticate the gateway, sent with every call (marked sensitive).
    credentials: HeaderMap,
    /// Starts every cache key: the provider and a fingerprint of the credentials, so answers
    /// read with other credentials are never shared.
    pub(super) key_prefix: Arc<str>,
    /// What the current GraphQL request was fed (set on the request's copy of the client).
    pub(super) trace: Option<Arc<RequestTrace>>,
    /// Where calls are counted (`None`: not counted).
    pub(super) metrics: Option<Arc<ProviderMetrics>>,
    /// Retries and the circuit, shared by every copy (`None`: one attempt, never broken).
    breaker: Option<Arc<CircuitBreaker>>,
    /// The readiness probe's copy: one attempt, let through an open circuit, and its answer
    /// closes the circuit (the provider is back).
    probing: bool,
}

/// How to reach one provider.
pub(crate) struct Upstream {
    pub(crate) provider: Provider,
    pub(crate) client: reqwest::Client,
    pub(crate) base: Url,
    pub(crate) timeout: Duration,
    pub(crate) max_response_bytes: usize,
    /// The bounds of the calls in flight at once (the limit moves between them).
    pub(crate) concurrency: Bounds,
    pub(crate) error_detail: ErrorDetail,
    /// The headers that authenticate the gateway: sent with every call, and fingerprinted into
    /// every cache key.
    pub(crate) credentials: Vec<(HeaderName, HeaderValue)>,
    pub(crate) cache: Option<Arc<ProviderCache>>,
}

impl UpstreamHttp {
    pub(crate) fn new(upstream: Upstream) -> Self {
        let key_prefix = super::cached_read::key_prefix(upstream.provider, &upstream.credentials);
        let credentials = upstream
            .credentials
            .into_iter()
            .map(|(name, mut value)| {
                value.set_sensitive(true);
                (name, value)
            })
            .collect();
        Self {
            provider: upstream.provider,
            client: upstream.client,
            credentials,
            key_prefix,
            base: upstream.base,
            timeout: upstream.timeout,
            max_response_bytes: upstream.max_response_bytes,
            deadline: None,
            error_detail: upstream.error_detail,
            health: Arc::default(),
            limiter: Arc::new(Limiter::new(upstream.concurrency)),
            cache: upstream.cache,
            trace: None,
            metrics: None,
            breaker: None,
            probing: false,
        }
    }

    pub(crate) fn provider(&self) -> Provider {
        self.provider
    }

    pub(crate) fn health(&self) -> &ProviderHealth {
        &self.health
    }

    /// The calls this provider gets at once now, and the calls waiting for a place.
    fn concurrency(&self) -> (usize, usize) {
        (self.limiter.limit(), self.limiter.queued())
    }

    /// Sends `request` (auth already set) under the provider's timeout, once a slot among the
    /// provider's concurrent calls is free (the wait does not count against the timeout, only
    /// against the request's deadline).
    pub(crate) async fn send(
        &self,
        operation: &'static str,
        not_found: &'static str,
        request: reqwest::RequestBuilder,
    ) -> Result<ProviderAnswer, UpstreamError> {
        let request = self.build(request)?;
        self.execute(operation, not_found, request).await
    }

    /// Like [`Self::send`], for a request already built. A read the provider fails (no answer,
    /// a 5xx) is retried with backoff while the deadline allows; an open circuit refuses at once
    /// (see `resilience.rs`); a call with no time left is not started (`UPSTREAM_TIMEOUT`).
    pub(crate) async fn execute(
        &self,
        operation: &'static str,
        not_found: &'static str,
        mut request: reqwest::Request,
    ) -> Result<ProviderAnswer, UpstreamError> {
        let retries = match (&self.breaker, request.method()) {
            (Some(breaker), &Method::GET | &Method::HEAD) if !self.probing => {
                breaker.policy().retries
            }
            _ => 0,
        };
        let mut attempt = 0;
        loop {
            if self.budget().is_none() {
                return Err(self.out_of_time());
            }
            let ticket = self.admit()?;
            let again = (attempt < retries).then(|| request.try_clone()).flatten();
            // Boxed: the call's future is large, and callers nest many of them.
            let (result, cut_short) =
                Box::pin(self.attempt(operation, not_found, request, attempt)).await;
            self.report(ticket, &result, cut_short);
            // A timeout is not retried: another would likely time out too, and outlast the
            // request's own timeout, which must leave room for a partial answer. A provider
            // that limits the rate is asked again after the time it gave, if the request has
            // that time; else its refusal is the answer (`UPSTREAM_RATE_LIMITED`).
            let wait = match &result {
                Err(UpstreamError::Unavailable { .. }) => {
                    self.breaker.as_ref().map(|b| b.backoff(attempt))
                }
                Err(UpstreamError::RateLimited {
                    retry_after: Some(after),
                    ..
                }) => Some(*after).filter(|after| *after <= outcome::LONGEST_RETRY_AFTER),
                _ => None,
            };
            match (again, wait) {
                (Some(next), Some(wait)) if self.has_time_after(wait) => {
                    tokio::time::sleep(wait).await;
                    request = next;
                    attempt += 1;
                }
                _ => return result,
            }
        }
    }

    /// One call, in its span, counted in the metrics; with whether the request's deadline cut
    /// its time short (or left none, and it was not made).
    async fn attempt(
        &self,
        operation: &'static str,
        not_found: &'static str,
        request: reqwest::Request,
        attempt: u32,
    ) -> (Result<ProviderAnswer, UpstreamError>, bool) {
        let span = tracing::info_span!(
            "provider_call",
            provider = self.provider.as_str(),
            operation,
            attempt,
            status = tracing::field::Empty
        );
        let mut request = request;
        async {
            crate::telemetry::pass_trace_on(request.headers_mut());
            let Some(slot) = self.slot().await else {
                return (Err(self.out_of_time()), true);
            };
            let Some(budget) = self.budget() else {
                return (Err(self.out_of_time()), true);
            };
            let started = Instant::now();
            let result = self.send_once(not_found, request, budget.timeout).await;
            slot.report(outcome::load_shown(
                &result,
                started.elapsed(),
                budget.cut_short,
            ));
            if let Some(metrics) = &self.metrics {
                let (limit, queued) = self.concurrency();
                metrics.concurrency(self.provider.as_str(), limit, queued);
            }
            let status = match &result {
                Ok(_) => 200,
                Err(error) => error.upstream_status().unwrap_or(0),
            };
            tracing::Span::current().record("status", status);
            if let Some(metrics) = &self.metrics {
                let label = outcome::status_label(&result);
                metrics.record(self.provider.as_str(), operation, label, started.elapsed());
            }
            if let Err(error) = &result {
                tracing::debug!(%error, "provider call failed");
            }
            (result, budget.cut_short)
        }
        .instrument(span)
        .await
    }

    async fn send_once(
        &self,
        not_found: &'static str,
        mut request: reqwest::Request,
        timeout: Duration,
    ) -> Result<ProviderAnswer, UpstreamError> {
        let provider = self.provider;
        *request.timeout_mut() = Some(timeout);
        let response = self
            .client
            .execute(request)
            .await
            .map_err(|e| self.transport_error(&e))?;
        let status = response.status();
        let code = status.as_u16();
        if code < 500 && code != 401 {
            self.health.record_answer();
        } else {
            self.health.record_failure();
        }
        let headers = response.headers().clone();
        if let Some(limited) = outcome::rate_limited(provider, code, &headers) {
            return Err(limited);
        }
        let body = self.read_body(response).await;
        if status.is_success() {
            return Ok(ProviderAnswer {
                headers,
                body: body?,
            });
        }
        let body = body.unwrap_or_default();
        Err(outcome::refusal(
            provider,
            status,
            not_found,
            &body,
            self.error_detail,
        ))
    }

    fn transport_error(&self, error: &reqwest::Error) -> UpstreamError {
        self.health.record_failure();
        outcome::transport_error(self.provider, error)
    }

    /// A provider that answers a look-up with another item than the one asked for is misbehaving.
    pub(crate) fn check_id(
        &self,
        what: &str,
        asked: &str,
        answered: &str,
    ) -> Result<(), UpstreamError> {
        if asked == answered {
            return Ok(());
        }
        Err(UpstreamError::BadResponse {
            provider: self.provider,
            detail: format!("asked for {what} {asked}, got another"),
        })
    }

    /// Decodes a JSON body; a body that does not fit is the provider's fault, not the client's.
    pub(crate) fn decode<T: DeserializeOwned>(&self, body: &[u8]) -> Result<T, UpstreamError> {
        serde_json::from_slice(body).map_err(|e| UpstreamError::BadResponse {
            provider: self.provider,
            // serde's message quotes the value it could not read: the provider's, unbounded.
            detail: crate::logged::clipped(&e.to_string()).into_owned(),
        })
    }
}

mod body;
mod circuit;
mod deadline;
mod limiter;
mod outcome;
mod request;
mod variant;

pub(crate) use limiter::Bounds;
pub(crate) use limiter::Limiter;

pub(crate) use request::credential;
pub(crate) use request::{Target, TargetPath};
pub(crate) use variant::{ProviderClient, Variant};
#[cfg(test)]
mod tests;
