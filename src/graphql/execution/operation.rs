//! Which operation of a document a request runs, and what it is called.

use async_graphql::parser::types::{DocumentOperations, OperationType};

/// The name of a document's only operation, when it has one.
pub(super) fn only_name(operations: &DocumentOperations) -> Option<String> {
    match operations {
        DocumentOperations::Multiple(ops) if ops.len() == 1 => {
            ops.keys().next().map(|n| n.to_string())
        }
        _ => None,
    }
}

/// The type of the operation the request will run, when the document names it unambiguously.
pub(super) fn operation_type(
    operations: &DocumentOperations,
    name: Option<&str>,
) -> Option<OperationType> {
    match (operations, name) {
        (DocumentOperations::Single(op), _) => Some(op.node.ty),
        (DocumentOperations::Multiple(ops), Some(name)) => ops.get(name).map(|op| op.node.ty),
        (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => {
            ops.values().next().map(|op| op.node.ty)
        }
        _ => None,
    }
}

/// The operation type as metrics and traces label it.
pub(super) fn kind_label(kind: Option<OperationType>) -> &'static str {
    match kind {
        Some(OperationType::Query) => "query",
        Some(OperationType::Mutation) => "mutation",
        Some(OperationType::Subscription) => "subscription",
        None => "none",
    }
}
