//! Voting: a ballot waits for its emailed link (or counts at once for a signed-in
//! account's own address), counting replaces the voter's earlier votes in one short
//! transaction, the results are counted by the database per theme and per group, and
//! publishing an activity made from a chosen theme emails its voters once.
//!
//! A vote rush loses nothing and counts nothing twice: one voter row per round and
//! address (`UNIQUE (round_id, email_key)`, an upsert), one vote per voter and
//! proposal (the primary key), and a voter's votes replaced inside one transaction.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde_json::json;

use crate::db::Db;
use crate::db::outbox::{enqueue_mail, message_id};
use crate::domain::mail::MailKind;
use crate::domain::survey::tally::{Dimension, GroupCount, Tally, Theme, resolve, tally};
use crate::domain::survey::{Answers, BALLOT_VALID_DAYS, ProposalStatus, REGIONS, Role};
use crate::i18n::Lang;
use crate::time::Timestamp;
use crate::{on_pool, write_tx};

/// A vote to count: the voter, what they said about themselves, and their choices.
#[derive(Clone, Debug)]
pub struct Vote {
    pub email: String,
    pub email_key: String,
    pub answers: Answers,
    pub notify: bool,
    pub lang: Lang,
    pub proposals: Vec<i64>,
}

/// What counting a vote did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CastOutcome {
    Counted,
    /// Refused: the message key (closed, too many, a declined proposal…).
    Refused(&'static str),
}

/// What opening an emailed link did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfirmOutcome {
    /// Counted, for the round with this public id.
    Counted(String),
    /// The link was used before (the round's public id).
    Used(String),
    /// The link is too old (the round's public id).
    Expired(String),
    /// Counting was refused (the round's public id, the message key).
    Refused(String, &'static str),
    Unknown,
}

/// Counts `$vote` in round `$round` inside `$tx`: the round must be open on `$today`,
/// each choice an open proposal (a merged one counts for the one it went into, so
/// a link confirmed after a merge still counts), at most the votes per person.
/// Evaluates to `Result<(), &'static str>`.
macro_rules! cast {
    ($tx:ident, $round:expr, $vote:expr, $today:expr, $now:expr) => {{
        let allowed: Option<i32> = sqlx::query_scalar(
            "SELECT votes_per_person FROM survey_round WHERE id = $1 AND status = 'open' \
             AND opens_on <= $2 AND closes_on >= $2 AND anonymised_at IS NULL",
        )
        .bind($round)
        .bind($today)
        .fetch_optional(&mut *$tx)
        .await?;
        match allowed {
            None => Err("survey-error-closed"),
            Some(allowed) => {
                let rows: Vec<(i64, String, Option<i64>)> = sqlx::query_as(
                    "SELECT id, status, merged_into FROM survey_proposal WHERE round_id = $1",
                )
                .bind($round)
                .fetch_all(&mut *$tx)
                .await?;
                match counted_choices(&rows, &$vote.proposals, allowed) {
                    Err(message) => Err(message),
                    Ok(choices) => {
                        let answers = &$vote.answers;
                        let voter: i64 = sqlx::query_scalar(
                            "INSERT INTO survey_voter (round_id, email, email_key, account_id, role, \
                             region, years, band, notify, lang, verified_at, created_at, updated_at) \
                             VALUES ($1, $2, $3, (SELECT id FROM account WHERE email_key = $3), \
                             $4, $5, $6, $7, $8, $9, $10, $10, $10) \
                             ON CONFLICT (round_id, email_key) DO UPDATE SET email = excluded.email, \
                             account_id = excluded.account_id, role = excluded.role, \
                             region = excluded.region, years = excluded.years, band = excluded.band, \
                             notify = excluded.notify, lang = excluded.lang, \
                             verified_at = excluded.verified_at, updated_at = excluded.updated_at \
                             RETURNING id",
                        )
                        .bind($round)
                        .bind(&$vote.email)
                        .bind(&$vote.email_key)
                        .bind(answers.role.map(Role::as_str).unwrap_or(""))
                        .bind(answers.region.as_deref().unwrap_or(""))
                        .bind(answers.years.map(|y| y as i32))
                        .bind(answers.band().map(|b| b.as_str()).unwrap_or(""))
                        .bind($vote.notify)
                        .bind($vote.lang.code())
                        .bind($now)
                        .fetch_one(&mut *$tx)
                        .await?;
                        sqlx::query("DELETE FROM survey_vote WHERE voter_id = $1")
                            .bind(voter)
                            .execute(&mut *$tx)
                            .await?;
                        let sql = format!(
                            "INSERT INTO survey_vote (voter_id, proposal_id, round_id, created_at) \
                             VALUES {}",
                            crate::db::value_rows(choices.len(), 4, 1)
                        );
                        let mut insert = sqlx::query(sqlx::AssertSqlSafe(sql));
                        for proposal in &choices {
                            insert = insert.bind(voter).bind(*proposal).bind($round).bind($now);
                        }
                        insert.execute(&mut *$tx).await?;
                        Ok(())
                    }
                }
            }
        }
    }};
}

