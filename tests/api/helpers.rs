//! Starts a simulator and a gateway pointed at it, both on port 0, and talks to the gateway.
//!
//! Every test starts its gateway the same way, through [`TestGateway::builder`]: it says which
//! simulator to use and changes the gateway's typed [`Config`], so that what a test sets is
//! checked by the compiler and reads as the setting it is. Only the simulator speaks environment
//! strings: it tells the gateway where it is (`gateway_env`), read once through
//! [`Config::load`] as the binary would read it.

use std::sync::Arc;
use std::time::Duration;

use live_commerce_gateway::app::Application;
use live_commerce_gateway::cache::ProviderCache;
use live_commerce_gateway::config::{CaastConfig, Config, LisaConfig};
use live_commerce_gateway::events::Events;
use live_commerce_gateway::simulator::{
    Operation, ReceivedRequest, RunningSimulator, Simulator, SimulatorConfig, WebhookAuth,
    WebhookTarget,
};
use secrecy::SecretString;
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use url::Url;

/// The operator token every test gateway is configured with.
pub const OPERATOR_TOKEN: &str = "test-operator-token";

/// The bearer token LiSA's webhooks carry to a gateway built with
/// [`GatewayBuilder::receiving_webhooks`].
pub const WEBHOOK_TOKEN: &str = "test-webhook-token";

/// A running gateway over a simulator, and what a test reads of it besides HTTP.
pub struct TestGateway {
    pub url: String,
    pub http: reqwest::Client,
    pub cache: Arc<ProviderCache>,
    pub events: Events,
    /// Completed readings of the Caast poller (when Caast is configured).
    pub caast_poll_rounds: Option<tokio::sync::watch::Receiver<u64>>,
    /// Shared by the replicas of a cluster test.
    simulator: Arc<RunningSimulator>,
    _stop: oneshot::Sender<()>,
}

/// How a [`TestGateway`] is to start: over which simulator, whether that simulator sends it
/// LiSA's webhooks, and what the test changes in its configuration.
#[must_use = "the gateway runs only once start() is awaited"]
pub struct GatewayBuilder {
    simulator: SimulatorSource,
    receives_webhooks: bool,
    adjustments: Vec<Adjustment>,
}

/// A change a test makes to the gateway's configuration.
type Adjustment = Box<dyn FnOnce(&mut Config) + Send>;

enum SimulatorSource {
    /// A simulator of the test's own, started with the gateway.
    Fresh(Box<SimulatorConfig>),
    /// Another gateway's simulator: this gateway is a replica beside it.
    SharedWith(Arc<RunningSimulator>),
}

impl TestGateway {
    /// A gateway over a fresh default simulator, with both providers configured.
    pub fn builder() -> GatewayBuilder {
        GatewayBuilder {
            simulator: SimulatorSource::Fresh(Box::default()),
            receives_webhooks: false,
            adjustments: Vec::new(),
        }
    }

    /// The simulator behind this gateway: its data, faults and the requests it received.
    pub fn simulator(&self) -> &Simulator {
        &self.simulator.simulator
    }

    /// The simulator's Caast API, as the gateway calls it.
    pub fn simulated_caast_url(&self) -> Url {
        self.simulator.caast_url()
    }

    /// The simulator's LiSA API, as the gateway calls it.
    pub fn simulated_lisa_url(&self) -> Url {
        self.simulator.lisa_url()
    }
}

impl GatewayBuilder {
    /// Changes the gateway's configuration (already pointed at the simulator, with
    /// [`OPERATOR_TOKEN`]); changes apply in the order given.
    pub fn with(mut self, adjust: impl FnOnce(&mut Config) + Send + 'static) -> Self {
        self.adjustments.push(Box::new(adjust));
        self
    }

    /// Starts the gateway over a fresh simulator configured as given.
    pub fn simulator(mut self, config: SimulatorConfig) -> Self {
        self.simulator = SimulatorSource::Fresh(Box::new(config));
        self
    }

    /// The gateway accepts LiSA's webhooks (bearer [`WEBHOOK_TOKEN`]), and a fresh simulator
    /// sends them to it, retrying at once, as a LiSA subscription pointed at the gateway would.
    pub fn receiving_webhooks(mut self) -> Self {
        self.receives_webhooks = true;
        self
    }

