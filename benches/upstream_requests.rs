//! The batching benchmark: the simulator answers every call after a fixed latency, the gateway
//! runs in the same process over real HTTP, and each canonical query is sent by a fixed number
//! of concurrent clients for a fixed time. Prints requests/s, p50/p99 latency and the upstream
//! requests each query costs. The canonical queries run on a gateway with its cache off (every
//! query reaches the providers); the last row runs the first query again on a gateway with its
//! cache on and warm.
//!
//! `cargo bench --bench upstream_requests`; `BENCH_SECONDS` (default 5) and `BENCH_CONCURRENCY`
//! (default 16) change the run.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use live_commerce_gateway::app::Application;
use live_commerce_gateway::config::Config;
use live_commerce_gateway::simulator::{
    Fault, FaultTarget, Operation, SimProvider, Simulator, SimulatorConfig,
};
use serde_json::{Value, json};

/// What every simulated provider call costs.
const UPSTREAM_LATENCY: Duration = Duration::from_millis(2);

const QUERIES: &[(&str, &str)] = &[
    (
        "50 LiSA shows + stickers, clips, channel",
        "{ liveContents(first: 50, filter: {provider: LISA}) { edges { node { title stickers { name } shortClips { title } channel { name } } } } }",
    ),
    (
        "40 Caast lives + seller, products",
        "{ liveContents(first: 40, filter: {provider: CAAST}) { edges { node { title seller { name } products { edges { node { name } } } } } } }",
    ),
    (
        "one id x4 (3 aliases + node)",
        "query($id: ID!) { a: liveContent(id: $id) { title } b: liveContent(id: $id) { title } c: liveContent(id: $id) { title } node(id: $id) { id } }",
    ),
    (
        "merged first page of 20",
        "{ liveContents(first: 20) { edges { node { id title provider } } pageInfo { endCursor } } }",
    ),
];

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

struct Row {
    name: &'static str,
    requests: usize,
    seconds: f64,
    p50: Duration,
    p99: Duration,
    upstream_per_query: f64,
}

#[tokio::main]
async fn main() {
    let seconds = env_number("BENCH_SECONDS", 5);
    let concurrency = env_number("BENCH_CONCURRENCY", 16) as usize;
    let simulator = Simulator::spawn(SimulatorConfig::default())
        .await
        .expect("simulator binds");
    for provider in [SimProvider::Caast, SimProvider::Lisa] {
        let fault = Fault {
            latency: UPSTREAM_LATENCY,
            status: None,
        };
        simulator
            .simulator
            .inject_fault(FaultTarget::Provider(provider), fault);
    }
    let uncached = start_gateway(&simulator, "0").await;
    let cached = start_gateway(&simulator, "256MiB").await;
    let client = reqwest::Client::new();
    let id = some_live_id(&client, &uncached).await;
    let duration = Duration::from_secs(seconds);

    let mut rows = Vec::new();
    for (name, query) in QUERIES {
        let body = Arc::new(json!({ "query": query, "variables": { "id": id } }));
        let upstream_per_query = upstream_cost(&client, &uncached, &body, &simulator).await;
        let (latencies, elapsed) = run(&client, &uncached, &body, concurrency, duration).await;
        rows.push(summarise(name, latencies, elapsed, upstream_per_query));
    }
    let (_, first_query) = QUERIES[0];
    let body = Arc::new(json!({ "query": first_query }));
    upstream_cost(&client, &cached, &body, &simulator).await; // warms the cache
    let upstream_per_query = upstream_cost(&client, &cached, &body, &simulator).await;
    let (latencies, elapsed) = run(&client, &cached, &body, concurrency, duration).await;
    let name = "the first query, cache warm";
    rows.push(summarise(name, latencies, elapsed, upstream_per_query));
    print_table(&rows, concurrency, seconds);
}

