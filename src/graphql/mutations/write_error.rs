//! A provider refusing a write is usually about the input: its reason goes back to the client
//! (`BAD_USER_INPUT`, or `FORBIDDEN` for what the provider will not let this app change).

use async_graphql::ErrorExtensions;

use crate::error::{ErrorCode, graphql_error};
use crate::providers::UpstreamError;

pub(crate) fn write_error(error: UpstreamError) -> async_graphql::Error {
    let UpstreamError::Rejected {
        provider,
        status,
        detail,
    } = &error
    else {
        return error.extend();
    };
    let code = if *status == 403 {
        ErrorCode::Forbidden
    } else {
        ErrorCode::BadUserInput
    };
    let (provider, status) = (provider.as_str().to_ascii_uppercase(), *status);
    graphql_error(code, format!("{}: {detail}", error.provider())).extend_with(|_, ext| {
        ext.set("provider", provider.clone());
        ext.set("upstreamStatus", status);
    })
}
