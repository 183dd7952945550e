//! The theme inventory's retention (AVG): a round that closed longer ago than its
//! organisation keeps personal data (`organisation.retention_months`, the same term
//! as for its registrations) loses what names its people — the voters' addresses,
//! their exact years and the link to an account, the ballots that waited for their
//! emailed link, the proposers' addresses, and the emails sent about the round.
//! What the results count stays (one voter row per voice, with role, region and
//! experience band, and their votes), so every figure and breakdown is the same
//! after. What goes is said by the personal-data registry
//! ([`crate::db::personal_data::OnRetention::Round`]); the `anonymise_survey_voters`
//! job runs this. `survey_round.anonymised_at` (migration 0025) marks a round done:
//! the job passes it by and no vote or proposal counts in it again.

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::db::Db;
use crate::db::audit::audit;
use crate::db::personal_data::round_retention_statements;
use crate::db::privacy::past_retention;
use crate::domain::mail::MailKind;
use crate::time::Timestamp;
use crate::{on_pool, write_tx};

/// When a round stopped taking votes: the end of its closing day, or earlier when
/// the organiser closed it before (its last change is no earlier than that).
pub fn closed_at(closes_on: NaiveDate, status: &str, updated_at: Timestamp) -> Timestamp {
    let end = closes_on
        .succ_opt()
        .unwrap_or(closes_on)
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc();
    if status == "closed" {
        end.min(updated_at)
    } else {
        end
    }
}

impl Db {
    /// Anonymises every round past its retention; how many rows changed (voters,
    /// ballots, proposals and emails). Each round is one transaction with its audit
    /// row, and a round another server did first is left alone.
    pub async fn anonymise_closed_rounds(&self, now: Timestamp) -> sqlx::Result<u64> {
        let candidates: Vec<(i64, NaiveDate, String, Timestamp, i32)> =
            on_pool!(self, |pool| sqlx::query_as(
                "SELECT r.id, r.closes_on, r.status, r.updated_at, o.retention_months \
                 FROM survey_round r JOIN organisation o ON o.id = r.organisation_id \
                 WHERE r.anonymised_at IS NULL AND r.status <> 'draft'"
            )
            .fetch_all(pool)
            .await)?;
        let mut total = 0;
        for (round_id, closes_on, status, updated_at, months) in candidates {
            if past_retention(closed_at(closes_on, &status, updated_at), months, now) {
                total += self.anonymise_round(round_id, now).await?;
            }
        }
        Ok(total)
    }

    async fn anonymise_round(&self, round_id: i64, now: Timestamp) -> sqlx::Result<u64> {
        let statements = round_retention_statements();
        Ok(write_tx!(self, |tx| {
            let claimed: Option<(i64, String)> = sqlx::query_as(
                "UPDATE survey_round SET anonymised_at = $2 WHERE id = $1 \
                 AND anonymised_at IS NULL RETURNING organisation_id, title",
            )
            .bind(round_id)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((organisation_id, title)) = claimed else {
                return Ok(0);
            };
            // The emails about the round, while the addresses are still there: the
            // links to confirm a ballot, and "a theme you chose became an activity".
            let ballots: HashSet<String> =
                sqlx::query_scalar("SELECT public_id FROM survey_ballot WHERE round_id = $1")
                    .bind(round_id)
                    .fetch_all(&mut *tx)
                    .await?
                    .into_iter()
                    .collect();
            let activities: HashSet<i64> = sqlx::query_scalar(
                "SELECT a.activity_id FROM survey_activity a \
                 JOIN survey_proposal p ON p.id = a.proposal_id WHERE p.round_id = $1",
            )
            .bind(round_id)
            .fetch_all(&mut *tx)
            .await?
            .into_iter()
            .collect();
            let mails: Vec<(i64, String, String)> = sqlx::query_as(
                "SELECT id, kind, payload FROM outbox WHERE kind IN ($2, $3) \
                 AND (recipient IN (SELECT email FROM survey_ballot WHERE round_id = $1) \
                 OR recipient IN (SELECT email FROM survey_voter WHERE round_id = $1))",
            )
            .bind(round_id)
            .bind(MailKind::SurveyConfirm.as_str())
            .bind(MailKind::SurveyChosen.as_str())
            .fetch_all(&mut *tx)
            .await?;
            let mut changed = 0;
            for (id, kind, payload) in mails {
                let payload: serde_json::Value = serde_json::from_str(&payload).unwrap_or_default();
                let about_round = match MailKind::parse(&kind) {
                    Some(MailKind::SurveyConfirm) => payload["ballot"]
                        .as_str()
                        .is_some_and(|b| ballots.contains(b)),
                    _ => payload["activity"]
                        .as_i64()
                        .is_some_and(|a| activities.contains(&a)),
                };
                if about_round {
                    changed += sqlx::query("DELETE FROM outbox WHERE id = $1")
                        .bind(id)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                }
            }
            for sql in statements {
                changed += sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(round_id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
            }
            audit!(
                tx,
                organisation = Some(organisation_id),
                activity = None::<i64>,
                registration = None::<i64>,
                account = None::<i64>,
                action = "survey_anonymised",
                detail = &title,
                now = now
            );
            changed
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    #[test]
    fn a_round_closes_at_the_end_of_its_day_or_when_the_organiser_closed_it() {
        let day = NaiveDate::from_ymd_opt(2021, 2, 12).unwrap();
        let later = Utc.with_ymd_and_hms(2021, 3, 15, 10, 0, 0).unwrap();
        let end = Utc.with_ymd_and_hms(2021, 2, 13, 0, 0, 0).unwrap();
        assert_eq!(closed_at(day, "open", later), end);
        assert_eq!(closed_at(day, "closed", later), end, "decided later");
        let early = Utc.with_ymd_and_hms(2021, 2, 1, 9, 0, 0).unwrap();
        assert_eq!(closed_at(day, "closed", early), early, "closed early");
        assert_eq!(closed_at(day, "open", early), end, "still open then");
    }
}
