//! Authenticating a webhook sender: LiSA's subscription sends a bearer token or basic auth,
//! whichever the deployment configured; either matches, compared in constant time.

use axum::http::{HeaderMap, header};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use secrecy::ExposeSecret;

use super::media::bearer_token;
use crate::config::WebhookCredentials;
use crate::graphql::resolver::auth::same_secret;

/// Whether the request carries credentials `expected` accepts.
pub(crate) fn is_authentic(headers: &HeaderMap, expected: &WebhookCredentials) -> bool {
    let bearer = match (bearer_token(headers), &expected.bearer) {
        (Some(presented), Some(token)) => same_secret(presented, token.expose_secret()),
        _ => false,
    };
    let basic = match (basic_credentials(headers), &expected.basic) {
        (Some((user, password)), Some((expected_user, expected_password))) => {
            // Both compared, always: which of the two was wrong does not show in the timing.
            let user_ok = same_secret(&user, expected_user);
            let password_ok = same_secret(&password, expected_password.expose_secret());
            user_ok & password_ok
        }
        _ => false,
    };
    bearer | basic
}

/// The user and password of an `Authorization: Basic …` header.
fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = STANDARD.decode(encoded.trim()).ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (user, password) = text.split_once(':')?;
    Some((user.to_string(), password.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;
    use secrecy::SecretString;

    fn with_authorization(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::AUTHORIZATION, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn bearer_and_basic_each_pass_only_with_the_configured_secret() {
        let expected = WebhookCredentials {
            bearer: Some(SecretString::from("tok")),
            basic: Some(("lisa".into(), SecretString::from("pw"))),
        };
        let basic = |user_password: &str| format!("Basic {}", STANDARD.encode(user_password));
        assert!(is_authentic(&with_authorization("Bearer tok"), &expected));
        assert!(is_authentic(
            &with_authorization(&basic("lisa:pw")),
            &expected
        ));
        assert!(!is_authentic(&with_authorization("Bearer nope"), &expected));
        assert!(!is_authentic(
            &with_authorization(&basic("lisa:nope")),
            &expected
        ));
        assert!(!is_authentic(
            &with_authorization(&basic("other:pw")),
            &expected
        ));
        assert!(!is_authentic(&with_authorization("Basic !!!"), &expected));
        assert!(!is_authentic(&HeaderMap::new(), &expected));
    }
}
