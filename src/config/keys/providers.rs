//! The keys that reach the providers: where Caast and LiSA are, how the gateway authenticates to
//! them, how long and how many calls it may make, and how LiSA's webhooks authenticate to it.

use super::{Key, key, secret};

pub(crate) const CAAST_URL: Key = key(
    "GATEWAY_CAAST_URL",
    "caast.url",
    "",
    "Caast base URL, e.g. https://api.caast.tv/v1 (unset: Caast is off).",
);
pub(crate) const CAAST_APP_ID: Key = key(
    "GATEWAY_CAAST_APP_ID",
    "caast.app_id",
    "",
    "Caast application id (required with the URL).",
);
pub(crate) const CAAST_APP_KEY: Key = secret(
    "GATEWAY_CAAST_APP_KEY",
    "caast.app_key",
    "Caast application key (required with the URL).",
);
pub(crate) const CAAST_APP_ID_HEADER: Key = key(
    "GATEWAY_CAAST_APP_ID_HEADER",
    "caast.app_id_header",
    "APP-ID",
    "Header carrying the Caast app id.",
);
pub(crate) const CAAST_APP_KEY_HEADER: Key = key(
    "GATEWAY_CAAST_APP_KEY_HEADER",
    "caast.app_key_header",
    "APP-KEY",
    "Header carrying the Caast app key.",
);
pub(crate) const CAAST_TIMEOUT: Key = key(
    "GATEWAY_CAAST_TIMEOUT",
    "caast.timeout",
    "5s",
    "Timeout of one Caast call.",
);

pub(crate) const CAAST_MIN_CONCURRENCY: Key = key(
    "GATEWAY_CAAST_MIN_CONCURRENCY",
    "caast.min_concurrency",
    "4",
    "Least Caast calls in flight at once that the learnt limit keeps (1 to 1024).",
);
pub(crate) const CAAST_MAX_CONCURRENCY: Key = key(
    "GATEWAY_CAAST_MAX_CONCURRENCY",
    "caast.max_concurrency",
    "128",
    "Most Caast calls in flight at once, across all requests (1 to 1024): the limit is learnt between the two.",
);

pub(crate) const LISA_URL: Key = key(
    "GATEWAY_LISA_URL",
    "lisa.url",
    "",
    "LiSA base URL, e.g. https://api.hello-lisa.com/v1 (unset: LiSA is off).",
);
pub(crate) const LISA_API_KEY: Key = secret(
    "GATEWAY_LISA_API_KEY",
    "lisa.api_key",
    "LiSA API key (required with the URL).",
);
pub(crate) const LISA_AUTH_HEADER: Key = key(
    "GATEWAY_LISA_AUTH_HEADER",
    "lisa.auth_header",
    "Authorization",
    "Header carrying the LiSA API key.",
);
pub(crate) const LISA_AUTH_SCHEME: Key = key(
    "GATEWAY_LISA_AUTH_SCHEME",
    "lisa.auth_scheme",
    "ApiKey",
    "Scheme written before the LiSA key in that header (`none`: the bare key).",
);
pub(crate) const LISA_TIMEOUT: Key = key(
    "GATEWAY_LISA_TIMEOUT",
    "lisa.timeout",
    "5s",
    "Timeout of one LiSA call.",
);

pub(crate) const LISA_MIN_CONCURRENCY: Key = key(
    "GATEWAY_LISA_MIN_CONCURRENCY",
    "lisa.min_concurrency",
    "4",
    "Least LiSA calls in flight at once that the learnt limit keeps (1 to 1024).",
);
pub(crate) const LISA_MAX_CONCURRENCY: Key = key(
    "GATEWAY_LISA_MAX_CONCURRENCY",
    "lisa.max_concurrency",
    "128",
    "Most LiSA calls in flight at once, across all requests (1 to 1024): the limit is learnt between the two.",
);

/// 4 MiB: LiSA's largest page (250 shows, every text in every language) is about 1 MiB, so
/// four times that is room to grow. The calls in flight at once (the learnt limit, at most 128
/// per provider by default) could then hold 1 GiB of answers at the very worst; answers are
/// mostly kilobytes.
pub(crate) const PROVIDER_MAX_RESPONSE_BYTES: Key = key(
    "GATEWAY_PROVIDER_MAX_RESPONSE_BYTES",
    "providers.max_response_bytes",
    "4MiB",
    "Largest answer body read from a provider (larger: the read stops, UPSTREAM_BAD_RESPONSE).",
);

pub(crate) const LISA_WEBHOOK_TOKEN: Key = secret(
    "GATEWAY_LISA_WEBHOOK_TOKEN",
    "lisa.webhook_token",
    "Bearer token LiSA's webhook subscription sends to /internal/webhooks/lisa.",
);
pub(crate) const LISA_WEBHOOK_USER: Key = key(
    "GATEWAY_LISA_WEBHOOK_USER",
    "lisa.webhook_user",
    "",
    "Basic-auth user LiSA's webhooks send instead (with the password below).",
);
pub(crate) const LISA_WEBHOOK_PASSWORD: Key = secret(
    "GATEWAY_LISA_WEBHOOK_PASSWORD",
    "lisa.webhook_password",
    "Basic-auth password of LiSA's webhooks (neither this nor the token set: the route is off).",
);
