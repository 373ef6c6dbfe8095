//! One GraphQL operation, whatever carried it. HTTP (POST and GET), WebSocket and Server-Sent
//! Events only read their wire format into a request and say who asks ([`Asked`]) and how
//! ([`Transport`]); [`Executor::execute`] does the rest, top to bottom:
//!
//! 1. the response cache, when it keeps an answer to this very request (nothing is parsed);
//! 2. parsing, the document limits and the transport's rules (`refusals.rs`);
//! 3. the per-request context ([`RequestContext`]: traced provider clients, loaders, memo,
//!    caller, locale);
//! 4. execution within the request timeout, once for identical queries under way together;
//! 5. the answer, with how long it may be kept and the tags that would make it wrong; kept
//!    when it may be.
//!
//! A subscription becomes a stream of results instead, one per event, each executed with a
//! context whose loaders forget between events. Every operation is counted and traced, hits
//! included.

pub(crate) mod document_limits;
pub(crate) mod executed_fields;
pub(crate) mod normalised;

mod answers;
mod context;
mod documents;
mod field_order;
mod groups;
mod operation;
mod refusals;
mod response_key;
mod single;
mod syntax_errors;
mod variable_errors;

use std::sync::Arc;
use std::time::{Duration, Instant};

use async_graphql::parser::types::{ExecutableDocument, OperationType};
use futures::stream::BoxStream;
use secrecy::SecretString;
use tracing::Instrument;

pub(crate) use answers::Refusal;
pub(crate) use context::RequestContext;
pub(crate) use groups::{GroupListener, Groups, SharedResult};
pub(crate) use refusals::with_code;

use crate::cache::{Answer, ProviderCache};
use crate::config::Limits;
use crate::error::ErrorCode;
use crate::events::Events;
use crate::graphql::{Caller, GatewaySchema, RequestLocale};
use crate::metrics::Metrics;
use crate::metrics::OperationOutcome;
use crate::providers::Providers;
pub(crate) use documents::Documents;
use operation::{kind_label, only_name, operation_type};
use response_key::response_key;
use single::Execution;

/// How an operation came.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Transport {
    /// A POST over plain HTTP: one answer.
    Post,
    /// A GET over plain HTTP: one answer, and queries only.
    Get,
    /// A WebSocket or an event stream (opened by a GET: `over_get`): one answer, or a
    /// subscription's results.
    Stream { over_get: bool },
}

impl Transport {
    fn over_get(self) -> bool {
        matches!(self, Self::Get | Self::Stream { over_get: true })
    }
}

/// The JSON flavour an answer is written in: it decides the status of request errors, so it
/// is part of what a kept answer is kept under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ResponseMedia {
    /// `application/graphql-response+json`: request errors are 4xx.
    GraphqlResponseJson,
    /// `application/json`: every well-formed request gets 200.
    Json,
}

impl ResponseMedia {
    pub(crate) fn content_type(self) -> &'static str {
        match self {
            Self::GraphqlResponseJson => "application/graphql-response+json; charset=utf-8",
            Self::Json => "application/json; charset=utf-8",
        }
    }
}

/// What the transport knows of who asks.
#[derive(Debug, Clone)]
pub(crate) struct Asked {
    pub(crate) caller: Caller,
    pub(crate) locale: RequestLocale,
    /// Streams answer in the spec's media type.
    pub(crate) media: ResponseMedia,
}

/// What an operation comes to.
pub(crate) enum Reply {
    /// Refused before it ran.
    Refused(Refusal),
    /// One answer: executed, shared with identical requests under way, or kept.
    Answer(Answered),
    /// A subscription's results, one per event, serialised once for its whole group (a request
    /// error comes as the only one).
    Stream(BoxStream<'static, Arc<SharedResult>>),
}

/// One answer and how it may be kept.
pub(crate) struct Answered {
    pub(crate) answer: Arc<Answer>,
    /// How much longer anyone may keep it (`None`: nobody).
    pub(crate) fresh_for: Option<Duration>,
    /// `HIT` or `MISS` when the response cache was asked, else `None`.
    pub(crate) x_cache: Option<&'static str>,
}

/// Runs operations; one per gateway, shared by every transport.
#[derive(Clone)]
pub(crate) struct Executor(Arc<Parts>);

/// What running an operation needs.
pub(crate) struct Parts {
    pub(crate) schema: GatewaySchema,
    /// The provider clients every request's traced copies are made from.
    pub(crate) providers: Providers,
    /// The provider-answer cache, and beside it the response cache.
    pub(crate) cache: Arc<ProviderCache>,
    pub(crate) limits: Arc<Limits>,
    /// How long each request's dataloaders gather keys.
    pub(crate) loader_delay: Duration,
    pub(crate) metrics: Arc<Metrics>,
    /// The bearer token that makes a caller an operator (none: nobody is).
    pub(crate) operator_token: Option<SecretString>,
    /// The documents parsed so far, by their text.
    pub(crate) documents: Documents,
    /// Where subscriptions listen for events.
    pub(crate) events: Events,
    /// The subscriptions under way, grouped by what they asked.
    pub(crate) groups: Arc<Groups>,
}

/// One operation's reply, and what metrics say of it.
struct Ran {
    reply: Reply,
    /// The operation's name: as asked, or the document's only operation's.
    name: Option<Arc<str>>,
    kind: Option<OperationType>,
    outcome: OperationOutcome,
}

impl Ran {
    fn refused(refusal: Refusal, name: Option<Arc<str>>, kind: Option<OperationType>) -> Self {
        Self {
            reply: Reply::Refused(refusal),
            name,
            kind,
            outcome: OperationOutcome::Refused,
        }
    }
}

impl Executor {
    pub(crate) fn new(parts: Parts) -> Self {
        Self(Arc::new(parts))
    }

