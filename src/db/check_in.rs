//! Check-in at the door: the people with a place at an activity, who was present at
//! which session, and marking someone present (or undoing a mistake). Each change
//! locks the activity's row, as every change to a registration does, and is written
//! to the audit log.

use crate::db::Db;
use crate::db::audit::audit;
use crate::db::editor::Actor;
use crate::db::lock::{LOCK_ACTIVITY, LockRow, lock_activity};
use crate::db::registration::state_of;
use crate::domain::registration::RegistrationState;
use crate::time::Timestamp;
use crate::{on_pool, write_tx};

/// Attendance names nobody once its registration is anonymised (see
/// [`crate::db::personal_data`]).
pub const PERSONAL_DATA: &[crate::db::personal_data::Entry] = &[crate::db::personal_data::Entry {
    table: "attendance",
    columns: &["session_id", "checked_in_at"],
    person: crate::db::personal_data::Person::Registration,
    on_delete: crate::db::personal_data::OnDelete::Keep(
        "part of the registration, which the organisers keep",
    ),
    on_retention: crate::db::personal_data::OnRetention::Keep(
        "counts who came; names nobody once the registration is emptied",
    ),
}];

/// A session of the activity, as the check-in page lists it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CheckInSession {
    pub id: i64,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    pub title: String,
    /// Its calendar UID (an atelier's registrations name their meeting by it).
    pub uid: String,
}

/// A person who has (or had) a place.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CheckInPerson {
    pub id: i64,
    pub public_id: String,
    pub name: String,
    pub organisation: String,
    pub state: String,
    /// An atelier's public meeting the registration is for; empty: every session.
    pub meeting_uid: String,
}

impl CheckInPerson {
    /// Whether they registered for this session (for an atelier: their meeting).
    pub fn comes_to(&self, session: &CheckInSession) -> bool {
        self.meeting_uid.is_empty() || self.meeting_uid == session.uid
    }
}

/// Who was present where: (registration, session, checked in at).
pub type Presence = (i64, i64, Timestamp);

/// The registration a check-in link names, with the activity it belongs to.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CheckInTarget {
    pub activity_public_id: String,
    #[sqlx(flatten)]
    pub person: CheckInPerson,
}

/// What became of a check-in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckInOutcome {
    Done,
    /// Already so: present twice is still present once.
    Unchanged,
    /// Waitlisted or cancelled: only people with a place are checked in.
    NoPlace,
    NotFound,
}

/// States of people who have a place or had one and used it.
const PLACE_STATES: &str = "('confirmed', 'offered', 'attended', 'no_show')";

impl Db {
    /// The activity's sessions in time order.
    pub async fn check_in_sessions(&self, activity_id: i64) -> sqlx::Result<Vec<CheckInSession>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT id, starts_at, ends_at, title, \
             CASE WHEN uid = '' THEN 'session-' || id ELSE uid END AS uid \
             FROM session WHERE activity_id = $1 ORDER BY starts_at, id"
        )
        .bind(activity_id)
        .fetch_all(pool)
        .await)
    }

    /// Everyone with a place, by name.
    pub async fn check_in_people(&self, activity_id: i64) -> sqlx::Result<Vec<CheckInPerson>> {
        let sql = format!(
            "SELECT id, public_id, name, organisation, state, meeting_uid FROM registration \
             WHERE activity_id = $1 AND state IN {PLACE_STATES} ORDER BY lower(name), id"
        );
        on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.clone()
        ))
        .bind(activity_id)
        .fetch_all(pool)
        .await)
    }

    /// Who was present at which session of the activity.
    pub async fn presence(&self, activity_id: i64) -> sqlx::Result<Vec<Presence>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT a.registration_id, a.session_id, a.checked_in_at FROM attendance a \
             JOIN session s ON s.id = a.session_id WHERE s.activity_id = $1"
        )
        .bind(activity_id)
        .fetch_all(pool)
        .await)
    }

    /// The registration behind a check-in link, with its activity's public id.
    pub async fn check_in_target(&self, public_id: &str) -> sqlx::Result<Option<CheckInTarget>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT a.public_id AS activity_public_id, r.id, r.public_id, r.name, r.organisation, \
             r.state, r.meeting_uid FROM registration r JOIN activity a ON a.id = r.activity_id \
             WHERE r.public_id = $1"
        )
        .bind(public_id)
        .fetch_optional(pool)
        .await)
    }

    /// Marks the registration present at the session (`present`), or takes that back.
    /// The first presence moves the registration to 'attended' (an open offer counts as
    /// accepted: the person came); taking back the last one moves it to 'confirmed'.
    pub async fn mark_presence(
        &self,
        activity_id: i64,
        public_id: &str,
        session_id: i64,
        present: bool,
        actor: Actor,
    ) -> sqlx::Result<CheckInOutcome> {
        let now = actor.now;
        Ok(write_tx!(self, |tx| {
            let _lock: LockRow = lock_activity!(tx, activity_id);
            let row: Option<(i64, String, String)> = sqlx::query_as(
                "SELECT id, state, meeting_uid FROM registration \
                 WHERE public_id = $1 AND activity_id = $2",
            )
            .bind(public_id)
            .bind(activity_id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((registration_id, state, meeting)) = row else {
                return Ok(CheckInOutcome::NotFound);
            };
            // At an atelier only the meeting they registered for.
            let session: Option<Timestamp> = sqlx::query_scalar(
                "SELECT starts_at FROM session WHERE id = $1 AND activity_id = $2 \
                 AND ($3 = '' OR $3 = CASE WHEN uid = '' THEN 'session-' || id ELSE uid END)",
            )
            .bind(session_id)
            .bind(activity_id)
            .bind(&meeting)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(starts_at) = session else {
                return Ok(CheckInOutcome::NotFound);
            };
            let state = state_of(&state)?;
            if !matches!(
                state,
                RegistrationState::Confirmed
                    | RegistrationState::Offered
                    | RegistrationState::Attended
                    | RegistrationState::NoShow
            ) {
                return Ok(CheckInOutcome::NoPlace);
            }
            let changed = if present {
                sqlx::query(
                    "INSERT INTO attendance (registration_id, session_id, checked_in_at, \
                     checked_in_by) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (registration_id, session_id) DO NOTHING",
                )
                .bind(registration_id)
                .bind(session_id)
                .bind(now)
                .bind(actor.account_id)
                .execute(&mut *tx)
                .await?
                .rows_affected()
            } else {
                sqlx::query("DELETE FROM attendance WHERE registration_id = $1 AND session_id = $2")
                    .bind(registration_id)
                    .bind(session_id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected()
            };
            if changed == 0 {
                return Ok(CheckInOutcome::Unchanged);
            }
            let remaining: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM attendance WHERE registration_id = $1")
                    .bind(registration_id)
                    .fetch_one(&mut *tx)
                    .await?;
            let next = if remaining > 0 {
                "attended"
            } else {
                "confirmed"
            };
            sqlx::query(
                "UPDATE registration SET state = $2, offer_expires_at = NULL, updated_at = $3 \
                 WHERE id = $1",
            )
            .bind(registration_id)
            .bind(next)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = Some(activity_id),
                registration = Some(registration_id),
                account = actor.account_id,
                action = if present {
                    "attendance_marked"
                } else {
                    "attendance_undone"
                },
                detail = crate::db::audit::Detail::Session { starts_at }.json(),
                now = now
            );
            CheckInOutcome::Done
        }))
    }
}