/// The proposals a vote counts for: merges followed, each once, every one open,
/// no more than `allowed`.
fn counted_choices(
    rows: &[(i64, String, Option<i64>)],
    ticked: &[i64],
    allowed: i32,
) -> Result<Vec<i64>, &'static str> {
    let merged: BTreeMap<i64, i64> = rows
        .iter()
        .filter_map(|(id, _, into)| into.map(|into| (*id, into)))
        .collect();
    let mut out = Vec::new();
    for id in ticked {
        let id = resolve(*id, &merged);
        let row = rows
            .iter()
            .find(|r| r.0 == id)
            .ok_or("survey-error-unknown-proposal")?;
        match ProposalStatus::parse(&row.1) {
            Some(ProposalStatus::Open) => {}
            Some(ProposalStatus::Merged) => return Err("survey-error-proposal-merged"),
            _ => return Err("survey-error-proposal-declined"),
        }
        if !out.contains(&id) {
            out.push(id);
        }
    }
    if out.is_empty() {
        Err("survey-error-choose-one")
    } else if out.len() > usize::try_from(allowed).unwrap_or(0) {
        Err("survey-error-too-many-votes")
    } else {
        Ok(out)
    }
}

#[derive(sqlx::FromRow)]
struct BallotRow {
    round_id: i64,
    email: String,
    email_key: String,
    proposals: String,
    role: String,
    region: String,
    years: Option<i32>,
    notify: bool,
    lang: String,
}

impl BallotRow {
    fn vote(&self) -> Vote {
        Vote {
            email: self.email.clone(),
            email_key: self.email_key.clone(),
            answers: Answers {
                role: Role::parse(&self.role),
                region: REGIONS
                    .iter()
                    .find(|r| **r == self.region)
                    .map(|r| (*r).to_owned()),
                years: self.years.and_then(|y| u32::try_from(y).ok()),
            },
            notify: self.notify,
            lang: Lang::parse(&self.lang).unwrap_or_default(),
            proposals: self
                .proposals
                .split(',')
                .filter_map(|p| p.parse().ok())
                .collect(),
        }
    }
}

/// A round's results as counted by the database.
#[derive(Clone, Debug)]
pub struct Counts {
    pub themes: Vec<Theme>,
    pub voters: u32,
    pub groups: Vec<(Dimension, Vec<GroupCount>)>,
}

/// The column of a breakdown in `survey_voter`.
fn column(dimension: Dimension) -> &'static str {
    match dimension {
        Dimension::Role => "role",
        Dimension::Region => "region",
        Dimension::Band => "band",
    }
}

impl Db {
    /// Counts a vote now: for a signed-in account's own address, which is verified.
    pub async fn cast_vote(
        &self,
        round_id: i64,
        vote: &Vote,
        today: NaiveDate,
        now: Timestamp,
    ) -> sqlx::Result<CastOutcome> {
        Ok(write_tx!(self, |tx| {
            match cast!(tx, round_id, vote, today, now) {
                Ok(()) => CastOutcome::Counted,
                Err(message) => return Ok(CastOutcome::Refused(message)),
            }
        }))
    }

    /// Keeps a ballot until its emailed link is opened, and queues that email (in
    /// one transaction). `public_id` is what the link's token is derived from;
    /// `token_hash` the hash of that token.
    pub async fn start_ballot(
        &self,
        round_id: i64,
        vote: &Vote,
        public_id: &str,
        token_hash: &str,
        now: Timestamp,
    ) -> sqlx::Result<()> {
        let proposals = vote
            .proposals
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        write_tx!(self, |tx| {
            sqlx::query(
                "INSERT INTO survey_ballot (public_id, round_id, token_hash, email, email_key, \
                 proposals, role, region, years, notify, lang, created_at, expires_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
            )
            .bind(public_id)
            .bind(round_id)
            .bind(token_hash)
            .bind(&vote.email)
            .bind(&vote.email_key)
            .bind(&proposals)
            .bind(vote.answers.role.map(Role::as_str).unwrap_or(""))
            .bind(vote.answers.region.as_deref().unwrap_or(""))
            .bind(vote.answers.years.map(|y| y as i32))
            .bind(vote.notify)
            .bind(vote.lang.code())
            .bind(now)
            .bind(now + chrono::Duration::days(BALLOT_VALID_DAYS))
            .execute(&mut *tx)
            .await?;
            enqueue_mail!(
                tx,
                MailKind::SurveyConfirm,
                to = &vote.email,
                lang = vote.lang,
                payload = json!({ "ballot": public_id }),
                now = now
            );
        });
        Ok(())
    }

