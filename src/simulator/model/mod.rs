//! The simulator's own data model and the one store holding both providers' state.
//!
//! The simulator keeps its own representation, never the gateway clients' wire types, so
//! a misreading of the contract on one side cannot hide in the other.

pub mod caast;
pub mod lisa;

use std::collections::HashMap;

use serde_json::Value;
use uuid::Uuid;

use caast::{CatalogueItem, ChatMessage, Live, Product, Seller, Timecode, Video};
use lisa::{Channel, ProductRef, RtmpKey, ShortClip, Show, Snippet, Sticker, Story, Subscription};

/// All mutable state, behind one lock in [`super::sim::Simulator`]. Collections are
/// vectors in seed order: small, and handlers filter and sort them per request anyway.
#[derive(Debug, Default)]
pub struct Store {
    pub sellers: Vec<Seller>,
    pub products: Vec<Product>,
    pub catalogue: Vec<CatalogueItem>,
    pub lives: Vec<Live>,
    pub videos: Vec<Video>,
    /// Chat per live id, oldest first.
    pub messages: HashMap<String, Vec<ChatMessage>>,
    /// Event timecodes per live or video id.
    pub timecodes: HashMap<String, Vec<Timecode>>,
    pub channels: Vec<Channel>,
    pub shows: Vec<Show>,
    pub stickers: Vec<Sticker>,
    pub stories: Vec<Story>,
    pub snippets: Vec<Snippet>,
    pub short_clips: Vec<ShortClip>,
    pub rtmp_keys: Vec<RtmpKey>,
    pub product_refs: Vec<ProductRef>,
    pub subscriptions: Vec<Subscription>,
    /// Webhook events the simulator emitted (the latest thousand), by id, as sent.
    pub events: Vec<(Uuid, Value)>,
    /// Sequence for ids of created items (deterministic like the seeds).
    pub next_seq: u64,
}

impl Store {
    pub fn next_seq(&mut self) -> u64 {
        self.next_seq += 1;
        self.next_seq
    }

    pub fn seller(&self, id: &str) -> Option<&Seller> {
        self.sellers.iter().find(|s| s.id == id)
    }

    pub fn product(&self, id: &str) -> Option<&Product> {
        self.products.iter().find(|p| p.id == id)
    }

    pub fn channel(&self, id: Uuid) -> Option<&Channel> {
        self.channels.iter().find(|c| c.id == id)
    }
}
