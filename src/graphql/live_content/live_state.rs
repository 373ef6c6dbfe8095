//! The GraphQL faces of the events' enums: the schema's `LiveState`, `EventSource` and
//! `LiveContentChange`. They live here rather than on the event types so that the events do not
//! depend on the GraphQL library; async-graphql's remote enums give the conversions both ways.
//! `GqlLiveState` is public because the public `LiveContentFilter` carries it.

use async_graphql::Enum;

/// Where a live content is in its life.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(name = "LiveState", remote = "crate::events::LiveState")]
pub(crate) enum GqlLiveState {
    /// Planned, not started yet.
    Scheduled,
    /// Streaming now.
    Live,
    /// Over (a replay may exist).
    Ended,
}

/// Who noticed a change.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(name = "EventSource", remote = "crate::events::EventSource")]
pub(crate) enum GqlEventSource {
    /// A LiSA webhook.
    Webhook,
    /// A mutation sent through this gateway.
    Mutation,
    /// The gateway's poller of Caast lives.
    Poll,
}

/// What happened to a live content.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(name = "LiveContentChange", remote = "crate::events::ContentChange")]
pub(crate) enum GqlContentChange {
    /// Edited (title, products, dates…).
    Updated,
    /// Published: public from now on.
    Published,
    /// Unpublished: no longer public.
    Unpublished,
    /// Deleted: archived or removed.
    Deleted,
}
