//! The binary: parse the command line, load the configuration, start logging, serve.

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use live_commerce_gateway::app::{Application, shutdown_signal};
use live_commerce_gateway::config::{Config, keys};
use live_commerce_gateway::{demo, graphql, simulator, telemetry};

/// One GraphQL API over the Caast and LiSA live-shopping providers.
///
/// With no provider configured it runs on its built-in simulated providers (the demo).
#[derive(Parser)]
#[command(version)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the gateway (the default).
    Serve,
    /// Serve the simulated Caast and LiSA providers alone, under /caast/v1 and /lisa/v1.
    Simulate(Box<simulator::SimulateArgs>),
    /// Print the schema's SDL (what schema/schema.graphql holds).
    PrintSchema,
    /// Exit 0 when the gateway at GATEWAY_LISTEN answers `/healthz` (a container health check
    /// in an image with no shell or curl).
    Healthcheck,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let matches = Cli::command().after_help(keys::help_table()).get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve().await,
        Command::Simulate(args) => simulator::run_standalone(*args).await,
        Command::PrintSchema => {
            print!("{}", graphql::sdl());
            Ok(())
        }
        Command::Healthcheck => healthcheck().await,
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{error:#}");
            std::process::ExitCode::from(2)
        }
    }
}

async fn serve() -> anyhow::Result<()> {
    let config = Config::from_env()?;
    let telemetry = telemetry::init(&config.log);
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", config.listen))?;
    let (config, simulator) = if config.demo {
        let gateway = listener.local_addr()?;
        let (config, running) = demo::start(config, gateway).await?;
        tracing::info!(caast = %running.caast_url(), lisa = %running.lisa_url(), "demo mode: simulated providers started");
        (config, Some(running))
    } else {
        (config, None)
    };
    let app = Application::build_on(listener, &config).await?;
    let addr = app.local_addr();
    println!("GraphQL:  http://{addr}/graphql");
    println!("GraphiQL: http://{addr}/graphql (open in a browser)");
    tracing::info!(%addr, demo = config.demo, "gateway listening");
    app.run_until(shutdown_signal()).await?;
    if let Some(simulator) = simulator {
        simulator.shutdown().await;
    }
    telemetry.shutdown();
    Ok(())
}

/// GETs `/healthz` on the configured address (an unspecified address means this host).
async fn healthcheck() -> anyhow::Result<()> {
    let mut addr = Config::from_env()?.listen;
    if addr.ip().is_unspecified() {
        addr.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
    }
    let response = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(3))
        .build()?
        .get(format!("http://{addr}/healthz"))
        .send()
        .await?;
    anyhow::ensure!(
        response.status().is_success(),
        "/healthz answered {}",
        response.status()
    );
    Ok(())
}
