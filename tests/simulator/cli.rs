//! The `simulate` subcommand's arguments turn into the configuration they name.

use std::time::Duration;

use clap::Parser;
use live_commerce_gateway::simulator::{SimulateArgs, WebhookAuth};

#[derive(Parser)]
struct Cli {
    #[command(flatten)]
    args: SimulateArgs,
}

#[test]
fn simulate_arguments_build_the_configuration() {
    let cli = Cli::parse_from([
        "simulate",
        "--listen",
        "127.0.0.1:4999",
        "--webhook-url",
        "http://127.0.0.1:4000/internal/webhooks/lisa",
        "--webhook-bearer",
        "secret",
        "--state-changes-every",
        "20s",
        "--latency",
        "20ms",
        "--latency-jitter",
        "5ms",
    ]);
    assert_eq!(cli.args.listen.port(), 4999);
    let config = cli.args.config().expect("valid arguments");
    assert_eq!(config.caast_app_id, "demo-caast-app-id");
    assert_eq!(config.state_changes_every, Some(Duration::from_secs(20)));
    assert_eq!(config.latency.fixed, Duration::from_millis(20));
    assert_eq!(config.latency.jitter, Duration::from_millis(5));
    let webhook = config.webhook.expect("a webhook target");
    assert!(matches!(webhook.auth, WebhookAuth::Bearer(ref t) if t == "secret"));
}

#[test]
fn basic_webhook_credentials_need_a_colon() {
    let cli = Cli::parse_from([
        "simulate",
        "--webhook-url",
        "http://x/",
        "--webhook-basic",
        "nocolon",
    ]);
    assert!(cli.args.config().is_err());
}
