//! live-commerce-gateway: one GraphQL API over the Caast and LiSA live-shopping providers.

pub mod simulator;
