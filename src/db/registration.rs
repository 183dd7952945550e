//! Registrations: change, cancel, offers, and the emails each change causes (signing
//! up, in batches, is in [`super::signup`]).
//!
//! Every change that moves places runs in one transaction that first locks the
//! activity's row (`UPDATE activity … RETURNING` — a row lock on PostgreSQL; on SQLite
//! the transaction already holds the write lock from `BEGIN IMMEDIATE`). Under that lock
//! the counters `confirmed_count` and `waitlist_count` are read, the domain decides
//! ([`crate::domain::registration::place`]), and the registration, the counters and the
//! outbox rows are written together. So capacity holds and waitlist positions stay
//! 1..n under any concurrency, with any number of app servers on one database.

use chrono::Duration;

use crate::db::lock::{LOCK_ACTIVITY, LockRow, lock_activity};
use crate::db::outbox::{INSERT_OUTBOX, INSERT_OUTBOX_ONCE, enqueue, message_id, outbox_row};
use crate::db::{Db, count, decode_error};
use crate::domain::mail::MailKind;
use crate::domain::registration::{
    Details, Question, QuestionKind, RegistrationState, ValidRegistration,
};
use crate::i18n::Lang;
use crate::time::Timestamp;
use crate::{on_pool, write_tx};

/// What a registration holds about a person (see [`crate::db::personal_data`]).
/// Deleting the account leaves its registrations to the organisers as guest
/// registrations; retention empties them.
pub const PERSONAL_DATA: &[crate::db::personal_data::Entry] = {
    use crate::db::personal_data::{Entry, OnDelete, OnRetention, Person};
    &[
        Entry {
            table: "registration",
            columns: &[
                "public_id",
                "activity_id",
                "name",
                "email",
                "organisation",
                "role",
                "role_other",
                "region",
                "lang",
                "state",
                "cancel_reason",
                "created_at",
            ],
            person: Person::Account("account_id"),
            on_delete: OnDelete::Unlink("account_id"),
            on_retention: OnRetention::Blank(
                "name = '', email = '', email_key = 'anoniem-' || public_id, organisation = '', \
                 role_other = '', region = '', cancel_reason = '', account_id = NULL, \
                 submission_key = NULL",
            ),
        },
        Entry {
            table: "answer",
            columns: &["question_id", "value"],
            person: Person::Registration,
            on_delete: OnDelete::Keep("part of the registration, which the organisers keep"),
            on_retention: OnRetention::Delete,
        },
    ]
};

/// The activity facts a registration form needs, read without locking.
#[derive(Clone, Debug)]
pub struct FormActivity {
    pub core: super::catalog::ActivityCore,
    pub last_end: Option<Timestamp>,
    pub questions: Vec<Question>,
    /// Whether all required modules are needed, or any one.
    pub prerequisite_rule: crate::domain::prerequisite::Rule,
    /// The modules to have followed first: (slug, title).
    pub prerequisites: Vec<(String, String)>,
}

#[derive(sqlx::FromRow)]
struct FormActivityRow {
    #[sqlx(flatten)]
    core: super::catalog::CoreRow,
    first_start: Option<Timestamp>,
    last_end: Option<Timestamp>,
}

#[derive(sqlx::FromRow)]
struct QuestionRow {
    id: i64,
    kind: String,
    label: String,
    help: String,
    required: bool,
    options: String,
}

impl QuestionRow {
    fn into_question(self) -> Result<Question, sqlx::Error> {
        Ok(Question {
            id: self.id,
            kind: QuestionKind::parse(&self.kind)
                .ok_or_else(|| decode_error("question.kind", &self.kind))?,
            label: self.label,
            help: self.help,
            required: self.required,
            options: self
                .options
                .lines()
                .map(str::trim)
                .filter(|o| !o.is_empty())
                .map(str::to_owned)
                .collect(),
        })
    }
}

