//! Subscribers that asked the same thing share one execution. A show going live is announced to
//! every viewer of its page at once, and nearly all of them subscribed with the same document:
//! executing the event once per subscriber cost 10,000 executions for 10,000 viewers. Here the
//! subscribers whose subscriptions have the same document, operation, variables, locale and
//! caller form a group; the group listens to the events once, executes each once, serialises
//! the result once, and every member gets the same bytes (each transport writes only its own
//! envelope around them).
//!
//! Each member reads the group's results through its own bounded buffer: one that falls
//! [`MEMBER_BACKLOG`] results behind gets a `SUBSCRIBER_LAGGED` error and is ended, and never
//! holds up the others. The group ends with its last member.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, Weak};

use async_graphql::parser::types::ExecutableDocument;
use futures::StreamExt;
use futures::stream::{AbortHandle, Abortable, BoxStream};
use serde_json::json;
use serde_json::value::{RawValue, to_raw_value};
use tokio::sync::broadcast;

use super::refusals::{is_request_error, with_validation_codes};
use super::{Asked, Parts};
use crate::error::ErrorCode;
use crate::events::{Lagged, Subscription};
use crate::graphql::execution::context::{Memory, RequestContext};

/// Results a member may fall behind before it is ended.
pub(crate) const MEMBER_BACKLOG: usize = 1024;

/// One result of a subscription, serialised once for every member.
#[derive(Debug)]
pub(crate) struct SharedResult {
    /// The whole response's JSON, as text: members write it into their envelopes as it is.
    pub(crate) body: Arc<str>,
    /// When the response is a request error (the document does not validate…): its `errors`
    /// JSON, which some protocols send as an error of their own.
    pub(crate) request_errors: Option<Box<RawValue>>,
}

/// The groups under way, by what their members asked.
#[derive(Default)]
pub(crate) struct Groups(Mutex<HashMap<GroupKey, Weak<Group>>>);

/// What makes two subscriptions the same: document, operation, variables, locale and caller.
#[derive(Clone, PartialEq, Eq, Hash)]
struct GroupKey(String);

impl GroupKey {
    fn of(request: &async_graphql::Request, asked: &Asked) -> Self {
        let variables = serde_json::to_string(&request.variables).unwrap_or_default();
        let operation = request.operation_name.as_deref().unwrap_or("");
        Self(format!(
            "{:?}\u{0}{:?}\u{0}{operation}\u{0}{variables}\u{0}{}",
            asked.caller, asked.locale.0, request.query
        ))
    }
}

/// One group: its execution, and where it sends its results (held weakly: when the execution
/// ends, its sender goes, and so do its members' streams).
struct Group {
    results: broadcast::WeakSender<Arc<SharedResult>>,
    execution: AbortHandle,
    groups: Weak<Groups>,
    key: GroupKey,
}

impl Drop for Group {
    fn drop(&mut self) {
        self.execution.abort();
        if let Some(groups) = self.groups.upgrade() {
            let mut groups = groups.lock();
            if groups.get(&self.key).is_some_and(|g| g.strong_count() == 0) {
                groups.remove(&self.key);
            }
        }
    }
}

/// What the execution of a group listens with: the listener made when the group was, so that
/// a member counted as subscribed is sure to hear the next event.
pub(crate) struct GroupListener(Mutex<Option<Subscription>>);

impl GroupListener {
    /// The listener, once (the subscription's root field takes it).
    pub(crate) fn take(&self) -> Option<Subscription> {
        self.0.lock().ok()?.take()
    }
}

impl Groups {
    fn lock(&self) -> MutexGuard<'_, HashMap<GroupKey, Weak<Group>>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A subscriber's results: its group's, from when it joined.
pub(super) fn join(
    parts: &Parts,
    request: async_graphql::Request,
    document: Arc<ExecutableDocument>,
    asked: Asked,
) -> BoxStream<'static, Arc<SharedResult>> {
    let key = GroupKey::of(&request, &asked);
    let mut registry = parts.groups.lock();
    // Dropped only once the registry is unlocked: the last reference to an ended group
    // unregisters it.
    let existing = registry.get(&key).and_then(Weak::upgrade);
    let joined = existing.as_ref().and_then(|group| {
        let results = group.results.upgrade()?.subscribe();
        Some((results, group.clone()))
    });
    let (results, group) = match joined {
        Some(joined) => joined,
        None => {
            let (group, results) = start(parts, key.clone(), request, document, asked);
            registry.insert(key, Arc::downgrade(&group));
            (results, group)
        }
    };
    drop(registry);
    drop(existing);
    let counted = parts.events.subscribers().member();
    member_results(results, (group, counted))
}

