//! The deterministic seed catalogue: same ids and content on every start; dates hang
//! from the configured anchor so scheduled items lie ahead and ended ones behind.
//!
//! Shape (see the module files for details): 8 sellers, 60 Caast products `SKU-0001`…
//! `SKU-0060` (the shop catalogue goes on to `SKU-0080`), 45 lives (15 not started,
//! 15 started, 15 finished), 30 videos; 6 LiSA channels, 70 shows, stickers, stories,
//! snippets, short clips, RTMP keys and one webhook subscription.

mod caast;
mod lisa;
mod lisa_media;
mod words;

use chrono::{DateTime, Utc};

use super::model::Store;

/// Build the full catalogue for an anchor instant.
pub(crate) fn seed(anchor: DateTime<Utc>) -> Store {
    let mut store = Store::default();
    caast::seed(&mut store, anchor);
    lisa::seed(&mut store, anchor);
    lisa_media::seed(&mut store, anchor);
    store
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use chrono::TimeDelta;

    use super::*;
    use crate::simulator::model::caast::LiveState;

    fn anchor() -> DateTime<Utc> {
        "2025-06-01T12:00:00Z".parse().expect("valid date")
    }

    #[test]
    fn the_catalogue_has_the_documented_shape() {
        let store = seed(anchor());
        let states = |s| store.lives.iter().filter(|l| l.state == s).count();
        assert_eq!(store.sellers.len(), 8);
        assert_eq!(store.products.len(), 60);
        assert_eq!(store.lives.len(), 45);
        for state in [
            LiveState::NotStarted,
            LiveState::Started,
            LiveState::Finished,
        ] {
            assert_eq!(states(state), 15);
        }
        assert_eq!(store.videos.len(), 30);
        assert_eq!(store.channels.len(), 6);
        assert_eq!(store.shows.len(), 70);
        assert!(store.lives.iter().any(|l| l.content.seller_id.is_none()));
    }

    #[test]
    fn ids_are_unique_within_each_kind() {
        let store = seed(anchor());
        let caast: HashSet<_> = store.lives.iter().map(|l| &l.content.id).collect();
        assert_eq!(caast.len(), store.lives.len());
        let shows: HashSet<_> = store.shows.iter().map(|s| s.id).collect();
        assert_eq!(shows.len(), store.shows.len());
        let stickers: HashSet<_> = store.stickers.iter().map(|s| s.id).collect();
        assert_eq!(stickers.len(), store.stickers.len());
    }

    #[test]
    fn no_seeded_item_was_created_or_modified_after_the_anchor() {
        let store = seed(anchor());
        let metas = store
            .shows
            .iter()
            .map(|s| s.meta)
            .chain(store.stickers.iter().map(|s| s.meta))
            .chain(store.snippets.iter().map(|s| s.meta))
            .chain(store.short_clips.iter().map(|c| c.meta))
            .chain(store.stories.iter().map(|s| s.meta))
            .chain(store.channels.iter().map(|c| c.meta));
        for meta in metas {
            assert!(meta.created_at <= meta.modified_at && meta.modified_at <= anchor());
        }
        assert!(store.lives.iter().all(|l| l.content.created_at <= anchor()));
    }

    #[test]
    fn scheduled_items_lie_ahead_and_ended_ones_behind() {
        let store = seed(anchor());
        for live in &store.lives {
            let ahead = live.start_date > anchor();
            assert_eq!(
                ahead,
                live.state == LiveState::NotStarted,
                "{}",
                live.content.name
            );
        }
        for show in &store.shows {
            if show.is_live || show.is_conducted {
                assert!(show.date < anchor());
            } else {
                assert!(show.date > anchor() + TimeDelta::hours(1));
            }
        }
    }
}
