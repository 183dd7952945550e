//! An atelier's meetings: the series they follow, the job that makes the next ones
//! ahead of time (as sessions of the atelier, each then editable on its own), who is
//! invited and their answers (ja / nee / misschien), invitations and reminders by
//! email, and a member's private calendar.

use chrono::{Duration, NaiveDate, NaiveTime};
use serde_json::json;

use crate::db::Db;
use crate::db::audit::audit;
use crate::db::editor::Actor;
use crate::db::outbox::{enqueue_mail, message_id};
use crate::domain::community::membership::Level;
use crate::domain::community::series::{Series, due_occurrences};
use crate::domain::mail::MailKind;
use crate::i18n::Lang;
use crate::time::Timestamp;
use crate::{on_pool, write_tx};

/// How far ahead meetings exist: the job keeps this many months made.
pub const HORIZON_MONTHS: u32 = 6;
/// Invitations go out this long before a meeting.
pub const INVITE_AHEAD: Duration = Duration::days(28);
/// Those who have not answered are reminded this long before a meeting.
pub const REMIND_AHEAD: Duration = Duration::days(7);

/// The coming meetings of atelier `$1` made from its series that nobody touched
/// since (`$2`: now): no answers, nothing on the agenda, no case waiting for them.
/// A new rule takes these away and makes its own.
const UNTOUCHED: &str = "activity_id = $1 AND series_date IS NOT NULL AND starts_at > $2 \
     AND NOT EXISTS (SELECT 1 FROM meeting_rsvp r WHERE r.session_id = session.id \
                     AND r.answer IS NOT NULL) \
     AND NOT EXISTS (SELECT 1 FROM agenda_item i WHERE i.session_id = session.id) \
     AND NOT EXISTS (SELECT 1 FROM atelier_case c WHERE c.meeting_id = session.id)";

/// An atelier's series as stored, with where and how it meets.
#[derive(Clone, Debug)]
pub struct StoredSeries {
    pub series: Series,
    pub venue_id: Option<i64>,
    pub online_url: String,
    /// New meetings are open to non-members.
    pub public: bool,
}

#[derive(sqlx::FromRow)]
struct SeriesRow {
    activity_id: i64,
    rrule: String,
    first_date: NaiveDate,
    start_time: String,
    end_time: String,
    venue_id: Option<i64>,
    online_url: String,
    public: bool,
}

impl SeriesRow {
    fn read(self) -> sqlx::Result<(i64, StoredSeries)> {
        let time = |raw: &str| {
            NaiveTime::parse_from_str(raw, "%H:%M")
                .map_err(|_| crate::db::decode_error("atelier_series time", raw))
        };
        let series = Series::from_rrule(
            &self.rrule,
            self.first_date,
            time(&self.start_time)?,
            time(&self.end_time)?,
        )
        .map_err(|e| crate::db::decode_error("atelier_series.rrule", &e.to_string()))?;
        Ok((
            self.activity_id,
            StoredSeries {
                series,
                venue_id: self.venue_id,
                online_url: self.online_url,
                public: self.public,
            },
        ))
    }
}

/// A member's answer to a meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    Yes,
    No,
    Maybe,
}

impl Answer {
    pub const ALL: [Answer; 3] = [Answer::Yes, Answer::No, Answer::Maybe];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Yes => "yes",
            Self::No => "no",
            Self::Maybe => "maybe",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == raw)
    }
}

/// A meeting as a member sees it in the member area.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MemberMeeting {
    pub session_id: i64,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    pub members_only: bool,
    pub online_url: String,
    pub venue_name: Option<String>,
    pub venue_city: Option<String>,
    /// Their answer; `None`: not yet.
    pub answer: Option<String>,
    /// How many said yes.
    pub coming: i64,
}

/// What answering did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswerOutcome {
    Saved,
    /// No such meeting of this atelier (or it was cancelled and removed).
    NotFound,
    /// It has started or is over.
    Past,
    /// Their level does not invite them to it (online only, or public only and the
    /// meeting is for members).
    NotInvited,
}

