//! The attendance list for PE-online: per accredited activity (or per session when
//! accredited per session) the registration numbers of those checked in — at the
//! door (`attendance`) or as members at a meeting (`meeting_attendance`) — whose
//! account holds a number for the register. Registrations are by email, so an
//! attendee is matched to an account by its `email_key`. Those without a number
//! are named, so the organiser can ask them.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use chrono_tz::Europe::Amsterdam;

use crate::db::Db;
use crate::domain::learning::pe_online::deadline;
use crate::on_pool;
use crate::time::Timestamp;

/// One list to enter: the whole activity, or one session.
#[derive(Clone, Debug)]
pub struct PeOnlineRun {
    /// The session, when accredited per session.
    pub session: Option<(i64, Timestamp)>,
    pub id_number: String,
    /// Registration numbers, sorted, each once.
    pub numbers: Vec<String>,
    /// Names of attendees without a number for this register, sorted.
    pub without_number: Vec<String>,
    /// The last day of the run in the Netherlands, and two months after it.
    pub last_day: NaiveDate,
    pub deadline: NaiveDate,
}

/// The PE-online lists of one accreditation.
#[derive(Clone, Debug)]
pub struct PeOnline {
    pub register_name: String,
    pub per_session: bool,
    pub runs: Vec<PeOnlineRun>,
}

#[derive(sqlx::FromRow)]
struct PresentRow {
    session_id: i64,
    account_id: Option<i64>,
    registration_id: Option<i64>,
    name: String,
    number: Option<String>,
}

impl Db {
    /// The PE-online lists of accreditation `accreditation_id` of `activity_id`;
    /// `None` when the activity has no such accreditation.
    pub async fn pe_online(
        &self,
        activity_id: i64,
        accreditation_id: i64,
    ) -> sqlx::Result<Option<PeOnline>> {
        let credit = self.activity_credit(activity_id).await?;
        let Some(accreditation) = credit
            .accreditations
            .into_iter()
            .find(|a| a.id == accreditation_id)
        else {
            return Ok(None);
        };
        let present: Vec<PresentRow> = on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT t.session_id, a.id AS account_id, r.id AS registration_id, r.name, n.number \
             FROM attendance t JOIN registration r ON r.id = t.registration_id \
             JOIN session s ON s.id = t.session_id \
             LEFT JOIN account a ON a.email_key = r.email_key \
             LEFT JOIN account_register n ON n.account_id = a.id AND n.register_id = $2 \
             WHERE s.activity_id = $1 AND r.anonymised_at IS NULL \
             UNION ALL \
             SELECT m.session_id, a.id, NULL, a.name, n.number \
             FROM meeting_attendance m JOIN session s ON s.id = m.session_id \
             JOIN account a ON a.id = m.account_id \
             LEFT JOIN account_register n ON n.account_id = a.id AND n.register_id = $2 \
             WHERE s.activity_id = $1",
        )
        .bind(activity_id)
        .bind(accreditation.register_id)
        .fetch_all(pool)
        .await?
        });
        let day = |at: Timestamp| at.with_timezone(&Amsterdam).date_naive();
        let run = |session: Option<(i64, Timestamp)>, id_number: String, last_day: NaiveDate| {
            // One person once: by account, else by registration.
            let mut people: BTreeMap<(bool, i64), (&str, Option<&str>)> = BTreeMap::new();
            for row in present
                .iter()
                .filter(|r| session.is_none_or(|(id, _)| id == r.session_id))
            {
                let key = match (row.account_id, row.registration_id) {
                    (Some(account), _) => (true, account),
                    (None, Some(registration)) => (false, registration),
                    (None, None) => continue,
                };
                people.insert(key, (row.name.as_str(), row.number.as_deref()));
            }
            let mut numbers: Vec<String> = people
                .values()
                .filter_map(|(_, n)| n.map(str::to_owned))
                .collect();
            numbers.sort();
            numbers.dedup();
            let mut without_number: Vec<String> = people
                .values()
                .filter(|(_, n)| n.is_none())
                .map(|(name, _)| (*name).to_owned())
                .collect();
            without_number.sort();
            PeOnlineRun {
                session,
                id_number,
                numbers,
                without_number,
                last_day,
                deadline: deadline(last_day),
            }
        };
        let runs = if accreditation.per_session {
            accreditation
                .sessions
                .iter()
                .filter_map(|s| {
                    let session = credit
                        .sessions
                        .iter()
                        .find(|c| c.session_id == s.session_id)?;
                    Some(run(
                        Some((session.session_id, session.starts_at)),
                        s.id_number.clone(),
                        day(session.ends_at),
                    ))
                })
                .collect()
        } else {
            let last = credit
                .sessions
                .iter()
                .map(|s| s.ends_at)
                .max()
                .map(day)
                .unwrap_or_else(crate::time::today);
            vec![run(None, accreditation.id_number.clone(), last)]
        };
        Ok(Some(PeOnline {
            register_name: accreditation.register_name,
            per_session: accreditation.per_session,
            runs,
        }))
    }
}
