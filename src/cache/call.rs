//! A read's provider call runs on its own task, and every reader of the read's flight awaits
//! that one task: a reader that goes away (its GraphQL request cancelled or timed out) takes
//! nothing from the others, who neither lose the call nor send it again. The call is decoded on
//! that task too, so its answer is decoded once, whoever is left to read it.
//!
//! A flight's first reader starts the call; if that reader goes away before the answer is in,
//! the next reader picks up the flight's landing (storing the entry, or not) from the same call.

use std::any::Any;
use std::future::Future;
use std::sync::{Arc, OnceLock};

use futures::FutureExt;
use futures::future::{BoxFuture, Shared};
use tokio::sync::OnceCell;
use tracing::Instrument;

use super::entry::Entry;
use super::tag::{Tag, Tagged};
use crate::providers::{Provider, UpstreamError};

/// What a call answered, decoded: the value as the cache keeps it, the tags of what it holds,
/// and the answer's size in bytes.
pub(super) type Fetched = Result<(Arc<dyn Any + Send + Sync>, Vec<Tag>, usize), UpstreamError>;

/// One call on its own task, which any number of readers await.
type Call = Shared<BoxFuture<'static, Fetched>>;

/// One key's read under way: its call, and the entry made of the call's answer.
#[derive(Default)]
pub(super) struct Landing {
    call: OnceLock<Call>,
    pub(super) entry: OnceCell<Result<Entry, UpstreamError>>,
}

impl Landing {
    /// The call's answer: the call already under way, else `fetch` started on its own task.
    pub(super) async fn answer<T, Fut>(
        &self,
        provider: Provider,
        fetch: impl FnOnce() -> Fut,
    ) -> Fetched
    where
        T: Tagged + Send + Sync + 'static,
        Fut: Future<Output = Result<(T, usize), UpstreamError>> + Send + 'static,
    {
        let call = self.call.get_or_init(|| spawn(provider, fetch()));
        call.clone().await
    }
}

/// Runs `fetch` on its own task, in the current span (the reader's trace carries the call).
fn spawn<T, Fut>(provider: Provider, fetch: Fut) -> Call
where
    T: Tagged + Send + Sync + 'static,
    Fut: Future<Output = Result<(T, usize), UpstreamError>> + Send + 'static,
{
    let task = tokio::spawn(
        async move {
            let (value, bytes) = fetch.await?;
            let mut tags = Vec::new();
            value.add_tags(&mut tags);
            let value: Arc<dyn Any + Send + Sync> = Arc::new(value);
            Ok((value, tags, bytes))
        }
        .in_current_span(),
    );
    async move {
        task.await.unwrap_or_else(|_| {
            Err(UpstreamError::BadResponse {
                provider,
                detail: "the call's task ended before its answer (a bug)".into(),
            })
        })
    }
    .boxed()
    .shared()
}