/// A registration about to be stored. The caller derives `token_hash` from
/// `public_id` with the server key.
#[derive(Clone, Debug)]
pub struct NewRegistration {
    pub activity_id: i64,
    pub public_id: String,
    pub token_hash: String,
    pub registration: ValidRegistration,
    pub lang: Lang,
    /// The form instance or `Idempotency-Key` it came from.
    pub submission_key: Option<String>,
    /// An atelier's public meeting it is for (its calendar UID); empty for every
    /// other activity (all sessions).
    pub meeting_uid: String,
}

/// A meeting of an atelier as someone registering finds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MeetingChoice {
    /// A coming public meeting: its calendar UID.
    Open(String),
    /// For members only: never open to registration.
    MembersOnly,
    /// Not a meeting of this atelier, or it has begun.
    Unknown,
}

/// What became of a sign-up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RegisterOutcome {
    Created {
        public_id: String,
        state: RegistrationState,
        position: Option<u32>,
    },
    /// The same form (or idempotency key) was sent before: nothing new happened.
    Replayed {
        public_id: String,
        state: RegistrationState,
        position: Option<u32>,
    },
    /// This address is already registered; the manage link was emailed again.
    AlreadyRegistered,
    /// The activity requires earlier modules that this address has not (yet) met:
    /// nothing holds a place; an email says how to state them. Answered like a
    /// place, so nobody learns from the answer whether an address has a record.
    Held,
    /// No place and no waitlist.
    Full,
    /// Not published, or registration switched off.
    Closed,
    NotFound,
}

/// What became of a cancellation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CancelOutcome {
    Cancelled,
    AlreadyCancelled,
    /// Attended or marked no-show: history, not cancellable.
    NotCancellable,
    NotFound,
}

/// What became of accepting an offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AcceptOutcome {
    Confirmed,
    /// The offer had expired; the place went to the next person.
    Expired,
    /// There was no open offer (already confirmed, cancelled, waiting).
    NoOffer,
    NotFound,
}

/// One registration as its owner sees it on the manage page.
#[derive(Clone, Debug)]
pub struct RegistrationView {
    pub id: i64,
    pub activity_id: i64,
    pub public_id: String,
    pub activity_slug: String,
    pub activity_title: String,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub role: String,
    pub role_other: String,
    pub region: String,
    pub lang: Lang,
    pub state: RegistrationState,
    pub waitlist_position: Option<u32>,
    pub offer_expires_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub answers: Vec<(i64, String)>,
    /// An atelier's public meeting it is for (its calendar UID); empty: every session.
    pub meeting_uid: String,
}

#[derive(sqlx::FromRow)]
struct RegistrationViewRow {
    id: i64,
    activity_id: i64,
    public_id: String,
    activity_slug: String,
    activity_title: String,
    name: String,
    email: String,
    organisation: String,
    role: String,
    role_other: String,
    region: String,
    lang: String,
    state: String,
    waitlist_position: Option<i32>,
    offer_expires_at: Option<Timestamp>,
    created_at: Timestamp,
    meeting_uid: String,
}

/// Where a registration row stands, read under the lock.
#[derive(sqlx::FromRow)]
struct StateRow {
    id: i64,
    activity_id: i64,
    state: String,
    waitlist_position: Option<i32>,
    offer_expires_at: Option<Timestamp>,
    email: String,
    lang: String,
}

pub(super) fn state_of(raw: &str) -> Result<RegistrationState, sqlx::Error> {
    RegistrationState::parse(raw).ok_or_else(|| decode_error("registration.state", raw))
}

