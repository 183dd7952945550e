//! Signing up, many people at once: one transaction per batch of registrations for
//! one activity.
//!
//! In a rush the activity's row lock is the one thing every sign-up waits for, so the
//! cost of holding it decides the throughput. A batch takes the lock once, reads
//! what it needs in two statements (earlier submissions, addresses already
//! registered; a third lists the questions when answers come along), decides every
//! sign-up in arrival order in memory with
//! [`place`], and writes all registrations, answers, outbox rows and the counters in a
//! handful of multi-row statements and one commit. A batch of one is the plain case;
//! the result of each sign-up is exactly what it would have been on its own, in that
//! order.
//!
//! A sign-up for an atelier names one of its public meetings (`meeting_uid`): an
//! address registers once per meeting, and a meeting that is no longer a coming
//! public one when the batch runs (made members-only, moved into the past, taken
//! away) answers closed for it.
//!
//! An activity that requires earlier modules reads one thing more, only for such an
//! activity ([`Gate`]): who of the batch met them. A sign-up that does not meet them
//! takes no place: it is held (`prerequisite_hold`) and emailed how to state the
//! module was followed elsewhere. The answer is the same as for a place, so the page
//! tells nobody whether an address has a record.

use std::collections::HashMap;

use sqlx::AssertSqlSafe;

use crate::db::lock::{LOCK_ACTIVITY_FOR_SIGNUP, LockRow};
use crate::db::outbox::{INSERT_OUTBOX_COLUMNS, message_id};
use crate::db::prerequisite::gate::{Gate, GateRow, gate_sql, write_holds};
use crate::db::registration::{NewRegistration, RegisterOutcome, state_of};
use crate::db::{Db, count, placeholders, value_rows};
use crate::domain::mail::MailKind;
use crate::domain::prerequisite::Rule;
use crate::domain::registration::{Counts, Placement, RegistrationState, became_full, place};
use crate::time::Timestamp;
use crate::write_tx;

/// Rows per multi-row `INSERT`; keeps every statement far below both databases' limit
/// on bound parameters (SQLite 32,766; PostgreSQL 65,535).
const ROWS_PER_INSERT: usize = 100;

/// A sign-up sent before under the same submission key.
#[derive(Clone, Debug, sqlx::FromRow)]
struct PriorSubmission {
    submission_key: String,
    public_id: String,
    state: String,
    waitlist_position: Option<i32>,
    email_key: String,
    activity_id: i64,
}

/// A registration of this activity that holds an address (for one meeting of an
/// atelier), found before the batch.
#[derive(Clone, Debug, sqlx::FromRow)]
struct Holder {
    id: i64,
    lang: String,
    email_key: String,
    meeting_uid: String,
}

/// Who already holds an address: a stored registration, or one created earlier in
/// this batch.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Owner {
    Stored { id: i64, lang: String },
    InBatch(usize),
}

/// What to do with one sign-up of the batch.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Plan {
    /// Nothing to write: a replay, full, closed.
    Answer(RegisterOutcome),
    /// Store a new registration.
    Create {
        state: RegistrationState,
        position: Option<u32>,
        /// The submission key to store (dropped when it was used before with
        /// another address).
        keep_key: bool,
    },
    /// The address is registered already: queue its manage link. `full`: the
    /// activity has no place or waitlist spot left, so the answer is "full", the
    /// same as a new address gets — the answer must not tell who registered.
    ManageLink(Owner, bool),
    /// The prerequisites are not met: hold the sign-up (no place) and email how to
    /// state them.
    Hold,
    /// A sign-up of this address (and meeting) already waits for a check: email its
    /// link again.
    HoldAgain(Owner),
}

/// What the database holds that the plan depends on.
#[derive(Default)]
struct Prior {
    submissions: HashMap<String, PriorSubmission>,
    /// By address and meeting.
    holders: HashMap<(String, String), Holder>,
    /// The atelier's coming public meetings one may register for: UID → session id
    /// (read only when a sign-up names a meeting).
    open_meetings: HashMap<String, i64>,
    /// The activity's prerequisites, when it has any and the batch is not one an
    /// organiser already checked.
    gate: Option<Gate>,
}

