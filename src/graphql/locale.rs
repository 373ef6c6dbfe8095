//! Which language a LiSA text is read in: the field's `locale` argument, else the request's
//! `Accept-Language`, else LiSA's `*` fallback. The raw maps stay available as translations.

use async_graphql::{Context, SimpleObject};
use axum::http::{HeaderMap, header};

use crate::graphql::execution::RequestContext;
use crate::providers::lisa::TextMap;

/// The locale a request prefers (its `Accept-Language`), read by the transport.
#[derive(Debug, Clone, Default)]
pub(crate) struct RequestLocale(pub Option<String>);

impl RequestLocale {
    /// The most preferred language tag of `Accept-Language` (highest `q`, first on ties), lower-cased.
    pub(crate) fn from_headers(headers: &HeaderMap) -> Self {
        let Some(value) = headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
        else {
            return Self(None);
        };
        let mut best: Option<(f32, String)> = None;
        for range in value.split(',') {
            let mut parts = range.split(';');
            let tag = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = parts
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                })
                .unwrap_or(1.0);
            if tag.is_empty() || tag == "*" || q <= 0.0 {
                continue;
            }
            if best.as_ref().is_none_or(|(best_q, _)| q > *best_q) {
                best = Some((q, tag));
            }
        }
        Self(best.map(|(_, tag)| tag))
    }
}

/// The locale to read a text in for this field.
fn locale<'a>(ctx: &Context<'a>, argument: Option<&'a str>) -> Option<&'a str> {
    argument.or_else(|| RequestContext::of(ctx).ok()?.locale())
}

/// A LiSA text in the locale asked for this field (see [`locale`]), borrowed from the item's
/// map: a field copies the one text it answers (as any string field does), never the map.
pub(crate) fn localized<'t>(
    ctx: &Context<'_>,
    texts: &'t TextMap,
    argument: Option<&str>,
) -> Option<&'t str> {
    texts.resolve(locale(ctx, argument))
}

/// A text in one language.
#[derive(SimpleObject, Clone, Debug)]
pub(crate) struct Translation {
    /// A lower-case locale (`en`, `de-de`…), or `*` for the fallback.
    pub(crate) locale: String,
    /// The text in that locale.
    pub(crate) text: String,
}

/// Every translation of a text map.
pub(crate) fn translations(texts: &TextMap) -> Vec<Translation> {
    texts
        .0
        .iter()
        .map(|(locale, text)| Translation {
            locale: locale.clone(),
            text: text.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    #[test]
    fn the_most_preferred_language_wins() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_static("en;q=0.5, de-DE, fr;q=0.8"),
        );
        assert_eq!(
            RequestLocale::from_headers(&headers).0.as_deref(),
            Some("de-de")
        );
        assert_eq!(RequestLocale::from_headers(&HeaderMap::new()).0, None);
    }
}
