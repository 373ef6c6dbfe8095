//! Checks and shapes of the arguments lists take, shared by several domains: bounds on the text
//! and values a client sends on to a provider (`bounds`), filters no provider can apply together
//! (`filter_clash`), and the order of LiSA's lists (`item_order`).

pub(crate) mod bounds;
pub(crate) mod filter_clash;
pub(crate) mod item_order;