/// Decides each sign-up in order, as if they came one after another. Returns the
/// plans and the counts after the batch.
fn plan(
    activity_id: i64,
    mut counts: Counts,
    batch: &[NewRegistration],
    prior: &Prior,
) -> (Vec<Plan>, Counts) {
    let mut plans: Vec<Plan> = Vec::with_capacity(batch.len());
    // Created in this batch: by address and meeting, and by submission key.
    let mut created_by_email: HashMap<(&str, &str), usize> = HashMap::new();
    let mut created_by_key: HashMap<&str, usize> = HashMap::new();
    let mut held_by_email: HashMap<(&str, &str), usize> = HashMap::new();
    for (index, new) in batch.iter().enumerate() {
        let email_key = new.registration.email.key.as_str();
        let mut keep_key = new.submission_key.is_some();
        if let Some(key) = new.submission_key.as_deref() {
            if let Some(previous) = prior.submissions.get(key) {
                if previous.email_key == email_key && previous.activity_id == activity_id {
                    let outcome = match state_of(&previous.state) {
                        Ok(state) => RegisterOutcome::Replayed {
                            public_id: previous.public_id.clone(),
                            state,
                            position: previous.waitlist_position.map(count),
                        },
                        // An unreadable row: treat the resend as a new attempt, which
                        // the address check below answers.
                        Err(_) => RegisterOutcome::AlreadyRegistered,
                    };
                    plans.push(Plan::Answer(outcome));
                    continue;
                }
                keep_key = false;
            } else if let Some(&earlier) = created_by_key.get(key) {
                if batch[earlier].registration.email.key == email_key {
                    let Plan::Create {
                        state, position, ..
                    } = plans[earlier]
                    else {
                        unreachable!("created_by_key only holds created sign-ups");
                    };
                    plans.push(Plan::Answer(RegisterOutcome::Replayed {
                        public_id: batch[earlier].public_id.clone(),
                        state,
                        position,
                    }));
                    continue;
                }
                keep_key = false;
            }
        }
        let meeting = new.meeting_uid.as_str();
        if !meeting.is_empty() && !prior.open_meetings.contains_key(meeting) {
            plans.push(Plan::Answer(RegisterOutcome::Closed));
            continue;
        }
        let full = place(counts) == Placement::Full;
        if let Some(holder) = prior
            .holders
            .get(&(email_key.to_owned(), meeting.to_owned()))
        {
            let owner = Owner::Stored {
                id: holder.id,
                lang: holder.lang.clone(),
            };
            plans.push(Plan::ManageLink(owner, full));
            continue;
        }
        if let Some(&earlier) = created_by_email.get(&(email_key, meeting)) {
            plans.push(Plan::ManageLink(Owner::InBatch(earlier), full));
            continue;
        }
        if let Some(gate) = prior.gate.as_ref().filter(|g| !g.admits(email_key)) {
            // As a new address would hear: full when there is nothing to hold for.
            if full {
                plans.push(Plan::Answer(RegisterOutcome::Full));
            } else if let Some(held) = gate.held.get(&(email_key.to_owned(), meeting.to_owned())) {
                let owner = Owner::Stored {
                    id: held.id,
                    lang: held.lang.clone(),
                };
                plans.push(Plan::HoldAgain(owner));
            } else if let Some(&earlier) = held_by_email.get(&(email_key, meeting)) {
                plans.push(Plan::HoldAgain(Owner::InBatch(earlier)));
            } else {
                held_by_email.insert((email_key, meeting), index);
                plans.push(Plan::Hold);
            }
            continue;
        }
        let (state, position) = match place(counts) {
            Placement::Full => {
                plans.push(Plan::Answer(RegisterOutcome::Full));
                continue;
            }
            Placement::Confirmed => {
                counts.taken += 1;
                (RegistrationState::Confirmed, None)
            }
            Placement::Waitlisted { position } => {
                counts.waitlisted += 1;
                (RegistrationState::Waitlisted, Some(position))
            }
        };
        created_by_email.insert((email_key, meeting), index);
        if let Some(key) = new.submission_key.as_deref().filter(|_| keep_key) {
            created_by_key.insert(key, index);
        }
        plans.push(Plan::Create {
            state,
            position,
            keep_key,
        });
    }
    (plans, counts)
}