/// Moves the first waitlisted people into free places (confirmed at once, or offered
/// for the activity's offer hours), closes the gaps in the waitlist and queues their
/// emails. Only before the first session starts: a place that frees up during the
/// activity is not given away.
macro_rules! promote_waiting {
    ($tx:ident, $activity_id:expr, $lock:expr, $taken:expr, $now:expr) => {{
        let first_start: Option<Timestamp> =
            sqlx::query_scalar("SELECT MIN(starts_at) FROM session WHERE activity_id = $1")
                .bind($activity_id)
                .fetch_one(&mut *$tx)
                .await?;
        let mut taken: u32 = $taken;
        let mut waiting: u32 = count($lock.waitlist_count);
        let capacity = $lock.capacity();
        let before_start = first_start.is_none_or(|start| $now < start);
        while before_start && waiting > 0 && capacity.is_some_and(|cap| taken < cap) {
            let next: Option<(i64, String, String)> = sqlx::query_as(
                "SELECT id, email, lang FROM registration \
                 WHERE activity_id = $1 AND state = 'waitlisted' AND waitlist_position = 1",
            )
            .bind($activity_id)
            .fetch_optional(&mut *$tx)
            .await?;
            let Some((next_id, email, lang)) = next else {
                break;
            };
            let (state, expires) = $lock.promotion().promote($now);
            sqlx::query(
                "UPDATE registration SET state = $2, waitlist_position = NULL, \
                 offer_expires_at = $3, updated_at = $4 WHERE id = $1",
            )
            .bind(next_id)
            .bind(state.as_str())
            .bind(expires)
            .bind($now)
            .execute(&mut *$tx)
            .await?;
            sqlx::query(
                "UPDATE registration SET waitlist_position = waitlist_position - 1 \
                 WHERE activity_id = $1 AND state = 'waitlisted'",
            )
            .bind($activity_id)
            .execute(&mut *$tx)
            .await?;
            sqlx::query(
                "UPDATE activity SET confirmed_count = confirmed_count + 1, \
                 waitlist_count = waitlist_count - 1, revision = revision + 1 WHERE id = $1",
            )
            .bind($activity_id)
            .execute(&mut *$tx)
            .await?;
            let kind = if state == RegistrationState::Offered {
                MailKind::Offer
            } else {
                MailKind::Promoted
            };
            enqueue!(
                $tx,
                kind,
                registration = Some(next_id),
                activity = Some($activity_id),
                to = &email,
                lang = &lang,
                position = None::<i32>,
                now = $now
            );
            taken += 1;
            waiting -= 1;
        }
    }};
}

/// Gives up a place or a waitlist position inside the transaction `$tx` (the
/// activity's row is locked), closes the gap and promotes whoever is next.
macro_rules! release {
    ($tx:ident, $row:expr, $lock:expr, $reason:expr, $mail:expr, $now:expr) => {{
        let state = state_of(&$row.state)?;
        sqlx::query(
            "UPDATE registration SET state = 'cancelled', waitlist_position = NULL, \
             offer_expires_at = NULL, cancel_reason = $2, updated_at = $3 WHERE id = $1",
        )
        .bind($row.id)
        .bind($reason)
        .bind($now)
        .execute(&mut *$tx)
        .await?;
        enqueue!(
            $tx,
            $mail,
            registration = Some($row.id),
            activity = Some($row.activity_id),
            to = &$row.email,
            lang = &$row.lang,
            position = None::<i32>,
            now = $now
        );
        if let Some(position) = $row.waitlist_position {
            sqlx::query(
                "UPDATE registration SET waitlist_position = waitlist_position - 1 \
                 WHERE activity_id = $1 AND state = 'waitlisted' AND waitlist_position > $2",
            )
            .bind($row.activity_id)
            .bind(position)
            .execute(&mut *$tx)
            .await?;
            // Leaving the waitlist can make the page say "places left" again.
            sqlx::query(
                "UPDATE activity SET waitlist_count = waitlist_count - 1, \
                 revision = revision + 1 WHERE id = $1",
            )
            .bind($row.activity_id)
            .execute(&mut *$tx)
            .await?;
        } else if state.holds_place() {
            sqlx::query(
                "UPDATE activity SET confirmed_count = confirmed_count - 1, \
                 revision = revision + 1 WHERE id = $1",
            )
            .bind($row.activity_id)
            .execute(&mut *$tx)
            .await?;
            let taken = count($lock.confirmed_count).saturating_sub(1);
            promote_waiting!($tx, $row.activity_id, $lock, taken, $now);
        }
    }};
}

