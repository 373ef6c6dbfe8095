//! The execution benchmark: the 50-show nested query over HTTP, executed by the gateway (the
//! provider cache warm, the response cache off) beside the engine's ceiling, a minimal
//! async-graphql schema of the same shape that resolves the same data from memory behind a
//! plain axum handler, with no gateway code. A third row answers from the response cache. All
//! three run in this process on loopback, in one run, driven by the same client, taking turns
//! (`common::load_in_turns`); every server must answer the same bytes before anything is
//! measured.
//!
//! `cargo bench --bench execution`; `BENCH_SECONDS` (default 5) and `BENCH_CONNECTIONS`
//! (default 32) change the run. `BENCH_ONLY=gateway` (or `engine`) serves one row for a
//! profiler to attach to, for `BENCH_SECONDS`, and prints the process id.

#[path = "../common/mod.rs"]
mod common;
mod engine;

use live_commerce_gateway::simulator::{Simulator, SimulatorConfig};
use serde_json::json;

use common::{
    FIFTY_SHOWS, Settings, exchange_once, load, load_in_turns, post_request, start_gateway,
};

#[tokio::main]
async fn main() {
    let settings = Settings::from_env();
    let (connections, duration) = (settings.connections, settings.duration);
    let simulator = Simulator::spawn(SimulatorConfig::default())
        .await
        .expect("simulator binds");
    let executing = start_gateway(&simulator, "false").await;
    let cached = start_gateway(&simulator, "true").await;
    let request = post_request(&json!({ "query": FIFTY_SHOWS }).to_string());

    let answer = exchange_once(executing, &request).await;
    assert!(!answer.contains("\"errors\""), "{answer}");
    let engine = engine::serve(&answer).await;
    for server in [executing, cached, engine] {
        assert_eq!(exchange_once(server, &request).await, answer, "same bytes");
    }

    if let Ok(only) = std::env::var("BENCH_ONLY") {
        let server = if only == "engine" { engine } else { executing };
        let seconds = settings.seconds;
        println!("pid {}: loading {only} for {seconds} s", std::process::id());
        let run = load(server, &request, connections, duration).await;
        settings.print_table("row", answer.len(), &[(&only, run)]);
        return;
    }
    let rows = [
        (
            "(a) gateway, executed (provider cache warm, response cache off)",
            executing,
        ),
        (
            "(b) engine ceiling: async-graphql alone, same shape, from memory",
            engine,
        ),
        ("(c) gateway, response cache hit", cached),
    ];
    let measured = load_in_turns(&rows, &request, connections, duration).await;
    settings.print_table("row", answer.len(), &measured);
    let ratio = measured[0].1.per_second() / measured[1].1.per_second();
    println!(
        "\nexecuted / engine ceiling: {:.0}% (the target is at least 70%)",
        ratio * 100.0
    );
}
