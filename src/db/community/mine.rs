//! What one member reads of their own across their ateliers (the member API,
//! [`crate::http::api::member`]): the meetings their level invites them to, with
//! their answer, and the cases they brought with the outcomes. Only ateliers they
//! are an *active* member of count: someone who left, was declined or never joined
//! reads nothing of that atelier. Lists are pages in a fixed order with a keyset
//! cursor (the last row's time and key), never the whole table.

use sqlx::AssertSqlSafe;

use super::OutcomeRow;
use crate::db::Db;
use crate::on_pool;
use crate::time::Timestamp;

/// The ateliers of `$1` that count: active memberships (`m`) of ateliers (`x`) that
/// are published or cancelled, with `$3` the atelier's slug or empty for all.
const MINE: &str = "m.account_id = $1 AND m.state = 'active' AND x.kind = 'atelier' \
     AND x.status IN ('published', 'cancelled') AND ($3 = '' OR x.slug = $3)";

/// Where a page of a list starts: after the row with this time and key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MyCursor {
    pub at: Timestamp,
    pub key: String,
}

/// Which meetings: those not over yet (soonest first) or those over (latest first).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MyPeriod {
    Coming,
    Past,
}

/// One of a member's meetings.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MyMeeting {
    /// The meeting's calendar UID (kept when it is cancelled).
    pub uid: String,
    pub atelier: String,
    pub atelier_title: String,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    pub venue_name: Option<String>,
    pub venue_city: Option<String>,
    pub online_url: String,
    /// Open to non-members; `None` for a meeting taken away (not kept).
    pub public: Option<bool>,
    /// Taken away, or the atelier was cancelled.
    pub cancelled: bool,
    /// Their answer (`yes`, `no`, `maybe`); `None`: not yet, or not asked.
    pub answer: Option<String>,
}

/// One case a member brought.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MyCase {
    pub id: i64,
    pub public_id: String,
    pub title: String,
    pub state: String,
    pub atelier: String,
    pub atelier_title: String,
    /// The meeting it is for or was on, when known.
    pub meeting_starts_at: Option<Timestamp>,
    pub created_at: Timestamp,
}

/// What a meeting made of one of the member's cases.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MyOutcome {
    pub case_id: i64,
    #[sqlx(flatten)]
    pub outcome: OutcomeRow,
}

impl Db {
    /// A page of `account_id`'s meetings in `period` (at `now`), at most `limit`,
    /// after `cursor`; `atelier` narrows to one slug ("" for all). The meetings
    /// their level invites them to (`Level::invited_to`); meetings taken away are
    /// listed as cancelled for every level that is invited to meetings at all.
    pub async fn my_meetings(
        &self,
        account_id: i64,
        atelier: &str,
        period: MyPeriod,
        cursor: Option<&MyCursor>,
        limit: i64,
        now: Timestamp,
    ) -> sqlx::Result<Vec<MyMeeting>> {
        let (when, after, order) = match period {
            MyPeriod::Coming => (
                "ends_at > $2",
                "(starts_at > $4 OR (starts_at = $4 AND uid > $5))",
                "starts_at, uid",
            ),
            MyPeriod::Past => (
                "ends_at <= $2",
                "(starts_at < $4 OR (starts_at = $4 AND uid < $5))",
                "starts_at DESC, uid DESC",
            ),
        };
        let after = if cursor.is_some() {
            after
        } else {
            "$4 = $4 AND $5 = $5"
        };
        let sql = format!(
            "SELECT uid, atelier, atelier_title, starts_at, ends_at, venue_name, venue_city, \
               online_url, public, cancelled, answer FROM (\
               SELECT CASE WHEN s.uid = '' THEN 'session-' || s.id ELSE s.uid END AS uid, \
                 x.slug AS atelier, x.title AS atelier_title, s.starts_at, s.ends_at, \
                 v.name AS venue_name, v.city AS venue_city, s.online_url, \
                 NOT s.members_only AS public, x.status = 'cancelled' AS cancelled, r.answer \
               FROM session s JOIN activity x ON x.id = s.activity_id \
               JOIN atelier_member m ON m.activity_id = x.id \
               LEFT JOIN venue v ON v.id = s.venue_id \
               LEFT JOIN meeting_rsvp r ON r.session_id = s.id AND r.account_id = m.account_id \
               WHERE {MINE} \
               AND (m.level = 'meetings' OR (m.level = 'public_only' AND NOT s.members_only)) \
             UNION ALL \
               SELECT g.uid, x.slug, x.title, g.starts_at, g.ends_at, \
                 CAST(NULL AS TEXT), CAST(NULL AS TEXT), '', CAST(NULL AS BOOLEAN), TRUE, \
                 CAST(NULL AS TEXT) \
               FROM removed_session g JOIN activity x ON x.id = g.activity_id \
               JOIN atelier_member m ON m.activity_id = x.id \
               WHERE {MINE} AND m.level <> 'online_only'\
             ) mine WHERE {when} AND {after} ORDER BY {order} LIMIT $6"
        );
        // Without a cursor the two are bound only to be named (never NULL).
        let (at, key) = match cursor {
            Some(c) => (c.at, c.key.clone()),
            None => (now, String::new()),
        };
        on_pool!(self, |pool| sqlx::query_as(AssertSqlSafe(sql.clone()))
            .bind(account_id)
            .bind(now)
            .bind(atelier)
            .bind(at)
            .bind(&key)
            .bind(limit)
            .fetch_all(pool)
            .await)
    }

