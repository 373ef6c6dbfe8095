//! Caast's JSON:API envelope as it crosses the wire. Private to the client: tolerant of missing
//! fields (a real provider omits nulls), strict about shape.

use serde::{Deserialize, Deserializer};

use super::model::{Live, LiveState};
use crate::providers::dates::parse_date;

#[derive(Deserialize)]
pub struct One<A> {
    pub data: Resource<A>,
}

#[derive(Deserialize)]
pub struct Many<A> {
    pub data: Vec<Resource<A>>,
}

#[derive(Deserialize)]
pub struct Resource<A> {
    #[serde(deserialize_with = "string_or_number")]
    pub id: String,
    pub attributes: A,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
pub struct LiveAttributes {
    name: Option<String>,
    description: Option<String>,
    thumbnail_url: Option<String>,
    portrait_thumbnail_url: Option<String>,
    m3u8_url: Option<String>,
    tags: Option<Vec<String>>,
    start_date: Option<String>,
    state: Option<String>,
    is_finished: Option<bool>,
}

impl Resource<LiveAttributes> {
    pub fn into_live(self) -> Live {
        let a = self.attributes;
        Live {
            state: live_state(a.state.as_deref(), a.is_finished),
            id: self.id,
            name: a.name.unwrap_or_default(),
            description: a.description,
            start_date: a.start_date.as_deref().and_then(parse_date),
            thumbnail_url: a.thumbnail_url,
            portrait_thumbnail_url: a.portrait_thumbnail_url,
            hls_url: a.m3u8_url,
            tags: a.tags.unwrap_or_default(),
        }
    }
}

fn live_state(state: Option<&str>, is_finished: Option<bool>) -> LiveState {
    match (state, is_finished) {
        (_, Some(true)) | (Some("finished"), _) => LiveState::Finished,
        (Some("started"), _) => LiveState::Started,
        _ => LiveState::NotStarted,
    }
}

/// Caast documents ids as strings; accept numbers too rather than fail a whole page.
fn string_or_number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Id {
        Text(String),
        Number(i64),
    }
    Ok(match Id::deserialize(deserializer)? {
        Id::Text(text) => text,
        Id::Number(number) => number.to_string(),
    })
}

/// The detail of a Caast error body (`{"errors": [{"detail"|"title"}]}`).
pub fn error_detail(body: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct Errors {
        errors: Vec<ErrorItem>,
    }
    #[derive(Deserialize)]
    struct ErrorItem {
        title: Option<String>,
        detail: Option<String>,
    }
    let errors: Errors = serde_json::from_slice(body).ok()?;
    let first = errors.errors.into_iter().next()?;
    first.detail.or(first.title)
}
