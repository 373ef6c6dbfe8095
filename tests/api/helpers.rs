//! Spawns a simulator and a gateway pointed at it, both on port 0, and talks to the gateway.

use std::collections::HashMap;
use std::sync::Arc;

use live_commerce_gateway::app::Application;
use live_commerce_gateway::cache::ProviderCache;
use live_commerce_gateway::config::Config;
use live_commerce_gateway::events::Events;
use live_commerce_gateway::simulator::{
    Operation, ReceivedRequest, RunningSimulator, Simulator, SimulatorConfig, WebhookAuth,
    WebhookTarget,
};
use serde_json::{Value, json};
use tokio::sync::oneshot;

/// The operator token every test gateway is configured with.
pub const OPERATOR_TOKEN: &str = "test-operator-token";

/// The bearer token LiSA's webhooks carry in [`spawn_with_webhooks`].
pub const WEBHOOK_TOKEN: &str = "test-webhook-token";

pub struct TestGateway {
    pub url: String,
    pub http: reqwest::Client,
    /// Shared by the replicas of a cluster test.
    pub simulator: Arc<RunningSimulator>,
    pub cache: Arc<ProviderCache>,
    pub events: Events,
    /// Completed readings of the Caast poller (when Caast is configured).
    pub caast_poll_rounds: Option<tokio::sync::watch::Receiver<u64>>,
    _stop: oneshot::Sender<()>,
}

/// A gateway over a fresh simulator with both providers configured.
pub async fn spawn() -> TestGateway {
    spawn_with(|_, _| {}).await
}

/// Like [`spawn`], letting the test change the gateway's environment (the simulator's URLs and
/// credentials are already in it).
pub async fn spawn_with(
    adjust: impl FnOnce(&mut HashMap<String, String>, &RunningSimulator),
) -> TestGateway {
    spawn_over(SimulatorConfig::default(), adjust).await
}

/// Like [`spawn_over`], with the simulator's LiSA webhooks sent to the gateway's webhook route
/// (bearer [`WEBHOOK_TOKEN`]), as a LiSA subscription pointed at the gateway would.
pub async fn spawn_with_webhooks(
    adjust: impl FnOnce(&mut HashMap<String, String>, &RunningSimulator),
) -> TestGateway {
    spawn_calling_back(
        |gateway_url| SimulatorConfig {
            webhook: Some(WebhookTarget {
                url: format!("{gateway_url}/internal/webhooks/lisa")
                    .parse()
                    .unwrap(),
                auth: WebhookAuth::Bearer(WEBHOOK_TOKEN.into()),
            }),
            webhook_retry_delay: std::time::Duration::from_millis(1),
            ..SimulatorConfig::default()
        },
        |env, simulator| {
            env.insert("GATEWAY_LISA_WEBHOOK_TOKEN".into(), WEBHOOK_TOKEN.into());
            adjust(env, simulator);
        },
    )
    .await
}

/// Like [`spawn_with`], over a simulator configured as given.
pub async fn spawn_over(
    simulator_config: SimulatorConfig,
    adjust: impl FnOnce(&mut HashMap<String, String>, &RunningSimulator),
) -> TestGateway {
    spawn_calling_back(|_| simulator_config, adjust).await
}

/// The gateway's listener is bound first, so the simulator can be told its URL.
async fn spawn_calling_back(
    simulator_config: impl FnOnce(&str) -> SimulatorConfig,
    adjust: impl FnOnce(&mut HashMap<String, String>, &RunningSimulator),
) -> TestGateway {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("gateway binds");
    let url = format!("http://{}", listener.local_addr().unwrap());
    let simulator = Simulator::spawn(simulator_config(&url))
        .await
        .expect("simulator binds");
    start_gateway(listener, Arc::new(simulator), adjust).await
}

/// Another replica of `first`'s gateway, over the same simulator.
pub async fn spawn_replica(
    first: &TestGateway,
    adjust: impl FnOnce(&mut HashMap<String, String>, &RunningSimulator),
) -> TestGateway {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("gateway binds");
    start_gateway(listener, first.simulator.clone(), adjust).await
}

async fn start_gateway(
    listener: tokio::net::TcpListener,
    simulator: Arc<RunningSimulator>,
    adjust: impl FnOnce(&mut HashMap<String, String>, &RunningSimulator),
) -> TestGateway {
    let url = format!("http://{}", listener.local_addr().unwrap());
    let mut env = simulator.gateway_env();
    env.insert("GATEWAY_OPERATOR_TOKEN".into(), OPERATOR_TOKEN.into());
    adjust(&mut env, &simulator);
    let config = Config::load(env).expect("test configuration is valid");
    let app = Application::build_on(listener, &config)
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
        simulator,
        cache,
        events,
        caast_poll_rounds,
        _stop: stop,
    }
}

/// A gateway over a simulator that sends LiSA webhooks (to a closed port, retrying at once), so
/// a show that starts or stops leaves a webhook event behind.
pub async fn spawn_sending_webhooks() -> TestGateway {
    let target = WebhookTarget {
        url: closed_port_url("/hook").await.parse().unwrap(),
        auth: WebhookAuth::None,
    };
    let config = SimulatorConfig {
        webhook: Some(target),
        webhook_retry_delay: std::time::Duration::from_millis(1),
        ..SimulatorConfig::default()
    };
    spawn_over(config, |_, _| {}).await
}

/// A loopback URL where nothing listens: a provider that is down.
pub async fn closed_port_url(path: &str) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{addr}{path}")
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
        self.simulator.simulator.request_counts().values().sum()
    }

    /// Asserts that no provider request was made since the counts were last reset.
    pub fn assert_no_provider_request(&self, why: &str) {
        let counts = self.simulator.simulator.request_counts();
        assert_eq!(self.provider_requests(), 0, "{why}: {counts:?}");
    }

    /// Empties the gateway's cache, so that the next request must read the providers.
    pub async fn empty_cache(&self) {
        use live_commerce_gateway::cache::Invalidation;
        self.cache.invalidate(&[Invalidation::All]).await;
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
    let received = gateway.simulator.simulator.received_for(operation);
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
