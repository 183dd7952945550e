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

use crate::db::audit::audit;
use crate::db::catalog::VenueRow;
use crate::db::lock::{LOCK_ACTIVITY, LockRow, lock_activity};
use crate::db::messages::{INFORMED_STATES, tell_registrants};
use crate::db::outbox::{INSERT_OUTBOX, enqueue, message_id, outbox_row};
use crate::db::registration::promote_waiting;
use crate::db::{Db, count};
use crate::domain::activity::{ActivityKind, ActivityStatus};
use crate::domain::editor::{
    Change, SessionSnapshot, StatusAction, ValidActivity, ValidProgramItem, ValidQuestion,
    ValidSession, capacity_below_taken, editable, session_changes, transition,
};
use crate::domain::input::{PersonName, amsterdam};
use crate::domain::mail::MailKind;
use crate::domain::registration::{RegistrationState, capacity};
use crate::domain::slug::Slug;
use crate::time::Timestamp;
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
    /// The last session of a published activity stays: cancel the activity instead.
    LastSession,
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
    /// Publishing needs a session with a date first.
    NoSession,
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
        // The same person typed a little differently (case, spaces, without or with
        // an affiliation): fill in what the stored person lacks.
        let found = match found {
            Some(id) => Some(id),
            None => {
                let people: Vec<(i64, String, String, String)> =
                    sqlx::query_as("SELECT id, name, affiliation, email FROM profile")
                        .fetch_all(&mut *$tx)
                        .await?;
                let known: Vec<crate::domain::input::KnownPerson<'_>> = people
                    .iter()
                    .map(
                        |(id, name, affiliation, email)| crate::domain::input::KnownPerson {
                            id: *id,
                            name,
                            affiliation,
                            email,
                        },
                    )
                    .collect();
                let same = crate::domain::input::same_person($name, $affiliation, $email, &known);
                if let Some(id) = same {
                    sqlx::query(
                        "UPDATE profile SET \
                         affiliation = CASE WHEN affiliation = '' THEN $2 ELSE affiliation END, \
                         email = CASE WHEN email = '' THEN $3 ELSE email END, \
                         phone = CASE WHEN phone = '' THEN $4 ELSE phone END, updated_at = $5 \
                         WHERE id = $1",
                    )
                    .bind(id)
                    .bind($affiliation)
                    .bind($email)
                    .bind($phone)
                    .bind($now)
                    .execute(&mut *$tx)
                    .await?;
                }
                same
            }
        };
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
                 description, counts_for_learning) VALUES ($1, $2, $3, $4, $5, $6, $7) \
                 RETURNING id",
            )
            .bind($session_id)
            .bind(position as i32)
            .bind(item.starts_at)
            .bind(item.kind.as_str())
            .bind(&item.title)
            .bind(&item.description)
            .bind(item.counts_for_learning)
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
            .ok_or_else(|| crate::db::decode_error("activity.status", &$lock.status))?;
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
                    .ok_or_else(|| crate::db::decode_error("activity.kind", &row.kind))?,
                status: ActivityStatus::parse(&row.status)
                    .ok_or_else(|| crate::db::decode_error("activity.status", &row.status))?,
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

    /// Every venue, for reuse in session forms.
    pub async fn venues(&self) -> sqlx::Result<Vec<VenueRow>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT id, slug, name, address, postcode, city, route_car, route_transit, \
             accessibility FROM venue ORDER BY name, city"
        )
        .fetch_all(pool)
        .await)
    }
}

// After the macros above: a `macro_rules!` is in scope only below its definition.
mod activity;
mod session;

#[cfg(test)]
mod tests {
    use super::activity::slug_stem;
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
