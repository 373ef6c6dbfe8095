//! The cache's promises, each against a fetch the test controls.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::oneshot;

use super::*;
use crate::providers::Provider;

#[derive(Clone, Debug, PartialEq)]
struct Item(String);

impl Tagged for Item {
    fn add_tags(&self, tags: &mut Vec<Tag>) {
        tags.push(show_tag(&self.0));
    }
}

fn show_tag(id: &str) -> Tag {
    Tag::entity(Provider::Lisa, EntityType::Show, id)
}

fn read(key: &str) -> Read<'static> {
    Read {
        provider: Provider::Lisa,
        key: Arc::from(key),
        what: What {
            provider: Provider::Lisa,
            operation: "shows.get",
            path: &"/shows/x",
        },
        freshness: Freshness::Entity,
        tags: vec![Tag::list(Provider::Lisa, EntityType::Show)],
        trace: None,
    }
}

fn cache_with(entity_ttl: Duration, stale_grace: Duration) -> ProviderCache {
    ProviderCache::new(CachePolicy {
        entity_ttl,
        stale_grace,
        ..CachePolicy::default()
    })
}

/// A fetch that counts its calls and answers `Item(id)` of 100 bytes.
fn counted(
    calls: &AtomicUsize,
    id: &str,
) -> impl Future<Output = Result<(Item, usize), UpstreamError>> + use<> {
    calls.fetch_add(1, Ordering::SeqCst);
    std::future::ready(Ok((Item(id.to_string()), 100)))
}

fn down() -> UpstreamError {
    UpstreamError::Unavailable {
        provider: Provider::Lisa,
        status: Some(503),
    }
}

#[tokio::test]
async fn a_repeated_read_is_answered_by_the_cache() {
    let cache = ProviderCache::new(CachePolicy::default());
    let calls = AtomicUsize::new(0);
    for _ in 0..3 {
        let item: Item = cache
            .read(read("k"), || counted(&calls, "a"))
            .await
            .unwrap();
        assert_eq!(item, Item("a".into()));
    }
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    assert_eq!(cache.counts().hits, 2);
    assert_eq!(cache.counts().misses, 1);
}

#[tokio::test]
async fn concurrent_misses_for_one_key_make_one_call() {
    let cache = ProviderCache::new(CachePolicy::default());
    let calls = AtomicUsize::new(0);
    let (release, released) = oneshot::channel::<()>();
    let leader = cache.read(read("k"), || {
        calls.fetch_add(1, Ordering::SeqCst);
        async {
            released.await.unwrap();
            Ok((Item("a".into()), 100))
        }
    });
    let followers = futures::future::join_all(
        (0..10).map(|_| cache.read::<Item, _>(read("k"), || counted(&calls, "other"))),
    );
    let release_after_all_joined = async {
        // Every follower has registered once the flight's waiters outnumber it.
        tokio::task::yield_now().await;
        release.send(()).unwrap();
    };
    let (leader, followers, ()) = tokio::join!(leader, followers, release_after_all_joined);
    assert_eq!(leader.unwrap(), Item("a".into()));
    assert!(
        followers
            .into_iter()
            .all(|f| f.unwrap() == Item("a".into()))
    );
    assert_eq!(calls.load(Ordering::SeqCst), 1, "one provider call");
}

#[tokio::test]
async fn a_reader_that_goes_away_leaves_the_call_to_the_others_without_sending_it_again() {
    let off = ProviderCache::new(CachePolicy {
        max_bytes: 0,
        ..CachePolicy::default()
    });
    for cache in [ProviderCache::new(CachePolicy::default()), off] {
        let calls = AtomicUsize::new(0);
        let (release, released) = oneshot::channel::<()>();
        let (started, has_started) = oneshot::channel::<()>();
        let leader = cache.read::<Item, _>(read("k"), || {
            calls.fetch_add(1, Ordering::SeqCst);
            async {
                started.send(()).unwrap();
                released.await.unwrap();
                Ok((Item("a".into()), 100))
            }
        });
        let follower = cache.read::<Item, _>(read("k"), || counted(&calls, "again"));
        let (mut leader, mut follower) = (Box::pin(leader), Box::pin(follower));
        // The leader starts the call, the follower joins it, then the leader goes away.
        tokio::select! {
            _ = &mut leader => unreachable!("the call is held"),
            _ = has_started => {}
        }
        assert!(futures::poll!(&mut follower).is_pending());
        drop(leader);
        release.send(()).unwrap();
        assert_eq!(follower.await.unwrap(), Item("a".into()));
        assert_eq!(
            calls.load(Ordering::SeqCst),
            1,
            "the call was not sent again"
        );
    }
}

#[tokio::test]
async fn an_invalidated_entry_is_read_again() {
    let cache = ProviderCache::new(CachePolicy::default());
    let calls = AtomicUsize::new(0);
    let _: Item = cache
        .read(read("k"), || counted(&calls, "a"))
        .await
        .unwrap();
    assert_eq!(cache.invalidate_tags(&[show_tag("other")]).await, 0);
    assert_eq!(cache.invalidate_tags(&[show_tag("a")]).await, 1);
    let _: Item = cache
        .read(read("k"), || counted(&calls, "a"))
        .await
        .unwrap();
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    assert_eq!(cache.counts().invalidations, 1);
}