impl Db {
    /// Atelier `activity_id`'s series, if it has one.
    pub async fn atelier_series(&self, activity_id: i64) -> sqlx::Result<Option<StoredSeries>> {
        let row: Option<SeriesRow> = on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT activity_id, rrule, first_date, start_time, end_time, venue_id, online_url, public \
             FROM atelier_series WHERE activity_id = $1"
        )
        .bind(activity_id)
        .fetch_optional(pool)
        .await
        })?;
        row.map(|r| r.read().map(|(_, s)| s)).transpose()
    }

    /// Sets atelier `activity_id`'s series. Future meetings made from an earlier rule
    /// that nobody touched ([`UNTOUCHED`]) are taken away (cancelled in the calendars),
    /// so the meetings job makes them from this rule; answered ones, and those with
    /// an agenda or a case, stay. Returns how many were taken away.
    pub async fn save_series(
        &self,
        activity_id: i64,
        stored: &StoredSeries,
        actor: Actor,
    ) -> sqlx::Result<u64> {
        let now = actor.now;
        let series = &stored.series;
        Ok(write_tx!(self, |tx| {
            sqlx::query(
                "INSERT INTO atelier_series (activity_id, rrule, first_date, start_time, end_time, \
                 venue_id, online_url, public, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
                 ON CONFLICT (activity_id) DO UPDATE SET rrule = $2, first_date = $3, start_time = $4, \
                 end_time = $5, venue_id = $6, online_url = $7, public = $8, updated_at = $9",
            )
            .bind(activity_id)
            .bind(series.rrule())
            .bind(series.first_date())
            .bind(series.start_time().format("%H:%M").to_string())
            .bind(series.end_time().format("%H:%M").to_string())
            .bind(stored.venue_id)
            .bind(&stored.online_url)
            .bind(stored.public)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            // Calendars that had them hear they are off (a cancelled event); the
            // series date is not kept, so the new rule may use the same day.
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "INSERT INTO removed_session (uid, activity_id, title, starts_at, ends_at, removed_at) \
                 SELECT CASE WHEN uid = '' THEN 'session-' || id ELSE uid END, activity_id, title, \
                 starts_at, ends_at, $3 FROM session WHERE {UNTOUCHED} \
                 AND EXISTS (SELECT 1 FROM activity WHERE id = $1 AND status = 'published')"
            )))
            .bind(activity_id)
            .bind(now)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let removed = sqlx::query(sqlx::AssertSqlSafe(format!(
                "DELETE FROM session WHERE {UNTOUCHED}"
            )))
            .bind(activity_id)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            sqlx::query(
                "UPDATE activity SET revision = revision + 1, updated_at = $2 WHERE id = $1",
            )
            .bind(activity_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = Some(activity_id),
                registration = None::<i64>,
                account = actor.account_id,
                action = "series_saved",
                detail = &series.rrule(),
                now = now
            );
            removed
        }))
    }

    /// The meetings job: for every atelier with a series, makes the meetings of the
    /// next [`HORIZON_MONTHS`] that do not exist yet (a meeting moved or cancelled by
    /// hand keeps its series date, so it is not made again). A meeting at a time that
    /// does not exist (the skipped spring hour) is not made; it is logged. Returns
    /// how many meetings were made.
    pub async fn make_meetings(&self, now: Timestamp) -> sqlx::Result<u64> {
        let rows: Vec<SeriesRow> = on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT s.activity_id, s.rrule, s.first_date, s.start_time, s.end_time, s.venue_id, \
             s.online_url, s.public FROM atelier_series s JOIN activity a ON a.id = s.activity_id \
             WHERE a.status IN ('draft', 'published') ORDER BY s.activity_id"
        )
        .fetch_all(pool)
        .await
        })?;
        let mut made = 0;
        for row in rows {
            let (activity_id, stored) = match row.read() {
                Ok(read) => read,
                Err(error) => {
                    tracing::warn!(%error, "an atelier series does not read back");
                    continue;
                }
            };
            made += self.make_meetings_for(activity_id, &stored, now).await?;
        }
        Ok(made)
    }

    /// The meetings of one atelier's series not made yet (see [`Db::make_meetings`]);
    /// after the series is saved, so its meetings show at once.
    pub async fn make_meetings_for(
        &self,
        activity_id: i64,
        stored: &StoredSeries,
        now: Timestamp,
    ) -> sqlx::Result<u64> {
        Ok(write_tx!(self, |tx| {
            let existing: Vec<NaiveDate> = sqlx::query_scalar(
                "SELECT series_date FROM session WHERE activity_id = $1 AND series_date IS NOT NULL \
                 UNION SELECT series_date FROM removed_session WHERE activity_id = $1 \
                 AND series_date IS NOT NULL",
            )
            .bind(activity_id)
            .fetch_all(&mut *tx)
            .await?;
            let mut made = 0;
            for due in due_occurrences(&stored.series, &existing, now, HORIZON_MONTHS) {
                let occurrence = match due {
                    Ok(occurrence) => occurrence,
                    Err(skipped) => {
                        tracing::warn!(activity_id, date = %skipped.date,
                            "a meeting falls in the skipped spring hour; not made");
                        continue;
                    }
                };
                made += sqlx::query(
                    "INSERT INTO session (activity_id, starts_at, ends_at, venue_id, created_at, uid, \
                     series_date, members_only, online_url) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
                     ON CONFLICT (activity_id, series_date) DO NOTHING",
                )
                .bind(activity_id)
                .bind(occurrence.starts_at)
                .bind(occurrence.ends_at)
                .bind(stored.venue_id)
                .bind(now)
                .bind(crate::db::session_uid())
                .bind(occurrence.date)
                .bind(!stored.public)
                .bind(&stored.online_url)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            }
            if made > 0 {
                sqlx::query(
                    "UPDATE activity SET revision = revision + 1, updated_at = $2 WHERE id = $1",
                )
                .bind(activity_id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            made
        }))
    }

    /// The atelier's meetings from `from` on, with `account_id`'s answers and how
    /// many are coming, soonest first.
    pub async fn member_meetings(
        &self,
        activity_id: i64,
        account_id: i64,
        from: Timestamp,
        limit: i64,
    ) -> sqlx::Result<Vec<MemberMeeting>> {
        on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT s.id AS session_id, s.starts_at, s.ends_at, s.members_only, s.online_url, \
             v.name AS venue_name, v.city AS venue_city, r.answer, \
             (SELECT COUNT(*) FROM meeting_rsvp y WHERE y.session_id = s.id AND y.answer = 'yes') AS coming \
             FROM session s LEFT JOIN venue v ON v.id = s.venue_id \
             LEFT JOIN meeting_rsvp r ON r.session_id = s.id AND r.account_id = $2 \
             WHERE s.activity_id = $1 AND s.ends_at > $3 ORDER BY s.starts_at LIMIT $4"
        )
        .bind(activity_id)
        .bind(account_id)
        .bind(from)
        .bind(limit)
        .fetch_all(pool)
        .await
        })
    }

    /// Atelier `activity_id`'s coming meetings open to non-members, soonest first.
    pub async fn public_meetings(
        &self,
        activity_id: i64,
        from: Timestamp,
    ) -> sqlx::Result<Vec<MemberMeeting>> {
        on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT s.id AS session_id, s.starts_at, s.ends_at, s.members_only, s.online_url, \
             v.name AS venue_name, v.city AS venue_city, NULL AS answer, CAST(0 AS BIGINT) AS coming \
             FROM session s LEFT JOIN venue v ON v.id = s.venue_id \
             WHERE s.activity_id = $1 AND s.ends_at > $2 AND NOT s.members_only \
             ORDER BY s.starts_at LIMIT 50"
        )
        .bind(activity_id)
        .bind(from)
        .fetch_all(pool)
        .await
        })
    }

    /// `account_id` (an active member at `level`) answers meeting `session_id` of
    /// atelier `activity_id`.
    pub async fn answer_meeting(
        &self,
        activity_id: i64,
        account_id: i64,
        level: Level,
        session_id: i64,
        answer: Answer,
        now: Timestamp,
    ) -> sqlx::Result<AnswerOutcome> {
        Ok(write_tx!(self, |tx| {
            let meeting: Option<(Timestamp, bool)> = sqlx::query_as(
                "SELECT starts_at, members_only FROM session WHERE id = $1 AND activity_id = $2",
            )
            .bind(session_id)
            .bind(activity_id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((starts_at, members_only)) = meeting else {
                return Ok(AnswerOutcome::NotFound);
            };
            if starts_at <= now {
                return Ok(AnswerOutcome::Past);
            }
            if !level.invited_to(!members_only) {
                return Ok(AnswerOutcome::NotInvited);
            }
            sqlx::query(
                "INSERT INTO meeting_rsvp (session_id, account_id, answer, invited_at, answered_at) \
                 VALUES ($1, $2, $3, $4, $4) ON CONFLICT (session_id, account_id) \
                 DO UPDATE SET answer = $3, answered_at = $4",
            )
            .bind(session_id)
            .bind(account_id)
            .bind(answer.as_str())
            .bind(now)
            .execute(&mut *tx)
            .await?;
            AnswerOutcome::Saved
        }))
    }

    /// The invitations job: invites each active member whose level invites them to
    /// every meeting starting within [`INVITE_AHEAD`] (an email with the calendar
    /// file), then reminds those invited who have not answered within
    /// [`REMIND_AHEAD`] (once). Returns (invited, reminded).
    pub async fn invite_to_meetings(&self, now: Timestamp) -> sqlx::Result<(u64, u64)> {
        Ok(write_tx!(self, |tx| {
            // Members to invite: active, their level invites them, not yet invited.
            let due: Vec<(i64, i64, i64, String, String)> = sqlx::query_as(
                "SELECT s.id, s.activity_id, a.id, a.email, a.lang FROM session s \
                 JOIN activity x ON x.id = s.activity_id AND x.kind = 'atelier' AND x.status = 'published' \
                 JOIN atelier_member m ON m.activity_id = s.activity_id AND m.state = 'active' \
                 JOIN account a ON a.id = m.account_id \
                 WHERE s.starts_at > $1 AND s.starts_at <= $2 \
                 AND (m.level = 'meetings' OR (m.level = 'public_only' AND NOT s.members_only)) \
                 AND NOT EXISTS (SELECT 1 FROM meeting_rsvp r WHERE r.session_id = s.id AND r.account_id = a.id) \
                 ORDER BY s.starts_at, a.id",
            )
            .bind(now)
            .bind(now + INVITE_AHEAD)
            .fetch_all(&mut *tx)
            .await?;
            let invited = due.len() as u64;
            for (session_id, activity_id, account_id, email, lang) in due {
                sqlx::query(
                    "INSERT INTO meeting_rsvp (session_id, account_id, invited_at) VALUES ($1, $2, $3)",
                )
                .bind(session_id)
                .bind(account_id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                enqueue_mail!(
                    tx,
                    MailKind::MeetingInvitation,
                    to = &email,
                    lang = Lang::parse(&lang).unwrap_or_default(),
                    payload = json!({ "atelier": activity_id, "session": session_id }),
                    now = now
                );
            }
            let remind: Vec<(i64, i64, i64, String, String)> = sqlx::query_as(
                "SELECT s.id, s.activity_id, a.id, a.email, a.lang FROM meeting_rsvp r \
                 JOIN session s ON s.id = r.session_id JOIN account a ON a.id = r.account_id \
                 JOIN atelier_member m ON m.activity_id = s.activity_id AND m.account_id = a.id \
                 AND m.state = 'active' \
                 WHERE r.answer IS NULL AND r.reminded_at IS NULL \
                 AND s.starts_at > $1 AND s.starts_at <= $2 ORDER BY s.starts_at, a.id",
            )
            .bind(now)
            .bind(now + REMIND_AHEAD)
            .fetch_all(&mut *tx)
            .await?;
            let reminded = remind.len() as u64;
            for (session_id, activity_id, account_id, email, lang) in remind {
                sqlx::query(
                    "UPDATE meeting_rsvp SET reminded_at = $3 WHERE session_id = $1 AND account_id = $2",
                )
                .bind(session_id)
                .bind(account_id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                enqueue_mail!(
                    tx,
                    MailKind::MeetingReminder,
                    to = &email,
                    lang = Lang::parse(&lang).unwrap_or_default(),
                    payload = json!({ "atelier": activity_id, "session": session_id }),
                    now = now
                );
            }
            (invited, reminded)
        }))
    }
}
