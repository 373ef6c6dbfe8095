//! What a provider call sends: its URL under the provider's base (path segments and query
//! encoded, its length bounded) and the gateway's credentials. A read names what it asks for
//! as a [`Target`], of which the cache key is written as given: the URL, whose encoding is the
//! larger part of a hit's cost when a read names fifty ids, is built only for the provider.

use std::fmt::{self, Write as _};

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

/// What a read asks for under the provider's base: the path's segments and the query's pairs
/// (none: no query), neither encoded yet.
#[derive(Clone, Copy)]
pub(crate) struct Target<'a> {
    pub(crate) segments: &'a [&'a str],
    pub(crate) pairs: &'a [(&'a str, String)],
}

impl<'a> Target<'a> {
    /// A target with no query.
    pub(crate) fn path(segments: &'a [&'a str]) -> Self {
        Self {
            segments,
            pairs: &[],
        }
    }

    /// Appends the target to a cache key: each part as its length and its text, so that no
    /// text can pass for a delimiter (two targets never write the same key) and nothing is
    /// encoded.
    pub(crate) fn write_key(&self, key: &mut String) {
        let mut part = |mark: char, text: &str| {
            // Writing to a `String` cannot fail.
            let _ = write!(key, "{mark}{}:{text}", text.len());
        };
        self.segments.iter().for_each(|segment| part('/', segment));
        for (name, value) in self.pairs {
            part('&', name);
            part('=', value);
        }
    }

    /// How many bytes [`Self::write_key`] writes at most.
    pub(crate) fn key_len(&self) -> usize {
        const MARK_AND_LENGTH: usize = 1 + 20 + 1;
        let parts = self.segments.iter().copied();
        let pairs = self.pairs.iter().flat_map(|(name, value)| [*name, value]);
        parts
            .chain(pairs)
            .map(|part| MARK_AND_LENGTH + part.len())
            .sum()
    }
}

/// A target's path and query as the provider's URL has them (`/v1/shows?limit=50`), written
/// only when shown (it encodes the whole URL).
pub(crate) struct TargetPath<'a> {
    pub(crate) http: &'a UpstreamHttp,
    pub(crate) target: Target<'a>,
}

impl fmt::Display for TargetPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let url = self.http.url_of(self.target);
        f.write_str(&url[url::Position::BeforePath..])
    }
}

impl UpstreamHttp {
    /// The base URL with `segments` appended, each percent-encoded (ids cannot escape their segment).
    pub(crate) fn url(&self, segments: &[&str]) -> Url {
        let mut url = self.base.clone();
        url.path_segments_mut()
            .expect("provider URLs are http(s)")
            .pop_if_empty()
            .extend(segments);
        url
    }

    /// The URL of `target`: its segments appended to the base URL, its pairs as the query,
    /// encoded as a form is.
    pub(crate) fn url_of(&self, target: Target<'_>) -> Url {
        let mut url = self.url(target.segments);
        if !target.pairs.is_empty() {
            url.query_pairs_mut().extend_pairs(target.pairs);
        }
        url
    }

    /// A `method` request to `url`, carrying the gateway's credentials.
    pub(crate) fn request(&self, method: Method, url: Url) -> reqwest::RequestBuilder {
        self.client
            .request(method, url)
            .headers(self.credentials.clone())
    }

    /// The request a builder describes (a builder that cannot build is a transport failure). A
    /// URL longer than [`MAX_URL_BYTES`] is made of what the client sent: it is refused as the
    /// client's error, never sent, and says nothing about the provider.
    pub(crate) fn build(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<reqwest::Request, UpstreamError> {
        let request = request.build().map_err(|e| self.transport_error(&e))?;
        self.check_length(request.url())?;
        Ok(request)
    }

    /// A URL longer than [`MAX_URL_BYTES`] is refused (see [`Self::build`]).
    pub(crate) fn check_length(&self, url: &Url) -> Result<(), UpstreamError> {
        if url.as_str().len() > MAX_URL_BYTES {
            return Err(UpstreamError::BadInput {
                provider: self.provider,
                reason: "the arguments make the provider's URL too long",
            });
        }
        Ok(())
    }
}
