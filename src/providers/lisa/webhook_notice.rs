//! A webhook LiSA POSTs to the gateway, read for what it changes. Of the documented body
//! (`id`, `client`, `eventType`, `eventDate`, `data`, `changes`) only the event's `id`, its
//! `eventType` and — for events the gateway acts on — `data.id` are required; a show's
//! `data.channel` (`id`, `slug`), `data.isLive`, `data.status`, the names of the fields in
//! `changes` and the `eventDate` are used when present.
//!
//! What is kept or passed on is checked first, so that its size is known: LiSA's ids are
//! UUIDs (the event's, the item's, the channel's), an event type is a short printable word and
//! a slug a short one; anything else is refused with a reason that never quotes it at length.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;
use uuid::Uuid;

use crate::cache::{EntityType, Tag};
use crate::logged::clipped;
use crate::providers::Provider;

/// The longest `eventType` read: LiSA's are `Collection:action`.
pub(crate) const MAX_EVENT_TYPE_BYTES: usize = 64;
/// The longest channel slug read.
pub(crate) const MAX_SLUG_BYTES: usize = 128;
/// The most field names read from `changes` (a show has about 30 fields).
pub(crate) const MAX_CHANGED_FIELDS: usize = 64;
/// The longest field name read from `changes`.
pub(crate) const MAX_FIELD_NAME_BYTES: usize = 64;

/// A webhook the gateway acts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Notice {
    /// The event's id: a repeated delivery carries the same one.
    pub(crate) event_id: Uuid,
    pub(crate) kind: NoticeKind,
    /// `data.id`: the show, snippet or story that changed (a UUID, as LiSA wrote it).
    pub(crate) item_id: String,
    /// `data.channel.id`, when the item names its channel (a UUID, as LiSA wrote it).
    pub(crate) channel_id: Option<String>,
    /// `data.channel.slug`, likewise.
    pub(crate) channel_slug: Option<String>,
    /// `eventDate`, else when the gateway received it.
    pub(crate) occurred_at: DateTime<Utc>,
    /// The item says it is or was on air: `data.isLive` is `true`, or `changes.isLive` is
    /// `false` (the change took it off air).
    pub(crate) was_live: bool,
    /// `data.status` is `draft`: the item was never public.
    pub(crate) draft: bool,
    /// The names of the fields in `changes`, in LiSA's words (`products`, `title`…),
    /// alphabetically: only names of letters, digits and `_`, each at most
    /// [`MAX_FIELD_NAME_BYTES`], at most [`MAX_CHANGED_FIELDS`] of them; others are left out.
    pub(crate) changed_fields: Vec<String>,
}

/// A show that started or stopped, as a `Show:start` or `Show:stop` webhook tells it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ShowTransition {
    /// The show's id (a UUID, as LiSA wrote it).
    pub(crate) show_id: String,
    /// What the show is known by as a channel: its channel's id and slug, those the webhook
    /// names.
    pub(crate) channel: Vec<String>,
    /// `true` for `Show:start`, `false` for `Show:stop`.
    pub(crate) started: bool,
    /// When it happened ([`Notice::occurred_at`]).
    pub(crate) at: DateTime<Utc>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NoticeKind {
    /// `Show:start` (`live: true`) or `Show:stop`.
    ShowState {
        live: bool,
    },
    /// Any other documented show action.
    Show(ShowAction),
    Snippet,
    Story,
}

/// What a show webhook other than a start or stop says happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ShowAction {
    Create,
    Update,
    Publish,
    Unpublish,
    Delete,
}

/// What a well-formed webhook body says.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Webhook {
    Act(Notice),
    /// A collection or action the gateway does not know: acknowledged, nothing done.
    Ignore {
        /// At most [`MAX_EVENT_TYPE_BYTES`] printable ASCII characters.
        event_type: String,
    },
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Body {
    id: Value,
    event_type: Value,
    #[serde(default)]
    data: Value,
    #[serde(default)]
    event_date: Value,
    #[serde(default)]
    changes: Value,
}

impl Webhook {
    /// Reads a body; `Err` says what is missing or malformed (answered 400).
    pub(crate) fn parse(body: &[u8]) -> Result<Self, String> {
        let body: Body = serde_json::from_slice(body)
            .map_err(|e| format!("the body is not a webhook: {}", clipped(&e.to_string())))?;
        let event_id = body
            .id
            .as_str()
            .and_then(|id| Uuid::parse_str(id).ok())
            .ok_or_else(|| uuid_expected("`id`"))?;
        let event_type = event_type(&body.event_type)?;
        let Some(kind) = NoticeKind::of(event_type) else {
            return Ok(Self::Ignore {
                event_type: event_type.to_string(),
            });
        };
        let item_id = required_uuid(&body.data["id"], "`data.id`")?;
        let channel = &body.data["channel"];
        Ok(Self::Act(Notice {
            event_id,
            kind,
            item_id: item_id.to_string(),
            channel_id: optional_uuid(&channel["id"], "`data.channel.id`")?,
            channel_slug: optional_slug(&channel["slug"])?,
            occurred_at: non_empty(&body.event_date)
                .and_then(|date| DateTime::parse_from_rfc3339(date).ok())
                .map_or_else(Utc::now, |date| date.with_timezone(&Utc)),
            was_live: body.data["isLive"] == Value::Bool(true)
                || body.changes["isLive"] == Value::Bool(false),
            draft: body.data["status"] == "draft",
            changed_fields: field_names(&body.changes),
        }))
    }
}

fn non_empty(value: &Value) -> Option<&str> {
    value.as_str().filter(|s| !s.trim().is_empty())
}

