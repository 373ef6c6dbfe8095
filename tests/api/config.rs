//! Start-up refuses bad configuration with one line naming the key, and never prints a secret.

use std::process::Command;

fn run_gateway(env: &[(&str, &str)]) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_live-commerce-gateway"));
    command
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default());
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("the binary runs")
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
fn a_provider_url_without_scheme_stops_start_up_without_echoing_the_secret() {
    let output = run_gateway(&[
        ("GATEWAY_LISA_URL", "api.hello-lisa.com/v1"),
        ("GATEWAY_LISA_API_KEY", "super-secret-key"),
    ]);
    let line = assert_refused_naming(&output, "GATEWAY_LISA_URL");
    assert!(!line.contains("super-secret-key"));
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
