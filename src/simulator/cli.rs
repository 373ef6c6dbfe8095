//! `live-commerce-gateway simulate`: the simulator as a standalone server, for pointing
//! a gateway (or curl) at fake providers.

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::Context;
use chrono::{DateTime, Utc};
use tokio::net::TcpListener;

use super::config::{SimulatorConfig, WebhookAuth, WebhookTarget};
use super::latency::Latency;
use super::sim::Simulator;

#[derive(Debug, Clone, clap::Args)]
pub struct SimulateArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:4100")]
    pub listen: SocketAddr,
    /// The APP-ID Caast requests must carry.
    #[arg(long, default_value = "demo-caast-app-id")]
    pub caast_app_id: String,
    /// The APP-KEY Caast requests must carry.
    #[arg(long, default_value = "demo-caast-app-key")]
    pub caast_app_key: String,
    /// The key LiSA requests must present as `Authorization: ApiKey <key>`.
    #[arg(long, default_value = "demo-lisa-api-key")]
    pub lisa_api_key: String,
    /// Where to POST LiSA webhooks (show start/stop).
    #[arg(long)]
    pub webhook_url: Option<url::Url>,
    /// Bearer token for the webhook receiver.
    #[arg(long, requires = "webhook_url", conflicts_with = "webhook_basic")]
    pub webhook_bearer: Option<String>,
    /// Basic credentials for the webhook receiver, as USER:PASSWORD.
    #[arg(long, requires = "webhook_url", value_name = "USER:PASSWORD")]
    pub webhook_basic: Option<String>,
    /// Start and stop a few shows and lives this often, e.g. "20s".
    #[arg(long, value_parser = humantime::parse_duration)]
    pub state_changes_every: Option<Duration>,
    /// The instant seeded dates are relative to (RFC 3339); default: now, to the hour.
    #[arg(long)]
    pub anchor: Option<DateTime<Utc>>,
    /// How far away both providers are: each request waits this long, e.g. "20ms".
    #[arg(long, value_parser = humantime::parse_duration, default_value = "0s")]
    pub latency: Duration,
    /// A random extra wait of up to this long per request, e.g. "10ms".
    #[arg(long, value_parser = humantime::parse_duration, default_value = "0s")]
    pub latency_jitter: Duration,
}

impl SimulateArgs {
    pub fn config(&self) -> anyhow::Result<SimulatorConfig> {
        let defaults = SimulatorConfig::default();
        let webhook = match &self.webhook_url {
            None => None,
            Some(url) => Some(WebhookTarget {
                url: url.clone(),
                auth: self.webhook_auth()?,
            }),
        };
        Ok(SimulatorConfig {
            caast_app_id: self.caast_app_id.clone(),
            caast_app_key: self.caast_app_key.clone(),
            lisa_api_key: self.lisa_api_key.clone(),
            webhook,
            state_changes_every: self.state_changes_every,
            anchor: self.anchor.unwrap_or(defaults.anchor),
            latency: Latency {
                fixed: self.latency,
                jitter: self.latency_jitter,
            },
            ..defaults
        })
    }

    fn webhook_auth(&self) -> anyhow::Result<WebhookAuth> {
        if let Some(token) = &self.webhook_bearer {
            return Ok(WebhookAuth::Bearer(token.clone()));
        }
        let Some(basic) = &self.webhook_basic else {
            return Ok(WebhookAuth::None);
        };
        let (user, password) = basic
            .split_once(':')
            .context("--webhook-basic must be USER:PASSWORD")?;
        Ok(WebhookAuth::Basic {
            user: user.into(),
            password: password.into(),
        })
    }
}

/// Serve until Ctrl-C or SIGTERM, printing where each provider lives.
pub async fn run_standalone(args: SimulateArgs) -> anyhow::Result<()> {
    let config = args.config()?;
    let listener = TcpListener::bind(args.listen)
        .await
        .with_context(|| format!("cannot listen on {}", args.listen))?;
    let running = Simulator::new(config).serve(listener)?;
    println!("Caast simulator: {}", running.caast_url());
    println!("LiSA simulator:  {}", running.lisa_url());
    println!("Control API:     {}_simulator", running.base_url());
    shutdown_signal().await;
    running.shutdown().await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}