/// Whether an optional field is left out: absent, null or a blank string.
fn left_out(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(text) => text.trim().is_empty(),
        _ => false,
    }
}

/// `value` as a UUID's text, or why not.
fn required_uuid<'a>(value: &'a Value, name: &str) -> Result<&'a str, String> {
    value
        .as_str()
        .filter(|text| Uuid::parse_str(text).is_ok())
        .ok_or_else(|| uuid_expected(name))
}

fn uuid_expected(name: &str) -> String {
    format!("{name} must be a UUID, as LiSA's ids are")
}

/// A UUID's text when `value` is one; nothing when it is absent, null or empty.
fn optional_uuid(value: &Value, name: &str) -> Result<Option<String>, String> {
    if left_out(value) {
        return Ok(None);
    }
    required_uuid(value, name).map(|id| Some(id.to_string()))
}

/// A slug (lower-case letters, digits, dashes, at most [`MAX_SLUG_BYTES`]) when `value` is one;
/// nothing when it is absent, null or empty.
fn optional_slug(value: &Value) -> Result<Option<String>, String> {
    if left_out(value) {
        return Ok(None);
    }
    let is_slug = |text: &&str| {
        text.len() <= MAX_SLUG_BYTES
            && text
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    match value.as_str().filter(is_slug) {
        Some(slug) => Ok(Some(slug.to_string())),
        None => Err(format!(
            "`data.channel.slug` must be lower-case letters, digits and dashes, at most {MAX_SLUG_BYTES} bytes"
        )),
    }
}

/// The names of `changes`' fields that read as field names, alphabetically (see
/// [`Notice::changed_fields`]).
fn field_names(changes: &Value) -> Vec<String> {
    let is_name = |name: &&String| {
        !name.is_empty()
            && name.len() <= MAX_FIELD_NAME_BYTES
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    };
    let Some(fields) = changes.as_object() else {
        return Vec::new();
    };
    fields
        .keys()
        .filter(is_name)
        .take(MAX_CHANGED_FIELDS)
        .cloned()
        .collect()
}

/// The `eventType`: a non-empty word of printable ASCII, at most [`MAX_EVENT_TYPE_BYTES`].
fn event_type(value: &Value) -> Result<&str, String> {
    value
        .as_str()
        .filter(|t| !t.is_empty() && t.len() <= MAX_EVENT_TYPE_BYTES)
        .filter(|t| t.bytes().all(|b| b.is_ascii_graphic()))
        .ok_or_else(|| {
            format!(
                "`eventType` must be a non-empty string of at most {MAX_EVENT_TYPE_BYTES} printable ASCII characters"
            )
        })
}

impl NoticeKind {
    /// The kind as a metrics label.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Self::ShowState { live: true } => "show_start",
            Self::ShowState { live: false } => "show_stop",
            Self::Show(_) => "show",
            Self::Snippet => "snippet",
            Self::Story => "story",
        }
    }

    /// The kind of a documented event type (`Show:start`…), `None` for any other.
    fn of(event_type: &str) -> Option<Self> {
        const CONTENT_ACTIONS: [&str; 5] = ["create", "delete", "publish", "unpublish", "update"];
        let (collection, action) = event_type.split_once(':')?;
        let show = |action| Some(Self::Show(action));
        match (collection, action) {
            ("Show", "start") => Some(Self::ShowState { live: true }),
            ("Show", "stop") => Some(Self::ShowState { live: false }),
            ("Show", "create") => show(ShowAction::Create),
            ("Show", "update") => show(ShowAction::Update),
            ("Show", "publish") => show(ShowAction::Publish),
            ("Show", "unpublish") => show(ShowAction::Unpublish),
            ("Show", "delete") => show(ShowAction::Delete),
            ("Snippet", action) if CONTENT_ACTIONS.contains(&action) => Some(Self::Snippet),
            ("Story", action) if CONTENT_ACTIONS.contains(&action) => Some(Self::Story),
            _ => None,
        }
    }
}

impl Notice {
    /// Every cache tag the change makes wrong: the item, the lists and counts of its kind, and
    /// its channel (a channel shows its shows and stories).
    pub(crate) fn changed(&self) -> Vec<Tag> {
        let (kind, lists): (EntityType, &[EntityType]) = match self.kind {
            NoticeKind::Show(_) | NoticeKind::ShowState { .. } => {
                (EntityType::Show, &[EntityType::Show])
            }
            NoticeKind::Snippet => (EntityType::Snippet, &[EntityType::Snippet]),
            NoticeKind::Story => (
                EntityType::Story,
                &[EntityType::Story, EntityType::StoryBadge],
            ),
        };
        let mut tags = vec![Tag::entity(Provider::Lisa, kind, &self.item_id)];
        tags.extend(lists.iter().map(|list| Tag::list(Provider::Lisa, *list)));
        if let Some(channel) = &self.channel_id {
            tags.push(Tag::entity(Provider::Lisa, EntityType::Channel, channel));
        }
        tags
    }

    /// What the item is known by as a channel: its channel's id and slug, those the webhook
    /// names.
    pub(crate) fn channel_names(&self) -> Vec<String> {
        self.channel_id
            .iter()
            .chain(&self.channel_slug)
            .cloned()
            .collect()
    }

    /// What `Show:start` and `Show:stop` say: which show started or stopped, and when.
    pub(crate) fn show_transition(&self) -> Option<ShowTransition> {
        let NoticeKind::ShowState { live } = self.kind else {
            return None;
        };
        Some(ShowTransition {
            show_id: self.item_id.clone(),
            channel: self.channel_names(),
            started: live,
            at: self.occurred_at,
        })
    }
}

#[cfg(test)]
mod fuzz;

#[cfg(test)]
mod tests;
