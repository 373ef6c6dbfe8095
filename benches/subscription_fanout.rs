//! The fan-out benchmark: N WebSocket subscribers (`graphql-transport-ws`) listen to
//! `liveContentStateChanged`; LiSA webhooks are POSTed to the gateway; for each webhook the
//! benchmark measures, for every subscriber, the time from sending the webhook to receiving its
//! event, and the time to the last subscriber. It prints p50/p99 of those latencies and the
//! gateway's resident memory before and with the subscribers.
//!
//! The gateway (with its simulator) runs in a child process — this same binary, started with
//! `FANOUT_ROLE=gateway` — so its memory is its own, and each process stays within the open-file
//! limit (10,000 subscribers are 10,000 sockets on each side). Each size with one group is
//! measured first against the baseline, a bare axum handler (`FANOUT_ROLE=bare`) that writes one
//! prepared message to every socket: what the machine, the WebSocket stack and this client cost
//! with none of the gateway's work.
//!
//! The subscribers run on one thread (`BENCH_CLIENT_THREADS` for more) and read each event
//! cheaply: they share the cores of the server they measure.
//!
//! Subscribers with the same document and variables share one execution per event (a group);
//! a size written `10000x100` spreads its subscribers over 100 groups, by giving each group its
//! own `locale` variable (which filters nothing: every subscriber hears every event).
//!
//! `cargo bench --bench subscription_fanout`; `BENCH_SUBSCRIBERS` (default
//! `1000,10000,18000,10000x100`) and `BENCH_ROUNDS` (webhooks per size, default 10) change the
//! run; `BENCH_ONLY=gateway` (or `bare`) measures one server. 18,000 subscribers are 18,000
//! sockets on each side: 20,000 open files is a process's hard limit on the machines this runs
//! on.

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, Duration as Minutes, Utc};
use futures::{SinkExt, StreamExt};
use live_commerce_gateway::app::Application;
use live_commerce_gateway::config::Config;
use live_commerce_gateway::simulator::{Simulator, SimulatorConfig};
use serde_json::{Value, json};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;

const WEBHOOK_TOKEN: &str = "fanout-bench-token";
const SUBSCRIPTION: &str = "subscription($locale: String) { liveContentStateChanged(provider: LISA) { occurredAt state source liveContent { id title(locale: $locale) } } }";
/// Subscribers connecting at once.
const CONNECTING: usize = 200;
const PATIENCE: Duration = Duration::from_secs(60);

fn main() {
    let servers = tokio::runtime::Runtime::new().unwrap();
    match std::env::var("FANOUT_ROLE").as_deref() {
        Ok("gateway") => servers.block_on(serve_gateway()),
        Ok("bare") => servers.block_on(bare::serve()),
        Ok("raw") => servers.block_on(raw::serve()),
        _ => client_runtime().block_on(measure()),
    }
}

/// The subscribers' runtime: one thread unless `BENCH_CLIENT_THREADS` says otherwise. The
/// client shares the machine with the server it measures; on one thread it takes at most one
/// core, and its tasks never wake each other across threads.
fn client_runtime() -> tokio::runtime::Runtime {
    let threads: usize = std::env::var("BENCH_CLIENT_THREADS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    if threads <= 1 {
        tokio::runtime::Builder::new_current_thread()
    } else {
        let mut builder = tokio::runtime::Builder::new_multi_thread();
        builder.worker_threads(threads);
        builder
    }
    .enable_all()
    .build()
    .unwrap()
}

/// The child: a simulator and a gateway; prints `READY <url> <show id>`, serves until killed.
async fn serve_gateway() {
    let simulator = Simulator::spawn(SimulatorConfig::default())
        .await
        .expect("simulator binds");
    let mut env = simulator.gateway_env();
    env.insert("GATEWAY_LISA_WEBHOOK_TOKEN".into(), WEBHOOK_TOKEN.into());
    env.insert("RUST_LOG".into(), "error".into());
    let config = Config::load(env).expect("bench configuration is valid");
    let app = Application::build(&config).await.expect("gateway binds");
    let url = format!("http://{}", app.local_addr());
    tokio::spawn(app.run_until(std::future::pending()));
    let show = a_lisa_show(&url).await;
    println!("READY {url} {show}");
    std::future::pending::<()>().await;
}

