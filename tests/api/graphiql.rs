//! GraphiQL served by the gateway: the page loads only files, from the gateway itself when
//! they are installed (else from the CDN, pinned by integrity), under a strict policy.

use std::path::PathBuf;

use live_commerce_gateway::config::GraphiqlAssets;

use crate::helpers::TestGateway;

/// A folder shaped like `web/graphiql/node_modules`, each file holding its own path.
fn installed_assets() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("graphiql-{}", uuid::Uuid::new_v4()));
    for path in [
        "react/umd/react.production.min.js",
        "react-dom/umd/react-dom.production.min.js",
        "graphiql/graphiql.min.js",
        "graphiql/graphiql.min.css",
        "graphql-ws/umd/graphql-ws.min.js",
    ] {
        let file = dir.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, path).unwrap();
    }
    dir
}

async fn gateway_with_assets(assets: GraphiqlAssets) -> TestGateway {
    TestGateway::builder()
        .with(|config| config.graphiql_assets = assets)
        .start()
        .await
}

/// `GET /graphql` as a browser asks it (`accept`): the page's policy and its HTML.
async fn page(gateway: &TestGateway, accept: &str) -> (String, String) {
    let response = gateway
        .http
        .get(format!("{}/graphql", gateway.url))
        .header("accept", accept)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let policy = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    (policy, response.text().await.unwrap())
}

/// The `src` and `href` values the page loads.
fn loaded(html: &str) -> Vec<String> {
    html.split(['"'])
        .collect::<Vec<_>>()
        .windows(2)
        .filter(|pair| pair[0].ends_with("src=") || pair[0].ends_with("href="))
        .map(|pair| pair[1].to_string())
        .collect()
}

#[tokio::test]
async fn a_browser_gets_graphiql_on_get_graphql() {
    let gateway = TestGateway::builder().start().await;
    let (_, html) = page(&gateway, "text/html").await;
    assert!(html.to_lowercase().contains("graphiql"));
}

#[tokio::test]
async fn installed_files_are_served_by_the_gateway_and_nothing_else_is_allowed() {
    let dir = installed_assets();
    let gateway = gateway_with_assets(GraphiqlAssets::Folder(dir.clone())).await;
    let (policy, html) = page(&gateway, "text/html,application/xhtml+xml").await;
    assert!(!html.contains("<script>"), "no inline script");
    assert!(policy.contains("default-src 'none'"), "{policy}");
    assert!(policy.contains("script-src 'self';"), "{policy}");
    assert!(!policy.contains("unpkg"), "{policy}");
    let urls = loaded(&html);
    assert_eq!(urls.len(), 7, "{urls:?}");
    for url in &urls {
        assert!(url.starts_with("/graphiql/assets/"), "{url}");
        let response = gateway.get(url).await;
        assert_eq!(response.status(), 200, "{url}");
        let cache = response.headers()["cache-control"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(cache.contains("immutable"), "{url}: {cache}");
        let body = response.text().await.unwrap();
        if url.ends_with("graphiql.min.js") {
            assert_eq!(
                body, "graphiql/graphiql.min.js",
                "the installed file itself"
            );
        }
    }
    let version = urls[0].split('/').nth(3).unwrap();
    for missing in [
        format!("/graphiql/assets/{version}/package.json"),
        "/graphiql/assets/0000000000000000/app.js".to_string(),
        format!("/graphiql/assets/{version}/..%2F..%2FCargo.toml"),
    ] {
        assert_eq!(gateway.get(&missing).await.status(), 404, "{missing}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn without_installed_files_the_page_loads_them_from_the_cdn_pinned_by_integrity() {
    let gateway = gateway_with_assets(GraphiqlAssets::Cdn).await;
    let (policy, html) = page(&gateway, "text/html,application/xhtml+xml").await;
    assert!(
        policy.contains("script-src 'self' https://unpkg.com;"),
        "{policy}"
    );
    let urls = loaded(&html);
    let cdn: Vec<&String> = urls
        .iter()
        .filter(|u| u.starts_with("https://unpkg.com/"))
        .collect();
    assert_eq!(cdn.len(), 5, "{urls:?}");
    assert_eq!(html.matches("integrity=\"sha384-").count(), 5);
    assert!(
        urls.iter()
            .any(|u| u.starts_with("/graphiql/assets/") && u.ends_with("/app.js"))
    );
}
