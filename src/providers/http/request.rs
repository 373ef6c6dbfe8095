//! What a provider call sends: its URL under the provider's base (path segments and query
//! encoded, its length bounded) and the gateway's credentials.

use reqwest::Method;
use reqwest::header::HeaderValue;
use url::Url;

use super::UpstreamHttp;
use crate::providers::UpstreamError;

/// Longest URL sent to a provider, in bytes. Common HTTP servers refuse request lines past
/// 8 KiB, some by dropping the connection, which would look like the provider failing; half
/// that leaves room for the headers and still fits every legitimate read by far.
pub(crate) const MAX_URL_BYTES: usize = 4096;

/// A credential as a header value (one that cannot be a header value is sent empty, and the
/// provider refuses it). `UpstreamHttp` marks it sensitive, so it never shows in debug output.
pub(crate) fn credential(text: &str) -> HeaderValue {
    HeaderValue::from_str(text).unwrap_or_else(|_| HeaderValue::from_static(""))
}

impl UpstreamHttp {
    /// The base URL with `segments` appended, each percent-encoded (ids cannot escape their segment).
    pub fn url(&self, segments: &[&str]) -> Url {
        let mut url = self.base.clone();
        url.path_segments_mut()
            .expect("provider URLs are http(s)")
            .pop_if_empty()
            .extend(segments);
        url
    }

    /// The base URL with `segments` appended and `pairs` as its query (none: no query), encoded
    /// as a form is.
    pub fn url_with_query(&self, segments: &[&str], pairs: &[(&str, String)]) -> Url {
        let mut url = self.url(segments);
        if !pairs.is_empty() {
            url.query_pairs_mut().extend_pairs(pairs);
        }
        url
    }

    /// A `method` request to `url`, carrying the gateway's credentials.
    pub fn request(&self, method: Method, url: Url) -> reqwest::RequestBuilder {
        self.client
            .request(method, url)
            .headers(self.credentials.clone())
    }

    /// The request a builder describes (a builder that cannot build is a transport failure). A
    /// URL longer than [`MAX_URL_BYTES`] is made of what the client sent: it is refused as the
    /// client's error, never sent, and says nothing about the provider.
    pub fn build(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<reqwest::Request, UpstreamError> {
        let request = request.build().map_err(|e| self.transport_error(&e))?;
        self.check_length(request.url())?;
        Ok(request)
    }

    /// A URL longer than [`MAX_URL_BYTES`] is refused (see [`Self::build`]).
    pub fn check_length(&self, url: &Url) -> Result<(), UpstreamError> {
        if url.as_str().len() > MAX_URL_BYTES {
            return Err(UpstreamError::BadInput {
                provider: self.provider,
                reason: "the arguments make the provider's URL too long",
            });
        }
        Ok(())
    }
}
