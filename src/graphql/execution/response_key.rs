//! The response cache's key: everything an answer depends on. The document (normalised, so
//! formatting does not matter; a persisted query's hash has already been resolved to it), the
//! operation, the variables, the locale texts are read in, who is asking (an operator sees
//! secret fields) and the media type (it decides the content type and the status of errors).
//! The key is the whole text, not a digest of it: two requests share an entry only when they
//! are the same request.

use std::fmt::Write;

use super::{Asked, ResponseMedia};
use crate::cache::CacheKey;
use crate::graphql::Caller;
use crate::graphql::execution::normalised::normalised;

/// The key of `request`, or `None` when its answer is never kept (it uploads files, so it is
/// a mutation).
pub(super) fn response_key(request: &async_graphql::Request, parts: &Asked) -> Option<CacheKey> {
    if !request.uploads.is_empty() {
        return None;
    }
    let caller = match parts.caller {
        Caller::Anonymous => "anonymous",
        Caller::WrongToken => "wrong-token",
        Caller::Operator => "operator",
    };
    let media = match parts.media {
        ResponseMedia::GraphqlResponseJson => "graphql-response",
        ResponseMedia::Json => "json",
    };
    let variables = serde_json::to_string(&request.variables).unwrap_or_default();
    let document = normalised(&request.query);
    let mut key = String::with_capacity(64 + variables.len() + document.len());
    let _ = write!(key, "{caller} {media} ");
    for part in [
        parts.locale.0.as_deref().unwrap_or(""),
        request.operation_name.as_deref().unwrap_or(""),
        &variables,
    ] {
        // Length-prefixed, so no value can pass for the next one.
        let _ = write!(key, "{}:{part} ", part.len());
    }
    key.push_str(&document);
    Some(CacheKey::from(key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graphql::RequestLocale;
    use serde_json::json;

    fn key(request: async_graphql::Request, caller: Caller, locale: Option<&str>) -> CacheKey {
        let locale = RequestLocale(locale.map(str::to_string));
        let parts = Asked {
            caller,
            locale,
            media: ResponseMedia::Json,
        };
        response_key(&request, &parts).expect("a plain request has a key")
    }

    fn request(query: &str, variables: serde_json::Value) -> async_graphql::Request {
        async_graphql::Request::new(query).variables(async_graphql::Variables::from_json(variables))
    }

    #[test]
    fn everything_the_answer_depends_on_is_in_the_key() {
        let base = || request("{ a }", json!({ "x": 1 }));
        let anonymous = key(base(), Caller::Anonymous, None);
        assert_eq!(
            anonymous,
            key(request("{a}", json!({ "x": 1 })), Caller::Anonymous, None)
        );
        let others = [
            key(base(), Caller::Operator, None),
            key(base(), Caller::Anonymous, Some("de")),
            key(base().operation_name("A"), Caller::Anonymous, None),
            key(request("{ a }", json!({ "x": 2 })), Caller::Anonymous, None),
            key(request("{ b }", json!({ "x": 1 })), Caller::Anonymous, None),
        ];
        for other in others {
            assert_ne!(anonymous, other);
        }
    }

    #[test]
    fn one_part_cannot_pass_for_another() {
        let named = key(
            request("{ a }", json!({})).operation_name("A "),
            Caller::Anonymous,
            None,
        );
        let localized = key(request("{ a }", json!({})), Caller::Anonymous, Some("2:A "));
        assert_ne!(named, localized);
    }
}
