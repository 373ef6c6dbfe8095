//! The GraphiQL page: markup that only loads files (no inline script), and a
//! Content-Security-Policy that lets it load them from the gateway's own origin, or, in the CDN
//! fallback, from that CDN too, each file pinned by its integrity hash.

use axum::http::{HeaderMap, header};

use super::assets::{Assets, CDN_ORIGIN, THIRD_PARTY, ThirdParty};

/// The page's HTML.
pub(crate) fn html(assets: &Assets) -> String {
    let tag = |file: &ThirdParty, element: fn(&str, &str) -> String| match assets.local {
        true => element(&assets.url(file.name), ""),
        false => element(
            file.cdn_url,
            &format!(r#" integrity="{}" crossorigin="anonymous""#, file.integrity),
        ),
    };
    let script = |src: &str, extra: &str| format!(r#"<script src="{src}"{extra}></script>"#);
    let style =
        |href: &str, extra: &str| format!(r#"<link rel="stylesheet" href="{href}"{extra}>"#);
    let [react, react_dom, graphiql, graphiql_css, graphql_ws] = &THIRD_PARTY;
    let lines = [
        "<!doctype html>".to_string(),
        r#"<html lang="en">"#.to_string(),
        "<head>".to_string(),
        r#"<meta charset="utf-8">"#.to_string(),
        r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#.to_string(),
        "<title>live-commerce-gateway · GraphiQL</title>".to_string(),
        tag(graphiql_css, style),
        style(&assets.url("app.css"), ""),
        "</head>".to_string(),
        "<body>".to_string(),
        r#"<div id="graphiql">Loading GraphiQL…</div>"#.to_string(),
        tag(react, script),
        tag(react_dom, script),
        tag(graphiql, script),
        tag(graphql_ws, script),
        script(&assets.url("app.js"), ""),
        "</body>".to_string(),
        "</html>".to_string(),
    ];
    lines.join("\n")
}

/// The page's policy: scripts only from files, everything from the gateway's own origin (and
/// the CDN in the fallback). Styles may be inline: GraphiQL's dialogs add a `<style>` element
/// whose text varies with the window's scrollbar, so no hash can name it. Fonts and small
/// images are `data:` URLs inside GraphiQL's CSS.
pub(crate) fn content_security_policy(assets: &Assets, request: &HeaderMap) -> String {
    let cdn = if assets.local { "" } else { CDN_ORIGIN };
    // `'self'` covers the same origin's WebSocket in current browsers; older ones need it named.
    let websocket = request
        .get(header::HOST)
        .and_then(|host| host.to_str().ok())
        .filter(|host| is_plain_authority(host))
        .map(|host| format!("ws://{host} wss://{host}"))
        .unwrap_or_default();
    [
        "default-src 'none'".to_string(),
        format!("script-src 'self' {cdn}"),
        format!("style-src 'self' 'unsafe-inline' {cdn}"),
        "img-src 'self' data:".to_string(),
        "font-src 'self' data:".to_string(),
        format!("connect-src 'self' {websocket}"),
        "base-uri 'none'".to_string(),
        "form-action 'none'".to_string(),
        "frame-ancestors 'none'".to_string(),
    ]
    .map(|directive| directive.trim_end().to_string())
    .join("; ")
}

/// A host and port, and nothing that could end or add a directive.
fn is_plain_authority(host: &str) -> bool {
    !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn the_page_has_no_inline_script_and_its_policy_names_only_its_sources() {
        let local = Assets::load(None);
        let page = html(&local);
        assert_eq!(page.matches("<script src=").count(), 5);
        assert!(!page.contains("<script>"), "no inline script");
        assert!(page.contains(CDN_ORIGIN), "no local files: the CDN");
        assert!(page.contains(r#"integrity="sha384-"#));
        let mut request = HeaderMap::new();
        request.insert(header::HOST, HeaderValue::from_static("127.0.0.1:4000"));
        let policy = content_security_policy(&local, &request);
        assert!(
            policy.contains("script-src 'self' https://unpkg.com;"),
            "{policy}"
        );
        assert!(policy.contains("connect-src 'self' ws://127.0.0.1:4000 wss://127.0.0.1:4000"));
        request.insert(header::HOST, HeaderValue::from_static("evil; script-src *"));
        let policy = content_security_policy(&local, &request);
        assert!(policy.contains("connect-src 'self'; base-uri"), "{policy}");
        assert!(!policy.contains("evil"));
    }
}
