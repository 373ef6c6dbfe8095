//! The gateway's typed configuration, and the only place that reads the environment.
//!
//! Every key has an environment variable and a TOML path (see [`keys`]); the environment wins
//! over the file, the file over the default. A bad value stops start-up with one line naming
//! the key; a secret's value is never echoed.

mod consistency;
mod demo;
pub mod keys;
mod limits;
mod parse;
mod providers;
mod source;
pub mod trusted_documents;

pub use limits::{CorsOrigins, Limits, TrustedMode};
pub(crate) use providers::parse_max_response_bytes;
pub use providers::{CaastConfig, LisaConfig};

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use secrecy::SecretString;

use crate::cache::CachePolicy;
use crate::providers::resilience::ResiliencePolicy;

use keys::Key;
use parse::{
    parse_bool, parse_bytes, parse_duration, parse_from_str, parse_loader_delay, parse_log_filter,
    parse_log_format, parse_secret,
};
use source::{Raw, Sources};

/// The whole configuration, validated.
#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    /// Run on the built-in simulator: forced, or because no provider URL is set.
    pub demo: bool,
    /// How often the demo's shows and lives start and stop.
    pub demo_state_changes_every: Duration,
    pub operator_token: Option<SecretString>,
    pub log: LogConfig,
    /// `None` when Caast is not configured: its items are simply absent from lists.
    pub caast: Option<CaastConfig>,
    /// `None` when LiSA is not configured.
    pub lisa: Option<LisaConfig>,
    pub cache: CachePolicy,
    /// How LiSA's webhooks authenticate to the gateway (none configured: the route is off).
    pub lisa_webhook: WebhookCredentials,
    /// How long a dataloader gathers keys before it sends them.
    pub loader_delay: Duration,
    /// How often the Caast poller reads lives while a subscription may hear one.
    pub caast_poll_interval: Duration,
    pub subscriptions: SubscriptionConfig,
    pub limits: Limits,
    /// How provider calls are retried and broken.
    pub resilience: ResiliencePolicy,
    /// The trusted documents, and whether only they run.
    pub trusted: TrustedMode,
    pub graphiql_assets: GraphiqlAssets,
    /// The Redis replicas share (`None`: one self-contained replica).
    pub redis: Option<RedisConfig>,
}

#[derive(Debug, Clone)]
pub struct RedisConfig {
    /// May hold a password: never logged.
    pub url: SecretString,
    pub prefix: String,
}

/// Where GraphiQL's third-party files come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GraphiqlAssets {
    /// The default folder: used when `npm ci` has filled it, else the CDN.
    Default(PathBuf),
    /// A configured folder, which must hold every file.
    Folder(PathBuf),
    /// The public CDN, asked for (`cdn`).
    Cdn,
}

impl GraphiqlAssets {
    /// The folder to read, if any.
    pub(crate) fn folder(&self) -> Option<&Path> {
        match self {
            Self::Default(dir) | Self::Folder(dir) => Some(dir),
            Self::Cdn => None,
        }
    }
}

/// The subscription transports' timing.
#[derive(Debug, Clone, Copy)]
pub struct SubscriptionConfig {
    /// How often an idle connection is pinged.
    pub keepalive: Duration,
    /// How long a WebSocket may wait before `connection_init`.
    pub init_timeout: Duration,
}

/// The credentials `POST /internal/webhooks/lisa` accepts: a bearer token, basic auth, or both.
#[derive(Clone, Debug, Default)]
pub struct WebhookCredentials {
    pub bearer: Option<SecretString>,
    pub basic: Option<(String, SecretString)>,
}

impl WebhookCredentials {
    pub(crate) fn is_configured(&self) -> bool {
        self.bearer.is_some() || self.basic.is_some()
    }
}

#[derive(Debug, Clone)]
pub struct LogConfig {
    pub filter: String,
    pub format: LogFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// A configuration key with a bad or missing value; `Display` is the one line start-up prints.
#[derive(Debug, thiserror::Error)]
#[error("configuration error: {key}: {message}")]
pub struct ConfigError {
    pub(crate) key: String,
    pub(crate) message: String,
}

impl ConfigError {
    fn new(key: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            message: message.into(),
        }
    }
}

impl Config {
    /// Loads from the process environment (and the file `GATEWAY_CONFIG` names).
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::load(std::env::vars().collect())
    }

    /// Loads from the given environment; tests pass their own map.
    pub fn load(env: HashMap<String, String>) -> Result<Self, ConfigError> {
        let sources = Sources::new(env)?;
        let caast = providers::caast_config(&sources)?;
        let lisa = providers::lisa_config(&sources)?;
        let demo = demo::demo_mode(&sources, caast.is_some() || lisa.is_some())?;
        let timeouts = consistency::provider_timeouts(caast.as_ref(), lisa.as_ref());
        let limits = limits::limits(&sources, &timeouts)?;
        Ok(Self {
            listen: parse_or(&sources, &keys::LISTEN, parse_from_str)?,
            demo,
            demo_state_changes_every: parse_or(
                &sources,
                &keys::DEMO_STATE_CHANGES_EVERY,
                parse_duration,
            )?,
            operator_token: optional(&sources, &keys::OPERATOR_TOKEN, parse_secret)?,
            log: LogConfig {
                filter: parse_or(&sources, &keys::LOG_FILTER, parse_log_filter)?,
                format: parse_or(&sources, &keys::LOG_FORMAT, parse_log_format)?,
            },
            caast,
            lisa,
            cache: cache_policy(&sources)?,
            lisa_webhook: webhook_credentials(&sources)?,
            loader_delay: parse_or(&sources, &keys::LOADER_DELAY, parse_loader_delay)?,
            caast_poll_interval: parse_or(&sources, &keys::CAAST_POLL_INTERVAL, parse_duration)?,
            limits,
            resilience: limits::resilience(&sources)?,
            trusted: limits::trusted_documents(&sources)?,
            subscriptions: SubscriptionConfig {
                keepalive: parse_or(&sources, &keys::SUBSCRIPTION_KEEPALIVE, parse_duration)?,
                init_timeout: parse_or(&sources, &keys::SUBSCRIPTION_INIT_TIMEOUT, parse_duration)?,
            },
            graphiql_assets: graphiql_assets(&sources)?,
            redis: match optional(&sources, &keys::REDIS_URL, parse_secret)? {
                Some(url) => Some(RedisConfig {
                    url,
                    prefix: parse_or(&sources, &keys::REDIS_PREFIX, |t| Ok(t.to_string()))?,
                }),
                None => None,
            },
        })
    }
}

