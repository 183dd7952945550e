//! Reading the audit log: what happened to an organisation's activities and
//! registrations, newest first. Writing happens in each change's own transaction
//! (`account::audit!`).

use serde::{Deserialize, Serialize};

use crate::db::Db;
use crate::on_pool;
use crate::time::Timestamp;

/// The log says who did what (see [`crate::db::personal_data`]).
pub const PERSONAL_DATA: &[crate::db::personal_data::Entry] = &[crate::db::personal_data::Entry {
    table: "audit_event",
    columns: &["action", "detail", "created_at"],
    person: crate::db::personal_data::Person::Account("account_id"),
    on_delete: crate::db::personal_data::OnDelete::Unlink("account_id"),
    on_retention: crate::db::personal_data::OnRetention::Keep(
        "names no registrant: the log keeps counts and titles",
    ),
}];

/// One line of the log, with the names it refers to as they are now (a registrant's
/// name is gone once the registration is anonymised).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AuditRow {
    pub id: i64,
    pub created_at: Timestamp,
    pub action: String,
    pub detail: String,
    /// The organiser's address; `None`: the system or the participant.
    pub actor: Option<String>,
    pub activity_public_id: Option<String>,
    pub activity_title: Option<String>,
    pub registrant: Option<String>,
}

/// What an audit line says beside its action, stored as JSON in `detail` so the log
/// can word it in the reader's language (`audit-detail-*`). Rows written before
/// this, and free text such as a title or an address, are shown as they are.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Detail {
    /// A session changed: when it starts, what changed (`time`, `venue`, `program`,
    /// `added`, `removed`) and how many registrants were emailed.
    SessionChanged {
        starts_at: Timestamp,
        changes: Vec<String>,
        emails: u64,
    },
    /// How many registrants were emailed.
    Emails { emails: u64 },
    /// Registrations anonymised after a retention of `months`.
    Anonymised { registrations: u64, months: i32 },
    /// The session an attendance belongs to.
    Session { starts_at: Timestamp },
    /// The state a registration had before the change.
    StateBefore { state: String },
    /// An organiser took a registration off the list: its state before, and the
    /// reason they gave (empty: none).
    Removed { state: String, reason: String },
    /// A message to a group (`plaatsen`, `wachtlijst`): how many got it, its subject.
    Message {
        sent: u64,
        group: String,
        subject: String,
    },
}

impl Detail {
    /// The stored form.
    pub fn json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The stored form read back; `None` for plain text (older rows, titles).
    pub fn parse(stored: &str) -> Option<Self> {
        stored
            .starts_with('{')
            .then(|| serde_json::from_str(stored).ok())
            .flatten()
    }
}

/// Lines per page.
pub const AUDIT_PAGE: i64 = 100;

impl Db {
    /// The organisation's log: its own actions and everything done to activities it
    /// hosts (a co-host's changes too), optionally of one activity, older than
    /// `before` (an event id), at most [`AUDIT_PAGE`] + 1 lines (the extra one says
    /// there is more).
    pub async fn audit_log(
        &self,
        organisation_id: i64,
        activity_public_id: Option<&str>,
        before: Option<i64>,
    ) -> sqlx::Result<Vec<AuditRow>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT e.id, e.created_at, e.action, e.detail, acc.email AS actor, \
             a.public_id AS activity_public_id, a.title AS activity_title, r.name AS registrant \
             FROM audit_event e \
             LEFT JOIN account acc ON acc.id = e.account_id \
             LEFT JOIN activity a ON a.id = e.activity_id \
             LEFT JOIN registration r ON r.id = e.registration_id \
             WHERE (e.organisation_id = $1 OR e.activity_id IN \
                    (SELECT activity_id FROM activity_organisation WHERE organisation_id = $1)) \
             AND ($2 = '' OR a.public_id = $2) AND e.id < $3 \
             ORDER BY e.id DESC LIMIT $4"
        )
        .bind(organisation_id)
        .bind(activity_public_id.unwrap_or(""))
        .bind(before.unwrap_or(i64::MAX))
        .bind(AUDIT_PAGE + 1)
        .fetch_all(pool)
        .await)
    }
}

/// One row of the audit log in transaction `$tx`.
macro_rules! audit {
    ($tx:ident, organisation = $org:expr, activity = $activity:expr, registration = $reg:expr,
     account = $account:expr, action = $action:expr, detail = $detail:expr, now = $now:expr) => {
        sqlx::query(
            "INSERT INTO audit_event (organisation_id, activity_id, registration_id, account_id, \
             action, detail, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind($org)
        .bind($activity)
        .bind($reg)
        .bind($account)
        .bind($action)
        .bind($detail)
        .bind($now)
        .execute(&mut *$tx)
        .await?
    };
}
pub(crate) use audit;
