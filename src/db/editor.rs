//! The activity editor's storage: create and change activities, their sessions with
//! program and venue, and their questions; move them through their statuses; make a
//! next edition. Every change is one transaction with its audit row and the emails it
//! causes (an update to registrants when a published activity's time, venue or
//! program changes; a cancellation to everyone registered).
//!
//! Changes that can move places (capacity, a session's own limit) lock the activity's
//! row first ([`LOCK_ACTIVITY`]), exactly as registrations do, and give freed places
//! to the waitlist under that lock.

use chrono::{Duration, NaiveDate};
use chrono_tz::Europe::Amsterdam;
use serde_json::json;

use super::catalog::{Timestamp, VenueRow};
use super::registration::{
    INSERT_OUTBOX, LOCK_ACTIVITY, LockRow, MailKind, enqueue, lock_activity, message_id,
    outbox_row, promote_waiting,
};
use super::{Db, count};
use crate::db::account::audit;
use crate::domain::activity::{ActivityKind, ActivityStatus};
use crate::domain::editor::{
    Change, PersonName, SessionSnapshot, StatusAction, ValidActivity, ValidProgramItem,
    ValidQuestion, ValidSession, amsterdam, capacity_below_taken, editable, session_changes,
    transition,
};
use crate::domain::registration::{RegistrationState, capacity};
use crate::domain::slug::Slug;
use crate::{on_pool, write_tx};

/// An activity as the back office finds it: enough to check who may touch it.
#[derive(Clone, Debug)]
pub struct ActivityAccess {
    pub id: i64,
    pub public_id: String,
    pub slug: String,
    pub kind: ActivityKind,
    pub status: ActivityStatus,
    pub title: String,
    /// Host organisations, first the one that made it.
    pub organisations: Vec<i64>,
}

#[derive(sqlx::FromRow)]
struct AccessRow {
    id: i64,
    public_id: String,
    slug: String,
    kind: String,
    status: String,
    title: String,
}

/// Everything the activity form shows, as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EditorRow {
    pub subtitle: String,
    pub summary: String,
    pub body: String,
    pub region: String,
    pub cost_cents: Option<i32>,
    pub cost_note: String,
    pub time_investment: String,
    pub recurrence_note: String,
    pub participation_note: String,
    pub capacity: Option<i32>,
    pub waitlist_enabled: bool,
    pub registration_open: bool,
    pub promotion: String,
    pub offer_hours: i32,
    pub registration_opens_at: Option<Timestamp>,
    pub registration_closes_at: Option<Timestamp>,
    pub organiser_email: String,
    pub confirmed_count: i32,
    pub waitlist_count: i32,
    pub contact_name: Option<String>,
    pub contact_affiliation: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
}

/// The activity form's stored values with its lists.
#[derive(Clone, Debug)]
pub struct EditorActivity {
    pub row: EditorRow,
    pub themes: Vec<String>,
    pub audiences: Vec<String>,
    pub prerequisites: Vec<String>,
    pub facilitators: Vec<PersonName>,
    pub links: Vec<(String, String)>,
}

/// What became of a save.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveOutcome {
    /// Saved; `notified` registrants get an update email.
    Saved { notified: u64 },
    /// Cancelled or archived: nothing may change.
    NotEditable(ActivityStatus),
    /// The new limit is below the places already taken, and the organiser did not
    /// agree yet.
    CapacityBelowTaken { taken: u32 },
    /// The session or question is not (or no longer) part of this activity.
    NotFound,
}

/// What became of a status change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusOutcome {
    Changed {
        status: ActivityStatus,
        notified: u64,
    },
    /// Not a step this status allows.
    NotAllowed(ActivityStatus),
}

/// What became of a request to delete an activity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeleteOutcome {
    Deleted,
    /// Only drafts can go.
    NotDraft(ActivityStatus),
    /// Someone registered (also when cancelled since): keep the record.
    HasRegistrations,
}

/// A new venue typed in the session form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewVenue {
    pub name: String,
    pub address: String,
    pub postcode: String,
    pub city: String,
    pub route_transit: String,
    pub route_car: String,
    pub accessibility: String,
}

/// A session form, checked: the session, a venue to create (instead of a chosen
/// one) and the program.
#[derive(Clone, Debug)]
pub struct SessionContent {
    pub session: ValidSession,
    pub new_venue: Option<NewVenue>,
    pub program: Vec<ValidProgramItem>,
}

/// Who does it, and when.
#[derive(Clone, Copy, Debug)]
pub struct Actor {
    pub account_id: i64,
    pub organisation_id: i64,
    pub now: Timestamp,
}

/// Registrations that hear about changes: everyone with a place (also who already
/// came to an earlier session), an offer or a waitlist position.
const INFORMED_STATES: &str = "('confirmed', 'offered', 'attended', 'no_show', 'waitlisted')";

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

/// A free slug in `$table` from `$base`: the base itself, or with -2, -3 … added.
macro_rules! unique_slug {
    ($tx:ident, $table:literal, $base:expr) => {{
        let mut base: String = $base;
        base.truncate(Slug::MAX_LEN - 4);
        let base = base.trim_end_matches('-').to_owned();
        let taken: Vec<String> = sqlx::query_scalar(concat!(
            "SELECT slug FROM ",
            $table,
            " WHERE slug = $1 OR slug LIKE $2"
        ))
        .bind(&base)
        .bind(format!("{base}-%"))
        .fetch_all(&mut *$tx)
        .await?;
        let mut slug = base.clone();
        let mut n = 2;
        while taken.contains(&slug) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        slug
    }};
}

