//! The LiSA half of the simulator, served under `/lisa/v1`: every operation of
//! UPSTREAMS.md with cursor-paged lists, counts and LiSA's error format.

mod channels;
mod clips;
pub mod error;
mod params;
mod resource;
mod rtmp_keys;
mod scrolling;
pub mod shows;
mod snippets;
mod stickers;
mod stories;
mod webhooks;

use axum::extract::State;
use axum::routing::{delete, get, patch, post};
use axum::{Json, Router};
use serde_json::{Value, json};

use super::guard::op;
use super::operation::Operation as Op;
use super::sim::Simulator;
use error::LisaError;

/// The client identifier LiSA puts in webhooks and `clientIdentity`.
pub const CLIENT: &str = "live-commerce-demo";

pub fn routes(sim: &Simulator) -> Router<Simulator> {
    Router::new()
        .route("/shows", op(sim, Op::LisaShowsFind, get(shows::find)))
        .route(
            "/shows/count",
            op(sim, Op::LisaShowsCount, get(shows::count_shows)),
        )
        .route(
            "/shows/{id}",
            op(sim, Op::LisaShowsFindOne, get(shows::find_one)),
        )
        .route(
            "/shows/{id}/rtmp-keys",
            op(sim, Op::LisaRtmpKeysFind, get(rtmp_keys::find)),
        )
        .route(
            "/shows/{id}/rtmp-keys/count",
            op(sim, Op::LisaRtmpKeysCount, get(rtmp_keys::count_keys)),
        )
        .route(
            "/channels",
            op(sim, Op::LisaChannelsFind, get(channels::find)).merge(op(
                sim,
                Op::LisaChannelsCreate,
                post(channels::create),
            )),
        )
        .route(
            "/channels/count",
            op(sim, Op::LisaChannelsCount, get(channels::count_channels)),
        )
        .route(
            "/channels/{key}",
            op(sim, Op::LisaChannelsFindOne, get(channels::find_one))
                .merge(op(sim, Op::LisaChannelsUpdate, patch(channels::update)))
                .merge(op(sim, Op::LisaChannelsDelete, delete(channels::delete))),
        )
        .route(
            "/products/references",
            op(sim, Op::LisaProductReferencesFind, get(references)),
        )
        .route(
            "/short-clips",
            op(sim, Op::LisaShortClipsFind, get(clips::find)),
        )
        .route(
            "/short-clips/count",
            op(sim, Op::LisaShortClipsCount, get(clips::count_clips)),
        )
        .route(
            "/short-clips/{id}",
            op(sim, Op::LisaShortClipsFindOne, get(clips::find_one)),
        )
        .route(
            "/snippets",
            op(sim, Op::LisaSnippetsFind, get(snippets::find)),
        )
        .route(
            "/snippets/count",
            op(sim, Op::LisaSnippetsCount, get(snippets::count_snippets)),
        )
        .route(
            "/stickers",
            op(sim, Op::LisaStickersFind, get(stickers::find)),
        )
        .route(
            "/stickers/count",
            op(sim, Op::LisaStickersCount, get(stickers::count_stickers)),
        )
        .route(
            "/stickers/{id}",
            op(sim, Op::LisaStickersFindOne, get(stickers::find_one)).merge(op(
                sim,
                Op::LisaStickersUpdate,
                patch(stickers::update),
            )),
        )
        .route("/stories", op(sim, Op::LisaStoriesFind, get(stories::find)))
        .route(
            "/stories/count",
            op(sim, Op::LisaStoriesCount, get(stories::count_stories)),
        )
        .route(
            "/stories/badges",
            op(sim, Op::LisaStoriesBadges, get(stories::badges)),
        )
        .route(
            "/stories/{id}",
            op(sim, Op::LisaStoriesFindOne, get(stories::find_one)),
        )
        .route(
            "/webhooks/subscriptions",
            op(sim, Op::LisaSubscriptionsFind, get(webhooks::find)).merge(op(
                sim,
                Op::LisaSubscriptionsCreate,
                post(webhooks::create),
            )),
        )
        .route(
            "/webhooks/subscriptions/{id}",
            op(sim, Op::LisaSubscriptionsFindOne, get(webhooks::find_one)).merge(op(
                sim,
                Op::LisaSubscriptionsDelete,
                delete(webhooks::delete),
            )),
        )
        .route(
            "/webhooks/events/{id}",
            op(sim, Op::LisaWebhookEventsFindOne, get(webhooks::find_event)),
        )
        .fallback(|| async { LisaError::not_found("route") })
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
