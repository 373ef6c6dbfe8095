//! The LiSA half of the simulator, served under `/lisa/v1`: every operation of
//! `docs/providers.md` with cursor-paged lists, counts and LiSA's error format.

mod channels;
mod clips;
pub(crate) mod error;
mod params;
mod resource;
mod rtmp_keys;
mod scrolling;
pub(crate) mod shows;
mod snippets;
mod stickers;
mod stories;
mod webhooks;

use axum::extract::State;
use axum::routing::{delete, get, patch, post};
use axum::{Json, Router};
use serde_json::{Value, json};

use super::operation::Operation as Op;
use super::route_table;
use super::sim::Simulator;
use error::LisaError;

/// The client identifier LiSA puts in webhooks and `clientIdentity`.
pub(crate) const CLIENT: &str = "live-commerce-demo";

/// Every LiSA operation of `docs/providers.md`, one row each (the table is kept aligned by hand).
#[rustfmt::skip]
pub(crate) fn routes(sim: &Simulator) -> Router<Simulator> {
    let rows = [
        ("/shows",                       Op::LisaShowsFind,             get(shows::find)),
        ("/shows/count",                 Op::LisaShowsCount,            get(shows::count_shows)),
        ("/shows/{id}",                  Op::LisaShowsFindOne,          get(shows::find_one)),
        ("/shows/{id}/rtmp-keys",        Op::LisaRtmpKeysFind,          get(rtmp_keys::find)),
        ("/shows/{id}/rtmp-keys/count",  Op::LisaRtmpKeysCount,         get(rtmp_keys::count_keys)),
        ("/channels",                    Op::LisaChannelsFind,          get(channels::find)),
        ("/channels",                    Op::LisaChannelsCreate,        post(channels::create)),
        ("/channels/count",              Op::LisaChannelsCount,         get(channels::count_channels)),
        ("/channels/{key}",              Op::LisaChannelsFindOne,       get(channels::find_one)),
        ("/channels/{key}",              Op::LisaChannelsUpdate,        patch(channels::update)),
        ("/channels/{key}",              Op::LisaChannelsDelete,        delete(channels::delete)),
        ("/products/references",         Op::LisaProductReferencesFind, get(references)),
        ("/short-clips",                 Op::LisaShortClipsFind,        get(clips::find)),
        ("/short-clips/count",           Op::LisaShortClipsCount,       get(clips::count_clips)),
        ("/short-clips/{id}",            Op::LisaShortClipsFindOne,     get(clips::find_one)),
        ("/snippets",                    Op::LisaSnippetsFind,          get(snippets::find)),
        ("/snippets/count",              Op::LisaSnippetsCount,         get(snippets::count_snippets)),
        ("/stickers",                    Op::LisaStickersFind,          get(stickers::find)),
        ("/stickers/count",              Op::LisaStickersCount,         get(stickers::count_stickers)),
        ("/stickers/{id}",               Op::LisaStickersFindOne,       get(stickers::find_one)),
        ("/stickers/{id}",               Op::LisaStickersUpdate,        patch(stickers::update)),
        ("/stories",                     Op::LisaStoriesFind,           get(stories::find)),
        ("/stories/count",               Op::LisaStoriesCount,          get(stories::count_stories)),
        ("/stories/badges",              Op::LisaStoriesBadges,         get(stories::badges)),
        ("/stories/{id}",                Op::LisaStoriesFindOne,        get(stories::find_one)),
        ("/webhooks/subscriptions",      Op::LisaSubscriptionsFind,     get(webhooks::find)),
        ("/webhooks/subscriptions",      Op::LisaSubscriptionsCreate,   post(webhooks::create)),
        ("/webhooks/subscriptions/{id}", Op::LisaSubscriptionsFindOne,  get(webhooks::find_one)),
        ("/webhooks/subscriptions/{id}", Op::LisaSubscriptionsDelete,   delete(webhooks::delete)),
        ("/webhooks/events/{id}",        Op::LisaWebhookEventsFindOne,  get(webhooks::find_event)),
    ];
    route_table::routes(sim, rows).fallback(|| async { LisaError::not_found("route") })
}

/// `GET /products/references`: every synchronised product, unpaged as the sample shows.
async fn references(State(sim): State<Simulator>) -> Json<Value> {
    sim.read(|store| {
        let items: Vec<Value> = store
            .product_refs
            .iter()
            .map(|p| json!({"id": p.id, "reference": p.reference}))
            .collect();
        Json(json!({"items": items}))
    })
}
