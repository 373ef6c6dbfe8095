//! Metrics read at each scrape from what already counts them: both caches' counters and
//! weights, and the open subscriptions.

use std::sync::Arc;

use prometheus_client::collector::Collector;
use prometheus_client::encoding::{DescriptorEncoder, EncodeMetric};
use prometheus_client::metrics::counter::ConstCounter;
use prometheus_client::metrics::gauge::ConstGauge;

use crate::cache::ProviderCache;
use crate::events::Events;

pub(crate) struct StateCollector {
    pub(crate) cache: Arc<ProviderCache>,
    pub(crate) events: Events,
}

impl std::fmt::Debug for StateCollector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StateCollector").finish_non_exhaustive()
    }
}

impl Collector for StateCollector {
    fn encode(&self, mut encoder: DescriptorEncoder) -> Result<(), std::fmt::Error> {
        let counts = self.cache.counts();
        let responses = self
            .cache
            .responses()
            .map(|r| r.counts())
            .unwrap_or_default();
        let counters = [
            (
                "subscription_executions",
                "Subscription results executed, once per event for each group that passed it on",
                self.events.subscribers().executions(),
            ),
            (
                "cache_hits",
                "Reads answered by a fresh cache entry",
                counts.hits,
            ),
            (
                "cache_misses",
                "Reads that called the provider",
                counts.misses,
            ),
            (
                "cache_stale_answers",
                "Reads answered past their TTL because the provider failed",
                counts.stale_answers,
            ),
            (
                "cache_evictions",
                "Entries dropped to stay under the weight bound",
                counts.evictions,
            ),
            (
                "cache_invalidations",
                "Entries removed by webhooks, mutations and operators",
                counts.invalidations,
            ),
            (
                "response_cache_hits",
                "Queries answered by a kept whole answer, without execution",
                responses.hits,
            ),
            (
                "response_cache_misses",
                "Queries executed because no whole answer was kept",
                responses.misses,
            ),
            (
                "response_cache_coalesced",
                "Queries that waited for an identical query's execution",
                responses.coalesced,
            ),
            (
                "response_cache_stored",
                "Whole answers kept after execution",
                responses.stored,
            ),
            (
                "response_cache_not_stored",
                "Whole answers not kept (errors, uncacheable data, invalidated meanwhile)",
                responses.not_stored,
            ),
            (
                "response_cache_invalidations",
                "Whole answers removed by invalidations",
                responses.invalidations,
            ),
            (
                "response_cache_evictions",
                "Whole answers dropped to stay under the weight bound",
                responses.evictions,
            ),
        ];
        for (name, help, value) in counters {
            let counter = ConstCounter::new(value);
            counter.encode(encoder.encode_descriptor(
                name,
                help,
                None,
                counter.metric_type(),
            )?)?;
        }
        let gauges = [
            (
                "cache_weight_bytes",
                "The cache's current weight",
                self.cache.weight_now() as i64,
            ),
            (
                "response_cache_weight_bytes",
                "The response cache's current weight",
                self.cache.responses().map_or(0, |r| r.weight_now()) as i64,
            ),
            (
                "subscriptions_open",
                "Open GraphQL subscriptions",
                self.events.subscribers().count() as i64,
            ),
            (
                "subscription_groups",
                "Groups of open subscriptions that asked the same thing, each executing every event once",
                self.events.subscribers().groups() as i64,
            ),
        ];
        for (name, help, value) in gauges {
            let gauge = ConstGauge::new(value);
            gauge.encode(encoder.encode_descriptor(name, help, None, gauge.metric_type())?)?;
        }
        Ok(())
    }
}
