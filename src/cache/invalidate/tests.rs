//! The order of an invalidation, step by step: a request that starts at any step keeps nothing
//! that a request after the invalidation could see.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use bytes::Bytes;
use futures::FutureExt;
use futures::future::LocalBoxFuture;
use http::StatusCode;

use crate::cache::{
    Answer, CacheKey, CachePolicy, EntityType, Freshness, ProviderCache, Read, Tag, Tagged, What,
};
use crate::providers::{Provider, UpstreamError};

/// The one show the provider holds, at some version.
#[derive(Clone)]
struct Show(u64);

impl Tagged for Show {
    fn add_tags(&self, tags: &mut Vec<Tag>) {
        tags.push(show_tag());
    }
}

fn show_tag() -> Tag {
    Tag::entity(Provider::Lisa, EntityType::Show, "s")
}

/// Both caches, and the provider behind them.
struct World {
    cache: ProviderCache,
    version: AtomicU64,
}

impl World {
    /// One request as the execution makes it: a kept answer, else an execution (kept when it
    /// may be) that reads the show through the provider cache. Returns the version it saw.
    async fn request(&self) -> u64 {
        let responses = self.cache.responses().expect("on by default");
        let key: CacheKey = Arc::from("{ show }");
        if let Some(hit) = responses.hit(&key).await {
            return version_in(&hit.answer);
        }
        let (answer, _) = responses.execute_once(&key, || self.execute()).await;
        version_in(&answer)
    }

    async fn execute(&self) -> Answer {
        let read = Read {
            provider: Provider::Lisa,
            key: Arc::from("lisa shows.get s"),
            what: What {
                provider: Provider::Lisa,
                operation: "shows.get",
                path: &"/shows/s",
            },
            freshness: Freshness::Entity,
            tags: Vec::new(),
            trace: None,
        };
        let version = self.version.load(Ordering::SeqCst);
        let fetch = || async move { Ok::<_, UpstreamError>((Show(version), 8)) };
        let show: Show = self.cache.read(read, fetch).await.unwrap();
        Answer {
            status: StatusCode::OK,
            body: Bytes::from(show.0.to_string()),
            etag: OnceLock::new(),
            keep_for: Some(Duration::from_secs(60)),
            tags: Arc::from(vec![show_tag()]),
            operation: None,
            outcome: crate::metrics::OperationOutcome::Ok,
        }
    }
}

fn version_in(answer: &Answer) -> u64 {
    std::str::from_utf8(&answer.body).unwrap().parse().unwrap()
}

/// Version 1 read into the provider cache (and, with `kept`, an answer kept from it); then
/// the provider moves to version 2.
async fn cached_then_changed(kept: bool) -> World {
    let world = World {
        cache: ProviderCache::new(CachePolicy::default()),
        version: AtomicU64::new(1),
    };
    if kept {
        assert_eq!(world.request().await, 1);
    } else {
        world.execute().await;
    }
    world.version.store(2, Ordering::SeqCst);
    world
}

#[tokio::test]
async fn a_request_started_at_any_step_of_an_invalidation_keeps_nothing_a_later_one_sees() {
    for kept in [true, false] {
        let world = cached_then_changed(kept).await;
        let paused: Mutex<Vec<LocalBoxFuture<'_, u64>>> = Mutex::default();
        // Each cache picks its keys at its own step: there, a request starts and runs as far
        // as the gates let it; the rest of it runs after the invalidation.
        world
            .cache
            .invalidate_where(|index| {
                let keys = index.keys_tagged(&[show_tag()]);
                let mut request = world.request().boxed_local();
                if (&mut request).now_or_never().is_none() {
                    paused.lock().unwrap().push(request);
                }
                keys
            })
            .await;
        for request in paused.into_inner().unwrap() {
            request.await;
        }
        assert_eq!(
            world.request().await,
            2,
            "the first request after the invalidation (an answer kept before it: {kept})"
        );
    }
}
