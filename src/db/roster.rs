//! The organiser's registrations screen: every registration of an activity with its
//! answers (for the list and the exports), and the organiser's own changes: give a
//! waiting person a place, put someone back on the waitlist, add a registration by
//! hand, remove one. Each change locks the activity's row like a sign-up does, emails
//! the person through the outbox and is written to the audit log.

use serde_json::json;

use crate::db::audit::audit;
use crate::db::editor::Actor;
use crate::db::lock::{LOCK_ACTIVITY, LockRow, lock_activity};
use crate::db::outbox::{INSERT_OUTBOX, enqueue, message_id, outbox_row};
use crate::db::registration::{promote_waiting, release, state_of};
use crate::db::{Db, count};
use crate::domain::mail::MailKind;
use crate::domain::registration::RegistrationState;
use crate::i18n::Lang;
use crate::time::Timestamp;
use crate::{on_pool, write_tx};

/// One registration as the organiser sees it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RosterRow {
    pub id: i64,
    pub public_id: String,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub role: String,
    pub role_other: String,
    pub region: String,
    pub lang: String,
    pub state: String,
    pub waitlist_position: Option<i32>,
    pub offer_expires_at: Option<Timestamp>,
    pub cancel_reason: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// Set when the retention period ended (AVG): name and address are gone.
    pub anonymised_at: Option<Timestamp>,
}

/// Where the organiser moves someone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MoveTo {
    /// From the waitlist (or an open offer) to a place, even when the activity is
    /// full: the organiser decides.
    Confirmed,
    /// From a place to the end of the waitlist.
    Waitlisted,
}

/// What became of an organiser's change to a registration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RosterOutcome {
    Done,
    /// The registration is not in a state this change applies to.
    NotApplicable,
    /// This address already has a registration that is not cancelled.
    AlreadyRegistered,
    NotFound,
}

/// A registration the organiser adds by hand: it always gets a place.
#[derive(Clone, Debug)]
pub struct HandRegistration {
    pub public_id: String,
    pub token_hash: String,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub lang: Lang,
}

#[derive(sqlx::FromRow)]
struct TargetRow {
    id: i64,
    activity_id: i64,
    state: String,
    waitlist_position: Option<i32>,
    email: String,
    lang: String,
}

/// The registration `$public_id` of the activity, read under its lock, with its
/// state; returns `NotFound` when the activity has no such registration.
macro_rules! target {
    ($tx:ident, $public_id:expr, $activity_id:expr) => {{
        let row: Option<TargetRow> = sqlx::query_as(TARGET)
            .bind($public_id)
            .bind($activity_id)
            .fetch_optional(&mut *$tx)
            .await?;
        let Some(row) = row else {
            return Ok(RosterOutcome::NotFound);
        };
        let state = state_of(&row.state)?;
        (row, state)
    }};
}

const TARGET: &str = "SELECT id, activity_id, state, waitlist_position, email, lang \
     FROM registration WHERE public_id = $1 AND activity_id = $2 AND anonymised_at IS NULL";

