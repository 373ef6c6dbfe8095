//! Removing entries: by tag (webhooks, mutations), by type, or everything (operators). The
//! whole GraphQL answers built from the removed entries go with them, before the invalidation
//! returns, and no read that starts after it returns sees what it removed.
//!
//! # Why no execution slips between the two caches
//!
//! Each cache has a write gate (a store waits while it is closed) and a generation (a flight
//! records the one it began in, and stores only if it is still current; see `flights.rs`). An
//! invalidation goes in this order:
//!
//! 1. the provider cache's gate closes and its generation moves on: provider calls under way
//!    will not store, and new readers do not join them;
//! 2. the provider entries go;
//! 3. the response cache's gate closes and its generation moves on: executions under way will
//!    not keep their answers, and new requests do not join them;
//! 4. the kept answers go;
//! 5. both gates open, and the invalidation returns (then, say, a webhook answers its 2xx).
//!
//! An answer is kept only by an execution that began after 3 (the others are refused), hence
//! after 2: every provider entry it reads was untouched by the change or was stored by a
//! provider call begun after 1, that is after the change was announced. An answer kept before 3
//! goes at 4. So once 5 is reached, neither cache holds, nor will ever store, anything read
//! before the change.
//!
//! The other order — answers first, entries second — leaves a window: an execution that begins
//! after the answers went but reads a provider entry before it goes builds an answer from the
//! old entry and keeps it under the new generation, where reads after the 2xx find it.

use serde::{Deserialize, Serialize};

use super::broadcast::Change;
use super::index::CacheKey;
use super::tag::{EntityType, Tag};
use super::{ProviderCache, TagIndex};
use crate::cluster::ReplicaError;
use crate::providers::Provider;

/// One thing to invalidate, as `POST /internal/cache/invalidate` takes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
pub(crate) enum Invalidation {
    /// One entity: every entry that contains it, and the lists of its type (the change may
    /// move it into or out of any of them).
    Entity {
        provider: Provider,
        #[serde(rename = "type", deserialize_with = "entity_type")]
        kind: EntityType,
        id: String,
    },
    /// Every entry about a type: its entities and its lists.
    Type {
        provider: Provider,
        #[serde(rename = "type", deserialize_with = "entity_type")]
        kind: EntityType,
    },
    All,
}

fn entity_type<'de, D: serde::Deserializer<'de>>(d: D) -> Result<EntityType, D::Error> {
    let name = String::deserialize(d)?;
    EntityType::parse(&name).ok_or_else(|| {
        let known: Vec<&str> = EntityType::names().collect();
        serde::de::Error::custom(format!(
            "unknown type {name:?}, expected one of {}",
            known.join(", ")
        ))
    })
}

impl ProviderCache {
    /// Removes every entry carrying one of `tags`, here and on every other replica; returns how
    /// many there were here.
    pub(crate) async fn invalidate_tags(&self, tags: &[Tag]) -> u64 {
        self.everywhere_or_logged(Change::tags(tags)).await
    }

    /// Carries out `invalidations` here and on every other replica; returns how many entries
    /// they removed here.
    pub(crate) async fn invalidate(&self, invalidations: &[Invalidation]) -> u64 {
        self.everywhere_or_logged(Change::Invalidations(invalidations.to_vec()))
            .await
    }

    /// Like [`Self::invalidate_tags`], but fails when the other replicas could not be told (a
    /// webhook then answers 503, and LiSA sends it again).
    pub(crate) async fn invalidate_tags_everywhere(
        &self,
        tags: &[Tag],
    ) -> Result<u64, ReplicaError> {
        let (removed, told) = self.here_then_everywhere(&Change::tags(tags)).await;
        told.map(|()| removed)
    }

    /// Makes a change here only (one another replica made).
    pub(crate) async fn apply(&self, change: &Change) -> u64 {
        match change {
            Change::Tags(wire) => {
                let tags: Vec<Tag> = wire
                    .iter()
                    .filter_map(|tag| Tag::try_from(tag.clone()).ok())
                    .collect();
                self.invalidate_where(|index| index.keys_tagged(&tags))
                    .await
            }
            Change::Invalidations(invalidations) => {
                let mut removed = 0;
                for invalidation in invalidations {
                    removed += self.invalidate_here(invalidation).await;
                }
                removed
            }
        }
    }

    async fn everywhere_or_logged(&self, change: Change) -> u64 {
        let (removed, told) = self.here_then_everywhere(&change).await;
        if let Err(error) = told {
            tracing::warn!(%error, "other replicas were not told of an invalidation; they keep their entries until their TTL");
        }
        removed
    }

    /// Makes `change` here, then tells the other replicas; how many entries it removed here,
    /// and whether they were told.
    async fn here_then_everywhere(&self, change: &Change) -> (u64, Result<(), ReplicaError>) {
        let removed = self.apply(change).await;
        let told = match self.broadcast.get() {
            Some(broadcast) => broadcast.publish(change).await,
            None => Ok(()),
        };
        (removed, told)
    }

    async fn invalidate_here(&self, invalidation: &Invalidation) -> u64 {
        match invalidation {
            Invalidation::Entity { provider, kind, id } => {
                let tags = [
                    Tag::entity(*provider, *kind, id),
                    Tag::list(*provider, *kind),
                ];
                self.invalidate_where(|index| index.keys_tagged(&tags))
                    .await
            }
            Invalidation::Type { provider, kind } => {
                self.invalidate_where(|index| index.keys_where(|t| t.is_of(*provider, *kind)))
                    .await
            }
            Invalidation::All => self.invalidate_where(TagIndex::all_keys).await,
        }
    }

    /// Removes what `select` picks, here and then from the answers built from it, each in a
    /// new generation (the order the module doc argues for); counts the entries removed here.
    async fn invalidate_where(&self, select: impl Fn(&TagIndex) -> Vec<CacheKey>) -> u64 {
        let removed = self
            .flights
            .invalidate(async {
                let removed = self.entries.remove_where(&select).await;
                if let Some(responses) = &self.responses {
                    responses.invalidate_where(&select).await;
                }
                removed
            })
            .await;
        self.metrics.invalidated(removed);
        removed
    }
}

#[cfg(test)]
mod tests;
