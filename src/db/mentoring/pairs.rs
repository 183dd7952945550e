//! A pair's path: reading a pair for one of its two people ([`Db::pair_for`]), the
//! agreement on goals and period, the meeting log — each meeting enters both
//! learning records in the same transaction as *reflectie (mentorschap)*
//! (`record_entry.kind` 'mentoring', source `mentoring:{meeting}`, the hours and,
//! per register with a "reflectie" category, the points, frozen like every other
//! entry) —, sharing the log with the coordinator (only when both do), and the
//! evaluation from both that ends the pair. The coordinator's overview
//! ([`Db::programme_overview`]) counts meetings and hours, never reads the log
//! unless both shared it.

use chrono::NaiveDate;
use sqlx::AssertSqlSafe;

use crate::db::{Db, new_public_key};
use crate::domain::learning::Points;
use crate::domain::learning::record::Credit;
use crate::domain::mentoring::path::{Agreement, LogEntry};
use crate::time::Timestamp;
use crate::{on_pool, write_tx};

/// A pair as its page shows it (names from the programme's profiles).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PairRow {
    pub id: i64,
    pub public_id: String,
    pub programme_id: i64,
    pub programme_public_id: String,
    pub programme_title: String,
    pub organisation_name: String,
    pub mentor_account_id: i64,
    pub mentee_account_id: i64,
    pub mentor_name: String,
    pub mentee_name: String,
    pub mentor_email: String,
    pub mentee_email: String,
    pub mentor_years: Option<i32>,
    pub mentee_years: Option<i32>,
    pub reverse: bool,
    pub theme_nl: Option<String>,
    pub theme_en: Option<String>,
    pub goals: String,
    pub starts_on: Option<NaiveDate>,
    pub months: Option<i32>,
    pub state: String,
    pub mentor_shares_log: bool,
    pub mentee_shares_log: bool,
}

impl PairRow {
    pub fn is_mentor(&self, account_id: i64) -> bool {
        self.mentor_account_id == account_id
    }

    /// The other person's account id, for `account_id`.
    pub fn other(&self, account_id: i64) -> i64 {
        if self.is_mentor(account_id) {
            self.mentee_account_id
        } else {
            self.mentor_account_id
        }
    }

    pub fn active(&self) -> bool {
        self.state == "active"
    }

    /// Both agreed the coordinator may read the log.
    pub fn shared(&self) -> bool {
        self.mentor_shares_log && self.mentee_shares_log
    }
}

const PAIR: &str = "SELECT p.id, p.public_id, p.programme_id, g.public_id AS programme_public_id, \
     g.title AS programme_title, o.name AS organisation_name, \
     p.mentor_account_id, p.mentee_account_id, \
     COALESCE(fm.name, am.name) AS mentor_name, COALESCE(fe.name, ae.name) AS mentee_name, \
     am.email AS mentor_email, ae.email AS mentee_email, \
     fm.years AS mentor_years, fe.years AS mentee_years, p.reverse, \
     t.name_nl AS theme_nl, t.name_en AS theme_en, p.goals, p.starts_on, p.months, p.state, \
     p.mentor_shares_log, p.mentee_shares_log \
     FROM mentoring_pair p \
     JOIN mentoring_programme g ON g.id = p.programme_id \
     JOIN organisation o ON o.id = g.organisation_id \
     JOIN account am ON am.id = p.mentor_account_id \
     JOIN account ae ON ae.id = p.mentee_account_id \
     LEFT JOIN mentoring_profile fm ON fm.programme_id = p.programme_id \
       AND fm.account_id = p.mentor_account_id \
     LEFT JOIN mentoring_profile fe ON fe.programme_id = p.programme_id \
       AND fe.account_id = p.mentee_account_id \
     LEFT JOIN theme t ON t.id = p.theme_id";

/// One meeting in the log.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MeetingRow {
    pub held_on: NaiveDate,
    pub minutes: i32,
    pub topics: String,
    pub mentor_learned: String,
    pub mentee_learned: String,
}

/// A pair in the coordinator's overview: who, how it stands, how much, never what.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PairSummary {
    pub public_id: String,
    pub mentor_name: String,
    pub mentee_name: String,
    pub reverse: bool,
    pub state: String,
    pub starts_on: Option<NaiveDate>,
    pub months: Option<i32>,
    pub meetings: i64,
    pub minutes: i64,
    pub shared: bool,
    pub evaluations: i64,
}

/// The programme's totals for its coordinator.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub profiles: u32,
    pub open_requests: u32,
    pub active_pairs: u32,
    pub ended_pairs: u32,
    pub reverse_pairs: u32,
    pub meetings: u32,
    pub minutes: u32,
}

