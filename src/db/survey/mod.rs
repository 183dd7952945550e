//! The theme inventory in storage: rounds of an organisation (the survey owner),
//! proposals with their moderation (reword keeping the proposer's words, merge,
//! decline with a reason), the decision and the activities made from chosen themes.
//! Votes, ballots waiting for their emailed link, results and the email when an
//! activity is published are in [`vote`]. The rules are [`crate::domain::survey`].

pub mod demo;
pub mod retention;
mod vote;

pub use vote::*;

use chrono::NaiveDate;

use crate::db::Db;
use crate::db::audit::audit;
use crate::db::editor::Actor;
use crate::db::personal_data::{Entry, OnDelete, OnRetention, Person};
use crate::domain::survey::{Choice, Proposal, ProposalStatus, Round, RoundStatus, may_merge};
use crate::time::Timestamp;
use crate::{on_pool, write_tx};

/// Voters, ballots waiting for confirmation and proposers are people: their
/// address, their answers about themselves and what they proposed. A round that
/// closed longer ago than its organisation keeps personal data loses them
/// ([`retention`]); the results stay the same.
pub const PERSONAL_DATA: &[Entry] = &[
    Entry {
        table: "survey_voter",
        columns: &[
            "round_id",
            "email",
            "role",
            "region",
            "years",
            "notify",
            "verified_at",
            "created_at",
        ],
        person: Person::EmailKey,
        on_delete: OnDelete::Delete,
        // What the results count (role, region, the experience band) stays, so the
        // figures are the same after; the address, the exact years, the link to an
        // account and the wish to be emailed go. A unique stand-in keeps
        // `UNIQUE (round_id, email_key)` and matches no address (it has no `@`).
        on_retention: OnRetention::Round(Some(
            "email = '', email_key = 'anonymised:' || CAST(id AS TEXT), account_id = NULL, \
             years = NULL, notify = FALSE",
        )),
    },
    Entry {
        table: "survey_ballot",
        columns: &["round_id", "email", "proposals", "created_at", "used_at"],
        person: Person::EmailKey,
        on_delete: OnDelete::Delete,
        // Used or never confirmed, a ballot only waited for its link (the emails
        // with those links go too, see [`retention`]).
        on_retention: OnRetention::Round(None),
    },
    Entry {
        table: "survey_proposal",
        columns: &[
            "round_id",
            "title",
            "want",
            "why_now",
            "original_title",
            "author_email",
            "status",
            "declined_reason",
            "created_at",
        ],
        person: Person::EmailKey,
        on_delete: OnDelete::Blank("author_email = NULL, email_key = NULL, account_id = NULL"),
        // The proposed theme stays part of the round's results, without its proposer.
        on_retention: OnRetention::Round(Some(
            "author_email = NULL, email_key = NULL, account_id = NULL",
        )),
    },
];

/// A round as its pages show it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RoundRow {
    pub id: i64,
    pub public_id: String,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub title: String,
    pub why: String,
    pub audience: String,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub votes_per_person: i32,
    pub status: String,
    pub results_public: bool,
    pub decision: String,
    pub decided_at: Option<Timestamp>,
    /// Changes with the round and with every moderation of its proposals: what
    /// kept results are checked against.
    pub updated_at: Timestamp,
}

impl RoundRow {
    pub fn status(&self) -> RoundStatus {
        RoundStatus::parse(&self.status).unwrap_or(RoundStatus::Closed)
    }

    pub fn round(&self) -> Round {
        Round {
            title: self.title.clone(),
            why: self.why.clone(),
            audience: self.audience.clone(),
            opens_on: self.opens_on,
            closes_on: self.closes_on,
            votes_per_person: u32::try_from(self.votes_per_person).unwrap_or(1),
        }
    }
}

/// A proposal with its votes (distinct voters) and moderation.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ProposalRow {
    pub id: i64,
    pub title: String,
    pub want: String,
    pub why_now: String,
    pub original_title: Option<String>,
    pub original_want: Option<String>,
    pub original_why_now: Option<String>,
    pub status: String,
    pub merged_into: Option<i64>,
    pub declined_reason: String,
    pub chosen: bool,
    pub votes: i64,
}

