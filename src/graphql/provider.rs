//! The GraphQL face of [`Provider`](crate::providers::Provider): the schema's `Provider` enum.
//! It lives here rather than on the provider type so that the provider clients do not depend on
//! the GraphQL library; async-graphql's remote enum gives the conversions both ways. Public
//! because the public `LiveContentFilter` carries it.

use async_graphql::Enum;

/// The providers the gateway federates. Also the GraphQL `Provider` enum.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(name = "Provider", remote = "crate::providers::Provider")]
pub(crate) enum GqlProvider {
    /// Caast: lives, videos, sellers, products.
    Caast,
    /// LiSA: shows, channels, stickers, stories, snippets, short clips.
    Lisa,
}
