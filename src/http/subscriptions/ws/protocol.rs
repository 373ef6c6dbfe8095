//! The two WebSocket subprotocols GraphQL clients speak, read and written in one shape:
//! `graphql-transport-ws` (the graphql-ws library's protocol) and the legacy `graphql-ws`
//! (subscriptions-transport-ws). Only the message names differ; the close codes are those of
//! `graphql-transport-ws`, used for both.

use axum::http::{HeaderMap, header};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::http::graphql_request::PostBody;
use crate::http::media::bearer_token;

/// Close codes of `graphql-transport-ws`.
pub(crate) mod close {
    pub(crate) const INVALID_MESSAGE: u16 = 4400;
    pub(crate) const UNAUTHORIZED: u16 = 4401;
    pub(crate) const FORBIDDEN: u16 = 4403;
    pub(crate) const SUBPROTOCOL_NOT_ACCEPTABLE: u16 = 4406;
    pub(crate) const INIT_TIMEOUT: u16 = 4408;
    pub(crate) const SUBSCRIBER_EXISTS: u16 = 4409;
    pub(crate) const TOO_MANY_INITS: u16 = 4429;
    /// The server is shutting down.
    pub(crate) const GOING_AWAY: u16 = 1001;
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Protocol {
    /// `graphql-transport-ws`.
    TransportWs,
    /// `graphql-ws`, the legacy subscriptions-transport-ws protocol.
    LegacyWs,
}

impl Protocol {
    pub(crate) const NAMES: [&'static str; 2] = ["graphql-transport-ws", "graphql-ws"];

    pub(crate) fn named(name: &str) -> Option<Self> {
        match name {
            "graphql-transport-ws" => Some(Self::TransportWs),
            "graphql-ws" => Some(Self::LegacyWs),
            _ => None,
        }
    }
}

/// A client message, whatever the protocol.
pub(crate) enum ClientMessage {
    Init {
        payload: Value,
    },
    Ping {
        payload: Option<Value>,
    },
    Pong,
    Subscribe {
        id: String,
        body: PostBody,
    },
    Complete {
        id: String,
    },
    /// Legacy only: the client ends the connection.
    Terminate,
}

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum TransportWsMessage {
    ConnectionInit { payload: Option<Value> },
    Ping { payload: Option<Value> },
    Pong {},
    Subscribe { id: String, payload: PostBody },
    Complete { id: String },
}

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum LegacyMessage {
    ConnectionInit { payload: Option<Value> },
    Start { id: String, payload: PostBody },
    Stop { id: String },
    ConnectionTerminate {},
}

impl ClientMessage {
    /// Reads a text frame; `Err` says why it is not a message of the protocol.
    pub(crate) fn parse(protocol: Protocol, text: &str) -> Result<Self, String> {
        let invalid = |e: serde_json::Error| format!("invalid message: {e}");
        Ok(match protocol {
            Protocol::TransportWs => match serde_json::from_str(text).map_err(invalid)? {
                TransportWsMessage::ConnectionInit { payload } => Self::Init {
                    payload: payload.unwrap_or(Value::Null),
                },
                TransportWsMessage::Ping { payload } => Self::Ping { payload },
                TransportWsMessage::Pong {} => Self::Pong,
                TransportWsMessage::Subscribe { id, payload } => {
                    Self::Subscribe { id, body: payload }
                }
                TransportWsMessage::Complete { id } => Self::Complete { id },
            },
            Protocol::LegacyWs => match serde_json::from_str(text).map_err(invalid)? {
                LegacyMessage::ConnectionInit { payload } => Self::Init {
                    payload: payload.unwrap_or(Value::Null),
                },
                LegacyMessage::Start { id, payload } => Self::Subscribe { id, body: payload },
                LegacyMessage::Stop { id } => Self::Complete { id },
                LegacyMessage::ConnectionTerminate {} => Self::Terminate,
            },
        })
    }
}

/// The server's messages, as text for `protocol`.
pub(crate) struct ServerMessages(pub Protocol);

impl ServerMessages {
    pub(crate) fn ack(&self) -> String {
        json!({ "type": "connection_ack" }).to_string()
    }

    /// A keep-alive: `ping` (the client answers `pong`), or the legacy `ka`.
    pub(crate) fn keepalive(&self) -> String {
        match self.0 {
            Protocol::TransportWs => json!({ "type": "ping" }),
            Protocol::LegacyWs => json!({ "type": "ka" }),
        }
        .to_string()
    }

    pub(crate) fn pong(&self, payload: Option<Value>) -> String {
        match payload {
            Some(payload) => json!({ "type": "pong", "payload": payload }),
            None => json!({ "type": "pong" }),
        }
        .to_string()
    }

    /// One answer of an operation, its JSON text as executed (or kept) written as it is.
    pub(crate) fn next_json(&self, id: &str, payload: &str) -> String {
        let kind = match self.0 {
            Protocol::TransportWs => "next",
            Protocol::LegacyWs => "data",
        };
        let id = serde_json::to_string(id).expect("strings serialise");
        let mut text = String::with_capacity(payload.len() + id.len() + 40);
        text.push_str(r#"{"type":""#);
        text.push_str(kind);
        text.push_str(r#"","id":"#);
        text.push_str(&id);
        text.push_str(r#","payload":"#);
        text.push_str(payload);
        text.push('}');
        text
    }

    /// An operation refused before it ran (its document does not validate…).
    pub(crate) fn error(&self, id: &str, errors: &(impl serde::Serialize + ?Sized)) -> String {
        json!({ "type": "error", "id": id, "payload": errors }).to_string()
    }

    pub(crate) fn complete(&self, id: &str) -> String {
        json!({ "type": "complete", "id": id }).to_string()
    }

    /// Legacy only: the connection is refused (the new protocol closes with a code instead).
    pub(crate) fn connection_error(&self, message: &str) -> String {
        json!({ "type": "connection_error", "payload": { "message": message } }).to_string()
    }
}

/// An operator token in a `connection_init` payload: `Authorization: Bearer …` at the top level
/// or under `headers` (GraphiQL's headers editor), any case.
pub(super) fn token_in(payload: &Value) -> Option<String> {
    let find = |object: &Value| {
        object.as_object()?.iter().find_map(|(key, value)| {
            key.eq_ignore_ascii_case("authorization")
                .then(|| value.as_str())
                .flatten()
                .map(str::to_string)
        })
    };
    let value = find(payload).or_else(|| find(&payload["headers"]))?;
    let mut headers = HeaderMap::new();
    headers.insert(header::AUTHORIZATION, value.parse().ok()?);
    bearer_token(&headers).map(str::to_string)
}
