//! Work under way per key, and the invalidation generation it started in. Both caches use it:
//! concurrent misses of one key join one flight (one provider call, one execution), and an
//! invalidation starts a new generation, so that work already under way neither stores what
//! it read before the invalidation nor serves readers that arrive after it.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

use tokio::sync::RwLock;

use super::index::CacheKey;

pub(crate) struct Flights<V> {
    /// Held for writing by an invalidation, for reading by a store: a store never lands
    /// between an invalidation's start and its end.
    gate: RwLock<()>,
    state: Mutex<State<V>>,
}

struct State<V> {
    generation: u64,
    pending: HashMap<CacheKey, Flight<V>>,
}

/// One key's work under way (for example a `OnceCell` of its answer): whoever joins it shares
/// the same work.
pub(crate) struct Flight<V> {
    pub(crate) generation: u64,
    pub(crate) work: Arc<V>,
}

impl<V> Clone for Flight<V> {
    fn clone(&self) -> Self {
        Self {
            generation: self.generation,
            work: self.work.clone(),
        }
    }
}

impl<V> Default for Flights<V> {
    fn default() -> Self {
        Self {
            gate: RwLock::new(()),
            state: Mutex::new(State {
                generation: 0,
                pending: HashMap::new(),
            }),
        }
    }
}

impl<V: Default> Flights<V> {
    /// The flight under way for `key`, or a new one; `true` when it was already under way.
    pub(crate) fn join(&self, key: &CacheKey) -> (Flight<V>, bool) {
        let mut state = self.lock();
        if let Some(flight) = state.pending.get(key) {
            return (flight.clone(), true);
        }
        let flight = Flight {
            generation: state.generation,
            work: Arc::default(),
        };
        state.pending.insert(key.clone(), flight.clone());
        (flight, false)
    }

    /// The flight is over: later readers read the cache (or start a new flight).
    pub(crate) fn land(&self, key: &CacheKey, flight: &Flight<V>) {
        let mut state = self.lock();
        if state
            .pending
            .get(key)
            .is_some_and(|f| Arc::ptr_eq(&f.work, &flight.work))
        {
            state.pending.remove(key);
        }
    }

    /// Runs `store` unless an invalidation ran since `generation` began (what the flight read
    /// may be older than what the invalidation announced); `true` when it ran.
    pub(crate) async fn store_if_current<F>(
        &self,
        generation: u64,
        store: impl FnOnce() -> F,
    ) -> bool
    where
        F: Future<Output = ()>,
    {
        let _gate = self.gate.read().await;
        if self.lock().generation != generation {
            return false;
        }
        store().await;
        true
    }

    /// Starts a new generation (flights under way are forgotten), then runs `remove`; no store
    /// lands until it is done.
    pub(crate) async fn invalidate<T>(&self, remove: impl Future<Output = T>) -> T {
        let _gate = self.gate.write().await;
        {
            let mut state = self.lock();
            state.generation += 1;
            state.pending.clear();
        }
        remove.await
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State<V>> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}
