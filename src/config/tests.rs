use std::collections::HashMap;

use secrecy::ExposeSecret;

use super::*;

fn env(pairs: &[(&str, &str)]) -> HashMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn error_line(pairs: &[(&str, &str)]) -> String {
    Config::load(env(pairs))
        .expect_err("configuration should be refused")
        .to_string()
}

#[test]
fn no_provider_means_demo_on_the_default_address() {
    let config = Config::load(env(&[])).unwrap();
    assert!(config.demo);
    assert_eq!(config.listen, "127.0.0.1:4000".parse().unwrap());
    assert!(config.caast.is_none() && config.lisa.is_none());
}

#[test]
fn one_provider_alone_is_a_real_deployment() {
    let config = Config::load(env(&[
        ("GATEWAY_LISA_URL", "https://lisa.example/v1"),
        ("GATEWAY_LISA_API_KEY", "k"),
    ]))
    .unwrap();
    assert!(!config.demo);
    assert!(config.caast.is_none());
    let lisa = config.lisa.unwrap();
    assert_eq!(lisa.api_key.expose_secret(), "k");
    assert_eq!(lisa.auth_header.as_str(), "authorization");
    assert_eq!(lisa.auth_scheme, "ApiKey");
}

#[test]
fn demo_can_be_forced_over_configured_providers() {
    let config = Config::load(env(&[
        ("GATEWAY_LISA_URL", "https://lisa.example/v1"),
        ("GATEWAY_LISA_API_KEY", "k"),
        ("GATEWAY_DEMO", "true"),
    ]))
    .unwrap();
    assert!(config.demo);
}

#[test]
fn an_unparsable_address_names_the_key() {
    let line = error_line(&[("GATEWAY_LISTEN", "not-an-address")]);
    assert!(line.contains("GATEWAY_LISTEN"), "{line}");
    assert!(!line.contains('\n'));
}

#[test]
fn a_url_without_scheme_names_the_key() {
    let line = error_line(&[
        ("GATEWAY_CAAST_URL", "api.caast.tv/v1"),
        ("GATEWAY_CAAST_APP_ID", "a"),
        ("GATEWAY_CAAST_APP_KEY", "b"),
    ]);
    assert!(line.contains("GATEWAY_CAAST_URL"), "{line}");
}

#[test]
fn a_provider_url_needs_its_credentials() {
    let line = error_line(&[("GATEWAY_CAAST_URL", "https://api.caast.tv/v1")]);
    assert!(line.contains("GATEWAY_CAAST_APP_ID"), "{line}");
}

#[test]
fn a_secret_is_never_echoed_even_when_it_is_the_bad_value() {
    let line = error_line(&[("GATEWAY_LOG_FORMAT", "yaml-and-s3cr3t")]);
    assert!(
        line.contains("yaml-and-s3cr3t"),
        "non-secrets are echoed to help: {line}"
    );
    let config = Config::load(env(&[("GATEWAY_OPERATOR_TOKEN", "s3cr3t-token")])).unwrap();
    assert!(!format!("{config:?}").contains("s3cr3t-token"));
}

