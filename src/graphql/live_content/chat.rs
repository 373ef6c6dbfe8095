//! Small Caast value types: chat messages and event timecodes.

use crate::graphql::date_time::Rfc3339;
use async_graphql::{ID, SimpleObject};

use crate::providers::caast;

/// A message of a live's chat.
#[derive(SimpleObject, Clone, Debug)]
pub(crate) struct ChatMessage {
    /// The provider's message id (pass it as `after` to read the messages that follow).
    pub(crate) id: ID,
    /// Who wrote it.
    pub(crate) author: Option<String>,
    /// What was written.
    pub(crate) message: Option<String>,
    /// When it was sent.
    pub(crate) sent_at: Option<Rfc3339>,
    /// Whether a moderator wrote it.
    pub(crate) moderator: bool,
}

impl From<caast::ChatMessage> for ChatMessage {
    fn from(m: caast::ChatMessage) -> Self {
        Self {
            id: ID(m.id),
            author: m.author,
            message: m.message,
            sent_at: m.sent_at.map(Rfc3339),
            moderator: m.moderator,
        }
    }
}

/// Something that happened at a moment of a live or video (a product shown, a message pinned…).
#[derive(SimpleObject, Clone, Debug)]
pub(crate) struct EventTimecode {
    /// The kind of event, as the provider names it.
    #[graphql(name = "type")]
    pub(crate) kind: Option<String>,
    /// Where the event starts, in seconds from the start of the stream.
    pub(crate) start_second: Option<f64>,
    /// Where it ends, in seconds from the start of the stream.
    pub(crate) end_second: Option<f64>,
    /// What the event is about.
    pub(crate) item: Option<EventTimecodeItem>,
}

/// The subject of an event timecode.
#[derive(SimpleObject, Clone, Debug)]
pub(crate) struct EventTimecodeItem {
    /// The provider's id of the item.
    pub(crate) uid: Option<String>,
    /// Its author.
    pub(crate) author: Option<String>,
    /// Its text.
    pub(crate) message: Option<String>,
}

/// The fields shown, from a timecode as the provider cache shares it (read, not taken apart).
impl From<&caast::Timecode> for EventTimecode {
    fn from(t: &caast::Timecode) -> Self {
        Self {
            kind: t.kind.clone(),
            start_second: t.start_second,
            end_second: t.end_second,
            item: t.item.as_ref().map(|i| EventTimecodeItem {
                uid: i.uid.clone(),
                author: i.author.clone(),
                message: i.message.clone(),
            }),
        }
    }
}
