//! Items of a provider's answer that could not be read (see `tolerant.rs`) and were left out.
//!
//! Each is counted and logged once, when its answer is decoded, and travels with the decoded
//! answer (so also out of the provider cache): every request that uses the answer records it
//! in its trace, and the request's answer carries one `UPSTREAM_BAD_RESPONSE` error per item,
//! naming the provider and where the item was in the provider's answer (that error is written
//! in `graphql::resolver::upstream_errors`, with the GraphQL library).

use super::Provider;
use super::http::UpstreamHttp;

/// One item left out of a provider's answer.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DroppedItem {
    pub(crate) provider: Provider,
    /// The provider operation that answered it (`shows.find`, `lives.list`…).
    pub(crate) operation: &'static str,
    /// Where it was in the answer (`items[3]`, `data[0]`).
    pub(crate) at: String,
    /// Why it could not be read (a fixed sentence: never the provider's text).
    pub(crate) reason: &'static str,
}

impl UpstreamHttp {
    /// Counts the items left out of one answer just decoded, and logs them in one line.
    pub(crate) fn count_dropped(&self, dropped: &[DroppedItem]) {
        let Some(first) = dropped.first() else {
            return;
        };
        tracing::warn!(
            provider = first.provider.as_str(),
            operation = first.operation,
            dropped = dropped.len(),
            first_at = first.at.as_str(),
            first_reason = first.reason,
            "items of a provider answer cannot be read; they are left out"
        );
        if let Some(metrics) = &self.metrics {
            for item in dropped {
                metrics.dropped_item(item.provider.as_str(), item.operation);
            }
        }
    }
}
