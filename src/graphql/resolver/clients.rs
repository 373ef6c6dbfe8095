//! Reaching a provider's client from a resolver: the operation's traced copy, from its
//! context. A provider the deployment did not configure answers `NOT_FOUND` for its ids.

use async_graphql::Context;

use crate::error::{ErrorCode, graphql_error};
use crate::graphql::execution::RequestContext;
use crate::providers::{Provider, Providers, caast, lisa};

pub(crate) fn caast_client<'a>(ctx: &Context<'a>) -> async_graphql::Result<&'a caast::CaastClient> {
    caast_of(RequestContext::of(ctx)?.providers())
}

pub(crate) fn lisa_client<'a>(ctx: &Context<'a>) -> async_graphql::Result<&'a lisa::LisaClient> {
    lisa_of(RequestContext::of(ctx)?.providers())
}

/// Caast's client among `providers` (a context's, kept beyond one resolver).
pub(crate) fn caast_of(providers: &Providers) -> async_graphql::Result<&caast::CaastClient> {
    providers
        .caast
        .as_ref()
        .ok_or_else(|| not_configured(Provider::Caast))
}

/// LiSA's client among `providers` (a context's, kept beyond one resolver).
pub(crate) fn lisa_of(providers: &Providers) -> async_graphql::Result<&lisa::LisaClient> {
    providers
        .lisa
        .as_ref()
        .ok_or_else(|| not_configured(Provider::Lisa))
}

pub(crate) fn not_configured(provider: Provider) -> async_graphql::Error {
    graphql_error(
        ErrorCode::NotFound,
        format!("{provider} is not configured on this gateway"),
    )
}
