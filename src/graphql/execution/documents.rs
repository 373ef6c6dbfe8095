//! Parsed documents, kept by their text. Clients send the same few operations over and over
//! with new variables: parsing one (async-graphql's parser is a PEG grammar) cost about as much
//! as executing a small query, and its result depends on the text alone. A document that fails
//! to parse is not kept, so its error is written afresh each time.
//!
//! The cache is bounded by the bytes of the texts it keeps, and a long text is never kept: a
//! client sending ever new documents costs what parsing them costs, and evicts the rest.

use std::sync::Arc;

use async_graphql::ServerError;
use async_graphql::parser::parse_query;
use async_graphql::parser::types::ExecutableDocument;

/// Texts kept, in bytes, all together (a parsed document weighs several times its text).
const KEPT_TEXT_BYTES: u64 = 1024 * 1024;
/// The longest text kept.
const LONGEST_KEPT: usize = 16 * 1024;

pub(crate) struct Documents {
    parsed: moka::sync::Cache<Arc<str>, Arc<ExecutableDocument>, foldhash::fast::RandomState>,
}

impl Default for Documents {
    fn default() -> Self {
        let parsed = moka::sync::Cache::builder()
            .max_capacity(KEPT_TEXT_BYTES)
            .weigher(|text: &Arc<str>, _: &Arc<ExecutableDocument>| {
                u32::try_from(text.len()).unwrap_or(u32::MAX)
            })
            .build_with_hasher(foldhash::fast::RandomState::default());
        Self { parsed }
    }
}

impl Documents {
    /// The document `text` parses to: kept from an earlier request, or parsed now.
    pub(crate) fn parse(&self, text: &str) -> Result<Arc<ExecutableDocument>, ServerError> {
        if let Some(document) = self.parsed.get(text) {
            return Ok(document);
        }
        let document = Arc::new(parse_query(text)?);
        if text.len() <= LONGEST_KEPT {
            self.parsed.insert(Arc::from(text), document.clone());
        }
        Ok(document)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_parses_once_and_a_long_or_broken_one_is_not_kept() {
        let documents = Documents::default();
        let first = documents.parse("{ a }").unwrap();
        let again = documents.parse("{ a }").unwrap();
        assert!(
            Arc::ptr_eq(&first, &again),
            "the second request reuses the parse"
        );

        let long = format!("{{ a {} }}", " ".repeat(LONGEST_KEPT));
        let once = documents.parse(&long).unwrap();
        assert!(!Arc::ptr_eq(&once, &documents.parse(&long).unwrap()));

        assert!(documents.parse("{ a").is_err());
        documents.parsed.run_pending_tasks();
        assert_eq!(documents.parsed.entry_count(), 1);
    }
}
