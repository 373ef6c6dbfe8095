//! One WebSocket connection: the handshake (`connection_init`, within the configured time),
//! operations started and stopped by id, keep-alive pings, and every protocol error closed with
//! its `graphql-transport-ws` code. Each operation starts in its own task, which writes a
//! query's answer through a small outbox and hands a subscription's results over to the
//! connection, which writes them as they come (one task wakes per event, not two). A client
//! that stops reading makes its subscriptions lag (they are told and ended) and, past a write
//! timeout, loses the connection — the events and the other clients never wait.
//!
//! Here: the upgrade and the connection's loop. What the loop waits for is `events.rs`; the
//! operations it runs, by id, `operations.rs`; one operation's task `operation.rs`; the
//! subprotocols' messages `protocol.rs`; a subscription's relayed results `relay.rs`.

mod events;
mod operation;
mod operations;
mod protocol;
mod relay;

use std::sync::Arc;
use std::time::Duration;

use axum::extract::WebSocketUpgrade;
use axum::extract::ws::{CloseFrame, Message, WebSocket};
use axum::http::HeaderMap;
use axum::response::Response;
use futures::stream::{BoxStream, SplitSink};
use futures::{SinkExt, Stream, StreamExt};
use serde_json::Value;
use tokio::sync::mpsc;
use tokio::time::timeout;

use crate::error::ErrorCode;
use crate::graphql::execution::{Asked, ResponseMedia, SharedResult, with_code};
use crate::graphql::{Caller, RequestLocale};
use crate::http::AppState;
use crate::http::graphql_request::Unreadable;
use crate::http::media::bearer_token;
use events::{Event, Outgoing};
use operation::Operation;
use operations::Operations;
use protocol::{ClientMessage, Protocol, ServerMessages, close, token_in};
use relay::{Relayed, Stop, relayed};

/// The largest message a client may send.
const MAX_MESSAGE_BYTES: usize = 1024 * 1024;
/// The read buffer each connection starts with (it grows for a larger message). Clients send
/// small messages; tungstenite's default of 128 KiB per connection is most of a subscriber's
/// memory.
const READ_BUFFER_BYTES: usize = 4 * 1024;
/// Operations one connection may run at once.
const MAX_OPERATIONS: usize = 100;
/// Messages waiting to be written, per connection.
const OUTBOX: usize = 64;
/// How long one write may take before the client is deemed gone.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);

/// Accepts the upgrade in the subprotocol the client asks for (none named:
/// `graphql-transport-ws`; only others named: closed with 4406).
pub(crate) fn upgrade(
    state: AppState,
    upgrade_request: WebSocketUpgrade,
    headers: HeaderMap,
) -> Response {
    let requested: Vec<String> = headers
        .get_all(axum::http::header::SEC_WEBSOCKET_PROTOCOL)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty())
        .collect();
    let protocol = match requested.iter().find_map(|name| Protocol::named(name)) {
        Some(protocol) => Some(protocol),
        None if requested.is_empty() => Some(Protocol::TransportWs),
        None => None,
    };
    // Only what the connection needs is kept: the header values are slices of the buffer hyper
    // read the upgrade request into (16 KiB), which keeping them would keep for the
    // connection's life.
    let upgrade = Upgrade {
        token: bearer_token(&headers).map(str::to_string),
        locale: RequestLocale::from_headers(&headers),
    };
    drop(headers);
    upgrade_request
        .protocols(Protocol::NAMES)
        .max_message_size(MAX_MESSAGE_BYTES)
        .read_buffer_size(READ_BUFFER_BYTES)
        // Every message is written at once (each is flushed anyway): no buffer to keep.
        .write_buffer_size(0)
        .on_upgrade(move |mut socket| async move {
            match protocol {
                Some(protocol) => {
                    Connection::new(state, protocol, upgrade)
                        .serve(socket)
                        .await
                }
                None => {
                    let reason = "Subprotocol not acceptable";
                    let _ = socket
                        .send(close_frame(close::SUBPROTOCOL_NOT_ACCEPTABLE, reason))
                        .await;
                }
            }
        })
}

fn close_frame(code: u16, reason: &str) -> Message {
    Message::Close(Some(CloseFrame {
        code,
        reason: reason.into(),
    }))
}

/// What handling one client message leads to.
enum Step {
    Reply(Vec<String>),
    Close(u16, String),
    /// The client ended the connection (legacy `connection_terminate`).
    End,
}

