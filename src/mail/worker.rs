//! The outbox worker: claims due messages, composes and sends them, marks them sent,
//! and retries failures with exponential backoff. Clock-driven work that queues
//! messages (offers, reminders) is a job in [`crate::jobs`], which wakes this worker.

use std::sync::Arc;
use std::time::Duration;

use lettre::message::Mailbox;
use tokio::sync::{Notify, watch};

use super::Transport;
use super::compose::{Batch, Context, Failure, compose};
use crate::config::MailSettings;
use crate::db::Db;
use crate::db::outbox::OutboxItem;
use crate::secret::Secret;

/// How many messages one claim takes.
const BATCH: i64 = 200;
/// After a wake-up, wait this long so a burst of changes goes out as one batch (one
/// claim and one "sent" write instead of two per message).
const GATHER: Duration = Duration::from_millis(100);

/// Everything the worker needs.
pub struct Worker {
    pub db: Db,
    pub transport: Transport,
    pub settings: MailSettings,
    pub base_url: String,
    pub secret: Secret,
    /// Woken when this server queues a message, so it leaves at once.
    pub wake: Arc<Notify>,
}

/// The wait before attempt `attempts + 1`: base × 2^(attempts − 1), at most `max`.
pub fn backoff(attempts: u32, base: Duration, max: Duration) -> Duration {
    let factor = 2u32.saturating_pow(attempts.saturating_sub(1).min(20));
    base.saturating_mul(factor).min(max)
}

impl Worker {
    /// Runs until `stop` turns true; the batch in hand is finished first.
    pub async fn run(self, mut stop: watch::Receiver<bool>) {
        let from: Mailbox = match self.settings.from.parse() {
            Ok(from) => from,
            Err(error) => {
                tracing::error!(%error, from = %self.settings.from, "invalid sender address; no email is sent");
                return;
            }
        };
        tracing::info!(transport = %self.transport.describe(), "outbox worker started");
        loop {
            if *stop.borrow() {
                break;
            }
            let sent = match self.send_due(&from).await {
                Ok(n) => n,
                Err(error) => {
                    tracing::warn!(error = format!("{error:#}"), "outbox round failed");
                    0
                }
            };
            if sent == 0 {
                tokio::select! {
                    () = self.wake.notified() => {
                        tokio::time::sleep(GATHER.min(self.settings.poll)).await;
                    },
                    () = tokio::time::sleep(self.settings.poll) => {},
                    // A dropped sender means the server is gone: stop rather than spin.
                    changed = stop.changed() => if changed.is_err() { break },
                }
            }
        }
        tracing::info!("outbox worker stopped");
    }

    /// Claims one batch and sends it. Returns how many messages it handled.
    pub async fn send_due(&self, from: &Mailbox) -> anyhow::Result<usize> {
        let now = crate::time::now();
        let lease = chrono::Duration::from_std(self.settings.lease)?;
        let items = self.db.claim_outbox(now, now + lease, BATCH).await?;
        if items.is_empty() {
            return Ok(0);
        }
        let cx = Context {
            db: &self.db,
            secret: &self.secret,
            base_url: &self.base_url,
            from,
        };
        let mut batch = Batch::load(&self.db, &items).await?;
        let mut sent = Vec::with_capacity(items.len());
        for item in &items {
            let outcome = match compose(&cx, &mut batch, item).await {
                Ok(message) => self
                    .transport
                    .send(&item.message_id, &message)
                    .await
                    .map_err(Failure::Retry),
                Err(failure) => Err(failure),
            };
            match outcome {
                Ok(()) => sent.push(item.id),
                // Not `?`: the messages sent before this one must still be marked
                // sent below, or they would go out again when the lease ends.
                Err(failure) => {
                    if let Err(error) = self.failed(item, failure).await {
                        tracing::warn!(
                            id = item.id,
                            error = format!("{error:#}"),
                            "recording a failed send failed; the lease retries it"
                        );
                    }
                }
            }
        }
        self.db.mark_sent(&sent, crate::time::now()).await?;
        metrics::counter!("outbox_sent_total").increment(sent.len() as u64);
        Ok(items.len())
    }

    /// Records a message that was not sent: given up at once when it never can be,
    /// after `max_attempts` otherwise, else retried after the backoff.
    async fn failed(&self, item: &OutboxItem, failure: Failure) -> anyhow::Result<()> {
        let attempts = u32::try_from(item.attempts).unwrap_or(0);
        let now = crate::time::now();
        let wait = backoff(attempts, self.settings.retry_base, self.settings.retry_max);
        let (error, permanent) = match failure {
            Failure::Permanent(reason) => (reason, true),
            Failure::Retry(error) => (format!("{error:#}"), false),
        };
        let error = error.as_str();
        let give_up = permanent || attempts >= self.settings.max_attempts;
        if permanent {
            tracing::error!(id = item.id, kind = %item.kind, error, "email can never be sent; marked failed");
            metrics::counter!("outbox_failed_total").increment(1);
        } else if give_up {
            tracing::error!(id = item.id, kind = %item.kind, attempts, error, "email given up");
            metrics::counter!("outbox_failed_total").increment(1);
        } else {
            tracing::warn!(id = item.id, kind = %item.kind, attempts, error, retry_in_secs = wait.as_secs(), "email not sent; will retry");
            metrics::counter!("outbox_retries_total").increment(1);
        }
        self.db
            .mark_attempt_failed(
                item.id,
                error,
                now + chrono::Duration::from_std(wait)?,
                give_up.then_some(now),
            )
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_maximum() {
        let base = Duration::from_secs(10);
        let max = Duration::from_secs(3600);
        assert_eq!(backoff(1, base, max), Duration::from_secs(10));
        assert_eq!(backoff(2, base, max), Duration::from_secs(20));
        assert_eq!(backoff(4, base, max), Duration::from_secs(80));
        assert_eq!(backoff(30, base, max), max);
        assert_eq!(backoff(0, base, max), base);
    }
}
