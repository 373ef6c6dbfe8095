//! Every configuration key, once: its environment name, its TOML path, its default and what it
//! does. Loading, validation messages and `--help` all read this table, so they cannot drift.

/// One configuration key.
pub struct Key {
    /// The environment variable (fixed: deployments and test harnesses rely on these names).
    pub env: &'static str,
    /// The dotted path of the same key in the TOML file (`[caast] url = …` is `caast.url`).
    pub toml: &'static str,
    /// The default, as shown in `--help` (empty when there is none).
    pub(crate) default: &'static str,
    /// A secret is never printed, not even in an error about its own value.
    pub(crate) secret: bool,
    pub(crate) help: &'static str,
}

mod providers;

pub(crate) use providers::*;

const fn key(
    env: &'static str,
    toml: &'static str,
    default: &'static str,
    help: &'static str,
) -> Key {
    Key {
        env,
        toml,
        default,
        secret: false,
        help,
    }
}

const fn secret(env: &'static str, toml: &'static str, help: &'static str) -> Key {
    Key {
        env,
        toml,
        default: "",
        secret: true,
        help,
    }
}

pub(crate) const LISTEN: Key = key(
    "GATEWAY_LISTEN",
    "listen",
    "127.0.0.1:4000",
    "Address the gateway listens on.",
);
pub(crate) const CONFIG: Key = key(
    "GATEWAY_CONFIG",
    "",
    "",
    "Path of an optional TOML file holding any key below (environment wins).",
);
pub(crate) const DEMO: Key = key(
    "GATEWAY_DEMO",
    "demo",
    "",
    "`true` runs on the built-in simulated providers. Unset: the demo runs only when no provider setting is given at all. `false`: a missing provider stops start-up.",
);
pub(crate) const OPERATOR_TOKEN: Key = secret(
    "GATEWAY_OPERATOR_TOKEN",
    "operator_token",
    "Bearer token that unlocks mutations and secret fields (unset: nobody is an operator).",
);
pub(crate) const LOG_FILTER: Key = key(
    "RUST_LOG",
    "log.filter",
    "info",
    "Log filter, in tracing's EnvFilter syntax.",
);
pub(crate) const LOG_FORMAT: Key = key(
    "GATEWAY_LOG_FORMAT",
    "log.format",
    "text",
    "`text` or `json`.",
);

pub(crate) const CACHE_MAX_BYTES: Key = key(
    "GATEWAY_CACHE_MAX_BYTES",
    "cache.max_bytes",
    "256MiB",
    "Bound of the provider-answer cache, in bytes (a number, or with KiB, MiB or GiB).",
);
pub(crate) const CACHE_TTL_ENTITY: Key = key(
    "GATEWAY_CACHE_TTL_ENTITY",
    "cache.ttl_entity",
    "60s",
    "How long one item read by id stays fresh.",
);
pub(crate) const CACHE_TTL_LIST: Key = key(
    "GATEWAY_CACHE_TTL_LIST",
    "cache.ttl_list",
    "15s",
    "How long a list page or a count stays fresh.",
);
pub(crate) const CACHE_TTL_LIVE: Key = key(
    "GATEWAY_CACHE_TTL_LIVE",
    "cache.ttl_live",
    "5s",
    "How long anything about Caast lives stays fresh (their state changes with no webhook).",
);
pub(crate) const CACHE_STALE_GRACE: Key = key(
    "GATEWAY_CACHE_STALE_GRACE",
    "cache.stale_grace",
    "60s",
    "How long past its TTL an answer may still be served while its provider fails.",
);
pub(crate) const RESPONSE_CACHE: Key = key(
    "GATEWAY_RESPONSE_CACHE",
    "cache.responses",
    "true",
    "`false` turns off the whole-answer cache in front of execution (it is also off when the provider-answer cache is).",
);
pub(crate) const RESPONSE_CACHE_MAX_BYTES: Key = key(
    "GATEWAY_RESPONSE_CACHE_MAX_BYTES",
    "cache.response_max_bytes",
    "64MiB",
    "Bound of the whole-answer cache, in bytes (bodies, keys and tags; 0: off).",
);

