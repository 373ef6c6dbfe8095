//! What one operation's resolvers read, as one value: who asks, in which language, the provider
//! clients, the loaders and the memo. Its only constructor takes the request's trace and makes
//! the provider clients record into it, so no transport can run an operation whose answer
//! forgets the provider answers that fed it (the tags that let a webhook drop a kept answer).
//! The schema holds no provider clients of its own: a resolver that finds no context fails,
//! it does not fall back to clients that record nothing.

use std::sync::Arc;
use std::time::{Duration, Instant};

use async_graphql::Context;

use crate::cache::RequestTrace;
use crate::error::{ErrorCode, graphql_error};
use crate::graphql::{Caller, Loaders, RequestLocale, RequestMemo};
use crate::providers::{Providers, Variant};

/// One operation's context (one subscription's, for all its events).
pub(crate) struct RequestContext {
    caller: Caller,
    locale: RequestLocale,
    /// Copies of the provider clients that record their reads in `trace`.
    providers: Providers,
    loaders: Loaders,
    memo: RequestMemo,
    /// Whether pages read ahead for their shows (not for a subscription: it reads afresh).
    reads_ahead: bool,
    trace: Arc<RequestTrace>,
}

/// Whether the loaders and memo keep what they read for the whole operation (a query or a
/// mutation) or forget it once delivered (a subscription: each event reads afresh).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Memory {
    Remember,
    Forget,
}

impl RequestContext {
    /// The context of an operation whose provider calls end by `deadline` (none: a
    /// subscription, whose events each run as long as their calls take).
    pub(crate) fn new(
        base: &Providers,
        caller: Caller,
        locale: RequestLocale,
        deadline: Option<Instant>,
        loader_delay: Duration,
        memory: Memory,
    ) -> Self {
        let trace = Arc::new(RequestTrace::default());
        let providers = base.variant(Variant::Request {
            trace: trace.clone(),
            deadline,
        });
        let forget = memory == Memory::Forget;
        let loaders = Loaders::new(&providers, loader_delay, forget);
        let memo = match memory {
            Memory::Remember => RequestMemo::default(),
            Memory::Forget => RequestMemo::forgetful(),
        };
        Self {
            caller,
            locale,
            providers,
            loaders,
            memo,
            reads_ahead: !forget,
            trace,
        }
    }

    /// The context of the operation `ctx` belongs to.
    pub(crate) fn of<'a>(ctx: &Context<'a>) -> async_graphql::Result<&'a Self> {
        ctx.data_opt::<Self>()
            .ok_or_else(|| graphql_error(ErrorCode::Internal, "the request context is missing"))
    }

    pub(crate) fn caller(&self) -> Caller {
        self.caller
    }

    pub(crate) fn locale(&self) -> Option<&str> {
        self.locale.0.as_deref()
    }

    pub(crate) fn providers(&self) -> &Providers {
        &self.providers
    }

    pub(crate) fn loaders(&self) -> &Loaders {
        &self.loaders
    }

    pub(crate) fn memo(&self) -> &RequestMemo {
        &self.memo
    }

    pub(crate) fn reads_ahead(&self) -> bool {
        self.reads_ahead
    }

    pub(crate) fn trace(&self) -> &Arc<RequestTrace> {
        &self.trace
    }
}