impl Db {
    /// Pair `public_id` if account `account_id` is its mentor or mentee.
    pub async fn pair_for(
        &self,
        public_id: &str,
        account_id: i64,
    ) -> sqlx::Result<Option<PairRow>> {
        let sql = format!(
            "{PAIR} WHERE p.public_id = $1 AND (p.mentor_account_id = $2 \
             OR p.mentee_account_id = $2)"
        );
        on_pool!(self, |pool| sqlx::query_as(AssertSqlSafe(sql))
            .bind(public_id)
            .bind(account_id)
            .fetch_optional(pool)
            .await)
    }

    /// Pair `public_id` of programme `programme_id` (for its coordinator).
    pub async fn programme_pair(
        &self,
        programme_id: i64,
        public_id: &str,
    ) -> sqlx::Result<Option<PairRow>> {
        let sql = format!("{PAIR} WHERE p.public_id = $1 AND p.programme_id = $2");
        on_pool!(self, |pool| sqlx::query_as(AssertSqlSafe(sql))
            .bind(public_id)
            .bind(programme_id)
            .fetch_optional(pool)
            .await)
    }

    /// The pairs account `account_id` is in within a programme, active first.
    pub async fn pairs_of(&self, programme_id: i64, account_id: i64) -> sqlx::Result<Vec<PairRow>> {
        let sql = format!(
            "{PAIR} WHERE p.programme_id = $1 AND (p.mentor_account_id = $2 \
             OR p.mentee_account_id = $2) ORDER BY p.state, p.created_at DESC, p.id DESC"
        );
        on_pool!(self, |pool| sqlx::query_as(AssertSqlSafe(sql))
            .bind(programme_id)
            .bind(account_id)
            .fetch_all(pool)
            .await)
    }

