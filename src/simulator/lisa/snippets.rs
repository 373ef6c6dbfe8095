//! LiSA snippets: find/count (`show_id`, `product_reference` comma lists,
//! `modified_since`, `sort`).

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use uuid::Uuid;

use super::super::model::lisa::Snippet;
use super::super::query::Params;
use super::super::sim::Simulator;
use super::error::LisaError;
use super::params::{Sort, instant, list, uuid_list};
use super::resource::{SORTABLE, sorted_page};
use super::scrolling::{MAX_LIMIT, Scroll, count};
use super::shows::meta_json;

fn snippet_json(s: &Snippet) -> Value {
    json!({
        "id": s.id,
        "name": s.name,
        "status": "ready",
        "showId": s.show_id,
        "product": {"id": s.product.id, "reference": s.product.reference},
        "productReference": s.product.reference,
        "startSecond": s.start_second,
        "endSecond": s.end_second,
        "media": {"mp4Url": s.video_url},
        "assets": {"thumbnail": s.thumbnail},
        "meta": meta_json(&s.meta),
    })
}

struct SnippetFilter {
    shows: Option<Vec<Uuid>>,
    references: Option<Vec<String>>,
    modified_since: Option<DateTime<Utc>>,
}

impl SnippetFilter {
    fn from_params(params: &Params) -> Result<Self, LisaError> {
        Ok(Self {
            shows: uuid_list(params, "show_id")?,
            references: list(params, "product_reference"),
            modified_since: instant(params, "modified_since")?,
        })
    }

    fn matches(&self, s: &Snippet) -> bool {
        self.shows
            .as_ref()
            .is_none_or(|ids| ids.contains(&s.show_id))
            && self
                .references
                .as_ref()
                .is_none_or(|refs| refs.contains(&s.product.reference))
            && self
                .modified_since
                .is_none_or(|since| s.meta.modified_at > since)
    }
}

pub(crate) async fn find(
    State(sim): State<Simulator>,
    params: Params,
) -> Result<Json<Value>, LisaError> {
    let filter = SnippetFilter::from_params(&params)?;
    let sort = Sort::from_params(&params, &SORTABLE, "createdAt:desc")?;
    let scroll = Scroll::from_params(&params, MAX_LIMIT)?;
    Ok(sim.read(|store| {
        let snippets = store.snippets.iter().filter(|s| filter.matches(s));
        sorted_page(snippets, &sort, scroll, snippet_json)
    }))
}

pub(crate) async fn count_snippets(
    State(sim): State<Simulator>,
    params: Params,
) -> Result<Json<Value>, LisaError> {
    let filter = SnippetFilter::from_params(&params)?;
    Ok(sim.read(|store| count(store.snippets.iter().filter(|s| filter.matches(s)).count())))
}
