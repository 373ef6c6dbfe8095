//! LiSA's `Show:start` and `Show:stop` webhooks as observations. The webhook reader (a provider
//! module) says which show started or stopped; what that means for the gateway's events — the
//! state now, the state assumed before, who noticed — is decided here, so that the providers do
//! not depend on the events.

use super::{EventSource, LiveState, Observation};
use crate::providers::Provider;
use crate::providers::lisa::{Notice, ShowTransition};

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
    pub fn observation(&self) -> Option<Observation> {
        self.show_transition().map(Observation::from)
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
        let data = serde_json::json!({ "id": SHOW, "channel": { "id": CHANNEL, "slug": "ch-1" } });
        let body = serde_json::json!({ "id": EVENT, "eventType": event_type, "data": data });
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
}
