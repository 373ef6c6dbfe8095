//! The response-cache benchmark: how close a repeated query answered from the response cache
//! comes to a bare axum handler that writes the same bytes and does nothing else. Both run in
//! this process on loopback, measured in one run by the same client: keep-alive HTTP/1.1
//! connections, each sending the next request when the previous answer is read. A third row
//! executes the same query with the response cache off (the provider-answer cache warm, so no
//! provider is called): what the response cache saves.
//!
//! `cargo bench --bench response_cache`; `BENCH_SECONDS` (default 5) and `BENCH_CONNECTIONS`
//! (default 32) change the run.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::header;
use live_commerce_gateway::app::Application;
use live_commerce_gateway::config::Config;
use live_commerce_gateway::simulator::{RunningSimulator, Simulator, SimulatorConfig};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The 50-show nested query of the upstream benchmark.
const QUERY: &str = "{ liveContents(first: 50, filter: {provider: LISA}) { edges { node { title stickers { name } shortClips { title } channel { name } } } } }";

const CONTENT_TYPE: &str = "application/json; charset=utf-8";

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

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

/// A gateway over the simulator, its response cache on or off.
async fn start_gateway(simulator: &RunningSimulator, response_cache: &str) -> SocketAddr {
    let mut env = simulator.gateway_env();
    env.insert("RUST_LOG".into(), "error".into());
    env.insert("GATEWAY_RESPONSE_CACHE".into(), response_cache.into());
    let config = Config::load(env).expect("bench configuration is valid");
    let app = Application::build(&config).await.expect("gateway binds");
    let addr = app.local_addr();
    tokio::spawn(app.run_until(std::future::pending()));
    addr
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

fn post_request(body: &str) -> Vec<u8> {
    format!(
        "POST /graphql HTTP/1.1\r\nhost: bench\r\ncontent-type: application/json\r\naccept: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// One request on a new connection; the answer's body.
async fn exchange_once(server: SocketAddr, request: &[u8]) -> String {
    let mut connection = Connection::open(server).await;
    let body = connection.exchange(request).await;
    String::from_utf8(body.to_vec()).expect("UTF-8")
}

/// A keep-alive HTTP/1.1 connection that reads each answer whole.
struct Connection {
    stream: TcpStream,
    buffer: Vec<u8>,
}

impl Connection {
    async fn open(server: SocketAddr) -> Self {
        let stream = TcpStream::connect(server).await.expect("connects");
        stream.set_nodelay(true).unwrap();
        Self {
            stream,
            buffer: Vec::with_capacity(64 * 1024),
        }
    }

    /// Sends `request` and returns the answer's body (asserting a 200).
    async fn exchange(&mut self, request: &[u8]) -> &[u8] {
        self.stream.write_all(request).await.expect("sends");
        self.buffer.clear();
        let head_end = loop {
            if let Some(at) = find(&self.buffer, b"\r\n\r\n") {
                break at + 4;
            }
            self.read_more().await;
        };
        let head = std::str::from_utf8(&self.buffer[..head_end]).expect("ASCII head");
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        let length: usize = head
            .lines()
            .find_map(|line| {
                let (name, value) = line.split_once(':')?;
                name.eq_ignore_ascii_case("content-length")
                    .then(|| value.trim().parse().ok())?
            })
            .expect("a content-length");
        while self.buffer.len() < head_end + length {
            self.read_more().await;
        }
        &self.buffer[head_end..head_end + length]
    }

    async fn read_more(&mut self) {
        let mut chunk = [0u8; 16 * 1024];
        let read = self.stream.read(&mut chunk).await.expect("reads");
        assert!(read > 0, "the server closed the connection");
        self.buffer.extend_from_slice(&chunk[..read]);
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Every answer's latency, and how long the run took.
struct Run {
    latencies: Vec<Duration>,
    elapsed: Duration,
}

impl Run {
    fn per_second(&self) -> f64 {
        self.latencies.len() as f64 / self.elapsed.as_secs_f64()
    }

    fn at(&self, quantile: f64) -> Duration {
        let last = self.latencies.len() - 1;
        self.latencies[((last as f64) * quantile).round() as usize]
    }
}

/// Sends `request` over `connections` connections for `duration`.
async fn load(server: SocketAddr, request: &[u8], connections: usize, duration: Duration) -> Run {
    let started = Instant::now();
    let workers = (0..connections).map(|_| {
        let request = request.to_vec();
        tokio::spawn(async move {
            let mut connection = Connection::open(server).await;
            let mut latencies = Vec::new();
            while started.elapsed() < duration {
                let sent = Instant::now();
                connection.exchange(&request).await;
                latencies.push(sent.elapsed());
            }
            latencies
        })
    });
    let mut latencies = Vec::new();
    for worker in futures::future::join_all(workers).await {
        latencies.extend(worker.unwrap());
    }
    latencies.sort();
    Run {
        latencies,
        elapsed: started.elapsed(),
    }
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