/// The profile of a named person: an existing one with exactly these public facts,
/// or a new one. An existing profile is never changed from here, because other
/// organisations' pages may show it too.
macro_rules! person_profile {
    ($tx:ident, $name:expr, $affiliation:expr, $email:expr, $phone:expr, $now:expr) => {{
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM profile WHERE name = $1 AND affiliation = $2 AND email = $3 \
             AND phone = $4 ORDER BY id LIMIT 1",
        )
        .bind($name)
        .bind($affiliation)
        .bind($email)
        .bind($phone)
        .fetch_optional(&mut *$tx)
        .await?;
        match found {
            Some(id) => id,
            None => {
                let base = Slug::from_title($name)
                    .map(|s| s.as_str().to_owned())
                    .unwrap_or_else(|| "persoon".to_owned());
                let slug = unique_slug!($tx, "profile", base);
                sqlx::query_scalar::<_, i64>(
                    "INSERT INTO profile (slug, name, affiliation, email, phone, created_at, \
                     updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
                )
                .bind(slug)
                .bind($name)
                .bind($affiliation)
                .bind($email)
                .bind($phone)
                .bind($now)
                .fetch_one(&mut *$tx)
                .await?
            }
        }
    }};
}

/// The profiles of named people (speakers, kartrekkers), made where missing, each
/// once, in the order given.
macro_rules! profile_ids {
    ($tx:ident, $people:expr, $now:expr) => {{
        let mut ids: Vec<i64> = Vec::new();
        for person in $people {
            let person: &PersonName = person;
            let id = person_profile!($tx, &person.name, &person.affiliation, "", "", $now);
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }};
}

/// Writes the activity's own columns and lists from a checked form (`$id` exists).
macro_rules! write_activity {
    ($tx:ident, $id:expr, $valid:expr, $now:expr) => {{
        let valid: &ValidActivity = $valid;
        let contact: Option<i64> = match &valid.contact {
            Some(c) => Some(person_profile!(
                $tx,
                &c.name,
                &c.affiliation,
                &c.email,
                &c.phone,
                $now
            )),
            None => None,
        };
        sqlx::query(
            "UPDATE activity SET title = $2, subtitle = $3, summary = $4, body = $5, \
             region = $6, cost_cents = $7, cost_note = $8, time_investment = $9, \
             recurrence_note = $10, participation_note = $11, capacity = $12, \
             waitlist_enabled = $13, registration_open = $14, promotion = $15, \
             offer_hours = $16, registration_opens_at = $17, registration_closes_at = $18, \
             organiser_email = $19, contact_profile_id = $20, revision = revision + 1, \
             updated_at = $21 WHERE id = $1",
        )
        .bind($id)
        .bind(&valid.title)
        .bind(&valid.subtitle)
        .bind(&valid.summary)
        .bind(&valid.body)
        .bind(&valid.region)
        .bind(
            valid
                .cost_cents
                .map(|c| i32::try_from(c).unwrap_or(i32::MAX)),
        )
        .bind(&valid.cost_note)
        .bind(&valid.time_investment)
        .bind(&valid.recurrence_note)
        .bind(&valid.participation_note)
        .bind(valid.capacity.map(|c| i32::try_from(c).unwrap_or(i32::MAX)))
        .bind(valid.waitlist_enabled)
        .bind(valid.registration_open)
        .bind(valid.promotion)
        .bind(i32::try_from(valid.offer_hours).unwrap_or(48))
        .bind(valid.opens_at)
        .bind(valid.closes_at)
        .bind(&valid.organiser_email)
        .bind(contact)
        .bind($now)
        .execute(&mut *$tx)
        .await?;
        for sql in [
            "DELETE FROM activity_theme WHERE activity_id = $1",
            "DELETE FROM activity_audience WHERE activity_id = $1",
            "DELETE FROM activity_prerequisite WHERE activity_id = $1",
            "DELETE FROM activity_facilitator WHERE activity_id = $1",
            "DELETE FROM activity_link WHERE activity_id = $1",
        ] {
            sqlx::query(sql).bind($id).execute(&mut *$tx).await?;
        }
        for theme in &valid.themes {
            sqlx::query(
                "INSERT INTO activity_theme (activity_id, theme_id) \
                 SELECT $1, id FROM theme WHERE slug = $2",
            )
            .bind($id)
            .bind(theme)
            .execute(&mut *$tx)
            .await?;
        }
        for audience in &valid.audiences {
            sqlx::query(
                "INSERT INTO activity_audience (activity_id, audience_id) \
                 SELECT $1, id FROM audience WHERE slug = $2",
            )
            .bind($id)
            .bind(audience)
            .execute(&mut *$tx)
            .await?;
        }
        for required in &valid.prerequisites {
            sqlx::query(
                "INSERT INTO activity_prerequisite (activity_id, required_activity_id) \
                 SELECT $1, id FROM activity WHERE slug = $2 AND id <> $1",
            )
            .bind($id)
            .bind(required)
            .execute(&mut *$tx)
            .await?;
        }
        let facilitators = profile_ids!($tx, &valid.facilitators, $now);
        for (position, profile) in facilitators.iter().enumerate() {
            sqlx::query(
                "INSERT INTO activity_facilitator (activity_id, profile_id, position) \
                 VALUES ($1, $2, $3)",
            )
            .bind($id)
            .bind(profile)
            .bind(position as i32)
            .execute(&mut *$tx)
            .await?;
        }
        for (position, (title, url)) in valid.links.iter().enumerate() {
            sqlx::query(
                "INSERT INTO activity_link (activity_id, position, title, url) \
                 VALUES ($1, $2, $3, $4)",
            )
            .bind($id)
            .bind(position as i32)
            .bind(title)
            .bind(url)
            .execute(&mut *$tx)
            .await?;
        }
    }};
}

/// Locks the activity's row and, when its places went up, gives them to the
/// waitlist. Evaluates to the lock row.
macro_rules! lock_and_promote {
    ($tx:ident, $id:expr, $now:expr) => {{
        let lock = lock_activity!($tx, $id);
        let taken = count(lock.confirmed_count);
        promote_waiting!($tx, $id, lock, taken, $now);
        lock
    }};
}

/// A session as registrants know it (see [`SessionSnapshot`]).
macro_rules! session_snapshot {
    ($tx:ident, $session_id:expr) => {{
        let row: Option<(Timestamp, Timestamp, Option<String>)> = sqlx::query_as(
            "SELECT s.starts_at, s.ends_at, v.name FROM session s \
             LEFT JOIN venue v ON v.id = s.venue_id WHERE s.id = $1",
        )
        .bind($session_id)
        .fetch_optional(&mut *$tx)
        .await?;
        match row {
            None => None,
            Some((starts_at, ends_at, venue)) => {
                let items: Vec<(i64, Option<Timestamp>, String, String)> = sqlx::query_as(
                    "SELECT id, starts_at, title, description FROM program_item \
                     WHERE session_id = $1 ORDER BY position, id",
                )
                .bind($session_id)
                .fetch_all(&mut *$tx)
                .await?;
                let speakers: Vec<(i64, String)> = sqlx::query_as(
                    "SELECT k.program_item_id, p.name FROM program_item_speaker k \
                     JOIN profile p ON p.id = k.profile_id \
                     JOIN program_item i ON i.id = k.program_item_id \
                     WHERE i.session_id = $1 ORDER BY k.program_item_id, k.position",
                )
                .bind($session_id)
                .fetch_all(&mut *$tx)
                .await?;
                let program = items.into_iter().map(|(id, at, title, description)| {
                    let names: Vec<&str> = speakers
                        .iter()
                        .filter(|(item, _)| *item == id)
                        .map(|(_, name)| name.as_str())
                        .collect();
                    format!(
                        "{} {title} {description} {}",
                        at.map(|t| t.to_rfc3339()).unwrap_or_default(),
                        names.join(", ")
                    )
                });
                Some(SessionSnapshot {
                    starts_at,
                    ends_at,
                    venue,
                    program: program.collect(),
                })
            }
        }
    }};
}

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

/// Writes a session's program from a checked form, replacing the old one.
macro_rules! write_program {
    ($tx:ident, $session_id:expr, $program:expr, $now:expr) => {{
        sqlx::query("DELETE FROM program_item WHERE session_id = $1")
            .bind($session_id)
            .execute(&mut *$tx)
            .await?;
        for (position, item) in $program.iter().enumerate() {
            let item: &ValidProgramItem = item;
            let item_id: i64 = sqlx::query_scalar(
                "INSERT INTO program_item (session_id, position, starts_at, kind, title, \
                 description) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            )
            .bind($session_id)
            .bind(position as i32)
            .bind(item.starts_at)
            .bind(item.kind.as_str())
            .bind(&item.title)
            .bind(&item.description)
            .fetch_one(&mut *$tx)
            .await?;
            let speakers = profile_ids!($tx, &item.speakers, $now);
            for (position, profile) in speakers.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO program_item_speaker (program_item_id, profile_id, position) \
                     VALUES ($1, $2, $3)",
                )
                .bind(item_id)
                .bind(profile)
                .bind(position as i32)
                .execute(&mut *$tx)
                .await?;
            }
        }
    }};
}

