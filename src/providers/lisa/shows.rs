//! Shows: find, count, find one, and a show's RTMP keys (secret) and their count.

use std::sync::Arc;

use super::model::{RtmpKey, Scroll, Show, ShowQuery};
use super::{LisaClient, MAX_SHOWS_LIMIT, require_uuid, wire};
use crate::cache::{EntityType, Freshness};
use crate::providers::UpstreamError;
use crate::providers::cached_read::CachedCall;
use crate::providers::http::Target;

impl LisaClient {
    /// `GET /shows`: one batch of shows.
    pub(crate) async fn shows(&self, query: &ShowQuery) -> Result<Scroll<Show>, UpstreamError> {
        self.list(
            ("shows.find", EntityType::Show),
            &["shows"],
            query.list_pairs(MAX_SHOWS_LIMIT),
            wire::ShowWire::into_show,
        )
        .await
    }

    /// `GET /shows/count`: how many shows the same filters select.
    pub(crate) async fn count_shows(&self, query: &ShowQuery) -> Result<u64, UpstreamError> {
        self.count(
            ("shows.count", EntityType::Show),
            &["shows", "count"],
            query.filter_pairs(),
        )
        .await
    }

    /// `GET /shows/{id}`. LiSA ids are UUIDs: anything else cannot name a show, and is not sent.
    pub(crate) async fn show(&self, id: &str) -> Result<Arc<Show>, UpstreamError> {
        self.find_one(
            "shows.get",
            "show",
            &["shows"],
            id,
            wire::ShowWire::into_show,
        )
        .await
    }

    /// `GET /shows/{id}/rtmp-keys/count`: how many RTMP keys the show has.
    pub(crate) async fn count_rtmp_keys(&self, show_id: &str) -> Result<u64, UpstreamError> {
        require_uuid(show_id, "show")?;
        self.count(
            ("shows.rtmp_keys.count", EntityType::Show),
            &["shows", show_id, "rtmp-keys", "count"],
            Vec::new(),
        )
        .await
    }

    /// `GET /shows/{id}/rtmp-keys`: where to stream the show (secret). Never cached, so the
    /// answer is this call's own: it is moved out of its `Arc`, not copied.
    pub(crate) async fn rtmp_keys(&self, show_id: &str) -> Result<Vec<RtmpKey>, UpstreamError> {
        require_uuid(show_id, "show")?;
        let call = CachedCall {
            operation: "shows.rtmp_keys",
            not_found: "show",
            freshness: Freshness::Uncached,
            tags: Vec::new(),
        };
        self.http
            .read(
                call,
                Target::path(&["shows", show_id, "rtmp-keys"]),
                |http, answer| {
                    let list: wire::List = http.decode(&answer.body)?;
                    let keys = list.read::<wire::RtmpKeyWire>("shows.rtmp_keys");
                    http.count_dropped(&keys.dropped);
                    Ok(keys
                        .items
                        .into_iter()
                        .map(wire::RtmpKeyWire::into_key)
                        .collect())
                },
            )
            .await
            .map(Arc::unwrap_or_clone)
    }
}
