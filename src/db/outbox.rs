//! The outbox queue: claim due messages for a lease, mark them sent, retry with backoff.
//!
//! A claimed row carries `claimed_until`; a worker that dies mid-send loses its claim
//! when the lease runs out and another worker (or the restarted one) sends the message
//! again, under the same Message-ID and file name, so the recipient sees one message.

use std::collections::HashMap;

use crate::db::catalog::CalendarSession;
use crate::db::{Db, placeholders};
use crate::on_pool;
use crate::time::Timestamp;

/// Emails name their recipient, and their payload can hold what an organiser wrote
/// to or about the person (a message, a reason for taking them off the list) and
/// the organiser's address for answers (see [`crate::db::personal_data`]).
pub const PERSONAL_DATA: &[crate::db::personal_data::Entry] = &[crate::db::personal_data::Entry {
    table: "outbox",
    columns: &["kind", "recipient", "payload", "created_at", "sent_at"],
    person: crate::db::personal_data::Person::Registration,
    on_delete: crate::db::personal_data::OnDelete::Keep(
        "emails about registrations, which the organisers keep",
    ),
    on_retention: crate::db::personal_data::OnRetention::Delete,
}];

/// The columns of an outbox row as written (eleven; `next_attempt_at` starts at
/// `created_at`).
macro_rules! outbox_columns {
    () => {
        "message_id, kind, registration_id, activity_id, session_id, recipient, lang, \
         waitlist_position, dedupe_key, created_at, next_attempt_at"
    };
}
pub(super) const INSERT_OUTBOX_COLUMNS: &str = outbox_columns!();
macro_rules! insert_outbox_sql {
    () => {
        concat!(
            "INSERT INTO outbox (",
            outbox_columns!(),
            ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)"
        )
    };
}
pub(super) const INSERT_OUTBOX: &str = insert_outbox_sql!();
pub(super) const INSERT_OUTBOX_ONCE: &str =
    concat!(insert_outbox_sql!(), " ON CONFLICT (dedupe_key) DO NOTHING");

/// A fresh outbox message id (the local part of the Message-ID and the file name).
pub(crate) fn message_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Writes one outbox row in the transaction `$tx`.
macro_rules! enqueue {
    ($tx:ident, $kind:expr, registration = $reg:expr, activity = $activity:expr,
     to = $to:expr, lang = $lang:expr, position = $position:expr, now = $now:expr) => {
        outbox_row!(
            INSERT_OUTBOX,
            $kind,
            $reg,
            $activity,
            None::<i64>,
            $to,
            $lang,
            $position,
            None::<String>,
            $now
        )
        .execute(&mut *$tx)
        .await?
    };
}

/// The insert of one outbox row (`$sql`: [`INSERT_OUTBOX`] or [`INSERT_OUTBOX_ONCE`]),
/// not yet executed.
macro_rules! outbox_row {
    ($sql:expr, $kind:expr, $reg:expr, $activity:expr, $session:expr, $to:expr, $lang:expr,
     $position:expr, $dedupe:expr, $now:expr) => {
        sqlx::query($sql)
            .bind(message_id())
            .bind($kind.as_str())
            .bind($reg)
            .bind($activity)
            .bind($session)
            .bind($to)
            .bind($lang)
            .bind($position)
            .bind($dedupe)
            .bind($now)
    };
}

/// Queues a message that is about no registration and no activity (an account, and
/// later a community, a certificate, a match) in `$tx`; `$payload` is the JSON of its
/// facts, which its family's composer reads.
macro_rules! enqueue_mail {
    ($tx:ident, $kind:expr, to = $to:expr, lang = $lang:expr, payload = $payload:expr,
     now = $now:expr) => {
        sqlx::query(
            "INSERT INTO outbox (message_id, kind, recipient, lang, payload, created_at, \
             next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6, $6)",
        )
        .bind(message_id())
        .bind($kind.as_str())
        .bind($to)
        .bind($lang.code())
        .bind($payload.to_string())
        .bind($now)
        .execute(&mut *$tx)
        .await?
    };
}
pub(crate) use {enqueue, enqueue_mail, outbox_row};

/// One message to send, as claimed.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OutboxItem {
    pub id: i64,
    pub message_id: String,
    pub kind: String,
    pub registration_id: Option<i64>,
    pub activity_id: Option<i64>,
    pub session_id: Option<i64>,
    pub recipient: String,
    pub lang: String,
    pub waitlist_position: Option<i32>,
    pub attempts: i32,
    pub created_at: Timestamp,
    /// Facts that are not columns, as JSON (see the migration); empty for most kinds.
    pub payload: String,
}

/// The registration an email is about, as it is now.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MailRegistration {
    pub public_id: String,
    pub name: String,
    pub state: String,
    pub waitlist_position: Option<i32>,
    pub offer_expires_at: Option<Timestamp>,
}

/// The activity an email is about.
#[derive(Clone, Debug)]
pub struct MailActivity {
    pub slug: String,
    pub title: String,
    /// The contact person's address, where answers to the activity's emails go.
    pub reply_to: Option<String>,
    pub capacity: Option<u32>,
    pub sessions: Vec<CalendarSession>,
}

/// Counts for `/metrics`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OutboxCounts {
    pub pending: i64,
    pub sent: i64,
    pub failed: i64,
}

const CLAIM_COLUMNS: &str = "RETURNING id, message_id, kind, registration_id, activity_id, session_id, \
     recipient, lang, waitlist_position, attempts, created_at, payload";