pub(super) use {promote_waiting, release};

const STATE_BY_ID: &str = "SELECT id, activity_id, state, waitlist_position, offer_expires_at, \
     email, lang FROM registration WHERE id = $1";

impl Db {
    /// The activity behind a registration form, with its questions (drafts excluded).
    pub async fn form_activity(&self, slug: &str) -> Result<Option<FormActivity>, sqlx::Error> {
        let row: Option<FormActivityRow> = on_pool!(self, |pool| {
            sqlx::query_as(concat!(
            "SELECT ",
            super::catalog::core_columns!(),
            // An atelier registers for one public meeting at a time: its window
            // closes when the last public meeting starts (each meeting itself when
            // it starts), and meetings for members only do not count.
            ", (SELECT CASE WHEN a.kind = 'atelier' THEN MAX(s.starts_at) ELSE MIN(s.starts_at) END \
                 FROM session s WHERE s.activity_id = a.id AND NOT s.members_only) AS first_start, \
                 (SELECT MAX(s.ends_at) FROM session s WHERE s.activity_id = a.id \
                  AND NOT s.members_only) AS last_end \
                 FROM activity a WHERE a.slug = $1 AND a.status <> 'draft'"
        ))
        .bind(slug)
        .fetch_optional(pool)
        .await?
        });
        let Some(row) = row else { return Ok(None) };
        let core = row.core.into_core(row.first_start)?;
        let questions = self.questions(core.id).await?;
        let (prerequisite_rule, modules) = self.required_modules(core.id).await?;
        Ok(Some(FormActivity {
            core,
            last_end: row.last_end,
            questions,
            prerequisite_rule,
            prerequisites: modules
                .into_iter()
                .map(|(_, slug, title)| (slug, title))
                .collect(),
        }))
    }

