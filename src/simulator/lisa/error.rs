//! LiSA's error body: `{"code": "Http:NotFound", "message": …, "statusCode": 404}`,
//! plus `issues` on validation failures.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

#[derive(Debug, Clone, thiserror::Error)]
#[error("{status}: {message}")]
pub(crate) struct LisaError {
    pub(crate) status: StatusCode,
    pub(crate) message: String,
    pub(crate) issues: Vec<Value>,
}

impl LisaError {
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
            issues: Vec::new(),
        }
    }

    pub(crate) fn not_found(what: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            format!("The requested {what} does not exist."),
        )
    }

    /// A 400 naming the offending parameter, as LiSA's validation answers do.
    pub(crate) fn bad_param(param: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        Self {
            status: StatusCode::BAD_REQUEST,
            issues: vec![json!({"code": "invalid", "path": [param], "message": message})],
            message: format!("Invalid value for '{param}'."),
        }
    }

    pub(crate) fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, message)
    }
}

/// `Http:` plus the reason phrase without spaces: `Http:NotFound`, `Http:BadRequest`.
pub(crate) fn code(status: StatusCode) -> String {
    let reason = status.canonical_reason().unwrap_or("Error");
    format!("Http:{}", reason.replace([' ', '-'], ""))
}

impl IntoResponse for LisaError {
    fn into_response(self) -> Response {
        let mut body = json!({
            "code": code(self.status),
            "message": self.message,
            "statusCode": self.status.as_u16(),
        });
        if !self.issues.is_empty() {
            body["issues"] = Value::Array(self.issues);
        }
        (self.status, Json(body)).into_response()
    }
}