/// A new group's execution, listening from now on; its first member reads `results`.
fn start(
    parts: &Parts,
    key: GroupKey,
    request: async_graphql::Request,
    document: Arc<ExecutableDocument>,
    asked: Asked,
) -> (Arc<Group>, broadcast::Receiver<Arc<SharedResult>>) {
    let (sender, results) = broadcast::channel(MEMBER_BACKLOG);
    let context = RequestContext::new(
        &parts.providers,
        asked.caller,
        asked.locale,
        None,
        parts.loader_delay,
        Memory::Forget,
    );
    let listener = GroupListener(Mutex::new(Some(parts.events.listen())));
    let variables = request.variables.clone();
    let subscribers = parts.events.subscribers().clone();
    let responses = parts
        .schema
        .execute_stream(request.data(context).data(listener));
    let weak = sender.downgrade();
    let execution = async move {
        let mut responses = responses;
        while let Some(response) = responses.next().await {
            let response = with_validation_codes(response, &document, &variables);
            subscribers.executed();
            let _ = sender.send(Arc::new(shared(&response)));
        }
    };
    let (abort, registration) = AbortHandle::new_pair();
    tokio::spawn(Abortable::new(execution, registration));
    let group = Arc::new(Group {
        results: weak,
        execution: abort,
        groups: Arc::downgrade(&parts.groups),
        key,
    });
    (group, results)
}

/// A response serialised for every member.
fn shared(response: &async_graphql::Response) -> SharedResult {
    let body = serde_json::to_string(response).expect("responses serialise");
    let request_errors = is_request_error(response)
        .then(|| to_raw_value(&response.errors).expect("errors serialise"));
    SharedResult {
        body: Arc::from(body),
        request_errors,
    }
}

/// A member's stream: the group's results until the group ends, or a `SUBSCRIBER_LAGGED`
/// error once the member falls too far behind. It keeps `held` (the group, the member's count)
/// until dropped.
fn member_results(
    results: broadcast::Receiver<Arc<SharedResult>>,
    held: impl Send + 'static,
) -> BoxStream<'static, Arc<SharedResult>> {
    futures::stream::unfold(Some((results, held)), |state| async move {
        let (mut results, held) = state?;
        match results.recv().await {
            Ok(result) => Some((result, Some((results, held)))),
            Err(broadcast::error::RecvError::Lagged(missed)) => Some((lagged(missed), None)),
            Err(broadcast::error::RecvError::Closed) => None,
        }
    })
    .boxed()
}

/// The error a member that fell behind gets, as the last result it reads.
fn lagged(missed: u64) -> Arc<SharedResult> {
    let message = Lagged(missed).message();
    let body = json!({
        "data": null,
        "errors": [{
            "message": message,
            "extensions": { "code": ErrorCode::SubscriberLagged.as_str() },
        }],
    });
    Arc::new(SharedResult {
        body: Arc::from(body.to_string()),
        request_errors: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(n: usize) -> Arc<SharedResult> {
        Arc::new(SharedResult {
            body: Arc::from(n.to_string()),
            request_errors: None,
        })
    }

    #[tokio::test]
    async fn a_member_that_falls_behind_is_ended_and_never_holds_up_the_others() {
        let (sender, idle) = broadcast::channel(4);
        let mut reading = member_results(sender.subscribe(), ());
        let mut idle = member_results(idle, ());
        for n in 0..10 {
            sender.send(result(n)).expect("members listen");
            let heard = reading.next().await.expect("a result");
            assert_eq!(
                &*heard.body,
                n.to_string(),
                "a member that reads hears every result"
            );
        }
        let last = idle.next().await.expect("the lag is reported");
        assert!(last.body.contains("SUBSCRIBER_LAGGED"), "{}", last.body);
        assert!(idle.next().await.is_none(), "then the member is ended");
        drop(sender);
        assert!(
            reading.next().await.is_none(),
            "the group's end ends its members"
        );
    }
}
