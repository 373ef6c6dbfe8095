//! The simulator's own data model and the one store holding both providers' state.
//!
//! The simulator keeps its own representation, never the gateway clients' wire types, so
//! a misreading of the contract on one side cannot hide in the other.

pub(crate) mod caast;
pub(crate) mod lisa;

use std::collections::HashMap;

use serde_json::Value;
use uuid::Uuid;

use caast::{CatalogueItem, ChatMessage, Live, Product, Seller, Timecode, Video};
use lisa::{Channel, ProductRef, RtmpKey, ShortClip, Show, Snippet, Sticker, Story, Subscription};

/// All mutable state, behind one lock in [`super::sim::Simulator`]. Collections are
/// vectors in seed order: small, and handlers filter and sort them per request anyway.
#[derive(Debug, Default)]
pub(crate) struct Store {
    pub(crate) sellers: Vec<Seller>,
    pub(crate) products: Vec<Product>,
    pub(crate) catalogue: Vec<CatalogueItem>,
    pub(crate) lives: Vec<Live>,
    pub(crate) videos: Vec<Video>,
    /// Chat per live id, oldest first.
    pub(crate) messages: HashMap<String, Vec<ChatMessage>>,
    /// Event timecodes per live or video id.
    pub(crate) timecodes: HashMap<String, Vec<Timecode>>,
    pub(crate) channels: Vec<Channel>,
    pub(crate) shows: Vec<Show>,
    pub(crate) stickers: Vec<Sticker>,
    pub(crate) stories: Vec<Story>,
    pub(crate) snippets: Vec<Snippet>,
    pub(crate) short_clips: Vec<ShortClip>,
    pub(crate) rtmp_keys: Vec<RtmpKey>,
    pub(crate) product_refs: Vec<ProductRef>,
    pub(crate) subscriptions: Vec<Subscription>,
    /// Webhook events the simulator emitted (the latest thousand), by id, as sent.
    pub(crate) events: Vec<(Uuid, Value)>,
    /// Sequence for ids of created items (deterministic like the seeds).
    pub(crate) next_seq: u64,
}

impl Store {
    pub(crate) fn next_seq(&mut self) -> u64 {
        self.next_seq += 1;
        self.next_seq
    }

    pub(crate) fn seller(&self, id: &str) -> Option<&Seller> {
        self.sellers.iter().find(|s| s.id == id)
    }

    pub(crate) fn product(&self, id: &str) -> Option<&Product> {
        self.products.iter().find(|p| p.id == id)
    }

    pub(crate) fn channel(&self, id: Uuid) -> Option<&Channel> {
        self.channels.iter().find(|c| c.id == id)
    }
}