/// The status of the locked activity, or an early `NotEditable`.
macro_rules! require_editable {
    ($lock:expr) => {{
        let status = ActivityStatus::parse(&$lock.status)
            .ok_or_else(|| super::decode_error("activity.status", &$lock.status))?;
        if !editable(status) {
            return Ok(SaveOutcome::NotEditable(status));
        }
        status
    }};
}

/// A session to copy: id, start, end, venue, title, places.
type SessionCopyRow = (i64, Timestamp, Timestamp, Option<i64>, String, Option<i32>);

/// Shifts a moment by `days` calendar days keeping its Dutch wall-clock time.
fn shift_days(at: Timestamp, days: i64) -> Timestamp {
    let local = at.with_timezone(&Amsterdam).naive_local() + Duration::days(days);
    amsterdam(local).unwrap_or(at + Duration::days(days))
}

fn u32_to_i32(value: Option<u32>) -> Option<i32> {
    value.map(|v| i32::try_from(v).unwrap_or(i32::MAX))
}

impl Db {
    /// The activity behind a back-office URL, with its hosts; `None` when unknown.
    pub async fn activity_access(&self, public_id: &str) -> sqlx::Result<Option<ActivityAccess>> {
        on_pool!(self, |pool| {
            let row: Option<AccessRow> = sqlx::query_as(
                "SELECT id, public_id, slug, kind, status, title FROM activity WHERE public_id = $1",
            )
            .bind(public_id)
            .fetch_optional(pool)
            .await?;
            let Some(row) = row else { return Ok(None) };
            let organisations: Vec<i64> = sqlx::query_scalar(
                "SELECT organisation_id FROM activity_organisation WHERE activity_id = $1 \
                 ORDER BY position, organisation_id",
            )
            .bind(row.id)
            .fetch_all(pool)
            .await?;
            Ok(Some(ActivityAccess {
                kind: ActivityKind::parse(&row.kind)
                    .ok_or_else(|| super::decode_error("activity.kind", &row.kind))?,
                status: ActivityStatus::parse(&row.status)
                    .ok_or_else(|| super::decode_error("activity.status", &row.status))?,
                id: row.id,
                public_id: row.public_id,
                slug: row.slug,
                title: row.title,
                organisations,
            }))
        })
    }

