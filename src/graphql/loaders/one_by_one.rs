//! Look-ups with no batch endpoint (a Caast live by id, a LiSA channel by id or slug…): the batch
//! is the set of distinct keys the request asked for in the same tick, each fetched at once (the
//! provider's concurrency limit in `UpstreamHttp` bounds how many fly together). Each key keeps
//! its own outcome, so one missing item does not fail its neighbours.

use std::collections::HashMap;
use std::convert::Infallible;
use std::hash::Hash;
use std::sync::Arc;

use async_graphql::dataloader::Loader;
use futures::future::{BoxFuture, join_all};
use tracing::Instrument;

use crate::providers::UpstreamError;

type Fetch<K, V> = dyn Fn(K) -> BoxFuture<'static, Result<V, UpstreamError>> + Send + Sync;

pub(crate) struct OneByOne<K, V> {
    fetch: Arc<Fetch<K, V>>,
}

impl<K: Clone, V> OneByOne<K, V> {
    pub(crate) fn new<F, Fut>(fetch: F) -> Self
    where
        F: Fn(K) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<V, UpstreamError>> + Send + 'static,
    {
        Self {
            fetch: Arc::new(move |key| Box::pin(fetch(key))),
        }
    }

    /// Each of these keys (given once each), fetched at once; the outcomes in the keys' order.
    pub(crate) async fn read(&self, keys: &[K]) -> Vec<Result<V, UpstreamError>> {
        let span = tracing::info_span!(
            "loader_batch",
            loader = std::any::type_name::<V>(),
            keys = keys.len()
        );
        let fetches = keys.iter().map(|key| (self.fetch)(key.clone()));
        join_all(fetches).instrument(span).await
    }
}

impl<K, V> Loader<K> for OneByOne<K, V>
where
    K: Send + Sync + Hash + Eq + Clone + 'static,
    V: Send + Sync + Clone + 'static,
{
    type Value = Result<V, UpstreamError>;
    type Error = Infallible;

    async fn load(&self, keys: &[K]) -> Result<HashMap<K, Self::Value>, Infallible> {
        let read = self.read(keys).await;
        Ok(keys.iter().cloned().zip(read).collect())
    }
}