/// A gateway over the simulator with a cache of `cache_bytes` (`0`: off).
async fn start_gateway(
    simulator: &live_commerce_gateway::simulator::RunningSimulator,
    cache_bytes: &str,
) -> String {
    let defaults = SimulatorConfig::default();
    let env: HashMap<String, String> = [
        ("GATEWAY_LISTEN", "127.0.0.1:0".to_string()),
        ("GATEWAY_CAAST_URL", simulator.caast_url().to_string()),
        ("GATEWAY_CAAST_APP_ID", defaults.caast_app_id.clone()),
        ("GATEWAY_CAAST_APP_KEY", defaults.caast_app_key.clone()),
        ("GATEWAY_LISA_URL", simulator.lisa_url().to_string()),
        ("GATEWAY_LISA_API_KEY", defaults.lisa_api_key.clone()),
        ("RUST_LOG", "error".to_string()),
        ("GATEWAY_CACHE_MAX_BYTES", cache_bytes.to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let config = Config::load(env).expect("bench configuration is valid");
    let app = Application::build(&config).await.expect("gateway binds");
    let url = format!("http://{}/graphql", app.local_addr());
    tokio::spawn(app.run_until(std::future::pending()));
    url
}

async fn some_live_id(client: &reqwest::Client, gateway: &str) -> Value {
    let body = json!({ "query": "{ liveContents(first: 1, filter: {provider: LISA}) { edges { node { id } } } }" });
    let answer: Value = client
        .post(gateway)
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    answer["data"]["liveContents"]["edges"][0]["node"]["id"].clone()
}

/// Upstream requests one execution of the query costs, on its own.
async fn upstream_cost(
    client: &reqwest::Client,
    gateway: &str,
    body: &Value,
    simulator: &live_commerce_gateway::simulator::RunningSimulator,
) -> f64 {
    simulator.simulator.reset_request_counts();
    let answer: Value = client
        .post(gateway)
        .json(body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(answer.get("errors").is_none(), "{answer}");
    Operation::ALL
        .iter()
        .map(|op| simulator.simulator.request_count(*op))
        .sum::<u64>() as f64
}

/// Sends the query from `concurrency` clients for `duration`; every answer's latency.
async fn run(
    client: &reqwest::Client,
    gateway: &str,
    body: &Arc<Value>,
    concurrency: usize,
    duration: Duration,
) -> (Vec<Duration>, Duration) {
    let started = Instant::now();
    let workers = (0..concurrency).map(|_| {
        let (client, gateway, body) = (client.clone(), gateway.to_string(), body.clone());
        tokio::spawn(async move {
            let mut latencies = Vec::new();
            while started.elapsed() < duration {
                let sent = Instant::now();
                let response = client.post(&gateway).json(&*body).send().await.unwrap();
                assert!(response.status().is_success());
                let _ = response.bytes().await.unwrap();
                latencies.push(sent.elapsed());
            }
            latencies
        })
    });
    let mut all = Vec::new();
    for worker in futures::future::join_all(workers).await {
        all.extend(worker.unwrap());
    }
    (all, started.elapsed())
}

fn summarise(
    name: &'static str,
    mut latencies: Vec<Duration>,
    elapsed: Duration,
    upstream: f64,
) -> Row {
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 - 1.0) * q).round() as usize];
    Row {
        name,
        requests: latencies.len(),
        seconds: elapsed.as_secs_f64(),
        p50: at(0.50),
        p99: at(0.99),
        upstream_per_query: upstream,
    }
}

fn print_table(rows: &[Row], concurrency: usize, seconds: u64) {
    println!(
        "\nupstream latency {:?}, {concurrency} concurrent clients, {seconds} s per query\n",
        UPSTREAM_LATENCY
    );
    println!("| query | requests/s | p50 | p99 | upstream requests per query |");
    println!("|---|---:|---:|---:|---:|");
    for row in rows {
        println!(
            "| {} | {:.0} | {:.1} ms | {:.1} ms | {} |",
            row.name,
            row.requests as f64 / row.seconds,
            row.p50.as_secs_f64() * 1000.0,
            row.p99.as_secs_f64() * 1000.0,
            row.upstream_per_query
        );
    }
}
