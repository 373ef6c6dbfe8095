//! The Caast half of the simulator, served under `/caast/v1`: every operation of
//! `docs/providers.md` with JSON:API bodies, 20-item pages and Caast's error format.

mod chat;
mod content_input;
mod displayed;
pub(crate) mod error;
mod filters;
mod form;
pub(crate) mod json;
pub(crate) mod lives;
mod paging;
mod products;
mod sellers;
mod videos;

use axum::Router;
use axum::routing::{get, post, put};

use super::operation::Operation as Op;
use super::route_table;
use super::sim::Simulator;
use error::CaastError;

/// Every Caast operation of `docs/providers.md`, one row each (the table is kept aligned by hand).
#[rustfmt::skip]
pub(crate) fn routes(sim: &Simulator) -> Router<Simulator> {
    let rows = [
        ("/lives",                           Op::CaastLivesList,       get(lives::list)),
        ("/lives",                           Op::CaastLivesCreate,     post(lives::create)),
        ("/lives/{id}",                      Op::CaastLivesGet,        get(lives::get)),
        ("/lives/{id}",                      Op::CaastLivesUpdate,     put(lives::update)),
        ("/lives/{id}/finish",               Op::CaastLivesFinish,     post(lives::finish)),
        ("/lives/{id}/messages",             Op::CaastLivesMessages,   get(chat::latest)),
        ("/lives/{id}/messages/{after_uid}", Op::CaastLivesMessages,   get(chat::after)),
        ("/lives/{id}/timecodes",            Op::CaastLivesTimecodes,  get(chat::live_timecodes)),
        ("/videos",                          Op::CaastVideosList,      get(videos::list)),
        ("/videos",                          Op::CaastVideosCreate,    post(videos::create)),
        ("/videos/{id}",                     Op::CaastVideosGet,       get(videos::get)),
        ("/videos/{id}",                     Op::CaastVideosUpdate,    put(videos::update)),
        ("/videos/{id}/timecodes",           Op::CaastVideosTimecodes, get(chat::video_timecodes)),
        ("/sellers",                         Op::CaastSellersList,     get(sellers::list)),
        ("/sellers",                         Op::CaastSellersCreate,   post(sellers::create)),
        ("/sellers/{id}",                    Op::CaastSellersUpdate,   put(sellers::update)),
        ("/products",                        Op::CaastProductsList,    get(products::list)),
        ("/products",                        Op::CaastProductsCreate,  post(products::create)),
        ("/products/{id}",                   Op::CaastProductsGet,     get(products::get)),
        ("/products/{id}",                   Op::CaastProductsUpdate,  put(products::update)),
        ("/displayed",                       Op::CaastDisplayed,       get(displayed::displayed)),
    ];
    route_table::routes(sim, rows).fallback(|| async {
        CaastError::new(axum::http::StatusCode::NOT_FOUND, "No such Caast route.")
    })
}
