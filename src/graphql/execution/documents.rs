//! Parsed documents, kept by their text. Clients send the same few operations over and over
//! with new variables: parsing one (async-graphql's parser is a PEG grammar) cost about as much
//! as executing a small query, and its result depends on the text alone. A document that fails
//! to parse is not kept, so its error is written afresh each time.
//!
//! The cache is bounded by the bytes of the texts it keeps, and a long text is never kept: a
//! client sending ever new documents costs what parsing them costs, and evicts the rest.
//!
//! Each thread keeps its own parses. Resolving a field clones names out of its document, which
//! are reference-counted: one document shared by every thread made each field of each request
//! bump counters that the other cores were bumping too, and the cache lines holding them moved
//! between cores at every field. The 50-show bench ran at 58% of the engine while the host was
//! busy (its cores far apart), and at 67% with a document per thread. Each thread's cache has
//! its own bound: it is kept by the few threads that run operations.

use std::sync::Arc;

use async_graphql::ServerError;
use async_graphql::parser::parse_query;
use async_graphql::parser::types::ExecutableDocument;
use thread_local::ThreadLocal;

use super::syntax_errors::syntax_error;

/// Texts kept by one thread, in bytes, all together (a parsed document weighs several times
/// its text).
const KEPT_TEXT_BYTES: u64 = 1024 * 1024;
/// The longest text kept.
const LONGEST_KEPT: usize = 16 * 1024;

type Parsed = moka::sync::Cache<Arc<str>, Arc<ExecutableDocument>, foldhash::fast::RandomState>;

#[derive(Default)]
pub(crate) struct Documents {
    /// Each thread's own parses.
    parsed: ThreadLocal<Parsed>,
}

impl Documents {
    /// The document `text` parses to: kept from an earlier request on this thread, or parsed now.
    pub(crate) fn parse(&self, text: &str) -> Result<Arc<ExecutableDocument>, ServerError> {
        let parsed = self.parsed.get_or(new_cache);
        if let Some(document) = parsed.get(text) {
            return Ok(document);
        }
        let document = Arc::new(parse_query(text).map_err(|error| syntax_error(text, error))?);
        if text.len() <= LONGEST_KEPT {
            parsed.insert(Arc::from(text), document.clone());
        }
        Ok(document)
    }
}

fn new_cache() -> Parsed {
    moka::sync::Cache::builder()
        .max_capacity(KEPT_TEXT_BYTES)
        .weigher(|text: &Arc<str>, _: &Arc<ExecutableDocument>| {
            u32::try_from(text.len()).unwrap_or(u32::MAX)
        })
        .build_with_hasher(foldhash::fast::RandomState::default())
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
        let parsed = documents.parsed.get().expect("this thread parsed");
        parsed.run_pending_tasks();
        assert_eq!(parsed.entry_count(), 1);
    }

    #[test]
    fn each_thread_keeps_its_own_parse() {
        let documents = Documents::default();
        let here = documents.parse("{ a }").unwrap();
        let there = std::thread::scope(|scope| {
            scope
                .spawn(|| {
                    let first = documents.parse("{ a }").unwrap();
                    let again = documents.parse("{ a }").unwrap();
                    assert!(Arc::ptr_eq(&first, &again), "reused on its thread");
                    first
                })
                .join()
                .unwrap()
        });
        assert!(!Arc::ptr_eq(&here, &there), "not shared across threads");
    }
}
