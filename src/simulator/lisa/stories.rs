//! LiSA stories: find/count (`channel` slug), find one, and badges: stories grouped by
//! `category`, `channel` or `creator` (required), paged like any list.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Path, State};
use serde_json::{Value, json};

use super::super::model::Store;
use super::super::model::lisa::Story;
use super::super::query::Params;
use super::super::sim::Simulator;
use super::error::LisaError;
use super::resource::one;
use super::scrolling::{MAX_LIMIT, Scroll, count, page};
use super::shows::meta_json;

fn story_json(s: &Story, store: &Store) -> Value {
    let slug = store.channel(s.channel_id).map(|c| c.slug.clone());
    let items: Vec<Value> = s
        .show_ids
        .iter()
        .map(|id| json!({"type": "show", "id": id}))
        .collect();
    json!({
        "id": s.id,
        "name": s.name,
        "title": s.title,
        "status": "ready",
        "channel": {"id": s.channel_id, "slug": slug},
        "creator": s.creator,
        "category": s.category,
        "items": items,
        "assets": {"thumbnail": s.thumbnail},
        "meta": meta_json(&s.meta),
    })
}

/// Stories of the `channel` slug if given, newest first (id breaks ties).
fn matching<'a>(store: &'a Store, params: &Params) -> Vec<&'a Story> {
    let channel = params.get("channel").filter(|c| !c.is_empty());
    let mut stories: Vec<&Story> = store
        .stories
        .iter()
        .filter(|s| {
            channel.is_none_or(|slug| store.channel(s.channel_id).is_some_and(|c| c.slug == slug))
        })
        .collect();
    stories.sort_by(|a, b| {
        b.meta
            .created_at
            .cmp(&a.meta.created_at)
            .then(a.id.cmp(&b.id))
    });
    stories
}

pub(crate) async fn find(
    State(sim): State<Simulator>,
    params: Params,
) -> Result<Json<Value>, LisaError> {
    let scroll = Scroll::from_params(&params, MAX_LIMIT)?;
    Ok(sim.read(|store| page(matching(store, &params), scroll, |s| story_json(s, store))))
}

pub(crate) async fn count_stories(State(sim): State<Simulator>, params: Params) -> Json<Value> {
    sim.read(|store| count(matching(store, &params).len()))
}

pub(crate) async fn find_one(
    State(sim): State<Simulator>,
    Path(id): Path<String>,
) -> Result<Json<Value>, LisaError> {
    sim.read(|store| Ok(Json(story_json(one(&store.stories, &id)?, store))))
}

pub(crate) async fn badges(
    State(sim): State<Simulator>,
    params: Params,
) -> Result<Json<Value>, LisaError> {
    let group_by = match params.get("group_by") {
        Some(g @ ("category" | "channel" | "creator")) => g.to_string(),
        _ => {
            return Err(LisaError::bad_param(
                "group_by",
                "Required: category, channel or creator.",
            ));
        }
    };
    let scroll = Scroll::from_params(&params, MAX_LIMIT)?;
    Ok(sim.read(|store| {
        let mut groups: BTreeMap<String, Vec<&Story>> = BTreeMap::new();
        for story in matching(store, &params) {
            let key = match group_by.as_str() {
                "category" => story.category.clone(),
                "creator" => story.creator.clone(),
                _ => store
                    .channel(story.channel_id)
                    .map(|c| c.slug.clone())
                    .unwrap_or_default(),
            };
            groups.entry(key).or_default().push(story);
        }
        let badges: Vec<(String, Vec<&Story>)> = groups.into_iter().collect();
        page(badges, scroll, |(key, stories)| {
            json!({
                "type": group_by,
                "key": key,
                "name": key,
                "storyCount": stories.len(),
                "storyIds": stories.iter().map(|s| s.id).collect::<Vec<_>>(),
                "assets": {"thumbnail": stories.first().map(|s| s.thumbnail.clone())},
            })
        })
    }))
}
