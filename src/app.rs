//! The application: built from a configuration, bound to its listener, served until a shutdown
//! signal. `build` binds before it returns so tests can ask for port 0 and read the real port.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::sync::watch;

use secrecy::ExposeSecret;

use crate::cache::ProviderCache;
use crate::cluster::Cluster;
use crate::config::{Config, GraphiqlAssets};
use crate::events::Events;
use crate::events::caast_poller::CaastPoller;
use crate::graphql::build_schema;
use crate::graphql::execution::{Documents, Executor, Parts};
use crate::http::graphiql::assets::Assets;
use crate::http::persisted_queries::PersistedQueries;
use crate::http::{AppState, Shared, router};
use crate::metrics::Metrics;
use crate::providers::{Providers, Variant};

pub struct Application {
    listener: TcpListener,
    state: AppState,
    /// Tells open streams the gateway is shutting down.
    closing: watch::Sender<bool>,
    /// Completed readings of the Caast poller (none when Caast is not configured).
    caast_poll_rounds: Option<watch::Receiver<u64>>,
}

impl Application {
    /// Binds `config.listen` and wires providers, schema and routes.
    pub async fn build(config: &Config) -> std::io::Result<Self> {
        let listener = TcpListener::bind(config.listen).await?;
        Self::build_on(listener, config).await
    }

    /// Like [`Self::build`], on a listener already bound (its address can then be given to
    /// whoever must call the gateway back, e.g. a webhook sender, before the gateway exists).
    /// With Redis configured it joins the other replicas first, and fails when Redis cannot be
    /// reached.
    pub async fn build_on(listener: TcpListener, config: &Config) -> std::io::Result<Self> {
        let cache = Arc::new(ProviderCache::new(config.cache.clone()));
        let (cluster, events) = match &config.redis {
            Some(redis) => {
                let url = redis.url.expose_secret();
                let (cluster, events) = Cluster::join(url, &redis.prefix, &cache)
                    .await
                    .map_err(std::io::Error::other)?;
                tracing::info!(prefix = redis.prefix, "joined the replicas sharing Redis");
                (Some(cluster), events)
            }
            None => (None, Events::default()),
        };
        let metrics = Arc::new(Metrics::new(cache.clone(), events.clone()));
        let providers = Providers::from_config(config, Some(cache.clone()))
            .variant(Variant::Resilience(config.resilience))
            .variant(Variant::Metrics(metrics.providers.clone()));
        let schema = build_schema(events.clone(), &config.limits);
        let caast_poll_rounds = providers.caast.as_ref().map(|client| {
            let interval = config.caast_poll_interval;
            let lease = cluster.as_ref().map(|c| c.poller_lease(interval));
            CaastPoller::spawn(client, events.clone(), cache.clone(), interval, lease)
        });
        let (closing, closing_seen) = watch::channel(false);
        let limits = Arc::new(config.limits.clone());
        Ok(Self {
            listener,
            closing,
            state: AppState::new(Shared {
                executor: Executor::new(Parts {
                    schema,
                    providers: providers.clone(),
                    cache: cache.clone(),
                    limits: limits.clone(),
                    loader_delay: config.loader_delay,
                    metrics: metrics.clone(),
                    operator_token: config.operator_token.clone(),
                    documents: Documents::default(),
                    events: events.clone(),
                    groups: Arc::default(),
                }),
                providers,
                cache,
                persisted_queries: Arc::new(PersistedQueries::new(config.trusted.clone())),
                webhook_credentials: config.lisa_webhook.clone(),
                seen_events: Arc::default(),
                sse_streams: Arc::default(),
                events,
                subscriptions: config.subscriptions,
                closing: closing_seen,
                metrics,
                limits,
                graphiql: graphiql_assets(&config.graphiql_assets),
                cluster,
            }),
            caast_poll_rounds,
        })
    }

    /// The provider-answer cache (tests read its counters and weight).
    pub fn cache(&self) -> Arc<ProviderCache> {
        self.state.cache.clone()
    }

    /// The bus show start/stop events are published on.
    pub fn events(&self) -> Events {
        self.state.events.clone()
    }

    /// Counts the Caast poller's completed readings (tests wait for its baseline).
    pub fn caast_poll_rounds(&self) -> Option<watch::Receiver<u64>> {
        self.caast_poll_rounds.clone()
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// Serves until `shutdown` completes, then lets in-flight requests finish.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let closing = self.closing;
        let shutdown = async move {
            shutdown.await;
            // Subscriptions never end by themselves: end them, or the graceful shutdown waits.
            closing.send_replace(true);
        };
        axum::serve(self.listener, router(self.state))
            .with_graceful_shutdown(shutdown)
            .await
    }
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown signal received, finishing in-flight requests");
}

/// GraphiQL's files, and a line saying where the page will load them from.
fn graphiql_assets(configured: &GraphiqlAssets) -> Assets {
    let assets = Assets::load(configured.folder());
    match (assets.local, configured.folder()) {
        (true, Some(dir)) => {
            tracing::info!(folder = %dir.display(), "GraphiQL's files are served by the gateway")
        }
        (false, Some(dir)) => tracing::warn!(
            folder = %dir.display(),
            "GraphiQL's files are not installed there (run `npm ci` in web/graphiql): the GraphiQL page loads them from https://unpkg.com"
        ),
        (_, None) => tracing::info!(
            "the GraphiQL page loads its files from https://unpkg.com, as configured"
        ),
    }
    assets
}
