//! Which cached keys carry which tags, both ways, so an invalidation finds its entries without
//! scanning the cache. Each key remembers the id of the entry it was indexed for: a late
//! eviction notice about an entry that has since been replaced leaves the new one indexed.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use super::tag::Tag;

pub(crate) type CacheKey = Arc<str>;

#[derive(Default)]
pub(crate) struct TagIndex {
    inner: Mutex<Maps>,
}

#[derive(Default)]
struct Maps {
    by_key: HashMap<CacheKey, (u64, Arc<[Tag]>)>,
    by_tag: HashMap<Tag, HashSet<CacheKey>>,
}

impl TagIndex {
    /// Indexes entry `entry_id` under `key`, replacing what the key was indexed for before.
    pub(crate) fn add(&self, key: &CacheKey, entry_id: u64, tags: &Arc<[Tag]>) {
        let mut maps = self.lock();
        maps.unlink(key);
        for tag in tags.iter() {
            maps.by_tag
                .entry(tag.clone())
                .or_default()
                .insert(key.clone());
        }
        maps.by_key.insert(key.clone(), (entry_id, tags.clone()));
    }

    /// Forgets `key` if it is still indexed for entry `entry_id`.
    pub(crate) fn remove(&self, key: &CacheKey, entry_id: u64) {
        let mut maps = self.lock();
        if maps.by_key.get(key).is_some_and(|(id, _)| *id == entry_id) {
            maps.unlink(key);
        }
    }

    /// The keys carrying any tag `matches` accepts.
    pub(crate) fn keys_where(&self, matches: impl Fn(&Tag) -> bool) -> Vec<CacheKey> {
        let maps = self.lock();
        let keys: HashSet<&CacheKey> = maps
            .by_tag
            .iter()
            .filter(|(tag, _)| matches(tag))
            .flat_map(|(_, keys)| keys)
            .collect();
        keys.into_iter().cloned().collect()
    }

    /// Every key indexed.
    pub(crate) fn all_keys(&self) -> Vec<CacheKey> {
        self.lock().by_key.keys().cloned().collect()
    }

    /// The keys carrying any of `tags`.
    pub(crate) fn keys_tagged(&self, tags: &[Tag]) -> Vec<CacheKey> {
        let maps = self.lock();
        let keys: HashSet<&CacheKey> = tags
            .iter()
            .filter_map(|tag| maps.by_tag.get(tag))
            .flatten()
            .collect();
        keys.into_iter().cloned().collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Maps> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Maps {
    fn unlink(&mut self, key: &CacheKey) {
        let Some((_, tags)) = self.by_key.remove(key) else {
            return;
        };
        for tag in tags.iter() {
            if let Some(keys) = self.by_tag.get_mut(tag) {
                keys.remove(key);
                if keys.is_empty() {
                    self.by_tag.remove(tag);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::tag::EntityType;
    use crate::providers::Provider;

    fn show(id: &str) -> Tag {
        Tag::entity(Provider::Lisa, EntityType::Show, id)
    }

    #[test]
    fn a_replaced_entry_stays_indexed_after_the_old_ones_eviction() {
        let index = TagIndex::default();
        let key: CacheKey = Arc::from("k");
        index.add(&key, 1, &Arc::from(vec![show("a")]));
        index.add(&key, 2, &Arc::from(vec![show("b")]));
        index.remove(&key, 1);
        assert_eq!(index.keys_tagged(&[show("b")]), vec![key.clone()]);
        assert!(
            index.keys_tagged(&[show("a")]).is_empty(),
            "old tags unlinked"
        );
        index.remove(&key, 2);
        assert!(index.keys_tagged(&[show("b")]).is_empty());
    }
}
