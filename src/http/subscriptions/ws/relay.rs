//! A subscription's results as its WebSocket connection relays them. The operation's task hands
//! the results over once the subscription starts, and the connection polls them among its
//! other sources: one task wakes per event, not one per subscription as well.

use std::sync::Arc;

use futures::stream::{self, BoxStream};
use futures::{Stream, StreamExt};
use tokio::task::AbortHandle;

use super::protocol::ServerMessages;
use crate::graphql::execution::SharedResult;

/// One item of a relayed subscription: its `n`-th result, or (`None`) its end.
pub(super) struct Relayed {
    pub(super) id: Arc<str>,
    pub(super) generation: u64,
    item: Option<(usize, Arc<SharedResult>)>,
}

/// How an operation is stopped: its task while it starts, its results once relayed.
pub(super) enum Stop {
    Task(AbortHandle),
    Relay(stream::AbortHandle),
}

impl Stop {
    pub(super) fn stop(&self) {
        match self {
            Self::Task(task) => task.abort(),
            Self::Relay(relay) => relay.abort(),
        }
    }
}

/// The stream the connection polls for one subscription (each result numbered, then its end),
/// and how to stop it.
pub(super) fn relayed(
    id: String,
    generation: u64,
    results: BoxStream<'static, Arc<SharedResult>>,
) -> (impl Stream<Item = Relayed> + Send + 'static, Stop) {
    let name: Arc<str> = Arc::from(id);
    let ended = name.clone();
    let items = results.enumerate().map(move |(n, result)| Relayed {
        id: name.clone(),
        generation,
        item: Some((n, result)),
    });
    let end = stream::once(async move {
        Relayed {
            id: ended,
            generation,
            item: None,
        }
    });
    let (relay, handle) = stream::abortable(items.chain(end));
    (relay, Stop::Relay(handle))
}

impl Relayed {
    /// The message to write, and whether it ends the subscription: a result, the error of a
    /// subscription whose document does not validate, or `complete` at its end.
    pub(super) fn message(&self, messages: &ServerMessages) -> (String, bool) {
        match &self.item {
            Some((0, result)) if let Some(errors) = &result.request_errors => {
                (messages.error(&self.id, errors), true)
            }
            Some((_, result)) => (messages.next_json(&self.id, &result.body), false),
            None => (messages.complete(&self.id), true),
        }
    }
}
