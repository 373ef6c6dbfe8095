//! The LiSA client: shows (and, in later issues, channels, stickers, stories, snippets, clips)
//! over LiSA's REST API as UPSTREAMS.md fixes it: `Authorization: ApiKey <key>`, cursor paging.

pub mod model;
mod wire;

use reqwest::header::{HeaderName, HeaderValue};
use secrecy::ExposeSecret;

use super::http::UpstreamHttp;
use super::{Provider, ProviderHealth, UpstreamError};
use crate::config::LisaConfig;
pub use model::{Scroll, Show, ShowQuery, TextMap};

/// LiSA's largest `limit` for shows (other lists stop at 50).
pub const MAX_SHOWS_LIMIT: u32 = 250;

#[derive(Clone)]
pub struct LisaClient {
    http: UpstreamHttp,
    auth: (HeaderName, HeaderValue),
}

impl LisaClient {
    pub fn new(client: reqwest::Client, config: &LisaConfig) -> Self {
        let key = config.api_key.expose_secret();
        let text = match config.auth_scheme.as_str() {
            scheme if scheme.eq_ignore_ascii_case("none") => key.to_string(),
            scheme => format!("{scheme} {key}"),
        };
        let mut value =
            HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static(""));
        value.set_sensitive(true);
        Self {
            http: UpstreamHttp::new(
                Provider::Lisa,
                client,
                config.url.clone(),
                config.timeout,
                wire::error_detail,
            ),
            auth: (config.auth_header.clone(), value),
        }
    }

    pub fn health(&self) -> &ProviderHealth {
        self.http.health()
    }

    /// `GET /shows`: one batch of shows.
    pub async fn shows(&self, query: &ShowQuery) -> Result<Scroll<Show>, UpstreamError> {
        let mut params = vec![("limit", query.limit.clamp(1, MAX_SHOWS_LIMIT).to_string())];
        let flags = [("live", query.live), ("conducted", query.conducted)];
        params.extend(
            flags
                .into_iter()
                .filter_map(|(name, value)| Some((name, value?.to_string()))),
        );
        params.extend(query.sort.clone().map(|sort| ("sort", sort)));
        params.extend(query.cursor.clone().map(|cursor| ("cursor", cursor)));
        let request = self.get(&["shows"]).query(&params);
        let answer = self.http.send("shows.find", "show list", request).await?;
        let list: wire::List<wire::ShowWire> = self.http.decode(&answer.body)?;
        Ok(Scroll {
            items: list
                .items
                .into_iter()
                .map(wire::ShowWire::into_show)
                .collect(),
            next_cursor: list
                .scrolling
                .and_then(|s| s.cursor)
                .filter(|c| !c.is_empty()),
        })
    }

    /// `GET /shows/{id}`. LiSA ids are UUIDs: anything else cannot name a show, and is not sent.
    pub async fn show(&self, id: &str) -> Result<Show, UpstreamError> {
        let not_found = UpstreamError::NotFound {
            provider: Provider::Lisa,
            what: "show",
        };
        if uuid::Uuid::parse_str(id).is_err() {
            return Err(not_found);
        }
        let answer = self
            .http
            .send("shows.get", "show", self.get(&["shows", id]))
            .await?;
        let show = self
            .http
            .decode::<wire::ShowWire>(&answer.body)?
            .into_show();
        self.http.check_id("show", id, &show.id)?;
        Ok(show)
    }

    fn get(&self, segments: &[&str]) -> reqwest::RequestBuilder {
        self.http
            .client()
            .get(self.http.url(segments))
            .header(self.auth.0.clone(), self.auth.1.clone())
    }
}