    /// What meeting `session_id` of atelier `activity_id` is to someone registering
    /// at `now` (see [`MeetingChoice`]).
    pub async fn meeting_choice(
        &self,
        activity_id: i64,
        session_id: i64,
        now: Timestamp,
    ) -> Result<MeetingChoice, sqlx::Error> {
        let row: Option<(String, bool, Timestamp)> = on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT CASE WHEN uid = '' THEN 'session-' || id ELSE uid END, members_only, starts_at \
             FROM session WHERE id = $1 AND activity_id = $2"
        )
        .bind(session_id)
        .bind(activity_id)
        .fetch_optional(pool)
        .await?
        });
        Ok(match row {
            None => MeetingChoice::Unknown,
            Some((_, true, _)) => MeetingChoice::MembersOnly,
            Some((_, false, starts_at)) if starts_at <= now => MeetingChoice::Unknown,
            Some((uid, false, _)) => MeetingChoice::Open(uid),
        })
    }

    /// The activity's own questions, in order.
    pub async fn questions(&self, activity_id: i64) -> Result<Vec<Question>, sqlx::Error> {
        let rows: Vec<QuestionRow> = on_pool!(self, |pool| sqlx::query_as(
            "SELECT id, kind, label, help, required, options FROM question \
             WHERE activity_id = $1 ORDER BY position, id"
        )
        .bind(activity_id)
        .fetch_all(pool)
        .await?);
        rows.into_iter().map(QuestionRow::into_question).collect()
    }

    /// The registration a manage token opens.
    pub async fn registration_by_token(
        &self,
        token_hash: &str,
    ) -> Result<Option<RegistrationView>, sqlx::Error> {
        let row: Option<RegistrationViewRow> = on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT r.id, r.activity_id, r.public_id, a.slug AS activity_slug, a.title AS activity_title, \
               r.name, r.email, r.organisation, r.role, r.role_other, r.region, r.lang, r.state, \
               r.waitlist_position, r.offer_expires_at, r.created_at, r.meeting_uid \
             FROM registration r JOIN activity a ON a.id = r.activity_id WHERE r.token_hash = $1"
        )
        .bind(token_hash)
        .fetch_optional(pool)
        .await?
        });
        let Some(row) = row else { return Ok(None) };
        let answers: Vec<(i64, String)> = on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT question_id, value FROM answer WHERE registration_id = $1 ORDER BY question_id"
        )
        .bind(row.id)
        .fetch_all(pool)
        .await?
        });
        Ok(Some(RegistrationView {
            id: row.id,
            activity_id: row.activity_id,
            public_id: row.public_id,
            activity_slug: row.activity_slug,
            activity_title: row.activity_title,
            name: row.name,
            email: row.email,
            organisation: row.organisation,
            role: row.role,
            role_other: row.role_other,
            region: row.region,
            lang: Lang::parse(&row.lang).unwrap_or_default(),
            state: state_of(&row.state)?,
            waitlist_position: row.waitlist_position.map(count),
            offer_expires_at: row.offer_expires_at,
            created_at: row.created_at,
            answers,
            meeting_uid: row.meeting_uid,
        }))
    }

    /// Changes the details and answers of a registration still ahead (see
    /// [`RegistrationState::is_open`]).
    /// Returns false when there is nothing (left) to change.
    pub async fn update_details(
        &self,
        registration_id: i64,
        details: &Details,
        now: Timestamp,
    ) -> Result<bool, sqlx::Error> {
        let changed = write_tx!(self, |tx| {
            let updated = sqlx::query(
                "UPDATE registration SET name = $2, organisation = $3, role = $4, role_other = $5, \
                 region = $6, updated_at = $7 \
                 WHERE id = $1 AND state IN ('confirmed', 'waitlisted', 'offered')",
            )
            .bind(registration_id)
            .bind(&details.name)
            .bind(&details.organisation)
            .bind(&details.role)
            .bind(&details.role_other)
            .bind(&details.region)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if updated == 1 {
                sqlx::query("DELETE FROM answer WHERE registration_id = $1")
                    .bind(registration_id)
                    .execute(&mut *tx)
                    .await?;
                for (question_id, value) in &details.answers {
                    sqlx::query(
                        "INSERT INTO answer (registration_id, question_id, value) VALUES ($1, $2, $3)",
                    )
                    .bind(registration_id)
                    .bind(question_id)
                    .bind(value)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            updated == 1
        });
        Ok(changed)
    }

    /// Cancels a registration, frees its place or waitlist
    /// position, and promotes whoever is next.
    pub async fn cancel_registration(
        &self,
        registration: &RegistrationView,
        now: Timestamp,
    ) -> Result<CancelOutcome, sqlx::Error> {
        let outcome = write_tx!(self, |tx| {
            let lock = lock_activity!(tx, registration.activity_id);
            // Read again under the lock: the state may have changed meanwhile.
            let row: Option<StateRow> = sqlx::query_as(STATE_BY_ID)
                .bind(registration.id)
                .fetch_optional(&mut *tx)
                .await?;
            let Some(row) = row else {
                return Ok(CancelOutcome::NotFound);
            };
            match state_of(&row.state)? {
                RegistrationState::Cancelled => CancelOutcome::AlreadyCancelled,
                RegistrationState::Attended | RegistrationState::NoShow => {
                    CancelOutcome::NotCancellable
                }
                _ => {
                    release!(tx, row, lock, "self", MailKind::Cancelled, now);
                    CancelOutcome::Cancelled
                }
            }
        });
        Ok(outcome)
    }

    /// Accepts an offered place before the offer expires. An expired offer is let go
    /// here and then (the place moves on), as the expiry job would.
    pub async fn accept_offer(
        &self,
        registration: &RegistrationView,
        now: Timestamp,
    ) -> Result<AcceptOutcome, sqlx::Error> {
        let activity_id = registration.activity_id;
        let outcome = write_tx!(self, |tx| {
            let lock = lock_activity!(tx, activity_id);
            let row: Option<StateRow> = sqlx::query_as(STATE_BY_ID)
                .bind(registration.id)
                .fetch_optional(&mut *tx)
                .await?;
            let Some(row) = row else {
                return Ok(AcceptOutcome::NotFound);
            };
            match (state_of(&row.state)?, row.offer_expires_at) {
                (RegistrationState::Offered, Some(until)) if now < until => {
                    sqlx::query(
                        "UPDATE registration SET state = 'confirmed', offer_expires_at = NULL, \
                         updated_at = $2 WHERE id = $1",
                    )
                    .bind(row.id)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    enqueue!(
                        tx,
                        MailKind::Confirmation,
                        registration = Some(row.id),
                        activity = Some(activity_id),
                        to = &row.email,
                        lang = &row.lang,
                        position = None::<i32>,
                        now = now
                    );
                    AcceptOutcome::Confirmed
                }
                (RegistrationState::Offered, _) => {
                    release!(tx, row, lock, "offer_expired", MailKind::OfferExpired, now);
                    AcceptOutcome::Expired
                }
                _ => AcceptOutcome::NoOffer,
            }
        });
        Ok(outcome)
    }

    /// Lets every offer that has expired go and offers the place to the next person.
    /// Returns how many offers expired.
    pub async fn expire_offers(&self, now: Timestamp) -> Result<usize, sqlx::Error> {
        let due: Vec<(i64, i64)> = on_pool!(self, |pool| sqlx::query_as(
            "SELECT id, activity_id FROM registration \
             WHERE state = 'offered' AND offer_expires_at <= $1 ORDER BY offer_expires_at LIMIT 200"
        )
        .bind(now)
        .fetch_all(pool)
        .await?);
        let mut expired = 0;
        for (id, activity_id) in due {
            let done = write_tx!(self, |tx| {
                let lock = lock_activity!(tx, activity_id);
                let row: StateRow = sqlx::query_as(STATE_BY_ID)
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
                let still_due = row.state == "offered"
                    && row.offer_expires_at.is_some_and(|until| until <= now);
                if still_due {
                    release!(tx, row, lock, "offer_expired", MailKind::OfferExpired, now);
                }
                still_due
            });
            expired += usize::from(done);
        }
        Ok(expired)
    }

    /// Queues a reminder for every confirmed registration whose session starts within
    /// `days` days, once per registration and session: for an atelier only the public
    /// meeting it is for (never a meeting for members). Returns how many were queued.
    pub async fn queue_reminders(&self, now: Timestamp, days: u32) -> Result<u64, sqlx::Error> {
        let until = now + Duration::days(i64::from(days));
        let due: Vec<(i64, i64, i64, String, String)> = on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT r.id, r.activity_id, s.id, r.email, r.lang FROM registration r \
             JOIN activity a ON a.id = r.activity_id \
             JOIN session s ON s.activity_id = r.activity_id \
             WHERE r.state = 'confirmed' AND a.status = 'published' \
               AND s.starts_at > $1 AND s.starts_at <= $2 AND NOT s.members_only \
               AND (r.meeting_uid = '' \
                    OR r.meeting_uid = CASE WHEN s.uid = '' THEN 'session-' || s.id ELSE s.uid END) \
               AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.registration_id = r.id \
                               AND o.kind = 'reminder' AND o.session_id = s.id) \
             ORDER BY r.id LIMIT 500"
        )
        .bind(now)
        .bind(until)
        .fetch_all(pool)
        .await?
        });
        let mut queued = 0;
        for (registration_id, activity_id, session_id, email, lang) in due {
            let dedupe = format!("reminder:{registration_id}:{session_id}");
            queued += on_pool!(self, |pool| outbox_row!(
                INSERT_OUTBOX_ONCE,
                MailKind::Reminder,
                registration_id,
                activity_id,
                session_id,
                &email,
                &lang,
                None::<i32>,
                &dedupe,
                now
            )
            .execute(pool)
            .await?
            .rows_affected());
        }
        Ok(queued)
    }
}
