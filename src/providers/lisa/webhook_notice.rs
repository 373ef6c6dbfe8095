//! A webhook LiSA POSTs to the gateway, read for what it changes. Of the documented body
//! (`id`, `client`, `eventType`, `eventDate`, `data`, `changes`) only the event's `id`, its
//! `eventType` and — for events the gateway acts on — `data.id` are required; a show's
//! `data.channel` (`id`, `slug`) and the `eventDate` are used when present.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;

use crate::cache::{EntityType, Tag};
use crate::events::{EventSource, LiveState, Observation};
use crate::providers::Provider;

/// A webhook the gateway acts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// The event's id: a repeated delivery carries the same one.
    pub event_id: String,
    pub kind: NoticeKind,
    /// `data.id`: the show, snippet or story that changed.
    pub item_id: String,
    /// `data.channel.id`, when the item names its channel.
    pub channel_id: Option<String>,
    /// `data.channel.slug`, likewise.
    pub channel_slug: Option<String>,
    /// `eventDate`, else when the gateway received it.
    pub occurred_at: DateTime<Utc>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    /// `Show:start` (`live: true`) or `Show:stop`.
    ShowState {
        live: bool,
    },
    /// Any other documented show action.
    Show,
    Snippet,
    Story,
}

/// What a well-formed webhook body says.
#[derive(Debug, PartialEq, Eq)]
pub enum Webhook {
    Act(Notice),
    /// A collection or action the gateway does not know: acknowledged, nothing done.
    Ignore {
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
}

impl Webhook {
    /// Reads a body; `Err` says what is missing or malformed (answered 400).
    pub fn parse(body: &[u8]) -> Result<Self, String> {
        let body: Body =
            serde_json::from_slice(body).map_err(|e| format!("the body is not a webhook: {e}"))?;
        let event_id = non_empty(&body.id).ok_or("`id` must be a non-empty string")?;
        let event_type =
            non_empty(&body.event_type).ok_or("`eventType` must be a non-empty string")?;
        let Some(kind) = NoticeKind::of(event_type) else {
            return Ok(Self::Ignore {
                event_type: event_type.to_string(),
            });
        };
        let item_id = non_empty(&body.data["id"])
            .ok_or("`data.id` must be a non-empty string")?
            .to_string();
        Ok(Self::Act(Notice {
            event_id: event_id.to_string(),
            kind,
            item_id,
            channel_id: non_empty(&body.data["channel"]["id"]).map(str::to_string),
            channel_slug: non_empty(&body.data["channel"]["slug"]).map(str::to_string),
            occurred_at: non_empty(&body.event_date)
                .and_then(|date| DateTime::parse_from_rfc3339(date).ok())
                .map_or_else(Utc::now, |date| date.with_timezone(&Utc)),
        }))
    }
}

fn non_empty(value: &Value) -> Option<&str> {
    value.as_str().filter(|s| !s.trim().is_empty())
}

impl NoticeKind {
    /// The kind as a metrics label.
    pub fn label(self) -> &'static str {
        match self {
            Self::ShowState { live: true } => "show_start",
            Self::ShowState { live: false } => "show_stop",
            Self::Show => "show",
            Self::Snippet => "snippet",
            Self::Story => "story",
        }
    }

    /// The kind of a documented event type (`Show:start`…), `None` for any other.
    fn of(event_type: &str) -> Option<Self> {
        const CONTENT_ACTIONS: [&str; 5] = ["create", "delete", "publish", "unpublish", "update"];
        let (collection, action) = event_type.split_once(':')?;
        match (collection, action) {
            ("Show", "start") => Some(Self::ShowState { live: true }),
            ("Show", "stop") => Some(Self::ShowState { live: false }),
            ("Show", action) if CONTENT_ACTIONS.contains(&action) => Some(Self::Show),
            ("Snippet", action) if CONTENT_ACTIONS.contains(&action) => Some(Self::Snippet),
            ("Story", action) if CONTENT_ACTIONS.contains(&action) => Some(Self::Story),
            _ => None,
        }
    }
}

impl Notice {
    /// Every cache tag the change makes wrong: the item, the lists and counts of its kind, and
    /// its channel (a channel shows its shows and stories).
    pub fn changed(&self) -> Vec<Tag> {
        let (kind, lists): (EntityType, &[EntityType]) = match self.kind {
            NoticeKind::Show | NoticeKind::ShowState { .. } => {
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

    /// What `Show:start` and `Show:stop` say about the show's state (a show that starts was
    /// scheduled, one that stops was live, as far as the webhook tells).
    pub fn observation(&self) -> Option<Observation> {
        let NoticeKind::ShowState { live } = self.kind else {
            return None;
        };
        let (state, assumed_previous) = match live {
            true => (LiveState::Live, LiveState::Scheduled),
            false => (LiveState::Ended, LiveState::Live),
        };
        Some(Observation {
            provider: Provider::Lisa,
            id: self.item_id.clone(),
            channel: self
                .channel_id
                .iter()
                .chain(&self.channel_slug)
                .cloned()
                .collect(),
            state,
            assumed_previous: Some(assumed_previous),
            occurred_at: self.occurred_at,
            source: EventSource::Webhook,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(body: &str) -> Result<Webhook, String> {
        Webhook::parse(body.as_bytes())
    }

    #[test]
    fn a_show_start_invalidates_the_show_its_lists_and_channel_and_announces_itself() {
        let body =
            r#"{"id":"e1","eventType":"Show:start","data":{"id":"s1","channel":{"id":"c1"}}}"#;
        let Ok(Webhook::Act(notice)) = parse(body) else {
            panic!("a documented event is acted on");
        };
        let tags: Vec<String> = notice.changed().iter().map(ToString::to_string).collect();
        assert_eq!(tags, ["lisa:show:s1", "lisa:shows", "lisa:channel:c1"]);
        let seen = notice.observation().unwrap();
        assert_eq!(
            (seen.state, seen.channel),
            (LiveState::Live, vec!["c1".to_string()])
        );
    }

    #[test]
    fn unknown_events_are_ignored_and_malformed_ones_refused() {
        assert_eq!(
            parse(r#"{"id":"e1","eventType":"Channel:update","data":{}}"#),
            Ok(Webhook::Ignore {
                event_type: "Channel:update".into()
            })
        );
        assert!(parse(r#"{"id":"e1","eventType":"Show:launch"}"#).is_ok());
        assert!(parse("not json").is_err());
        assert!(parse(r#"{"eventType":"Show:update","data":{"id":"s"}}"#).is_err());
        assert!(parse(r#"{"id":"e1","eventType":"Show:update","data":{}}"#).is_err());
        assert!(parse(r#"{"id":"e1","eventType":"Show:update","data":{"id":7}}"#).is_err());
        assert!(parse("[]").is_err());
    }
}
