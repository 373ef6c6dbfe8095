//! Logs and traces. Logs are text for a terminal or JSON for a pipeline, filtered by `RUST_LOG`;
//! that filter applies to the logs only, so a production log level keeps every span.
//! With `OTEL_EXPORTER_OTLP_ENDPOINT` set (and the other standard `OTEL_*` variables, such as
//! `OTEL_SERVICE_NAME`), spans are also exported over OTLP/HTTP (protobuf): the HTTP request,
//! the GraphQL operation and each provider call. The W3C trace context a client sends is
//! continued, and passed on to the providers (`traceparent`).

use opentelemetry::propagation::{Extractor, Injector};
use opentelemetry::trace::{TraceContextExt, TracerProvider};
use opentelemetry_sdk::propagation::TraceContextPropagator;
use opentelemetry_sdk::trace::SdkTracerProvider;
use tracing_opentelemetry::OpenTelemetrySpanExt;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

use crate::config::{LogConfig, LogFormat};

/// What must be flushed before the process exits.
#[must_use = "call shutdown() before exiting, or buffered spans are lost"]
pub struct Telemetry {
    traces: Option<SdkTracerProvider>,
}

impl Telemetry {
    /// Exports every span still buffered.
    pub fn flush(&self) {
        if let Some(traces) = self.traces.clone() {
            // The exporter's HTTP client blocks: never on an async worker thread.
            let _ = std::thread::spawn(move || traces.force_flush()).join();
        }
    }

    /// Flushes, then stops the exporter.
    pub fn shutdown(self) {
        if let Some(traces) = self.traces {
            let _ = std::thread::spawn(move || traces.shutdown()).join();
        }
    }
}

/// Installs the global subscriber (and, with an OTLP endpoint, the trace exporter); a bad
/// filter falls back to `info` rather than silence.
pub fn init(log: &LogConfig) -> Telemetry {
    opentelemetry::global::set_text_map_propagator(TraceContextPropagator::new());
    let filter = EnvFilter::try_new(&log.filter).unwrap_or_else(|_| EnvFilter::new("info"));
    let fmt = tracing_subscriber::fmt::layer().with_writer(std::io::stderr);
    let fmt = match log.format {
        LogFormat::Text => fmt.boxed(),
        LogFormat::Json => fmt.json().flatten_event(true).boxed(),
    };
    let traces = std::env::var_os("OTEL_EXPORTER_OTLP_ENDPOINT").and_then(|_| trace_provider());
    // Each layer has its own filter: `RUST_LOG` says what is logged, never what is traced.
    let otel = traces.as_ref().map(|provider| {
        tracing_opentelemetry::layer()
            .with_tracer(provider.tracer("live-commerce-gateway"))
            .with_filter(traced_spans())
    });
    let result = tracing_subscriber::registry()
        .with(fmt.with_filter(filter))
        .with(otel)
        .try_init();
    if result.is_err() {
        tracing::debug!("a tracing subscriber was already installed");
    }
    Telemetry { traces }
}

/// What the exporter sees: the spans the gateway's own code opens at `info` (requests, operations, provider
/// calls, loader batches, cache look-ups), whatever the log filter. Which traces are kept is the
/// sampler's choice (`OTEL_TRACES_SAMPLER`), not the log level's.
fn traced_spans() -> tracing_subscriber::filter::Targets {
    tracing_subscriber::filter::Targets::new()
        .with_target(env!("CARGO_CRATE_NAME"), tracing::Level::INFO)
}

/// The OTLP/HTTP exporter, configured by the standard `OTEL_*` variables. Built on a plain
/// thread: its blocking HTTP client must not be made on an async worker.
fn trace_provider() -> Option<SdkTracerProvider> {
    let built = std::thread::spawn(|| {
        let exporter = opentelemetry_otlp::SpanExporter::builder()
            .with_http()
            .build()?;
        Ok::<_, opentelemetry_otlp::ExporterBuildError>(
            SdkTracerProvider::builder()
                .with_batch_exporter(exporter)
                .build(),
        )
    })
    .join();
    match built {
        Ok(Ok(provider)) => Some(provider),
        Ok(Err(error)) => {
            eprintln!("OTLP trace export is off: {error}");
            None
        }
        Err(_) => None,
    }
}

/// Continues the trace a request's headers carry (`traceparent`), under `span`; returns the
/// trace id the span is in, when tracing is on.
pub fn continue_trace(span: &tracing::Span, headers: &axum::http::HeaderMap) -> Option<String> {
    let parent =
        opentelemetry::global::get_text_map_propagator(|p| p.extract(&HeaderReader(headers)));
    let _ = span.set_parent(parent);
    let context = span.context();
    let span_context = context.span().span_context().clone();
    span_context
        .is_valid()
        .then(|| span_context.trace_id().to_string())
}

/// Writes the current span's trace context into a provider request's headers.
pub fn pass_trace_on(headers: &mut reqwest::header::HeaderMap) {
    let context = tracing::Span::current().context();
    opentelemetry::global::get_text_map_propagator(|p| {
        p.inject_context(&context, &mut HeaderWriter(headers));
    });
}

struct HeaderReader<'a>(&'a axum::http::HeaderMap);

impl Extractor for HeaderReader<'_> {
    fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(|v| v.to_str().ok())
    }

    fn keys(&self) -> Vec<&str> {
        self.0.keys().map(|k| k.as_str()).collect()
    }
}

struct HeaderWriter<'a>(&'a mut reqwest::header::HeaderMap);

impl Injector for HeaderWriter<'_> {
    fn set(&mut self, key: &str, value: String) {
        if let (Ok(name), Ok(value)) = (
            reqwest::header::HeaderName::from_bytes(key.as_bytes()),
            reqwest::header::HeaderValue::from_str(&value),
        ) {
            self.0.insert(name, value);
        }
    }
}
