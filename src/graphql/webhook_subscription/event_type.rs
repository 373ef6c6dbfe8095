//! The webhook event types LiSA's reference lists, as an enum: a subscription asks for events
//! by these names only, so a misspelt one is refused by the schema instead of by LiSA.

use async_graphql::Enum;

/// A kind of LiSA event a webhook subscription receives; the `…_ALL` values are LiSA's
/// wildcards (`*`, `Show:*`, `Snippet:*`, `Story:*`).
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum WebhookEventType {
    /// Every event of every collection (`*`).
    All,
    /// Every show event (`Show:*`).
    ShowAll,
    /// A show was created (`Show:create`).
    ShowCreate,
    /// A show was deleted (`Show:delete`).
    ShowDelete,
    /// A show was published (`Show:publish`).
    ShowPublish,
    /// A show went live (`Show:start`).
    ShowStart,
    /// A show stopped (`Show:stop`).
    ShowStop,
    /// A show was unpublished (`Show:unpublish`).
    ShowUnpublish,
    /// A show was changed (`Show:update`).
    ShowUpdate,
    /// Every snippet event (`Snippet:*`).
    SnippetAll,
    /// A snippet was created (`Snippet:create`).
    SnippetCreate,
    /// A snippet was deleted (`Snippet:delete`).
    SnippetDelete,
    /// A snippet was published (`Snippet:publish`).
    SnippetPublish,
    /// A snippet was unpublished (`Snippet:unpublish`).
    SnippetUnpublish,
    /// A snippet was changed (`Snippet:update`).
    SnippetUpdate,
    /// Every story event (`Story:*`).
    StoryAll,
    /// A story was created (`Story:create`).
    StoryCreate,
    /// A story was deleted (`Story:delete`).
    StoryDelete,
    /// A story was published (`Story:publish`).
    StoryPublish,
    /// A story was unpublished (`Story:unpublish`).
    StoryUnpublish,
    /// A story was changed (`Story:update`).
    StoryUpdate,
}

impl WebhookEventType {
    /// LiSA's name of the event type.
    pub(crate) fn as_lisa(self) -> &'static str {
        match self {
            Self::All => "*",
            Self::ShowAll => "Show:*",
            Self::ShowCreate => "Show:create",
            Self::ShowDelete => "Show:delete",
            Self::ShowPublish => "Show:publish",
            Self::ShowStart => "Show:start",
            Self::ShowStop => "Show:stop",
            Self::ShowUnpublish => "Show:unpublish",
            Self::ShowUpdate => "Show:update",
            Self::SnippetAll => "Snippet:*",
            Self::SnippetCreate => "Snippet:create",
            Self::SnippetDelete => "Snippet:delete",
            Self::SnippetPublish => "Snippet:publish",
            Self::SnippetUnpublish => "Snippet:unpublish",
            Self::SnippetUpdate => "Snippet:update",
            Self::StoryAll => "Story:*",
            Self::StoryCreate => "Story:create",
            Self::StoryDelete => "Story:delete",
            Self::StoryPublish => "Story:publish",
            Self::StoryUnpublish => "Story:unpublish",
            Self::StoryUpdate => "Story:update",
        }
    }
}