/// One outbox row to write.
struct Mail<'a> {
    kind: MailKind,
    registration_id: Option<i64>,
    /// The atelier meeting it is about (the message and its calendar name only it).
    session_id: Option<i64>,
    to: &'a str,
    lang: &'a str,
    position: Option<i32>,
    dedupe_key: Option<String>,
    /// The facts of a message that is about no registration (JSON; empty for most).
    payload: String,
}

/// The id of the hold stored for sign-up `index` of the batch.
fn hold_of(holds: &HashMap<usize, i64>, index: usize) -> Result<i64, sqlx::Error> {
    holds
        .get(&index)
        .copied()
        .ok_or_else(|| sqlx::Error::Protocol("an inserted hold returned no id".into()))
}

fn position_i32(position: Option<u32>) -> Option<i32> {
    position.map(|p| i32::try_from(p).unwrap_or(i32::MAX))
}

impl Db {
    /// Signs one person up: confirmed while places are left, else waitlisted (when
    /// the waitlist is on), else full. A second registration with the same address
    /// takes no place; the owner gets the manage link again instead. The same form
    /// sent twice is answered with the first result.
    pub async fn register(
        &self,
        new: &NewRegistration,
        now: Timestamp,
    ) -> Result<RegisterOutcome, sqlx::Error> {
        let mut outcomes = self
            .register_batch(new.activity_id, std::slice::from_ref(new), now)
            .await?;
        Ok(outcomes.pop().unwrap_or(RegisterOutcome::NotFound))
    }

    /// Signs up everyone in `batch` (all for `activity_id`, in arrival order) in one
    /// transaction; one outcome per sign-up, in the same order. If the transaction
    /// fails, nothing of the batch is stored.
    pub async fn register_batch(
        &self,
        activity_id: i64,
        batch: &[NewRegistration],
        now: Timestamp,
    ) -> Result<Vec<RegisterOutcome>, sqlx::Error> {
        self.register_batch_as(activity_id, batch, now, false).await
    }

    /// Places one sign-up whose prerequisites an organiser checked (an approved
    /// statement, a recorded completion): in order, like any sign-up, without the
    /// gate. A sign-up of the address waiting for the check becomes this registration.
    pub async fn register_checked(
        &self,
        new: &NewRegistration,
        now: Timestamp,
    ) -> Result<RegisterOutcome, sqlx::Error> {
        let mut outcomes = self
            .register_batch_as(new.activity_id, std::slice::from_ref(new), now, true)
            .await?;
        Ok(outcomes.pop().unwrap_or(RegisterOutcome::NotFound))
    }

