//! The Caast client: lives, videos, sellers and products over Caast's REST API as
//! `docs/providers.md` reads it: `APP-ID`/`APP-KEY` headers, JSON:API envelopes, 20-item pages. Reads are in
//! `reads.rs`, writes in `writes.rs`; both return domain types from `model.rs`.

mod input;
pub(crate) mod model;
mod query;
mod reads;
mod tags;
mod wire;
mod writes;

use std::sync::Arc;

use reqwest::Method;
use secrecy::ExposeSecret;

use super::http::{ProviderClient, Upstream, UpstreamHttp, credential};
use super::{Provider, UpstreamError};
use crate::cache::ProviderCache;
use crate::config::CaastConfig;
pub(crate) use input::{Change, ContentInput, FileUpload, FinishInput, ProductInput, SellerInput};
pub(crate) use model::{
    ChatMessage, Content, Displayed, Live, LiveState, Page, PageOf, Product, Seller, Timecode,
    Video,
};
pub(crate) use query::{
    ContentFilter, LiveOrder, LiveQuery, ProductQuery, SellerQuery, VideoQuery,
};

#[derive(Clone)]
pub(crate) struct CaastClient {
    http: UpstreamHttp,
}

impl ProviderClient for CaastClient {
    fn http(&self) -> &UpstreamHttp {
        &self.http
    }

    fn with_http(&self, http: UpstreamHttp) -> Self {
        Self { http }
    }
}

impl CaastClient {
    pub(crate) fn new(
        client: reqwest::Client,
        config: &CaastConfig,
        cache: Option<Arc<ProviderCache>>,
    ) -> Self {
        let app_id = (config.app_id_header.clone(), credential(&config.app_id));
        let app_key = (
            config.app_key_header.clone(),
            credential(config.app_key.expose_secret()),
        );
        let http = UpstreamHttp::new(Upstream {
            provider: Provider::Caast,
            client,
            base: config.url.clone(),
            timeout: config.timeout,
            max_response_bytes: config.max_response_bytes,
            concurrency: super::http::Bounds {
                min: config.min_concurrency,
                max: config.max_concurrency,
            },
            error_detail: wire::error_detail,
            credentials: vec![app_id, app_key],
            cache,
        });
        Self { http }
    }

    /// A request to `segments` under the base URL, with the app's credentials.
    fn request(&self, method: Method, segments: &[&str]) -> reqwest::RequestBuilder {
        self.http.request(method, self.http.url(segments))
    }

    /// An id that cannot name anything is refused without a call (see [`is_plausible_id`]).
    fn check_plausible(id: &str, what: &'static str) -> Result<(), UpstreamError> {
        if is_plausible_id(id) {
            Ok(())
        } else {
            Err(UpstreamError::NotFound {
                provider: Provider::Caast,
                what,
            })
        }
    }
}

/// Caast documents ids only as strings; a dot segment would be dropped by URL normalisation
/// and read another resource, so such ids name nothing.
fn is_plausible_id(id: &str) -> bool {
    !id.is_empty() && id != "." && id != ".."
}

fn header_number(headers: &reqwest::header::HeaderMap, name: &str) -> Option<u64> {
    headers.get(name)?.to_str().ok()?.trim().parse().ok()
}
