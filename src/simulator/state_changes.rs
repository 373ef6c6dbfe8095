//! Provider-side state changes the gateway cannot make itself: a LiSA show going live or ending
//! (with its `Show:start` / `Show:stop` webhook), retitled (`Show:update`), published,
//! unpublished or deleted (`Show:publish`, `unpublish`, `delete`: deleting archives it), and a
//! Caast live starting or finishing (Caast sends no webhooks; clients see it by reading).

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

    /// Publish a draft show (`Show:publish`); returns the show JSON after the change, once its
    /// webhook has been delivered (or given up).
    pub async fn publish_show(&self, id: &str) -> Result<Value, StateChangeError> {
        self.edit_show(id, "Show:publish", |show, now| {
            if show.status != ShowStatus::Draft {
                return Err(conflict(show, "is not a draft"));
            }
            Ok(set_status(show, ShowStatus::Ready, now))
        })
        .await
    }

    /// Unpublish a published show (`Show:unpublish`): it becomes a draft, and a show on air
    /// goes off it (the stream stops, the show counts as held). Returns the show JSON after the
    /// change, once its webhook has been delivered (or given up).
    pub async fn unpublish_show(&self, id: &str) -> Result<Value, StateChangeError> {
        self.edit_show(id, "Show:unpublish", |show, now| {
            if show.status != ShowStatus::Ready {
                return Err(conflict(show, "is not published"));
            }
            Ok(set_status(show, ShowStatus::Draft, now))
        })
        .await
    }

    /// Delete a show (`Show:delete`), as LiSA's back office does by archiving it; a show on
    /// air goes off it. Returns the show JSON after the change, once its webhook has been
    /// delivered (or given up).
    pub async fn delete_show(&self, id: &str) -> Result<Value, StateChangeError> {
        self.edit_show(id, "Show:delete", |show, now| {
            if show.status == ShowStatus::Archived {
                return Err(conflict(show, "is archived already"));
            }
            Ok(set_status(show, ShowStatus::Archived, now))
        })
        .await
    }

    /// Applies `edit` to a show (which returns the webhook's `changes`), then emits
    /// `event_type` with the show as it now is — or, for a deletion, as it was before, as LiSA's
    /// reference says of a removal. Returns the show as it now is.
    async fn edit_show(
        &self,
        id: &str,
        event_type: &str,
        edit: impl FnOnce(&mut Show, chrono::DateTime<chrono::Utc>) -> Result<Value, StateChangeError>,
    ) -> Result<Value, StateChangeError> {
        // Held until delivery ends, so webhooks leave in the order of the changes.
        let _order = self.shared.changes.lock().await;
        let now = self.now();
        let (before, after, changes) = self.write(|store| {
            let at = (store.shows.iter())
                .position(|s| s.id.to_string() == id)
                .ok_or_else(|| StateChangeError::ShowNotFound(id.to_string()))?;
            let before = show_json(&store.shows[at], store);
            let changes = edit(&mut store.shows[at], now)?;
            let after = show_json(&store.shows[at], store);
            Ok::<_, StateChangeError>((before, after, changes))
        })?;
        let data = match event_type {
            "Show:delete" => before,
            _ => after.clone(),
        };
        self.emit(event_type, data, changes).await;
        Ok(after)
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

fn conflict(show: &Show, what: &str) -> StateChangeError {
    StateChangeError::Conflict(format!("show {} {what}", show.id))
}

/// Give a show a new status; one that leaves `ready` also goes off air. Returns the `changes`
/// of the webhook.
fn set_status(show: &mut Show, status: ShowStatus, now: chrono::DateTime<chrono::Utc>) -> Value {
    show.status = status;
    show.meta.modified_at = now;
    let mut changes = json!({
        "status": status.as_str(),
        "meta": {"modifiedAt": iso_millis(now)},
    });
    if status != ShowStatus::Ready && show.is_live {
        let off_air = apply_show_change(show, false, now).expect("a live show can stop");
        changes
            .as_object_mut()
            .unwrap()
            .extend(off_air.as_object().unwrap().clone());
    }
    changes
}

/// Flip a show's live flags and media; returns the `changes` of the webhook.
fn apply_show_change(
    show: &mut Show,
    live: bool,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Value, StateChangeError> {
    if show.is_live == live {
        let state = if live { "live" } else { "not live" };
        return Err(conflict(show, &format!("is already {state}")));
    }
    if live && show.status != ShowStatus::Ready {
        return Err(conflict(show, "is not published"));
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
