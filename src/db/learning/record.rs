//! Mijn leerdossier: the snapshot of what a professional earned and their own
//! external entries, in one table (`record_entry`, migration 0022).
//!
//! - [`Db::record_due`] (the `record_learning` job) writes an entry for every
//!   checked-in registration of an account's address (`email_key`) once its
//!   activity ended, and for every atelier meeting an account was recorded at once
//!   the meeting ended: date, net minutes, and per register the accreditation's
//!   points, category and ID number, frozen. Once per source (`registration:12`,
//!   `meeting:34`), so the job may run twice.
//! - [`Db::record_of`] reads an account's whole record in one statement (with the
//!   activity's revision and the certificate beside each entry); only entries whose
//!   activity was edited after the snapshot are worked out again, to say "het
//!   programma is later gewijzigd" where the values now differ.
//! - External entries are added with their evidence file (kept by [`RecordFiles`]:
//!   written aside, the row committed, then renamed into place) and removed by
//!   their owner.

use std::collections::HashMap;

use chrono::NaiveDate;
use chrono_tz::Europe::Amsterdam;
use sqlx::AssertSqlSafe;

use crate::db::personal_data::{Entry, OnDelete, OnRetention, Person};
use crate::db::{Db, new_public_key, placeholders};
use crate::domain::learning::record::{Credit, NewExternal};
use crate::domain::learning::{ActivityCredit, LearningProblem, Points};
use crate::time::Timestamp;
use crate::{on_pool, write_tx};

pub use super::record_files::RecordFiles;

/// A record is about its holder: in the data download, deleted with the account
/// (the evidence files go with the `record_learning` job's sweep).
pub const PERSONAL_DATA: &[Entry] = &[Entry {
    table: "record_entry",
    columns: &[
        "kind",
        "title",
        "provider",
        "held_on",
        "net_minutes",
        "credits",
        "evidence_url",
        "evidence_name",
        "evidence_size",
        "created_at",
    ],
    person: Person::Account("account_id"),
    on_delete: OnDelete::Delete,
    on_retention: OnRetention::Keep("the account holder's own record, not the registration's"),
}];

/// Reads frozen credits (a JSON array); a broken value reads as none.
pub fn credits_from_json(raw: &str) -> Vec<Credit> {
    serde_json::from_str(raw).unwrap_or_default()
}

fn credits_to_json(credits: &[Credit]) -> String {
    serde_json::to_string(credits).unwrap_or_else(|_| "[]".to_owned())
}

/// What [`Db::record_summary`] reads.
#[derive(Debug, Default)]
pub struct RecordSummary {
    /// The registers the account gave a number for.
    pub numbered: Vec<i64>,
    /// Every entry, for the totals.
    pub counted: Vec<CountedRow>,
}

/// What the totals need of one entry: its date, minutes and frozen credits.
#[derive(Clone, Debug)]
pub struct CountedRow {
    pub held_on: NaiveDate,
    pub net_minutes: i32,
    pub credits: Vec<Credit>,
}

impl CountedRow {
    /// The same of a listed entry.
    pub fn of(row: &RecordRow) -> Self {
        Self {
            held_on: row.held_on,
            net_minutes: row.net_minutes,
            credits: row.credits.clone(),
        }
    }

    pub fn minutes(&self) -> u32 {
        u32::try_from(self.net_minutes).unwrap_or(0)
    }
}

/// One entry of the record as stored (read as JSON, see [`ROWS_SQL`]).
#[derive(Clone, Debug, serde::Deserialize)]
pub struct RecordRow {
    pub id: i64,
    pub public_id: String,
    pub kind: String,
    pub source: String,
    pub registration_id: Option<i64>,
    pub activity_id: Option<i64>,
    pub activity_slug: Option<String>,
    pub title: String,
    pub provider: String,
    pub held_on: NaiveDate,
    pub net_minutes: i32,
    /// Frozen per register when earned (stored as JSON, read as part of the row's).
    pub credits: Vec<Credit>,
    pub evidence_url: String,
    pub evidence_name: String,
    pub evidence_type: String,
    pub evidence_size: i64,
    /// The activity was edited after the snapshot.
    #[serde(deserialize_with = "flag")]
    pub revised: bool,
    /// The activity's revision now (what a kept [`ActivityCredit`] is checked against).
    pub revision_now: Option<i32>,
    /// When revised: the sessions the entry's registration attended ("12 14").
    pub attended_sessions: Option<String>,
    /// The certificate of the entry's registration, if one was issued.
    pub certificate: Option<String>,
    #[serde(deserialize_with = "flag")]
    pub certificate_revoked: bool,
    /// Filled in by [`RecordRow::note_change`] (see `Shared::note_changes`): the program
    /// or accreditation was changed afterwards and the entry would now be worth
    /// something else.
    #[serde(skip)]
    pub changed_since: bool,
}

