//! How a GraphQL operation ended, as its metrics and its span name it. A kept answer carries its
//! outcome, so a response-cache hit is counted as the execution that produced it was.

/// How an operation ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OperationOutcome {
    /// Data and no error (a subscription that started, too).
    Ok,
    /// Data and errors.
    Partial,
    /// Errors and no data.
    Error,
    /// Not executed: the request or its document was refused.
    Refused,
    /// The request's time ran out before its answer.
    Timeout,
}

impl OperationOutcome {
    /// The `outcome` label of the operations counter and the span field.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Partial => "partial",
            Self::Error => "error",
            Self::Refused => "refused",
            Self::Timeout => "timeout",
        }
    }
}