async fn a_lisa_show(url: &str) -> String {
    let query =
        "{ liveContents(first: 1, filter: {provider: LISA}) { edges { node { providerId } } } }";
    let answer: Value = reqwest::Client::new()
        .post(format!("{url}/graphql"))
        .json(&json!({ "query": query }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    answer["data"]["liveContents"]["edges"][0]["node"]["providerId"]
        .as_str()
        .expect("a LiSA show")
        .to_string()
}

struct Gateway {
    child: Child,
    url: String,
    show: String,
}

impl Gateway {
    /// The child, run under `BENCH_GATEWAY_WRAPPER` when set (a memory profiler, say
    /// `heaptrack -o /tmp/gateway`, with a build without mimalloc, `--no-default-features`:
    /// heaptrack sees only the C allocator).
    fn start(server: Server) -> Self {
        let exe = std::env::current_exe().unwrap();
        let wrapper = std::env::var("BENCH_GATEWAY_WRAPPER").unwrap_or_default();
        let mut words = wrapper.split_whitespace();
        let mut command = match words.next() {
            Some(program) => {
                let mut command = Command::new(program);
                command.args(words).arg(exe);
                command
            }
            None => Command::new(exe),
        };
        let mut child = command
            .env("FANOUT_ROLE", server.role())
            .stdout(Stdio::piped())
            .spawn()
            .expect("the gateway process starts");
        let stdout = child.stdout.take().unwrap();
        let line = BufReader::new(stdout)
            .lines()
            .map(|line| line.unwrap())
            .find(|line| line.starts_with("READY "))
            .expect("the gateway says it is ready");
        let mut words = line.split_whitespace().skip(1);
        let (url, show) = (
            words.next().unwrap().to_string(),
            words.next().unwrap().to_string(),
        );
        Self { child, url, show }
    }

    /// A sample of the gateway's `/metrics` whose name ends with `name`.
    async fn metric(&self, http: &reqwest::Client, name: &str) -> f64 {
        let text = http
            .get(format!("{}/metrics", self.url))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        text.lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| line.split_once(' '))
            .find(|(key, _)| key.ends_with(name))
            .and_then(|(_, value)| value.trim().parse().ok())
            .unwrap_or_else(|| panic!("the gateway reports {name}"))
    }

    /// Resident memory of the gateway process, in MiB.
    fn resident_mib(&self) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let kib: f64 = status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0.0);
        kib / 1024.0
    }
}

impl Drop for Gateway {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A row to measure: how many subscribers, over how many groups.
#[derive(Clone, Copy)]
struct Size {
    subscribers: usize,
    groups: usize,
}

impl Size {
    /// `10000` (one group) or `10000x100`.
    fn parse(text: &str) -> Option<Self> {
        let (subscribers, groups) = text.trim().split_once('x').unwrap_or((text.trim(), "1"));
        Some(Self {
            subscribers: subscribers.parse().ok()?,
            groups: groups.parse().ok().filter(|&g: &usize| g >= 1)?,
        })
    }

    /// The `locale` variable of subscriber `n`: its group's.
    fn locale(&self, n: usize) -> String {
        format!("x-group-{}", n % self.groups)
    }
}

/// What serves the subscribers: the gateway, or the baseline, a bare axum handler that writes
/// one prepared message to every socket (the same WebSocket stack, none of the gateway's work).
#[derive(Clone, Copy, PartialEq)]
enum Server {
    Gateway,
    Bare,
    Raw,
}

impl Server {
    fn role(self) -> &'static str {
        match self {
            Self::Gateway => "gateway",
            Self::Bare => "bare",
            Self::Raw => "raw",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Gateway => "gateway",
            Self::Bare => "bare axum broadcast (baseline)",
            Self::Raw => "raw writes, two tasks (floor)",
        }
    }
}