    /// Who presents `token` (none: anonymous).
    pub(crate) fn caller(&self, token: Option<&str>) -> Caller {
        Caller::from_bearer(token, self.0.operator_token.as_ref())
    }

    /// Whether `request` names a subscription (a document that does not parse names none). The
    /// parsed document is kept, so executing the request next parses nothing again.
    pub(crate) fn is_subscription(&self, request: &async_graphql::Request) -> bool {
        self.0
            .documents
            .parse(&request.query)
            .is_ok_and(|document| {
                let name = request.operation_name.as_deref();
                operation_type(&document.operations, name) == Some(OperationType::Subscription)
            })
    }

    /// Runs one operation and counts it (name, kind, outcome, latency).
    pub(crate) async fn execute(
        &self,
        request: async_graphql::Request,
        asked: Asked,
        transport: Transport,
    ) -> Reply {
        let started = Instant::now();
        let span = tracing::info_span!(
            "graphql_operation",
            graphql.operation.name = tracing::field::Empty,
            graphql.operation.type = tracing::field::Empty,
            outcome = tracing::field::Empty,
        );
        let ran = self
            .run(request, asked, transport)
            .instrument(span.clone())
            .await;
        let (name, kind) = (ran.name.as_deref(), kind_label(ran.kind));
        let shown = crate::logged::clipped(name.unwrap_or("anonymous"));
        span.record("graphql.operation.name", shown.as_ref());
        span.record("graphql.operation.type", kind);
        span.record("outcome", ran.outcome.label());
        let took = started.elapsed();
        self.0.metrics.operation(name, kind, ran.outcome, took);
        ran.reply
    }

    async fn run(
        &self,
        request: async_graphql::Request,
        asked: Asked,
        transport: Transport,
    ) -> Ran {
        let responses = self.0.cache.responses();
        let key = responses.and_then(|_| response_key(&request, &asked));
        if let (Some(responses), Some(key)) = (responses, &key)
            && let Some(hit) = responses.hit(key).await
        {
            return Ran {
                name: hit.answer.operation.clone(),
                kind: Some(OperationType::Query),
                outcome: hit.answer.outcome,
                reply: Reply::Answer(Answered {
                    answer: hit.answer,
                    fresh_for: Some(hit.fresh_for),
                    x_cache: Some("HIT"),
                }),
            };
        }
        // Boxed: a miss's future is large, and a hit, the common case, need not carry it.
        Box::pin(self.run_missed(request, asked, transport, key)).await
    }

    /// Parses, checks and executes an operation no kept answer matched.
    async fn run_missed(
        &self,
        mut request: async_graphql::Request,
        asked: Asked,
        transport: Transport,
        key: Option<crate::cache::CacheKey>,
    ) -> Ran {
        let operation_name = request.operation_name.clone();
        let document = match self.0.documents.parse(&request.query) {
            Ok(document) => document,
            Err(error) => {
                let error = with_code(error, ErrorCode::GraphqlParseFailed);
                let name = operation_name.map(Arc::from);
                return Ran::refused(Refusal::request_errors(vec![error]), name, None);
            }
        };
        let kind = operation_type(&document.operations, operation_name.as_deref());
        let name: Option<Arc<str>> = operation_name
            .or_else(|| only_name(&document.operations))
            .map(Arc::from);
        if let Some(refusal) =
            refusals::before_execution(&self.0.limits, &document, kind, transport)
        {
            return Ran::refused(refusal, name, kind);
        }
        // async-graphql takes the document by value: a copy costs far less than a parse.
        request.set_parsed_query(ExecutableDocument::clone(&document));
        if kind == Some(OperationType::Subscription) {
            return Ran {
                reply: Reply::Stream(self.subscribe(request, document, asked)),
                name,
                kind,
                outcome: OperationOutcome::Ok,
            };
        }
        let execution = Execution {
            executor: self.clone(),
            request,
            document,
            kind,
            name: name.clone(),
            asked,
        };
        let cache = self.0.cache.responses();
        let (answer, x_cache) = match (cache, key) {
            (Some(responses), Some(key)) if kind == Some(OperationType::Query) => {
                let (answer, _) = responses.execute_once(&key, || execution.spawn()).await;
                (answer, Some("MISS"))
            }
            _ => (Arc::new(execution.spawn().await), None),
        };
        Ran {
            name,
            kind,
            outcome: answer.outcome,
            reply: Reply::Answer(Answered {
                fresh_for: answer.keep_for,
                answer,
                x_cache,
            }),
        }
    }

    /// A subscription's results: its group's (see `groups.rs`), each event executed once with
    /// the group's context, whose loaders and memo forget between events; request errors carry
    /// their codes.
    fn subscribe(
        &self,
        request: async_graphql::Request,
        document: Arc<ExecutableDocument>,
        asked: Asked,
    ) -> BoxStream<'static, Arc<SharedResult>> {
        groups::join(&self.0, request, document, asked)
    }
}