#[tokio::test]
async fn a_call_under_way_during_an_invalidation_is_neither_stored_nor_joined() {
    let cache = ProviderCache::new(CachePolicy::default());
    let calls = AtomicUsize::new(0);
    let (release, released) = oneshot::channel::<()>();
    let (started, has_started) = oneshot::channel::<()>();
    let old = cache.read(read("k"), || {
        calls.fetch_add(1, Ordering::SeqCst);
        async {
            started.send(()).unwrap();
            released.await.unwrap();
            Ok((Item("old".into()), 100))
        }
    });
    let after = async {
        has_started.await.unwrap();
        cache.invalidate_tags(&[show_tag("old")]).await;
        // Started after the invalidation: must not join the old call.
        let fresh = cache.read(read("k"), || counted(&calls, "new"));
        let fresh: Item = fresh.await.unwrap();
        release.send(()).unwrap();
        fresh
    };
    let (old, fresh) = tokio::join!(old, after);
    assert_eq!(
        old.unwrap(),
        Item("old".into()),
        "its own reader still gets it"
    );
    assert_eq!(fresh, Item("new".into()));
    let again: Item = cache
        .read(read("k"), || counted(&calls, "newest"))
        .await
        .unwrap();
    assert_eq!(
        again,
        Item("new".into()),
        "the old answer did not overwrite the new one"
    );
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn past_its_ttl_an_entry_covers_a_failing_provider_within_the_grace() {
    let cache = cache_with(Duration::ZERO, Duration::from_secs(600));
    let calls = AtomicUsize::new(0);
    let trace = RequestTrace::default();
    let _: Item = cache
        .read(read("k"), || counted(&calls, "a"))
        .await
        .unwrap();
    let stale: Item = cache
        .read(
            Read {
                trace: Some(&trace),
                ..read("k")
            },
            || async { Err(down()) },
        )
        .await
        .unwrap();
    assert_eq!(stale, Item("a".into()));
    assert_eq!(trace.stale(), vec!["lisa shows.get /shows/x"]);
    assert_eq!(cache.counts().stale_answers, 1);
    let not_found = UpstreamError::NotFound {
        provider: Provider::Lisa,
        what: "show",
    };
    let refused = cache
        .read::<Item, _>(read("k"), || async { Err(not_found) })
        .await;
    assert!(refused.is_err(), "a provider's answer (404) is not covered");
}

#[tokio::test]
async fn after_the_grace_a_failing_provider_is_an_error() {
    let cache = cache_with(Duration::ZERO, Duration::ZERO);
    let calls = AtomicUsize::new(0);
    let _: Item = cache
        .read(read("k"), || counted(&calls, "a"))
        .await
        .unwrap();
    let answer = cache
        .read::<Item, _>(read("k"), || async { Err(down()) })
        .await;
    assert!(matches!(answer, Err(UpstreamError::Unavailable { .. })));
}

#[tokio::test]
async fn the_weight_bound_holds_far_past_it() {
    let max_bytes = 100 * 1024;
    let cache = ProviderCache::new(CachePolicy {
        max_bytes,
        ..CachePolicy::default()
    });
    for n in 0..1000 {
        let key = format!("k{n}");
        let fetch = || async move { Ok((Item(n.to_string()), 10 * 1024)) };
        let _: Item = cache.read(read(&key), fetch).await.unwrap();
    }
    let held = cache.weighted_size().await;
    assert!(held <= max_bytes, "{held} bytes held, bound {max_bytes}");
    assert!(
        held > max_bytes / 2,
        "the cache is used up to its bound ({held})"
    );
    assert!(cache.counts().evictions > 0);
}

#[tokio::test]
async fn invalidating_a_type_or_everything_counts_what_went() {
    let cache = ProviderCache::new(CachePolicy::default());
    let calls = AtomicUsize::new(0);
    for key in ["a", "b", "c"] {
        let _: Item = cache
            .read(read(key), || counted(&calls, key))
            .await
            .unwrap();
    }
    let caast_lives = Invalidation::Type {
        provider: Provider::Caast,
        kind: EntityType::Live,
    };
    assert_eq!(cache.invalidate(&[caast_lives]).await, 0);
    let lisa_show = Invalidation::Entity {
        provider: Provider::Lisa,
        kind: EntityType::Show,
        id: "zzz".into(),
    };
    // The show is in no entry, but every entry answers a show list.
    assert_eq!(cache.invalidate(&[lisa_show]).await, 3);
    for key in ["a", "b"] {
        let _: Item = cache
            .read(read(key), || counted(&calls, key))
            .await
            .unwrap();
    }
    assert_eq!(cache.invalidate(&[Invalidation::All]).await, 2);
}
