//! Who is calling: an operator (the configured bearer token) or anyone. Mutations and secret
//! fields (stream keys, upload URLs) ask [`require_operator`]; everything else is public.

use async_graphql::Context;
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::error::{ErrorCode, graphql_error};
use crate::graphql::execution::RequestContext;

/// The caller of one request, decided once by the execution from the token the transport read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Caller {
    #[default]
    Anonymous,
    /// A bearer token was sent but it is not the operator token.
    WrongToken,
    Operator,
}

impl Caller {
    /// Compares the request's bearer token with the configured one in constant time. Both are
    /// hashed first so that not even the token's length shows in the timing.
    pub(crate) fn from_bearer(
        presented: Option<&str>,
        operator_token: Option<&SecretString>,
    ) -> Self {
        match (presented, operator_token) {
            (None, _) => Self::Anonymous,
            (Some(presented), Some(expected))
                if same_secret(presented, expected.expose_secret()) =>
            {
                Self::Operator
            }
            (Some(_), _) => Self::WrongToken,
        }
    }
}

/// Whether two secrets are equal, in time independent of where (and whether) they differ.
pub(crate) fn same_secret(a: &str, b: &str) -> bool {
    bool::from(Sha256::digest(a.as_bytes()).ct_eq(&Sha256::digest(b.as_bytes())))
}

/// Passes for an operator; otherwise `UNAUTHENTICATED`, saying whether the token was missing or wrong.
/// What passes is for an operator only (a secret, a write): the answer it goes into is marked
/// as one nobody may keep, not even the response cache.
pub(crate) fn require_operator(ctx: &Context<'_>) -> async_graphql::Result<()> {
    let context = RequestContext::of(ctx).ok();
    match context.map(RequestContext::caller).unwrap_or_default() {
        Caller::Operator => {
            if let Some(context) = context {
                context.trace().fed_uncacheable();
            }
            Ok(())
        }
        Caller::WrongToken => Err(graphql_error(
            ErrorCode::Unauthenticated,
            "the operator token is not valid",
        )),
        Caller::Anonymous => Err(graphql_error(
            ErrorCode::Unauthenticated,
            "this needs the operator token (Authorization: Bearer …)",
        )),
    }
}
