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
pub fn seed(anchor: DateTime<Utc>) -> Store {
    let mut store = Store::default();
    caast::seed(&mut store, anchor);
    lisa::seed(&mut store, anchor);
    lisa_media::seed(&mut store, anchor);
    store
}
