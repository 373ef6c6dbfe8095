//! An operation cleared to run once: a query or a mutation. It runs in a task of its own with
//! its own context, within the request timeout, and comes back as an [`Answer`] that records
//! what fed it: how long it may be kept and the tags that would make it wrong.

use std::sync::Arc;
use std::time::{Duration, Instant};

use async_graphql::parser::types::{ExecutableDocument, OperationType};
use tracing::Instrument;

use super::context::{Memory, RequestContext};
use super::field_order::reorder;
use super::refusals::{is_request_error, with_validation_code};
use super::{Asked, Executor, answers};
use crate::cache::Answer;
use crate::error::ErrorCode;
use crate::metrics::OperationOutcome;

/// An operation cleared to run.
pub(super) struct Execution {
    pub(crate) executor: Executor,
    pub(crate) request: async_graphql::Request,
    pub(crate) document: Arc<ExecutableDocument>,
    pub(crate) kind: Option<OperationType>,
    pub(crate) name: Option<Arc<str>>,
    pub(crate) asked: Asked,
}

impl Execution {
    /// Runs the operation in a task of its own: it completes for the identical requests
    /// waiting on it even if the request that started it goes away, and resolving a deep
    /// document starts from a fresh stack.
    pub(super) async fn spawn(self) -> Answer {
        let task = tokio::spawn(self.run().in_current_span());
        task.await.unwrap_or_else(|error| {
            tracing::error!(%error, "a GraphQL execution failed");
            let message = "the operation failed inside the gateway";
            answers::failure(ErrorCode::Internal, message, OperationOutcome::Error)
        })
    }

    /// Executes with this request's own context, within the request timeout. Provider calls
    /// share the request's deadline, a margin before the timeout, so a call that would outlast
    /// it ends (or is never made) in time for a partial answer.
    async fn run(self) -> Answer {
        let parts = &self.executor.0;
        let timeout = parts.limits.request_timeout;
        let deadline = Instant::now() + timeout - answer_margin(timeout);
        let context = RequestContext::new(
            &parts.providers,
            self.asked.caller,
            self.asked.locale.clone(),
            Some(deadline),
            parts.loader_delay,
            Memory::Remember,
        );
        let trace = context.trace().clone();
        let operation_name = self.request.operation_name.clone();
        // Kept to name a variable whose value is refused (few requests have any).
        let variables =
            (!self.request.variables.is_empty()).then(|| self.request.variables.clone());
        let execution = parts.schema.execute(self.request.data(context));
        let Ok(mut response) = tokio::time::timeout(timeout, execution).await else {
            let message = format!(
                "the request ran longer than {}",
                humantime::format_duration(timeout)
            );
            return answers::failure(
                ErrorCode::RequestTimeout,
                &message,
                OperationOutcome::Timeout,
            );
        };
        if is_request_error(&response) {
            let errors = response
                .errors
                .into_iter()
                .map(|error| with_validation_code(error, &self.document, variables.as_ref()))
                .collect();
            return answers::request_errors(self.asked.media, errors);
        }
        // Items left out of the provider answers used: the answer is partial (and not kept).
        response.errors.extend(
            trace
                .dropped()
                .iter()
                .map(crate::providers::DroppedItem::to_server_error),
        );
        let outcome = match (
            response.errors.is_empty(),
            response.data == async_graphql::Value::Null,
        ) {
            (true, _) => OperationOutcome::Ok,
            (false, false) => OperationOutcome::Partial,
            (false, true) => OperationOutcome::Error,
        };
        reorder(
            &mut response.data,
            &self.document,
            operation_name.as_deref(),
        );
        let stale = trace.stale();
        if !stale.is_empty() {
            let names = stale
                .into_iter()
                .map(async_graphql::Value::String)
                .collect();
            response
                .extensions
                .insert("stale".into(), async_graphql::Value::List(names));
        }
        let keepable = self.kind == Some(OperationType::Query) && response.errors.is_empty();
        let keep_for = keepable
            .then(|| trace.max_age(parts.cache.policy().shortest_ttl()))
            .flatten();
        // The tags only matter to an answer the response cache may keep.
        let kept = keep_for.is_some() && parts.cache.responses().is_some();
        let tags = if kept { trace.tags() } else { Vec::new() };
        let body = serde_json::to_vec(&response).expect("responses serialise");
        answers::executed(body, keep_for, tags, self.name, outcome)
    }
}

/// The time kept, at the end of a request's timeout, to finish and write its answer once the
/// last provider call has ended: a tenth of the timeout, at most 250 ms.
fn answer_margin(timeout: Duration) -> Duration {
    (timeout / 10).min(Duration::from_millis(250))
}
