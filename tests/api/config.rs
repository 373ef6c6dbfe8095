//! Start-up refuses bad configuration with one line naming the key, and never prints a secret.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs the binary with only `env`; a start-up that does not stop within 30 s fails the test
/// (a regression that let bad configuration through would otherwise hang here, serving).
fn run_gateway(env: &[(&str, &str)]) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_live-commerce-gateway"));
    command
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default());
    command.env("GATEWAY_LISTEN", "127.0.0.1:0");
    for (key, value) in env {
        command.env(key, value);
    }
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let deadline = Instant::now() + Duration::from_secs(30);
    while child.try_wait().expect("the child can be polled").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("start-up did not stop on bad configuration");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output is readable")
}

fn assert_refused_naming(output: &std::process::Output, key: &str) -> String {
    assert!(!output.status.success(), "start-up must fail");
    let stderr = String::from_utf8_lossy(&output.stderr).trim().to_string();
    assert_eq!(stderr.lines().count(), 1, "one clear line: {stderr}");
    assert!(stderr.contains(key), "the line names {key}: {stderr}");
    stderr
}

#[test]
fn an_unparsable_listen_address_stops_start_up() {
    let output = run_gateway(&[("GATEWAY_LISTEN", "localhost")]);
    assert_refused_naming(&output, "GATEWAY_LISTEN");
}

#[test]
fn a_provider_url_without_scheme_stops_start_up() {
    let output = run_gateway(&[
        ("GATEWAY_LISA_URL", "api.hello-lisa.com/v1"),
        ("GATEWAY_LISA_API_KEY", "key"),
    ]);
    assert_refused_naming(&output, "GATEWAY_LISA_URL");
}

#[test]
fn demo_false_with_no_provider_refuses_to_start_instead_of_simulating() {
    let output = run_gateway(&[("GATEWAY_DEMO", "false")]);
    let line = assert_refused_naming(&output, "GATEWAY_DEMO");
    assert!(
        line.contains("GATEWAY_LISA_URL"),
        "says what to set: {line}"
    );
}

#[test]
fn a_forgotten_provider_url_refuses_to_start_instead_of_simulating() {
    let output = run_gateway(&[
        ("GATEWAY_CAAST_APP_ID", "app"),
        ("GATEWAY_CAAST_APP_KEY", "key"),
    ]);
    assert_refused_naming(&output, "GATEWAY_CAAST_URL");
}

#[test]
fn a_bad_secret_is_named_but_never_echoed() {
    let secret = "super-secret-key\u{7f}";
    let output = run_gateway(&[
        ("GATEWAY_LISA_URL", "https://api.hello-lisa.com/v1"),
        ("GATEWAY_LISA_API_KEY", secret),
    ]);
    let line = assert_refused_naming(&output, "GATEWAY_LISA_API_KEY");
    assert!(!line.contains("super-secret-key"), "{line}");
}

#[test]
fn a_bad_log_filter_stops_start_up() {
    let output = run_gateway(&[("RUST_LOG", "info,[[[")]);
    assert_refused_naming(&output, "RUST_LOG");
}

#[test]
fn an_unknown_toml_key_stops_start_up() {
    let dir = std::env::temp_dir().join(format!("lcg-bad-toml-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("gateway.toml");
    std::fs::write(&path, "listen = \"127.0.0.1:0\"\nlisten_port = 4000\n").unwrap();
    let output = run_gateway(&[("GATEWAY_CONFIG", path.to_str().unwrap())]);
    assert_refused_naming(&output, "listen_port");
}

#[test]
fn help_documents_every_configuration_key() {
    let output = Command::new(env!("CARGO_BIN_EXE_live-commerce-gateway"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&output.stdout);
    for key in live_commerce_gateway::config::keys::ALL {
        assert!(help.contains(key.env), "--help documents {}", key.env);
    }
}

#[test]
fn the_operating_guide_documents_every_configuration_key() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/operating.md")).unwrap();
    for key in live_commerce_gateway::config::keys::ALL {
        assert!(
            readme.contains(&format!("`{}`", key.env)),
            "docs/operating.md documents {}",
            key.env
        );
        if !key.toml.is_empty() {
            assert!(
                readme.contains(&format!("`{}`", key.toml)),
                "docs/operating.md documents the TOML key {}",
                key.toml
            );
        }
    }
}
