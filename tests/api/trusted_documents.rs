//! Trusted-documents mode: only the manifest's documents run, whether sent as text or by hash;
//! anything else is `TRUSTED_DOCUMENT_REQUIRED`, and nothing new can be registered.

use std::sync::Arc;

use live_commerce_gateway::config::trusted_documents::{TrustedDocuments, sha256};
use live_commerce_gateway::config::{Config, TrustedMode};
use serde_json::{Value, json};

use crate::helpers::{TestGateway, error_codes};

const TRUSTED: &str = "query Shows { liveContents(first: 2) { edges { node { id } } } }";
const OTHER: &str = "{ liveContents(first: 1) { totalCount } }";

/// The trusted documents of a manifest holding `TRUSTED` (id -> document format), and whether
/// only they run.
fn trusted(only: bool) -> TrustedMode {
    let manifest = json!({ "shows-v1": TRUSTED }).to_string();
    let documents = TrustedDocuments::parse(&manifest).expect("the manifest reads");
    TrustedMode {
        documents: Some(Arc::new(documents)),
        only,
    }
}

async fn ask(gateway: &TestGateway, body: Value) -> (u16, Value) {
    let response = gateway.post(&body).await;
    (response.status().as_u16(), response.json().await.unwrap())
}

fn by_hash(hash: &str) -> Value {
    json!({ "persistedQuery": { "version": 1, "sha256Hash": hash } })
}

#[tokio::test]
async fn only_trusted_documents_run_as_text_or_by_hash() {
    let gateway = TestGateway::builder()
        .with(|config| config.trusted = trusted(true))
        .start()
        .await;
    let (status, answer) = ask(&gateway, json!({ "query": TRUSTED })).await;
    assert_eq!(status, 200, "{answer}");
    assert!(answer.get("errors").is_none(), "{answer}");
    let (status, answer) = ask(&gateway, json!({ "extensions": by_hash(&sha256(TRUSTED)) })).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        answer["data"]["liveContents"]["edges"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );

    let refused = [
        json!({ "query": OTHER }),
        json!({ "extensions": by_hash(&sha256(OTHER)) }),
        json!({ "query": OTHER, "extensions": by_hash(&sha256(OTHER)) }),
    ];
    for body in refused {
        let (status, answer) = ask(&gateway, body.clone()).await;
        assert_eq!(
            (status, error_codes(&answer)),
            (400, vec!["TRUSTED_DOCUMENT_REQUIRED".to_string()]),
            "{body}"
        );
    }
    let (_, answer) = ask(&gateway, json!({ "extensions": by_hash(&sha256(OTHER)) })).await;
    assert_eq!(
        error_codes(&answer),
        ["TRUSTED_DOCUMENT_REQUIRED"],
        "nothing was registered"
    );
}

#[tokio::test]
async fn a_manifest_without_the_mode_serves_its_documents_by_hash_and_runs_the_rest() {
    let gateway = TestGateway::builder()
        .with(|config| config.trusted = trusted(false))
        .start()
        .await;
    let (status, answer) = ask(&gateway, json!({ "extensions": by_hash(&sha256(TRUSTED)) })).await;
    assert_eq!(status, 200, "{answer}");
    assert!(
        answer.get("errors").is_none(),
        "known by hash without registering: {answer}"
    );
    let (_, answer) = ask(&gateway, json!({ "query": OTHER })).await;
    assert!(answer.get("errors").is_none(), "{answer}");
}

#[test]
fn the_mode_needs_a_manifest_and_a_bad_manifest_stops_start_up() {
    let load = |pairs: &[(&str, &str)]| {
        let env = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::load(env).map(|_| ()).unwrap_err().to_string()
    };
    let error = load(&[("GATEWAY_TRUSTED_DOCUMENTS_ONLY", "true")]);
    assert!(error.contains("GATEWAY_TRUSTED_DOCUMENTS"), "{error}");
    let bad = std::env::temp_dir().join(format!("trusted-bad-{}.json", std::process::id()));
    std::fs::write(&bad, "[1, 2]").unwrap();
    let error = load(&[("GATEWAY_TRUSTED_DOCUMENTS", bad.to_str().unwrap())]);
    assert!(
        error.contains("GATEWAY_TRUSTED_DOCUMENTS") && error.contains("manifest"),
        "{error}"
    );
}
