//! How one call deals with its provider's circuit (see `resilience.rs`): it asks leave before
//! going, and says afterwards how the provider fared, so that only the provider's own failures
//! count against it.

use super::{ProviderAnswer, UpstreamHttp};
use crate::providers::UpstreamError;
use crate::providers::resilience::{Admission, Ticket};

impl UpstreamHttp {
    /// The circuit's leave to call (`None`: no breaker, or the readiness probe's copy).
    pub(super) fn admit(&self) -> Result<Option<Ticket>, UpstreamError> {
        match &self.breaker {
            Some(breaker) if !self.probing => match breaker.admit() {
                Admission::Call(ticket) => Ok(Some(ticket)),
                Admission::Refuse => Err(UpstreamError::CircuitOpen {
                    provider: self.provider,
                }),
            },
            _ => Ok(None),
        }
    }

    /// Tells the circuit how the provider fared. Any answer closes it; a transient failure
    /// counts against it, unless the request's deadline cut the call short (a timeout then
    /// says more about the request than about the provider).
    pub(super) fn report(
        &self,
        ticket: Option<Ticket>,
        result: &Result<ProviderAnswer, UpstreamError>,
        cut_short: bool,
    ) {
        let Some(breaker) = &self.breaker else {
            return;
        };
        match result {
            Err(UpstreamError::Timeout { .. }) if cut_short => {}
            Err(error) if error.is_transient() => {
                if let Some(ticket) = ticket
                    && breaker.failed(ticket)
                {
                    tracing::warn!(
                        provider = self.provider.as_str(),
                        "circuit opened: calls fail fast until a probe answers"
                    );
                }
            }
            _ => breaker.answered(),
        }
    }
}
