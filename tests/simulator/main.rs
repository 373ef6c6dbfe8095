//! Integration tests of the provider simulator: a real server on a random port, driven
//! over HTTP with reqwest, asserting on what crosses the wire.

mod caast;
mod cli;
mod control;
mod helpers;
mod lisa;
mod received;
mod webhooks;
