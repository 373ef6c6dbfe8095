//! LiSA's show webhooks as events. The webhook reader (a provider module) says which show
//! started, stopped or changed; what that means for the gateway's events — the state now, the
//! state assumed before, who noticed, whether the public saw it — is decided here, so that the
//! providers do not depend on the events.

use super::{ContentChange, ContentEvent, EventSource, LiveState, Observation};
use crate::providers::Provider;
use crate::providers::lisa::{Notice, NoticeKind, ShowAction, ShowTransition};

impl From<ShowTransition> for Observation {
    /// A show that starts was scheduled, one that stops was live, as far as the webhook tells.
    fn from(transition: ShowTransition) -> Self {
        let (state, assumed_previous) = match transition.started {
            true => (LiveState::Live, LiveState::Scheduled),
            false => (LiveState::Ended, LiveState::Live),
        };
        Self {
            provider: Provider::Lisa,
            id: transition.show_id,
            channel: transition.channel,
            state,
            assumed_previous: Some(assumed_previous),
            occurred_at: transition.at,
            source: EventSource::Webhook,
        }
    }
}

// An inherent method written here rather than with the type: the webhook endpoint asks the
// notice for its observation, and only this module knows what an observation is.
impl Notice {
    /// What `Show:start` and `Show:stop` say about the show's state; `None` for other notices.
    pub(crate) fn observation(&self) -> Option<Observation> {
        self.show_transition().map(Observation::from)
    }

    /// What `Show:update`, `publish`, `unpublish` and `delete` say changed; `None` for other
    /// notices. An unpublished show was public before; a deleted one unless it was a draft.
    pub(crate) fn content_event(&self) -> Option<ContentEvent> {
        let change = self.content_change()?;
        Some(ContentEvent {
            provider: Provider::Lisa,
            id: self.item_id.clone(),
            channel: self.channel_names(),
            change,
            changed_fields: self.changed_fields.clone(),
            was_public: !self.draft || change == ContentChange::Unpublished,
            occurred_at: self.occurred_at,
            source: EventSource::Webhook,
        })
    }

    /// The change a show webhook other than a start, stop or creation tells of.
    fn content_change(&self) -> Option<ContentChange> {
        match self.kind {
            NoticeKind::Show(ShowAction::Update) => Some(ContentChange::Updated),
            NoticeKind::Show(ShowAction::Publish) => Some(ContentChange::Published),
            NoticeKind::Show(ShowAction::Unpublish) => Some(ContentChange::Unpublished),
            NoticeKind::Show(ShowAction::Delete) => Some(ContentChange::Deleted),
            _ => None,
        }
    }

    /// A show on air that is unpublished or deleted ends: its `ENDED`, when the webhook or the
    /// state last announced (`known`) says it was live.
    pub(crate) fn withdrawal(&self, known: Option<LiveState>) -> Option<Observation> {
        let withdrawn = self.content_change()?.withdraws();
        let was_live = self.was_live || known == Some(LiveState::Live);
        (withdrawn && was_live).then(|| Observation {
            provider: Provider::Lisa,
            id: self.item_id.clone(),
            channel: self.channel_names(),
            state: LiveState::Ended,
            assumed_previous: Some(LiveState::Live),
            occurred_at: self.occurred_at,
            source: EventSource::Webhook,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::providers::lisa::Webhook;

    use super::*;

    const EVENT: &str = "6b0c1f6e-1111-4a4a-9c9c-000000000001";
    const SHOW: &str = "3203d9eb-e87b-49cc-9090-90d0db301a8e";
    const CHANNEL: &str = "0b5c2f7a-2222-4b4b-8d8d-000000000002";

    /// The notice of a `event_type` webhook about [`SHOW`] in channel [`CHANNEL`] (`ch-1`).
    fn notice(event_type: &str) -> Notice {
        notice_with(event_type, serde_json::json!({}), serde_json::json!({}))
    }

    /// Like [`notice`], with more fields in `data` and with `changes`.
    fn notice_with(
        event_type: &str,
        more: serde_json::Value,
        changes: serde_json::Value,
    ) -> Notice {
        let mut data =
            serde_json::json!({ "id": SHOW, "channel": { "id": CHANNEL, "slug": "ch-1" } });
        data.as_object_mut()
            .unwrap()
            .extend(more.as_object().unwrap().clone());
        let body = serde_json::json!({ "id": EVENT, "eventType": event_type, "data": data, "changes": changes });
        let Ok(Webhook::Act(notice)) = Webhook::parse(body.to_string().as_bytes()) else {
            panic!("a documented event is acted on");
        };
        notice
    }

    #[test]
    fn a_show_start_is_observed_live_in_its_channel() {
        let seen = notice("Show:start").observation().unwrap();
        assert_eq!(
            (seen.state, seen.channel),
            (LiveState::Live, vec![CHANNEL.to_string(), "ch-1".into()])
        );
    }

    #[test]
    fn a_show_stop_is_observed_ended_after_live_and_other_notices_are_not_observed() {
        let seen = notice("Show:stop").observation().unwrap();
        assert_eq!(
            (seen.provider, seen.id.as_str(), seen.source),
            (Provider::Lisa, SHOW, EventSource::Webhook)
        );
        assert_eq!(
            (seen.state, seen.assumed_previous),
            (LiveState::Ended, Some(LiveState::Live))
        );
        assert_eq!(notice("Show:update").observation(), None);
    }

    #[test]
    fn show_changes_are_content_events_that_say_which_fields_changed() {
        let changes = serde_json::json!({ "title": {}, "products": [], "no way!": 1 });
        let event = notice_with("Show:update", serde_json::json!({}), changes)
            .content_event()
            .unwrap();
        assert_eq!(
            (event.change, event.changed_fields, event.channel.len()),
            (
                ContentChange::Updated,
                vec!["products".to_string(), "title".into()],
                2
            )
        );
        assert!(notice("Show:create").content_event().is_none());
        assert!(notice("Show:start").content_event().is_none());
    }

    #[test]
    fn a_draft_deleted_was_never_public_and_an_unpublished_show_always_was() {
        let draft = serde_json::json!({ "status": "draft" });
        let deleted = notice_with("Show:delete", draft.clone(), serde_json::json!({}));
        assert!(!deleted.content_event().unwrap().was_public);
        let unpublished = notice_with("Show:unpublish", draft, serde_json::json!({}));
        assert!(unpublished.content_event().unwrap().was_public);
        assert!(notice("Show:delete").content_event().unwrap().was_public);
    }

    #[test]
    fn a_show_withdrawn_while_live_ends_and_one_off_air_does_not() {
        let off_air = notice("Show:unpublish");
        assert_eq!(off_air.withdrawal(None), None);
        assert_eq!(off_air.withdrawal(Some(LiveState::Scheduled)), None);
        let ended = off_air.withdrawal(Some(LiveState::Live)).unwrap();
        assert_eq!(
            (ended.state, ended.assumed_previous, ended.channel.len()),
            (LiveState::Ended, Some(LiveState::Live), 2)
        );
        let taken_off = serde_json::json!({ "isLive": false });
        let said = notice_with("Show:delete", serde_json::json!({}), taken_off);
        assert!(
            said.withdrawal(None).is_some(),
            "the webhook says it was live"
        );
        let live = serde_json::json!({ "isLive": true });
        let removed = notice_with("Show:delete", live, serde_json::json!({}));
        assert!(removed.withdrawal(None).is_some(), "removed while live");
        assert_eq!(
            notice("Show:update").withdrawal(Some(LiveState::Live)),
            None
        );
    }
}
