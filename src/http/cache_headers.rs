//! What CDNs, browsers and SSR servers may keep: `Cache-Control` from the shortest freshness
//! among the provider answers that fed a query, and an `ETag` (with `304` on a match) for GET.

use std::time::Duration;

use axum::http::{HeaderMap, HeaderValue, header};
use sha2::{Digest, Sha256};

/// What the answer was, for deciding how it may be kept.
pub(crate) struct Kept {
    /// How long the provider answers that fed it stay fresh (`None`: nobody may keep it, as for
    /// mutations, errors and secrets).
    pub(crate) max_age: Option<Duration>,
    /// The request carried credentials: only the client itself may keep the answer.
    pub(crate) authenticated: bool,
}

pub(crate) fn cache_control(kept: &Kept) -> HeaderValue {
    let Some(max_age) = kept.max_age else {
        return HeaderValue::from_static("no-store");
    };
    let scope = if kept.authenticated {
        "private"
    } else {
        "public"
    };
    // Rounded down: a CDN must never keep an answer longer than its sources stay fresh.
    let value = format!("{scope}, max-age={}", max_age.as_secs());
    HeaderValue::from_str(&value).expect("ASCII")
}

/// A strong validator of the answer: its media type and its bytes.
pub(crate) fn etag(content_type: &str, body: &[u8]) -> HeaderValue {
    let digest = Sha256::new()
        .chain_update(content_type.as_bytes())
        .chain_update([0])
        .chain_update(body)
        .finalize();
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    HeaderValue::from_str(&format!("\"{hex}\"")).expect("ASCII")
}

/// Whether the request's `If-None-Match` names `etag` (or `*`); weak forms match too, as the
/// comparison for GET is the weak one (RFC 9110, 13.1.2).
pub(crate) fn none_match(request: &HeaderMap, etag: &HeaderValue) -> bool {
    let wanted = etag.to_str().unwrap_or_default();
    request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|tag| tag.trim())
        .any(|tag| tag == "*" || tag.trim_start_matches("W/") == wanted)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(max_age: Option<u64>, authenticated: bool) -> String {
        let kept = Kept {
            max_age: max_age.map(Duration::from_secs),
            authenticated,
        };
        cache_control(&kept).to_str().unwrap().to_string()
    }

    #[test]
    fn cache_control_follows_the_sources_and_the_caller() {
        assert_eq!(kept(Some(12), false), "public, max-age=12");
        assert_eq!(kept(Some(12), true), "private, max-age=12");
        assert_eq!(kept(None, false), "no-store");
        assert_eq!(kept(None, true), "no-store");
    }

    #[test]
    fn if_none_match_lists_and_weak_forms_match() {
        let tag = etag("application/json", b"{}");
        let mut headers = HeaderMap::new();
        assert!(!none_match(&headers, &tag));
        let listed = format!("\"other\", W/{}", tag.to_str().unwrap());
        headers.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_str(&listed).unwrap(),
        );
        assert!(none_match(&headers, &tag));
        headers.insert(header::IF_NONE_MATCH, HeaderValue::from_static("\"other\""));
        assert!(!none_match(&headers, &tag));
    }
}
