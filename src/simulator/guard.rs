//! What happens before any provider handler runs: count the request under its
//! operation and log it, wait the provider's latency, apply an injected fault and the
//! provider's rate limit, then check the provider's credentials.
//! Counting and logging come first so tests see every request the gateway made, even
//! refused ones. The body is buffered once here, logged, and handed on unchanged.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::MethodRouter;

use super::caast::error::CaastError;
use super::config::SimulatorConfig;
use super::lisa::error::LisaError;
use super::operation::{Operation, SimProvider};
use super::received::ReceivedRequest;
use super::sim::Simulator;

/// The largest body buffered for the log: above the extractors' own 2 MiB default, so
/// every body a handler would have accepted still reaches it.
const BODY_LIMIT: usize = 8 * 1024 * 1024;

/// Wrap one method route so its requests are counted, faulted and authenticated as `op`.
pub(crate) fn op(
    sim: &Simulator,
    op: Operation,
    route: MethodRouter<Simulator>,
) -> MethodRouter<Simulator> {
    let sim = sim.clone();
    route.layer(middleware::from_fn(move |req: Request, next: Next| {
        let sim = sim.clone();
        async move { guard(sim, op, req, next).await }
    }))
}

async fn guard(sim: Simulator, op: Operation, req: Request, next: Next) -> Response {
    sim.shared.counts.hit(op);
    let Some(req) = record(&sim, op, req).await else {
        let status = StatusCode::PAYLOAD_TOO_LARGE;
        return provider_error(op.provider(), status, "Request body too large.");
    };
    let distance = sim.shared.latencies.draw(op.provider());
    if !distance.is_zero() {
        tokio::time::sleep(distance).await;
    }
    if let Some(fault) = sim.shared.faults.lookup(op) {
        tokio::time::sleep(fault.latency).await;
        if let Some(status) = fault.status {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            return provider_error(op.provider(), status, "Injected fault.");
        }
    }
    if let Some(seconds) = sim.shared.rate_limits.refuse(op.provider()) {
        let status = StatusCode::TOO_MANY_REQUESTS;
        let mut refusal = provider_error(op.provider(), status, "Too many requests.");
        refusal
            .headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from(seconds));
        return refusal;
    }
    if !authorised(&sim.shared.config, op.provider(), req.headers()) {
        return unauthorised(op.provider());
    }
    next.run(req).await
}

/// Log the request and rebuild it around the buffered body; `None` when the body could
/// not be read (over [`BODY_LIMIT`] or cut off), which is logged too.
async fn record(sim: &Simulator, op: Operation, req: Request) -> Option<Request> {
    let (parts, body) = req.into_parts();
    let Ok(bytes) = to_bytes(body, BODY_LIMIT).await else {
        sim.shared
            .received
            .push(ReceivedRequest::unreadable(op, &parts));
        return None;
    };
    let received = ReceivedRequest::read(op, &parts, &bytes).await;
    sim.shared.received.push(received);
    Some(Request::from_parts(parts, Body::from(bytes)))
}

fn authorised(config: &SimulatorConfig, provider: SimProvider, headers: &HeaderMap) -> bool {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    match provider {
        SimProvider::Caast => {
            header("app-id") == Some(config.caast_app_id.as_str())
                && header("app-key") == Some(config.caast_app_key.as_str())
        }
        SimProvider::Lisa => header("authorization")
            .and_then(|v| v.strip_prefix("ApiKey "))
            .is_some_and(|key| key.trim() == config.lisa_api_key),
    }
}

fn unauthorised(provider: SimProvider) -> Response {
    match provider {
        SimProvider::Caast => CaastError::new(
            StatusCode::UNAUTHORIZED,
            "Missing or invalid APP-ID / APP-KEY headers.",
        )
        .into_response(),
        SimProvider::Lisa => LisaError::new(
            StatusCode::UNAUTHORIZED,
            "You are not authorized to access the target resource.",
        )
        .into_response(),
    }
}

/// An error in the provider's own format.
pub(crate) fn provider_error(provider: SimProvider, status: StatusCode, message: &str) -> Response {
    match provider {
        SimProvider::Caast => CaastError::new(status, message).into_response(),
        SimProvider::Lisa => LisaError::new(status, message).into_response(),
    }
}