    /// [`Self::register_batch`]; `checked`: the prerequisites were checked already.
    async fn register_batch_as(
        &self,
        activity_id: i64,
        batch: &[NewRegistration],
        now: Timestamp,
        checked: bool,
    ) -> Result<Vec<RegisterOutcome>, sqlx::Error> {
        debug_assert!(batch.iter().all(|n| n.activity_id == activity_id));
        if batch.is_empty() {
            return Ok(Vec::new());
        }
        let keys: Vec<&str> = batch
            .iter()
            .filter_map(|n| n.submission_key.as_deref())
            .collect();
        let mut emails: Vec<&str> = batch
            .iter()
            .map(|n| n.registration.email.key.as_str())
            .collect();
        emails.sort_unstable();
        emails.dedup();
        let outcomes = write_tx!(self, |tx| {
            let lock: Option<LockRow> = sqlx::query_as(LOCK_ACTIVITY_FOR_SIGNUP)
                .bind(activity_id)
                .fetch_optional(&mut *tx)
                .await?;
            'decide: {
                let Some(lock) = lock else {
                    break 'decide vec![RegisterOutcome::NotFound; batch.len()];
                };
                if lock.status != "published" || !lock.registration_open {
                    break 'decide vec![RegisterOutcome::Closed; batch.len()];
                }
                let mut prior = Prior::default();
                // The same form sent again (a double click, a reload) is answered
                // with the first result. Sent again with another address (the back
                // button, a colleague's details), it is a new registration.
                for chunk in keys.chunks(ROWS_PER_INSERT) {
                    let sql = format!(
                        "SELECT submission_key, public_id, state, waitlist_position, email_key, \
                         activity_id FROM registration WHERE submission_key IN ({})",
                        placeholders(chunk.len(), 1)
                    );
                    let mut query = sqlx::query_as::<_, PriorSubmission>(AssertSqlSafe(sql));
                    for key in chunk {
                        query = query.bind(*key);
                    }
                    for row in query.fetch_all(&mut *tx).await? {
                        prior.submissions.insert(row.submission_key.clone(), row);
                    }
                }
                for chunk in emails.chunks(ROWS_PER_INSERT) {
                    let sql = format!(
                        "SELECT id, lang, email_key, meeting_uid FROM registration \
                         WHERE activity_id = $1 AND state <> 'cancelled' AND email_key IN ({})",
                        placeholders(chunk.len(), 2)
                    );
                    let mut query =
                        sqlx::query_as::<_, Holder>(AssertSqlSafe(sql)).bind(activity_id);
                    for key in chunk {
                        query = query.bind(*key);
                    }
                    for row in query.fetch_all(&mut *tx).await? {
                        prior
                            .holders
                            .insert((row.email_key.clone(), row.meeting_uid.clone()), row);
                    }
                }
                if batch.iter().any(|n| !n.meeting_uid.is_empty()) {
                    let open: Vec<(String, i64)> = sqlx::query_as(
                        "SELECT CASE WHEN uid = '' THEN 'session-' || id ELSE uid END, id \
                         FROM session WHERE activity_id = $1 AND NOT members_only AND starts_at > $2",
                    )
                    .bind(activity_id)
                    .bind(now)
                    .fetch_all(&mut *tx)
                    .await?;
                    prior.open_meetings = open.into_iter().collect();
                }
                // Who met the prerequisites, and who waits for a check: the one
                // read more, for activities that require something. An organiser's
                // checked sign-up skips it, but still takes over a waiting one.
                if lock.prerequisites > 0 {
                    let mut gate = Gate {
                        rule: Rule::parse(&lock.prerequisite_rule).unwrap_or_default(),
                        ..Gate::default()
                    };
                    for (n, chunk) in emails.chunks(ROWS_PER_INSERT).enumerate() {
                        let sql = gate_sql(&placeholders(chunk.len(), 2), n == 0);
                        let mut query =
                            sqlx::query_as::<_, GateRow>(AssertSqlSafe(sql)).bind(activity_id);
                        for key in chunk {
                            query = query.bind(*key);
                        }
                        for row in query.fetch_all(&mut *tx).await? {
                            gate.add(row);
                        }
                    }
                    if checked {
                        gate.required.clear();
                    }
                    prior.gate = Some(gate);
                }
                let before = lock.counts();
                let (plans, after) = plan(activity_id, before, batch, &prior);

                // The new registrations, then their ids by public id (the order
                // `RETURNING` gives rows in is not promised).
                let created: Vec<usize> = plans
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| matches!(p, Plan::Create { .. }))
                    .map(|(i, _)| i)
                    .collect();
                let mut ids: HashMap<String, i64> = HashMap::with_capacity(created.len());
                for chunk in created.chunks(ROWS_PER_INSERT) {
                    let sql = format!(
                        "INSERT INTO registration (public_id, activity_id, name, email, email_key, \
                           organisation, role, role_other, region, lang, state, waitlist_position, \
                           token_hash, submission_key, created_at, updated_at, meeting_uid) \
                         VALUES {} RETURNING public_id, id",
                        value_rows(chunk.len(), 17, 1)
                    );
                    let mut query = sqlx::query_as::<_, (String, i64)>(AssertSqlSafe(sql));
                    for &index in chunk {
                        let new = &batch[index];
                        let Plan::Create {
                            state,
                            position,
                            keep_key,
                        } = &plans[index]
                        else {
                            unreachable!("only created sign-ups are listed");
                        };
                        let details = &new.registration.details;
                        query = query
                            .bind(&new.public_id)
                            .bind(activity_id)
                            .bind(&details.name)
                            .bind(&new.registration.email.address)
                            .bind(&new.registration.email.key)
                            .bind(&details.organisation)
                            .bind(&details.role)
                            .bind(&details.role_other)
                            .bind(&details.region)
                            .bind(new.lang.code())
                            .bind(state.as_str())
                            .bind(position_i32(*position))
                            .bind(&new.token_hash)
                            .bind(new.submission_key.as_deref().filter(|_| *keep_key))
                            .bind(now)
                            .bind(now)
                            .bind(&new.meeting_uid);
                    }
                    ids.extend(query.fetch_all(&mut *tx).await?);
                }
                let id_of = |index: usize| -> Result<i64, sqlx::Error> {
                    ids.get(&batch[index].public_id).copied().ok_or_else(|| {
                        sqlx::Error::Protocol("an inserted registration returned no id".into())
                    })
                };

                let held: Vec<usize> = plans
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| matches!(p, Plan::Hold))
                    .map(|(i, _)| i)
                    .collect();
                let holds = write_holds!(
                    tx,
                    activity_id,
                    batch,
                    &held,
                    &created,
                    prior.gate.as_ref(),
                    id_of,
                    now
                );

                // Answers were checked against the questions when the form came in; a
                // question deleted since then takes its answers with it.
                let questions: std::collections::HashSet<i64> = if created
                    .iter()
                    .any(|&i| !batch[i].registration.details.answers.is_empty())
                {
                    sqlx::query_scalar::<_, i64>("SELECT id FROM question WHERE activity_id = $1")
                        .bind(activity_id)
                        .fetch_all(&mut *tx)
                        .await?
                        .into_iter()
                        .collect()
                } else {
                    std::collections::HashSet::new()
                };
                let answers: Vec<(i64, i64, &str)> = created
                    .iter()
                    .map(|&index| {
                        let id = id_of(index)?;
                        Ok(batch[index]
                            .registration
                            .details
                            .answers
                            .iter()
                            .filter(|(question, _)| questions.contains(question))
                            .map(move |(question, value)| (id, *question, value.as_str())))
                    })
                    .collect::<Result<Vec<_>, sqlx::Error>>()?
                    .into_iter()
                    .flatten()
                    .collect();
                for chunk in answers.chunks(ROWS_PER_INSERT) {
                    let sql = format!(
                        "INSERT INTO answer (registration_id, question_id, value) VALUES {}",
                        value_rows(chunk.len(), 3, 1)
                    );
                    let mut query = sqlx::query(AssertSqlSafe(sql));
                    for (registration, question, value) in chunk {
                        query = query.bind(*registration).bind(*question).bind(*value);
                    }
                    query.execute(&mut *tx).await?;
                }

                let mut mails: Vec<Mail<'_>> = Vec::with_capacity(batch.len() + 1);
                // In their language; at most one manage link per hour, so nobody can
                // flood someone's mailbox by registering their address.
                let hour = now.format("%Y%m%d%H").to_string();
                for (index, plan) in plans.iter().enumerate() {
                    let new = &batch[index];
                    match plan {
                        Plan::Answer(_) => {}
                        Plan::Create {
                            state, position, ..
                        } => mails.push(Mail {
                            kind: if *state == RegistrationState::Confirmed {
                                MailKind::Confirmation
                            } else {
                                MailKind::Waitlisted
                            },
                            registration_id: Some(id_of(index)?),
                            session_id: prior.open_meetings.get(&new.meeting_uid).copied(),
                            to: &new.registration.email.address,
                            lang: new.lang.code(),
                            position: position_i32(*position),
                            dedupe_key: None,
                            payload: String::new(),
                        }),
                        Plan::Hold | Plan::HoldAgain(_) => {
                            let (id, lang) = match plan {
                                Plan::HoldAgain(Owner::Stored { id, lang }) => (*id, lang.as_str()),
                                Plan::HoldAgain(Owner::InBatch(earlier)) => {
                                    (hold_of(&holds, *earlier)?, batch[*earlier].lang.code())
                                }
                                _ => (hold_of(&holds, index)?, new.lang.code()),
                            };
                            let dedupe_key = format!("prerequisite_check:{id}:{hour}");
                            if mails
                                .iter()
                                .any(|m| m.dedupe_key.as_deref() == Some(dedupe_key.as_str()))
                            {
                                continue;
                            }
                            mails.push(Mail {
                                kind: MailKind::PrerequisiteCheck,
                                registration_id: None,
                                session_id: prior.open_meetings.get(&new.meeting_uid).copied(),
                                to: &new.registration.email.address,
                                lang,
                                position: None,
                                dedupe_key: Some(dedupe_key),
                                payload: serde_json::json!({ "hold": id }).to_string(),
                            });
                        }
                        Plan::ManageLink(owner, _) => {
                            let (id, lang) = match owner {
                                Owner::Stored { id, lang } => (*id, lang.as_str()),
                                Owner::InBatch(earlier) => {
                                    (id_of(*earlier)?, batch[*earlier].lang.code())
                                }
                            };
                            let dedupe_key = format!("manage_link:{id}:{hour}");
                            if mails
                                .iter()
                                .any(|m| m.dedupe_key.as_deref() == Some(dedupe_key.as_str()))
                            {
                                continue;
                            }
                            mails.push(Mail {
                                kind: MailKind::ManageLink,
                                registration_id: Some(id),
                                session_id: prior.open_meetings.get(&new.meeting_uid).copied(),
                                to: &new.registration.email.address,
                                lang,
                                position: None,
                                dedupe_key: Some(dedupe_key),
                                payload: String::new(),
                            });
                        }
                    }
                }
                let organiser: Option<String> =
                    if became_full(before.capacity, before.taken, after.taken) {
                        let to: Option<String> = sqlx::query_scalar(
                        "SELECT COALESCE(NULLIF(a.organiser_email, ''), p.email) FROM activity a \
                             LEFT JOIN profile p ON p.id = a.contact_profile_id WHERE a.id = $1",
                    )
                    .bind(activity_id)
                    .fetch_one(&mut *tx)
                    .await?;
                        let to = to.filter(|t| !t.trim().is_empty());
                        if to.is_none() {
                            tracing::warn!(
                                activity_id,
                                "activity is full but has no organiser address to tell"
                            );
                        }
                        to
                    } else {
                        None
                    };
                if let Some(to) = organiser.as_deref() {
                    mails.push(Mail {
                        kind: MailKind::OrganiserFull,
                        registration_id: None,
                        session_id: None,
                        to,
                        lang: "nl",
                        position: None,
                        dedupe_key: None,
                        payload: String::new(),
                    });
                }
                for chunk in mails.chunks(ROWS_PER_INSERT) {
                    let sql = format!(
                        "INSERT INTO outbox ({INSERT_OUTBOX_COLUMNS}, payload) VALUES {} \
                         ON CONFLICT (dedupe_key) DO NOTHING",
                        value_rows(chunk.len(), 12, 1)
                    );
                    let mut query = sqlx::query(AssertSqlSafe(sql));
                    for mail in chunk {
                        query = query
                            .bind(message_id())
                            .bind(mail.kind.as_str())
                            .bind(mail.registration_id)
                            .bind(activity_id)
                            .bind(mail.session_id)
                            .bind(mail.to)
                            .bind(mail.lang)
                            .bind(mail.position)
                            .bind(mail.dedupe_key.as_deref())
                            .bind(now)
                            .bind(now)
                            .bind(&mail.payload);
                    }
                    query.execute(&mut *tx).await?;
                }

                let confirmed = after.taken - before.taken;
                let waitlisted = after.waitlisted - before.waitlisted;
                if confirmed + waitlisted > 0 {
                    // The public page changes when places are taken, or when the
                    // first person joins the waitlist ("vol, wachtlijst open").
                    let page_changes = confirmed > 0 || before.waitlisted == 0;
                    sqlx::query(
                        "UPDATE activity SET confirmed_count = confirmed_count + $2, \
                         waitlist_count = waitlist_count + $3, revision = revision + $4 \
                         WHERE id = $1",
                    )
                    .bind(activity_id)
                    .bind(i64::from(confirmed))
                    .bind(i64::from(waitlisted))
                    .bind(i64::from(page_changes))
                    .execute(&mut *tx)
                    .await?;
                }
                plans
                    .into_iter()
                    .zip(batch)
                    .map(|(plan, new)| match plan {
                        Plan::Answer(outcome) => outcome,
                        Plan::Create {
                            state, position, ..
                        } => RegisterOutcome::Created {
                            public_id: new.public_id.clone(),
                            state,
                            position,
                        },
                        Plan::Hold | Plan::HoldAgain(_) => RegisterOutcome::Held,
                        Plan::ManageLink(_, true) => RegisterOutcome::Full,
                        Plan::ManageLink(_, false) => RegisterOutcome::AlreadyRegistered,
                    })
                    .collect()
            }
        });
        Ok(outcomes)
    }
}

#[cfg(test)]
mod tests;