    /// The round title and voter's choices of a waiting ballot, for its email:
    /// (round title, round public id, the chosen proposals' titles).
    pub async fn ballot_about(
        &self,
        public_id: &str,
    ) -> sqlx::Result<Option<(String, String, Vec<String>)>> {
        let row: Option<(String, String, String, i64)> = on_pool!(self, |pool| sqlx::query_as(
            "SELECT r.title, r.public_id, b.proposals, r.id FROM survey_ballot b \
             JOIN survey_round r ON r.id = b.round_id WHERE b.public_id = $1"
        )
        .bind(public_id)
        .fetch_optional(pool)
        .await)?;
        let Some((title, round, proposals, round_id)) = row else {
            return Ok(None);
        };
        let all = self.survey_proposals(round_id).await?;
        let titles = proposals
            .split(',')
            .filter_map(|p| p.parse::<i64>().ok())
            .filter_map(|id| all.iter().find(|p| p.id == id).map(|p| p.title.clone()))
            .collect();
        Ok(Some((title, round, titles)))
    }

    /// The round (public id and title) of the ballot whose link has this token hash,
    /// used or not: the page behind the link leads back to it.
    pub async fn ballot_round(&self, token_hash: &str) -> sqlx::Result<Option<(String, String)>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT r.public_id, r.title FROM survey_ballot b \
             JOIN survey_round r ON r.id = b.round_id WHERE b.token_hash = $1"
        )
        .bind(token_hash)
        .fetch_optional(pool)
        .await)
    }

    /// Opens the emailed link with this token hash: marks it used and counts the
    /// ballot, in one transaction; a link used before, too old or unknown says so.
    pub async fn confirm_ballot(
        &self,
        token_hash: &str,
        today: NaiveDate,
        now: Timestamp,
    ) -> sqlx::Result<ConfirmOutcome> {
        Ok(write_tx!(self, |tx| {
            let ballot: Option<BallotRow> = sqlx::query_as(
                "UPDATE survey_ballot SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL \
                 AND expires_at > $2 RETURNING round_id, email, email_key, proposals, role, \
                 region, years, notify, lang",
            )
            .bind(token_hash)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(ballot) = ballot else {
                let seen: Option<(String, Option<Timestamp>)> = sqlx::query_as(
                    "SELECT r.public_id, b.used_at FROM survey_ballot b \
                     JOIN survey_round r ON r.id = b.round_id WHERE b.token_hash = $1",
                )
                .bind(token_hash)
                .fetch_optional(&mut *tx)
                .await?;
                return Ok(match seen {
                    None => ConfirmOutcome::Unknown,
                    Some((round, Some(_))) => ConfirmOutcome::Used(round),
                    Some((round, None)) => ConfirmOutcome::Expired(round),
                });
            };
            let round: String =
                sqlx::query_scalar("SELECT public_id FROM survey_round WHERE id = $1")
                    .bind(ballot.round_id)
                    .fetch_one(&mut *tx)
                    .await?;
            let vote = ballot.vote();
            match cast!(tx, ballot.round_id, vote, today, now) {
                Ok(()) => ConfirmOutcome::Counted(round),
                Err(message) => return Ok(ConfirmOutcome::Refused(round, message)),
            }
        }))
    }

    /// The proposals an address voted for in a round (ids), empty when none.
    pub async fn votes_of(&self, round_id: i64, email_key: &str) -> sqlx::Result<Vec<i64>> {
        on_pool!(self, |pool| sqlx::query_scalar(
            "SELECT v.proposal_id FROM survey_vote v JOIN survey_voter w ON w.id = v.voter_id \
             WHERE w.round_id = $1 AND w.email_key = $2 ORDER BY v.proposal_id"
        )
        .bind(round_id)
        .bind(email_key)
        .fetch_all(pool)
        .await)
    }

    /// The round's figures: voters per open theme, distinct voters, and per group.
    pub async fn survey_counts(&self, round_id: i64) -> sqlx::Result<Counts> {
        let themes: Vec<(i64, String, bool, i64)> = on_pool!(self, |pool| sqlx::query_as(
            "SELECT p.id, p.title, p.chosen, COUNT(v.voter_id) FROM survey_proposal p \
             LEFT JOIN survey_vote v ON v.proposal_id = p.id \
             WHERE p.round_id = $1 AND p.status = 'open' GROUP BY p.id, p.title, p.chosen"
        )
        .bind(round_id)
        .fetch_all(pool)
        .await)?;
        let voters: i64 = on_pool!(self, |pool| sqlx::query_scalar(
            "SELECT COUNT(DISTINCT voter_id) FROM survey_vote WHERE round_id = $1"
        )
        .bind(round_id)
        .fetch_one(pool)
        .await)?;
        let mut groups = Vec::new();
        for dimension in Dimension::ALL {
            let sql = format!(
                "SELECT v.proposal_id, w.{col}, COUNT(*) FROM survey_vote v \
                 JOIN survey_voter w ON w.id = v.voter_id WHERE v.round_id = $1 \
                 GROUP BY v.proposal_id, w.{col}",
                col = column(dimension)
            );
            let rows: Vec<(i64, String, i64)> = on_pool!(self, |pool| sqlx::query_as(
                sqlx::AssertSqlSafe(sql.clone())
            )
            .bind(round_id)
            .fetch_all(pool)
            .await)?;
            groups.push((
                dimension,
                rows.into_iter()
                    .map(|(proposal, group, voters)| GroupCount {
                        proposal,
                        group,
                        voters: u32::try_from(voters).unwrap_or(0),
                    })
                    .collect(),
            ));
        }
        Ok(Counts {
            themes: themes
                .into_iter()
                .map(|(proposal, title, chosen, voters)| Theme {
                    proposal,
                    title,
                    voters: u32::try_from(voters).unwrap_or(0),
                    chosen,
                })
                .collect(),
            voters: u32::try_from(voters).unwrap_or(0),
            groups,
        })
    }

    /// What the email about a published activity says: (activity slug, activity
    /// title, round title, round public id).
    pub async fn survey_notice_about(
        &self,
        activity_id: i64,
    ) -> sqlx::Result<Option<(String, String, String, String)>> {
        on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT t.slug, t.title, r.title, r.public_id FROM survey_activity a \
             JOIN activity t ON t.id = a.activity_id JOIN survey_proposal p ON p.id = a.proposal_id \
             JOIN survey_round r ON r.id = p.round_id WHERE a.activity_id = $1"
        )
        .bind(activity_id)
        .fetch_optional(pool)
        .await
        })
    }

    /// The round's results with the threshold applied.
    pub async fn survey_tally(&self, round_id: i64) -> sqlx::Result<Tally> {
        let counts = self.survey_counts(round_id).await?;
        Ok(tally(
            counts.themes,
            counts.voters,
            &counts.groups,
            |d| match d {
                Dimension::Role => Role::ALL.iter().map(|r| r.as_str().to_owned()).collect(),
                Dimension::Region => REGIONS.iter().map(|r| (*r).to_owned()).collect(),
                Dimension::Band => crate::domain::survey::Band::ALL
                    .iter()
                    .map(|b| b.as_str().to_owned())
                    .collect(),
            },
        ))
    }
}