/// A truth value in JSON: `true`/`false` from PostgreSQL, 1/0 from SQLite.
fn flag<'de, D: serde::Deserializer<'de>>(de: D) -> Result<bool, D::Error> {
    struct Flag;
    impl serde::de::Visitor<'_> for Flag {
        type Value = bool;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("true, false, 1 or 0")
        }
        fn visit_bool<E>(self, v: bool) -> Result<bool, E> {
            Ok(v)
        }
        fn visit_i64<E>(self, v: i64) -> Result<bool, E> {
            Ok(v != 0)
        }
        fn visit_u64<E>(self, v: u64) -> Result<bool, E> {
            Ok(v != 0)
        }
    }
    de.deserialize_any(Flag)
}

impl RecordRow {
    /// Works out [`RecordRow::changed_since`] of a revised entry from what its
    /// activity is worth now (`credit`, of [`RecordRow::activity_id`]).
    pub fn note_change(&mut self, credit: &ActivityCredit) {
        let (sessions, meeting) = match self.source.split_once(':') {
            Some(("meeting", s)) => (s.parse::<i64>().map(|s| vec![s]).unwrap_or_default(), true),
            _ => (
                crate::db::agg_ids(self.attended_sessions.as_deref()),
                // A registration for one public meeting is counted as a meeting.
                self.kind == "meeting",
            ),
        };
        self.changed_since = match worth(credit, &sessions, meeting) {
            Some((_, minutes, now)) => differs(self, minutes, &now),
            None => true,
        };
    }

    pub fn minutes(&self) -> u32 {
        u32::try_from(self.net_minutes).unwrap_or(0)
    }

    pub fn is_external(&self) -> bool {
        self.kind == "external"
    }
}

/// An evidence file of an entry.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Evidence {
    pub public_id: String,
    pub evidence_name: String,
    pub evidence_type: String,
}

/// A checked evidence file to keep with a new entry.
pub struct EvidenceFile {
    pub name: String,
    pub kind: String,
    pub bytes: Vec<u8>,
}

