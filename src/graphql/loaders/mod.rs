//! Per-request dataloaders: many resolvers asking for the same kind of upstream item within one
//! request become one batch, and an item asked for twice is fetched once. The HTTP layer builds
//! a fresh `Loaders` for every request, so nothing here outlives the request that read it.

mod caast_product_by_ref;

use async_graphql::Context;
use async_graphql::dataloader::{DataLoader, HashMapCache};

pub use caast_product_by_ref::CaastProductByRef;

use crate::error::{ErrorCode, graphql_error};
use crate::providers::Providers;

/// A loader that remembers, for the request, every key it has answered.
pub type RequestLoader<T> = DataLoader<T, HashMapCache>;

fn request_loader<K, T>(loader: T) -> RequestLoader<T>
where
    K: Send + Sync + std::hash::Hash + Eq + Clone + 'static,
    T: async_graphql::dataloader::Loader<K>,
{
    DataLoader::with_cache(loader, tokio::spawn, HashMapCache::default())
}

/// The loaders of one request; a provider that is not configured has none.
pub struct Loaders {
    pub caast_product_by_ref: Option<RequestLoader<CaastProductByRef>>,
}

impl Loaders {
    pub fn new(providers: &Providers) -> Self {
        Self {
            caast_product_by_ref: providers
                .caast
                .clone()
                .map(|client| request_loader(CaastProductByRef::new(client))),
        }
    }
}

/// The request's loaders (the HTTP layer adds them to every request).
pub fn loaders<'a>(ctx: &Context<'a>) -> async_graphql::Result<&'a Loaders> {
    ctx.data_opt::<Loaders>()
        .ok_or_else(|| graphql_error(ErrorCode::Internal, "request loaders are missing"))
}
