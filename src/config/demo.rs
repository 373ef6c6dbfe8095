//! Whether the gateway runs on its built-in simulated providers (the demo). A deployment that
//! forgets a provider setting must not quietly serve simulated data: the demo runs only when
//! `GATEWAY_DEMO=true` asks for it, or when no provider setting at all is given (a first
//! `cargo run`). `GATEWAY_DEMO=false`, which `deploy/` sets, turns a missing provider into a
//! start-up error, and so does a provider's credentials given without its URL.

use super::keys::{self, Key};
use super::parse::parse_bool;
use super::source::Sources;
use super::{ConfigError, optional};

/// Each provider's URL, and the credentials that mean its URL was meant to be set too.
const PROVIDERS: [(&Key, &[&Key]); 2] = [
    (
        &keys::CAAST_URL,
        &[&keys::CAAST_APP_ID, &keys::CAAST_APP_KEY],
    ),
    (&keys::LISA_URL, &[&keys::LISA_API_KEY]),
];

/// Decides the demo from `GATEWAY_DEMO` and from whether any provider is configured.
pub(super) fn demo_mode(sources: &Sources, any_provider: bool) -> Result<bool, ConfigError> {
    let asked = optional(sources, &keys::DEMO, parse_bool)?;
    if asked == Some(true) {
        return Ok(true);
    }
    if let Some(error) = credentials_without_url(sources) {
        return Err(error);
    }
    match (asked, any_provider) {
        (_, true) => Ok(false),
        (None, false) => Ok(true),
        (Some(_), false) => Err(ConfigError::new(
            keys::DEMO.env,
            format!(
                "is false and no provider is configured: set {} or {} (with their credentials)",
                keys::CAAST_URL.env,
                keys::LISA_URL.env
            ),
        )),
    }
}

/// A provider whose credentials are set but whose URL is not: the URL was forgotten.
fn credentials_without_url(sources: &Sources) -> Option<ConfigError> {
    PROVIDERS.iter().find_map(|(url, credentials)| {
        let given = credentials.iter().find(|key| sources.get(key).is_some())?;
        sources.get(url).is_none().then(|| {
            ConfigError::new(
                url.env,
                format!(
                    "is unset while {} is set: the provider would be off",
                    given.env
                ),
            )
        })
    })
}
