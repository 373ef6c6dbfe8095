//! Every route the simulator serves, named once. The names are what tests assert on
//! ("the gateway made exactly one `lisa.stickers.find`"), so they are stable strings.

use serde::{Deserialize, Serialize};

/// Which provider an operation belongs to: selects auth, error format and faults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SimProvider {
    Caast,
    Lisa,
}

macro_rules! operations {
    ($($variant:ident => $name:literal,)*) => {
        /// One upstream operation (method + path) of either provider.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Operation { $($variant,)* }

        impl Operation {
            /// Every operation, in declaration order.
            pub const ALL: &'static [Operation] = &[$(Operation::$variant,)*];

            /// The stable name, e.g. `caast.lives.list`.
            pub fn as_str(self) -> &'static str {
                match self { $(Operation::$variant => $name,)* }
            }
        }
    };
}

operations! {
    CaastLivesList => "caast.lives.list",
    CaastLivesCreate => "caast.lives.create",
    CaastLivesGet => "caast.lives.get",
    CaastLivesUpdate => "caast.lives.update",
    CaastLivesFinish => "caast.lives.finish",
    CaastLivesMessages => "caast.lives.messages",
    CaastLivesTimecodes => "caast.lives.timecodes",
    CaastVideosList => "caast.videos.list",
    CaastVideosCreate => "caast.videos.create",
    CaastVideosGet => "caast.videos.get",
    CaastVideosUpdate => "caast.videos.update",
    CaastVideosTimecodes => "caast.videos.timecodes",
    CaastSellersList => "caast.sellers.list",
    CaastSellersCreate => "caast.sellers.create",
    CaastSellersUpdate => "caast.sellers.update",
    CaastProductsList => "caast.products.list",
    CaastProductsCreate => "caast.products.create",
    CaastProductsGet => "caast.products.get",
    CaastProductsUpdate => "caast.products.update",
    CaastDisplayed => "caast.displayed",
    LisaShowsFind => "lisa.shows.find",
    LisaShowsCount => "lisa.shows.count",
    LisaShowsFindOne => "lisa.shows.find_one",
    LisaRtmpKeysFind => "lisa.shows.rtmp_keys.find",
    LisaRtmpKeysCount => "lisa.shows.rtmp_keys.count",
    LisaChannelsFind => "lisa.channels.find",
    LisaChannelsCount => "lisa.channels.count",
    LisaChannelsCreate => "lisa.channels.create",
    LisaChannelsFindOne => "lisa.channels.find_one",
    LisaChannelsUpdate => "lisa.channels.update",
    LisaChannelsDelete => "lisa.channels.delete",
    LisaProductReferencesFind => "lisa.products.references.find",
    LisaShortClipsFind => "lisa.short_clips.find",
    LisaShortClipsCount => "lisa.short_clips.count",
    LisaShortClipsFindOne => "lisa.short_clips.find_one",
    LisaSnippetsFind => "lisa.snippets.find",
    LisaSnippetsCount => "lisa.snippets.count",
    LisaStickersFind => "lisa.stickers.find",
    LisaStickersCount => "lisa.stickers.count",
    LisaStickersFindOne => "lisa.stickers.find_one",
    LisaStickersUpdate => "lisa.stickers.update",
    LisaStoriesFind => "lisa.stories.find",
    LisaStoriesCount => "lisa.stories.count",
    LisaStoriesFindOne => "lisa.stories.find_one",
    LisaStoriesBadges => "lisa.stories.badges",
    LisaSubscriptionsFind => "lisa.webhooks.subscriptions.find",
    LisaSubscriptionsCreate => "lisa.webhooks.subscriptions.create",
    LisaSubscriptionsFindOne => "lisa.webhooks.subscriptions.find_one",
    LisaSubscriptionsDelete => "lisa.webhooks.subscriptions.delete",
    LisaWebhookEventsFindOne => "lisa.webhooks.events.find_one",
}

impl Operation {
    pub fn provider(self) -> SimProvider {
        if self.as_str().starts_with("caast.") {
            SimProvider::Caast
        } else {
            SimProvider::Lisa
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|op| op.as_str() == name)
    }

    fn index(self) -> usize {
        Self::ALL.iter().position(|op| *op == self).unwrap_or(0)
    }
}

/// Per-operation request counters, lock-free so counting never contends with handlers.
#[derive(Debug)]
pub struct RequestCounts(Vec<std::sync::atomic::AtomicU64>);

impl Default for RequestCounts {
    fn default() -> Self {
        Self(Operation::ALL.iter().map(|_| Default::default()).collect())
    }
}

impl RequestCounts {
    pub fn hit(&self, op: Operation) {
        self.0[op.index()].fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    pub fn get(&self, op: Operation) -> u64 {
        self.0[op.index()].load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Every operation with its count (zeros included, so a reader sees the full list).
    pub fn snapshot(&self) -> std::collections::BTreeMap<&'static str, u64> {
        Operation::ALL
            .iter()
            .map(|op| (op.as_str(), self.get(*op)))
            .collect()
    }

    pub fn reset(&self) {
        for counter in &self.0 {
            counter.store(0, std::sync::atomic::Ordering::Relaxed);
        }
    }
}
