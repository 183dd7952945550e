//! Privacy (AVG): registrations are anonymised when their activity ended longer ago
//! than its organisation keeps them (`organisation.retention_months`, 12 by default;
//! with several hosts, the shortest term counts). The `anonymise_registrations` job
//! runs this; what goes is what the personal-data registry says
//! ([`crate::db::personal_data`]).
//!
//! Anonymising removes what names a person: name, address, organisation, region, free
//! texts, answers, the link to an account and the emails sent to them. What stays
//! (state, role, attendance) still counts for reports and names nobody.

use chrono::Months;

use crate::db::Db;
use crate::db::audit::audit;
use crate::db::personal_data::retention_statements;
use crate::time::Timestamp;
use crate::{on_pool, write_tx};

/// Shortest and longest retention an organisation may choose, in months.
pub const RETENTION_MONTHS: std::ops::RangeInclusive<i32> = 1..=120;

/// The retention of a new organisation, in months (the column's default in
/// migration 0004).
pub const DEFAULT_RETENTION_MONTHS: i32 = 12;

/// An organisation's retention, as the privacy statement lists it.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct RetentionTerm {
    pub name: String,
    pub months: i32,
}

/// Whether an activity that ended at `ended_at` is past a retention of `months`.
pub fn past_retention(ended_at: Timestamp, months: i32, now: Timestamp) -> bool {
    u32::try_from(months)
        .ok()
        .and_then(|m| ended_at.checked_add_months(Months::new(m)))
        .is_some_and(|until| until <= now)
}

impl Db {
    /// Every organisation's retention, by name: what the privacy statement says.
    pub async fn retention_terms(&self) -> sqlx::Result<Vec<RetentionTerm>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT name, retention_months AS months FROM organisation ORDER BY name, id"
        )
        .fetch_all(pool)
        .await)
    }

    /// Anonymises the registrations of every activity past its retention; returns
    /// how many registrations. Each activity is one transaction with its audit row.
    pub async fn anonymise_ended(&self, now: Timestamp) -> sqlx::Result<u64> {
        // Activities that still hold personal data: when they ended, and the
        // shortest retention of their hosts.
        let candidates: Vec<(i64, Timestamp, i32)> = on_pool!(self, |pool| sqlx::query_as(
            "SELECT a.id, (SELECT MAX(s.ends_at) FROM session s WHERE s.activity_id = a.id), \
             (SELECT MIN(o.retention_months) FROM activity_organisation x \
              JOIN organisation o ON o.id = x.organisation_id WHERE x.activity_id = a.id) \
             FROM activity a \
             WHERE EXISTS (SELECT 1 FROM session s WHERE s.activity_id = a.id) \
             AND EXISTS (SELECT 1 FROM activity_organisation x WHERE x.activity_id = a.id) \
             AND EXISTS (SELECT 1 FROM registration r WHERE r.activity_id = a.id \
                         AND r.anonymised_at IS NULL)"
        )
        .fetch_all(pool)
        .await)?;
        let mut total = 0;
        for (activity_id, ended_at, months) in candidates {
            if past_retention(ended_at, months, now) {
                total += self.anonymise_activity(activity_id, months, now).await?;
            }
        }
        Ok(total)
    }

    async fn anonymise_activity(
        &self,
        activity_id: i64,
        months: i32,
        now: Timestamp,
    ) -> sqlx::Result<u64> {
        Ok(write_tx!(self, |tx| {
            // The registry says what goes: rows that hang off the registrations
            // (answers, the emails that named them), then the registrations' own
            // details; the last statement is the registrations'.
            let mut anonymised = 0;
            for (sql, with_now) in retention_statements() {
                let query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(activity_id);
                let query = if with_now { query.bind(now) } else { query };
                anonymised = query.execute(&mut *tx).await?.rows_affected();
            }
            if anonymised == 0 {
                // Another server's job got there first.
                return Ok(0);
            }
            audit!(
                tx,
                organisation = None::<i64>,
                activity = Some(activity_id),
                registration = None::<i64>,
                account = None::<i64>,
                action = "registrations_anonymised",
                detail = crate::db::audit::Detail::Anonymised {
                    registrations: anonymised,
                    months
                }
                .json(),
                now = now
            );
            anonymised
        }))
    }

    /// Sets how many months after an activity its registrations are kept.
    pub async fn set_retention(
        &self,
        organisation_id: i64,
        months: i32,
        account_id: i64,
        now: Timestamp,
    ) -> sqlx::Result<()> {
        write_tx!(self, |tx| {
            let before: i32 =
                sqlx::query_scalar("SELECT retention_months FROM organisation WHERE id = $1")
                    .bind(organisation_id)
                    .fetch_one(&mut *tx)
                    .await?;
            sqlx::query("UPDATE organisation SET retention_months = $2 WHERE id = $1")
                .bind(organisation_id)
                .bind(months)
                .execute(&mut *tx)
                .await?;
            audit!(
                tx,
                organisation = Some(organisation_id),
                activity = None::<i64>,
                registration = None::<i64>,
                account = Some(account_id),
                action = "retention_changed",
                detail = format!("{before} → {months}"),
                now = now
            );
        });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    #[test]
    fn retention_counts_calendar_months_from_the_end() {
        let ended = Utc.with_ymd_and_hms(2025, 1, 31, 17, 0, 0).unwrap();
        let at = |y, m, d| Utc.with_ymd_and_hms(y, m, d, 17, 0, 0).unwrap();
        assert!(!past_retention(ended, 12, at(2026, 1, 30)));
        assert!(past_retention(ended, 12, at(2026, 1, 31)));
        // 31 January + 1 month is the last day of February.
        assert!(!past_retention(ended, 1, at(2025, 2, 27)));
        assert!(past_retention(ended, 1, at(2025, 2, 28)));
        assert!(
            !past_retention(ended, -1, at(2030, 1, 1)),
            "no negative terms"
        );
    }
}
