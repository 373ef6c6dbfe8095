//! Invalidations other replicas must make too. With several replicas (Redis), a webhook reaches
//! one of them; the cache tells the others through a [`Broadcast`] and waits until they have
//! made the change, so that a read on any replica after the webhook's 2xx is fresh.

use futures::future::BoxFuture;
use serde::{Deserialize, Serialize};

use super::invalidate::Invalidation;
use super::tag::{Tag, WireTag};
use crate::cluster::ReplicaError;

/// One invalidation, as replicas send it to each other.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Change {
    Tags(Vec<WireTag>),
    Invalidations(Vec<Invalidation>),
}

impl Change {
    pub(crate) fn tags(tags: &[Tag]) -> Self {
        Self::Tags(tags.iter().map(WireTag::from).collect())
    }
}

/// Where a replica's invalidations go so the others make them too.
pub(crate) trait Broadcast: Send + Sync + 'static {
    /// Resolves once every other replica has made `change`; an error says why that is not
    /// known.
    fn publish<'a>(&'a self, change: &'a Change) -> BoxFuture<'a, Result<(), ReplicaError>>;
}
