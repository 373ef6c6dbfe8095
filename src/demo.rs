//! The demo: with no provider configured, the gateway runs against the embedded simulator,
//! started on a free loopback port and reached over HTTP through the same clients that talk to
//! real providers. Only the binary uses this; no production module depends on the simulator.

use std::net::SocketAddr;

use secrecy::SecretString;

use crate::config::{CaastConfig, Config, LisaConfig, keys};
use crate::simulator::{RunningSimulator, Simulator, SimulatorConfig, WebhookAuth, WebhookTarget};

/// Starts the simulator and returns the configuration pointed at it. The simulator sends its
/// LiSA webhooks to the gateway at `gateway` (with a bearer token made up for this run, unless
/// webhook credentials are configured), as a LiSA subscription would: shows that start and stop
/// invalidate the cache at once.
pub async fn start(
    mut config: Config,
    gateway: SocketAddr,
) -> std::io::Result<(Config, RunningSimulator)> {
    let webhook = if config.lisa_webhook.is_configured() {
        None
    } else {
        let token = uuid::Uuid::new_v4().to_string();
        config.lisa_webhook.bearer = Some(SecretString::from(token.clone()));
        let mut gateway = gateway;
        if gateway.ip().is_unspecified() {
            gateway.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
        }
        let url = format!("http://{gateway}/internal/webhooks/lisa");
        Some(WebhookTarget {
            url: url.parse().expect("a loopback URL"),
            auth: WebhookAuth::Bearer(token),
        })
    };
    let simulator_config = SimulatorConfig {
        state_changes_every: Some(config.demo_state_changes_every),
        webhook,
        ..SimulatorConfig::default()
    };
    let caast = CaastConfig {
        url: url::Url::parse("http://127.0.0.1/").expect("static URL"),
        app_id: simulator_config.caast_app_id.clone(),
        app_key: SecretString::from(simulator_config.caast_app_key.clone()),
        app_id_header: keys::CAAST_APP_ID_HEADER
            .default
            .parse()
            .expect("static header"),
        app_key_header: keys::CAAST_APP_KEY_HEADER
            .default
            .parse()
            .expect("static header"),
        timeout: default_timeout(),
        min_concurrency: default_concurrency(&keys::CAAST_MIN_CONCURRENCY),
        max_concurrency: default_concurrency(&keys::CAAST_MAX_CONCURRENCY),
        max_response_bytes: default_max_response_bytes(),
    };
    let lisa = LisaConfig {
        url: url::Url::parse("http://127.0.0.1/").expect("static URL"),
        api_key: SecretString::from(simulator_config.lisa_api_key.clone()),
        auth_header: keys::LISA_AUTH_HEADER
            .default
            .parse()
            .expect("static header"),
        auth_scheme: keys::LISA_AUTH_SCHEME.default.to_string(),
        timeout: default_timeout(),
        min_concurrency: default_concurrency(&keys::LISA_MIN_CONCURRENCY),
        max_concurrency: default_concurrency(&keys::LISA_MAX_CONCURRENCY),
        max_response_bytes: default_max_response_bytes(),
    };
    let running = Simulator::spawn(simulator_config).await?;
    config.caast = Some(CaastConfig {
        url: running.caast_url(),
        ..caast
    });
    config.lisa = Some(LisaConfig {
        url: running.lisa_url(),
        ..lisa
    });
    Ok((config, running))
}

fn default_timeout() -> std::time::Duration {
    humantime::parse_duration(keys::CAAST_TIMEOUT.default).expect("the default timeout parses")
}

fn default_max_response_bytes() -> usize {
    let default = keys::PROVIDER_MAX_RESPONSE_BYTES.default;
    crate::config::parse_max_response_bytes(default).expect("the default cap parses")
}

fn default_concurrency(key: &keys::Key) -> usize {
    key.default.parse().expect("static default")
}