fn webhook_credentials(sources: &Sources) -> Result<WebhookCredentials, ConfigError> {
    let user = optional(sources, &keys::LISA_WEBHOOK_USER, |t| Ok(t.to_string()))?;
    let basic = match user {
        Some(user) => Some((
            user,
            required(
                sources,
                &keys::LISA_WEBHOOK_PASSWORD,
                &keys::LISA_WEBHOOK_USER,
                parse_secret,
            )?,
        )),
        None if optional(sources, &keys::LISA_WEBHOOK_PASSWORD, parse_secret)?.is_some() => {
            return Err(ConfigError::new(
                keys::LISA_WEBHOOK_PASSWORD.env,
                format!("needs {} as well", keys::LISA_WEBHOOK_USER.env),
            ));
        }
        None => None,
    };
    Ok(WebhookCredentials {
        bearer: optional(sources, &keys::LISA_WEBHOOK_TOKEN, parse_secret)?,
        basic,
    })
}

/// A configured folder must hold GraphiQL's files: a typo would otherwise go unnoticed until
/// the page needs the internet.
fn graphiql_assets(sources: &Sources) -> Result<GraphiqlAssets, ConfigError> {
    let key = &keys::GRAPHIQL_ASSETS;
    let Some(text) = optional(sources, key, |t| Ok(t.to_string()))? else {
        return Ok(GraphiqlAssets::Default(PathBuf::from(key.default)));
    };
    if text == "cdn" {
        return Ok(GraphiqlAssets::Cdn);
    }
    let dir = PathBuf::from(text);
    match crate::http::graphiql::assets::missing(&dir).first() {
        Some(missing) => Err(ConfigError::new(
            key.env,
            format!(
                "{} is missing (run `npm ci` in web/graphiql, or set `cdn`)",
                missing.display()
            ),
        )),
        None => Ok(GraphiqlAssets::Folder(dir)),
    }
}

fn cache_policy(sources: &Sources) -> Result<CachePolicy, ConfigError> {
    Ok(CachePolicy {
        max_bytes: parse_or(sources, &keys::CACHE_MAX_BYTES, parse_bytes)?,
        entity_ttl: parse_or(sources, &keys::CACHE_TTL_ENTITY, parse_duration)?,
        list_ttl: parse_or(sources, &keys::CACHE_TTL_LIST, parse_duration)?,
        live_state_ttl: parse_or(sources, &keys::CACHE_TTL_LIVE, parse_duration)?,
        stale_grace: parse_or(sources, &keys::CACHE_STALE_GRACE, parse_duration)?,
        response_max_bytes: match parse_or(sources, &keys::RESPONSE_CACHE, parse_bool)? {
            true => parse_or(sources, &keys::RESPONSE_CACHE_MAX_BYTES, parse_bytes)?,
            false => 0,
        },
    })
}

type Parser<T> = fn(&str) -> Result<T, String>;

/// The key's value, or `None` when it is unset or empty.
fn optional<T>(sources: &Sources, key: &Key, parse: Parser<T>) -> Result<Option<T>, ConfigError> {
    let Some(raw) = sources.get(key).filter(|raw| !raw.text.trim().is_empty()) else {
        return Ok(None);
    };
    parse_raw(key, &raw, parse).map(Some)
}

/// The key's value, or its default.
fn parse_or<T>(sources: &Sources, key: &Key, parse: Parser<T>) -> Result<T, ConfigError> {
    match optional(sources, key, parse)? {
        Some(value) => Ok(value),
        None => parse(key.default)
            .map_err(|message| ConfigError::new(key.env, format!("bad default: {message}"))),
    }
}

/// The key's value, which must be set because `because` is.
fn required<T>(
    sources: &Sources,
    key: &Key,
    because: &Key,
    parse: Parser<T>,
) -> Result<T, ConfigError> {
    optional(sources, key, parse)?
        .ok_or_else(|| ConfigError::new(key.env, format!("required when {} is set", because.env)))
}

fn parse_raw<T>(key: &Key, raw: &Raw, parse: Parser<T>) -> Result<T, ConfigError> {
    parse(raw.text.trim()).map_err(|message| {
        let shown = if key.secret {
            String::new()
        } else {
            format!(" (got {:?})", raw.text)
        };
        ConfigError::new(&raw.origin, format!("{message}{shown}"))
    })
}

#[cfg(test)]
mod tests;
