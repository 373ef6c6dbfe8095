//! The rules between settings, which no one key's parser can check: the request's timeout must
//! outlast every provider's, and a provider's least calls at once may not exceed its most.
//! [`Config::load`] applies them as it reads the keys; [`Config::check`] applies the same rules
//! to a configuration built or changed in code, as the tests build theirs.

use std::time::Duration;

use super::keys::{self, Key};
use super::{CaastConfig, Config, ConfigError, LisaConfig};

impl Config {
    /// Whether the settings agree with each other, by the rules `load` applies.
    pub fn check(&self) -> Result<(), ConfigError> {
        let timeouts = provider_timeouts(self.caast.as_ref(), self.lisa.as_ref());
        check_request_timeout(self.limits.request_timeout, &timeouts)?;
        if let Some(caast) = &self.caast {
            check_concurrency(
                (&keys::CAAST_MIN_CONCURRENCY, caast.min_concurrency),
                (&keys::CAAST_MAX_CONCURRENCY, caast.max_concurrency),
            )?;
        }
        if let Some(lisa) = &self.lisa {
            check_concurrency(
                (&keys::LISA_MIN_CONCURRENCY, lisa.min_concurrency),
                (&keys::LISA_MAX_CONCURRENCY, lisa.max_concurrency),
            )?;
        }
        Ok(())
    }
}

/// The timeout of each configured provider, with the key that sets it.
pub(super) fn provider_timeouts(
    caast: Option<&CaastConfig>,
    lisa: Option<&LisaConfig>,
) -> Vec<(&'static Key, Duration)> {
    [
        caast.map(|c| (&keys::CAAST_TIMEOUT, c.timeout)),
        lisa.map(|c| (&keys::LISA_TIMEOUT, c.timeout)),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The request's timeout must be longer than every provider's, so a slow provider costs only
/// its part of an answer.
pub(super) fn check_request_timeout(
    request_timeout: Duration,
    provider_timeouts: &[(&Key, Duration)],
) -> Result<(), ConfigError> {
    for (key, timeout) in provider_timeouts {
        if request_timeout <= *timeout {
            return Err(ConfigError::new(
                keys::REQUEST_TIMEOUT.env,
                format!(
                    "must be longer than {} ({timeout:?}), so a slow provider costs only its part of an answer",
                    key.env
                ),
            ));
        }
    }
    Ok(())
}

/// A provider's least calls at once may not exceed its most.
pub(super) fn check_concurrency(
    (min_key, min): (&Key, usize),
    (max_key, max): (&Key, usize),
) -> Result<(), ConfigError> {
    if min > max {
        let message = format!("{min} is more than {} ({max})", max_key.env);
        return Err(ConfigError::new(min_key.env, message));
    }
    Ok(())
}
