//! Why an operation is refused before it runs, with the same code on every transport (HTTP,
//! WebSocket, SSE): the configured limits async-graphql does not check, how the operation came
//! (a mutation over GET, a subscription over plain HTTP), and async-graphql's own refusals.

use async_graphql::parser::types::{ExecutableDocument, OperationType};
use async_graphql::{ServerError, Variables};
use http::StatusCode;

use super::Transport;
use super::answers::Refusal;
use super::variable_errors::naming_the_variable;
use crate::config::Limits;
use crate::error::ErrorCode;
use crate::graphql::execution::document_limits;
use crate::graphql::execution::executed_fields::executed_fields;

/// A refusal for what the document asks or how it came: past the limits, a subscription over
/// plain HTTP, or a mutation over GET (anything but a query, over plain HTTP GET).
pub(super) fn before_execution(
    limits: &Limits,
    document: &ExecutableDocument,
    kind: Option<OperationType>,
    transport: Transport,
) -> Option<Refusal> {
    if let Some(error) = beyond_limits(limits, document) {
        return Some(Refusal::request_errors(vec![error]));
    }
    let streams = matches!(transport, Transport::Stream { .. });
    if kind == Some(OperationType::Subscription) && !streams {
        let message = "a subscription needs a streaming transport: a WebSocket on /graphql (graphql-transport-ws or graphql-ws), or `Accept: text/event-stream`";
        return Some(Refusal::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::BadRequest,
            message,
        ));
    }
    if transport.over_get() && kind == Some(OperationType::Mutation) {
        let message = "a mutation cannot be sent with GET; use POST";
        let mut refusal = Refusal::new(
            StatusCode::METHOD_NOT_ALLOWED,
            ErrorCode::BadRequest,
            message,
        );
        refusal.allow = Some("POST");
        return Some(refusal);
    }
    None
}

/// A refusal for a document past the configured limits: more fields than the complexity bound
/// once its fragments are expanded (checked first: async-graphql's own checks walk the
/// expansion), too many aliases, or a question about the schema while introspection is off.
/// (Depth and per-field complexity are then checked by async-graphql.)
fn beyond_limits(limits: &Limits, document: &ExecutableDocument) -> Option<ServerError> {
    let fields = executed_fields(document);
    let aliases = document_limits::aliases(document);
    let (code, message) = if fields > limits.max_complexity as u64 {
        let message = format!(
            "the document asks for {} fields once its fragments are spread; at most {} are allowed",
            if fields == u64::MAX {
                "unboundedly many".to_string()
            } else {
                fields.to_string()
            },
            limits.max_complexity
        );
        (ErrorCode::QueryTooComplex, message)
    } else if aliases > limits.max_aliases {
        let message = format!(
            "the document has {aliases} aliased fields; at most {} are allowed",
            limits.max_aliases
        );
        (ErrorCode::TooManyAliases, message)
    } else if !limits.introspection && document_limits::asks_for_the_schema(document) {
        let message = "introspection is disabled on this gateway".to_string();
        (ErrorCode::IntrospectionDisabled, message)
    } else {
        return None;
    };
    Some(with_code(ServerError::new(message, None), code))
}

/// A validation error with its code: a variable's bad value names the variable
/// (`BAD_USER_INPUT`), async-graphql's depth and complexity refusals get their own.
pub(super) fn with_validation_code(
    error: ServerError,
    document: &ExecutableDocument,
    variables: Option<&Variables>,
) -> ServerError {
    let error = naming_the_variable(error, document, variables);
    let code = match error.message.as_str() {
        "Query is nested too deep." => ErrorCode::QueryTooDeep,
        "Query is too complex." => ErrorCode::QueryTooComplex,
        _ => ErrorCode::GraphqlValidationFailed,
    };
    with_code(error, code)
}

/// Validation failures come back with no data and errors that point at no field.
pub(crate) fn is_request_error(response: &async_graphql::Response) -> bool {
    response.data == async_graphql::Value::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(|e| e.path.is_empty())
}

pub(crate) fn with_code(mut error: ServerError, code: ErrorCode) -> ServerError {
    let extensions = error.extensions.get_or_insert_with(Default::default);
    if extensions.get("code").is_none() {
        extensions.set("code", code.as_str());
    }
    error
}

/// A response whose errors are request errors gets their codes (a subscription's first result).
pub(super) fn with_validation_codes(
    mut response: async_graphql::Response,
    document: &ExecutableDocument,
    variables: &Variables,
) -> async_graphql::Response {
    if is_request_error(&response) {
        response.errors = std::mem::take(&mut response.errors)
            .into_iter()
            .map(|error| with_validation_code(error, document, Some(variables)))
            .collect();
    }
    response
}
