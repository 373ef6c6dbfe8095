use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering as AtomicOrdering};
use std::sync::{Arc, Mutex};

use futures::FutureExt;

use super::*;

/// A numbered-pages source over `items` (already newest first), `size` a page.
fn numbered(
    items: Vec<i64>,
    size: usize,
    calls: Arc<AtomicUsize>,
    down: Arc<AtomicBool>,
) -> Source<'static, i64> {
    Source {
        provider: Provider::Caast,
        first_page: PageRef::Number(1),
        fetch: Box::new(move |page| {
            let items = items.clone();
            let (calls, down) = (calls.clone(), down.clone());
            async move {
                calls.fetch_add(1, AtomicOrdering::SeqCst);
                if down.load(AtomicOrdering::SeqCst) {
                    return Err(UpstreamError::Unavailable {
                        provider: Provider::Caast,
                        status: Some(503),
                    });
                }
                let PageRef::Number(n) = page else {
                    panic!("numbered pages only")
                };
                let start = (n as usize - 1) * size;
                let chunk: Vec<i64> = items.iter().skip(start).take(size).copied().collect();
                let next = (start + size < items.len()).then_some(PageRef::Number(n + 1));
                Ok(Batch {
                    items: chunk,
                    next,
                    total: None,
                })
            }
            .boxed()
        }),
    }
}

/// A cursor source whose cursor is the offset as text.
fn cursored(items: Vec<i64>, size: u32) -> Source<'static, i64> {
    Source {
        provider: Provider::Lisa,
        first_page: lisa_page(None, size),
        fetch: Box::new(move |page| {
            let items = items.clone();
            async move {
                let PageRef::Cursor {
                    cursor: c,
                    limit: l,
                } = page
                else {
                    panic!("cursor pages only")
                };
                let start: usize = c.as_deref().map_or(0, |c| c.parse().unwrap());
                let chunk: Vec<i64> = items.iter().skip(start).take(l as usize).copied().collect();
                let end = start + l as usize;
                let next = (end < items.len()).then(|| lisa_page(Some(&end.to_string()), l));
                Ok(Batch {
                    items: chunk,
                    next,
                    total: None,
                })
            }
            .boxed()
        }),
    }
}

fn newest_first(a: &i64, b: &i64) -> Ordering {
    b.cmp(a)
}

fn catalogue() -> (Vec<i64>, Vec<i64>) {
    let caast: Vec<i64> = (0..23).map(|i| 1000 - i * 7).collect();
    let lisa: Vec<i64> = (0..31).map(|i| 1003 - i * 5).collect();
    (caast, lisa)
}

fn request(after: Option<&str>, first: usize) -> PageRequest<'_> {
    PageRequest {
        fingerprint: "test".into(),
        after,
        first,
    }
}

async fn walk(first: usize, down: Arc<AtomicBool>) -> (Vec<i64>, usize) {
    let (caast, lisa) = catalogue();
    let calls = Arc::new(AtomicUsize::new(0));
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    for _ in 0..100 {
        let sources = vec![
            numbered(caast.clone(), 4, calls.clone(), down.clone()),
            cursored(lisa.clone(), 6),
        ];
        let page = merge_page(sources, request(after.as_deref(), first), newest_first)
            .await
            .unwrap();
        seen.extend(page.edges.iter().map(|(_, item)| *item));
        if !page.has_next_page {
            return (seen, calls.load(AtomicOrdering::SeqCst));
        }
        after = Some(page.edges.last().unwrap().0.encode());
    }
    panic!("the walk never ended");
}

#[tokio::test]
async fn every_page_size_walks_both_lists_in_order_without_gaps_or_duplicates() {
    let (caast, lisa) = catalogue();
    let mut expected: Vec<i64> = caast.into_iter().chain(lisa).collect();
    expected.sort_by(newest_first);
    for first in [1, 2, 3, 5, 7, 10, 54, 100] {
        let (seen, _) = walk(first, Arc::default()).await;
        assert_eq!(seen, expected, "pages of {first}");
    }
}

