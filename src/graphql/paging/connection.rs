//! Relay connections shared by every list: one generic connection and edge, named per node type,
//! and the page-size rules.

use async_graphql::Object;

use crate::error::{ErrorCode, graphql_error};
use crate::graphql::channel::Channel;
use crate::graphql::live_content::LiveContent;
use crate::graphql::paging::merge::{EdgeCursor, MergedPage};
use crate::graphql::product::Product;
use crate::graphql::seller::Seller;
use crate::graphql::snippet::Snippet;
use crate::graphql::sticker::Sticker;
use crate::graphql::story::{Story, StoryBadge};
use crate::graphql::video::Video;
use crate::graphql::webhook_subscription::WebhookSubscription;

/// The most items one page may ask for.
pub(crate) const MAX_FIRST: i32 = 100;
/// The complexity of a field that costs a provider request per parent (chat, timecodes): a
/// list of 100 lives asking for them weighs 100 requests' worth, not 100 fields'.
pub(crate) const UPSTREAM_CALL_COST: usize = 20;
/// The page size when `first` is not given.
pub(crate) const DEFAULT_FIRST: i32 = 20;

/// Where a page sits in its list. Its cursors are encoded only when they are selected.
#[derive(Clone, Debug)]
pub(crate) struct PageInfo {
    pub(crate) has_next_page: bool,
    pub(crate) has_previous_page: bool,
    pub(crate) start_cursor: Option<EdgeCursor>,
    pub(crate) end_cursor: Option<EdgeCursor>,
}

/// Where a page sits in its list.
#[Object]
impl PageInfo {
    /// Whether items follow this page.
    async fn has_next_page(&self) -> bool {
        self.has_next_page
    }

    /// Whether items come before this page (true whenever `after` was given).
    async fn has_previous_page(&self) -> bool {
        self.has_previous_page
    }

    /// The cursor of the first item of this page.
    async fn start_cursor(&self) -> Option<String> {
        self.start_cursor.as_ref().map(EdgeCursor::encode)
    }

    /// The cursor of the last item of this page: pass it as `after` for the next page.
    async fn end_cursor(&self) -> Option<String> {
        self.end_cursor.as_ref().map(EdgeCursor::encode)
    }
}

/// A connection type, its edge type and how to build it from a merged page.
macro_rules! connection {
    ($connection:ident, $edge:ident, $node:ty, $doc:literal, $edge_doc:literal) => {
        #[doc = $doc]
        #[derive(async_graphql::SimpleObject, Clone, Debug)]
        pub(crate) struct $connection {
            /// The items of this page, each with its cursor.
            pub(crate) edges: Vec<$edge>,
            /// Where this page sits in the list.
            pub(crate) page_info: PageInfo,
            /// How many items the whole list holds, when every provider in it reports a count (null otherwise).
            pub(crate) total_count: Option<i32>,
        }

        #[derive(Clone, Debug)]
        pub(crate) struct $edge {
            pub(crate) cursor: EdgeCursor,
            pub(crate) node: $node,
        }

        #[doc = $edge_doc]
        #[async_graphql::Object]
        impl $edge {
            /// Pass as `after` to continue after this item.
            async fn cursor(&self) -> String {
                self.cursor.encode()
            }

            /// The item.
            async fn node(&self) -> &$node {
                &self.node
            }
        }

        impl FromPage<$node> for $connection {
            fn from_parts(
                edges: Vec<(EdgeCursor, $node)>,
                page_info: PageInfo,
                total_count: Option<i32>,
            ) -> Self {
                let edges = edges
                    .into_iter()
                    .map(|(cursor, node)| $edge { cursor, node })
                    .collect();
                Self {
                    edges,
                    page_info,
                    total_count,
                }
            }
        }
    };
}

connection!(
    LiveContentConnection,
    LiveContentEdge,
    LiveContent,
    "A page of live contents.",
    "A live content and its cursor."
);
connection!(
    VideoConnection,
    VideoEdge,
    Video,
    "A page of videos.",
    "A video and its cursor."
);
connection!(
    ProductConnection,
    ProductEdge,
    Product,
    "A page of products.",
    "A product and its cursor."
);
connection!(
    SellerConnection,
    SellerEdge,
    Seller,
    "A page of sellers.",
    "A seller and its cursor."
);
connection!(
    ChannelConnection,
    ChannelEdge,
    Channel,
    "A page of channels.",
    "A channel and its cursor."
);
connection!(
    StickerConnection,
    StickerEdge,
    Sticker,
    "A page of stickers.",
    "A sticker and its cursor."
);
connection!(
    StoryConnection,
    StoryEdge,
    Story,
    "A page of stories.",
    "A story and its cursor."
);
connection!(
    StoryBadgeConnection,
    StoryBadgeEdge,
    StoryBadge,
    "A page of story badges.",
    "A story badge and its cursor."
);
connection!(
    SnippetConnection,
    SnippetEdge,
    Snippet,
    "A page of snippets.",
    "A snippet and its cursor."
);
connection!(
    WebhookSubscriptionConnection,
    WebhookSubscriptionEdge,
    WebhookSubscription,
    "A page of webhook subscriptions.",
    "A webhook subscription and its cursor."
);

/// A connection type built from a page of nodes.
pub(crate) trait FromPage<T>: Sized {
    fn from_parts(
        edges: Vec<(EdgeCursor, T)>,
        page_info: PageInfo,
        total_count: Option<i32>,
    ) -> Self;
}

/// The connection of a merged page, its items turned into nodes by `node`.
pub(crate) fn from_page<I, T, C: FromPage<T>>(
    page: MergedPage<I>,
    after_given: bool,
    node: impl Fn(I) -> T,
) -> C {
    let page_info = PageInfo {
        has_next_page: page.has_next_page,
        has_previous_page: after_given,
        start_cursor: page.edges.first().map(|(cursor, _)| cursor.clone()),
        end_cursor: page.edges.last().map(|(cursor, _)| cursor.clone()),
    };
    let total_count = page
        .total_count
        .map(|n| i32::try_from(n).unwrap_or(i32::MAX));
    C::from_parts(
        page.edges
            .into_iter()
            .map(|(cursor, item)| (cursor, node(item)))
            .collect(),
        page_info,
        total_count,
    )
}

/// Checks `first` against its bounds.
pub(crate) fn page_size(first: Option<i32>) -> async_graphql::Result<usize> {
    match first.unwrap_or(DEFAULT_FIRST) {
        n @ 0..=MAX_FIRST => Ok(n as usize),
        _ => Err(graphql_error(
            ErrorCode::BadUserInput,
            format!("`first` must be between 0 and {MAX_FIRST}"),
        )),
    }
}

/// The complexity of a page: its size (as asked, within bounds) times what each item selects.
pub(crate) fn page_cost(first: Option<i32>, child_complexity: usize) -> usize {
    first.unwrap_or(DEFAULT_FIRST).clamp(1, MAX_FIRST) as usize * child_complexity
}
