//! What a WebSocket connection waits for, as one stream: the client's messages, what its
//! operations' tasks send it, keep-alive ticks, the handshake's deadline and the gateway's
//! shutdown; subscriptions' results join it as they are handed over.

use std::sync::Arc;

use axum::extract::ws::{Message, WebSocket};
use futures::StreamExt;
use futures::future::ready;
use futures::stream::{self, BoxStream, SelectAll, SplitStream};
use tokio::sync::mpsc;
use tokio::time::{Instant, interval_at, sleep};

use super::relay::Relayed;
use crate::graphql::execution::SharedResult;
use crate::http::AppState;
use crate::http::subscriptions::shut_down;

/// What operation tasks send the connection.
pub(super) enum Outgoing {
    Text(String),
    /// The operation ended by itself; `generation` tells it from a later one with the same id.
    Finished {
        id: String,
        generation: u64,
    },
    /// A subscription's results, for the connection to write as they come.
    Relay {
        id: String,
        generation: u64,
        results: BoxStream<'static, Arc<SharedResult>>,
    },
}

/// Something a connection waits for.
pub(super) enum Event {
    /// A client message, or `None` once the socket has ended.
    Incoming(Option<Result<Message, axum::Error>>),
    Outgoing(Outgoing),
    KeepAlive,
    /// The time for `connection_init` is up (nothing, once it came).
    InitTimeout,
    ShuttingDown,
    Relayed(Relayed),
}

/// A connection's sources, each polled only once it has woken the connection: an event for
/// one subscription does not poll the socket's read side (whose buffer tungstenite zeroes on
/// every read attempt), the outbox, the timers and the shutdown signal of every connection.
pub(super) type Events = SelectAll<BoxStream<'static, Event>>;

/// What the connection waits for, as one stream: the client's messages (then `None` at
/// the socket's end), what its operations send, keep-alive ticks, the handshake's deadline
/// and the gateway's shutdown; subscriptions' results join it as they are handed over.
pub(super) fn events(
    state: &AppState,
    incoming: SplitStream<WebSocket>,
    pending: mpsc::Receiver<Outgoing>,
) -> Events {
    let timing = state.subscriptions;
    let incoming = incoming
        .map(|message| Event::Incoming(Some(message)))
        .chain(stream::once(ready(Event::Incoming(None))));
    let outgoing = stream::unfold(pending, |mut pending| async move {
        let out = pending.recv().await?;
        Some((Event::Outgoing(out), pending))
    });
    let ticks = interval_at(Instant::now() + timing.keepalive, timing.keepalive);
    let keepalive = stream::unfold(ticks, |mut ticks| async move {
        ticks.tick().await;
        Some((Event::KeepAlive, ticks))
    });
    let init_deadline = stream::once(sleep(timing.init_timeout)).map(|()| Event::InitTimeout);
    let mut closing = state.closing.clone();
    let shutdown = stream::once(async move {
        shut_down(&mut closing).await;
        Event::ShuttingDown
    });
    stream::select_all([
        incoming.boxed(),
        outgoing.boxed(),
        keepalive.boxed(),
        init_deadline.boxed(),
        shutdown.boxed(),
    ])
}