    /// The activity form's stored values.
    pub async fn editor_activity(&self, id: i64) -> sqlx::Result<Option<EditorActivity>> {
        on_pool!(self, |pool| {
            let row: Option<EditorRow> = sqlx::query_as(
                "SELECT a.subtitle, a.summary, a.body, a.region, a.cost_cents, a.cost_note, \
                 a.time_investment, a.recurrence_note, a.participation_note, a.capacity, \
                 a.waitlist_enabled, a.registration_open, a.promotion, a.offer_hours, \
                 a.registration_opens_at, a.registration_closes_at, a.organiser_email, \
                 a.confirmed_count, a.waitlist_count, p.name AS contact_name, \
                 p.affiliation AS contact_affiliation, p.email AS contact_email, \
                 p.phone AS contact_phone \
                 FROM activity a LEFT JOIN profile p ON p.id = a.contact_profile_id WHERE a.id = $1",
            )
            .bind(id)
            .fetch_optional(pool)
            .await?;
            let Some(row) = row else { return Ok(None) };
            let themes: Vec<String> = sqlx::query_scalar(
                "SELECT t.slug FROM theme t JOIN activity_theme x ON x.theme_id = t.id \
                 WHERE x.activity_id = $1",
            )
            .bind(id)
            .fetch_all(pool)
            .await?;
            let audiences: Vec<String> = sqlx::query_scalar(
                "SELECT t.slug FROM audience t JOIN activity_audience x ON x.audience_id = t.id \
                 WHERE x.activity_id = $1",
            )
            .bind(id)
            .fetch_all(pool)
            .await?;
            let prerequisites: Vec<String> = sqlx::query_scalar(
                "SELECT a.slug FROM activity a JOIN activity_prerequisite x \
                 ON x.required_activity_id = a.id WHERE x.activity_id = $1",
            )
            .bind(id)
            .fetch_all(pool)
            .await?;
            let facilitators: Vec<(String, String)> = sqlx::query_as(
                "SELECT p.name, p.affiliation FROM profile p JOIN activity_facilitator x \
                 ON x.profile_id = p.id WHERE x.activity_id = $1 ORDER BY x.position",
            )
            .bind(id)
            .fetch_all(pool)
            .await?;
            let links: Vec<(String, String)> = sqlx::query_as(
                "SELECT title, url FROM activity_link WHERE activity_id = $1 ORDER BY position, id",
            )
            .bind(id)
            .fetch_all(pool)
            .await?;
            Ok(Some(EditorActivity {
                row,
                themes,
                audiences,
                prerequisites,
                facilitators: facilitators
                    .into_iter()
                    .map(|(name, affiliation)| PersonName { name, affiliation })
                    .collect(),
                links,
            }))
        })
    }

