//! The Caast client: lives (and, in later issues, videos, sellers, products) over Caast's REST API
//! as UPSTREAMS.md fixes it: `APP-ID`/`APP-KEY` headers, JSON:API envelopes, 20-item pages.

pub mod model;
mod wire;

use reqwest::header::{HeaderName, HeaderValue};
use secrecy::ExposeSecret;

use super::http::UpstreamHttp;
use super::{Provider, ProviderHealth, UpstreamError};
use crate::config::CaastConfig;
pub use model::{Live, LiveOrder, LiveQuery, LiveState, Page};

#[derive(Clone)]
pub struct CaastClient {
    http: UpstreamHttp,
    app_id: (HeaderName, HeaderValue),
    app_key: (HeaderName, HeaderValue),
}

impl CaastClient {
    pub fn new(client: reqwest::Client, config: &CaastConfig) -> Self {
        Self {
            http: UpstreamHttp::new(
                Provider::Caast,
                client,
                config.url.clone(),
                config.timeout,
                wire::error_detail,
            ),
            app_id: (config.app_id_header.clone(), header_value(&config.app_id)),
            app_key: (
                config.app_key_header.clone(),
                header_value(config.app_key.expose_secret()),
            ),
        }
    }

    pub fn health(&self) -> &ProviderHealth {
        self.http.health()
    }

    /// `GET /lives`: one page of lives.
    pub async fn lives(&self, query: &LiveQuery) -> Result<Page<Live>, UpstreamError> {
        let mut params = vec![
            ("order", query.order.as_query().to_string()),
            ("page", query.page.to_string()),
        ];
        if let Some(state) = query.state {
            params.push(("state", state.as_query().to_string()));
        }
        let request = self.get(&["lives"]).query(&params);
        let answer = self.http.send("lives.list", "live list", request).await?;
        let many: wire::Many<wire::LiveAttributes> = self.http.decode(&answer.body)?;
        Ok(Page {
            items: many
                .data
                .into_iter()
                .map(wire::Resource::into_live)
                .collect(),
            page: query.page,
            total: header_number(&answer.headers, "page-items"),
        })
    }

    /// `GET /lives/{id}`.
    pub async fn live(&self, id: &str) -> Result<Live, UpstreamError> {
        if !is_plausible_id(id) {
            return Err(UpstreamError::NotFound {
                provider: Provider::Caast,
                what: "live",
            });
        }
        let answer = self
            .http
            .send("lives.get", "live", self.get(&["lives", id]))
            .await?;
        let live = self
            .http
            .decode::<wire::One<wire::LiveAttributes>>(&answer.body)?
            .data
            .into_live();
        self.http.check_id("live", id, &live.id)?;
        Ok(live)
    }

    fn get(&self, segments: &[&str]) -> reqwest::RequestBuilder {
        self.http
            .client()
            .get(self.http.url(segments))
            .header(self.app_id.0.clone(), self.app_id.1.clone())
            .header(self.app_key.0.clone(), self.app_key.1.clone())
    }
}

/// Caast documents ids only as strings; a dot segment would be dropped by URL normalisation
/// and read another resource, so such ids name nothing.
fn is_plausible_id(id: &str) -> bool {
    !id.is_empty() && id != "." && id != ".."
}

/// A header value marked sensitive, so it never shows in debug output.
fn header_value(text: &str) -> HeaderValue {
    let mut value = HeaderValue::from_str(text).unwrap_or_else(|_| HeaderValue::from_static(""));
    value.set_sensitive(true);
    value
}

fn header_number(headers: &reqwest::header::HeaderMap, name: &str) -> Option<u64> {
    headers.get(name)?.to_str().ok()?.trim().parse().ok()
}
