//! The two provider clients (Caast, LiSA) and what they share: the call helper that turns HTTP
//! outcomes into [`UpstreamError`]s, and the health record `/readyz` reads.

pub(crate) mod caast;
mod cached_read;
mod dates;
mod dropped;
mod error;
#[cfg(test)]
mod fuzz_json;
mod health;
mod http;
pub(crate) mod lisa;
pub(crate) mod resilience;
mod tolerant;

pub(crate) use dropped::DroppedItem;
pub(crate) use error::UpstreamError;
pub(crate) use health::ProviderHealth;
pub(crate) use http::{ProviderClient, Variant};

use std::sync::Arc;

use crate::cache::ProviderCache;
use crate::config::Config;

/// The providers the gateway federates. The GraphQL `Provider` enum is its face in the schema
/// (`graphql::provider`).
#[derive(
    serde::Serialize, serde::Deserialize, Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord,
)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    /// Caast: lives, videos, sellers, products.
    Caast,
    /// LiSA: shows, channels, stickers, stories, snippets, short clips.
    Lisa,
}

impl Provider {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Caast => "caast",
            Self::Lisa => "lisa",
        }
    }

    pub(crate) fn display_name(self) -> &'static str {
        match self {
            Self::Caast => "Caast",
            Self::Lisa => "LiSA",
        }
    }
}

impl std::fmt::Display for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.display_name())
    }
}

/// The one HTTP client both providers are called through.
///
/// - No redirects: a redirect would carry the credential headers to wherever it points.
/// - Connections are kept for reuse, as many per host as the providers' concurrency limits may
///   reach together (a provider far away costs a round trip per new connection, three with
///   TLS), and no more: calls past the limits wait for a place, so no idle socket is opened
///   for them. TCP keep-alive finds a connection the network dropped before a call does.
/// - HTTP/2 is used where the provider offers it (ALPN, over TLS): then every call shares one
///   connection, with its flow-control window grown to what the path carries.
fn http_client(config: &Config) -> reqwest::Client {
    let most_in_flight = [
        config.caast.as_ref().map(|c| c.max_concurrency),
        config.lisa.as_ref().map(|c| c.max_concurrency),
    ]
    .into_iter()
    .flatten()
    .sum::<usize>()
    .max(1);
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("live-commerce-gateway/", env!("CARGO_PKG_VERSION")))
        .pool_max_idle_per_host(most_in_flight)
        .pool_idle_timeout(IDLE_CONNECTION_KEPT)
        .tcp_keepalive(TCP_KEEPALIVE)
        .http2_adaptive_window(true)
        .build()
        .expect("the HTTP client's TLS backend initialises")
}

/// How long an unused connection to a provider is kept (reqwest's default, made explicit).
const IDLE_CONNECTION_KEPT: std::time::Duration = std::time::Duration::from_secs(90);
/// How often an idle connection is probed at the TCP level.
const TCP_KEEPALIVE: std::time::Duration = std::time::Duration::from_secs(30);

/// The configured provider clients; a provider that is not configured is `None` and simply
/// contributes nothing.
#[derive(Clone)]
pub(crate) struct Providers {
    pub(crate) caast: Option<caast::CaastClient>,
    pub(crate) lisa: Option<lisa::LisaClient>,
}

impl Providers {
    pub(crate) fn from_config(config: &Config, cache: Option<Arc<ProviderCache>>) -> Self {
        let http = http_client(config);
        Self {
            caast: config
                .caast
                .as_ref()
                .map(|c| caast::CaastClient::new(http.clone(), c, cache.clone())),
            lisa: config
                .lisa
                .as_ref()
                .map(|c| lisa::LisaClient::new(http.clone(), c, cache.clone())),
        }
    }

    /// Copies of the clients as `variant` says: the shared clients with their metrics and
    /// resilience, or one GraphQL request's copies (its trace, its deadline: each call gets
    /// what is left, if less than the provider's timeout; one with no time left is not made).
    pub(crate) fn variant(&self, variant: Variant) -> Self {
        Self {
            caast: self.caast.as_ref().map(|c| c.variant(variant.clone())),
            lisa: self.lisa.as_ref().map(|c| c.variant(variant)),
        }
    }

    /// The health record of each configured provider.
    pub(crate) fn health(&self) -> Vec<(Provider, &ProviderHealth)> {
        let caast = self.caast.as_ref().map(|c| (Provider::Caast, c.health()));
        let lisa = self.lisa.as_ref().map(|c| (Provider::Lisa, c.health()));
        caast.into_iter().chain(lisa).collect()
    }

    /// Asks a provider (not the cache) for its smallest list page, to learn whether it answers.
    pub(crate) async fn probe(&self, provider: Provider) -> bool {
        match provider {
            Provider::Caast => match &self.caast {
                Some(client) => client
                    .variant(Variant::Probe)
                    .lives(&caast::LiveQuery {
                        filter: caast::ContentFilter::default(),
                        state: None,
                        order: caast::LiveOrder::CreatedAtDesc,
                        page: 1,
                    })
                    .await
                    .is_ok(),
                None => false,
            },
            Provider::Lisa => match &self.lisa {
                Some(client) => client
                    .variant(Variant::Probe)
                    .shows(&lisa::ShowQuery {
                        limit: 1,
                        ..Default::default()
                    })
                    .await
                    .is_ok(),
                None => false,
            },
        }
    }
}
