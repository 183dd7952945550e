//! Cases (kwesties) and the agenda: a member brings a case; the kartrekker places it
//! on a meeting's agenda with a time and an expert, beside other timed items, and
//! sends the agenda to the members; after the meeting the kartrekker or the member
//! who brought it records what was learned, and a case not finished waits for a
//! later meeting with its history kept. Agenda changes carry the version they were
//! made from: a change on an older version is refused, so two kartrekkers never
//! overwrite each other.

use serde_json::json;

use super::ledger::platform_entry;
use crate::db::Db;
use crate::db::audit::audit;
use crate::db::editor::Actor;
use crate::db::outbox::{enqueue_mail, message_id};
use crate::domain::community::case::{
    AgendaKind, AgendaSlot, CaseState, Expert, MeetingTimes, NewAgendaItem, NewCase, Outcome,
};
use crate::domain::community::ledger::dutch_date;
use crate::domain::mail::MailKind;
use crate::i18n::Lang;
use crate::time::Timestamp;
use crate::{on_pool, write_tx};

/// Moves meeting `$session`'s agenda from `$version` to the next, in `$tx`;
/// evaluates to `Some(outcome)` when that is refused: the agenda changed meanwhile
/// (`Stale`) or there is no such meeting (`NotFound`).
macro_rules! bump_agenda {
    ($tx:ident, $activity:expr, $session:expr, $version:expr) => {{
        let bumped = sqlx::query(
            "UPDATE session SET agenda_version = agenda_version + 1 \
             WHERE id = $1 AND activity_id = $2 AND agenda_version = $3",
        )
        .bind($session)
        .bind($activity)
        .bind($version)
        .execute(&mut *$tx)
        .await?
        .rows_affected();
        if bumped == 1 {
            None
        } else {
            let exists: Option<i64> =
                sqlx::query_scalar("SELECT id FROM session WHERE id = $1 AND activity_id = $2")
                    .bind($session)
                    .bind($activity)
                    .fetch_optional(&mut *$tx)
                    .await?;
            Some(if exists.is_some() {
                AgendaOutcome::Stale
            } else {
                AgendaOutcome::NotFound
            })
        }
    }};
}

/// A case in the list of an atelier's cases.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CaseRow {
    pub id: i64,
    pub public_id: String,
    pub title: String,
    pub state: String,
    /// Who brought it; `None`: a former member whose account is gone.
    pub brought_by: Option<String>,
    pub account_id: Option<i64>,
    /// The meeting it is for, when known.
    pub meeting_id: Option<i64>,
    pub meeting_starts_at: Option<Timestamp>,
    pub created_at: Timestamp,
}

/// One case with its text and history.
#[derive(Clone, Debug)]
pub struct CaseDetail {
    pub case: CaseRow,
    pub situation: String,
    pub question: String,
    pub themes: Vec<String>,
    pub outcomes: Vec<OutcomeRow>,
}

/// What a meeting made of a case.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OutcomeRow {
    pub learned: String,
    pub next_steps: String,
    pub links: String,
    pub public: bool,
    pub finished: bool,
    pub meeting_starts_at: Option<Timestamp>,
    pub created_at: Timestamp,
}

/// A meeting with its agenda's state.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MeetingRow {
    pub id: i64,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    pub members_only: bool,
    pub agenda_version: i32,
    pub agenda_published_at: Option<Timestamp>,
}

impl MeetingRow {
    pub fn times(&self) -> MeetingTimes {
        MeetingTimes {
            id: self.id,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            cancelled: false,
        }
    }
}

/// One item on a meeting's agenda.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AgendaRow {
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    pub case_public_id: Option<String>,
    pub expert_name: Option<String>,
    pub speaker_name: String,
    pub speaker_affiliation: String,
}

impl AgendaRow {
    pub fn slot(&self) -> AgendaSlot {
        AgendaSlot {
            starts_at: self.starts_at,
            ends_at: self.ends_at,
        }
    }
}

/// What an agenda change did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgendaOutcome {
    Saved,
    /// The agenda changed since the form was made: nothing stored.
    Stale,
    NotFound,
}

/// What recording an outcome did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutcomeSaved {
    Saved,
    /// The case is not on a meeting's agenda (any more).
    NotScheduled,
    /// Its meeting has not begun.
    TooEarly,
}

