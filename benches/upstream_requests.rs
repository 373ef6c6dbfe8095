//! The batching benchmark: the simulator answers every call after a fixed latency, the gateway
//! runs in the same process over real HTTP, and each canonical query is sent by a fixed number
//! of concurrent clients for a fixed time. Prints requests/s, p50/p99 latency and the upstream
//! requests each query costs. The canonical queries run on a gateway with its cache off (every
//! query reaches the providers); the last row runs the first query again on a gateway with its
//! cache on and warm.
//!
//! A second table runs the queries that use by-id dataloaders on gateways whose loaders wait
//! 0, 200 µs and 1 ms for more keys (`GATEWAY_LOADER_DELAY`): the measurement behind its default.
//!
//! A third table puts the providers far away (the simulator's latency setting): the first query,
//! cache off, from 32 clients, with 0, 20 and 50 ms of provider latency, on the gateway's learnt
//! concurrency limit and, as the baseline, on the fixed cap of 16 calls per provider it replaced
//! (minimum = maximum = 16). Each runs twice: every client sending the same query (whose
//! identical calls the gateway shares), then each asking for its own number of shows (no two
//! share a provider call). It prints the limit each run reached (`provider_concurrency_limit`,
//! LiSA).
//!
//! `cargo bench --bench upstream_requests`; `BENCH_SECONDS` (default 5), `BENCH_CONCURRENCY`
//! (default 16) and `BENCH_FAR_CLIENTS` (default 32) change the run; `BENCH_ONLY=far` runs the
//! third table alone. Upstream requests per query are counted while the clients run.

use std::sync::Arc;
use std::time::{Duration, Instant};

