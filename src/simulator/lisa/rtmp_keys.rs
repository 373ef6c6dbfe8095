//! RTMP stream keys of a show: `{"items": […]}` (unpaged, as the sample shows) and a count.

use axum::Json;
use axum::extract::{Path, State};
use serde_json::{Value, json};

use super::super::model::Store;
use super::super::model::lisa::RtmpKey;
use super::super::sim::Simulator;
use super::error::LisaError;
use super::resource::one;
use super::scrolling::count;
use super::shows::meta_json;

fn keys_of<'a>(store: &'a Store, raw_id: &str) -> Result<Vec<&'a RtmpKey>, LisaError> {
    let show = one(&store.shows, raw_id)?;
    Ok(store
        .rtmp_keys
        .iter()
        .filter(|k| k.show_id == show.id)
        .collect())
}

pub(crate) async fn find(
    State(sim): State<Simulator>,
    Path(id): Path<String>,
) -> Result<Json<Value>, LisaError> {
    sim.read(|store| {
        let items: Vec<Value> = keys_of(store, &id)?
            .into_iter()
            .map(|k| {
                json!({
                    "id": k.id,
                    "showId": k.show_id,
                    "name": k.name,
                    "url": k.url,
                    "streamKey": k.stream_key,
                    "meta": meta_json(&k.meta),
                })
            })
            .collect();
        Ok(Json(json!({"items": items})))
    })
}

pub(crate) async fn count_keys(
    State(sim): State<Simulator>,
    Path(id): Path<String>,
) -> Result<Json<Value>, LisaError> {
    sim.read(|store| Ok(count(keys_of(store, &id)?.len())))
}
