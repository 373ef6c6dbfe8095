//! The request log: what each provider request carried (method, path, query pairs,
//! content type, body), so tests can assert that a filter reached the provider.
//! Headers other than the content type are never kept: the auth headers carry secrets.

use std::collections::VecDeque;
use std::sync::Mutex;

use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Multipart, OriginalUri};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Request};
use serde::{Serialize, Serializer};

use super::operation::Operation;
use super::query::Params;

/// Requests kept: the demo runs for days, memory must not grow.
const KEPT: usize = 1000;

/// One request a provider route received, as it arrived.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReceivedRequest {
    #[serde(serialize_with = "operation_name")]
    pub operation: Operation,
    /// `GET`, `POST`…
    pub method: String,
    /// The full path, provider prefix included: `/caast/v1/lives/abc`.
    pub path: String,
    /// Decoded query pairs in order; repeated keys (`tags[]`) are all kept.
    pub query: Vec<(String, String)>,
    pub content_type: Option<String>,
    /// The W3C `traceparent` header, when the caller sent one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub traceparent: Option<String>,
    pub body: ReceivedBody,
}

/// A request body, read according to its content type.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum ReceivedBody {
    /// No body (or an empty one).
    None,
    Json(serde_json::Value),
    Multipart(Vec<ReceivedPart>),
    /// Anything else, unparseable JSON or multipart included: its length in bytes.
    Other(usize),
}

/// One field of a multipart body. Files are kept as name and length, not bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReceivedPart {
    pub name: String,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    /// The field's length in bytes.
    pub len: usize,
    /// The field's value, for non-file fields.
    pub text: Option<String>,
}

fn operation_name<S: Serializer>(op: &Operation, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(op.as_str())
}

impl ReceivedRequest {
    /// Describe a request from its head and its whole body.
    pub async fn read(operation: Operation, parts: &Parts, body: &Bytes) -> Self {
        let head = Self::head(operation, parts);
        let body = read_body(head.content_type.as_deref(), body).await;
        Self { body, ..head }
    }

    /// Describe a request whose body could not be read (too large, connection lost):
    /// the body is logged as `Other` of its declared length.
    pub fn unreadable(operation: Operation, parts: &Parts) -> Self {
        let declared = parts
            .headers
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok()?.parse().ok())
            .unwrap_or(0);
        Self {
            body: ReceivedBody::Other(declared),
            ..Self::head(operation, parts)
        }
    }

    /// Everything but the body.
    fn head(operation: Operation, parts: &Parts) -> Self {
        Self {
            operation,
            method: parts.method.as_str().to_string(),
            path: original_uri(parts).path().to_string(),
            query: Params::parse(original_uri(parts).query()).into_pairs(),
            content_type: content_type(&parts.headers),
            traceparent: parts
                .headers
                .get("traceparent")
                .and_then(|v| v.to_str().ok())
                .map(str::to_string),
            body: ReceivedBody::None,
        }
    }
}

/// The URI before nesting stripped the provider prefix.
fn original_uri(parts: &Parts) -> &axum::http::Uri {
    parts
        .extensions
        .get::<OriginalUri>()
        .map_or(&parts.uri, |original| &original.0)
}

fn content_type(headers: &HeaderMap) -> Option<String> {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

async fn read_body(content_type: Option<&str>, body: &Bytes) -> ReceivedBody {
    if body.is_empty() {
        return ReceivedBody::None;
    }
    let other = ReceivedBody::Other(body.len());
    let Some(content_type) = content_type else {
        return other;
    };
    let essence = content_type.split(';').next().unwrap_or("").trim();
    if essence == "application/json" || essence.ends_with("+json") {
        return serde_json::from_slice(body).map_or(other, ReceivedBody::Json);
    }
    if essence == "multipart/form-data" {
        return read_parts(content_type, body).await.unwrap_or(other);
    }
    other
}

/// Parse a multipart body with axum's own reader, on a copy of the bytes.
async fn read_parts(content_type: &str, body: &Bytes) -> Option<ReceivedBody> {
    let request = Request::builder()
        .header(CONTENT_TYPE, content_type)
        .body(Body::from(body.clone()))
        .ok()?;
    let mut multipart = Multipart::from_request(request, &()).await.ok()?;
    let mut parts = Vec::new();
    while let Some(field) = multipart.next_field().await.ok()? {
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(str::to_string);
        let content_type = field.content_type().map(str::to_string);
        let bytes = field.bytes().await.ok()?;
        let text = file_name
            .is_none()
            .then(|| String::from_utf8_lossy(&bytes).into_owned());
        parts.push(ReceivedPart {
            name,
            file_name,
            content_type,
            len: bytes.len(),
            text,
        });
    }
    Some(ReceivedBody::Multipart(parts))
}

/// The latest [`KEPT`] requests, oldest first.
#[derive(Debug, Default)]
pub struct RequestLog(Mutex<VecDeque<ReceivedRequest>>);

impl RequestLog {
    pub fn push(&self, request: ReceivedRequest) {
        let mut log = self.lock();
        if log.len() >= KEPT {
            log.pop_front();
        }
        log.push_back(request);
    }

    pub fn snapshot(&self) -> Vec<ReceivedRequest> {
        self.lock().iter().cloned().collect()
    }

    pub fn clear(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<ReceivedRequest>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}
