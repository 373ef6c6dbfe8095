//! Raw query parameters. Both providers use repeated keys (`tags[]=a&tags[]=b`) or
//! comma lists, which serde's flat `Query` extractor cannot express, so handlers read
//! the pairs directly.

use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

#[derive(Debug, Default, Clone)]
pub(crate) struct Params(Vec<(String, String)>);

impl Params {
    pub(crate) fn parse(raw: Option<&str>) -> Self {
        let pairs = url::form_urlencoded::parse(raw.unwrap_or("").as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        Self(pairs)
    }

    /// The first value of `key`, if any.
    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Every value whose key is `key`, `key[]` or `key[n]` (PHP-style arrays).
    pub(crate) fn all(&self, key: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| is_array_key(k, key))
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// Every pair, in order.
    pub(crate) fn into_pairs(self) -> Vec<(String, String)> {
        self.0
    }

    /// A comma-separated multi-value, trimmed, without empty parts.
    pub(crate) fn list(&self, key: &str) -> Option<Vec<String>> {
        self.get(key).map(split_list)
    }
}

pub(crate) fn split_list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn is_array_key(k: &str, key: &str) -> bool {
    let Some(rest) = k.strip_prefix(key) else {
        return false;
    };
    rest.is_empty() || (rest.starts_with('[') && rest.ends_with(']'))
}

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Self::parse(parts.uri.query()))
    }
}