impl ProposalRow {
    pub fn status(&self) -> ProposalStatus {
        ProposalStatus::parse(&self.status).unwrap_or(ProposalStatus::Declined)
    }

    pub fn choice(&self) -> Choice {
        Choice {
            id: self.id,
            status: self.status(),
        }
    }

    pub fn reworded(&self) -> bool {
        self.original_title.is_some()
    }
}

/// What a moderation step did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Moderation {
    Done,
    /// No such proposal in the round.
    NotFound,
    /// Refused by the rules: the message key.
    Refused(&'static str),
}

const ROUND_COLUMNS: &str = "r.id, r.public_id, r.organisation_id, o.name AS organisation_name, \
     r.title, r.why, r.audience, r.opens_on, r.closes_on, r.votes_per_person, r.status, \
     r.results_public, r.decision, r.decided_at, r.updated_at";

/// Marks round `$round` changed in `$tx` (its results may read differently now).
macro_rules! touch_round {
    ($tx:ident, $round:expr, $now:expr) => {
        sqlx::query("UPDATE survey_round SET updated_at = $2 WHERE id = $1")
            .bind($round)
            .bind($now)
            .execute(&mut *$tx)
            .await?
    };
}

impl Db {
    /// Makes a draft round of the actor's organisation; its public id.
    pub async fn create_round(&self, round: &Round, actor: Actor) -> sqlx::Result<String> {
        let public_id = crate::db::new_public_key();
        let now = actor.now;
        write_tx!(self, |tx| {
            sqlx::query(
                "INSERT INTO survey_round (public_id, organisation_id, title, why, audience, \
                 opens_on, closes_on, votes_per_person, status, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'draft', $9, $9)",
            )
            .bind(&public_id)
            .bind(actor.organisation_id)
            .bind(&round.title)
            .bind(&round.why)
            .bind(&round.audience)
            .bind(round.opens_on)
            .bind(round.closes_on)
            .bind(round.votes_per_person as i32)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = None::<i64>,
                registration = None::<i64>,
                account = actor.account_id,
                action = "survey_created",
                detail = &round.title,
                now = now
            );
        });
        Ok(public_id)
    }

    /// Changes the round's settings.
    pub async fn update_round(&self, id: i64, round: &Round, actor: Actor) -> sqlx::Result<()> {
        let now = actor.now;
        write_tx!(self, |tx| {
            sqlx::query(
                "UPDATE survey_round SET title = $2, why = $3, audience = $4, opens_on = $5, \
                 closes_on = $6, votes_per_person = $7, updated_at = $8 WHERE id = $1",
            )
            .bind(id)
            .bind(&round.title)
            .bind(&round.why)
            .bind(&round.audience)
            .bind(round.opens_on)
            .bind(round.closes_on)
            .bind(round.votes_per_person as i32)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = None::<i64>,
                registration = None::<i64>,
                account = actor.account_id,
                action = "survey_changed",
                detail = &round.title,
                now = now
            );
        });
        Ok(())
    }

    /// Opens or closes the round, and whether its results are public once closed.
    pub async fn set_round_status(
        &self,
        id: i64,
        status: RoundStatus,
        results_public: bool,
        actor: Actor,
    ) -> sqlx::Result<()> {
        let now = actor.now;
        write_tx!(self, |tx| {
            sqlx::query(
                "UPDATE survey_round SET status = $2, results_public = $3, updated_at = $4 \
                 WHERE id = $1",
            )
            .bind(id)
            .bind(status.as_str())
            .bind(results_public)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = None::<i64>,
                registration = None::<i64>,
                account = actor.account_id,
                action = "survey_status",
                detail = status.as_str(),
                now = now
            );
        });
        Ok(())
    }

    /// The round with public id `public_id`.
    pub async fn survey_round(&self, public_id: &str) -> sqlx::Result<Option<RoundRow>> {
        let sql = format!(
            "SELECT {ROUND_COLUMNS} FROM survey_round r JOIN organisation o \
             ON o.id = r.organisation_id WHERE r.public_id = $1"
        );
        on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.clone()
        ))
        .bind(public_id)
        .fetch_optional(pool)
        .await)
    }

    /// The rounds of these organisations (all when `None`: an admin), newest first.
    pub async fn survey_rounds(
        &self,
        organisations: Option<&[i64]>,
    ) -> sqlx::Result<Vec<RoundRow>> {
        let filter = match organisations {
            None => String::new(),
            Some([]) => return Ok(Vec::new()),
            Some(ids) => format!(
                "WHERE r.organisation_id IN ({})",
                crate::db::placeholders(ids.len(), 1)
            ),
        };
        let sql = format!(
            "SELECT {ROUND_COLUMNS} FROM survey_round r JOIN organisation o \
             ON o.id = r.organisation_id {filter} ORDER BY r.created_at DESC, r.id DESC"
        );
        on_pool!(self, |pool| {
            let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()));
            for id in organisations.unwrap_or_default() {
                query = query.bind(*id);
            }
            query.fetch_all(pool).await
        })
    }

    /// The rounds open on `today` (opened, and `today` within their dates), the
    /// soonest to close first: the home page invites everyone to them.
    pub async fn open_survey_rounds(&self, today: NaiveDate) -> sqlx::Result<Vec<RoundRow>> {
        let sql = format!(
            "SELECT {ROUND_COLUMNS} FROM survey_round r JOIN organisation o \
             ON o.id = r.organisation_id WHERE r.status = 'open' AND r.opens_on <= $1 \
             AND r.closes_on >= $1 ORDER BY r.closes_on, r.id"
        );
        on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.clone()
        ))
        .bind(today)
        .fetch_all(pool)
        .await)
    }

    /// The round's proposals in the order they came (`votes` left 0: see
    /// [`Db::survey_proposals_counted`]).
    pub async fn survey_proposals(&self, round_id: i64) -> sqlx::Result<Vec<ProposalRow>> {
        self.proposals_of(round_id, "CAST(0 AS BIGINT)").await
    }

    /// The round's proposals with the votes each has now: for the organiser (the
    /// public page shows counts only in the results, and counting every vote per
    /// request would cost a busy page most of its time).
    pub async fn survey_proposals_counted(&self, round_id: i64) -> sqlx::Result<Vec<ProposalRow>> {
        self.proposals_of(
            round_id,
            "(SELECT COUNT(*) FROM survey_vote v WHERE v.proposal_id = p.id)",
        )
        .await
    }

    async fn proposals_of(&self, round_id: i64, votes: &str) -> sqlx::Result<Vec<ProposalRow>> {
        let sql = format!(
            "SELECT p.id, p.title, p.want, p.why_now, p.original_title, p.original_want, \
             p.original_why_now, p.status, p.merged_into, p.declined_reason, p.chosen, \
             {votes} AS votes FROM survey_proposal p WHERE p.round_id = $1 ORDER BY p.id"
        );
        on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.clone()
        ))
        .bind(round_id)
        .fetch_all(pool)
        .await)
    }

    /// Adds a proposal while the round takes them (`today` within its dates and
    /// open, checked in the insert itself); `false` when it does not.
    pub async fn add_proposal(
        &self,
        round_id: i64,
        proposal: &Proposal,
        author: Option<(&str, &str)>,
        account_id: Option<i64>,
        today: NaiveDate,
        now: Timestamp,
    ) -> sqlx::Result<bool> {
        let done = on_pool!(self, |pool| sqlx::query(
            "INSERT INTO survey_proposal (round_id, title, want, why_now, author_email, \
             email_key, account_id, status, created_at, updated_at) \
             SELECT id, $2, $3, $4, $5, $6, $7, 'open', $8, $8 FROM survey_round \
             WHERE id = $1 AND status = 'open' AND opens_on <= $9 AND closes_on >= $9 \
             AND anonymised_at IS NULL"
        )
        .bind(round_id)
        .bind(&proposal.title)
        .bind(&proposal.want)
        .bind(&proposal.why_now)
        .bind(author.map(|a| a.0))
        .bind(author.map(|a| a.1))
        .bind(account_id)
        .bind(now)
        .bind(today)
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))?;
        Ok(done == 1)
    }

    /// Rewords a proposal; the proposer's own words are kept the first time.
    pub async fn reword_proposal(
        &self,
        round_id: i64,
        proposal_id: i64,
        proposal: &Proposal,
        actor: Actor,
    ) -> sqlx::Result<Moderation> {
        let now = actor.now;
        Ok(write_tx!(self, |tx| {
            let done = sqlx::query(
                "UPDATE survey_proposal SET original_title = COALESCE(original_title, title), \
                 original_want = COALESCE(original_want, want), \
                 original_why_now = COALESCE(original_why_now, why_now), \
                 title = $3, want = $4, why_now = $5, updated_at = $6 \
                 WHERE id = $2 AND round_id = $1",
            )
            .bind(round_id)
            .bind(proposal_id)
            .bind(&proposal.title)
            .bind(&proposal.want)
            .bind(&proposal.why_now)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Ok(Moderation::NotFound);
            }
            touch_round!(tx, round_id, now);
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = None::<i64>,
                registration = None::<i64>,
                account = actor.account_id,
                action = "survey_proposal_reworded",
                detail = &proposal.title,
                now = now
            );
            Moderation::Done
        }))
    }

    /// Declines an open proposal with a reason the proposer sees; its votes go.
    pub async fn decline_proposal(
        &self,
        round_id: i64,
        proposal_id: i64,
        reason: &str,
        actor: Actor,
    ) -> sqlx::Result<Moderation> {
        let now = actor.now;
        Ok(write_tx!(self, |tx| {
            let done = sqlx::query(
                "UPDATE survey_proposal SET status = 'declined', declined_reason = $3, \
                 chosen = FALSE, updated_at = $4 WHERE id = $2 AND round_id = $1 AND status = 'open'",
            )
            .bind(round_id)
            .bind(proposal_id)
            .bind(reason)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Ok(Moderation::Refused("survey-error-merge-not-open"));
            }
            sqlx::query("DELETE FROM survey_vote WHERE proposal_id = $1")
                .bind(proposal_id)
                .execute(&mut *tx)
                .await?;
            touch_round!(tx, round_id, now);
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = None::<i64>,
                registration = None::<i64>,
                account = actor.account_id,
                action = "survey_proposal_declined",
                detail = reason,
                now = now
            );
            Moderation::Done
        }))
    }

    /// Merges `source` into `target`: every vote for `source` moves to `target`
    /// unless its voter already voted for `target` (then it goes: one voice each).
    pub async fn merge_proposals(
        &self,
        round_id: i64,
        source: i64,
        target: i64,
        actor: Actor,
    ) -> sqlx::Result<Moderation> {
        let now = actor.now;
        Ok(write_tx!(self, |tx| {
            let rows: Vec<(i64, String)> = sqlx::query_as(
                "SELECT id, status FROM survey_proposal WHERE round_id = $1 AND id IN ($2, $3)",
            )
            .bind(round_id)
            .bind(source)
            .bind(target)
            .fetch_all(&mut *tx)
            .await?;
            let choice = |id: i64| {
                rows.iter().find(|r| r.0 == id).map(|r| Choice {
                    id,
                    status: ProposalStatus::parse(&r.1).unwrap_or(ProposalStatus::Declined),
                })
            };
            let (Some(from), Some(into)) = (choice(source), choice(target)) else {
                return Ok(Moderation::NotFound);
            };
            if let Err(message) = may_merge(from, into) {
                return Ok(Moderation::Refused(message));
            }
            sqlx::query(
                "UPDATE survey_vote SET proposal_id = $2 WHERE proposal_id = $1 AND NOT EXISTS \
                 (SELECT 1 FROM survey_vote w WHERE w.voter_id = survey_vote.voter_id \
                 AND w.proposal_id = $2)",
            )
            .bind(source)
            .bind(target)
            .execute(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM survey_vote WHERE proposal_id = $1")
                .bind(source)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "UPDATE survey_proposal SET status = 'merged', merged_into = $2, chosen = FALSE, \
                 updated_at = $3 WHERE id = $1",
            )
            .bind(source)
            .bind(target)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            // Earlier merges into the source follow it, so every chain ends at an open one.
            sqlx::query("UPDATE survey_proposal SET merged_into = $2 WHERE merged_into = $1")
                .bind(source)
                .bind(target)
                .execute(&mut *tx)
                .await?;
            touch_round!(tx, round_id, now);
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = None::<i64>,
                registration = None::<i64>,
                account = actor.account_id,
                action = "survey_proposals_merged",
                detail = format!("{source} → {target}"),
                now = now
            );
            Moderation::Done
        }))
    }

    /// Marks open proposals chosen (or not) for the programme.
    pub async fn choose_proposals(
        &self,
        round_id: i64,
        chosen: &[i64],
        actor: Actor,
    ) -> sqlx::Result<()> {
        let now = actor.now;
        write_tx!(self, |tx| {
            sqlx::query("UPDATE survey_proposal SET chosen = FALSE WHERE round_id = $1")
                .bind(round_id)
                .execute(&mut *tx)
                .await?;
            for id in chosen {
                sqlx::query(
                    "UPDATE survey_proposal SET chosen = TRUE, updated_at = $3 \
                     WHERE round_id = $1 AND id = $2 AND status = 'open'",
                )
                .bind(round_id)
                .bind(id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            touch_round!(tx, round_id, now);
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = None::<i64>,
                registration = None::<i64>,
                account = actor.account_id,
                action = "survey_chosen",
                detail = chosen.len().to_string(),
                now = now
            );
        });
        Ok(())
    }

    /// Records the decision ("besproken met 20 opbouwwerkers op …").
    pub async fn record_decision(
        &self,
        round_id: i64,
        decision: &str,
        actor: Actor,
    ) -> sqlx::Result<()> {
        let now = actor.now;
        write_tx!(self, |tx| {
            sqlx::query(
                "UPDATE survey_round SET decision = $2, decided_at = $3, updated_at = $3 \
                 WHERE id = $1",
            )
            .bind(round_id)
            .bind(decision)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = None::<i64>,
                registration = None::<i64>,
                account = actor.account_id,
                action = "survey_decided",
                detail = decision,
                now = now
            );
        });
        Ok(())
    }

    /// Links an activity to the chosen theme it was made from.
    pub async fn link_survey_activity(
        &self,
        activity_id: i64,
        proposal_id: i64,
    ) -> sqlx::Result<()> {
        on_pool!(self, |pool| sqlx::query(
            "INSERT INTO survey_activity (activity_id, proposal_id) VALUES ($1, $2)"
        )
        .bind(activity_id)
        .bind(proposal_id)
        .execute(pool)
        .await
        .map(|_| ()))
    }

    /// The round an activity's theme was chosen in: (round public id, title, the
    /// round's last day, whether its results are public).
    pub async fn survey_origin(
        &self,
        activity_id: i64,
    ) -> sqlx::Result<Option<(String, String, NaiveDate, bool)>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT r.public_id, r.title, r.closes_on, r.results_public FROM survey_activity a \
             JOIN survey_proposal p ON p.id = a.proposal_id \
             JOIN survey_round r ON r.id = p.round_id WHERE a.activity_id = $1"
        )
        .bind(activity_id)
        .fetch_optional(pool)
        .await)
    }

    /// The activities made from a round's themes: (proposal id, activity public id,
    /// slug, slug, title, status).
    pub async fn survey_activities(
        &self,
        round_id: i64,
    ) -> sqlx::Result<Vec<(i64, String, String, String, String)>> {
        on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT a.proposal_id, t.public_id, t.slug, t.title, t.status FROM survey_activity a \
             JOIN survey_proposal p ON p.id = a.proposal_id JOIN activity t ON t.id = a.activity_id \
             WHERE p.round_id = $1 ORDER BY t.id"
        )
        .bind(round_id)
        .fetch_all(pool)
        .await
        })
    }
}