struct Row {
    server: Server,
    size: Size,
    rounds: usize,
    p50: Duration,
    p99: Duration,
    last_p50: Duration,
    last_max: Duration,
    idle_mib: f64,
    open_mib: f64,
    /// Executions per webhook, as the gateway counts them (none for the baseline).
    executions: Option<f64>,
}

async fn measure() {
    let sizes: Vec<Size> = std::env::var("BENCH_SUBSCRIBERS")
        .unwrap_or_else(|_| "1000,10000,18000,10000x100".into())
        .split(',')
        .filter_map(Size::parse)
        .collect();
    let rounds: usize = std::env::var("BENCH_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10);
    let only = std::env::var("BENCH_ONLY").ok();
    let mut rows = Vec::new();
    for size in sizes {
        // The baseline serves one group only: it executes nothing.
        let servers = [Server::Raw, Server::Bare, Server::Gateway]
            .into_iter()
            .filter(|server| only.as_deref().is_none_or(|only| only == server.role()))
            .filter(|server| *server == Server::Gateway || size.groups == 1);
        for server in servers {
            let gateway = Gateway::start(server);
            rows.push(fan_out(&gateway, server, size, rounds).await);
        }
    }
    println!(
        "\n| server | subscribers | groups | webhooks | executions per webhook | delivery p50 | delivery p99 | to the last subscriber, p50 | to the last, max | memory idle | with subscribers |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for row in rows {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let executions = row.executions.map_or("–".into(), |n| format!("{n:.0}"));
        println!(
            "| {} | {} | {} | {} | {} | {:.1} ms | {:.1} ms | {:.1} ms | {:.1} ms | {:.0} MiB | {:.0} MiB |",
            row.server.name(),
            row.size.subscribers,
            row.size.groups,
            row.rounds,
            executions,
            ms(row.p50),
            ms(row.p99),
            ms(row.last_p50),
            ms(row.last_max),
            row.idle_mib,
            row.open_mib
        );
    }
}

/// What a subscriber heard: which subscriber, which webhook (by its date), and when.
struct Receipt {
    subscriber: usize,
    occurred_at: DateTime<Utc>,
    at: Instant,
}

async fn fan_out(gateway: &Gateway, server: Server, size: Size, rounds: usize) -> Row {
    let subscribers = size.subscribers;
    let idle_mib = gateway.resident_mib();
    let (heard, mut receipts) = mpsc::unbounded_channel::<Receipt>();
    let ws_url = gateway.url.replace("http://", "ws://") + "/graphql";
    let connected = futures::stream::iter(0..subscribers)
        .map(|n| subscriber(n, size.locale(n), ws_url.clone(), heard.clone()))
        .buffer_unordered(CONNECTING)
        .count()
        .await;
    assert_eq!(connected, subscribers);
    let http = reqwest::Client::new();
    warm_up(&http, gateway, &mut receipts, subscribers).await;
    let open_mib = gateway.resident_mib();
    let counted = server == Server::Gateway;
    if counted {
        let groups = gateway.metric(&http, "subscription_groups").await;
        assert_eq!(
            groups as usize, size.groups,
            "the subscribers form the groups asked for"
        );
    }
    let executed = if counted {
        gateway.metric(&http, "subscription_executions_total").await
    } else {
        0.0
    };
    let (mut all, mut lasts) = (Vec::new(), Vec::new());
    for round in 0..rounds {
        let sent = Instant::now();
        let date = webhook(&http, gateway, round).await;
        let arrivals = collect(&mut receipts, subscribers, date).await;
        let latencies: Vec<Duration> = arrivals.iter().map(|at| *at - sent).collect();
        lasts.push(*latencies.iter().max().unwrap());
        all.extend(latencies);
    }
    let executions = if counted {
        let now = gateway.metric(&http, "subscription_executions_total").await;
        Some((now - executed) / rounds as f64)
    } else {
        None
    };
    all.sort();
    lasts.sort();
    let at = |v: &[Duration], q: f64| v[((v.len() as f64 - 1.0) * q).round() as usize];
    Row {
        server,
        size,
        rounds,
        p50: at(&all, 0.5),
        p99: at(&all, 0.99),
        last_p50: at(&lasts, 0.5),
        last_max: *lasts.last().unwrap(),
        idle_mib,
        open_mib,
        executions,
    }
}

/// Sends webhooks until every subscriber has heard one: a subscription is open only once the
/// gateway has run its resolver, some time after the client asked. The show is then cached.
async fn warm_up(
    http: &reqwest::Client,
    gateway: &Gateway,
    receipts: &mut mpsc::UnboundedReceiver<Receipt>,
    subscribers: usize,
) {
    let mut ready = HashSet::new();
    let mut round = WARM_UP_ROUNDS;
    while ready.len() < subscribers {
        webhook(http, gateway, round).await;
        round += 1;
        let pause = tokio::time::sleep(Duration::from_millis(300));
        tokio::pin!(pause);
        loop {
            tokio::select! {
                () = &mut pause => break,
                Some(receipt) = receipts.recv() => {
                    ready.insert(receipt.subscriber);
                }
            }
        }
        assert!(
            round < WARM_UP_ROUNDS + 200,
            "subscribers never all heard an event"
        );
    }
}

/// Webhook numbers from here on are warm-ups, never measured.
const WARM_UP_ROUNDS: usize = 10_000;

/// Connects, subscribes, then reports every event it hears, in a task of its own.
async fn subscriber(
    subscriber: usize,
    locale: String,
    url: String,
    heard: mpsc::UnboundedSender<Receipt>,
) {
    let mut request = url.into_client_request().unwrap();
    request.headers_mut().insert(
        "Sec-WebSocket-Protocol",
        "graphql-transport-ws".parse().unwrap(),
    );
    // Tungstenite's default read buffer (128 KiB) is zeroed on every read: with 10,000
    // subscribers on the gateway's two cores, that alone took 40% of the client's time.
    let small_reads = WebSocketConfig::default().read_buffer_size(4 * 1024);
    let (mut socket, _) =
        tokio_tungstenite::connect_async_with_config(request, Some(small_reads), true)
            .await
            .expect("a subscriber connects");
    let send = |value: Value| Message::Text(value.to_string().into());
    socket
        .send(send(json!({ "type": "connection_init" })))
        .await
        .unwrap();
    let payload = json!({ "query": SUBSCRIPTION, "variables": { "locale": locale } });
    let subscribe = json!({ "type": "subscribe", "id": "1", "payload": payload });
    socket.send(send(subscribe)).await.unwrap();
    tokio::spawn(async move {
        while let Some(Ok(frame)) = socket.next().await {
            let Message::Text(text) = frame else { continue };
            if text.contains("\"next\"") {
                let at = Instant::now();
                let occurred_at = occurred_at(&text).expect("an event says when it occurred");
                let _ = heard.send(Receipt {
                    subscriber,
                    occurred_at,
                    at,
                });
            } else if text.contains("\"ping\"") {
                let _ = socket.send(send(json!({ "type": "pong" }))).await;
            }
        }
    });
}

/// The `occurredAt` of an event's message, read without parsing the whole message (the client
/// shares the gateway's cores: what it spends delays the deliveries it measures).
fn occurred_at(message: &str) -> Option<DateTime<Utc>> {
    const FIELD: &str = "\"occurredAt\":\"";
    let start = message.find(FIELD)? + FIELD.len();
    let length = message[start..].find('"')?;
    message[start..start + length].parse().ok()
}

/// A `Show:start` or `Show:stop` for the bench's show, alternating across every webhook sent
/// so each is a transition; dated by its round so subscribers' receipts tell rounds apart.
/// Returns that date.
async fn webhook(http: &reqwest::Client, gateway: &Gateway, round: usize) -> DateTime<Utc> {
    static SENT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let sent = SENT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let event_type = if sent.is_multiple_of(2) {
        "Show:start"
    } else {
        "Show:stop"
    };
    let date = DateTime::<Utc>::UNIX_EPOCH + Minutes::minutes(round as i64);
    let body = json!({ "id": format!("00000000-0000-4000-8000-{sent:012}"), "eventType": event_type,
                       "eventDate": date.to_rfc3339(), "data": { "id": gateway.show } });
    let response = http
        .post(format!("{}/internal/webhooks/lisa", gateway.url))
        .bearer_auth(WEBHOOK_TOKEN)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    date
}

/// The arrival times of the webhook dated `date` at `count` subscribers (late warm-up events
/// are skipped).
async fn collect(
    receipts: &mut mpsc::UnboundedReceiver<Receipt>,
    count: usize,
    date: DateTime<Utc>,
) -> Vec<Instant> {
    let mut arrivals = Vec::with_capacity(count);
    while arrivals.len() < count {
        let receipt = tokio::time::timeout(PATIENCE, receipts.recv())
            .await
            .expect("every subscriber hears the event")
            .unwrap();
        if receipt.occurred_at == date {
            arrivals.push(receipt.at);
        }
    }
    arrivals
}

/// The baseline server: a bare axum WebSocket handler on the same stack and socket settings as
/// the gateway's, which answers `connection_init`, and on each webhook writes one prepared
/// `next` message (carrying the webhook's date) to every subscribed socket.
mod bare {
    use axum::Router;
    use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
    use axum::extract::{Json, State};
    use axum::http::StatusCode;
    use axum::response::Response;
    use axum::routing::{get, post};
    use futures::{SinkExt, StreamExt};
    use serde_json::{Value, json};
    use tokio::sync::broadcast;

    type Events = broadcast::Sender<Message>;

    pub(super) async fn serve() {
        let (events, _) = broadcast::channel(1024);
        let app = Router::new()
            .route("/graphql", get(subscribe))
            .route("/internal/webhooks/lisa", post(webhook))
            .with_state(events);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        println!("READY http://{} bare", listener.local_addr().unwrap());
        axum::serve(listener, app).await.unwrap();
    }

    async fn subscribe(State(events): State<Events>, upgrade: WebSocketUpgrade) -> Response {
        upgrade
            .protocols(["graphql-transport-ws"])
            .read_buffer_size(4 * 1024)
            .write_buffer_size(0)
            .on_upgrade(move |socket| relay(socket, events))
    }

    /// Acknowledges the handshake, then writes every event until the client goes.
    async fn relay(socket: WebSocket, events: Events) {
        let (mut sink, mut incoming) = socket.split();
        let mut heard = events.subscribe();
        loop {
            tokio::select! {
                message = incoming.next() => match message {
                    Some(Ok(Message::Text(text))) if text.contains("connection_init") => {
                        let ack = Message::Text(r#"{"type":"connection_ack"}"#.into());
                        if sink.send(ack).await.is_err() {
                            return;
                        }
                    }
                    Some(Ok(_)) => {}
                    _ => return,
                },
                Ok(event) = heard.recv() => {
                    if sink.send(event).await.is_err() {
                        return;
                    }
                }
            }
        }
    }

    async fn webhook(State(events): State<Events>, Json(body): Json<Value>) -> StatusCode {
        let message = json!({ "type": "next", "id": "1", "payload": { "data": {
            "liveContentStateChanged": { "occurredAt": body["eventDate"], "state": "LIVE" } } } });
        let _ = events.send(Message::Text(message.to_string().into()));
        StatusCode::NO_CONTENT
    }
}

/// The floor: no WebSocket library and no task per subscriber. A hand-written upgrade, then
/// on each webhook one prepared frame written to every socket by two tasks (one a core), with
/// `try_write`. What the kernel's sends and this client cost on this machine, and nothing else.
mod raw {
    use std::sync::{Arc, Mutex};

    use serde_json::{Value, json};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::{TcpListener, TcpStream};
    use tokio_tungstenite::tungstenite::handshake::derive_accept_key;

    type Subscribers = Arc<Mutex<Vec<Arc<TcpStream>>>>;

    pub(super) async fn serve() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        println!("READY http://{} raw", listener.local_addr().unwrap());
        let subscribers = Subscribers::default();
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            tokio::spawn(answer(stream, subscribers.clone()));
        }
    }

    /// An upgrade joins the subscribers; a webhook is answered, then written to all of them.
    async fn answer(mut stream: TcpStream, subscribers: Subscribers) {
        let mut read = Vec::new();
        let head_end = loop {
            let mut chunk = [0u8; 4096];
            let n = stream.read(&mut chunk).await.unwrap_or(0);
            if n == 0 {
                return;
            }
            read.extend_from_slice(&chunk[..n]);
            if let Some(end) = read.windows(4).position(|w| w == b"\r\n\r\n") {
                break end + 4;
            }
        };
        let head = String::from_utf8_lossy(&read[..head_end]).to_string();
        let header = |name: &str| {
            head.lines().find_map(|line| {
                let (key, value) = line.split_once(':')?;
                key.trim()
                    .eq_ignore_ascii_case(name)
                    .then(|| value.trim().to_string())
            })
        };
        if head.starts_with("GET") {
            let key = header("Sec-WebSocket-Key").unwrap_or_default();
            let reply = format!(
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\nSec-WebSocket-Accept: {}\r\n\r\n",
                derive_accept_key(key.as_bytes())
            );
            if stream.write_all(reply.as_bytes()).await.is_ok() {
                subscribers.lock().unwrap().push(Arc::new(stream));
            }
            return;
        }
        let length: usize = header("Content-Length")
            .and_then(|l| l.parse().ok())
            .unwrap_or(0);
        let mut body = read[head_end..].to_vec();
        while body.len() < length {
            let mut chunk = [0u8; 4096];
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => body.extend_from_slice(&chunk[..n]),
            }
        }
        let body: Value = serde_json::from_slice(&body).unwrap_or_default();
        let _ = stream
            .write_all(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n")
            .await;
        let message = json!({ "type": "next", "id": "1", "payload": { "data": {
            "liveContentStateChanged": { "occurredAt": body["eventDate"], "state": "LIVE" } } } });
        let frame = Arc::new(text_frame(message.to_string().as_bytes()));
        let all = subscribers.lock().unwrap().clone();
        let half = all.len().div_ceil(2);
        for part in all.chunks(half.max(1)) {
            let (part, frame) = (part.to_vec(), frame.clone());
            tokio::spawn(async move {
                for socket in part {
                    if socket.try_write(&frame).is_err() {
                        let _ = socket.writable().await;
                        let _ = socket.try_write(&frame);
                    }
                }
            });
        }
    }

    /// An unmasked text frame, as a server sends it.
    fn text_frame(payload: &[u8]) -> Vec<u8> {
        let mut frame = vec![0x81];
        match payload.len() {
            n if n < 126 => frame.push(n as u8),
            n if n < 65536 => {
                frame.push(126);
                frame.extend_from_slice(&(n as u16).to_be_bytes());
            }
            n => {
                frame.push(127);
                frame.extend_from_slice(&(n as u64).to_be_bytes());
            }
        }
        frame.extend_from_slice(payload);
        frame
    }
}
