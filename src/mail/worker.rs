//! The outbox worker: claims due messages, composes and sends them, marks them sent,
//! and retries failures with exponential backoff. It also runs the clock-driven jobs
//! that queue messages: expiring offers and reminders.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use lettre::message::Mailbox;
use tokio::sync::{Notify, watch};

use super::{
    AccountMail, MailActivity, MailInput, MailRegistration, Transport, compose, compose_account,
};
use crate::config::MailSettings;
use crate::db::Db;
use crate::db::outbox::OutboxItem;
use crate::db::registration::MailKind;
use crate::i18n::Lang;
use crate::secret::Secret;

/// How many messages one claim takes.
const BATCH: i64 = 200;
/// After a wake-up, wait this long so a burst of changes goes out as one batch (one
/// claim and one "sent" write instead of two per message).
const GATHER: Duration = Duration::from_millis(100);
/// How often offers are expired and reminders queued.
const HOUSEKEEPING: Duration = Duration::from_secs(30);

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
        let mut last_housekeeping: Option<std::time::Instant> = None;
        loop {
            if *stop.borrow() {
                break;
            }
            if last_housekeeping.is_none_or(|t| t.elapsed() >= HOUSEKEEPING) {
                last_housekeeping = Some(std::time::Instant::now());
                self.housekeeping().await;
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
                    _ = stop.changed() => {},
                }
            }
        }
        tracing::info!("outbox worker stopped");
    }

    async fn housekeeping(&self) {
        let now = crate::db::now();
        match self.db.expire_offers(now).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(expired = n, "offers expired and moved on"),
            Err(error) => tracing::warn!(%error, "expiring offers failed"),
        }
        match self
            .db
            .queue_reminders(now, self.settings.reminder_days)
            .await
        {
            Ok(0) => {}
            Ok(n) => tracing::info!(queued = n, "reminders queued"),
            Err(error) => tracing::warn!(%error, "queueing reminders failed"),
        }
        match self.db.purge_expired_sign_ins(now).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(removed = n, "expired sessions and sign-in links removed"),
            Err(error) => tracing::warn!(%error, "removing expired sign-ins failed"),
        }
        match self.db.anonymise_ended(now).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(anonymised = n, "registrations past retention anonymised"),
            Err(error) => tracing::warn!(%error, "anonymising registrations failed"),
        }
    }

    /// Claims one batch and sends it. Returns how many messages it handled.
    pub async fn send_due(&self, from: &Mailbox) -> anyhow::Result<usize> {
        let now = crate::db::now();
        let lease = chrono::Duration::from_std(self.settings.lease)?;
        let items = self.db.claim_outbox(now, now + lease, BATCH).await?;
        if items.is_empty() {
            return Ok(0);
        }
        let mut activities: HashMap<i64, Option<MailActivity>> = HashMap::new();
        let mut ids: Vec<i64> = items.iter().filter_map(|i| i.registration_id).collect();
        ids.sort_unstable();
        ids.dedup();
        let registrations = self.db.mail_registrations(&ids).await?;
        let mut sent = Vec::with_capacity(items.len());
        for item in &items {
            match self
                .send_one(item, from, &mut activities, &registrations)
                .await
            {
                Ok(()) => sent.push(item.id),
                // Not `?`: the messages sent before this one must still be marked
                // sent below, or they would go out again when the lease ends.
                Err(error) => {
                    if let Err(failure) = self.failed(item, &format!("{error:#}")).await {
                        tracing::warn!(
                            id = item.id,
                            error = format!("{failure:#}"),
                            "recording a failed send failed; the lease retries it"
                        );
                    }
                }
            }
        }
        self.db.mark_sent(&sent, crate::db::now()).await?;
        metrics::counter!("outbox_sent_total").increment(sent.len() as u64);
        Ok(items.len())
    }

    async fn send_one(
        &self,
        item: &OutboxItem,
        from: &Mailbox,
        activities: &mut HashMap<i64, Option<MailActivity>>,
        registrations: &HashMap<i64, MailRegistration>,
    ) -> anyhow::Result<()> {
        let kind = MailKind::parse(&item.kind)
            .ok_or_else(|| anyhow::anyhow!("unknown outbox kind {:?}", item.kind))?;
        if matches!(kind, MailKind::SignIn | MailKind::Invitation) {
            return self.send_account_mail(kind, item, from).await;
        }
        let activity_id = item
            .activity_id
            .ok_or_else(|| anyhow::anyhow!("outbox message without activity"))?;
        if let std::collections::hash_map::Entry::Vacant(entry) = activities.entry(activity_id) {
            entry.insert(self.db.mail_activity(activity_id).await?);
        }
        let activity = activities
            .get(&activity_id)
            .and_then(Option::as_ref)
            .ok_or_else(|| anyhow::anyhow!("activity {activity_id} is gone"))?;
        let registration = match item.registration_id {
            Some(id) => Some(
                registrations
                    .get(&id)
                    .ok_or_else(|| anyhow::anyhow!("registration {id} is gone"))?,
            ),
            None => None,
        };
        let input = MailInput {
            kind,
            lang: Lang::parse(&item.lang).unwrap_or_default(),
            to: &item.recipient,
            message_id: &item.message_id,
            created_at: item.created_at,
            position: item.waitlist_position,
            registration,
            manage_token: registration.map(|r| self.secret.manage_token(&r.public_id)),
            activity,
            session_id: item.session_id,
            payload: &item.payload,
            check_in_url: registration.map(|r| {
                format!(
                    "{}{}",
                    self.base_url,
                    self.secret.check_in_path(&r.public_id)
                )
            }),
        };
        let message = compose(&input, &self.base_url, from)?;
        self.transport.send(&item.message_id, &message).await
    }

    /// A sign-in link or an invitation: the token is derived again from the public id
    /// in the payload, so it is never stored.
    async fn send_account_mail(
        &self,
        kind: MailKind,
        item: &OutboxItem,
        from: &Mailbox,
    ) -> anyhow::Result<()> {
        let payload: serde_json::Value = serde_json::from_str(&item.payload)?;
        let field = |name: &str| {
            payload[name]
                .as_str()
                .map(str::to_owned)
                .ok_or_else(|| anyhow::anyhow!("{} message without {name}", item.kind))
        };
        let (link, organisation) = if kind == MailKind::SignIn {
            let token = self.secret.sign_in_token(&field("link")?);
            (format!("{}/inloggen/link/{token}", self.base_url), None)
        } else {
            let public_id = field("invitation")?;
            let organisation = self
                .db
                .invitation_organisation(&public_id)
                .await?
                .ok_or_else(|| anyhow::anyhow!("invitation {public_id} is gone"))?;
            let token = self.secret.invitation_token(&public_id);
            (
                format!("{}/uitnodiging/{token}", self.base_url),
                Some(organisation),
            )
        };
        let input = AccountMail {
            kind,
            lang: Lang::parse(&item.lang).unwrap_or_default(),
            to: &item.recipient,
            message_id: &item.message_id,
            created_at: item.created_at,
            link,
            organisation: organisation.as_deref(),
        };
        let message = compose_account(&input, &self.base_url, from)?;
        self.transport.send(&item.message_id, &message).await
    }

    async fn failed(&self, item: &OutboxItem, error: &str) -> anyhow::Result<()> {
        let attempts = u32::try_from(item.attempts).unwrap_or(0);
        let now = crate::db::now();
        let wait = backoff(attempts, self.settings.retry_base, self.settings.retry_max);
        let give_up = attempts >= self.settings.max_attempts;
        if give_up {
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
