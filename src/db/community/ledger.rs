//! Give and take (halen en brengen): who attended a meeting (the taking side) and
//! what members brought — a case, an expert contribution (both written by the
//! platform when they happen, once per source), or what they record themselves.
//! A member sees their own ledger; the kartrekker sees everyone's with the signal
//! for members who only take. The rules are [`crate::domain::community::ledger`].

use chrono::NaiveDate;

use crate::db::Db;
use crate::db::audit::audit;
use crate::db::editor::Actor;
use crate::domain::community::ledger::{
    ContributionKind, Entry, ExpectedTime, LedgerEntry, NewContribution, Threshold,
    attendance_open, dutch_date,
};
use crate::time::Timestamp;
use crate::{on_pool, write_tx};

/// One line of a member's ledger.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct LedgerRow {
    pub entry_date: NaiveDate,
    pub kind: String,
    pub minutes: i32,
    pub note: String,
    pub source: String,
}

impl LedgerRow {
    /// As the rules count it; `None` for a row that does not read (never written).
    pub fn entry(&self) -> Option<LedgerEntry> {
        let meeting = self
            .source
            .strip_prefix("session:")
            .and_then(|id| id.parse().ok());
        Some(LedgerEntry {
            date: self.entry_date,
            kind: Entry::from_row(&self.kind, meeting)?,
            minutes: u32::try_from(self.minutes).ok()?,
        })
    }
}

/// One member's totals, for the kartrekker's overview.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MemberTotals {
    pub account_id: i64,
    pub name: String,
    pub attended: i64,
    pub minutes_taken: i64,
    pub contributions: i64,
    pub minutes_brought: i64,
}

/// An atelier's time settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeSettings {
    pub expected: Option<ExpectedTime>,
    pub threshold: Threshold,
}

/// What recording attendance did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttendanceOutcome {
    /// (present now).
    Saved(u64),
    /// The meeting has not begun.
    TooEarly,
    NotFound,
}

/// Writes a ledger entry made by the platform, once per `$source`, in `$tx`.
macro_rules! platform_entry {
    ($tx:ident, $activity:expr, $account:expr, $date:expr, $kind:expr, $minutes:expr,
     $source:expr, $by:expr, $now:expr) => {
        sqlx::query(
            "INSERT INTO ledger_entry (activity_id, account_id, entry_date, kind, minutes, source, \
             recorded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (account_id, source) WHERE source <> '' DO NOTHING",
        )
        .bind($activity)
        .bind($account)
        .bind($date)
        .bind($kind)
        .bind($minutes)
        .bind($source)
        .bind($by)
        .bind($now)
        .execute(&mut *$tx)
        .await?
    };
}
pub(crate) use platform_entry;

/// When meeting `$session` of atelier `$activity` begins and ends, in `$tx`; `None`
/// when it is no meeting of this atelier.
macro_rules! meeting_times {
    ($tx:ident, $activity:expr, $session:expr) => {{
        let times: Option<(Timestamp, Timestamp)> = sqlx::query_as(
            "SELECT starts_at, ends_at FROM session WHERE id = $1 AND activity_id = $2",
        )
        .bind($session)
        .bind($activity)
        .fetch_optional(&mut *$tx)
        .await?;
        times
    }};
}

/// The one way a member's presence at a meeting is written, for the agenda page's
/// list and the check-in at the door alike: present (`$present`) is an attendance
/// row and the ledger line "attended" for the meeting's length (`$entry`, once per
/// source `session:{id}`); not present takes both away. In `$tx`; evaluates to the
/// attendance rows changed (0: it was so already).
macro_rules! member_presence {
    ($tx:ident, $activity:expr, $session:expr, $account:expr, $present:expr, $entry:expr,
     $actor:expr) => {{
        let source = format!("session:{}", $session);
        if $present {
            let changed = sqlx::query(
                "INSERT INTO meeting_attendance (session_id, account_id, recorded_by, created_at) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT (session_id, account_id) DO NOTHING",
            )
            .bind($session)
            .bind($account)
            .bind($actor.account_id)
            .bind($actor.now)
            .execute(&mut *$tx)
            .await?
            .rows_affected();
            platform_entry!(
                $tx,
                $activity,
                $account,
                $entry.date,
                "attended",
                i64::from($entry.minutes),
                &source,
                $actor.account_id,
                $actor.now
            );
            changed
        } else {
            let changed = sqlx::query(
                "DELETE FROM meeting_attendance WHERE session_id = $1 AND account_id = $2",
            )
            .bind($session)
            .bind($account)
            .execute(&mut *$tx)
            .await?
            .rows_affected();
            sqlx::query("DELETE FROM ledger_entry WHERE account_id = $1 AND source = $2")
                .bind($account)
                .bind(&source)
                .execute(&mut *$tx)
                .await?;
            changed
        }
    }};
}

