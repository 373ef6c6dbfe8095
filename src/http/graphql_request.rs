//! Reading a GraphQL request from HTTP: a POST body or GET parameters, with `variables` and
//! `extensions`, and the query text itself or (persisted queries) its registered hash.

use async_graphql::Variables;
use serde::Deserialize;
use serde_json::Value;

use super::persisted_queries::{self, PersistedQueries};
use crate::error::ErrorCode;
use crate::graphql::execution::Refusal;

/// The largest JSON request body, on every transport (multipart bodies, which carry files,
/// may be larger).
pub(crate) const MAX_JSON_BODY_BYTES: usize = 1024 * 1024;

/// Why a request could not be read.
pub(crate) enum Unreadable {
    /// Malformed: 400 with this reason.
    Malformed(String),
    /// A JSON body past [`MAX_JSON_BODY_BYTES`]: 413.
    TooLarge,
    /// A persisted query's hash the gateway does not know yet.
    PersistedQueryNotFound,
    /// Trusted-documents mode, and the document is not a trusted one.
    NotTrusted,
}

/// Reads a JSON POST body (HTTP and SSE) into a request.
pub(crate) fn read_json_body(
    body: &[u8],
    persisted: &PersistedQueries,
) -> Result<async_graphql::Request, Unreadable> {
    if body.len() > MAX_JSON_BODY_BYTES {
        return Err(Unreadable::TooLarge);
    }
    serde_json::from_slice::<PostBody>(body)
        .map_err(|e| Unreadable::Malformed(format!("the body is not a GraphQL request: {e}")))
        .and_then(|body| body.into_request(persisted))
}

/// A GET's parameters, read but not yet made into a request.
pub(crate) fn get_params(query: Option<&str>) -> Result<GetParams, Unreadable> {
    serde_urlencoded::from_str::<GetParams>(query.unwrap_or(""))
        .map_err(|e| Unreadable::Malformed(e.to_string()))
}

/// A POST body: `variables` and `extensions` may be objects or null.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PostBody {
    query: Option<String>,
    operation_name: Option<String>,
    variables: Option<Value>,
    extensions: Option<Value>,
}

impl PostBody {
    pub(crate) fn into_request(
        self,
        persisted: &PersistedQueries,
    ) -> Result<async_graphql::Request, Unreadable> {
        let query = resolve(persisted, self.query, self.extensions.as_ref())?;
        build_request(query, self.operation_name, self.variables).map_err(Unreadable::Malformed)
    }
}

/// GET parameters: `variables` and `extensions` are JSON text.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GetParams {
    pub(crate) query: Option<String>,
    operation_name: Option<String>,
    variables: Option<String>,
    extensions: Option<String>,
}

impl GetParams {
    /// Whether the URL asks for an operation at all (else a browser gets GraphiQL).
    pub(crate) fn names_an_operation(&self) -> bool {
        self.query.is_some() || self.extensions.is_some()
    }

    pub(crate) fn into_request(
        self,
        persisted: &PersistedQueries,
    ) -> Result<async_graphql::Request, Unreadable> {
        let variables = json_param(self.variables, "variables")?;
        let extensions = json_param(self.extensions, "extensions")?;
        let query = resolve(persisted, self.query, extensions.as_ref())?;
        build_request(query, self.operation_name, variables).map_err(Unreadable::Malformed)
    }
}

fn json_param(text: Option<String>, name: &str) -> Result<Option<Value>, Unreadable> {
    match text.filter(|v| !v.is_empty()) {
        Some(text) => serde_json::from_str(&text)
            .map(Some)
            .map_err(|e| Unreadable::Malformed(format!("`{name}` is not JSON: {e}"))),
        None => Ok(None),
    }
}

fn resolve(
    persisted: &PersistedQueries,
    query: Option<String>,
    extensions: Option<&Value>,
) -> Result<Option<String>, Unreadable> {
    if extensions.is_some_and(|e| !e.is_object() && !e.is_null()) {
        return Err(Unreadable::Malformed(
            "`extensions` must be an object".into(),
        ));
    }
    persisted
        .resolve(query, extensions)
        .map_err(|refusal| match refusal {
            persisted_queries::Refusal::NotFound => Unreadable::PersistedQueryNotFound,
            persisted_queries::Refusal::Invalid(reason) => Unreadable::Malformed(reason),
            persisted_queries::Refusal::NotTrusted => Unreadable::NotTrusted,
        })
}

fn build_request(
    query: Option<String>,
    operation_name: Option<String>,
    variables: Option<Value>,
) -> Result<async_graphql::Request, String> {
    let query = query.ok_or("the `query` parameter is missing")?;
    let mut request = async_graphql::Request::new(query);
    if let Some(name) = operation_name.filter(|n| !n.is_empty()) {
        request = request.operation_name(name);
    }
    match variables {
        None | Some(Value::Null) => {}
        Some(value @ Value::Object(_)) => request = request.variables(Variables::from_json(value)),
        Some(_) => return Err("`variables` must be an object".into()),
    }
    Ok(request)
}

impl Unreadable {
    /// The refusal it is answered with, the same on every transport.
    pub(crate) fn refusal(self) -> Refusal {
        let (code, status, message) = self.answer();
        Refusal::new(status, code, &message)
    }

    /// The code, status and message a refusal is answered with.
    fn answer(self) -> (ErrorCode, axum::http::StatusCode, String) {
        use axum::http::StatusCode;
        match self {
            Self::Malformed(message) => (ErrorCode::BadRequest, StatusCode::BAD_REQUEST, message),
            Self::TooLarge => (
                ErrorCode::BadRequest,
                StatusCode::PAYLOAD_TOO_LARGE,
                "a JSON request body may be at most 1 MiB".into(),
            ),
            // Apollo clients expect 200 here, then send the query with its hash.
            Self::PersistedQueryNotFound => (
                ErrorCode::PersistedQueryNotFound,
                StatusCode::OK,
                "PersistedQueryNotFound".into(),
            ),
            Self::NotTrusted => (
                ErrorCode::TrustedDocumentRequired,
                StatusCode::BAD_REQUEST,
                "this gateway runs trusted documents only, and this is not one of them".into(),
            ),
        }
    }
}