pub(crate) const REDIS_URL: Key = secret(
    "GATEWAY_REDIS_URL",
    "redis.url",
    "Redis that replicas share invalidations, events and webhook ids through (unset: one self-contained replica).",
);
pub(crate) const REDIS_PREFIX: Key = key(
    "GATEWAY_REDIS_PREFIX",
    "redis.prefix",
    "lcg",
    "Prefix of the cluster's Redis keys and channels (replicas sharing it are one gateway).",
);

pub(crate) const GRAPHIQL_ASSETS: Key = key(
    "GATEWAY_GRAPHIQL_ASSETS",
    "graphiql_assets",
    "web/graphiql/node_modules",
    "Folder holding GraphiQL's files (`npm ci` in web/graphiql fills the default); without them the page loads them from unpkg.com, as it does with `cdn`.",
);

pub(crate) const LOADER_DELAY: Key = key(
    "GATEWAY_LOADER_DELAY",
    "loader_delay",
    "200us",
    "How long a dataloader waits to gather keys before it sends a batch (see docs/architecture.md, batching).",
);

pub(crate) const CAAST_POLL_INTERVAL: Key = key(
    "GATEWAY_CAAST_POLL_INTERVAL",
    "caast.poll_interval",
    "10s",
    "How often Caast lives are read for starts and stops, while a subscription may hear a Caast live (Caast sends no webhooks).",
);

pub(crate) const SUBSCRIPTION_KEEPALIVE: Key = key(
    "GATEWAY_SUBSCRIPTION_KEEPALIVE",
    "subscriptions.keepalive",
    "12s",
    "How often an idle WebSocket or SSE connection is pinged, so proxies keep it open.",
);
pub(crate) const SUBSCRIPTION_INIT_TIMEOUT: Key = key(
    "GATEWAY_SUBSCRIPTION_INIT_TIMEOUT",
    "subscriptions.init_timeout",
    "10s",
    "How long a WebSocket may stay open without `connection_init` before it is closed (4408).",
);

pub(crate) const MAX_DEPTH: Key = key(
    "GATEWAY_MAX_DEPTH",
    "limits.max_depth",
    "16",
    "Deepest selection a document may have (deeper: QUERY_TOO_DEEP).",
);
pub(crate) const MAX_COMPLEXITY: Key = key(
    "GATEWAY_MAX_COMPLEXITY",
    "limits.max_complexity",
    "20000",
    "Most work a document may ask for; a list costs its page size times its selection (more: QUERY_TOO_COMPLEX).",
);
pub(crate) const MAX_ALIASES: Key = key(
    "GATEWAY_MAX_ALIASES",
    "limits.max_aliases",
    "30",
    "Most aliased fields a document may have (more: TOO_MANY_ALIASES).",
);
pub(crate) const MAX_BATCH: Key = key(
    "GATEWAY_MAX_BATCH",
    "limits.max_batch",
    "10",
    "Most operations one batched request (a JSON array, as Apollo's BatchHttpLink sends) may hold; each is limited as if it came alone.",
);
pub(crate) const INTROSPECTION: Key = key(
    "GATEWAY_INTROSPECTION",
    "limits.introspection",
    "true",
    "`false` refuses `__schema` and `__type` (INTROSPECTION_DISABLED).",
);
pub(crate) const REQUEST_TIMEOUT: Key = key(
    "GATEWAY_REQUEST_TIMEOUT",
    "limits.request_timeout",
    "10s",
    "Longest a GraphQL request may run (then REQUEST_TIMEOUT, 504); must exceed the provider timeouts, so a slow provider costs only its part of an answer.",
);
pub(crate) const CORS_ORIGINS: Key = key(
    "GATEWAY_CORS_ORIGINS",
    "cors_origins",
    "",
    "Browser origins allowed to call the gateway, comma separated (`*`: any; unset: no CORS headers).",
);

pub(crate) const PROVIDER_RETRIES: Key = key(
    "GATEWAY_PROVIDER_RETRIES",
    "providers.retries",
    "2",
    "Extra attempts of a provider read that got no answer or a 5xx (writes and timeouts are never retried).",
);
pub(crate) const PROVIDER_RETRY_BACKOFF: Key = key(
    "GATEWAY_PROVIDER_RETRY_BACKOFF",
    "providers.retry_backoff",
    "50ms",
    "The wait before the first retry; each next one waits twice as long.",
);
pub(crate) const CIRCUIT_FAILURES: Key = key(
    "GATEWAY_CIRCUIT_FAILURES",
    "providers.circuit_failures",
    "5",
    "Consecutive failed calls to a provider that open its circuit (calls then fail fast: UPSTREAM_CIRCUIT_OPEN).",
);
pub(crate) const CIRCUIT_COOLDOWN: Key = key(
    "GATEWAY_CIRCUIT_COOLDOWN",
    "providers.circuit_cooldown",
    "1s",
    "While a circuit is open, how often one call may try the provider (its first answer closes the circuit).",
);

