//! The Caast half of the simulator, served under `/caast/v1`: every operation of
//! UPSTREAMS.md with JSON:API bodies, 20-item pages and Caast's error format.

mod chat;
mod content_input;
mod displayed;
pub mod error;
mod filters;
mod form;
pub mod json;
pub mod lives;
mod paging;
mod products;
mod sellers;
mod videos;

use axum::Router;
use axum::routing::{get, post, put};

use super::guard::op;
use super::operation::Operation as Op;
use super::sim::Simulator;
use error::CaastError;

pub fn routes(sim: &Simulator) -> Router<Simulator> {
    Router::new()
        .route(
            "/lives",
            op(sim, Op::CaastLivesList, get(lives::list)).merge(op(
                sim,
                Op::CaastLivesCreate,
                post(lives::create),
            )),
        )
        .route(
            "/lives/{id}",
            op(sim, Op::CaastLivesGet, get(lives::get)).merge(op(
                sim,
                Op::CaastLivesUpdate,
                put(lives::update),
            )),
        )
        .route(
            "/lives/{id}/finish",
            op(sim, Op::CaastLivesFinish, post(lives::finish)),
        )
        .route(
            "/lives/{id}/messages",
            op(sim, Op::CaastLivesMessages, get(chat::latest)),
        )
        .route(
            "/lives/{id}/messages/{after_uid}",
            op(sim, Op::CaastLivesMessages, get(chat::after)),
        )
        .route(
            "/lives/{id}/timecodes",
            op(sim, Op::CaastLivesTimecodes, get(chat::live_timecodes)),
        )
        .route(
            "/videos",
            op(sim, Op::CaastVideosList, get(videos::list)).merge(op(
                sim,
                Op::CaastVideosCreate,
                post(videos::create),
            )),
        )
        .route(
            "/videos/{id}",
            op(sim, Op::CaastVideosGet, get(videos::get)).merge(op(
                sim,
                Op::CaastVideosUpdate,
                put(videos::update),
            )),
        )
        .route(
            "/videos/{id}/timecodes",
            op(sim, Op::CaastVideosTimecodes, get(chat::video_timecodes)),
        )
        .route(
            "/sellers",
            op(sim, Op::CaastSellersList, get(sellers::list)).merge(op(
                sim,
                Op::CaastSellersCreate,
                post(sellers::create),
            )),
        )
        .route(
            "/sellers/{id}",
            op(sim, Op::CaastSellersUpdate, put(sellers::update)),
        )
        .route(
            "/products",
            op(sim, Op::CaastProductsList, get(products::list)).merge(op(
                sim,
                Op::CaastProductsCreate,
                post(products::create),
            )),
        )
        .route(
            "/products/{id}",
            op(sim, Op::CaastProductsGet, get(products::get)).merge(op(
                sim,
                Op::CaastProductsUpdate,
                put(products::update),
            )),
        )
        .route(
            "/displayed",
            op(sim, Op::CaastDisplayed, get(displayed::displayed)),
        )
        .fallback(|| async {
            CaastError::new(axum::http::StatusCode::NOT_FOUND, "No such Caast route.")
        })
}
