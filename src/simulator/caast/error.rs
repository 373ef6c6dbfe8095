//! Caast's error body: `{"errors": [{"status": "404", "title": "Not Found", "detail": …}]}`.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

#[derive(Debug, Clone, thiserror::Error)]
#[error("{status}: {detail}")]
pub(crate) struct CaastError {
    pub(crate) status: StatusCode,
    pub(crate) detail: String,
}

impl CaastError {
    pub(crate) fn new(status: StatusCode, detail: impl Into<String>) -> Self {
        Self {
            status,
            detail: detail.into(),
        }
    }

    pub(crate) fn not_found(what: &str, id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            format!("No {what} found with id {id}."),
        )
    }

    pub(crate) fn unprocessable(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, detail)
    }

    pub(crate) fn shared(what: &str) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            format!("This {what} is shared by another application and cannot be modified."),
        )
    }
}

impl IntoResponse for CaastError {
    fn into_response(self) -> Response {
        let title = self.status.canonical_reason().unwrap_or("Error");
        let body = json!({"errors": [{
            "status": self.status.as_u16().to_string(),
            "title": title,
            "detail": self.detail,
        }]});
        (self.status, Json(body)).into_response()
    }
}