use live_commerce_gateway::app::Application;
use live_commerce_gateway::config::Config;
use live_commerce_gateway::simulator::{
    Fault, FaultTarget, Latency, Operation, SimProvider, Simulator, SimulatorConfig,
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

/// Queries whose cost depends on by-id loaders: a level of channels, and two levels of look-ups
/// (a story's shows, then their channels).
const DELAY_QUERIES: &[(&str, &str)] = &[
    ("50 LiSA shows + stickers, clips, channel", QUERIES[0].1),
    ("one id x4 (3 aliases + node)", QUERIES[2].1),
    (
        "20 stories + their shows + channels",
        "{ stories(first: 20) { edges { node { title liveContents { title channel { name } } } } } }",
    ),
];

/// Provider latencies of the far-provider table, and its clients.
const FAR: &[u64] = &[0, 20, 50];
const FAR_CLIENTS: usize = 32;

/// The loader delays compared.
const DELAYS: &[&str] = &["0s", "200us", "1ms"];

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

struct Row {
    name: String,
    /// The learnt concurrency limit at the end of the run, where reported.
    limit: Option<f64>,
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
    let bench = Bench {
        client: reqwest::Client::new(),
        simulator: Arc::new(simulator),
        concurrency,
        duration: Duration::from_secs(seconds),
    };
    let far_only = std::env::var("BENCH_ONLY").is_ok_and(|only| only == "far");
    if !far_only {
        batching(&bench, concurrency, seconds).await;
    }
    far_providers(&bench, seconds).await;
}

/// The canonical queries, cache off then warm; then by loader delay.
async fn batching(bench: &Bench, concurrency: usize, seconds: u64) {
    let uncached = bench.gateway("0", "200us").await;
    let cached = bench.gateway("256MiB", "200us").await;
    let id = some_live_id(&bench.client, &uncached).await;

    let mut rows = Vec::new();
    for (name, query) in QUERIES {
        let body = json!({ "query": query, "variables": { "id": id } });
        rows.push(bench.measure(name, &uncached, body).await);
    }
    let body = json!({ "query": QUERIES[0].1 });
    bench.query(&cached, &body).await; // warms the cache
    rows.push(
        bench
            .measure("the first query, cache warm", &cached, body)
            .await,
    );
    print_table("query", &rows, concurrency, seconds);

    let mut rows = Vec::new();
    for delay in DELAYS {
        let gateway = bench.gateway("0", delay).await;
        for (name, query) in DELAY_QUERIES {
            let body = json!({ "query": query, "variables": { "id": id } });
            let name = format!("{name}, delay {delay}");
            rows.push(bench.measure(&name, &gateway, body).await);
        }
    }
    print_table("loader delay (cache off)", &rows, concurrency, seconds);
}

/// The first query, cache off, with the providers `FAR` milliseconds away: on the learnt limit,
/// and on the fixed cap it replaced.
async fn far_providers(bench: &Bench, seconds: u64) {
    let clients = env_number("BENCH_FAR_CLIENTS", FAR_CLIENTS as u64) as usize;
    let far = Bench {
        concurrency: clients,
        ..bench.clone()
    };
    // Every client sends the 50-show query; then each asks for its own number of shows (50,
    // 49, … 19), so that no two share a provider call, as when many different pages are read
    // at once.
    let same = vec![json!({ "query": QUERIES[0].1 })];
    let own: Vec<Value> = (0..clients)
        .map(|n| {
            let first = 50 - (n % 32);
            json!({ "query": QUERIES[0].1.replace("first: 50", &format!("first: {first}")) })
        })
        .collect();
    let mut rows = Vec::new();
    for &millis in FAR {
        far.simulator.simulator.clear_faults();
        for provider in [SimProvider::Caast, SimProvider::Lisa] {
            let latency = Latency {
                fixed: Duration::from_millis(millis),
                jitter: Duration::ZERO,
            };
            far.simulator.simulator.set_latency(provider, latency);
        }
        for (queries, bodies) in [("same query", &same), ("own page sizes", &own)] {
            for (name, bounds) in [
                ("fixed cap of 16 (before)", Some(16)),
                ("learnt limit", None),
            ] {
                let gateway = far.gateway_bounded("0", bounds).await;
                let name = format!("{millis} ms away, {queries}, {name}");
                let mut row = far.measure_each(&name, &gateway, bodies.clone()).await;
                row.limit = Some(lisa_limit(&far.client, &gateway).await);
                rows.push(row);
            }
        }
    }
    print_table("provider latency, concurrency", &rows, clients, seconds);
}

/// The LiSA concurrency limit a gateway reports now.
async fn lisa_limit(client: &reqwest::Client, graphql_url: &str) -> f64 {
    let metrics = graphql_url.replace("/graphql", "/metrics");
    let text = client
        .get(metrics)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    text.lines()
        .find(|line| line.contains("provider_concurrency_limit{") && line.contains("lisa"))
        .and_then(|line| line.rsplit(' ').next()?.parse().ok())
        .expect("the gateway reports its LiSA limit")
}

type Running = live_commerce_gateway::simulator::RunningSimulator;

#[derive(Clone)]
struct Bench {
    client: reqwest::Client,
    simulator: Arc<Running>,
    concurrency: usize,
    duration: Duration,
}

impl Bench {
    /// A gateway over the simulator with a cache of `cache_bytes` (`0`: off) and loaders that
    /// wait `loader_delay`.
    async fn gateway(&self, cache_bytes: &str, loader_delay: &str) -> String {
        start_gateway(&self.simulator, cache_bytes, loader_delay, None).await
    }

    /// A gateway whose provider calls are capped at `fixed` (`None`: the learnt limit).
    async fn gateway_bounded(&self, cache_bytes: &str, fixed: Option<usize>) -> String {
        start_gateway(&self.simulator, cache_bytes, "200us", fixed).await
    }

    /// One answer, which must have no errors.
    async fn query(&self, gateway: &str, body: &Value) {
        let answer: Value = self
            .client
            .post(gateway)
            .json(body)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(answer.get("errors").is_none(), "{answer}");
    }

    /// Checks the query once, then runs it from every client for the set time, counting the
    /// provider calls made meanwhile.
    async fn measure(&self, name: &str, gateway: &str, body: Value) -> Row {
        self.measure_each(name, gateway, vec![body]).await
    }

    /// Like [`Self::measure`], client `n` sending `bodies[n % bodies.len()]`.
    async fn measure_each(&self, name: &str, gateway: &str, bodies: Vec<Value>) -> Row {
        for body in &bodies {
            self.query(gateway, body).await;
        }
        self.simulator.simulator.reset_request_counts();
        let bodies = Arc::new(bodies);
        let (latencies, elapsed) = run(
            &self.client,
            gateway,
            &bodies,
            self.concurrency,
            self.duration,
        )
        .await;
        let upstream: u64 = Operation::ALL
            .iter()
            .map(|op| self.simulator.simulator.request_count(*op))
            .sum();
        let per_query = upstream as f64 / latencies.len() as f64;
        summarise(name.to_string(), latencies, elapsed, per_query)
    }
}

async fn start_gateway(
    simulator: &Running,
    cache_bytes: &str,
    loader_delay: &str,
    fixed_concurrency: Option<usize>,
) -> String {
    let mut env = simulator.gateway_env();
    if let Some(fixed) = fixed_concurrency {
        for provider in ["CAAST", "LISA"] {
            for bound in ["MIN", "MAX"] {
                let key = format!("GATEWAY_{provider}_{bound}_CONCURRENCY");
                env.insert(key, fixed.to_string());
            }
        }
    }
    env.insert("RUST_LOG".into(), "error".into());
    env.insert("GATEWAY_CACHE_MAX_BYTES".into(), cache_bytes.into());
    env.insert("GATEWAY_LOADER_DELAY".into(), loader_delay.into());
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

/// Sends the queries from `concurrency` clients for `duration` (client `n` sends query
/// `n % bodies.len()`); every answer's latency.
async fn run(
    client: &reqwest::Client,
    gateway: &str,
    bodies: &Arc<Vec<Value>>,
    concurrency: usize,
    duration: Duration,
) -> (Vec<Duration>, Duration) {
    let started = Instant::now();
    let workers = (0..concurrency).map(|n| {
        let (client, gateway) = (client.clone(), gateway.to_string());
        let (bodies, body) = (bodies.clone(), n % bodies.len());
        tokio::spawn(async move {
            let body = &bodies[body];
            let mut latencies = Vec::new();
            while started.elapsed() < duration {
                let sent = Instant::now();
                let response = client.post(&gateway).json(body).send().await.unwrap();
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

fn summarise(name: String, mut latencies: Vec<Duration>, elapsed: Duration, upstream: f64) -> Row {
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 - 1.0) * q).round() as usize];
    Row {
        name,
        limit: None,
        requests: latencies.len(),
        seconds: elapsed.as_secs_f64(),
        p50: at(0.50),
        p99: at(0.99),
        upstream_per_query: upstream,
    }
}

fn print_table(first_column: &str, rows: &[Row], concurrency: usize, seconds: u64) {
    let latency = if rows.iter().any(|row| row.limit.is_some()) {
        String::new()
    } else {
        format!("upstream latency {UPSTREAM_LATENCY:?}, ")
    };
    println!("\n{latency}{concurrency} concurrent clients, {seconds} s per query\n");
    println!(
        "| {first_column} | requests/s | p50 | p99 | upstream requests per query | LiSA limit reached |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    for row in rows {
        let limit = row.limit.map_or("–".to_string(), |l| format!("{l:.0}"));
        println!(
            "| {} | {:.0} | {:.1} ms | {:.1} ms | {:.2} | {limit} |",
            row.name,
            row.requests as f64 / row.seconds,
            row.p50.as_secs_f64() * 1000.0,
            row.p99.as_secs_f64() * 1000.0,
            row.upstream_per_query
        );
    }
}