    /// Another replica beside `first`, over the same simulator.
    pub fn replica_of(mut self, first: &TestGateway) -> Self {
        self.simulator = SimulatorSource::SharedWith(first.simulator.clone());
        self
    }

    /// Binds the gateway's listener first, so a fresh simulator can be told its URL, then
    /// starts the simulator and the gateway.
    pub async fn start(self) -> TestGateway {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("gateway binds");
        let url = format!("http://{}", listener.local_addr().unwrap());
        let simulator = match self.simulator {
            SimulatorSource::Fresh(config) => {
                let config = webhooks_to(&url, self.receives_webhooks, *config);
                let running = Simulator::spawn(config).await.expect("simulator binds");
                Arc::new(running)
            }
            SimulatorSource::SharedWith(running) => running,
        };
        let mut config = base_config(&simulator, self.receives_webhooks);
        for adjust in self.adjustments {
            adjust(&mut config);
        }
        config
            .check()
            .expect("the test's configuration is one the gateway would accept");
        start_gateway(listener, url, simulator, &config).await
    }
}

/// `config`, sending LiSA's webhooks to the gateway at `gateway_url` when it receives them.
fn webhooks_to(gateway_url: &str, receives: bool, config: SimulatorConfig) -> SimulatorConfig {
    if !receives {
        return config;
    }
    let target = WebhookTarget {
        url: format!("{gateway_url}/internal/webhooks/lisa")
            .parse()
            .unwrap(),
        auth: WebhookAuth::Bearer(WEBHOOK_TOKEN.into()),
    };
    SimulatorConfig {
        webhook: Some(target),
        webhook_retry_delay: Duration::from_millis(1),
        ..config
    }
}

/// The configuration of a gateway over `simulator`: its URLs and credentials, as the simulator
/// gives them, the operator token, and the webhook token when the gateway receives webhooks.
fn base_config(simulator: &RunningSimulator, receives_webhooks: bool) -> Config {
    let mut config = Config::load(simulator.gateway_env()).expect("test configuration is valid");
    config.operator_token = Some(SecretString::from(OPERATOR_TOKEN));
    if receives_webhooks {
        config.lisa_webhook.bearer = Some(SecretString::from(WEBHOOK_TOKEN));
    }
    config
}

async fn start_gateway(
    listener: TcpListener,
    url: String,
    simulator: Arc<RunningSimulator>,
    config: &Config,
) -> TestGateway {
    let app = Application::build_on(listener, config)
        .await
        .expect("the gateway starts");
    let (cache, events) = (app.cache(), app.events());
    let caast_poll_rounds = app.caast_poll_rounds();
    let (stop, stopped) = oneshot::channel::<()>();
    tokio::spawn(app.run_until(async move {
        let _ = stopped.await;
    }));
    TestGateway {
        url,
        http: reqwest::Client::new(),
        cache,
        events,
        caast_poll_rounds,
        simulator,
        _stop: stop,
    }
}

/// A simulator that sends LiSA webhooks to a closed port (retrying at once), so a show that
/// starts or stops leaves a webhook event behind.
pub async fn sending_webhooks_nowhere() -> SimulatorConfig {
    let target = WebhookTarget {
        url: closed_port_url("/hook").await.parse().unwrap(),
        auth: WebhookAuth::None,
    };
    SimulatorConfig {
        webhook: Some(target),
        webhook_retry_delay: Duration::from_millis(1),
        ..SimulatorConfig::default()
    }
}

/// A loopback URL where nothing listens: a provider that is down.
pub async fn closed_port_url(path: &str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{addr}{path}")
}

/// The gateway's Caast settings (every test gateway starts with Caast configured).
pub fn caast(config: &mut Config) -> &mut CaastConfig {
    config.caast.as_mut().expect("Caast is configured")
}

/// The gateway's LiSA settings (every test gateway starts with LiSA configured).
pub fn lisa(config: &mut Config) -> &mut LisaConfig {
    config.lisa.as_mut().expect("LiSA is configured")
}