pub(crate) const TRUSTED_DOCUMENTS: Key = key(
    "GATEWAY_TRUSTED_DOCUMENTS",
    "trusted_documents.manifest",
    "",
    "Path of a trusted-documents manifest (id -> document JSON, or Apollo's persisted query manifest).",
);
pub(crate) const TRUSTED_DOCUMENTS_ONLY: Key = key(
    "GATEWAY_TRUSTED_DOCUMENTS_ONLY",
    "trusted_documents.only",
    "false",
    "`true` runs only the manifest's documents (others: TRUSTED_DOCUMENT_REQUIRED); needs GATEWAY_TRUSTED_DOCUMENTS.",
);

pub(crate) const DEMO_STATE_CHANGES_EVERY: Key = key(
    "GATEWAY_DEMO_STATE_CHANGES_EVERY",
    "demo_state_changes_every",
    "20s",
    "In demo mode, how often simulated shows and lives start and stop.",
);

/// All keys, in the order `--help` lists them.
pub const ALL: &[&Key] = &[
    &LISTEN,
    &CONFIG,
    &DEMO,
    &DEMO_STATE_CHANGES_EVERY,
    &OPERATOR_TOKEN,
    &LOG_FILTER,
    &LOG_FORMAT,
    &CAAST_URL,
    &CAAST_APP_ID,
    &CAAST_APP_KEY,
    &CAAST_APP_ID_HEADER,
    &CAAST_APP_KEY_HEADER,
    &CAAST_TIMEOUT,
    &CAAST_MIN_CONCURRENCY,
    &CAAST_MAX_CONCURRENCY,
    &CAAST_POLL_INTERVAL,
    &LISA_URL,
    &LISA_API_KEY,
    &LISA_AUTH_HEADER,
    &LISA_AUTH_SCHEME,
    &LISA_TIMEOUT,
    &LISA_MIN_CONCURRENCY,
    &LISA_MAX_CONCURRENCY,
    &PROVIDER_MAX_RESPONSE_BYTES,
    &LISA_WEBHOOK_TOKEN,
    &LISA_WEBHOOK_USER,
    &LISA_WEBHOOK_PASSWORD,
    &CACHE_MAX_BYTES,
    &CACHE_TTL_ENTITY,
    &CACHE_TTL_LIST,
    &CACHE_TTL_LIVE,
    &CACHE_STALE_GRACE,
    &RESPONSE_CACHE,
    &RESPONSE_CACHE_MAX_BYTES,
    &REDIS_URL,
    &REDIS_PREFIX,
    &GRAPHIQL_ASSETS,
    &LOADER_DELAY,
    &SUBSCRIPTION_KEEPALIVE,
    &SUBSCRIPTION_INIT_TIMEOUT,
    &MAX_DEPTH,
    &MAX_COMPLEXITY,
    &MAX_ALIASES,
    &MAX_BATCH,
    &INTROSPECTION,
    &REQUEST_TIMEOUT,
    &CORS_ORIGINS,
    &PROVIDER_RETRIES,
    &PROVIDER_RETRY_BACKOFF,
    &CIRCUIT_FAILURES,
    &CIRCUIT_COOLDOWN,
    &TRUSTED_DOCUMENTS,
    &TRUSTED_DOCUMENTS_ONLY,
];

/// The configuration table printed by `--help`.
pub fn help_table() -> String {
    let mut out = String::from("Configuration (environment variable / TOML key, default):\n");
    for key in ALL {
        let toml = if key.toml.is_empty() { "-" } else { key.toml };
        let default = if key.default.is_empty() {
            "unset"
        } else {
            key.default
        };
        out.push_str(&format!(
            "  {} / {} [default: {}]\n      {}\n",
            key.env, toml, default, key.help
        ));
    }
    out
}
