//! Trusted documents: the operations the frontends were built with, listed in a manifest the
//! build produces. In trusted-documents mode (`GATEWAY_TRUSTED_DOCUMENTS_ONLY`) the gateway runs
//! only these, so a client cannot send arbitrary documents.
//!
//! Two manifest formats are read: a JSON object from id to document (graphql-codegen's client
//! preset, Relay), and Apollo's persisted query manifest (`{"format":
//! "apollo-persisted-query-manifest", "operations": [{"id", "body"}]}`). Every document is also
//! known by the SHA-256 of its text, so Apollo's persisted-query extension and a client that
//! sends the exact text both find it.

use std::collections::HashMap;

use serde::Deserialize;
use sha2::{Digest, Sha256};

#[derive(Debug, Default, Clone)]
pub struct TrustedDocuments {
    by_id: HashMap<String, String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Manifest {
    Apollo {
        format: String,
        operations: Vec<ApolloOperation>,
    },
    Map(HashMap<String, String>),
}

#[derive(Deserialize)]
struct ApolloOperation {
    id: String,
    body: String,
}

/// The hex SHA-256 of a document's text.
pub fn sha256(text: &str) -> String {
    format!("{:x}", Sha256::digest(text.as_bytes()))
}

impl TrustedDocuments {
    /// Reads a manifest's text; `Err` says what is wrong with it.
    pub fn parse(text: &str) -> Result<Self, String> {
        let manifest: Manifest = serde_json::from_str(text)
            .map_err(|e| format!("not a trusted-documents manifest: {e}"))?;
        let pairs: Vec<(String, String)> = match manifest {
            Manifest::Apollo { format, operations }
                if format == "apollo-persisted-query-manifest" =>
            {
                operations.into_iter().map(|op| (op.id, op.body)).collect()
            }
            Manifest::Apollo { format, .. } => {
                return Err(format!("unknown manifest format {format:?}"));
            }
            Manifest::Map(map) => map.into_iter().collect(),
        };
        if pairs.is_empty() {
            return Err("the manifest lists no document".into());
        }
        let mut by_id = HashMap::new();
        for (id, body) in pairs {
            let id = id
                .strip_prefix("sha256:")
                .unwrap_or(&id)
                .to_ascii_lowercase();
            by_id.insert(sha256(&body), body.clone());
            by_id.insert(id, body);
        }
        Ok(Self { by_id })
    }

    /// The document with this id or SHA-256.
    pub(crate) fn get(&self, id: &str) -> Option<&str> {
        self.by_id.get(&id.to_ascii_lowercase()).map(String::as_str)
    }

    /// Whether this exact text is a trusted document.
    pub(crate) fn trusts(&self, text: &str) -> bool {
        self.by_id.contains_key(&sha256(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_manifest_formats_are_read_and_documents_are_found_by_id_and_by_hash() {
        let query = "query Shows { liveContents { totalCount } }";
        let map = TrustedDocuments::parse(&format!(r#"{{"abc": "{query}"}}"#)).unwrap();
        assert_eq!(map.get("abc"), Some(query));
        assert_eq!(map.get(&sha256(query)), Some(query));
        assert!(map.trusts(query) && !map.trusts("{ __typename }"));
        let apollo = format!(
            r#"{{"format": "apollo-persisted-query-manifest", "version": 1,
                 "operations": [{{"id": "{}", "name": "Shows", "type": "query", "body": "{query}"}}]}}"#,
            sha256(query)
        );
        assert_eq!(
            TrustedDocuments::parse(&apollo)
                .unwrap()
                .get(&sha256(query)),
            Some(query)
        );
        assert!(TrustedDocuments::parse("{}").is_err());
        assert!(TrustedDocuments::parse("[1]").is_err());
    }
}