/// A member on the check-in list of a meeting: invited to it by their level.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CheckInMember {
    /// The membership's public id (the form names them by it).
    pub public_id: String,
    /// Their name, or their address when they gave none.
    pub name: String,
    /// Their answer (`yes`, `no`, `maybe`), or none.
    pub answer: Option<String>,
    /// When they were marked present.
    pub present_since: Option<Timestamp>,
}

/// What checking a member in (or undoing it) did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemberCheckIn {
    Done,
    /// It was so already.
    Unchanged,
    /// The meeting is further ahead than `attendance_open` allows.
    TooEarly,
    /// No such meeting of this atelier, or no such active member.
    NotFound,
}

impl Db {
    /// Atelier `activity_id`'s expected time and signal threshold.
    pub async fn time_settings(&self, activity_id: i64) -> sqlx::Result<TimeSettings> {
        let row: Option<(Option<i32>, i32, i32)> = on_pool!(self, |pool| sqlx::query_as(
            "SELECT expected_minutes, signal_contributions, signal_meetings FROM atelier \
             WHERE activity_id = $1"
        )
        .bind(activity_id)
        .fetch_optional(pool)
        .await)?;
        Ok(match row {
            None => TimeSettings {
                expected: None,
                threshold: Threshold::default(),
            },
            Some((expected, contributions, meetings)) => TimeSettings {
                expected: expected
                    .and_then(|m| u32::try_from(m).ok())
                    .filter(|m| *m > 0)
                    .map(|minutes_per_month| ExpectedTime { minutes_per_month }),
                threshold: Threshold {
                    contributions: u32::try_from(contributions).unwrap_or(1),
                    per_meetings: u32::try_from(meetings).unwrap_or(3),
                },
            },
        })
    }

