//! The subscription root fields on live contents: their state (`state_changes`) and their
//! content (`content_changes`), both started from the bus's events the same way
//! (`subscribed_events`).

pub(crate) mod content_changes;
pub(crate) mod state_changes;
pub(crate) mod subscribed_events;