    /// The pair's meetings, newest first.
    pub async fn pair_meetings(&self, pair_id: i64) -> sqlx::Result<Vec<MeetingRow>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT held_on, minutes, topics, mentor_learned, mentee_learned \
             FROM mentoring_meeting WHERE pair_id = $1 ORDER BY held_on DESC, id DESC"
        )
        .bind(pair_id)
        .fetch_all(pool)
        .await)
    }

    /// The pair's evaluations: (account id, text).
    pub async fn pair_evaluations(&self, pair_id: i64) -> sqlx::Result<Vec<(i64, String)>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT account_id, body FROM mentoring_evaluation WHERE pair_id = $1 \
             ORDER BY created_at, account_id"
        )
        .bind(pair_id)
        .fetch_all(pool)
        .await)
    }

    /// Saves the pair's goals and period.
    pub async fn save_agreement(
        &self,
        pair_id: i64,
        agreement: &Agreement,
        now: Timestamp,
    ) -> sqlx::Result<()> {
        on_pool!(self, |pool| sqlx::query(
            "UPDATE mentoring_pair SET goals = $2, starts_on = $3, months = $4, updated_at = $5 \
             WHERE id = $1"
        )
        .bind(pair_id)
        .bind(&agreement.goals)
        .bind(agreement.starts_on)
        .bind(agreement.months as i32)
        .bind(now)
        .execute(pool)
        .await
        .map(|_| ()))
    }

    /// One of the pair (`account_id`) logs a meeting; it enters both learning
    /// records in the same transaction. `false` when the pair has ended.
    pub async fn log_meeting(
        &self,
        pair: &PairRow,
        account_id: i64,
        entry: &LogEntry,
        now: Timestamp,
    ) -> sqlx::Result<bool> {
        let categories: Vec<(i64, String, i64, String)> = on_pool!(self, |pool| sqlx::query_as(
            "SELECT r.id, r.name, c.id, c.name FROM register_category c \
             JOIN register r ON r.id = c.register_id WHERE c.slug = 'reflectie' \
             ORDER BY r.position, r.id"
        )
        .fetch_all(pool)
        .await)?;
        let points = Points::from_minutes(entry.minutes);
        let credits: Vec<Credit> = categories
            .into_iter()
            .map(|(register_id, register, category_id, category)| Credit {
                register_id,
                register,
                category_id,
                category,
                id_number: String::new(),
                points_halves: points.halves(),
            })
            .collect();
        let credits = serde_json::to_string(&credits).unwrap_or_else(|_| "[]".to_owned());
        Ok(write_tx!(self, |tx| {
            let state: Option<String> = sqlx::query_scalar(
                "UPDATE mentoring_pair SET updated_at = $2 WHERE id = $1 RETURNING state",
            )
            .bind(pair.id)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            if state.as_deref() != Some("active") {
                return Ok(false);
            }
            let meeting: i64 = sqlx::query_scalar(
                "INSERT INTO mentoring_meeting (pair_id, written_by, held_on, minutes, topics, \
                 mentor_learned, mentee_learned, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            )
            .bind(pair.id)
            .bind(account_id)
            .bind(entry.held_on)
            .bind(entry.minutes as i32)
            .bind(&entry.topics)
            .bind(&entry.mentor_learned)
            .bind(&entry.mentee_learned)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            for (owner, other) in [
                (pair.mentor_account_id, &pair.mentee_name),
                (pair.mentee_account_id, &pair.mentor_name),
            ] {
                sqlx::query(
                    "INSERT INTO record_entry (public_id, account_id, kind, source, title, \
                     provider, held_on, net_minutes, credits, created_at) \
                     VALUES ($1, $2, 'mentoring', $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(new_public_key())
                .bind(owner)
                .bind(format!("mentoring:{meeting}"))
                .bind(format!("Mentorgesprek met {other}"))
                .bind(&pair.organisation_name)
                .bind(entry.held_on)
                .bind(i64::from(entry.minutes))
                .bind(&credits)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            true
        }))
    }

    /// Whether account `account_id` shares the pair's log with the coordinator.
    pub async fn share_log(&self, pair: &PairRow, account_id: i64, on: bool) -> sqlx::Result<()> {
        let column = if pair.is_mentor(account_id) {
            "mentor_shares_log"
        } else {
            "mentee_shares_log"
        };
        let sql = format!("UPDATE mentoring_pair SET {column} = $2 WHERE id = $1");
        on_pool!(self, |pool| sqlx::query(AssertSqlSafe(sql))
            .bind(pair.id)
            .bind(on)
            .execute(pool)
            .await
            .map(|_| ()))
    }

    /// Account `account_id`'s evaluation of the pair (written again replaces it);
    /// with both in, the pair has ended. Returns whether it ended now.
    pub async fn evaluate_pair(
        &self,
        pair: &PairRow,
        account_id: i64,
        body: &str,
        now: Timestamp,
    ) -> sqlx::Result<bool> {
        Ok(write_tx!(self, |tx| {
            sqlx::query(
                "INSERT INTO mentoring_evaluation (pair_id, account_id, body, created_at) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT (pair_id, account_id) \
                 DO UPDATE SET body = excluded.body, created_at = excluded.created_at",
            )
            .bind(pair.id)
            .bind(account_id)
            .bind(body)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let both: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM mentoring_evaluation WHERE pair_id = $1")
                    .bind(pair.id)
                    .fetch_one(&mut *tx)
                    .await?;
            if both >= 2 {
                sqlx::query(
                    "UPDATE mentoring_pair SET state = 'ended', ended_at = $2, updated_at = $2 \
                     WHERE id = $1 AND state = 'active'",
                )
                .bind(pair.id)
                .bind(now)
                .execute(&mut *tx)
                .await?
                .rows_affected()
                    > 0
            } else {
                false
            }
        }))
    }

    /// The coordinator's overview: each pair with its counts, and the totals.
    pub async fn programme_overview(
        &self,
        programme_id: i64,
    ) -> sqlx::Result<(Vec<PairSummary>, Totals)> {
        let pairs: Vec<PairSummary> = on_pool!(self, |pool| sqlx::query_as(
            "SELECT p.public_id, COALESCE(fm.name, '') AS mentor_name, \
             COALESCE(fe.name, '') AS mentee_name, p.reverse, p.state, p.starts_on, p.months, \
             (SELECT COUNT(*) FROM mentoring_meeting m WHERE m.pair_id = p.id) AS meetings, \
             (SELECT CAST(COALESCE(SUM(m.minutes), 0) AS BIGINT) FROM mentoring_meeting m \
              WHERE m.pair_id = p.id) AS minutes, \
             (p.mentor_shares_log AND p.mentee_shares_log) AS shared, \
             (SELECT COUNT(*) FROM mentoring_evaluation e WHERE e.pair_id = p.id) AS evaluations \
             FROM mentoring_pair p \
             LEFT JOIN mentoring_profile fm ON fm.programme_id = p.programme_id \
               AND fm.account_id = p.mentor_account_id \
             LEFT JOIN mentoring_profile fe ON fe.programme_id = p.programme_id \
               AND fe.account_id = p.mentee_account_id \
             WHERE p.programme_id = $1 ORDER BY p.state, p.created_at DESC, p.id DESC"
        )
        .bind(programme_id)
        .fetch_all(pool)
        .await)?;
        let (profiles, open_requests): (i64, i64) = on_pool!(self, |pool| sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM mentoring_profile WHERE programme_id = $1), \
             (SELECT COUNT(*) FROM mentoring_request WHERE programme_id = $1 \
              AND state = 'open' AND expires_at > $2)"
        )
        .bind(programme_id)
        .bind(crate::time::now())
        .fetch_one(pool)
        .await)?;
        let count = |n: i64| u32::try_from(n).unwrap_or(0);
        let totals = Totals {
            profiles: count(profiles),
            open_requests: count(open_requests),
            active_pairs: pairs.iter().filter(|p| p.state == "active").count() as u32,
            ended_pairs: pairs.iter().filter(|p| p.state == "ended").count() as u32,
            reverse_pairs: pairs.iter().filter(|p| p.reverse).count() as u32,
            meetings: count(pairs.iter().map(|p| p.meetings).sum()),
            minutes: count(pairs.iter().map(|p| p.minutes).sum()),
        };
        Ok((pairs, totals))
    }
}
