//! What the HTTP benchmarks share: a load client that keeps `connections` HTTP/1.1
//! connections busy, each sending the next request as soon as the previous answer is read, and
//! the latency figures of a run. Client and server run in one process on loopback, so every row
//! of a table pays the same client cost.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use live_commerce_gateway::app::Application;
use live_commerce_gateway::config::Config;
use live_commerce_gateway::simulator::RunningSimulator;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The 50-show nested query: 50 LiSA shows with their stickers, short clips and channel name.
pub const FIFTY_SHOWS: &str = "{ liveContents(first: 50, filter: {provider: LISA}) { edges { node { title stickers { name } shortClips { title } channel { name } } } } }";

/// How long each row runs and over how many connections: `BENCH_SECONDS` (default 5) and
/// `BENCH_CONNECTIONS` (default 32).
pub struct Settings {
    pub seconds: u64,
    pub connections: usize,
    pub duration: Duration,
}

impl Settings {
    pub fn from_env() -> Self {
        let seconds = env_number("BENCH_SECONDS", 5);
        Self {
            seconds,
            connections: env_number("BENCH_CONNECTIONS", 32) as usize,
            duration: Duration::from_secs(seconds),
        }
    }

    /// The table of measured rows (`first` heads the name column), for an answer of `bytes`.
    pub fn print_table(&self, first: &str, bytes: usize, rows: &[(&str, Run)]) {
        let (connections, seconds) = (self.connections, self.seconds);
        println!(
            "\n{connections} keep-alive connections, {seconds} s per row, answer {bytes} bytes\n"
        );
        println!("| {first} | requests/s | p50 | p99 |");
        println!("|---|---:|---:|---:|");
        for (name, run) in rows {
            println!(
                "| {name} | {:.0} | {:.2} ms | {:.2} ms |",
                run.per_second(),
                ms(run.at(0.50)),
                ms(run.at(0.99))
            );
        }
    }
}

/// A number from the environment, or `default`.
pub fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A gateway over the simulator, its response cache on or off (`"true"`, `"false"`); its
/// provider cache is on.
pub async fn start_gateway(simulator: &RunningSimulator, response_cache: &str) -> SocketAddr {
    let mut env = simulator.gateway_env();
    env.insert("RUST_LOG".into(), "error".into());
    env.insert("GATEWAY_RESPONSE_CACHE".into(), response_cache.into());
    let config = Config::load(env).expect("bench configuration is valid");
    let app = Application::build(&config).await.expect("gateway binds");
    let addr = app.local_addr();
    tokio::spawn(app.run_until(std::future::pending()));
    addr
}

/// A JSON `POST /graphql` request, ready to send.
pub fn post_request(body: &str) -> Vec<u8> {
    format!(
        "POST /graphql HTTP/1.1\r\nhost: bench\r\ncontent-type: application/json\r\naccept: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// One request on a new connection; the answer's body.
pub async fn exchange_once(server: SocketAddr, request: &[u8]) -> String {
    let mut connection = Connection::open(server).await;
    let body = connection.exchange(request).await;
    String::from_utf8(body.to_vec()).expect("UTF-8")
}

/// A keep-alive HTTP/1.1 connection that reads each answer whole.
pub struct Connection {
    stream: TcpStream,
    buffer: Vec<u8>,
}

impl Connection {
    pub async fn open(server: SocketAddr) -> Self {
        let stream = TcpStream::connect(server).await.expect("connects");
        stream.set_nodelay(true).unwrap();
        Self {
            stream,
            buffer: Vec::with_capacity(64 * 1024),
        }
    }

    /// Sends `request` and returns the answer's body (asserting a 200).
    pub async fn exchange(&mut self, request: &[u8]) -> &[u8] {
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
pub struct Run {
    latencies: Vec<Duration>,
    elapsed: Duration,
}

impl Run {
    /// Several runs of one row as one: their answers and their time added up.
    fn merged(runs: Vec<Run>) -> Run {
        let elapsed = runs.iter().map(|run| run.elapsed).sum();
        let mut latencies: Vec<Duration> = runs.into_iter().flat_map(|run| run.latencies).collect();
        latencies.sort();
        Run { latencies, elapsed }
    }

    pub fn per_second(&self) -> f64 {
        self.latencies.len() as f64 / self.elapsed.as_secs_f64()
    }

    pub fn at(&self, quantile: f64) -> Duration {
        let last = self.latencies.len() - 1;
        self.latencies[((last as f64) * quantile).round() as usize]
    }
}

/// How many turns each row takes in [`load_in_turns`].
const TURNS: u32 = 10;

/// Measures each of `rows` for `duration` in all, after a short warm-up. The rows take turns, a
/// tenth of `duration` each, so that a change in the machine's load (it is shared) weighs on
/// every row alike rather than on whichever ran at that moment.
pub async fn load_in_turns<'n>(
    rows: &[(&'n str, SocketAddr)],
    request: &[u8],
    connections: usize,
    duration: Duration,
) -> Vec<(&'n str, Run)> {
    for (_, server) in rows {
        // So that allocator and caches settle before the rows count.
        load(*server, request, connections, Duration::from_millis(500)).await;
    }
    let mut turns: Vec<Vec<Run>> = rows.iter().map(|_| Vec::new()).collect();
    for _ in 0..TURNS {
        for ((_, server), runs) in rows.iter().zip(&mut turns) {
            runs.push(load(*server, request, connections, duration / TURNS).await);
        }
    }
    rows.iter()
        .zip(turns)
        .map(|((name, _), runs)| (*name, Run::merged(runs)))
        .collect()
}

/// Sends `request` over `connections` connections for `duration`.
pub async fn load(
    server: SocketAddr,
    request: &[u8],
    connections: usize,
    duration: Duration,
) -> Run {
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

pub fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
