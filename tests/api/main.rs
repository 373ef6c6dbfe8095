//! Integration tests: the simulator and the gateway on random loopback ports, talking HTTP.

mod caast_reads;
mod caast_writes;
mod cache;
mod config;
mod helpers;
mod http;
mod http_caching;
mod lisa_channels;
mod lisa_clips;
mod lisa_coverage;
mod lisa_paging;
mod lisa_products;
mod lisa_reads;
mod lisa_snippets;
mod lisa_stickers;
mod lisa_stories;
mod lisa_webhooks;
mod live_contents;
mod merged_paging;
mod node;
mod partial_failure;
mod request_counts;
mod schema;
mod webhook_receiver;