/// When activity `$activity` is published in `$tx`: if it was made from a chosen
/// theme and its voters were not yet emailed, one email to each voter for that theme
/// who asked for it, once (`survey_activity.notified_at`). Evaluates to how many.
macro_rules! survey_notices {
    ($tx:ident, $activity:expr, $now:expr) => {{
        let proposal: Option<i64> = sqlx::query_scalar(
            "UPDATE survey_activity SET notified_at = $2 WHERE activity_id = $1 \
             AND notified_at IS NULL RETURNING proposal_id",
        )
        .bind($activity)
        .bind($now)
        .fetch_optional(&mut *$tx)
        .await?;
        let mut sent = 0u64;
        if let Some(proposal) = proposal {
            let voters: Vec<(String, String)> = sqlx::query_as(
                "SELECT w.email, w.lang FROM survey_vote v JOIN survey_voter w ON w.id = v.voter_id \
                 WHERE v.proposal_id = $1 AND w.notify ORDER BY w.id",
            )
            .bind(proposal)
            .fetch_all(&mut *$tx)
            .await?;
            for (email, lang) in voters {
                let lang = $crate::i18n::Lang::parse(&lang).unwrap_or_default();
                $crate::db::outbox::enqueue_mail!(
                    $tx,
                    $crate::domain::mail::MailKind::SurveyChosen,
                    to = &email,
                    lang = lang,
                    payload = serde_json::json!({ "activity": $activity }),
                    now = $now
                );
                sent += 1;
            }
        }
        sent
    }};
}
pub(crate) use survey_notices;