const CASE_COLUMNS: &str = "c.id, c.public_id, c.title, c.state, a.name AS brought_by, c.account_id, \
     c.meeting_id, s.starts_at AS meeting_starts_at, c.created_at";

impl Db {
    /// The atelier's meetings from `from` on (not ended), soonest first, with their
    /// agenda's state.
    pub async fn atelier_meetings(
        &self,
        activity_id: i64,
        from: Timestamp,
    ) -> sqlx::Result<Vec<MeetingRow>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT id, starts_at, ends_at, members_only, agenda_version, agenda_published_at \
             FROM session WHERE activity_id = $1 AND ends_at > $2 ORDER BY starts_at"
        )
        .bind(activity_id)
        .bind(from)
        .fetch_all(pool)
        .await)
    }

    /// One meeting of the atelier.
    pub async fn atelier_meeting(
        &self,
        activity_id: i64,
        session_id: i64,
    ) -> sqlx::Result<Option<MeetingRow>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT id, starts_at, ends_at, members_only, agenda_version, agenda_published_at \
             FROM session WHERE activity_id = $1 AND id = $2"
        )
        .bind(activity_id)
        .bind(session_id)
        .fetch_optional(pool)
        .await)
    }

    /// Who may be a meeting's expert: the atelier's active members, by name
    /// (account id, name).
    pub async fn expert_choices(&self, activity_id: i64) -> sqlx::Result<Vec<(i64, String)>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT a.id, a.name FROM atelier_member m JOIN account a ON a.id = m.account_id \
             WHERE m.activity_id = $1 AND m.state = 'active' AND a.name <> '' ORDER BY a.name"
        )
        .bind(activity_id)
        .fetch_all(pool)
        .await)
    }

    /// The cases waiting for an agenda (brought, or carried over, or scheduled for a
    /// meeting that was cancelled since): (id, title).
    pub async fn waiting_cases(&self, activity_id: i64) -> sqlx::Result<Vec<(i64, String)>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT id, title FROM atelier_case WHERE activity_id = $1 AND (state IN \
             ('submitted', 'carried_over') OR (state = 'scheduled' AND meeting_id IS NULL)) \
             ORDER BY created_at"
        )
        .bind(activity_id)
        .fetch_all(pool)
        .await)
    }

    /// The themes a case may have: (id, Dutch name, English name), by Dutch name.
    pub async fn theme_choices(&self) -> sqlx::Result<Vec<(i64, String, String)>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT id, name_nl, name_en FROM theme ORDER BY name_nl"
        )
        .fetch_all(pool)
        .await)
    }

    /// Member `account_id` brings a case to atelier `activity_id`; its public id.
    pub async fn bring_case(
        &self,
        activity_id: i64,
        account_id: i64,
        case: &NewCase,
        now: Timestamp,
    ) -> sqlx::Result<String> {
        let public_id = uuid::Uuid::new_v4().simple().to_string();
        write_tx!(self, |tx| {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO atelier_case (public_id, activity_id, account_id, title, situation, \
                 question, state, meeting_id, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, 'submitted', $7, $8, $8) RETURNING id",
            )
            .bind(&public_id)
            .bind(activity_id)
            .bind(account_id)
            .bind(&case.title)
            .bind(&case.situation)
            .bind(&case.question)
            .bind(case.meeting)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            // Bringing a case is bringing (halen en brengen).
            let (date, minutes) = super::ledger::case_entry(now);
            platform_entry!(
                tx,
                activity_id,
                account_id,
                date,
                "case",
                minutes,
                &format!("case:{id}"),
                account_id,
                now
            );
            for theme in &case.themes {
                sqlx::query("INSERT INTO case_theme (case_id, theme_id) VALUES ($1, $2)")
                    .bind(id)
                    .bind(theme)
                    .execute(&mut *tx)
                    .await?;
            }
            audit!(
                tx,
                organisation = None::<i64>,
                activity = Some(activity_id),
                registration = None::<i64>,
                account = account_id,
                action = "case_brought",
                detail = &case.title,
                now = now
            );
        });
        Ok(public_id)
    }

    /// The atelier's cases: waiting ones first (oldest first), then by newest.
    pub async fn atelier_cases(&self, activity_id: i64) -> sqlx::Result<Vec<CaseRow>> {
        let sql = format!(
            "SELECT {CASE_COLUMNS} FROM atelier_case c LEFT JOIN account a ON a.id = c.account_id \
             LEFT JOIN session s ON s.id = c.meeting_id WHERE c.activity_id = $1 \
             ORDER BY CASE c.state WHEN 'discussed' THEN 1 ELSE 0 END, c.created_at DESC"
        );
        on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.clone()
        ))
        .bind(activity_id)
        .fetch_all(pool)
        .await)
    }

    /// One case of the atelier, with its themes and outcomes.
    pub async fn case_detail(
        &self,
        activity_id: i64,
        public_id: &str,
    ) -> sqlx::Result<Option<CaseDetail>> {
        let sql = format!(
            "SELECT {CASE_COLUMNS}, c.situation, c.question FROM atelier_case c \
             LEFT JOIN account a ON a.id = c.account_id LEFT JOIN session s ON s.id = c.meeting_id \
             WHERE c.activity_id = $1 AND c.public_id = $2"
        );
        #[derive(sqlx::FromRow)]
        struct Row {
            #[sqlx(flatten)]
            case: CaseRow,
            situation: String,
            question: String,
        }
        on_pool!(self, |pool| {
            let row: Option<Row> = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                .bind(activity_id)
                .bind(public_id)
                .fetch_optional(pool)
                .await?;
            let Some(row) = row else { return Ok(None) };
            let themes: Vec<String> = sqlx::query_scalar(
                "SELECT t.name_nl FROM case_theme x JOIN theme t ON t.id = x.theme_id \
                 WHERE x.case_id = $1 ORDER BY t.name_nl",
            )
            .bind(row.case.id)
            .fetch_all(pool)
            .await?;
            let outcomes: Vec<OutcomeRow> = sqlx::query_as(
                "SELECT o.learned, o.next_steps, o.links, o.public, o.finished, \
                 s.starts_at AS meeting_starts_at, o.created_at FROM case_outcome o \
                 LEFT JOIN session s ON s.id = o.session_id WHERE o.case_id = $1 ORDER BY o.created_at",
            )
            .bind(row.case.id)
            .fetch_all(pool)
            .await?;
            Ok(Some(CaseDetail {
                case: row.case,
                situation: row.situation,
                question: row.question,
                themes,
                outcomes,
            }))
        })
    }

    /// The outcomes marked public of atelier `activity_id`, newest first: (case
    /// title, what was learned, when).
    pub async fn public_outcomes(
        &self,
        activity_id: i64,
    ) -> sqlx::Result<Vec<(String, String, Timestamp)>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT c.title, o.learned, o.created_at FROM case_outcome o \
             JOIN atelier_case c ON c.id = o.case_id \
             WHERE c.activity_id = $1 AND o.public AND o.learned <> '' \
             ORDER BY o.created_at DESC LIMIT 20"
        )
        .bind(activity_id)
        .fetch_all(pool)
        .await)
    }

    /// A meeting's agenda, in time order.
    pub async fn agenda(&self, session_id: i64) -> sqlx::Result<Vec<AgendaRow>> {
        on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT i.id, i.kind, i.title, i.starts_at, i.ends_at, c.public_id AS case_public_id, \
             e.name AS expert_name, i.speaker_name, i.speaker_affiliation FROM agenda_item i \
             LEFT JOIN atelier_case c ON c.id = i.case_id LEFT JOIN account e ON e.id = i.expert_account_id \
             WHERE i.session_id = $1 ORDER BY i.starts_at, i.id"
        )
        .bind(session_id)
        .fetch_all(pool)
        .await
        })
    }

    /// Adds an item to meeting `session_id`'s agenda made from `version`; a case on
    /// it is scheduled for this meeting.
    pub async fn add_agenda_item(
        &self,
        activity_id: i64,
        session_id: i64,
        version: i32,
        item: &NewAgendaItem,
        actor: Actor,
    ) -> sqlx::Result<AgendaOutcome> {
        let now = actor.now;
        Ok(write_tx!(self, |tx| {
            if let Some(outcome) = bump_agenda!(tx, activity_id, session_id, version) {
                return Ok(outcome);
            }
            let (expert, speaker) = match &item.expert {
                Some(Expert::Member(id)) => (Some(*id), None),
                Some(Expert::Outside(person)) => (None, Some(person)),
                None => (None, None),
            };
            let title = match (item.kind, item.case, item.title.is_empty()) {
                (AgendaKind::Case, Some(case), true) => {
                    sqlx::query_scalar("SELECT title FROM atelier_case WHERE id = $1")
                        .bind(case)
                        .fetch_one(&mut *tx)
                        .await?
                }
                _ => item.title.clone(),
            };
            let item_id: i64 = sqlx::query_scalar(
                "INSERT INTO agenda_item (session_id, kind, case_id, title, starts_at, ends_at, \
                 expert_account_id, speaker_name, speaker_affiliation, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
            )
            .bind(session_id)
            .bind(item.kind.as_str())
            .bind(item.case)
            .bind(&title)
            .bind(item.slot.starts_at)
            .bind(item.slot.ends_at)
            .bind(expert)
            .bind(speaker.map_or("", |p| p.name.as_str()))
            .bind(speaker.map_or("", |p| p.affiliation.as_str()))
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            if let Some(expert) = expert {
                // An expert contribution is bringing, for the time of the item.
                let minutes = (item.slot.ends_at - item.slot.starts_at).num_minutes();
                platform_entry!(
                    tx,
                    activity_id,
                    expert,
                    dutch_date(item.slot.starts_at),
                    "expert",
                    minutes,
                    &format!("agenda:{item_id}"),
                    actor.account_id,
                    now
                );
            }
            if let Some(case) = item.case {
                sqlx::query(
                    "UPDATE atelier_case SET state = 'scheduled', meeting_id = $2, updated_at = $3 \
                     WHERE id = $1 AND activity_id = $4 AND (state IN ('submitted', 'carried_over') \
                     OR (state = 'scheduled' AND meeting_id IS NULL))",
                )
                .bind(case)
                .bind(session_id)
                .bind(now)
                .bind(activity_id)
                .execute(&mut *tx)
                .await?;
            }
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = Some(activity_id),
                registration = None::<i64>,
                account = actor.account_id,
                action = "agenda_item_added",
                detail = &title,
                now = now
            );
            AgendaOutcome::Saved
        }))
    }

    /// Takes item `item_id` off meeting `session_id`'s agenda made from `version`; a
    /// case on it waits for an agenda again.
    pub async fn remove_agenda_item(
        &self,
        activity_id: i64,
        session_id: i64,
        item_id: i64,
        version: i32,
        actor: Actor,
    ) -> sqlx::Result<AgendaOutcome> {
        let now = actor.now;
        Ok(write_tx!(self, |tx| {
            if let Some(outcome) = bump_agenda!(tx, activity_id, session_id, version) {
                return Ok(outcome);
            }
            let removed: Option<(Option<i64>, String)> = sqlx::query_as(
                "DELETE FROM agenda_item WHERE id = $1 AND session_id = $2 RETURNING case_id, title",
            )
            .bind(item_id)
            .bind(session_id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((case, title)) = removed else {
                return Ok(AgendaOutcome::NotFound);
            };
            sqlx::query("DELETE FROM ledger_entry WHERE source = $1")
                .bind(format!("agenda:{item_id}"))
                .execute(&mut *tx)
                .await?;
            if let Some(case) = case {
                sqlx::query(
                    "UPDATE atelier_case SET state = 'submitted', updated_at = $3 \
                     WHERE id = $1 AND meeting_id = $2 AND state = 'scheduled'",
                )
                .bind(case)
                .bind(session_id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = Some(activity_id),
                registration = None::<i64>,
                account = actor.account_id,
                action = "agenda_item_removed",
                detail = &title,
                now = now
            );
            AgendaOutcome::Saved
        }))
    }

    /// Sends meeting `session_id`'s agenda (as of `version`) to the members it invites
    /// and marks it published; members see it from then on. Returns the outcome and
    /// how many were emailed.
    pub async fn publish_agenda(
        &self,
        activity_id: i64,
        session_id: i64,
        version: i32,
        actor: Actor,
    ) -> sqlx::Result<(AgendaOutcome, u64)> {
        let now = actor.now;
        Ok(write_tx!(self, |tx| {
            let published = sqlx::query(
                "UPDATE session SET agenda_published_at = $4 \
                 WHERE id = $1 AND activity_id = $2 AND agenda_version = $3",
            )
            .bind(session_id)
            .bind(activity_id)
            .bind(version)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if published == 0 {
                let exists: Option<i64> =
                    sqlx::query_scalar("SELECT id FROM session WHERE id = $1 AND activity_id = $2")
                        .bind(session_id)
                        .bind(activity_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                let outcome = if exists.is_some() {
                    AgendaOutcome::Stale
                } else {
                    AgendaOutcome::NotFound
                };
                return Ok((outcome, 0));
            }
            let members: Vec<(String, String)> = sqlx::query_as(
                "SELECT a.email, a.lang FROM atelier_member m JOIN account a ON a.id = m.account_id \
                 JOIN session s ON s.id = $2 \
                 WHERE m.activity_id = $1 AND m.state = 'active' \
                 AND (m.level = 'meetings' OR (m.level = 'public_only' AND NOT s.members_only)) \
                 ORDER BY a.id",
            )
            .bind(activity_id)
            .bind(session_id)
            .fetch_all(&mut *tx)
            .await?;
            let sent = members.len() as u64;
            for (email, lang) in members {
                enqueue_mail!(
                    tx,
                    MailKind::AgendaPublished,
                    to = &email,
                    lang = Lang::parse(&lang).unwrap_or_default(),
                    payload = json!({ "atelier": activity_id, "session": session_id }),
                    now = now
                );
            }
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = Some(activity_id),
                registration = None::<i64>,
                account = actor.account_id,
                action = "agenda_published",
                detail = &crate::db::audit::Detail::Emails { emails: sent }.json(),
                now = now
            );
            (AgendaOutcome::Saved, sent)
        }))
    }

    /// Records what meeting made of case `public_id` (by the kartrekker or the member
    /// who brought it: the caller checks). Finished: discussed; otherwise it waits for
    /// a later meeting, its history kept. A public outcome changes the public page.
    pub async fn record_outcome(
        &self,
        activity_id: i64,
        public_id: &str,
        account_id: i64,
        outcome: &Outcome,
        now: Timestamp,
    ) -> sqlx::Result<OutcomeSaved> {
        Ok(write_tx!(self, |tx| {
            let case: Option<(i64, Option<i64>, Option<Timestamp>)> = sqlx::query_as(
                "SELECT c.id, c.meeting_id, s.starts_at FROM atelier_case c \
                 LEFT JOIN session s ON s.id = c.meeting_id \
                 WHERE c.activity_id = $1 AND c.public_id = $2 AND c.state = 'scheduled'",
            )
            .bind(activity_id)
            .bind(public_id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((case_id, Some(meeting), Some(starts_at))) = case else {
                return Ok(OutcomeSaved::NotScheduled);
            };
            if starts_at > now {
                return Ok(OutcomeSaved::TooEarly);
            }
            let links = outcome
                .links
                .iter()
                .map(|(title, url)| format!("{title} | {url}"))
                .collect::<Vec<_>>()
                .join("\n");
            sqlx::query(
                "INSERT INTO case_outcome (case_id, session_id, learned, next_steps, links, public, \
                 finished, recorded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(case_id)
            .bind(meeting)
            .bind(&outcome.learned)
            .bind(&outcome.next_steps)
            .bind(&links)
            .bind(outcome.public)
            .bind(outcome.finished)
            .bind(account_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let state = outcome.state();
            sqlx::query(
                "UPDATE atelier_case SET state = $2, \
                 meeting_id = CASE WHEN $2 = 'discussed' THEN meeting_id ELSE NULL END, \
                 updated_at = $3 WHERE id = $1",
            )
            .bind(case_id)
            .bind(state.as_str())
            .bind(now)
            .execute(&mut *tx)
            .await?;
            if outcome.public {
                sqlx::query(
                    "UPDATE activity SET revision = revision + 1, updated_at = $2 WHERE id = $1",
                )
                .bind(activity_id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            audit!(
                tx,
                organisation = None::<i64>,
                activity = Some(activity_id),
                registration = None::<i64>,
                account = account_id,
                action = if state == CaseState::Discussed {
                    "case_discussed"
                } else {
                    "case_carried_over"
                },
                detail = public_id,
                now = now
            );
            OutcomeSaved::Saved
        }))
    }
}
