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

use axum::body::Bytes;
use axum::http::header;
use live_commerce_gateway::simulator::{Simulator, SimulatorConfig};
use serde_json::json;
use tokio::net::TcpListener;

use common::{FIFTY_SHOWS, Settings, exchange_once, load_in_turns, post_request, start_gateway};

const CONTENT_TYPE: &str = "application/json; charset=utf-8";

#[tokio::main]
async fn main() {
    let settings = Settings::from_env();
    let (connections, duration) = (settings.connections, settings.duration);
    let simulator = Simulator::spawn(SimulatorConfig::default())
        .await
        .expect("simulator binds");
    let cached = start_gateway(&simulator, "true").await;
    let executing = start_gateway(&simulator, "false").await;
    let request = post_request(&json!({ "query": FIFTY_SHOWS }).to_string());

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
    let measured = load_in_turns(&rows, &request, connections, duration).await;
    settings.print_table("server", body.len(), &measured);
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
