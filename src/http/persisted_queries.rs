//! Apollo automatic persisted queries: a client sends a query's SHA-256 instead of its text;
//! the first time, the gateway answers `PersistedQueryNotFound` and the client sends both, which
//! registers the query. SSR servers and CDNs then use short GET URLs.
//!
//! Done here rather than with async-graphql's extension: the HTTP layer parses the document
//! before execution (to refuse mutations over GET and to order fields), so it needs the text.

use moka::sync::Cache;
use serde::Deserialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// Queries kept, by hash; the least used go first.
const MAX_QUERIES: u64 = 10_000;
/// The longest query text kept (longer ones are run but not registered).
const MAX_QUERY_BYTES: usize = 64 * 1024;

pub struct PersistedQueries {
    queries: Cache<String, String>,
}

impl Default for PersistedQueries {
    fn default() -> Self {
        Self {
            queries: Cache::new(MAX_QUERIES),
        }
    }
}

/// Why a persisted query could not be used.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The hash is unknown: the client should send the query with it (answered 200, as Apollo
    /// clients expect, with `PERSISTED_QUERY_NOT_FOUND`).
    NotFound,
    /// A malformed extension, another version, or a query that does not match its hash.
    Invalid(String),
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PersistedQuery {
    version: i64,
    sha256_hash: String,
}

impl PersistedQueries {
    /// The query to run: `query` itself (registered under its hash when the extension is
    /// there), or the registered text for the extension's hash.
    pub fn resolve(
        &self,
        query: Option<String>,
        extensions: Option<&Value>,
    ) -> Result<Option<String>, Refusal> {
        let Some(extension) = extensions.and_then(|e| e.get("persistedQuery")) else {
            return Ok(query);
        };
        let persisted = PersistedQuery::deserialize(extension)
            .map_err(|e| Refusal::Invalid(format!("`persistedQuery` is malformed: {e}")))?;
        if persisted.version != 1 {
            return Err(Refusal::Invalid(
                "only version 1 of persisted queries is supported".into(),
            ));
        }
        let hash = persisted.sha256_hash.to_ascii_lowercase();
        match query.filter(|q| !q.is_empty()) {
            Some(query) => {
                if format!("{:x}", Sha256::digest(query.as_bytes())) != hash {
                    return Err(Refusal::Invalid("provided sha does not match query".into()));
                }
                if query.len() <= MAX_QUERY_BYTES {
                    self.queries.insert(hash, query.clone());
                }
                Ok(Some(query))
            }
            None => self.queries.get(&hash).map(Some).ok_or(Refusal::NotFound),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn extension(hash: &str) -> Value {
        json!({ "persistedQuery": { "version": 1, "sha256Hash": hash } })
    }

    #[test]
    fn a_hash_is_unknown_until_its_query_registers_it() {
        let queries = PersistedQueries::default();
        let query = "{ __typename }".to_string();
        let hash = format!("{:x}", Sha256::digest(query.as_bytes()));
        assert_eq!(
            queries.resolve(None, Some(&extension(&hash))),
            Err(Refusal::NotFound)
        );
        assert_eq!(
            queries.resolve(Some(query.clone()), Some(&extension(&hash))),
            Ok(Some(query.clone()))
        );
        assert_eq!(
            queries.resolve(None, Some(&extension(&hash))),
            Ok(Some(query))
        );
    }

    #[test]
    fn a_query_that_does_not_match_its_hash_is_refused() {
        let queries = PersistedQueries::default();
        let refused = queries.resolve(Some("{ a }".into()), Some(&extension("00")));
        assert!(matches!(refused, Err(Refusal::Invalid(_))));
        let bad_version = json!({ "persistedQuery": { "version": 2, "sha256Hash": "00" } });
        assert!(matches!(
            queries.resolve(None, Some(&bad_version)),
            Err(Refusal::Invalid(_))
        ));
    }
}