#[test]
fn the_toml_file_is_read_and_the_environment_wins() {
    let dir = std::env::temp_dir().join(format!("lcg-config-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("gateway.toml");
    std::fs::write(&path, "listen = \"127.0.0.1:4999\"\n[lisa]\nurl = \"http://127.0.0.1:9/v1\"\napi_key = \"k\"\ntimeout = \"2s\"\n")
        .unwrap();
    let path = path.to_str().unwrap();
    let config = Config::load(env(&[
        ("GATEWAY_CONFIG", path),
        ("GATEWAY_LISA_TIMEOUT", "3s"),
    ]))
    .unwrap();
    assert_eq!(config.listen.port(), 4999);
    assert_eq!(
        config.lisa.unwrap().timeout,
        std::time::Duration::from_secs(3)
    );
}

#[test]
fn an_unknown_toml_key_names_the_key() {
    let dir = std::env::temp_dir().join(format!("lcg-config-unknown-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("gateway.toml");
    std::fs::write(&path, "[caast]\nurll = \"http://127.0.0.1:9/v1\"\n").unwrap();
    let line = error_line(&[("GATEWAY_CONFIG", path.to_str().unwrap())]);
    assert!(line.contains("caast.urll"), "{line}");
}

#[test]
fn a_concurrency_limit_outside_its_range_names_the_key() {
    for bad in ["0", "-1", "many", "5000"] {
        let line = error_line(&[
            ("GATEWAY_LISA_URL", "https://lisa.example/v1"),
            ("GATEWAY_LISA_API_KEY", "k"),
            ("GATEWAY_LISA_MAX_CONCURRENCY", bad),
        ]);
        assert!(line.contains("GATEWAY_LISA_MAX_CONCURRENCY"), "{line}");
    }
    let config = Config::load(env(&[
        ("GATEWAY_LISA_URL", "https://lisa.example/v1"),
        ("GATEWAY_LISA_API_KEY", "k"),
        ("GATEWAY_LISA_MAX_CONCURRENCY", "4"),
    ]))
    .unwrap();
    assert_eq!(config.lisa.unwrap().max_concurrency, 4);
    let line = error_line(&[
        ("GATEWAY_LISA_URL", "https://lisa.example/v1"),
        ("GATEWAY_LISA_API_KEY", "k"),
        ("GATEWAY_LISA_MIN_CONCURRENCY", "8"),
        ("GATEWAY_LISA_MAX_CONCURRENCY", "4"),
    ]);
    assert!(
        line.contains("GATEWAY_LISA_MIN_CONCURRENCY") && line.contains("(4)"),
        "the least may not exceed the most: {line}"
    );
}

#[test]
fn the_loader_delay_may_be_zero_but_not_long() {
    let config = Config::load(env(&[("GATEWAY_LOADER_DELAY", "0s")])).unwrap();
    assert_eq!(config.loader_delay, Duration::ZERO);
    let config = Config::load(env(&[("GATEWAY_LOADER_DELAY", "250us")])).unwrap();
    assert_eq!(config.loader_delay, Duration::from_micros(250));
    let line = error_line(&[("GATEWAY_LOADER_DELAY", "2s")]);
    assert!(line.contains("GATEWAY_LOADER_DELAY"), "{line}");
}

#[test]
fn a_graphiql_folder_must_hold_the_files_and_cdn_names_the_fallback() {
    let line = error_line(&[("GATEWAY_GRAPHIQL_ASSETS", "/nonexistent/node_modules")]);
    assert!(line.contains("GATEWAY_GRAPHIQL_ASSETS"), "{line}");
    assert!(line.contains("npm ci"), "{line}");
    let cdn = Config::load(env(&[("GATEWAY_GRAPHIQL_ASSETS", "cdn")])).unwrap();
    assert_eq!(cdn.graphiql_assets, GraphiqlAssets::Cdn);
    let default = Config::load(env(&[])).unwrap();
    assert_eq!(
        default.graphiql_assets,
        GraphiqlAssets::Default("web/graphiql/node_modules".into())
    );
}

#[test]
fn demo_false_with_no_provider_refuses_to_start_and_says_what_to_set() {
    let line = error_line(&[("GATEWAY_DEMO", "false")]);
    assert!(line.contains("GATEWAY_DEMO"), "{line}");
    assert!(
        line.contains("GATEWAY_CAAST_URL") && line.contains("GATEWAY_LISA_URL"),
        "{line}"
    );
}

#[test]
fn provider_credentials_without_their_url_refuse_to_start_instead_of_the_demo() {
    let line = error_line(&[("GATEWAY_LISA_API_KEY", "k")]);
    assert!(
        line.contains("GATEWAY_LISA_URL") && line.contains("GATEWAY_LISA_API_KEY"),
        "{line}"
    );
    let line = error_line(&[
        ("GATEWAY_LISA_URL", "https://lisa.example/v1"),
        ("GATEWAY_LISA_API_KEY", "k"),
        ("GATEWAY_CAAST_APP_KEY", "s3cr3t"),
    ]);
    assert!(line.contains("GATEWAY_CAAST_URL"), "{line}");
    assert!(!line.contains("s3cr3t"), "{line}");
}

#[test]
fn settings_that_name_no_provider_still_run_the_demo() {
    let config = Config::load(env(&[
        ("GATEWAY_LISTEN", "127.0.0.1:0"),
        ("GATEWAY_OPERATOR_TOKEN", "demo-operator"),
    ]))
    .unwrap();
    assert!(config.demo);
}

#[test]
fn a_configuration_changed_in_code_is_checked_by_the_rules_load_applies() {
    let lisa = [
        ("GATEWAY_LISA_URL", "https://lisa.example/v1"),
        ("GATEWAY_LISA_API_KEY", "k"),
    ];
    let loaded = Config::load(env(&lisa)).unwrap();
    assert!(loaded.check().is_ok(), "what load accepts, check accepts");

    let mut slow_provider = loaded.clone();
    slow_provider.lisa.as_mut().unwrap().timeout = slow_provider.limits.request_timeout;
    let line = slow_provider.check().unwrap_err().to_string();
    assert!(
        line.contains("GATEWAY_REQUEST_TIMEOUT") && line.contains("GATEWAY_LISA_TIMEOUT"),
        "{line}"
    );

    let mut inverted = loaded;
    let bounds = inverted.lisa.as_mut().unwrap();
    (bounds.min_concurrency, bounds.max_concurrency) = (8, 4);
    let line = inverted.check().unwrap_err().to_string();
    assert!(
        line.contains("GATEWAY_LISA_MIN_CONCURRENCY") && line.contains("(4)"),
        "{line}"
    );
}