/// What an attended registration or meeting is worth: (date, net minutes, or a
/// meeting's length when it has no program; credits). `attended`: the session ids the person was at.
pub fn worth(
    credit: &ActivityCredit,
    attended: &[i64],
    meeting: bool,
) -> Option<(NaiveDate, u32, Vec<Credit>)> {
    let sessions: Vec<_> = credit
        .sessions
        .iter()
        .filter(|s| attended.contains(&s.session_id))
        .collect();
    let first = sessions.iter().map(|s| s.starts_at).min()?;
    let held_on = first.with_timezone(&Amsterdam).date_naive();
    let minutes: u32 = if credit.problem.is_some() && !meeting {
        0
    } else {
        sessions
            .iter()
            .map(|s| match s.problem {
                None => s.net_minutes,
                // A leeratelier meeting without a program counts its length, as the
                // atelier's own hours (halen en brengen) do.
                Some(LearningProblem::NoProgram) if meeting => {
                    u32::try_from((s.ends_at - s.starts_at).num_minutes()).unwrap_or(0)
                }
                Some(_) => 0,
            })
            .sum()
    };
    let credits = credit
        .accreditations
        .iter()
        .map(|a| {
            let points = if meeting && !a.per_session {
                // One meeting of a series accredited as a whole: its own hours.
                if a.by_hand {
                    a.points
                } else {
                    Points::from_minutes(minutes)
                }
            } else {
                a.points_for(attended)
            };
            let id_number = if a.per_session {
                a.sessions
                    .iter()
                    .filter(|s| attended.contains(&s.session_id))
                    .map(|s| s.id_number.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            } else {
                a.id_number.clone()
            };
            Credit {
                register_id: a.register_id,
                register: a.register_name.clone(),
                category_id: a.category_id,
                category: a.category_name.clone(),
                id_number,
                points_halves: points.halves(),
            }
        })
        .collect();
    Some((held_on, minutes, credits))
}

/// Whether two snapshots differ in what counts (hours, and per register category
/// and points).
fn differs(row: &RecordRow, minutes: u32, credits: &[Credit]) -> bool {
    let key = |c: &Credit| (c.register_id, c.category_id, c.points_halves);
    let mut old: Vec<_> = row.credits.iter().map(key).collect();
    let mut new: Vec<_> = credits.iter().map(key).collect();
    old.sort_unstable();
    new.sort_unstable();
    row.minutes() != minutes || old != new
}

/// A registration or meeting about to enter someone's record.
#[derive(sqlx::FromRow)]
struct Due {
    account_id: i64,
    activity_id: i64,
    /// The registration, or `None` for a meeting.
    registration_id: Option<i64>,
    /// The meeting's session, or `None` for a registration.
    session_id: Option<i64>,
    /// A member's meeting, or a registration for one public meeting of an atelier:
    /// counted as a meeting (its length when it has no program).
    public_meeting: bool,
}

/// The fields of [`RecordRow`] as selected (`e`: the entry, `a`: its activity, `c`:
/// the registration's certificate), each named by its alias or else its column
/// ([`field_name`]); `e.credits` is stored JSON and goes into the row's JSON as
/// itself (see [`ROWS_SQL`]).
const FIELDS: &[&str] = &[
    "e.id",
    "e.public_id",
    "e.kind",
    "e.source",
    "e.registration_id",
    "e.activity_id",
    "a.slug AS activity_slug",
    "e.title",
    "e.provider",
    "e.held_on",
    "e.net_minutes",
    "e.credits",
    "e.evidence_url",
    "e.evidence_name",
    "e.evidence_type",
    "e.evidence_size",
    "COALESCE(a.revision <> e.activity_revision, FALSE) AS revised",
    "a.revision AS revision_now",
    "CASE WHEN a.revision <> e.activity_revision THEN (SELECT string_agg(CAST(t.session_id \
     AS TEXT), ' ') FROM attendance t WHERE t.registration_id = e.registration_id) END \
     AS attended_sessions",
    "c.public_id AS certificate",
    "COALESCE(c.revoked_at IS NOT NULL, FALSE) AS certificate_revoked",
];

/// The name a [`FIELDS`] entry has in the row: "a.slug AS activity_slug" is
/// `activity_slug`, "e.title" is `title`.
fn field_name(field: &str) -> &str {
    match field.rsplit_once(" AS ") {
        Some((_, alias)) => alias,
        None => field.split_once('.').map_or(field, |(_, column)| column),
    }
}

/// An account's entries, newest first, as one JSON array in one row: read row by
/// row, each of the 22 values of each entry was copied on SQLite's connection
/// thread, handed over and freed on the request's, and for a page of 50 entries
/// that was most of the page's time. The two dialects differ in how a row becomes
/// a JSON object: SQLite names every field (`json_object`), PostgreSQL turns the
/// row into one (`json_agg` of the row).
static ROWS_SQL: std::sync::LazyLock<[String; 2]> = std::sync::LazyLock::new(|| {
    // The stored credits go in as JSON, not as a string holding JSON: SQLite's
    // json_object takes what json() returns as JSON (in the outer query: a subquery
    // column loses that), PostgreSQL's json_agg a column of type JSON.
    let select = |credits: &str| {
        let columns = FIELDS
            .iter()
            .map(|field| match field_name(field) {
                "credits" => format!("{credits} AS credits"),
                _ if field.contains(" AS ") => (*field).to_owned(),
                name => format!("{field} AS {name}"),
            })
            .collect::<Vec<_>>()
            .join(", ");
        format!(
            "(SELECT {columns} FROM record_entry e LEFT JOIN activity a ON a.id = e.activity_id \
             LEFT JOIN certificate c ON c.registration_id = e.registration_id \
             WHERE e.account_id = $1 ORDER BY e.held_on DESC, e.id DESC LIMIT $2 OFFSET $3)"
        )
    };
    let object = FIELDS
        .iter()
        .map(|field| match field_name(field) {
            "credits" => "'credits', json(credits)".to_owned(),
            name => format!("'{name}', {name}"),
        })
        .collect::<Vec<_>>()
        .join(", ");
    [
        format!(
            "SELECT json_group_array(json_object({object})) FROM {}",
            select("e.credits")
        ),
        format!(
            "SELECT CAST(json_agg(r) AS TEXT) FROM {} r",
            select("CAST(e.credits AS JSON)")
        ),
    ]
});

const INSERT: &str = "INSERT INTO record_entry (public_id, account_id, kind, source, \
     registration_id, activity_id, activity_revision, title, provider, held_on, net_minutes, \
     credits, evidence_url, evidence_name, evidence_type, evidence_size, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)";

impl Db {
    /// The job: writes the entries earned by now that are not in a record yet;
    /// returns how many.
    pub async fn record_due(&self, now: Timestamp) -> sqlx::Result<u64> {
        // A registration counts once what it covers has ended: every session of the
        // activity, or for a public meeting of a leeratelier (meeting_uid) the
        // meetings the person was checked in at. A member's presence counts per
        // meeting, unless the same person was checked in there by a registration.
        let due: Vec<Due> = on_pool!(self, |pool| sqlx::query_as(
            "SELECT ac.id AS account_id, r.activity_id, r.id AS registration_id, \
             CAST(NULL AS BIGINT) AS session_id, r.meeting_uid <> '' AS public_meeting \
             FROM registration r JOIN account ac ON ac.email_key = r.email_key \
             WHERE r.state = 'attended' AND r.anonymised_at IS NULL \
             AND EXISTS (SELECT 1 FROM attendance t WHERE t.registration_id = r.id) \
             AND ((r.meeting_uid = '' AND NOT EXISTS (SELECT 1 FROM session s \
                     WHERE s.activity_id = r.activity_id AND s.ends_at > $1)) \
                 OR (r.meeting_uid <> '' AND NOT EXISTS (SELECT 1 FROM attendance t \
                     JOIN session s ON s.id = t.session_id \
                     WHERE t.registration_id = r.id AND s.ends_at > $1))) \
             AND NOT EXISTS (SELECT 1 FROM record_entry e WHERE e.registration_id = r.id \
                 AND e.account_id = ac.id) \
             UNION ALL \
             SELECT m.account_id, s.activity_id, CAST(NULL AS BIGINT), m.session_id, \
             1 = 1 \
             FROM meeting_attendance m JOIN session s ON s.id = m.session_id \
             WHERE s.ends_at <= $1 \
             AND NOT EXISTS (SELECT 1 FROM record_entry e WHERE e.account_id = m.account_id \
                 AND e.source = 'meeting:' || CAST(m.session_id AS TEXT)) \
             AND NOT EXISTS (SELECT 1 FROM attendance t \
                 JOIN registration r ON r.id = t.registration_id \
                 JOIN account ac ON ac.email_key = r.email_key \
                 WHERE t.session_id = m.session_id AND ac.id = m.account_id) \
             ORDER BY 2, 1"
        )
        .bind(now)
        .fetch_all(pool)
        .await)?;
        let mut written = 0;
        let mut activity: Option<(i64, ActivityCredit, String, String, i32)> = None;
        let mut attended: HashMap<i64, Vec<i64>> = HashMap::new();
        for d in due {
            if activity.as_ref().is_none_or(|a| a.0 != d.activity_id) {
                let credit = self.activity_credit(d.activity_id).await?;
                let head: Option<(String, i32, Option<String>)> =
                    on_pool!(self, |pool| sqlx::query_as(
                        "SELECT a.title, a.revision, (SELECT o.name FROM activity_organisation x \
                         JOIN organisation o ON o.id = x.organisation_id \
                         WHERE x.activity_id = a.id ORDER BY x.position, o.id LIMIT 1) \
                         FROM activity a WHERE a.id = $1"
                    )
                    .bind(d.activity_id)
                    .fetch_optional(pool)
                    .await)?;
                let Some((title, revision, provider)) = head else {
                    continue;
                };
                let rows: Vec<(i64, i64)> = on_pool!(self, |pool| sqlx::query_as(
                    "SELECT t.registration_id, t.session_id FROM attendance t \
                     JOIN registration r ON r.id = t.registration_id WHERE r.activity_id = $1"
                )
                .bind(d.activity_id)
                .fetch_all(pool)
                .await)?;
                attended.clear();
                for (registration, session) in rows {
                    attended.entry(registration).or_default().push(session);
                }
                activity = Some((
                    d.activity_id,
                    credit,
                    title,
                    provider.unwrap_or_default(),
                    revision,
                ));
            }
            let Some((_, credit, title, provider, revision)) = &activity else {
                continue;
            };
            let (sessions, source, kind) = match (d.registration_id, d.session_id) {
                (Some(r), _) => (
                    attended.get(&r).cloned().unwrap_or_default(),
                    format!("registration:{r}"),
                    if d.public_meeting {
                        "meeting"
                    } else {
                        "activity"
                    },
                ),
                (None, Some(s)) => (vec![s], format!("meeting:{s}"), "meeting"),
                (None, None) => continue,
            };
            let Some((held_on, minutes, credits)) = worth(credit, &sessions, kind == "meeting")
            else {
                continue;
            };
            let sql =
                format!("{INSERT} ON CONFLICT (account_id, source) WHERE source <> '' DO NOTHING");
            let done = on_pool!(self, |pool| sqlx::query(AssertSqlSafe(sql))
                .bind(new_public_key())
                .bind(d.account_id)
                .bind(kind)
                .bind(&source)
                .bind(d.registration_id)
                .bind(d.activity_id)
                .bind(*revision)
                .bind(title.as_str())
                .bind(provider.as_str())
                .bind(held_on)
                .bind(i64::from(minutes))
                .bind(credits_to_json(&credits))
                .bind("")
                .bind("")
                .bind("")
                .bind(0_i64)
                .bind(now)
                .execute(pool)
                .await
                .map(|r| r.rows_affected()))?;
            written += done;
        }
        Ok(written)
    }

    /// An account's whole record, newest first. Revised entries are left for the
    /// caller to note ([`RecordRow::note_change`]), as with [`Db::record_page`].
    pub async fn record_of(&self, account_id: i64) -> sqlx::Result<Vec<RecordRow>> {
        self.record_rows(account_id, i64::MAX, 0).await
    }

    /// Page `page` (from 1) of an account's record, `per_page` entries, newest
    /// first. Revised entries are left for the caller to note
    /// ([`RecordRow::note_change`]), which may keep what activities are worth.
    pub async fn record_page(
        &self,
        account_id: i64,
        page: u32,
        per_page: u32,
    ) -> sqlx::Result<Vec<RecordRow>> {
        let offset = i64::from(page.saturating_sub(1)) * i64::from(per_page);
        self.record_rows(account_id, i64::from(per_page), offset)
            .await
    }

    /// What the totals of an account's record need, in one statement: the
    /// registers the account gave a number for, and for every entry its date,
    /// minutes and credits, so a long record lists a page and still counts
    /// everything. Both come as one text each ("date minutes credits", one entry
    /// per line: stored credits are compact JSON, which never holds a raw line
    /// break): on SQLite each row and each statement is handed from the database
    /// thread to the request's on its own, and for 300 entries those hand-offs
    /// were most of the page's time.
    pub async fn record_summary(&self, account_id: i64) -> sqlx::Result<RecordSummary> {
        let (numbered, joined): (Option<String>, Option<String>) = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT (SELECT string_agg(CAST(register_id AS TEXT), ' ') \
                 FROM account_register WHERE account_id = $1), \
                 (SELECT string_agg(CAST(held_on AS TEXT) || ' ' || CAST(net_minutes AS TEXT) \
                 || ' ' || credits, '
') FROM record_entry WHERE account_id = $1)",
            )
            .bind(account_id)
            .fetch_one(pool)
            .await
        })?;
        Ok(RecordSummary {
            numbered: crate::db::agg_ids(numbered.as_deref()),
            counted: joined
                .as_deref()
                .unwrap_or_default()
                .lines()
                .filter_map(|line| {
                    let mut parts = line.splitn(3, ' ');
                    Some(CountedRow {
                        held_on: parts.next()?.parse().ok()?,
                        net_minutes: parts.next()?.parse().ok()?,
                        credits: credits_from_json(parts.next()?),
                    })
                })
                .collect(),
        })
    }

    async fn record_rows(
        &self,
        account_id: i64,
        limit: i64,
        offset: i64,
    ) -> sqlx::Result<Vec<RecordRow>> {
        let sql = match self {
            Db::Sqlite(_) => &ROWS_SQL[0],
            Db::Postgres(_) => &ROWS_SQL[1],
        };
        let json: Option<String> =
            on_pool!(self, |pool| sqlx::query_scalar(AssertSqlSafe(sql.as_str()))
                .bind(account_id)
                .bind(limit)
                .bind(offset)
                .fetch_one(pool)
                .await)?;
        let mut rows: Vec<RecordRow> = match json {
            Some(json) => {
                serde_json::from_str(&json).map_err(|e| sqlx::Error::Decode(Box::new(e)))?
            }
            None => Vec::new(),
        };
        // Neither aggregate promises the subquery's order.
        rows.sort_unstable_by_key(|r| std::cmp::Reverse((r.held_on, r.id)));
        Ok(rows)
    }

    /// Adds an external entry (with its evidence file, when one came) to account
    /// `account_id`'s record: all or nothing.
    pub async fn add_external_entry(
        &self,
        files: &RecordFiles,
        account_id: i64,
        entry: &NewExternal,
        file: Option<EvidenceFile>,
        now: Timestamp,
    ) -> anyhow::Result<String> {
        let public_id = new_public_key();
        let (name, kind, size) = file
            .as_ref()
            .map(|f| (f.name.clone(), f.kind.clone(), f.bytes.len() as i64))
            .unwrap_or_default();
        let temp = match file {
            Some(f) => Some(files.write_temp(f.bytes).await?),
            None => None,
        };
        let stored: sqlx::Result<()> = async {
            write_tx!(self, |tx| {
                sqlx::query(INSERT)
                    .bind(&public_id)
                    .bind(account_id)
                    .bind("external")
                    .bind("")
                    .bind(None::<i64>)
                    .bind(None::<i64>)
                    .bind(None::<i32>)
                    .bind(&entry.title)
                    .bind(&entry.provider)
                    .bind(entry.held_on)
                    .bind(i64::from(entry.minutes))
                    .bind(credits_to_json(&entry.credits))
                    .bind(&entry.link)
                    .bind(&name)
                    .bind(&kind)
                    .bind(size)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                if let Some(temp) = &temp {
                    files
                        .place(temp, &public_id)
                        .await
                        .map_err(sqlx::Error::Io)?;
                }
            });
            Ok::<(), sqlx::Error>(())
        }
        .await;
        if let Err(error) = stored {
            if let Some(temp) = &temp {
                RecordFiles::remove_path(temp).await;
            }
            files.remove(&public_id).await;
            return Err(error.into());
        }
        Ok(public_id)
    }

    /// Removes an external entry of the account and its file; `false` when the
    /// account has no external entry with that id.
    pub async fn remove_external_entry(
        &self,
        files: &RecordFiles,
        account_id: i64,
        public_id: &str,
    ) -> sqlx::Result<bool> {
        let removed = on_pool!(self, |pool| sqlx::query(
            "DELETE FROM record_entry WHERE account_id = $1 AND public_id = $2 \
             AND kind = 'external'"
        )
        .bind(account_id)
        .bind(public_id)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?
            > 0;
        if removed {
            files.remove(public_id).await;
        }
        Ok(removed)
    }

    /// The evidence file of one of the account's external entries.
    pub async fn record_evidence(
        &self,
        account_id: i64,
        public_id: &str,
    ) -> sqlx::Result<Option<Evidence>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT public_id, evidence_name, evidence_type FROM record_entry \
             WHERE account_id = $1 AND public_id = $2 AND evidence_name <> ''"
        )
        .bind(account_id)
        .bind(public_id)
        .fetch_optional(pool)
        .await)
    }

    /// Of `public_ids` (evidence files on disk), those no entry has any more.
    pub async fn record_orphans(&self, public_ids: &[String]) -> sqlx::Result<Vec<String>> {
        let mut orphans = Vec::new();
        for chunk in public_ids.chunks(500) {
            let sql = format!(
                "SELECT public_id FROM record_entry WHERE public_id IN ({})",
                placeholders(chunk.len(), 1)
            );
            let known: Vec<String> = on_pool!(self, |pool| {
                let mut query = sqlx::query_scalar::<_, String>(AssertSqlSafe(sql));
                for id in chunk {
                    query = query.bind(id);
                }
                query.fetch_all(pool).await
            })?;
            orphans.extend(chunk.iter().filter(|id| !known.contains(id)).cloned());
        }
        Ok(orphans)
    }
}