#[tokio::test]
async fn a_failed_source_keeps_its_place_and_is_reported() {
    let (caast, lisa) = catalogue();
    let down = Arc::new(AtomicBool::new(true));
    let calls = Arc::new(AtomicUsize::new(0));
    let sources = vec![
        numbered(caast.clone(), 4, calls.clone(), down.clone()),
        cursored(lisa.clone(), 6),
    ];
    let page = merge_page(sources, request(None, 10), newest_first)
        .await
        .unwrap();
    assert_eq!(page.errors.len(), 1);
    assert_eq!(
        page.edges.iter().map(|(_, i)| *i).collect::<Vec<_>>(),
        lisa[..10].to_vec()
    );
    assert!(page.has_next_page);

    down.store(false, AtomicOrdering::SeqCst);
    let after = page.edges.last().unwrap().0.encode();
    let sources = vec![numbered(caast.clone(), 4, calls, down), cursored(lisa, 6)];
    let next = merge_page(sources, request(Some(&after), 3), newest_first)
        .await
        .unwrap();
    assert_eq!(
        next.edges.iter().map(|(_, i)| *i).collect::<Vec<_>>(),
        caast[..3].to_vec(),
        "Caast resumes from its first item"
    );
}

fn forged(positions: BTreeMap<Provider, Position>, fingerprint: &str) -> String {
    MergeCursor { at: positions }.encode(&ListId::of(fingerprint))
}

/// LiSA alone, at the start of `page`.
fn lisa_at(page: PageRef) -> BTreeMap<Provider, Position> {
    let start = Position {
        page,
        offset: 0,
        shown: 0,
    };
    BTreeMap::from([(Provider::Lisa, start)])
}

fn lisa_page(cursor: Option<&str>, limit: u32) -> PageRef {
    PageRef::Cursor {
        cursor: cursor.map(str::to_string),
        limit,
    }
}

#[tokio::test]
async fn cursors_of_another_list_shape_or_a_limit_past_the_largest_are_refused() {
    let cases = [
        forged(lisa_at(PageRef::Number(2)), "test"),
        forged(lisa_at(lisa_page(None, 3)), "test"),
        forged(lisa_at(lisa_page(None, 0)), "test"),
        forged(lisa_at(lisa_page(None, 2)), "another list"),
        "not base64 at all!".to_string(),
    ];
    for after in cases {
        let result = merge_page(
            vec![cursored(vec![3, 2, 1], 2)],
            request(Some(&after), 2),
            newest_first,
        )
        .await;
        assert!(result.is_err(), "{after}");
    }
}

#[tokio::test]
async fn a_forged_lisa_cursor_is_refused_before_lisa_is_asked() {
    let asked = Arc::new(AtomicUsize::new(0));
    for c in ["", "1 OR 1=1", "1&limit=999", &"A".repeat(513), "é"] {
        let after = forged(lisa_at(lisa_page(Some(c), 2)), "test");
        let count = asked.clone();
        let source = Source {
            provider: Provider::Lisa,
            first_page: lisa_page(None, 2),
            fetch: Box::new(move |_| {
                count.fetch_add(1, AtomicOrdering::SeqCst);
                async {
                    Err(crate::providers::UpstreamError::CircuitOpen {
                        provider: Provider::Lisa,
                    })
                }
                .boxed()
            }),
        };
        let result = merge_page(vec![source], request(Some(&after), 2), newest_first).await;
        assert!(result.is_err(), "{c:?} refused");
    }
    assert_eq!(
        asked.load(AtomicOrdering::SeqCst),
        0,
        "LiSA was never asked"
    );

    let plausible = forged(lisa_at(lisa_page(Some("2"), 2)), "test");
    let page = merge_page(
        vec![cursored(vec![3, 2, 1], 2)],
        request(Some(&plausible), 2),
        newest_first,
    )
    .await;
    assert!(
        page.is_ok(),
        "a cursor LiSA could have written goes through"
    );
}

#[tokio::test]
async fn a_page_pointing_at_itself_is_a_bad_response_not_an_endless_loop() {
    let stuck = Source {
        provider: Provider::Lisa,
        first_page: lisa_page(None, 2),
        fetch: Box::new(|page| {
            async move {
                Ok(Batch {
                    items: Vec::<i64>::new(),
                    next: Some(page),
                    total: None,
                })
            }
            .boxed()
        }),
    };
    let page = merge_page(vec![stuck], request(None, 5), newest_first)
        .await
        .unwrap();
    assert!(page.edges.is_empty());
    assert!(matches!(
        page.errors[..],
        [UpstreamError::BadResponse { .. }]
    ));
}