impl TestGateway {
    /// POSTs a query and returns the whole JSON answer (asserting a 200).
    pub async fn query(&self, query: &str, variables: Value) -> Value {
        let response = self
            .post(&json!({ "query": query, "variables": variables }))
            .await;
        assert_eq!(response.status(), 200, "a well-formed query answers 200");
        response.json().await.expect("the answer is JSON")
    }

    /// Like [`Self::query`], as the operator.
    pub async fn query_as_operator(&self, query: &str, variables: Value) -> Value {
        let response = self
            .http
            .post(format!("{}/graphql", self.url))
            .bearer_auth(OPERATOR_TOKEN)
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .expect("the gateway answers");
        assert_eq!(response.status(), 200, "a well-formed query answers 200");
        response.json().await.expect("the answer is JSON")
    }

    pub async fn post(&self, body: &Value) -> reqwest::Response {
        self.http
            .post(format!("{}/graphql", self.url))
            .json(body)
            .send()
            .await
            .expect("the gateway answers")
    }

    /// POSTs `body` as JSON to an internal route, with `authorization` as the header's value.
    pub async fn post_internal(
        &self,
        path: &str,
        authorization: Option<&str>,
        body: impl Into<reqwest::Body>,
    ) -> reqwest::Response {
        let mut request = self
            .http
            .post(format!("{}{path}", self.url))
            .header("content-type", "application/json")
            .body(body);
        if let Some(value) = authorization {
            request = request.header("authorization", value);
        }
        request.send().await.expect("the gateway answers")
    }

    /// Provider requests the simulator received since its counts were last reset.
    pub fn provider_requests(&self) -> u64 {
        self.simulator().request_counts().values().sum()
    }

    /// Asserts that no provider request was made since the counts were last reset.
    pub fn assert_no_provider_request(&self, why: &str) {
        let counts = self.simulator().request_counts();
        assert_eq!(self.provider_requests(), 0, "{why}: {counts:?}");
    }

    /// Empties the gateway's cache, so that the next request must read the providers: as an
    /// operator would, through `POST /internal/cache/invalidate`.
    pub async fn empty_cache(&self) {
        let bearer = format!("Bearer {OPERATOR_TOKEN}");
        let all = json!([{ "kind": "all" }]).to_string();
        let response = self
            .post_internal("/internal/cache/invalidate", Some(&bearer), all)
            .await;
        assert_eq!(response.status(), 202, "the operator empties the cache");
    }

    pub async fn get(&self, path_and_query: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path_and_query}", self.url))
            .send()
            .await
            .expect("the gateway answers")
    }
}

/// A published LiSA show: its global id and its provider id.
pub async fn a_lisa_show(gateway: &TestGateway) -> (String, String) {
    let answer = gateway
        .query(
            "{ liveContents(first: 1, filter: {provider: LISA}) { edges { node { id providerId } } } }",
            json!({}),
        )
        .await;
    let node = &answer["data"]["liveContents"]["edges"][0]["node"];
    (
        node["id"].as_str().unwrap().to_string(),
        node["providerId"].as_str().unwrap().to_string(),
    )
}

/// The error codes of an answer, in order.
pub fn error_codes(answer: &Value) -> Vec<String> {
    answer["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| e["extensions"]["code"].as_str().unwrap_or("").to_string())
        .collect()
}

/// Whether the provider received the query pair `key=value`.
pub fn has_pair(request: &ReceivedRequest, key: &str, value: &str) -> bool {
    request.query.iter().any(|(k, v)| k == key && v == value)
}

/// The only request the simulator received for `operation`.
pub fn only_request(gateway: &TestGateway, operation: Operation) -> ReceivedRequest {
    let received = gateway.simulator().received_for(operation);
    assert_eq!(
        received.len(),
        1,
        "exactly one {} request: {received:?}",
        operation.as_str()
    );
    received.into_iter().next().unwrap()
}

/// A cursor with its last byte changed (in a merged cursor, part of the last provider's
/// position): one the gateway never wrote.
pub fn tampered(cursor: &str) -> String {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let mut bytes = URL_SAFE_NO_PAD.decode(cursor).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0x01;
    URL_SAFE_NO_PAD.encode(bytes)
}
