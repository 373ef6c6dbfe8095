//! One operation of a WebSocket connection: it starts in a task of its own, writes a single
//! answer (or a refusal) through the connection's outbox as protocol messages (`next`,
//! `error`, `complete`) and tells the connection it has finished, or hands a subscription's
//! results over to the connection.

use std::sync::Arc;

use futures::stream::BoxStream;
use serde_json::value::RawValue;
use tokio::sync::mpsc;

use super::events::Outgoing;
use super::protocol::ServerMessages;
use crate::graphql::execution::{Asked, Executor, Reply, SharedResult, Transport};
use crate::metrics::OperationOutcome;

/// One operation of a connection, writing through its outbox.
pub(super) struct Operation {
    pub(super) id: String,
    pub(super) messages: ServerMessages,
    pub(super) outbox: mpsc::Sender<Outgoing>,
    pub(super) generation: u64,
}

impl Operation {
    /// Sends every result of the operation, then `complete`; a refusal, or a request error (the
    /// document does not validate), is one `error` message instead.
    pub(super) async fn run(
        self,
        executor: Executor,
        request: async_graphql::Request,
        asked: Asked,
    ) {
        let transport = Transport::Stream { over_get: false };
        match executor.execute(request, asked, transport).await {
            Reply::Refused(refusal) => self.fail(&refusal.errors).await,
            Reply::Answer(answered) if answered.answer.outcome == OperationOutcome::Refused => {
                match request_errors(&answered.answer.body) {
                    Some(errors) => self.fail(errors).await,
                    None => self.answer(&answered.answer.body).await,
                }
            }
            Reply::Answer(answered) => self.answer(&answered.answer.body).await,
            Reply::Stream(results) => self.hand_over(results).await,
        }
    }

    /// One answer (its JSON as executed or kept), then `complete`.
    async fn answer(self, body: &[u8]) {
        let text = self
            .messages
            .next_json(&self.id, &String::from_utf8_lossy(body));
        if self.outbox.send(Outgoing::Text(text)).await.is_ok() {
            self.complete().await;
        }
    }

    /// A subscription's results go to the connection, which writes each as it comes: one task
    /// per connection wakes per event, not one per subscription too.
    async fn hand_over(self, results: BoxStream<'static, Arc<SharedResult>>) {
        let relay = Outgoing::Relay {
            id: self.id,
            generation: self.generation,
            results,
        };
        let _ = self.outbox.send(relay).await;
    }

    async fn fail(self, errors: &(impl serde::Serialize + ?Sized)) {
        let text = self.messages.error(&self.id, errors);
        let _ = self.outbox.send(Outgoing::Text(text)).await;
        self.finished().await;
    }

    async fn complete(self) {
        let text = self.messages.complete(&self.id);
        let _ = self.outbox.send(Outgoing::Text(text)).await;
        self.finished().await;
    }

    async fn finished(self) {
        let (id, generation) = (self.id, self.generation);
        let _ = self
            .outbox
            .send(Outgoing::Finished { id, generation })
            .await;
    }
}

/// The errors of an answer that holds nothing else (`{"errors": […]}`).
fn request_errors(body: &[u8]) -> Option<&RawValue> {
    #[derive(serde::Deserialize)]
    struct Errors<'a> {
        #[serde(borrow)]
        errors: &'a RawValue,
    }
    serde_json::from_slice::<Errors<'_>>(body)
        .ok()
        .map(|e| e.errors)
}