#[tokio::test]
async fn endless_empty_pages_stop_after_a_few() {
    let calls = Arc::new(AtomicUsize::new(0));
    let counted = calls.clone();
    let hollow = Source {
        provider: Provider::Caast,
        first_page: PageRef::Number(1),
        fetch: Box::new(move |page| {
            counted.fetch_add(1, AtomicOrdering::SeqCst);
            let PageRef::Number(n) = page else { panic!() };
            async move {
                Ok(Batch {
                    items: Vec::<i64>::new(),
                    next: Some(PageRef::Number(n + 1)),
                    total: None,
                })
            }
            .boxed()
        }),
    };
    let page = merge_page(vec![hollow], request(None, 5), newest_first)
        .await
        .unwrap();
    assert_eq!(page.errors.len(), 1);
    assert!(calls.load(AtomicOrdering::SeqCst) <= MAX_EMPTY_PAGES + 2);
}

#[tokio::test]
async fn a_trailing_empty_page_ends_the_list() {
    let items = vec![9, 8, 7, 6];
    let source = Source {
        provider: Provider::Caast,
        first_page: PageRef::Number(1),
        fetch: Box::new(move |page| {
            let items = items.clone();
            async move {
                let PageRef::Number(n) = page else { panic!() };
                let chunk: Vec<i64> = items
                    .iter()
                    .skip((n as usize - 1) * 2)
                    .take(2)
                    .copied()
                    .collect();
                // A full page always claims a next one, like a provider that cannot count.
                let next = (chunk.len() == 2).then_some(PageRef::Number(n + 1));
                Ok(Batch {
                    items: chunk,
                    next,
                    total: None,
                })
            }
            .boxed()
        }),
    };
    let page = merge_page(vec![source], request(None, 10), newest_first)
        .await
        .unwrap();
    assert_eq!(
        page.edges.iter().map(|(_, i)| *i).collect::<Vec<_>>(),
        vec![9, 8, 7, 6]
    );
    assert!(!page.has_next_page);
    assert!(page.errors.is_empty());
}

#[tokio::test]
async fn sources_with_no_order_between_them_alternate_across_pages() {
    let caast: Vec<i64> = (0..6).collect();
    let lisa: Vec<i64> = (100..103).collect();
    let no_order = |_: &i64, _: &i64| Ordering::Equal;
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let sources = vec![
            numbered(caast.clone(), 4, Arc::default(), Arc::default()),
            cursored(lisa.clone(), 2),
        ];
        let page = merge_page(sources, request(after.as_deref(), 3), no_order)
            .await
            .unwrap();
        seen.extend(page.edges.iter().map(|(_, item)| *item));
        if !page.has_next_page {
            break;
        }
        after = Some(page.edges.last().unwrap().0.encode());
    }
    assert_eq!(seen, [0, 100, 1, 101, 2, 102, 3, 4, 5]);
}

/// A cursor source that records the `limit` of every batch it is asked for.
fn recording_limits(items: Vec<i64>, largest: u32) -> (Source<'static, i64>, Arc<Mutex<Vec<u32>>>) {
    let limits = Arc::new(Mutex::new(Vec::new()));
    let inner = cursored(items, largest);
    let recorded = limits.clone();
    let source = Source {
        fetch: Box::new(move |page| {
            if let PageRef::Cursor { limit, .. } = &page {
                recorded.lock().unwrap().push(*limit);
            }
            (inner.fetch)(page)
        }),
        ..cursored(Vec::new(), largest)
    };
    (source, limits)
}

#[tokio::test]
async fn a_first_batch_asks_only_what_the_page_needs_and_later_pages_keep_its_limit() {
    let items: Vec<i64> = (0..30).rev().collect();
    let (source, limits) = recording_limits(items.clone(), 50);
    let page = merge_page(vec![source], request(None, 7), newest_first)
        .await
        .unwrap();
    assert_eq!(page.edges.len(), 7);
    assert_eq!(*limits.lock().unwrap(), [7]);

    let after = page.edges.last().unwrap().0.encode();
    let (source, limits) = recording_limits(items, 50);
    let next = merge_page(vec![source], request(Some(&after), 10), newest_first)
        .await
        .unwrap();
    let values: Vec<i64> = next.edges.iter().map(|(_, i)| *i).collect();
    assert_eq!(values, (13..23).rev().collect::<Vec<_>>());
    assert_eq!(
        *limits.lock().unwrap(),
        [7, 7],
        "a LiSA cursor is read with its own limit"
    );
}
