//! The one list of error codes a client can see, shared by GraphQL `extensions.code` and HTTP
//! statuses, so that a frontend can branch on a stable string whatever layer refused it.

use async_graphql::ErrorExtensions;
use axum::http::StatusCode;

/// A stable, SCREAMING_SNAKE error code carried in `extensions.code`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// The HTTP request itself is malformed (not JSON, no `query`, bad `variables`).
    BadRequest,
    /// A persisted query's hash is unknown: send the query with it (Apollo APQ).
    PersistedQueryNotFound,
    /// Trusted-documents mode: only the manifest's documents run.
    TrustedDocumentRequired,
    /// The GraphQL document does not parse.
    GraphqlParseFailed,
    /// The document does not validate against the schema.
    GraphqlValidationFailed,
    /// The document nests deeper than `GATEWAY_MAX_DEPTH`.
    QueryTooDeep,
    /// The document asks for more work than `GATEWAY_MAX_COMPLEXITY`.
    QueryTooComplex,
    /// The document has more aliased fields than `GATEWAY_MAX_ALIASES`.
    TooManyAliases,
    /// The document asks for the schema (`__schema`, `__type`) and introspection is off.
    IntrospectionDisabled,
    /// The request ran longer than `GATEWAY_REQUEST_TIMEOUT`.
    RequestTimeout,
    /// An argument value is wrong (a malformed id or cursor, an out-of-range `first`).
    BadUserInput,
    /// The thing asked for does not exist at its provider.
    NotFound,
    /// The operation or field needs the operator token, and none (or a wrong one) was sent.
    Unauthenticated,
    /// The provider refuses this operation on this object (e.g. a live shared by another app).
    Forbidden,
    /// A provider could not be reached or answered with a server error.
    UpstreamUnavailable,
    /// A provider did not answer within its timeout.
    UpstreamTimeout,
    /// A provider refused the gateway's credentials.
    UpstreamUnauthorized,
    /// A provider refused the request for another reason (a 4xx other than 401/404).
    UpstreamRejected,
    /// A provider answered with a body the gateway cannot read.
    UpstreamBadResponse,
    /// A provider kept failing: calls to it are paused (its circuit is open) until a probe answers.
    UpstreamCircuitOpen,
    /// A provider refused the call for its rate (a 429, or a 503 with `Retry-After`), and the
    /// request had no time left to wait as long as it asked.
    UpstreamRateLimited,
    /// A subscriber fell too far behind the events; its subscription was ended.
    SubscriberLagged,
    /// A bug or an unexpected state inside the gateway.
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::BadRequest => "BAD_REQUEST",
            Self::PersistedQueryNotFound => "PERSISTED_QUERY_NOT_FOUND",
            Self::TrustedDocumentRequired => "TRUSTED_DOCUMENT_REQUIRED",
            Self::GraphqlParseFailed => "GRAPHQL_PARSE_FAILED",
            Self::GraphqlValidationFailed => "GRAPHQL_VALIDATION_FAILED",
            Self::QueryTooDeep => "QUERY_TOO_DEEP",
            Self::QueryTooComplex => "QUERY_TOO_COMPLEX",
            Self::TooManyAliases => "TOO_MANY_ALIASES",
            Self::IntrospectionDisabled => "INTROSPECTION_DISABLED",
            Self::RequestTimeout => "REQUEST_TIMEOUT",
            Self::BadUserInput => "BAD_USER_INPUT",
            Self::NotFound => "NOT_FOUND",
            Self::Unauthenticated => "UNAUTHENTICATED",
            Self::Forbidden => "FORBIDDEN",
            Self::UpstreamUnavailable => "UPSTREAM_UNAVAILABLE",
            Self::UpstreamTimeout => "UPSTREAM_TIMEOUT",
            Self::UpstreamUnauthorized => "UPSTREAM_UNAUTHORIZED",
            Self::UpstreamRejected => "UPSTREAM_REJECTED",
            Self::UpstreamBadResponse => "UPSTREAM_BAD_RESPONSE",
            Self::UpstreamCircuitOpen => "UPSTREAM_CIRCUIT_OPEN",
            Self::UpstreamRateLimited => "UPSTREAM_RATE_LIMITED",
            Self::SubscriberLagged => "SUBSCRIBER_LAGGED",
            Self::Internal => "INTERNAL",
        }
    }

    /// The status a request refused with this code gets when the refusal is the whole answer.
    pub fn http_status(self) -> StatusCode {
        match self {
            Self::BadRequest
            | Self::PersistedQueryNotFound
            | Self::TrustedDocumentRequired
            | Self::GraphqlParseFailed
            | Self::GraphqlValidationFailed
            | Self::QueryTooDeep
            | Self::QueryTooComplex
            | Self::TooManyAliases
            | Self::IntrospectionDisabled
            | Self::BadUserInput => StatusCode::BAD_REQUEST,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Unauthenticated => StatusCode::UNAUTHORIZED,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::UpstreamUnavailable
            | Self::UpstreamRejected
            | Self::UpstreamBadResponse
            | Self::UpstreamUnauthorized => StatusCode::BAD_GATEWAY,
            Self::UpstreamCircuitOpen | Self::UpstreamRateLimited => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            Self::UpstreamTimeout | Self::RequestTimeout => StatusCode::GATEWAY_TIMEOUT,
            Self::Internal | Self::SubscriberLagged => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A GraphQL error with its code, for refusals that come from the gateway itself.
pub fn graphql_error(code: ErrorCode, message: impl Into<String>) -> async_graphql::Error {
    async_graphql::Error::new(message).extend_with(|_, ext| ext.set("code", code.as_str()))
}
