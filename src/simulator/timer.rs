//! The demo's heartbeat: on every tick, stop one show and start another, and finish one
//! Caast live and start another, cycling through fixed rotations so the catalogue keeps
//! some items of each state and a GraphiQL subscription sees events within a minute.

use std::time::Duration;

use tokio::task::JoinHandle;

use super::ids;
use super::sim::Simulator;

/// Shows 0–2 are live at start, 37–39 scheduled: three of the six stay live.
const SHOW_ROTATION: [u64; 6] = [0, 1, 2, 37, 38, 39];
/// Lives 1 and 4 are started at start, 0 and 3 not started: two of the four stay on air.
const LIVE_ROTATION: [u64; 4] = [1, 4, 0, 3];

pub(crate) fn spawn(sim: Simulator, every: Duration) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(every);
        interval.tick().await; // The first tick is immediate: skip it.
        for k in 0usize.. {
            interval.tick().await;
            tick(&sim, k).await;
        }
    })
}

async fn tick(sim: &Simulator, k: usize) {
    let show = |n: usize| ids::uuid("show", SHOW_ROTATION[n % SHOW_ROTATION.len()]).to_string();
    let live = |n: usize| ids::caast("live", LIVE_ROTATION[n % LIVE_ROTATION.len()]);
    // Errors mean a test or operator already changed that item: skip it this round.
    if let Err(e) = sim.stop_show(&show(k)).await {
        tracing::debug!(error = %e, "simulator timer skipped a show stop");
    }
    if let Err(e) = sim.start_show(&show(k + 3)).await {
        tracing::debug!(error = %e, "simulator timer skipped a show start");
    }
    if let Err(e) = sim.finish_live(&live(k)).await {
        tracing::debug!(error = %e, "simulator timer skipped a live finish");
    }
    if let Err(e) = sim.start_live(&live(k + 2)).await {
        tracing::debug!(error = %e, "simulator timer skipped a live start");
    }
}
