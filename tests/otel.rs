//! OpenTelemetry, end to end: the gateway exports its spans over OTLP/HTTP to a collector this
//! test runs, continues the client's `traceparent`, links the GraphQL operation to its provider
//! calls, and passes the trace on to the providers. Its own test binary: the tracing subscriber
//! and the exporter are process-global.

use std::collections::HashMap;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::routing::post;
use live_commerce_gateway::app::Application;
use live_commerce_gateway::config::{Config, LogConfig, LogFormat};
use live_commerce_gateway::simulator::{Simulator, SimulatorConfig};
use live_commerce_gateway::telemetry;
use opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceRequest;
use opentelemetry_proto::tonic::trace::v1::Span;
use prost::Message;
use serde_json::{Value, json};
use tokio::sync::mpsc;

const TRACE_ID: &str = "4bf92f3577b34da6a3ce929d0e0e4736";
const CLIENT_SPAN: &str = "00f067aa0ba902b7";

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A collector: every span it receives goes to the channel.
async fn collector() -> (String, mpsc::UnboundedReceiver<Span>) {
    let (received, spans) = mpsc::unbounded_channel();
    let app = Router::new().route(
        "/v1/traces",
        post(move |body: Bytes| {
            let received = received.clone();
            async move {
                let request = ExportTraceServiceRequest::decode(body).expect("OTLP protobuf");
                for resource in request.resource_spans {
                    for scope in resource.scope_spans {
                        for span in scope.spans {
                            let _ = received.send(span);
                        }
                    }
                }
                axum::http::StatusCode::OK
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, spans)
}

async fn gateway() -> (String, live_commerce_gateway::simulator::RunningSimulator) {
    let simulator = Simulator::spawn(SimulatorConfig::default()).await.unwrap();
    let env = simulator.gateway_env();
    let app = Application::build(&Config::load(env).unwrap())
        .await
        .unwrap();
    let url = format!("http://{}/graphql", app.local_addr());
    tokio::spawn(app.run_until(std::future::pending()));
    (url, simulator)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_trace_links_the_operation_to_its_provider_calls_and_reaches_the_providers() {
    let (collector_url, mut spans) = collector().await;
    // SAFETY: set before anything reads the environment, in this test binary's only test.
    unsafe {
        std::env::set_var("OTEL_EXPORTER_OTLP_ENDPOINT", &collector_url);
        std::env::set_var("OTEL_SERVICE_NAME", "gateway-under-test");
    }
    // A production log level: it decides what is logged, not what is traced.
    let log = LogConfig {
        filter: "warn".into(),
        format: LogFormat::Text,
    };
    let telemetry = telemetry::init(&log);
    let (url, simulator) = gateway().await;

    let query = "query Shows { liveContents(first: 2, filter: {provider: LISA}) { edges { node { title stickers { name } } } } }";
    let answer: Value = reqwest::Client::new()
        .post(&url)
        .header("traceparent", format!("00-{TRACE_ID}-{CLIENT_SPAN}-01"))
        .json(&json!({ "query": query }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(answer.get("errors").is_none(), "{answer}");

    let mut ours: Vec<Span> = Vec::new();
    let enough = |ours: &[Span]| {
        let has = |name: &str| ours.iter().any(|s| s.name == name);
        let calls = ours.iter().filter(|s| s.name == "provider_call").count();
        has("http_request") && has("graphql_operation") && calls >= 2
    };
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    while !enough(&ours) {
        assert!(
            tokio::time::Instant::now() < deadline,
            "spans missing: {ours:?}"
        );
        match tokio::time::timeout(Duration::from_millis(500), spans.recv()).await {
            Ok(Some(span)) if hex(&span.trace_id) == TRACE_ID => ours.push(span),
            Ok(Some(_)) => {}
            Ok(None) => panic!("the collector stopped"),
            // The request's own span ends after its answer is sent: export what ended since.
            Err(_) => telemetry.flush(),
        }
    }
    let by_id: HashMap<String, &Span> = ours.iter().map(|s| (hex(&s.span_id), s)).collect();
    let named = |name: &str| ours.iter().find(|s| s.name == name).unwrap();
    let request = named("http_request");
    assert_eq!(
        hex(&request.parent_span_id),
        CLIENT_SPAN,
        "the client's trace is continued"
    );
    let operation = named("graphql_operation");
    assert_eq!(hex(&operation.parent_span_id), hex(&request.span_id));
    let descends_from_operation = |span: &Span| {
        let mut parent = hex(&span.parent_span_id);
        while let Some(up) = by_id.get(&parent) {
            if up.span_id == operation.span_id {
                return true;
            }
            parent = hex(&up.parent_span_id);
        }
        false
    };
    let calls: Vec<&Span> = ours.iter().filter(|s| s.name == "provider_call").collect();
    assert!(calls.len() >= 2, "the shows page and the stickers batch");
    assert!(
        calls.iter().all(|s| descends_from_operation(s)),
        "every provider call is under the operation"
    );
    let parent_of = |span: &Span| {
        by_id
            .get(&hex(&span.parent_span_id))
            .map(|p| p.name.clone())
    };
    assert!(
        calls
            .iter()
            .all(|s| parent_of(s).as_deref() == Some("cache_lookup")),
        "a provider call is made by a cache look-up that missed"
    );
    let batch = ours
        .iter()
        .find(|s| s.name == "loader_batch")
        .expect("the stickers batch");
    assert!(
        descends_from_operation(batch),
        "a loader batch stays in the request's trace"
    );

    let received = simulator.simulator.received();
    assert!(!received.is_empty());
    for request in &received {
        let traceparent = request.traceparent.as_deref().unwrap_or_default();
        assert!(
            traceparent.contains(TRACE_ID),
            "{} got {traceparent:?}",
            request.path
        );
    }
    telemetry.shutdown();
}
