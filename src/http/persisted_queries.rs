//! Apollo automatic persisted queries: a client sends a query's SHA-256 instead of its text;
//! the first time, the gateway answers `PersistedQueryNotFound` and the client sends both, which
//! registers the query. SSR servers and CDNs then use short GET URLs.
//!
//! Trusted documents (a manifest, `GATEWAY_TRUSTED_DOCUMENTS`) are found by hash the same way;
//! in trusted-documents mode they are the only documents that run.
//!
//! Done here rather than with async-graphql's extension: the execution parses the document
//! before execution (to refuse mutations over GET and to order fields), so it needs the text.

use moka::sync::Cache;
use serde::Deserialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::config::TrustedMode;

/// Queries kept, by hash; the least used go first.
const MAX_QUERIES: u64 = 10_000;
/// The longest query text kept (longer ones are run but not registered).
const MAX_QUERY_BYTES: usize = 64 * 1024;

pub(crate) struct PersistedQueries {
    queries: Cache<String, String>,
    /// The manifest's documents, found by hash like registered ones; in trusted-documents mode
    /// the only documents that run, and nothing is registered.
    trusted: TrustedMode,
}

impl Default for PersistedQueries {
    fn default() -> Self {
        Self::new(TrustedMode::default())
    }
}

/// Why a persisted query could not be used.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// The hash is unknown: the client should send the query with it (answered 200, as Apollo
    /// clients expect, with `PERSISTED_QUERY_NOT_FOUND`).
    NotFound,
    /// A malformed extension, another version, or a query that does not match its hash.
    Invalid(String),
    /// Trusted-documents mode, and the document is not in the manifest.
    NotTrusted,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PersistedQuery {
    version: i64,
    sha256_hash: String,
}

impl PersistedQueries {
    pub(crate) fn new(trusted: TrustedMode) -> Self {
        Self {
            queries: Cache::new(MAX_QUERIES),
            trusted,
        }
    }

    fn trusts(&self, query: &str) -> bool {
        self.trusted
            .documents
            .as_ref()
            .is_some_and(|d| d.trusts(query))
    }

    /// The query to run: `query` itself (registered under its hash when the extension is
    /// there), or the trusted or registered text for the extension's hash. In trusted-documents
    /// mode, only a trusted document.
    pub(crate) fn resolve(
        &self,
        query: Option<String>,
        extensions: Option<&Value>,
    ) -> Result<Option<String>, Refusal> {
        let Some(extension) = extensions.and_then(|e| e.get("persistedQuery")) else {
            if self.trusted.only && query.as_deref().is_some_and(|q| !self.trusts(q)) {
                return Err(Refusal::NotTrusted);
            }
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
                if self.trusted.only {
                    return if self.trusts(&query) {
                        Ok(Some(query))
                    } else {
                        Err(Refusal::NotTrusted)
                    };
                }
                if query.len() <= MAX_QUERY_BYTES {
                    self.queries.insert(hash, query.clone());
                }
                Ok(Some(query))
            }
            None => {
                let trusted = self.trusted.documents.as_ref().and_then(|d| d.get(&hash));
                match trusted {
                    Some(document) => Ok(Some(document.to_string())),
                    None if self.trusted.only => Err(Refusal::NotTrusted),
                    None => self.queries.get(&hash).map(Some).ok_or(Refusal::NotFound),
                }
            }
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