impl Db {
    /// Every registration of an activity: places first, then the waitlist in order,
    /// then the cancelled; within each, oldest first.
    pub async fn roster(&self, activity_id: i64) -> sqlx::Result<Vec<RosterRow>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT id, public_id, name, email, organisation, role, role_other, region, lang, \
             state, waitlist_position, offer_expires_at, cancel_reason, created_at, updated_at, \
             anonymised_at FROM registration WHERE activity_id = $1 \
             ORDER BY CASE state WHEN 'waitlisted' THEN 1 WHEN 'cancelled' THEN 2 ELSE 0 END, \
             waitlist_position, created_at, id"
        )
        .bind(activity_id)
        .fetch_all(pool)
        .await)
    }

    /// The answers of an activity's registrations: (registration, question, value).
    pub async fn roster_answers(&self, activity_id: i64) -> sqlx::Result<Vec<(i64, i64, String)>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT x.registration_id, x.question_id, x.value FROM answer x \
             JOIN registration r ON r.id = x.registration_id WHERE r.activity_id = $1"
        )
        .bind(activity_id)
        .fetch_all(pool)
        .await)
    }

    /// Moves a registration between the waitlist and a place, and tells the person.
    pub async fn move_registration(
        &self,
        activity_id: i64,
        public_id: &str,
        to: MoveTo,
        actor: Actor,
    ) -> sqlx::Result<RosterOutcome> {
        let now = actor.now;
        Ok(write_tx!(self, |tx| {
            let lock = lock_activity!(tx, activity_id);
            let (row, state) = target!(tx, public_id, activity_id);
            let (action, mail, position) = match (to, state) {
                (MoveTo::Confirmed, RegistrationState::Waitlisted) => {
                    let position = row.waitlist_position.unwrap_or(1);
                    sqlx::query(
                        "UPDATE registration SET state = 'confirmed', waitlist_position = NULL, \
                         updated_at = $2 WHERE id = $1",
                    )
                    .bind(row.id)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    sqlx::query(
                        "UPDATE registration SET waitlist_position = waitlist_position - 1 \
                         WHERE activity_id = $1 AND state = 'waitlisted' AND waitlist_position > $2",
                    )
                    .bind(activity_id)
                    .bind(position)
                    .execute(&mut *tx)
                    .await?;
                    sqlx::query(
                        "UPDATE activity SET confirmed_count = confirmed_count + 1, \
                         waitlist_count = waitlist_count - 1, revision = revision + 1 WHERE id = $1",
                    )
                    .bind(activity_id)
                    .execute(&mut *tx)
                    .await?;
                    ("registration_confirmed", MailKind::Promoted, None)
                }
                (MoveTo::Confirmed, RegistrationState::Offered) => {
                    sqlx::query(
                        "UPDATE registration SET state = 'confirmed', offer_expires_at = NULL, \
                         updated_at = $2 WHERE id = $1",
                    )
                    .bind(row.id)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    ("registration_confirmed", MailKind::Promoted, None)
                }
                (MoveTo::Waitlisted, RegistrationState::Confirmed | RegistrationState::Offered) => {
                    let position = lock.waitlist_count + 1;
                    sqlx::query(
                        "UPDATE registration SET state = 'waitlisted', waitlist_position = $2, \
                         offer_expires_at = NULL, updated_at = $3 WHERE id = $1",
                    )
                    .bind(row.id)
                    .bind(position)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    sqlx::query(
                        "UPDATE activity SET confirmed_count = confirmed_count - 1, \
                         waitlist_count = waitlist_count + 1, revision = revision + 1 WHERE id = $1",
                    )
                    .bind(activity_id)
                    .execute(&mut *tx)
                    .await?;
                    (
                        "registration_waitlisted",
                        MailKind::Waitlisted,
                        Some(position),
                    )
                }
                _ => return Ok(RosterOutcome::NotApplicable),
            };
            enqueue!(
                tx,
                mail,
                registration = Some(row.id),
                activity = Some(activity_id),
                to = &row.email,
                lang = &row.lang,
                position = position,
                now = now
            );
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = Some(activity_id),
                registration = Some(row.id),
                account = actor.account_id,
                action = action,
                detail = crate::db::audit::Detail::StateBefore {
                    state: state.as_str().to_owned()
                }
                .json(),
                now = now
            );
            RosterOutcome::Done
        }))
    }

    /// Cancels a registration on the organiser's behalf; the place goes to the
    /// waitlist as with any cancellation.
    pub async fn remove_registration(
        &self,
        activity_id: i64,
        public_id: &str,
        reason: &str,
        actor: Actor,
    ) -> sqlx::Result<RosterOutcome> {
        let now = actor.now;
        Ok(write_tx!(self, |tx| {
            let lock = lock_activity!(tx, activity_id);
            let (row, state) = target!(tx, public_id, activity_id);
            if !matches!(
                state,
                RegistrationState::Confirmed
                    | RegistrationState::Offered
                    | RegistrationState::Waitlisted
            ) {
                return Ok(RosterOutcome::NotApplicable);
            }
            release!(tx, row, lock, "organiser", MailKind::Cancelled, now);
            if !reason.is_empty() {
                // The organiser's reason goes into the email just queued.
                sqlx::query(
                    "UPDATE outbox SET payload = $3 WHERE registration_id = $1 \
                     AND kind = 'cancelled' AND created_at = $2 AND sent_at IS NULL",
                )
                .bind(row.id)
                .bind(now)
                .bind(json!({ "message": reason }).to_string())
                .execute(&mut *tx)
                .await?;
            }
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = Some(activity_id),
                registration = Some(row.id),
                account = actor.account_id,
                action = "registration_removed",
                detail = crate::db::audit::Detail::Removed {
                    state: state.as_str().to_owned(),
                    reason: reason.to_owned(),
                }
                .json(),
                now = now
            );
            RosterOutcome::Done
        }))
    }

    /// Adds a registration by hand with a place, whatever the limit, and sends the
    /// usual confirmation (with the manage link and calendar file).
    pub async fn add_registration(
        &self,
        activity_id: i64,
        new: &HandRegistration,
        actor: Actor,
    ) -> sqlx::Result<RosterOutcome> {
        let now = actor.now;
        let email_key = new.email.to_lowercase();
        Ok(write_tx!(self, |tx| {
            lock_activity!(tx, activity_id);
            let known: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM registration WHERE activity_id = $1 AND email_key = $2 \
                 AND state <> 'cancelled'",
            )
            .bind(activity_id)
            .bind(&email_key)
            .fetch_optional(&mut *tx)
            .await?;
            if known.is_some() {
                return Ok(RosterOutcome::AlreadyRegistered);
            }
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO registration (public_id, activity_id, name, email, email_key, \
                 organisation, role, lang, state, token_hash, created_at, updated_at, account_id) \
                 VALUES ($1, $2, $3, $4, $5, $6, 'anders', $7, 'confirmed', $8, $9, $9, \
                 (SELECT id FROM account WHERE email_key = $5 AND email_verified_at IS NOT NULL)) \
                 RETURNING id",
            )
            .bind(&new.public_id)
            .bind(activity_id)
            .bind(&new.name)
            .bind(&new.email)
            .bind(&email_key)
            .bind(&new.organisation)
            .bind(new.lang.code())
            .bind(&new.token_hash)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query(
                "UPDATE activity SET confirmed_count = confirmed_count + 1, \
                 revision = revision + 1 WHERE id = $1",
            )
            .bind(activity_id)
            .execute(&mut *tx)
            .await?;
            enqueue!(
                tx,
                MailKind::Confirmation,
                registration = Some(id),
                activity = Some(activity_id),
                to = &new.email,
                lang = new.lang.code(),
                position = None::<i32>,
                now = now
            );
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = Some(activity_id),
                registration = Some(id),
                account = actor.account_id,
                action = "registration_added",
                detail = "",
                now = now
            );
            RosterOutcome::Done
        }))
    }
}
