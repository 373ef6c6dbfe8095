//! The response cache's promises, each against an execution the test controls.

use std::sync::atomic::AtomicUsize;

use tokio::sync::oneshot;

use super::*;
use crate::cache::{CachePolicy, EntityType, ProviderCache};
use crate::providers::Provider;

fn show(id: &str) -> Tag {
    Tag::entity(Provider::Lisa, EntityType::Show, id)
}

fn answer(body: &str, keep_for: Option<u64>, tags: &[Tag]) -> Answer {
    Answer {
        status: StatusCode::OK,
        body: Bytes::from(body.to_string()),
        etag: OnceLock::new(),
        keep_for: keep_for.map(Duration::from_secs),
        tags: tags.into(),
        operation: Some(Arc::from("Shows")),
        outcome: crate::metrics::OperationOutcome::Ok,
    }
}

fn key(text: &str) -> CacheKey {
    Arc::from(text)
}

fn cache() -> ProviderCache {
    ProviderCache::new(CachePolicy::default())
}

#[tokio::test]
async fn a_kept_answer_is_a_hit_until_its_freshness_ends() {
    let cache = cache();
    let responses = cache.responses().expect("on by default");
    assert!(responses.hit(&key("q")).await.is_none());
    let executed = responses
        .execute_once(&key("q"), || async { answer("{}", Some(30), &[show("a")]) })
        .await;
    assert!(!executed.1, "the first request executes");
    let hit = responses.hit(&key("q")).await.expect("kept");
    assert_eq!(hit.answer.body, "{}");
    assert!(hit.fresh_for <= Duration::from_secs(30) && hit.fresh_for > Duration::from_secs(29));
    let counts = responses.counts();
    assert_eq!((counts.hits, counts.misses, counts.stored), (1, 1, 1));
}

#[tokio::test]
async fn answers_that_may_not_be_kept_are_not() {
    let cache = cache();
    let responses = cache.responses().unwrap();
    for (name, keep_for) in [("errors", None), ("stale", Some(0))] {
        let k = key(name);
        responses
            .execute_once(&k, || async { answer("{}", keep_for, &[]) })
            .await;
        assert!(responses.hit(&k).await.is_none(), "{name}");
    }
    assert_eq!(responses.counts().not_stored, 2);
}

#[tokio::test]
async fn an_invalidated_tag_drops_the_answers_it_fed_and_no_other() {
    let cache = cache();
    let responses = cache.responses().unwrap();
    for (k, id) in [("a", "a"), ("b", "b")] {
        responses
            .execute_once(&key(k), || async { answer(k, Some(30), &[show(id)]) })
            .await;
    }
    cache.invalidate_tags(&[show("a")]).await;
    assert!(
        responses.hit(&key("a")).await.is_none(),
        "built from show a"
    );
    assert!(
        responses.hit(&key("b")).await.is_some(),
        "not built from it"
    );
    assert_eq!(responses.counts().invalidations, 1);
}

#[tokio::test]
async fn identical_misses_under_way_together_execute_once() {
    let cache = Arc::new(cache());
    let executions = Arc::new(AtomicUsize::new(0));
    let (release, released) = oneshot::channel::<()>();
    let leader = tokio::spawn({
        let (cache, executions) = (cache.clone(), executions.clone());
        async move {
            let responses = cache.responses().unwrap();
            responses
                .execute_once(&key("q"), || async move {
                    executions.fetch_add(1, Ordering::SeqCst);
                    released.await.unwrap();
                    answer("leader", Some(30), &[])
                })
                .await
        }
    });
    wait_until(|| cache.responses().unwrap().counts().misses == 1).await;
    let followers: Vec<_> = (0..3)
        .map(|_| {
            let (cache, executions) = (cache.clone(), executions.clone());
            tokio::spawn(async move {
                let responses = cache.responses().unwrap();
                responses
                    .execute_once(&key("q"), || async move {
                        executions.fetch_add(1, Ordering::SeqCst);
                        answer("follower", Some(30), &[])
                    })
                    .await
            })
        })
        .collect();
    wait_until(|| cache.responses().unwrap().counts().coalesced == 3).await;
    release.send(()).unwrap();
    assert!(!leader.await.unwrap().1);
    for follower in followers {
        let (answer, joined) = follower.await.unwrap();
        assert!(joined);
        assert_eq!(answer.body, "leader");
    }
    assert_eq!(executions.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn an_execution_overtaken_by_an_invalidation_is_neither_kept_nor_joined() {
    let cache = Arc::new(cache());
    let (release, released) = oneshot::channel::<()>();
    let before = tokio::spawn({
        let cache = cache.clone();
        async move {
            let responses = cache.responses().unwrap();
            responses
                .execute_once(&key("q"), || async move {
                    released.await.unwrap();
                    answer("before", Some(30), &[show("a")])
                })
                .await
        }
    });
    wait_until(|| cache.responses().unwrap().counts().misses == 1).await;
    cache.invalidate_tags(&[show("a")]).await;
    let responses = cache.responses().unwrap();
    let (after, joined) = responses
        .execute_once(&key("q"), || async {
            answer("after", Some(30), &[show("a")])
        })
        .await;
    assert!(
        !joined,
        "a request after the invalidation does not wait for older work"
    );
    assert_eq!(after.body, "after");
    release.send(()).unwrap();
    assert_eq!(before.await.unwrap().0.body, "before");
    let kept = responses
        .hit(&key("q"))
        .await
        .expect("the newer answer is kept");
    assert_eq!(
        kept.answer.body, "after",
        "the older answer did not overwrite it"
    );
}

/// Awaits a condition another task makes true (yielding, never sleeping).
async fn wait_until(condition: impl Fn() -> bool) {
    while !condition() {
        tokio::task::yield_now().await;
    }
}
