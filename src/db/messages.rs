//! An organiser's message to registrants (`/beheer/activiteiten/{id}/bericht`):
//! everyone with a place or everyone on the waitlist gets their own email, queued in
//! the same transaction as the audit row.

use crate::db::Db;
use crate::db::audit::audit;
use crate::db::editor::Actor;
use crate::db::outbox::message_id;
use crate::domain::mail::MailKind;
use crate::on_pool;
use crate::write_tx;
use serde_json::json;

/// Registrations that hear about changes: everyone with a place (also who already
/// came to an earlier session), an offer or a waitlist position.
pub(crate) const INFORMED_STATES: &str =
    "('confirmed', 'offered', 'attended', 'no_show', 'waitlisted')";

/// Queues one message of `$kind` with `$payload` to every informed registrant of the
/// activity. Evaluates to how many.
macro_rules! tell_registrants {
    ($tx:ident, $activity_id:expr, $kind:expr, $payload:expr, $now:expr) => {
        tell_registrants!($tx, $activity_id, INFORMED_STATES, $kind, $payload, $now)
    };
    ($tx:ident, $activity_id:expr, $states:expr, $kind:expr, $payload:expr, $now:expr) => {{
        let people: Vec<(i64, String, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT id, email, lang FROM registration WHERE activity_id = $1 \
             AND state IN {} ORDER BY id",
            $states
        )))
        .bind($activity_id)
        .fetch_all(&mut *$tx)
        .await?;
        let payload = $payload.to_string();
        for (id, email, lang) in &people {
            sqlx::query(
                "INSERT INTO outbox (message_id, kind, registration_id, activity_id, recipient, \
                 lang, payload, created_at, next_attempt_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
            )
            .bind(message_id())
            .bind($kind.as_str())
            .bind(id)
            .bind($activity_id)
            .bind(email)
            .bind(lang)
            .bind(&payload)
            .bind($now)
            .execute(&mut *$tx)
            .await?;
        }
        people.len() as u64
    }};
}
pub(crate) use tell_registrants;

/// Who an organiser writes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recipients {
    /// Everyone with a place, also after the activity (attended or not).
    Places,
    Waitlist,
}

impl Recipients {
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "plaatsen" => Some(Self::Places),
            "wachtlijst" => Some(Self::Waitlist),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Places => "plaatsen",
            Self::Waitlist => "wachtlijst",
        }
    }

    fn states(self) -> &'static str {
        match self {
            Self::Places => "('confirmed', 'offered', 'attended', 'no_show')",
            Self::Waitlist => "('waitlisted')",
        }
    }
}

impl Db {
    /// How many people an organiser's message to `to` reaches.
    pub async fn recipient_count(&self, activity_id: i64, to: Recipients) -> sqlx::Result<i64> {
        let sql = format!(
            "SELECT COUNT(*) FROM registration WHERE activity_id = $1 AND state IN {}",
            to.states()
        );
        on_pool!(self, |pool| sqlx::query_scalar(sqlx::AssertSqlSafe(
            sql.clone()
        ))
        .bind(activity_id)
        .fetch_one(pool)
        .await)
    }

    /// An organiser's message to everyone in `to`, one outbox row each, in one
    /// transaction; returns how many. Answers go to `reply_to`, the writer's address.
    pub async fn write_to_registrants(
        &self,
        activity_id: i64,
        to: Recipients,
        subject: &str,
        message: &str,
        reply_to: &str,
        actor: Actor,
    ) -> sqlx::Result<u64> {
        let now = actor.now;
        Ok(write_tx!(self, |tx| {
            let sent = tell_registrants!(
                tx,
                activity_id,
                to.states(),
                MailKind::Organiser,
                json!({ "subject": subject, "message": message, "reply_to": reply_to }),
                now
            );
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = Some(activity_id),
                registration = None::<i64>,
                account = actor.account_id,
                action = "message_sent",
                detail = crate::db::audit::Detail::Message {
                    sent,
                    group: to.as_str().to_owned(),
                    subject: subject.to_owned()
                }
                .json(),
                now = now
            );
            sent
        }))
    }
}
