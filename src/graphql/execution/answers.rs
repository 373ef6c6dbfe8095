//! What an operation comes to, before any transport writes it: an [`Answer`] (the form the
//! response cache keeps and shares: status, serialised body, freshness, tags) or a
//! [`Refusal`] (nothing ran: a status and errors with their codes).

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use async_graphql::ServerError;
use bytes::Bytes;
use http::StatusCode;
use serde_json::json;

use super::ResponseMedia;
use super::refusals::with_code;
use crate::cache::{Answer, Tag};
use crate::error::ErrorCode;
use crate::metrics::OperationOutcome;

/// An operation refused before it ran.
#[derive(Debug)]
pub(crate) struct Refusal {
    /// The status the GraphQL over HTTP spec gives it (streams answer it as their own error).
    pub(crate) status: StatusCode,
    pub(crate) errors: Vec<ServerError>,
    /// For a 405: the method that would be accepted.
    pub(crate) allow: Option<&'static str>,
    /// Errors in the document itself: answered 200 to clients that accept only
    /// `application/json`, as the GraphQL over HTTP spec asks.
    pub(crate) in_document: bool,
}

impl Refusal {
    /// One error with its code.
    pub(crate) fn new(status: StatusCode, code: ErrorCode, message: &str) -> Self {
        let error = with_code(ServerError::new(message, None), code);
        Self {
            status,
            errors: vec![error],
            allow: None,
            in_document: false,
        }
    }

    /// Errors in the document itself (it does not parse, or is past the limits).
    pub(crate) fn request_errors(errors: Vec<ServerError>) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            errors,
            allow: None,
            in_document: true,
        }
    }

    /// The status for a client that reads `media`.
    pub(crate) fn status_for(&self, media: ResponseMedia) -> StatusCode {
        match media {
            ResponseMedia::Json if self.in_document => StatusCode::OK,
            _ => self.status,
        }
    }

    /// `{"errors": […]}`.
    pub(crate) fn body(&self) -> Vec<u8> {
        serde_json::to_vec(&json!({ "errors": self.errors })).expect("errors serialise")
    }
}

/// An executed operation's answer: 200 with its body, kept for `keep_for` at most.
pub(super) fn executed(
    body: Vec<u8>,
    keep_for: Option<Duration>,
    tags: Vec<Tag>,
    operation: Option<Arc<str>>,
    outcome: OperationOutcome,
) -> Answer {
    Answer {
        status: StatusCode::OK,
        body: Bytes::from(body),
        etag: OnceLock::new(),
        keep_for,
        tags: tags.into(),
        operation,
        outcome,
    }
}

/// An answer with no data, nobody may keep (request errors found while executing, timeouts).
pub(super) fn unkept(status: StatusCode, body: Vec<u8>, outcome: OperationOutcome) -> Answer {
    Answer {
        status,
        body: Bytes::from(body),
        etag: OnceLock::new(),
        keep_for: None,
        tags: Arc::from([]),
        operation: None,
        outcome,
    }
}

/// Request errors found while executing (the document does not validate): 400 for clients
/// that speak the spec's media type, 200 for plain JSON.
pub(super) fn request_errors(media: ResponseMedia, errors: Vec<ServerError>) -> Answer {
    let refusal = Refusal::request_errors(errors);
    unkept(
        refusal.status_for(media),
        refusal.body(),
        OperationOutcome::Refused,
    )
}

/// A failure with one error and its code, and the status that code carries.
pub(super) fn failure(code: ErrorCode, message: &str, outcome: OperationOutcome) -> Answer {
    let body = Refusal::new(code.http_status(), code, message).body();
    unkept(code.http_status(), body, outcome)
}
