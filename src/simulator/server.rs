//! Serving a simulator on a socket: port 0 for tests, a fixed address for the demo.
//! The handle keeps the addresses and stops the server (and the timer) on shutdown.

use std::collections::HashMap;
use std::net::SocketAddr;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use url::Url;

use super::config::SimulatorConfig;
use super::sim::Simulator;
use super::timer;

/// A simulator serving in the background. Dropping it stops the server too.
pub struct RunningSimulator {
    pub addr: SocketAddr,
    pub simulator: Simulator,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<()>>,
    timer: Option<JoinHandle<()>>,
}

impl Simulator {
    /// Bind 127.0.0.1 on a free port and serve there (see [`Simulator::serve`]).
    pub async fn spawn(config: SimulatorConfig) -> std::io::Result<RunningSimulator> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        Self::new(config).serve(listener)
    }

    /// Serve this simulator on `listener` in a spawned task, and start the state-change
    /// timer if configured.
    pub fn serve(self, listener: TcpListener) -> std::io::Result<RunningSimulator> {
        let addr = listener.local_addr()?;
        let (shutdown, signal) = oneshot::channel::<()>();
        let app = self.router();
        let server = tokio::spawn(async move {
            let serving = axum::serve(listener, app).with_graceful_shutdown(async {
                let _ = signal.await;
            });
            if let Err(e) = serving.await {
                tracing::error!(error = %e, "simulator server stopped");
            }
        });
        let timer = self
            .shared
            .config
            .state_changes_every
            .map(|every| timer::spawn(self.clone(), every));
        Ok(RunningSimulator {
            addr,
            simulator: self,
            shutdown: Some(shutdown),
            server: Some(server),
            timer,
        })
    }
}

impl RunningSimulator {
    pub fn base_url(&self) -> Url {
        Url::parse(&format!("http://{}/", self.addr)).expect("a socket address makes a valid URL")
    }

    /// `http://addr/caast/v1`
    pub fn caast_url(&self) -> Url {
        self.base_url().join("caast/v1").expect("static path")
    }

    /// `http://addr/lisa/v1`
    pub fn lisa_url(&self) -> Url {
        self.base_url().join("lisa/v1").expect("static path")
    }

    /// The environment of a gateway on a free loopback port that calls this simulator: both
    /// providers' URLs and the credentials the simulator accepts. Tests and benchmarks add
    /// their own keys.
    pub fn gateway_env(&self) -> HashMap<String, String> {
        use crate::config::keys;
        let config = self.simulator.config();
        [
            (keys::LISTEN.env, "127.0.0.1:0".to_string()),
            (keys::CAAST_URL.env, self.caast_url().to_string()),
            (keys::CAAST_APP_ID.env, config.caast_app_id.clone()),
            (keys::CAAST_APP_KEY.env, config.caast_app_key.clone()),
            (keys::LISA_URL.env, self.lisa_url().to_string()),
            (keys::LISA_API_KEY.env, config.lisa_api_key.clone()),
        ]
        .into_iter()
        .map(|(key, value)| (key.to_string(), value))
        .collect()
    }

    /// Stop the timer, then the server, waiting for in-flight requests to finish.
    pub async fn shutdown(mut self) {
        if let Some(timer) = self.timer.take() {
            timer.abort();
        }
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(server) = self.server.take() {
            let _ = server.await;
        }
    }
}

impl Drop for RunningSimulator {
    fn drop(&mut self) {
        if let Some(timer) = self.timer.take() {
            timer.abort();
        }
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}