    /// How many registrants hear about a change (see [`INFORMED_STATES`]).
    pub async fn informed_count(&self, activity_id: i64) -> sqlx::Result<i64> {
        let sql = format!(
            "SELECT COUNT(*) FROM registration WHERE activity_id = $1 AND state IN {INFORMED_STATES}"
        );
        on_pool!(self, |pool| sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .bind(activity_id)
            .fetch_one(pool)
            .await)
    }

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
    /// transaction; returns how many.
    pub async fn write_to_registrants(
        &self,
        activity_id: i64,
        to: Recipients,
        subject: &str,
        message: &str,
        actor: Actor,
    ) -> sqlx::Result<u64> {
        let now = actor.now;
        Ok(write_tx!(self, |tx| {
            let sent = tell_registrants!(
                tx,
                activity_id,
                to.states(),
                MailKind::Organiser,
                json!({ "subject": subject, "message": message }),
                now
            );
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = Some(activity_id),
                registration = None::<i64>,
                account = actor.account_id,
                action = "message_sent",
                detail = format!("{} × {}: {subject}", sent, to.as_str()),
                now = now
            );
            sent
        }))
    }

    /// Every venue, for reuse in session forms.
    pub async fn venues(&self) -> sqlx::Result<Vec<VenueRow>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT id, slug, name, address, postcode, city, route_car, route_transit, \
             accessibility FROM venue ORDER BY name, city"
        )
        .fetch_all(pool)
        .await)
    }

    /// Creates a draft activity hosted by the actor's organisation. Returns its public
    /// id.
    pub async fn create_activity(
        &self,
        kind: ActivityKind,
        valid: &ValidActivity,
        actor: Actor,
    ) -> sqlx::Result<String> {
        let public_id = super::new_public_key();
        let base = Slug::from_title(&valid.title)
            .map(|s| s.as_str().to_owned())
            .unwrap_or_else(|| kind.as_str().to_owned());
        let now = actor.now;
        Ok(write_tx!(self, |tx| {
            let slug = unique_slug!(tx, "activity", base);
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO activity (slug, public_id, kind, title, status, created_at, \
                 updated_at) VALUES ($1, $2, $3, $4, 'draft', $5, $5) RETURNING id",
            )
            .bind(&slug)
            .bind(&public_id)
            .bind(kind.as_str())
            .bind(&valid.title)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO activity_organisation (activity_id, organisation_id, position) \
                 VALUES ($1, $2, 0)",
            )
            .bind(id)
            .bind(actor.organisation_id)
            .execute(&mut *tx)
            .await?;
            write_activity!(tx, id, valid, now);
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = Some(id),
                registration = None::<i64>,
                account = actor.account_id,
                action = "activity_created",
                detail = &valid.title,
                now = now
            );
            public_id.clone()
        }))
    }

    /// Saves the activity form. Capacity below the places taken needs `consent`: nobody
    /// loses a place, newcomers wait. More places go to the waitlist at once.
    pub async fn update_activity(
        &self,
        id: i64,
        valid: &ValidActivity,
        consent: bool,
        actor: Actor,
    ) -> sqlx::Result<SaveOutcome> {
        let now = actor.now;
        Ok(write_tx!(self, |tx| {
            let lock = lock_activity!(tx, id);
            require_editable!(lock);
            let taken = count(lock.confirmed_count);
            let places = capacity(valid.capacity, lock.session_capacity.map(count));
            if !consent && capacity_below_taken(places, taken) {
                return Ok(SaveOutcome::CapacityBelowTaken { taken });
            }
            write_activity!(tx, id, valid, now);
            lock_and_promote!(tx, id, now);
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = Some(id),
                registration = None::<i64>,
                account = actor.account_id,
                action = "activity_updated",
                detail = &valid.title,
                now = now
            );
            SaveOutcome::Saved { notified: 0 }
        }))
    }

    /// Creates (`session_id` `None`) or changes a session with its program. When the
    /// activity is published and `notify` is on, registrants get an update email
    /// listing what changed.
    pub async fn save_session(
        &self,
        activity_id: i64,
        session_id: Option<i64>,
        content: &SessionContent,
        notify: bool,
        consent: bool,
        actor: Actor,
    ) -> sqlx::Result<SaveOutcome> {
        let now = actor.now;
        let valid = &content.session;
        Ok(write_tx!(self, |tx| {
            let lock = lock_activity!(tx, activity_id);
            let status = require_editable!(lock);
            if let Some(session_id) = session_id {
                let ours: Option<i64> =
                    sqlx::query_scalar("SELECT id FROM session WHERE id = $1 AND activity_id = $2")
                        .bind(session_id)
                        .bind(activity_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                if ours.is_none() {
                    return Ok(SaveOutcome::NotFound);
                }
            }
            // The smallest session limit once this one is saved.
            let others: Option<i32> = sqlx::query_scalar(
                "SELECT MIN(capacity) FROM session WHERE activity_id = $1 AND id <> $2",
            )
            .bind(activity_id)
            .bind(session_id.unwrap_or(0))
            .fetch_one(&mut *tx)
            .await?;
            let session_places = match (others.map(count), valid.capacity) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            let taken = count(lock.confirmed_count);
            let places = capacity(lock.capacity.map(count), session_places);
            if !consent && capacity_below_taken(places, taken) {
                return Ok(SaveOutcome::CapacityBelowTaken { taken });
            }
            let venue_id: Option<i64> = match (&content.new_venue, &valid.venue) {
                (Some(venue), _) => {
                    let base = Slug::from_title(&format!("{} {}", venue.name, venue.city))
                        .map(|s| s.as_str().to_owned())
                        .unwrap_or_else(|| "locatie".to_owned());
                    let slug = unique_slug!(tx, "venue", base);
                    Some(
                        sqlx::query_scalar(
                            "INSERT INTO venue (slug, name, address, postcode, city, route_car, \
                             route_transit, accessibility, created_at, updated_at) \
                             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
                        )
                        .bind(slug)
                        .bind(&venue.name)
                        .bind(&venue.address)
                        .bind(&venue.postcode)
                        .bind(&venue.city)
                        .bind(&venue.route_car)
                        .bind(&venue.route_transit)
                        .bind(&venue.accessibility)
                        .bind(now)
                        .fetch_one(&mut *tx)
                        .await?,
                    )
                }
                (None, Some(slug)) => {
                    sqlx::query_scalar("SELECT id FROM venue WHERE slug = $1")
                        .bind(slug)
                        .fetch_optional(&mut *tx)
                        .await?
                }
                (None, None) => None,
            };
            let before = match session_id {
                Some(id) => session_snapshot!(tx, id),
                None => None,
            };
            let id: i64 =
                match session_id {
                    Some(id) => {
                        sqlx::query(
                            "UPDATE session SET starts_at = $2, ends_at = $3, venue_id = $4, \
                         title = $5, capacity = $6 WHERE id = $1",
                        )
                        .bind(id)
                        .bind(valid.starts_at)
                        .bind(valid.ends_at)
                        .bind(venue_id)
                        .bind(&valid.title)
                        .bind(u32_to_i32(valid.capacity))
                        .execute(&mut *tx)
                        .await?;
                        id
                    }
                    None => sqlx::query_scalar(
                        "INSERT INTO session (activity_id, starts_at, ends_at, venue_id, title, \
                         capacity, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                    )
                    .bind(activity_id)
                    .bind(valid.starts_at)
                    .bind(valid.ends_at)
                    .bind(venue_id)
                    .bind(&valid.title)
                    .bind(u32_to_i32(valid.capacity))
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await?,
                };
            write_program!(tx, id, content.program, now);
            let after = session_snapshot!(tx, id);
            sqlx::query(
                "UPDATE activity SET revision = revision + 1, updated_at = $2 WHERE id = $1",
            )
            .bind(activity_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            lock_and_promote!(tx, activity_id, now);
            let changes = session_changes(before.as_ref(), after.as_ref());
            let notified = if notify && status == ActivityStatus::Published && !changes.is_empty() {
                tell_registrants!(
                    tx,
                    activity_id,
                    MailKind::Updated,
                    json!({ "changes": changes }),
                    now
                )
            } else {
                0
            };
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = Some(activity_id),
                registration = None::<i64>,
                account = actor.account_id,
                action = if session_id.is_some() {
                    "session_updated"
                } else {
                    "session_added"
                },
                detail = change_detail(&changes, valid.starts_at, notified),
                now = now
            );
            SaveOutcome::Saved { notified }
        }))
    }

    /// Removes a session (and its program). Registrants of a published activity are
    /// told when `notify` is on.
    pub async fn delete_session(
        &self,
        activity_id: i64,
        session_id: i64,
        notify: bool,
        actor: Actor,
    ) -> sqlx::Result<SaveOutcome> {
        let now = actor.now;
        Ok(write_tx!(self, |tx| {
            let lock = lock_activity!(tx, activity_id);
            let status = require_editable!(lock);
            let before = session_snapshot!(tx, session_id);
            let deleted = sqlx::query("DELETE FROM session WHERE id = $1 AND activity_id = $2")
                .bind(session_id)
                .bind(activity_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if deleted == 0 {
                return Ok(SaveOutcome::NotFound);
            }
            sqlx::query(
                "UPDATE activity SET revision = revision + 1, updated_at = $2 WHERE id = $1",
            )
            .bind(activity_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            // A dropped session may have been the one with the fewest places.
            lock_and_promote!(tx, activity_id, now);
            let changes = session_changes(before.as_ref(), None);
            let notified = if notify && status == ActivityStatus::Published {
                tell_registrants!(
                    tx,
                    activity_id,
                    MailKind::Updated,
                    json!({ "changes": changes }),
                    now
                )
            } else {
                0
            };
            let starts_at = before.map(|b| b.starts_at).unwrap_or(now);
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = Some(activity_id),
                registration = None::<i64>,
                account = actor.account_id,
                action = "session_removed",
                detail = change_detail(&changes, starts_at, notified),
                now = now
            );
            SaveOutcome::Saved { notified }
        }))
    }

    /// Adds (`question_id` `None`) or changes a question of the activity's form.
    pub async fn save_question(
        &self,
        activity_id: i64,
        question_id: Option<i64>,
        question: &ValidQuestion,
        actor: Actor,
    ) -> sqlx::Result<SaveOutcome> {
        let now = actor.now;
        let kind = match question.kind {
            crate::domain::registration::QuestionKind::Text => "text",
            crate::domain::registration::QuestionKind::Choice => "choice",
        };
        Ok(write_tx!(self, |tx| {
            let lock = lock_activity!(tx, activity_id);
            require_editable!(lock);
            let changed = match question_id {
                Some(id) => sqlx::query(
                    "UPDATE question SET kind = $3, label = $4, help = $5, required = $6, \
                     options = $7 WHERE id = $1 AND activity_id = $2",
                )
                .bind(id)
                .bind(activity_id)
                .bind(kind)
                .bind(&question.label)
                .bind(&question.help)
                .bind(question.required)
                .bind(&question.options)
                .execute(&mut *tx)
                .await?
                .rows_affected(),
                None => sqlx::query(
                    "INSERT INTO question (activity_id, position, kind, label, help, required, \
                     options) SELECT $1, COALESCE(MAX(position), 0) + 1, $2, $3, $4, $5, $6 \
                     FROM question WHERE activity_id = $1",
                )
                .bind(activity_id)
                .bind(kind)
                .bind(&question.label)
                .bind(&question.help)
                .bind(question.required)
                .bind(&question.options)
                .execute(&mut *tx)
                .await?
                .rows_affected(),
            };
            if changed == 0 {
                return Ok(SaveOutcome::NotFound);
            }
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = Some(activity_id),
                registration = None::<i64>,
                account = actor.account_id,
                action = if question_id.is_some() {
                    "question_updated"
                } else {
                    "question_added"
                },
                detail = &question.label,
                now = now
            );
            SaveOutcome::Saved { notified: 0 }
        }))
    }

    /// Removes a question and its answers.
    pub async fn delete_question(
        &self,
        activity_id: i64,
        question_id: i64,
        actor: Actor,
    ) -> sqlx::Result<SaveOutcome> {
        let now = actor.now;
        Ok(write_tx!(self, |tx| {
            let lock = lock_activity!(tx, activity_id);
            require_editable!(lock);
            let label: Option<String> = sqlx::query_scalar(
                "DELETE FROM question WHERE id = $1 AND activity_id = $2 RETURNING label",
            )
            .bind(question_id)
            .bind(activity_id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(label) = label else {
                return Ok(SaveOutcome::NotFound);
            };
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = Some(activity_id),
                registration = None::<i64>,
                account = actor.account_id,
                action = "question_removed",
                detail = label,
                now = now
            );
            SaveOutcome::Saved { notified: 0 }
        }))
    }

    /// Publishes, cancels or archives. Cancelling emails everyone registered, with
    /// the organiser's `message` when given.
    pub async fn change_status(
        &self,
        activity_id: i64,
        action: StatusAction,
        message: &str,
        actor: Actor,
    ) -> sqlx::Result<StatusOutcome> {
        let now = actor.now;
        Ok(write_tx!(self, |tx| {
            let lock = lock_activity!(tx, activity_id);
            let current = ActivityStatus::parse(&lock.status)
                .ok_or_else(|| super::decode_error("activity.status", &lock.status))?;
            let Some(next) = transition(current, action) else {
                return Ok(StatusOutcome::NotAllowed(current));
            };
            sqlx::query(
                "UPDATE activity SET status = $2, revision = revision + 1, updated_at = $3 \
                 WHERE id = $1",
            )
            .bind(activity_id)
            .bind(next.as_str())
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let notified = if action == StatusAction::Cancel {
                tell_registrants!(
                    tx,
                    activity_id,
                    MailKind::ActivityCancelled,
                    json!({ "message": message }),
                    now
                )
            } else {
                0
            };
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = Some(activity_id),
                registration = None::<i64>,
                account = actor.account_id,
                action = format!("activity_{}", next.as_str()),
                detail = if notified > 0 {
                    format!("{notified} e-mails")
                } else {
                    String::new()
                },
                now = now
            );
            StatusOutcome::Changed {
                status: next,
                notified,
            }
        }))
    }

    /// Deletes a draft that never had a registration, with its sessions, program and
    /// questions. Anything else stays: cancel or archive it instead, so nobody who
    /// registered loses the record of it.
    pub async fn delete_draft(
        &self,
        activity_id: i64,
        actor: Actor,
    ) -> sqlx::Result<DeleteOutcome> {
        let now = actor.now;
        Ok(write_tx!(self, |tx| {
            let lock = lock_activity!(tx, activity_id);
            let status = ActivityStatus::parse(&lock.status)
                .ok_or_else(|| super::decode_error("activity.status", &lock.status))?;
            if status != ActivityStatus::Draft {
                return Ok(DeleteOutcome::NotDraft(status));
            }
            let registrations: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM registration WHERE activity_id = $1")
                    .bind(activity_id)
                    .fetch_one(&mut *tx)
                    .await?;
            if registrations > 0 {
                return Ok(DeleteOutcome::HasRegistrations);
            }
            let title: String = sqlx::query_scalar("SELECT title FROM activity WHERE id = $1")
                .bind(activity_id)
                .fetch_one(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM activity WHERE id = $1")
                .bind(activity_id)
                .execute(&mut *tx)
                .await?;
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = None::<i64>,
                registration = None::<i64>,
                account = actor.account_id,
                action = "activity_deleted",
                detail = &title,
                now = now
            );
            DeleteOutcome::Deleted
        }))
    }

    /// Copies an activity as a draft next edition whose first session falls on
    /// `first_date`; every session (and the registration window) moves by the same
    /// number of days at the same Dutch wall-clock times. Registrations are not
    /// copied. Returns the new public id.
    pub async fn duplicate_activity(
        &self,
        activity_id: i64,
        first_date: NaiveDate,
        actor: Actor,
    ) -> sqlx::Result<String> {
        let now = actor.now;
        let public_id = super::new_public_key();
        Ok(write_tx!(self, |tx| {
            let (slug, title, first): (String, String, Option<Timestamp>) = sqlx::query_as(
                "SELECT slug, title, (SELECT MIN(starts_at) FROM session WHERE activity_id = $1) \
                 FROM activity WHERE id = $1",
            )
            .bind(activity_id)
            .fetch_one(&mut *tx)
            .await?;
            let days = first
                .map(|f| (first_date - f.with_timezone(&Amsterdam).date_naive()).num_days())
                .unwrap_or(0);
            let base = format!("{}-{}", slug_stem(&slug), first_date.format("%Y-%m-%d"));
            let new_slug = unique_slug!(tx, "activity", base);
            let window: (Option<Timestamp>, Option<Timestamp>) = sqlx::query_as(
                "SELECT registration_opens_at, registration_closes_at FROM activity WHERE id = $1",
            )
            .bind(activity_id)
            .fetch_one(&mut *tx)
            .await?;
            let new_id: i64 = sqlx::query_scalar(
                "INSERT INTO activity (slug, public_id, kind, title, subtitle, summary, body, \
                 status, region, cost_cents, cost_note, time_investment, recurrence_note, \
                 participation_note, contact_profile_id, capacity, waitlist_enabled, \
                 registration_open, promotion, offer_hours, organiser_email, \
                 registration_opens_at, registration_closes_at, created_at, updated_at) \
                 SELECT $2, $3, kind, title, subtitle, summary, body, 'draft', region, \
                 cost_cents, cost_note, time_investment, recurrence_note, participation_note, \
                 contact_profile_id, capacity, waitlist_enabled, registration_open, promotion, \
                 offer_hours, organiser_email, $4, $5, $6, $6 FROM activity WHERE id = $1 \
                 RETURNING id",
            )
            .bind(activity_id)
            .bind(&new_slug)
            .bind(&public_id)
            .bind(window.0.map(|t| shift_days(t, days)))
            .bind(window.1.map(|t| shift_days(t, days)))
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            for sql in [
                "INSERT INTO activity_theme (activity_id, theme_id) \
                 SELECT $2, theme_id FROM activity_theme WHERE activity_id = $1",
                "INSERT INTO activity_audience (activity_id, audience_id) \
                 SELECT $2, audience_id FROM activity_audience WHERE activity_id = $1",
                "INSERT INTO activity_organisation (activity_id, organisation_id, position) \
                 SELECT $2, organisation_id, position FROM activity_organisation WHERE activity_id = $1",
                "INSERT INTO activity_facilitator (activity_id, profile_id, position) \
                 SELECT $2, profile_id, position FROM activity_facilitator WHERE activity_id = $1",
                "INSERT INTO activity_prerequisite (activity_id, required_activity_id) \
                 SELECT $2, required_activity_id FROM activity_prerequisite WHERE activity_id = $1",
                "INSERT INTO activity_link (activity_id, position, title, url) \
                 SELECT $2, position, title, url FROM activity_link WHERE activity_id = $1",
                "INSERT INTO question (activity_id, position, kind, label, help, required, options) \
                 SELECT $2, position, kind, label, help, required, options FROM question \
                 WHERE activity_id = $1",
            ] {
                sqlx::query(sql)
                    .bind(activity_id)
                    .bind(new_id)
                    .execute(&mut *tx)
                    .await?;
            }
            let sessions: Vec<SessionCopyRow> = sqlx::query_as(
                "SELECT id, starts_at, ends_at, venue_id, title, capacity FROM session \
                     WHERE activity_id = $1 ORDER BY starts_at, id",
            )
            .bind(activity_id)
            .fetch_all(&mut *tx)
            .await?;
            for (old_session, starts_at, ends_at, venue_id, session_title, places) in sessions {
                let new_session: i64 = sqlx::query_scalar(
                    "INSERT INTO session (activity_id, starts_at, ends_at, venue_id, title, \
                     capacity, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                )
                .bind(new_id)
                .bind(shift_days(starts_at, days))
                .bind(shift_days(ends_at, days))
                .bind(venue_id)
                .bind(&session_title)
                .bind(places)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                let items: Vec<(i64, i32, Option<Timestamp>, String, String, String)> =
                    sqlx::query_as(
                        "SELECT id, position, starts_at, kind, title, description \
                         FROM program_item WHERE session_id = $1 ORDER BY position, id",
                    )
                    .bind(old_session)
                    .fetch_all(&mut *tx)
                    .await?;
                for (old_item, position, at, kind, item_title, description) in items {
                    let new_item: i64 = sqlx::query_scalar(
                        "INSERT INTO program_item (session_id, position, starts_at, kind, title, \
                         description) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                    )
                    .bind(new_session)
                    .bind(position)
                    .bind(at.map(|t| shift_days(t, days)))
                    .bind(kind)
                    .bind(item_title)
                    .bind(description)
                    .fetch_one(&mut *tx)
                    .await?;
                    sqlx::query(
                        "INSERT INTO program_item_speaker (program_item_id, profile_id, position) \
                         SELECT $2, profile_id, position FROM program_item_speaker \
                         WHERE program_item_id = $1",
                    )
                    .bind(old_item)
                    .bind(new_item)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = Some(new_id),
                registration = None::<i64>,
                account = actor.account_id,
                action = "activity_duplicated",
                detail = format!("{title} ({slug})"),
                now = now
            );
            public_id.clone()
        }))
    }
}

/// A slug without a date an earlier edition added (`naam-2026-12-03` → `naam`).
fn slug_stem(slug: &str) -> &str {
    let bytes = slug.as_bytes();
    let dated = bytes.len() > 11
        && bytes[bytes.len() - 11] == b'-'
        && NaiveDate::parse_from_str(&slug[slug.len() - 10..], "%Y-%m-%d").is_ok();
    if dated {
        &slug[..slug.len() - 11]
    } else {
        slug
    }
}

/// The audit detail of a session change: which session, what changed, how many were
/// told.
fn change_detail(changes: &[Change], starts_at: Timestamp, notified: u64) -> String {
    let what: Vec<&str> = changes
        .iter()
        .map(|c| match c {
            Change::Time { .. } => "time",
            Change::Venue { .. } => "venue",
            Change::Program { .. } => "program",
            Change::Added { .. } => "added",
            Change::Removed { .. } => "removed",
        })
        .collect();
    let local = starts_at.with_timezone(&Amsterdam).format("%Y-%m-%d %H:%M");
    format!("{local}: {}; {notified} e-mails", what.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_next_edition_keeps_the_stem_of_the_slug() {
        assert_eq!(
            slug_stem("leercafe-buurtkracht-2026-12-03"),
            "leercafe-buurtkracht"
        );
        assert_eq!(slug_stem("leercafe-buurtkracht"), "leercafe-buurtkracht");
        assert_eq!(slug_stem("2026-12-03"), "2026-12-03");
    }

    #[test]
    fn shifting_keeps_the_dutch_wall_clock_time_across_summer_time() {
        // 13:30 in winter (12:30 UTC) is 13:30 in summer (11:30 UTC).
        let winter = amsterdam(
            NaiveDate::from_ymd_opt(2026, 12, 3)
                .unwrap()
                .and_hms_opt(13, 30, 0)
                .unwrap(),
        )
        .unwrap();
        let summer = shift_days(winter, 182);
        assert_eq!(summer.to_rfc3339(), "2027-06-03T11:30:00+00:00");
    }
}
