//! Provider-side state changes the gateway cannot make itself: a LiSA show going live
//! or ending (with its `Show:start` / `Show:stop` webhook) or retitled (`Show:update`), and a Caast live starting
//! or finishing (Caast sends no webhooks; clients see it by reading).

use serde_json::{Value, json};

use super::caast::{json as caast_json, lives};
use super::lisa::shows::show_json;
use super::model::caast::LiveState;
use super::model::lisa::{Show, ShowStatus};
use super::sim::Simulator;
use super::time::iso_millis;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StateChangeError {
    #[error("no show with id {0}")]
    ShowNotFound(String),
    #[error("no live with id {0}")]
    LiveNotFound(String),
    /// The item is already in the requested state, or cannot enter it (a draft show).
    #[error("{0}")]
    Conflict(String),
}

impl Simulator {
    /// Put a published show on air; returns the show JSON after the change, once its
    /// `Show:start` webhook has been delivered (or given up).
    pub async fn start_show(&self, id: &str) -> Result<Value, StateChangeError> {
        self.change_show(id, true).await
    }

    /// End a live show (it becomes conducted); returns the show JSON after the change,
    /// once its `Show:stop` webhook has been delivered (or given up).
    pub async fn stop_show(&self, id: &str) -> Result<Value, StateChangeError> {
        self.change_show(id, false).await
    }

    async fn change_show(&self, id: &str, live: bool) -> Result<Value, StateChangeError> {
        let event_type = if live { "Show:start" } else { "Show:stop" };
        self.edit_show(id, event_type, |show, now| {
            apply_show_change(show, live, now)
        })
        .await
    }

    /// Give a show one title for every language (an edit made in LiSA's back office); returns
    /// the show JSON after the change, once its `Show:update` webhook has been delivered (or
    /// given up).
    pub async fn retitle_show(&self, id: &str, title: &str) -> Result<Value, StateChangeError> {
        self.edit_show(id, "Show:update", |show, now| {
            show.title = [("*".to_string(), title.to_string())].into();
            show.meta.modified_at = now;
            Ok(json!({ "title": show.title, "meta": {"modifiedAt": iso_millis(now)} }))
        })
        .await
    }

    /// Applies `edit` to a show (which returns the webhook's `changes`), then emits
    /// `event_type` with the show as it now is.
    async fn edit_show(
        &self,
        id: &str,
        event_type: &str,
        edit: impl FnOnce(&mut Show, chrono::DateTime<chrono::Utc>) -> Result<Value, StateChangeError>,
    ) -> Result<Value, StateChangeError> {
        // Held until delivery ends, so webhooks leave in the order of the changes.
        let _order = self.shared.changes.lock().await;
        let now = self.now();
        let (data, changes) = self.write(|store| {
            let show = store
                .shows
                .iter_mut()
                .find(|s| s.id.to_string() == id)
                .ok_or_else(|| StateChangeError::ShowNotFound(id.to_string()))?;
            let changes = edit(show, now)?;
            let show = store.shows.iter().find(|s| s.id.to_string() == id);
            Ok::<_, StateChangeError>((
                show.map(|s| show_json(s, store)).unwrap_or_default(),
                changes,
            ))
        })?;
        self.emit(event_type, data.clone(), changes).await;
        Ok(data)
    }

    /// Start (or restart) a Caast live; returns its JSON:API resource.
    pub async fn start_live(&self, id: &str) -> Result<Value, StateChangeError> {
        self.change_live(id, LiveState::Started)
    }

    /// Finish a Caast live now; returns its JSON:API resource.
    pub async fn finish_live(&self, id: &str) -> Result<Value, StateChangeError> {
        self.change_live(id, LiveState::Finished)
    }

    fn change_live(&self, id: &str, target: LiveState) -> Result<Value, StateChangeError> {
        let now = self.now();
        self.write(|store| {
            let index = store
                .lives
                .iter()
                .position(|l| l.content.id == id)
                .ok_or_else(|| StateChangeError::LiveNotFound(id.to_string()))?;
            let live = &mut store.lives[index];
            if live.state == target {
                return Err(StateChangeError::Conflict(format!(
                    "live {id} is already {}",
                    target.as_str()
                )));
            }
            match target {
                LiveState::Finished => lives::finish_live(live, now),
                _ => lives::start_live(live),
            }
            Ok(caast_json::live(&store.lives[index], store))
        })
    }
}

/// Flip a show's live flags and media; returns the `changes` of the webhook.
fn apply_show_change(
    show: &mut Show,
    live: bool,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Value, StateChangeError> {
    if show.is_live == live {
        let state = if live { "live" } else { "not live" };
        return Err(StateChangeError::Conflict(format!(
            "show {} is already {state}",
            show.id
        )));
    }
    if live && show.status != ShowStatus::Ready {
        return Err(StateChangeError::Conflict(format!(
            "show {} is not published",
            show.id
        )));
    }
    let base = format!("https://live.sim.hello-lisa.com/shows/{}", show.id);
    show.is_live = live;
    show.meta.modified_at = now;
    if live {
        show.hls_url = Some(format!("{base}/live.m3u8"));
    } else {
        show.is_conducted = true;
        show.hls_url = Some(format!("{base}/replay.m3u8"));
        show.replay_url = Some(format!("{base}/replay.mp4"));
    }
    Ok(json!({
        "isLive": show.is_live,
        "isConducted": show.is_conducted,
        "media": {"hlsUrl": show.hls_url, "replayUrl": show.replay_url},
        "meta": {"modifiedAt": iso_millis(now)},
    }))
}