impl Db {
    /// Claims up to `limit` due messages until `lease_until`. PostgreSQL skips rows
    /// another server is claiming at this moment; SQLite has one writer at a time.
    pub async fn claim_outbox(
        &self,
        now: Timestamp,
        lease_until: Timestamp,
        limit: i64,
    ) -> Result<Vec<OutboxItem>, sqlx::Error> {
        let due = "SELECT id FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL \
                   AND next_attempt_at <= $2 AND (claimed_until IS NULL OR claimed_until <= $2) \
                   ORDER BY id LIMIT $3";
        let lock = match self {
            Self::Postgres(_) => " FOR UPDATE SKIP LOCKED",
            Self::Sqlite(_) => "",
        };
        let sql = format!(
            "UPDATE outbox SET claimed_until = $1, attempts = attempts + 1 \
             WHERE id IN ({due}{lock}) {CLAIM_COLUMNS}"
        );
        let mut items: Vec<OutboxItem> = on_pool!(self, |pool| {
            let mut tx = match self {
                Self::Sqlite(_) => pool.begin_with("BEGIN IMMEDIATE").await?,
                Self::Postgres(_) => pool.begin().await?,
            };
            let items = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(lease_until)
                .bind(now)
                .bind(limit)
                .fetch_all(&mut *tx)
                .await?;
            tx.commit().await?;
            items
        });
        items.sort_by_key(|i| i.id);
        Ok(items)
    }

    /// Marks messages sent (the lease ends with them), in one statement.
    pub async fn mark_sent(&self, ids: &[i64], now: Timestamp) -> Result<(), sqlx::Error> {
        for chunk in ids.chunks(500) {
            let list = placeholders(chunk.len(), 2);
            let sql = format!(
                "UPDATE outbox SET sent_at = $1, claimed_until = NULL, last_error = '' WHERE id IN ({list})"
            );
            on_pool!(self, |pool| {
                let mut query = sqlx::query(sqlx::AssertSqlSafe(sql.clone())).bind(now);
                for id in chunk {
                    query = query.bind(*id);
                }
                query.execute(pool).await?;
            });
        }
        Ok(())
    }

    /// Schedules another attempt at `next_attempt_at`, or gives up (`failed_at`) when
    /// `give_up` is set.
    pub async fn mark_attempt_failed(
        &self,
        id: i64,
        error: &str,
        next_attempt_at: Timestamp,
        give_up: Option<Timestamp>,
    ) -> Result<(), sqlx::Error> {
        let error: String = error.chars().take(500).collect();
        on_pool!(self, |pool| {
            sqlx::query(
                "UPDATE outbox SET claimed_until = NULL, last_error = $2, next_attempt_at = $3, \
                 failed_at = $4 WHERE id = $1",
            )
            .bind(id)
            .bind(&error)
            .bind(next_attempt_at)
            .bind(give_up)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// How many messages wait, were sent, or were given up.
    pub async fn outbox_counts(&self) -> Result<OutboxCounts, sqlx::Error> {
        let (pending, sent, failed): (i64, i64, i64) = on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT \
               COALESCE(SUM(CASE WHEN sent_at IS NULL AND failed_at IS NULL THEN 1 ELSE 0 END), 0), \
               COALESCE(SUM(CASE WHEN sent_at IS NOT NULL THEN 1 ELSE 0 END), 0), \
               COALESCE(SUM(CASE WHEN failed_at IS NOT NULL THEN 1 ELSE 0 END), 0) \
             FROM outbox"
        )
        .fetch_one(pool)
        .await?
        });
        Ok(OutboxCounts {
            pending,
            sent,
            failed,
        })
    }
}

#[derive(sqlx::FromRow)]
struct MailRegistrationRow {
    id: i64,
    #[sqlx(flatten)]
    registration: MailRegistration,
}

impl Db {
    /// The registrations a batch of emails is about, as they are now, by id.
    pub async fn mail_registrations(
        &self,
        ids: &[i64],
    ) -> Result<HashMap<i64, MailRegistration>, sqlx::Error> {
        let mut found = HashMap::with_capacity(ids.len());
        for chunk in ids.chunks(500) {
            let list = placeholders(chunk.len(), 1);
            let sql = format!(
                "SELECT id, public_id, name, state, waitlist_position, offer_expires_at \
                 FROM registration WHERE id IN ({list})"
            );
            let rows: Vec<MailRegistrationRow> = on_pool!(self, |pool| {
                let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql));
                for id in chunk {
                    query = query.bind(*id);
                }
                query.fetch_all(pool).await?
            });
            found.extend(rows.into_iter().map(|row| (row.id, row.registration)));
        }
        Ok(found)
    }

    /// The activity an email is about, with its sessions as calendars show them.
    pub async fn mail_activity(&self, id: i64) -> Result<Option<MailActivity>, sqlx::Error> {
        // The core, so the places are counted as everywhere else (smallest session).
        let row: Option<super::catalog::CoreRow> = on_pool!(self, |pool| sqlx::query_as(concat!(
            "SELECT ",
            super::catalog::core_columns!(),
            " FROM activity a WHERE a.id = $1"
        ))
        .bind(id)
        .fetch_optional(pool)
        .await?);
        let Some(core) = row.map(|r| r.into_core(None)).transpose()? else {
            return Ok(None);
        };
        let (slug, title, capacity) = (core.slug, core.title, core.capacity);
        let sessions = self
            .calendar_sessions(super::catalog::CalendarSelection::Activity(&slug))
            .await?;
        let contact: Option<String> = on_pool!(self, |pool| sqlx::query_scalar(
            "SELECT p.email FROM activity a JOIN profile p ON p.id = a.contact_profile_id \
             WHERE a.id = $1"
        )
        .bind(id)
        .fetch_optional(pool)
        .await?);
        Ok(Some(MailActivity {
            slug,
            title,
            reply_to: contact.filter(|email| !email.trim().is_empty()),
            capacity,
            sessions,
        }))
    }
}