/// What a connection keeps of its upgrade request.
struct Upgrade {
    /// The operator token of its `Authorization` header, if any.
    token: Option<String>,
    locale: RequestLocale,
}

struct Connection {
    state: AppState,
    protocol: Protocol,
    messages: ServerMessages,
    upgrade: Upgrade,
    /// Set by `connection_init`; until then no operation may start.
    caller: Option<Caller>,
    operations: Operations,
}

type Sink = SplitSink<WebSocket, Message>;

/// How a connection ends, besides dropping it.
enum End {
    /// The gateway closes, with this code and reason.
    Close(u16, String),
    /// The client closed: its close is answered.
    Answer,
}

impl Connection {
    fn new(state: AppState, protocol: Protocol, upgrade: Upgrade) -> Self {
        Self {
            state,
            protocol,
            messages: ServerMessages(protocol),
            upgrade,
            caller: None,
            operations: Operations::default(),
        }
    }

    async fn serve(mut self, socket: WebSocket) {
        let _counted = self.state.metrics.stream_connection();
        let (mut sink, incoming) = socket.split();
        let (outbox, pending) = mpsc::channel(OUTBOX);
        let mut events = events::events(&self.state, incoming, pending);
        let end = loop {
            let Some(event) = events.next().await else {
                break None;
            };
            match event {
                Event::InitTimeout if self.caller.is_none() => {
                    break Some(End::Close(
                        close::INIT_TIMEOUT,
                        "Connection initialisation timeout".to_string(),
                    ));
                }
                Event::InitTimeout => {}
                Event::KeepAlive => {
                    if !write(&mut sink, self.messages.keepalive()).await {
                        break None;
                    }
                }
                Event::Incoming(message) => {
                    let text = match message {
                        Some(Ok(Message::Text(text))) => text,
                        Some(Ok(Message::Binary(_))) => {
                            break Some(End::Close(
                                close::INVALID_MESSAGE,
                                "binary messages are not part of the protocol".into(),
                            ));
                        }
                        Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
                        Some(Ok(Message::Close(_))) => break Some(End::Answer),
                        Some(Err(_)) | None => break None,
                    };
                    match self.handle(text.as_str(), &outbox) {
                        Step::Reply(replies) => {
                            let mut written = true;
                            for reply in replies {
                                written = written && write(&mut sink, reply).await;
                            }
                            if !written {
                                break None;
                            }
                        }
                        Step::Close(code, reason) => break Some(End::Close(code, reason)),
                        Step::End => break None,
                    }
                }
                Event::Outgoing(Outgoing::Text(text)) => {
                    if !write(&mut sink, text).await {
                        break None;
                    }
                }
                Event::Outgoing(Outgoing::Finished { id, generation }) => {
                    self.operations.finished(&id, generation);
                }
                Event::Outgoing(Outgoing::Relay {
                    id,
                    generation,
                    results,
                }) => {
                    if let Some(relay) = self.relay(id, generation, results) {
                        events.push(relay.map(Event::Relayed).boxed());
                    }
                }
                Event::Relayed(relayed) => {
                    if let Some(text) = self.written(relayed)
                        && !write(&mut sink, text).await
                    {
                        break None;
                    }
                }
                Event::ShuttingDown => {
                    break Some(End::Close(
                        close::GOING_AWAY,
                        "the gateway is shutting down".into(),
                    ));
                }
            }
        };
        self.operations.stop_all();
        match end {
            Some(End::Close(code, reason)) => {
                let _ = timeout(WRITE_TIMEOUT, sink.send(close_frame(code, &reason))).await;
            }
            // The reply to the client's close (its code echoed, RFC 6455 5.5.1) is queued by the
            // WebSocket itself, and goes out as the sink closes; dropped unsent, the client
            // would see the connection lost (1006).
            Some(End::Answer) => {
                let _ = timeout(WRITE_TIMEOUT, sink.close()).await;
            }
            None => {}
        }
    }