    /// Sets atelier `activity_id`'s expected time and signal threshold.
    pub async fn set_time_settings(
        &self,
        activity_id: i64,
        settings: TimeSettings,
        actor: Actor,
    ) -> sqlx::Result<()> {
        let now = actor.now;
        let expected = settings.expected.map(|e| i64::from(e.minutes_per_month));
        write_tx!(self, |tx| {
            sqlx::query(
                "INSERT INTO atelier (activity_id, expected_minutes, signal_contributions, \
                 signal_meetings, updated_at) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (activity_id) DO UPDATE SET expected_minutes = $2, \
                 signal_contributions = $3, signal_meetings = $4, updated_at = $5",
            )
            .bind(activity_id)
            .bind(expected)
            .bind(i64::from(settings.threshold.contributions))
            .bind(i64::from(settings.threshold.per_meetings))
            .bind(now)
            .execute(&mut *tx)
            .await?;
            // Public: "reken op ongeveer 2 uur per maand".
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
                action = "time_settings_saved",
                detail = "",
                now = now
            );
        });
        Ok(())
    }

    /// The atelier's active members who may be ticked present: (account id, name or
    /// address), by name.
    pub async fn attendance_choices(&self, activity_id: i64) -> sqlx::Result<Vec<(i64, String)>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT a.id, CASE WHEN a.name = '' THEN a.email ELSE a.name END AS label \
             FROM atelier_member m JOIN account a ON a.id = m.account_id \
             WHERE m.activity_id = $1 AND m.state = 'active' ORDER BY label, a.id"
        )
        .bind(activity_id)
        .fetch_all(pool)
        .await)
    }

    /// Who was at meeting `session_id` (account ids).
    pub async fn meeting_attendance(&self, session_id: i64) -> sqlx::Result<Vec<i64>> {
        on_pool!(self, |pool| sqlx::query_scalar(
            "SELECT account_id FROM meeting_attendance WHERE session_id = $1 ORDER BY account_id"
        )
        .bind(session_id)
        .fetch_all(pool)
        .await)
    }

    /// Records who of the atelier's active members were at meeting `session_id`
    /// (from shortly before it begins: `attendance_open`): those ticked get an
    /// attendance and a ledger line for the meeting's length; those no longer ticked
    /// lose both ([`member_presence!`], as the check-in writes them).
    pub async fn record_attendance(
        &self,
        activity_id: i64,
        session_id: i64,
        present: &[i64],
        actor: Actor,
    ) -> sqlx::Result<AttendanceOutcome> {
        let now = actor.now;
        Ok(write_tx!(self, |tx| {
            let meeting = meeting_times!(tx, activity_id, session_id);
            let Some((starts_at, ends_at)) = meeting else {
                return Ok(AttendanceOutcome::NotFound);
            };
            if !attendance_open(starts_at, now) {
                return Ok(AttendanceOutcome::TooEarly);
            }
            let members: Vec<i64> = sqlx::query_scalar(
                "SELECT account_id FROM atelier_member WHERE activity_id = $1 AND state = 'active'",
            )
            .bind(activity_id)
            .fetch_all(&mut *tx)
            .await?;
            let entry = LedgerEntry::attended(session_id, starts_at, ends_at);
            let mut count = 0;
            for account in members {
                let present = present.contains(&account);
                count += u64::from(present);
                member_presence!(tx, activity_id, session_id, account, present, entry, actor);
            }
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = Some(activity_id),
                registration = None::<i64>,
                account = actor.account_id,
                action = "attendance_recorded",
                detail = &crate::db::audit::Detail::Session { starts_at }.json(),
                now = now
            );
            AttendanceOutcome::Saved(count)
        }))
    }

    /// The check-in list of meeting `session_id` of atelier `activity_id`: the active
    /// members its level invites (those who said ja or misschien first, then the
    /// rest), by name, with when they were marked present.
    pub async fn check_in_members(
        &self,
        activity_id: i64,
        session_id: i64,
    ) -> sqlx::Result<Vec<CheckInMember>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT m.public_id, CASE WHEN a.name = '' THEN a.email ELSE a.name END AS name, \
             r.answer, t.created_at AS present_since \
             FROM session s JOIN atelier_member m ON m.activity_id = s.activity_id \
             AND m.state = 'active' \
             AND (m.level = 'meetings' OR (m.level = 'public_only' AND NOT s.members_only)) \
             JOIN account a ON a.id = m.account_id \
             LEFT JOIN meeting_rsvp r ON r.session_id = s.id AND r.account_id = m.account_id \
             LEFT JOIN meeting_attendance t ON t.session_id = s.id AND t.account_id = m.account_id \
             WHERE s.id = $2 AND s.activity_id = $1 \
             ORDER BY CASE WHEN r.answer IN ('yes', 'maybe') THEN 0 ELSE 1 END, \
             lower(CASE WHEN a.name = '' THEN a.email ELSE a.name END), m.id"
        )
        .bind(activity_id)
        .bind(session_id)
        .fetch_all(pool)
        .await)
    }

    /// Checks member `member` (a membership's public id) of atelier `activity_id` in
    /// at meeting `session_id` (`present`), or undoes it: the same attendance and
    /// ledger line as the agenda page writes ([`member_presence!`]), and an audit row.
    pub async fn mark_member_presence(
        &self,
        activity_id: i64,
        session_id: i64,
        member: &str,
        present: bool,
        actor: Actor,
    ) -> sqlx::Result<MemberCheckIn> {
        let now = actor.now;
        Ok(write_tx!(self, |tx| {
            let meeting = meeting_times!(tx, activity_id, session_id);
            let Some((starts_at, ends_at)) = meeting else {
                return Ok(MemberCheckIn::NotFound);
            };
            let account: Option<i64> = sqlx::query_scalar(
                "SELECT account_id FROM atelier_member \
                 WHERE activity_id = $1 AND public_id = $2 AND state = 'active'",
            )
            .bind(activity_id)
            .bind(member)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(account) = account else {
                return Ok(MemberCheckIn::NotFound);
            };
            if !attendance_open(starts_at, now) {
                return Ok(MemberCheckIn::TooEarly);
            }
            let entry = LedgerEntry::attended(session_id, starts_at, ends_at);
            let changed =
                member_presence!(tx, activity_id, session_id, account, present, entry, actor);
            if changed == 0 {
                return Ok(MemberCheckIn::Unchanged);
            }
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = Some(activity_id),
                registration = None::<i64>,
                account = actor.account_id,
                action = if present {
                    "member_attendance_marked"
                } else {
                    "member_attendance_undone"
                },
                detail = &crate::db::audit::Detail::Session { starts_at }.json(),
                now = now
            );
            MemberCheckIn::Done
        }))
    }

    /// Member `account_id` (or the kartrekker for them: `recorded_by`) records a
    /// contribution.
    pub async fn add_contribution(
        &self,
        activity_id: i64,
        account_id: i64,
        contribution: &NewContribution,
        recorded_by: i64,
        now: Timestamp,
    ) -> sqlx::Result<()> {
        write_tx!(self, |tx| {
            sqlx::query(
                "INSERT INTO ledger_entry (activity_id, account_id, entry_date, kind, minutes, note, \
                 recorded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(activity_id)
            .bind(account_id)
            .bind(contribution.date)
            .bind(contribution.kind.as_str())
            .bind(i64::from(contribution.minutes))
            .bind(&contribution.note)
            .bind(recorded_by)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        });
        Ok(())
    }

    /// Member `account_id`'s ledger in atelier `activity_id`, newest first.
    pub async fn member_ledger(
        &self,
        activity_id: i64,
        account_id: i64,
    ) -> sqlx::Result<Vec<LedgerRow>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT entry_date, kind, minutes, note, source FROM ledger_entry \
             WHERE activity_id = $1 AND account_id = $2 ORDER BY entry_date DESC, id DESC"
        )
        .bind(activity_id)
        .bind(account_id)
        .fetch_all(pool)
        .await)
    }

    /// Every active member's totals, by name: for the kartrekker only.
    pub async fn ledger_overview(&self, activity_id: i64) -> sqlx::Result<Vec<MemberTotals>> {
        on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT m.account_id, CASE WHEN a.name = '' THEN a.email ELSE a.name END AS name, \
             COALESCE(SUM(CASE WHEN l.kind = 'attended' THEN 1 ELSE 0 END), 0) AS attended, \
             COALESCE(SUM(CASE WHEN l.kind = 'attended' THEN l.minutes ELSE 0 END), 0) AS minutes_taken, \
             COALESCE(SUM(CASE WHEN l.kind <> 'attended' THEN 1 ELSE 0 END), 0) AS contributions, \
             COALESCE(SUM(CASE WHEN l.kind <> 'attended' THEN l.minutes ELSE 0 END), 0) AS minutes_brought \
             FROM atelier_member m JOIN account a ON a.id = m.account_id \
             LEFT JOIN ledger_entry l ON l.activity_id = m.activity_id AND l.account_id = m.account_id \
             WHERE m.activity_id = $1 AND m.state = 'active' \
             GROUP BY m.account_id, a.name, a.email ORDER BY 2, m.account_id"
        )
        .bind(activity_id)
        .fetch_all(pool)
        .await
        })
    }
}

/// The ledger line a case brought writes: on the day, the kind's usual time.
pub fn case_entry(now: Timestamp) -> (NaiveDate, i64) {
    (
        dutch_date(now),
        i64::from(ContributionKind::Case.default_minutes()),
    )
}
