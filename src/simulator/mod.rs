//! The embedded Caast + LiSA simulator: both providers' REST APIs as `docs/providers.md`
//! reads them, over a seeded deterministic catalogue, on one axum server. It is the
//! gateway's default demo backend and what the tests run against.
//!
//! It keeps its own representation of the providers' data and builds the documented JSON
//! itself (it shares no types with the gateway's clients), so a misreading of the
//! contract on one side cannot hide in the other.
//!
//! # Layout
//!
//! - `config`: [`SimulatorConfig`], webhook target and auth.
//! - `sim`: the [`Simulator`] handle, its router and test hooks.
//! - `server`: [`RunningSimulator`], serving on a socket; `cli`: `simulate` subcommand.
//! - `operation`: the [`Operation`] names and their request counters.
//! - `guard`: counting, logging, fault injection and auth in front of every provider route.
//! - `received`: the request log, [`ReceivedRequest`] and its body.
//! - `faults`: [`Fault`] and [`FaultTarget`]; `rate_limit`: a provider's [`RateLimit`].
//! - `caast/`, `lisa/`: the two providers' routes, JSON shapes and errors; `route_table`:
//!   their route tables, one row per operation.
//! - `model/`: the simulator's own data; `seed/`: the deterministic catalogue.
//! - `state_changes`, `webhook`, `timer`: shows and lives going on and off air, the
//!   LiSA webhooks that announce it, and the demo's periodic changes.
//! - `control`: the `/_simulator` HTTP API; `query`, `time`, `ids`, `clock`: helpers.

mod caast;
mod cli;
mod clock;
mod config;
mod control;
mod faults;
mod guard;
mod ids;
mod latency;
mod lisa;
mod model;
mod operation;
mod query;
mod rate_limit;
mod received;
mod route_table;
mod seed;
mod server;
mod sim;
mod state_changes;
mod time;
mod timer;
mod webhook;

pub use cli::{SimulateArgs, run_standalone};
pub use config::{SimulatorConfig, WebhookAuth, WebhookTarget};
pub use faults::{Fault, FaultTarget};
pub use latency::Latency;
pub use operation::{Operation, SimProvider};
pub use rate_limit::RateLimit;
pub use received::{ReceivedBody, ReceivedPart, ReceivedRequest};
pub use server::RunningSimulator;
pub use sim::Simulator;
pub use state_changes::StateChangeError;
pub use webhook::{MAX_ATTEMPTS as WEBHOOK_MAX_ATTEMPTS, WebhookDelivery};
