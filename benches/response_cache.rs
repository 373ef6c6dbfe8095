//! The response-cache benchmark: how close a repeated query answered from the response cache
//! comes to a bare axum handler that writes the same bytes and does nothing else. Both run in
//! this process on loopback, measured in one run by the same client: keep-alive HTTP/1.1
//! connections, each sending the next request when the previous answer is read. A third row
//! executes the same query with the response cache off (the provider-answer cache warm, so no
//! provider is called): what the response cache saves.
//!
//! `cargo bench --bench response_cache`; `BENCH_SECONDS` (default 5) and `BENCH_CONNECTIONS`
//! (default 32) change the run.

#[path = "common/mod.rs"]
mod common;

use std::net::SocketAddr;
use std::time::Duration;

use axum::body::Bytes;
use axum::http::header;
use live_commerce_gateway::simulator::{Simulator, SimulatorConfig};
use serde_json::json;
use tokio::net::TcpListener;

use common::{env_number, exchange_once, load, ms, post_request, start_gateway};

/// The 50-show nested query of the upstream benchmark.
const QUERY: &str = "{ liveContents(first: 50, filter: {provider: LISA}) { edges { node { title stickers { name } shortClips { title } channel { name } } } } }";

const CONTENT_TYPE: &str = "application/json; charset=utf-8";

#[tokio::main]
async fn main() {
    let seconds = env_number("BENCH_SECONDS", 5);
    let connections = env_number("BENCH_CONNECTIONS", 32) as usize;
    let duration = Duration::from_secs(seconds);
    let simulator = Simulator::spawn(SimulatorConfig::default())
        .await
        .expect("simulator binds");
    let cached = start_gateway(&simulator, "true").await;
    let executing = start_gateway(&simulator, "false").await;
    let request = post_request(&json!({ "query": QUERY }).to_string());

    let answer = exchange_once(cached, &request).await;
    assert!(!answer.contains("\"errors\""), "{answer}");
    let body = Bytes::from(answer);
    let bare = start_bare(body.clone()).await;
    for server in [cached, executing, bare] {
        assert_eq!(exchange_once(server, &request).await, body, "same bytes");
    }

    let rows = [
        ("50-show nested query, response cache", cached),
        ("bare axum handler, same bytes", bare),
        (
            "50-show nested query executed (response cache off, provider cache warm)",
            executing,
        ),
    ];
    let mut measured = Vec::new();
    for (name, server) in rows {
        measured.push((name, load(server, &request, connections, duration).await));
    }
    println!(
        "\n{connections} keep-alive connections, {seconds} s per row, answer {} bytes\n",
        body.len()
    );
    println!("| server | requests/s | p50 | p99 |");
    println!("|---|---:|---:|---:|");
    for (name, run) in &measured {
        println!(
            "| {name} | {:.0} | {:.2} ms | {:.2} ms |",
            run.per_second(),
            ms(run.at(0.50)),
            ms(run.at(0.99))
        );
    }
    let ratio = measured[0].1.per_second() / measured[1].1.per_second();
    println!("\nresponse cache / bare axum: {:.0}%", ratio * 100.0);
}

/// An axum server whose one route reads the request body and answers `body`.
async fn start_bare(body: Bytes) -> SocketAddr {
    let handler = move |_request: Bytes| {
        let body = body.clone();
        async move { ([(header::CONTENT_TYPE, CONTENT_TYPE)], body) }
    };
    let app = axum::Router::new().route("/graphql", axum::routing::post(handler));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    addr
}
