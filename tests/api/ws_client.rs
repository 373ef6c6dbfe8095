//! A WebSocket client for the subscription tests, over tokio-tungstenite: it speaks either
//! subprotocol as JSON messages, and every wait is bounded so a missing message fails the test
//! instead of hanging it.

use std::time::Duration;

use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio::sync::watch;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use crate::helpers::TestGateway;

/// The longest a test waits for one message.
pub const PATIENCE: Duration = Duration::from_secs(10);

pub struct WsClient {
    socket: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

impl WsClient {
    /// Opens `/graphql` asking for `protocol` (`None`: no subprotocol header).
    pub async fn connect(gateway: &TestGateway, protocol: Option<&str>) -> Self {
        let url = gateway.url.replace("http://", "ws://") + "/graphql";
        let mut request = url.into_client_request().unwrap();
        if let Some(protocol) = protocol {
            request
                .headers_mut()
                .insert("Sec-WebSocket-Protocol", protocol.parse().unwrap());
        }
        let (socket, _) = tokio_tungstenite::connect_async(request)
            .await
            .expect("the WebSocket opens");
        Self { socket }
    }

    /// `graphql-transport-ws`, initialised (with `payload`) and acknowledged.
    pub async fn ready(gateway: &TestGateway, payload: Value) -> Self {
        let mut client = Self::connect(gateway, Some("graphql-transport-ws")).await;
        client
            .send(json!({ "type": "connection_init", "payload": payload }))
            .await;
        assert_eq!(client.next().await["type"], "connection_ack");
        client
    }

    pub async fn send(&mut self, message: Value) {
        self.send_text(message.to_string()).await;
    }

    pub async fn send_text(&mut self, text: String) {
        self.socket.send(Message::Text(text.into())).await.unwrap();
    }

    pub async fn subscribe(&mut self, id: &str, query: &str, variables: Value) {
        let payload = json!({ "query": query, "variables": variables });
        self.send(json!({ "type": "subscribe", "id": id, "payload": payload }))
            .await;
    }

    /// The next protocol message (WebSocket-level pings are skipped).
    pub async fn next(&mut self) -> Value {
        loop {
            let frame = tokio::time::timeout(PATIENCE, self.socket.next())
                .await
                .expect("a message in time")
                .expect("the connection is open")
                .expect("a readable frame");
            match frame {
                Message::Text(text) => return serde_json::from_str(&text).unwrap(),
                Message::Ping(_) | Message::Pong(_) => continue,
                other => panic!("expected a message, got {other:?}"),
            }
        }
    }

    /// The next message that is not a keep-alive `ping`.
    pub async fn next_event(&mut self) -> Value {
        loop {
            let message = self.next().await;
            if message["type"] != "ping" && message["type"] != "ka" {
                return message;
            }
        }
    }

    /// Starts the closing handshake with `code`.
    pub async fn close(&mut self, code: u16) {
        let frame = CloseFrame {
            code: code.into(),
            reason: "done".into(),
        };
        self.socket.send(Message::Close(Some(frame))).await.unwrap();
    }

    /// Reads until the server closes; its close code.
    pub async fn close_code(&mut self) -> u16 {
        loop {
            let frame = tokio::time::timeout(PATIENCE, self.socket.next())
                .await
                .expect("the server closes in time");
            match frame {
                Some(Ok(Message::Close(Some(frame)))) => return frame.code.into(),
                Some(Ok(Message::Close(None))) | None => panic!("closed without a code"),
                Some(Ok(_)) => continue,
                Some(Err(error)) => panic!("the connection failed: {error}"),
            }
        }
    }
}

/// Waits until exactly `count` subscriptions are open on the gateway (`why` names the moment).
pub async fn open_subscriptions(gateway: &TestGateway, count: usize, why: &str) {
    let mut subscribers = gateway.events.subscribers().watch();
    wait_for_count(
        &mut subscribers,
        count,
        &format!("{why} (open subscriptions)"),
    )
    .await;
}

/// Waits until a count the gateway keeps is exactly `count` (`why` names the moment).
pub async fn wait_for_count(counted: &mut watch::Receiver<usize>, count: usize, why: &str) {
    tokio::time::timeout(PATIENCE, counted.wait_for(|now| *now == count))
        .await
        .unwrap_or_else(|_| panic!("{why}: {count} expected"))
        .unwrap();
}
