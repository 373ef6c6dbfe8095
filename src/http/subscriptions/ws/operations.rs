//! The operations one WebSocket connection runs, by the id the client gave each. An id may be
//! used again once its operation has ended, so each start gets a generation of its own: a late
//! message from an operation that ended, or that another replaced under the same id, is told
//! apart and ignored.

use std::collections::HashMap;

use super::relay::Stop;

#[derive(Default)]
pub(super) struct Operations {
    running: HashMap<String, (u64, Stop)>,
    generation: u64,
}

impl Operations {
    pub(super) fn len(&self) -> usize {
        self.running.len()
    }

    pub(super) fn contains(&self, id: &str) -> bool {
        self.running.contains_key(id)
    }

    /// The generation the next operation started gets.
    pub(super) fn next_generation(&mut self) -> u64 {
        self.generation += 1;
        self.generation
    }

    pub(super) fn insert(&mut self, id: String, generation: u64, stop: Stop) {
        self.running.insert(id, (generation, stop));
    }

    /// Whether `id`'s running operation is `generation`.
    pub(super) fn is_current(&self, id: &str, generation: u64) -> bool {
        self.running.get(id).is_some_and(|(g, _)| *g == generation)
    }

    /// How `generation` of `id` is stopped, while it runs (a relay replaces its task's stop).
    pub(super) fn stop_of(&mut self, id: &str, generation: u64) -> Option<&mut Stop> {
        let (g, stop) = self.running.get_mut(id)?;
        (*g == generation).then_some(stop)
    }

    /// Forgets `generation` of `id`, which has ended by itself; a later one is kept.
    pub(super) fn finished(&mut self, id: &str, generation: u64) {
        if self.is_current(id, generation) {
            self.running.remove(id);
        }
    }

    /// Forgets `id`, its last message written.
    pub(super) fn remove(&mut self, id: &str) {
        self.running.remove(id);
    }

    /// Stops `id`'s operation at the client's word; whether one ran.
    pub(super) fn stop(&mut self, id: &str) -> bool {
        self.running
            .remove(id)
            .map(|(_, stop)| stop.stop())
            .is_some()
    }

    /// Stops every operation: the connection ends.
    pub(super) fn stop_all(&mut self) {
        for (_, (_, stop)) in self.running.drain() {
            stop.stop();
        }
    }
}
