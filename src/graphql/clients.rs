//! Reaching a provider's client from a resolver; a provider the deployment did not configure
//! answers `NOT_FOUND` for its ids.

use crate::error::{ErrorCode, graphql_error};
use crate::providers::{Provider, Providers, caast, lisa};

pub fn caast(providers: &Providers) -> async_graphql::Result<&caast::CaastClient> {
    providers
        .caast
        .as_ref()
        .ok_or_else(|| not_configured(Provider::Caast))
}

pub fn lisa(providers: &Providers) -> async_graphql::Result<&lisa::LisaClient> {
    providers
        .lisa
        .as_ref()
        .ok_or_else(|| not_configured(Provider::Lisa))
}

pub fn not_configured(provider: Provider) -> async_graphql::Error {
    graphql_error(
        ErrorCode::NotFound,
        format!("{provider} is not configured on this gateway"),
    )
}