    fn handle(&mut self, text: &str, outbox: &mpsc::Sender<Outgoing>) -> Step {
        let message = match ClientMessage::parse(self.protocol, text) {
            Ok(message) => message,
            Err(reason) => return Step::Close(close::INVALID_MESSAGE, reason),
        };
        match message {
            ClientMessage::Init { payload } => self.init(&payload),
            ClientMessage::Ping { payload } => Step::Reply(vec![self.messages.pong(payload)]),
            ClientMessage::Pong => Step::Reply(Vec::new()),
            ClientMessage::Subscribe { id, body } => {
                let Some(caller) = self.caller else {
                    return Step::Close(close::UNAUTHORIZED, "Unauthorized".into());
                };
                if self.operations.contains(&id) {
                    return Step::Close(
                        close::SUBSCRIBER_EXISTS,
                        format!("Subscriber for {id} already exists"),
                    );
                }
                match body.into_request(&self.state.persisted_queries) {
                    Ok(request) => self.start(id, request, caller, outbox),
                    Err(unreadable) => Step::Reply(vec![self.refusal(&id, unreadable)]),
                }
            }
            ClientMessage::Complete { id } => {
                let stopped = self.operations.stop(&id);
                match self.protocol {
                    Protocol::LegacyWs if stopped => Step::Reply(vec![self.messages.complete(&id)]),
                    _ => Step::Reply(Vec::new()),
                }
            }
            ClientMessage::Terminate => Step::End,
        }
    }

    /// `connection_init`: once only; an operator token may come in the payload (`Authorization`,
    /// at the top or under `headers`) or on the upgrade request. A wrong token is refused (4403).
    fn init(&mut self, payload: &Value) -> Step {
        if self.caller.is_some() {
            return Step::Close(
                close::TOO_MANY_INITS,
                "Too many initialisation requests".into(),
            );
        }
        let presented = token_in(payload).or_else(|| self.upgrade.token.clone());
        let caller = self.state.executor.caller(presented.as_deref());
        if caller == Caller::WrongToken {
            return match self.protocol {
                Protocol::LegacyWs => {
                    Step::Reply(vec![self.messages.connection_error("Forbidden")])
                }
                Protocol::TransportWs => Step::Close(close::FORBIDDEN, "Forbidden".into()),
            };
        }
        self.caller = Some(caller);
        Step::Reply(vec![self.messages.ack()])
    }

    /// Runs one operation in its own task; its results go through the outbox.
    fn start(
        &mut self,
        id: String,
        request: async_graphql::Request,
        caller: Caller,
        outbox: &mpsc::Sender<Outgoing>,
    ) -> Step {
        if self.operations.len() >= MAX_OPERATIONS {
            let message = format!("at most {MAX_OPERATIONS} operations may run on one connection");
            let error = with_code(
                async_graphql::ServerError::new(message, None),
                ErrorCode::BadRequest,
            );
            return Step::Reply(vec![self.messages.error(&id, &[error])]);
        }
        let asked = Asked {
            caller,
            locale: self.upgrade.locale.clone(),
            media: ResponseMedia::GraphqlResponseJson,
        };
        let generation = self.operations.next_generation();
        let operation = Operation {
            id: id.clone(),
            messages: ServerMessages(self.protocol),
            outbox: outbox.clone(),
            generation,
        };
        let task = tokio::spawn(operation.run(self.state.executor.clone(), request, asked));
        self.operations
            .insert(id, generation, Stop::Task(task.abort_handle()));
        Step::Reply(Vec::new())
    }

    /// A subscription handed over by its task, as the stream the connection polls: each result
    /// numbered, then its end; `None` when the client stopped it meanwhile.
    fn relay(
        &mut self,
        id: String,
        generation: u64,
        results: BoxStream<'static, Arc<SharedResult>>,
    ) -> Option<impl Stream<Item = Relayed> + Send + 'static> {
        let stop = self.operations.stop_of(&id, generation)?;
        let (relay, relay_stop) = relayed(id, generation, results);
        *stop = relay_stop;
        Some(relay)
    }

    /// What to write for one relayed item (nothing once the client stopped it); the last one
    /// ends the operation.
    fn written(&mut self, relayed: Relayed) -> Option<String> {
        if !self.operations.is_current(&relayed.id, relayed.generation) {
            return None;
        }
        let (text, ends) = relayed.message(&self.messages);
        if ends {
            self.operations.remove(&relayed.id);
        }
        Some(text)
    }

    fn refusal(&self, id: &str, unreadable: Unreadable) -> String {
        self.messages.error(id, &unreadable.refusal().errors)
    }
}

/// Writes one text message; `false` when the client is gone or does not read in time.
async fn write(sink: &mut Sink, text: String) -> bool {
    matches!(
        timeout(WRITE_TIMEOUT, sink.send(Message::Text(text.into()))).await,
        Ok(Ok(()))
    )
}
