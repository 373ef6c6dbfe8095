//! How provider failures read as GraphQL errors: a failed call ([`UpstreamError`]) and an item
//! left out of an answer ([`DroppedItem`]). The provider clients describe what went wrong in
//! their own terms; the GraphQL form (message, `code`, `provider` and the other extensions) is
//! written here so that they do not depend on the GraphQL library.

use async_graphql::{ErrorExtensions, ServerError};

use crate::error::ErrorCode;
use crate::providers::{DroppedItem, UpstreamError};

impl ErrorExtensions for UpstreamError {
    fn extend(&self) -> async_graphql::Error {
        async_graphql::Error::new(self.to_string()).extend_with(|_, ext| {
            ext.set("code", self.code().as_str());
            ext.set("provider", self.provider().as_str().to_ascii_uppercase());
            if let Some(status) = self.upstream_status() {
                ext.set("upstreamStatus", status);
            }
        })
    }
}

// An inherent method written here rather than with the type: its GraphQL half belongs to this
// module, and the response assembly calls it as `DroppedItem::to_server_error`.
impl DroppedItem {
    /// The error a client sees for it: no GraphQL path (the item was never part of the answer),
    /// the provider, and where the item was in the provider's answer.
    pub(crate) fn to_server_error(&self) -> ServerError {
        let message = format!(
            "{} answered an item the gateway cannot read ({} {}: {}); it is left out",
            self.provider, self.operation, self.at, self.reason
        );
        let mut error = ServerError::new(message, None);
        let extensions = error.extensions.get_or_insert_with(Default::default);
        extensions.set("code", ErrorCode::UpstreamBadResponse.as_str());
        extensions.set("provider", self.provider.as_str().to_ascii_uppercase());
        extensions.set("upstreamOperation", self.operation);
        extensions.set("upstreamPath", self.at.as_str());
        error
    }
}