    /// A page of the cases `account_id` brought, newest first, at most `limit`,
    /// after `cursor`; `atelier` narrows to one slug ("" for all). Only cases in
    /// ateliers they are still an active member of; with every outcome (members read
    /// them all), oldest first.
    pub async fn my_cases(
        &self,
        account_id: i64,
        atelier: &str,
        cursor: Option<&MyCursor>,
        limit: i64,
    ) -> sqlx::Result<(Vec<MyCase>, Vec<MyOutcome>)> {
        let after = if cursor.is_some() {
            "AND (c.created_at < $4 OR (c.created_at = $4 AND c.public_id < $5))"
        } else {
            "AND $4 = $4 AND $5 = $5"
        };
        let sql = format!(
            "SELECT c.id, c.public_id, c.title, c.state, x.slug AS atelier, \
               x.title AS atelier_title, s.starts_at AS meeting_starts_at, c.created_at \
             FROM atelier_case c JOIN activity x ON x.id = c.activity_id \
             JOIN atelier_member m ON m.activity_id = x.id AND m.account_id = c.account_id \
             LEFT JOIN session s ON s.id = c.meeting_id \
             WHERE {MINE} {after} ORDER BY c.created_at DESC, c.public_id DESC LIMIT $2"
        );
        // Without a cursor the two are bound only to be named (never NULL: NULL =
        // NULL is not true).
        let (at, key) = match cursor {
            Some(c) => (c.at, c.key.clone()),
            None => (Timestamp::UNIX_EPOCH, String::new()),
        };
        on_pool!(self, |pool| {
            let cases: Vec<MyCase> = sqlx::query_as(AssertSqlSafe(sql.clone()))
                .bind(account_id)
                .bind(limit)
                .bind(atelier)
                .bind(at)
                .bind(&key)
                .fetch_all(pool)
                .await?;
            if cases.is_empty() {
                return Ok((cases, Vec::new()));
            }
            let marks: Vec<String> = (0..cases.len()).map(|i| format!("${}", i + 1)).collect();
            let outcomes = format!(
                "SELECT o.case_id, o.learned, o.next_steps, o.links, o.public, o.finished, \
                   s.starts_at AS meeting_starts_at, o.created_at FROM case_outcome o \
                 LEFT JOIN session s ON s.id = o.session_id \
                 WHERE o.case_id IN ({}) ORDER BY o.case_id, o.created_at, o.id",
                marks.join(", ")
            );
            let mut query = sqlx::query_as(AssertSqlSafe(outcomes));
            for case in &cases {
                query = query.bind(case.id);
            }
            let outcomes: Vec<MyOutcome> = query.fetch_all(pool).await?;
            Ok((cases, outcomes))
        })
    }
}
