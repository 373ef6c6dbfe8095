//! The codes a refused document carries, the same on every transport (HTTP, WebSocket, SSE):
//! the configured limits async-graphql does not check, and async-graphql's own refusals.

use async_graphql::ServerError;
use async_graphql::parser::types::ExecutableDocument;

use crate::config::Limits;
use crate::error::ErrorCode;
use crate::graphql::document_limits;
use crate::graphql::executed_fields::executed_fields;

/// A refusal for a document past the configured limits: more fields than the complexity bound
/// once its fragments are expanded (checked first: async-graphql's own checks walk the
/// expansion), too many aliases, or a question about the schema while introspection is off.
/// (Depth and per-field complexity are then checked by async-graphql.)
pub fn beyond_limits(limits: &Limits, document: &ExecutableDocument) -> Option<ServerError> {
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

/// A validation error's code: async-graphql's depth and complexity refusals get their own.
pub fn with_validation_code(error: ServerError) -> ServerError {
    let code = match error.message.as_str() {
        "Query is nested too deep." => ErrorCode::QueryTooDeep,
        "Query is too complex." => ErrorCode::QueryTooComplex,
        _ => ErrorCode::GraphqlValidationFailed,
    };
    with_code(error, code)
}

/// Validation failures come back with no data and errors that point at no field.
pub fn is_request_error(response: &async_graphql::Response) -> bool {
    response.data == async_graphql::Value::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(|e| e.path.is_empty())
}

pub fn with_code(mut error: ServerError, code: ErrorCode) -> ServerError {
    let extensions = error.extensions.get_or_insert_with(Default::default);
    if extensions.get("code").is_none() {
        extensions.set("code", code.as_str());
    }
    error
}
