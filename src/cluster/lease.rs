//! The Caast poller's lease: one Redis key naming the replica that polls, kept alive by each of
//! its rounds. Another replica takes it only once it has lapsed (a holder that stopped polling,
//! or died), so one replica polls at a time.

use std::time::Duration;

use futures::future::BoxFuture;
use redis::aio::ConnectionManager;

use super::{Channels, KindLabel};
use crate::events::caast_poller::PollLease;

/// Takes the lease if it is free, renews it if this replica holds it.
const HOLD: &str = r"
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return 1
end
return 0
";

/// A lease lasts this many poll intervals, and never less than `SHORTEST`, so that a slow
/// round does not let it lapse while its holder still polls.
const INTERVALS: u32 = 3;
const SHORTEST: Duration = Duration::from_secs(5);

pub(crate) struct PollerLease {
    commands: ConnectionManager,
    key: String,
    replica: String,
    lasts: Duration,
    script: redis::Script,
}

impl PollerLease {
    pub(super) fn new(
        commands: ConnectionManager,
        channels: &Channels,
        interval: Duration,
    ) -> Self {
        Self {
            commands,
            key: format!("{}:caast-poller", channels.prefix),
            replica: channels.replica.clone(),
            lasts: (interval * INTERVALS).max(SHORTEST),
            script: redis::Script::new(HOLD),
        }
    }

    async fn take_or_renew(&self) -> bool {
        let held: redis::RedisResult<i64> = self
            .script
            .key(&self.key)
            .arg(&self.replica)
            .arg(self.lasts.as_millis() as u64)
            .invoke_async(&mut self.commands.clone())
            .await;
        match held {
            Ok(held) => held == 1,
            Err(error) => {
                tracing::warn!(
                    error = error.kind_label(),
                    "the poller's lease could not be checked: not polling"
                );
                false
            }
        }
    }
}

impl PollLease for PollerLease {
    fn hold(&self) -> BoxFuture<'_, bool> {
        Box::pin(self.take_or_renew())
    }
}
