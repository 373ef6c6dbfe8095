//! The bounds of one call, against a bare TCP server that counts the connections it accepts and
//! answers as each test needs: an endless body, or nothing at all.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use super::request::MAX_URL_BYTES;
use super::*;
use crate::cache::{CachePolicy, Freshness, ProviderCache};
use crate::providers::cached_read::CachedCall;
use crate::providers::resilience::{Admission, ResiliencePolicy};

/// How the test server answers each connection.
#[derive(Clone, Copy)]
enum Behaviour {
    /// A 200 with a chunked body that never ends.
    EndlessBody,
    /// Reads the request and never answers.
    Silent,
}

/// A server on a loopback port, and the number of connections it accepted.
async fn server(behaviour: Behaviour) -> (Url, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = Url::parse(&format!("http://{}/", listener.local_addr().unwrap())).unwrap();
    let accepted = Arc::new(AtomicUsize::new(0));
    let count = accepted.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            count.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                let mut request = [0u8; 4096];
                let _ = socket.read(&mut request).await;
                if let Behaviour::EndlessBody = behaviour {
                    let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n";
                    let _ = socket.write_all(head.as_bytes()).await;
                    let chunk = format!("{:x}\r\n{}\r\n", 1024, "x".repeat(1024));
                    while socket.write_all(chunk.as_bytes()).await.is_ok() {}
                } else {
                    tokio::time::sleep(Duration::from_secs(60)).await;
                }
            });
        }
    });
    (url, accepted)
}

fn client(base: Url) -> UpstreamHttp {
    UpstreamHttp::new(Upstream {
        provider: Provider::Lisa,
        client: reqwest::Client::new(),
        base,
        timeout: Duration::from_secs(10),
        max_response_bytes: 64 * 1024,
        concurrency: super::Bounds { min: 1, max: 4 },
        error_detail: |_| None,
        credentials: Vec::new(),
        cache: None,
    })
}

async fn get(http: &UpstreamHttp, segments: &[&str]) -> Result<ProviderAnswer, UpstreamError> {
    let request = http.request(Method::GET, http.url(segments));
    http.send("test.get", "thing", request).await
}

#[tokio::test]
async fn an_endless_answer_stops_at_the_cap_as_a_bad_response() {
    let (base, _) = server(Behaviour::EndlessBody).await;
    let result = get(&client(base), &["items"]).await;
    let Err(UpstreamError::BadResponse { detail, .. }) = result else {
        panic!("not a bad response: {:?}", result.map(|a| a.body.len()));
    };
    assert!(detail.contains("65536"), "{detail}");
}

#[tokio::test]
async fn a_url_past_the_bound_is_the_clients_error_and_is_never_sent() {
    let (base, accepted) = server(Behaviour::Silent).await;
    let http = client(base).variant(Variant::Resilience(ResiliencePolicy {
        retries: 2,
        backoff: Duration::from_millis(1),
        failures_to_open: 1,
        cooldown: Duration::from_secs(600),
    }));
    let long = "a".repeat(MAX_URL_BYTES);
    for _ in 0..20 {
        let result = get(&http, &["items", &long]).await;
        assert!(
            matches!(result, Err(UpstreamError::BadInput { .. })),
            "{:?}",
            result.as_ref().err()
        );
    }
    assert_eq!(accepted.load(Ordering::SeqCst), 0, "nothing was sent");
    assert!(
        matches!(
            http.breaker.as_ref().unwrap().admit(),
            Admission::Call(ticket) if !ticket.probe
        ),
        "the circuit is still closed"
    );
}

#[tokio::test]
async fn a_cached_read_past_the_url_bound_is_refused_every_time_and_never_sent() {
    let (base, accepted) = server(Behaviour::Silent).await;
    let mut http = client(base);
    http.cache = Some(Arc::new(ProviderCache::new(CachePolicy::default())));
    let pairs = [("ids", "a".repeat(MAX_URL_BYTES))];
    let target = Target {
        segments: &["items", "count"],
        pairs: &pairs,
    };
    for _ in 0..3 {
        let call = CachedCall {
            operation: "items.count",
            not_found: "items",
            freshness: Freshness::List,
            tags: Vec::new(),
        };
        let result = http.read(call, target, |_, _| Ok(0_u64)).await;
        assert!(
            matches!(result, Err(UpstreamError::BadInput { .. })),
            "{result:?}"
        );
    }
    assert_eq!(accepted.load(Ordering::SeqCst), 0, "nothing was sent");
}

/// The cache key `target` writes, checked against the length it announces.
fn key_of(segments: &[&str], pairs: &[(&str, String)]) -> String {
    let target = Target { segments, pairs };
    let mut key = String::new();
    target.write_key(&mut key);
    assert!(key.len() <= target.key_len(), "{key}");
    key
}

#[test]
fn targets_that_differ_write_different_keys_whatever_their_texts_hold() {
    let one = |value: &str| [("show_id", value.to_string())];
    assert_eq!(
        key_of(&["stickers"], &one("a,b")),
        key_of(&["stickers"], &one("a,b"))
    );
    assert_ne!(
        key_of(&["stickers"], &one("a,b")),
        key_of(&["stickers"], &one("a,c"))
    );
    let two = [("show_id", "a".to_string()), ("limit", "5".to_string())];
    assert_ne!(
        key_of(&["stickers"], &one("a&limit=5")),
        key_of(&["stickers"], &two)
    );
    assert_ne!(key_of(&["a/b"], &[]), key_of(&["a", "b"], &[]));
    assert_ne!(key_of(&["a", "b"], &[]), key_of(&["a"], &one("b")));
}

#[tokio::test]
async fn a_call_ends_by_the_request_deadline_and_none_starts_past_it() {
    let (base, accepted) = server(Behaviour::Silent).await;
    let http = client(base).variant(Variant::Request {
        trace: Arc::default(),
        deadline: Some(Instant::now() + Duration::from_millis(300)),
    });
    let started = Instant::now();
    let result = get(&http, &["items"]).await;
    assert!(
        matches!(result, Err(UpstreamError::Timeout { .. })),
        "{:?}",
        result.as_ref().err()
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "the deadline, not the provider's 10s timeout, ended it"
    );
    assert_eq!(accepted.load(Ordering::SeqCst), 1);

    let result = get(&http, &["items"]).await;
    assert!(
        matches!(result, Err(UpstreamError::Timeout { .. })),
        "{:?}",
        result.as_ref().err()
    );
    assert_eq!(
        accepted.load(Ordering::SeqCst),
        1,
        "past the deadline, no call is started"
    );
}

#[tokio::test]
async fn a_timeout_the_deadline_cut_short_is_no_mark_against_the_provider() {
    let (base, _) = server(Behaviour::Silent).await;
    let http = client(base).variant(Variant::Resilience(ResiliencePolicy {
        retries: 0,
        backoff: Duration::from_millis(1),
        failures_to_open: 1,
        cooldown: Duration::from_secs(600),
    }));
    let cut = http.variant(Variant::Request {
        trace: Arc::default(),
        deadline: Some(Instant::now() + Duration::from_millis(200)),
    });
    let result = get(&cut, &["items"]).await;
    assert!(
        matches!(result, Err(UpstreamError::Timeout { .. })),
        "{:?}",
        result.as_ref().err()
    );
    assert!(
        matches!(
            http.breaker.as_ref().unwrap().admit(),
            Admission::Call(ticket) if !ticket.probe
        ),
        "one failure would have opened it; this one did not count"
    );
}
