//! Spawning a simulator with a pinned anchor, and request builders carrying each
//! provider's credentials.

use chrono::{DateTime, Utc};
use live_commerce_gateway::simulator::{RunningSimulator, Simulator, SimulatorConfig};
use reqwest::{Client, RequestBuilder};
use serde_json::Value;

pub fn anchor() -> DateTime<Utc> {
    "2025-06-01T12:00:00Z".parse().expect("valid date")
}

pub fn config() -> SimulatorConfig {
    SimulatorConfig {
        anchor: anchor(),
        ..SimulatorConfig::default()
    }
}

pub async fn spawn() -> RunningSimulator {
    spawn_with(config()).await
}

pub async fn spawn_with(config: SimulatorConfig) -> RunningSimulator {
    Simulator::spawn(config).await.expect("simulator starts")
}

pub fn caast(sim: &RunningSimulator, method: reqwest::Method, path: &str) -> RequestBuilder {
    Client::new()
        .request(method, format!("{}{path}", sim.caast_url()))
        .header("APP-ID", "demo-caast-app-id")
        .header("APP-KEY", "demo-caast-app-key")
}

pub fn caast_get(sim: &RunningSimulator, path: &str) -> RequestBuilder {
    caast(sim, reqwest::Method::GET, path)
}

pub fn lisa(sim: &RunningSimulator, method: reqwest::Method, path: &str) -> RequestBuilder {
    Client::new()
        .request(method, format!("{}{path}", sim.lisa_url()))
        .header("Authorization", "ApiKey demo-lisa-api-key")
}

pub fn lisa_get(sim: &RunningSimulator, path: &str) -> RequestBuilder {
    lisa(sim, reqwest::Method::GET, path)
}

/// Send, assert the status, and parse the JSON body.
pub async fn json(request: RequestBuilder, status: u16) -> Value {
    let response = request.send().await.expect("request sent");
    let actual = response.status().as_u16();
    let body = response.text().await.expect("body read");
    assert_eq!(actual, status, "unexpected status, body: {body}");
    serde_json::from_str(&body).unwrap_or(Value::Null)
}

pub fn ids(items: &Value) -> Vec<String> {
    items
        .as_array()
        .expect("an array")
        .iter()
        .map(|item| item["id"].as_str().expect("an id").to_string())
        .collect()
}
