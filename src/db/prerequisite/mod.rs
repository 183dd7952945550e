//! Prerequisites that hold, in storage: sign-ups waiting for a check
//! (`prerequisite_hold`, written by the sign-up batch through [`gate`]), statements
//! that a required module was followed elsewhere with the organiser's decision, and
//! completions an organiser recorded. Approving a statement (or recording a
//! completion) that makes a waiting sign-up meet its rule hands back the sign-up as
//! a [`NewRegistration`], which the caller places through the normal sign-up path
//! ([`Db::register_checked`]): in order, confirmed while places remain, else the
//! waitlist, with the usual emails. Declining emails the organiser's message.

pub mod gate;

use serde_json::json;

use crate::db::Db;
use crate::db::audit::audit;
use crate::db::editor::Actor;
use crate::db::outbox::message_id;
use crate::db::registration::NewRegistration;
use crate::domain::mail::MailKind;
use crate::domain::prerequisite::{Decision, Rule, ValidCompletion, ValidStatement};
use crate::domain::registration::{Details, Email, ValidRegistration};
use crate::i18n::Lang;
use crate::time::Timestamp;
use crate::{on_pool, write_tx};

use gate::{Gate, GateRow, gate_sql};

/// Waiting sign-ups, statements and completions name a person and their address
/// (see [`crate::db::personal_data`]). They are found by the account's address,
/// deleted with the account, and blanked with the activity's registrations past
/// retention (a completion with the completed activity's).
pub const PERSONAL_DATA: &[crate::db::personal_data::Entry] = {
    use crate::db::personal_data::{Entry, OnDelete, OnRetention, Person};
    &[
        Entry {
            table: "prerequisite_hold",
            columns: &[
                "public_id",
                "activity_id",
                "name",
                "email",
                "organisation",
                "role",
                "role_other",
                "region",
                "lang",
                "answers",
                "state",
                "message",
                "created_at",
            ],
            person: Person::EmailKey,
            on_delete: OnDelete::Delete,
            on_retention: OnRetention::Blank(
                "name = '', email = '', email_key = 'anoniem-' || public_id, organisation = '', \
                 role_other = '', region = '', answers = '[]', message = ''",
            ),
        },
        Entry {
            table: "prerequisite_statement",
            columns: &[
                "activity_id",
                "required_activity_id",
                "name",
                "provider",
                "followed_on",
                "note",
                "state",
                "message",
                "created_at",
            ],
            person: Person::EmailKey,
            on_delete: OnDelete::Delete,
            on_retention: OnRetention::Blank(
                "name = '', email_key = 'anoniem-' || public_id, provider = '', note = '', \
                 message = ''",
            ),
        },
        Entry {
            table: "prerequisite_completion",
            columns: &["activity_id", "name", "created_at"],
            person: Person::EmailKey,
            on_delete: OnDelete::Delete,
            on_retention: OnRetention::Blank(
                "name = '', email_key = 'anoniem-' || CAST(id AS TEXT)",
            ),
        },
    ]
};

/// One required module as a waiting person sees it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Requirement {
    pub activity_id: i64,
    pub slug: String,
    pub title: String,
    /// Met already (attended, completed, or an approved statement).
    pub met: bool,
    /// The newest statement of this sign-up for it: `pending`, `approved`, `declined`.
    pub stated: Option<String>,
}

/// A sign-up waiting for a prerequisite check, with what it still needs.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct HeldSignup {
    pub id: i64,
    pub public_id: String,
    pub activity_id: i64,
    pub activity_slug: String,
    pub activity_title: String,
    pub activity_kind: String,
    pub name: String,
    pub email: String,
    pub email_key: String,
    pub organisation: String,
    pub role: String,
    pub role_other: String,
    pub region: String,
    pub lang: String,
    pub meeting_uid: String,
    pub answers: String,
    pub token_hash: String,
    /// `pending`, `placed` or `declined`.
    pub state: String,
    pub message: String,
    pub prerequisite_rule: String,
    pub created_at: Timestamp,
    #[sqlx(skip)]
    pub requirements: Vec<Requirement>,
}

impl HeldSignup {
    pub fn rule(&self) -> Rule {
        Rule::parse(&self.prerequisite_rule).unwrap_or_default()
    }

    /// The sign-up as a registration to place, under its own public id (so the link
    /// in its email becomes the registration's manage link).
    pub fn placement(&self) -> NewRegistration {
        NewRegistration {
            activity_id: self.activity_id,
            public_id: self.public_id.clone(),
            token_hash: self.token_hash.clone(),
            registration: ValidRegistration {
                email: Email {
                    address: self.email.clone(),
                    key: self.email_key.clone(),
                },
                details: Details {
                    name: self.name.clone(),
                    organisation: self.organisation.clone(),
                    role: self.role.clone(),
                    role_other: self.role_other.clone(),
                    region: self.region.clone(),
                    answers: serde_json::from_str(&self.answers).unwrap_or_default(),
                },
            },
            lang: Lang::parse(&self.lang).unwrap_or_default(),
            submission_key: None,
            meeting_uid: self.meeting_uid.clone(),
        }
    }
}

const HELD_COLUMNS: &str = "h.id, h.public_id, h.activity_id, a.slug AS activity_slug, \
     a.title AS activity_title, a.kind AS activity_kind, h.name, h.email, h.email_key, \
     h.organisation, h.role, h.role_other, h.region, h.lang, h.meeting_uid, h.answers, \
     h.token_hash, h.state, h.message, a.prerequisite_rule, h.created_at \
     FROM prerequisite_hold h JOIN activity a ON a.id = h.activity_id";

/// The required modules of activity `$1` for address `$2`, and the statements of
/// waiting sign-up `$3` for them.
const REQUIREMENTS: &str = "SELECT a.id AS activity_id, a.slug, a.title, \
     (EXISTS (SELECT 1 FROM registration r JOIN attendance t ON t.registration_id = r.id \
              WHERE r.activity_id = a.id AND r.email_key = $2) \
      OR EXISTS (SELECT 1 FROM prerequisite_completion c \
                 WHERE c.activity_id = a.id AND c.email_key = $2) \
      OR EXISTS (SELECT 1 FROM prerequisite_statement s WHERE s.state = 'approved' \
                 AND s.required_activity_id = a.id AND s.email_key = $2)) AS met, \
     (SELECT s.state FROM prerequisite_statement s WHERE s.hold_id = $3 \
      AND s.required_activity_id = a.id ORDER BY s.id DESC LIMIT 1) AS stated \
     FROM activity_prerequisite p JOIN activity a ON a.id = p.required_activity_id \
     WHERE p.activity_id = $1 ORDER BY a.title, a.id";

/// What became of a statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatementOutcome {
    Stored,
    /// The sign-up no longer waits (placed or declined).
    NotWaiting,
    /// A statement for this module waits for the organiser already.
    AlreadyStated,
}

/// A statement as the organiser sees it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct StatementRow {
    pub public_id: String,
    pub hold_id: Option<i64>,
    pub required_title: String,
    pub provider: String,
    pub followed_on: String,
    pub note: String,
    pub state: String,
    pub created_at: Timestamp,
}

/// A waiting sign-up with its statements, for the organiser.
#[derive(Clone, Debug)]
pub struct WaitingCheck {
    pub hold: HeldSignup,
    pub statements: Vec<StatementRow>,
}

/// What became of a decision on a statement.
#[derive(Clone, Debug)]
pub enum DecideOutcome {
    /// Approved; the waiting sign-up to place when it now meets the rule.
    Approved(Option<Box<HeldSignup>>),
    /// Declined; the person is emailed the message.
    Declined,
    /// Decided before.
    AlreadyDecided,
    NotFound,
}

#[derive(sqlx::FromRow)]
struct StatementState {
    id: i64,
    hold_id: Option<i64>,
    state: String,
}

/// The waiting sign-up `$id` of `$email_key` when it now meets its rule (read in
/// the transaction `$tx`, as the sign-up batch reads its gate).
macro_rules! now_admitted {
    ($tx:ident, $hold_id:expr) => {{
        let hold: Option<HeldSignup> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {HELD_COLUMNS} WHERE h.id = $1"
        )))
        .bind($hold_id)
        .fetch_optional(&mut *$tx)
        .await?;
        match hold.filter(|h| h.state == "pending") {
            Some(hold) => {
                let mut gate = Gate {
                    rule: hold.rule(),
                    ..Gate::default()
                };
                let rows: Vec<GateRow> = sqlx::query_as(sqlx::AssertSqlSafe(gate_sql("$2", true)))
                    .bind(hold.activity_id)
                    .bind(&hold.email_key)
                    .fetch_all(&mut *$tx)
                    .await?;
                for row in rows {
                    gate.add(row);
                }
                gate.admits(&hold.email_key).then(|| Box::new(hold))
            }
            None => None,
        }
    }};
}

impl Db {
    /// A waiting sign-up by the hash of its link's token, with its requirements.
    pub async fn held_by_token(&self, token_hash: &str) -> sqlx::Result<Option<HeldSignup>> {
        self.held_where("h.token_hash = $1", token_hash).await
    }

    /// A waiting sign-up by id, with its requirements (for its emails).
    pub async fn held_signup(&self, id: i64) -> sqlx::Result<Option<HeldSignup>> {
        self.held_where("h.id = CAST($1 AS BIGINT)", &id.to_string())
            .await
    }

    async fn held_where(&self, condition: &str, value: &str) -> sqlx::Result<Option<HeldSignup>> {
        let sql = format!("SELECT {HELD_COLUMNS} WHERE {condition}");
        let Some(mut hold) = on_pool!(self, |pool| {
            sqlx::query_as::<_, HeldSignup>(sqlx::AssertSqlSafe(sql))
                .bind(value)
                .fetch_optional(pool)
                .await?
        }) else {
            return Ok(None);
        };
        hold.requirements = self.requirements(&hold).await?;
        Ok(Some(hold))
    }

    async fn requirements(&self, hold: &HeldSignup) -> sqlx::Result<Vec<Requirement>> {
        on_pool!(self, |pool| sqlx::query_as(REQUIREMENTS)
            .bind(hold.activity_id)
            .bind(&hold.email_key)
            .bind(hold.id)
            .fetch_all(pool)
            .await)
    }

    /// The modules activity `activity_id` requires (id, slug, title) and its rule.
    pub async fn required_modules(
        &self,
        activity_id: i64,
    ) -> sqlx::Result<(Rule, Vec<(i64, String, String)>)> {
        let (rule, modules) = on_pool!(self, |pool| {
            let rule: Option<String> =
                sqlx::query_scalar("SELECT prerequisite_rule FROM activity WHERE id = $1")
                    .bind(activity_id)
                    .fetch_optional(pool)
                    .await?;
            let modules: Vec<(i64, String, String)> = sqlx::query_as(
                "SELECT a.id, a.slug, a.title FROM activity_prerequisite p \
                 JOIN activity a ON a.id = p.required_activity_id \
                 WHERE p.activity_id = $1 ORDER BY a.title, a.id",
            )
            .bind(activity_id)
            .fetch_all(pool)
            .await?;
            (rule, modules)
        });
        let rule = rule.as_deref().and_then(Rule::parse).unwrap_or_default();
        Ok((rule, modules))
    }

    /// Every stored requirement as (activity slug, required activity slug), for the
    /// editor's cycle check.
    pub async fn prerequisite_edges(&self) -> sqlx::Result<Vec<(String, String)>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT a.slug, r.slug FROM activity_prerequisite p \
             JOIN activity a ON a.id = p.activity_id \
             JOIN activity r ON r.id = p.required_activity_id"
        )
        .fetch_all(pool)
        .await)
    }

    /// Stores a statement of the waiting sign-up `hold` for required module
    /// `required_id`: one waiting statement per module at a time.
    pub async fn store_statement(
        &self,
        hold: &HeldSignup,
        required_id: i64,
        valid: &ValidStatement,
        now: Timestamp,
    ) -> sqlx::Result<StatementOutcome> {
        Ok(write_tx!(self, |tx| {
            let state: Option<String> =
                sqlx::query_scalar("SELECT state FROM prerequisite_hold WHERE id = $1")
                    .bind(hold.id)
                    .fetch_optional(&mut *tx)
                    .await?;
            let waiting: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM prerequisite_statement WHERE hold_id = $1 \
                 AND required_activity_id = $2 AND state = 'pending'",
            )
            .bind(hold.id)
            .bind(required_id)
            .fetch_one(&mut *tx)
            .await?;
            if state.as_deref() != Some("pending") {
                StatementOutcome::NotWaiting
            } else if waiting > 0 {
                StatementOutcome::AlreadyStated
            } else {
                sqlx::query(
                    "INSERT INTO prerequisite_statement (public_id, activity_id, hold_id, \
                     required_activity_id, name, email_key, provider, followed_on, note, \
                     created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)",
                )
                .bind(uuid::Uuid::new_v4().simple().to_string())
                .bind(hold.activity_id)
                .bind(hold.id)
                .bind(required_id)
                .bind(&hold.name)
                .bind(&hold.email_key)
                .bind(&valid.provider)
                .bind(valid.followed_on.to_string())
                .bind(&valid.note)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                StatementOutcome::Stored
            }
        }))
    }

    /// The sign-ups of `activity_id` waiting for a check, oldest first, with their
    /// statements (the undecided first).
    pub async fn waiting_checks(&self, activity_id: i64) -> sqlx::Result<Vec<WaitingCheck>> {
        let (holds, statements) = on_pool!(self, |pool| {
            let holds: Vec<HeldSignup> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {HELD_COLUMNS} WHERE h.activity_id = $1 AND h.state = 'pending' \
                 ORDER BY h.created_at, h.id"
            )))
            .bind(activity_id)
            .fetch_all(pool)
            .await?;
            let statements: Vec<StatementRow> = sqlx::query_as(
                "SELECT s.public_id, s.hold_id, a.title AS required_title, s.provider, \
                 s.followed_on, s.note, s.state, s.created_at FROM prerequisite_statement s \
                 JOIN activity a ON a.id = s.required_activity_id \
                 JOIN prerequisite_hold h ON h.id = s.hold_id \
                 WHERE s.activity_id = $1 AND h.state = 'pending' \
                 ORDER BY CASE WHEN s.state = 'pending' THEN 0 ELSE 1 END, s.id",
            )
            .bind(activity_id)
            .fetch_all(pool)
            .await?;
            (holds, statements)
        });
        let mut out = Vec::with_capacity(holds.len());
        for mut hold in holds {
            hold.requirements = self.requirements(&hold).await?;
            let statements = statements
                .iter()
                .filter(|s| s.hold_id == Some(hold.id))
                .cloned()
                .collect();
            out.push(WaitingCheck { hold, statements });
        }
        Ok(out)
    }

    /// Approves or declines statement `statement` of `activity_id`. A decline closes
    /// the waiting sign-up and emails the message; an approval hands back the
    /// sign-up to place when it now meets the rule.
    pub async fn decide_statement(
        &self,
        activity_id: i64,
        statement: &str,
        decision: Decision,
        message: &str,
        actor: Actor,
    ) -> sqlx::Result<DecideOutcome> {
        let now = actor.now;
        Ok(write_tx!(self, |tx| {
            let found: Option<StatementState> = sqlx::query_as(
                "SELECT id, hold_id, state FROM prerequisite_statement \
                 WHERE public_id = $1 AND activity_id = $2",
            )
            .bind(statement)
            .bind(activity_id)
            .fetch_optional(&mut *tx)
            .await?;
            'decide: {
                let Some(found) = found else {
                    break 'decide DecideOutcome::NotFound;
                };
                if found.state != "pending" {
                    break 'decide DecideOutcome::AlreadyDecided;
                }
                let state = match decision {
                    Decision::Approve => "approved",
                    Decision::Decline => "declined",
                };
                sqlx::query(
                    "UPDATE prerequisite_statement SET state = $2, decided_by = $3, \
                     decided_at = $4, message = $5, updated_at = $4 WHERE id = $1",
                )
                .bind(found.id)
                .bind(state)
                .bind(actor.account_id)
                .bind(now)
                .bind(message)
                .execute(&mut *tx)
                .await?;
                audit!(
                    tx,
                    organisation = actor.organisation_id,
                    activity = Some(activity_id),
                    registration = None::<i64>,
                    account = actor.account_id,
                    action = format!("prerequisite_{state}"),
                    detail = json!({ "statement": statement }).to_string(),
                    now = now
                );
                match decision {
                    Decision::Approve => DecideOutcome::Approved(match found.hold_id {
                        Some(hold_id) => now_admitted!(tx, hold_id),
                        None => None,
                    }),
                    Decision::Decline => {
                        let hold: Option<(i64, String, String)> = sqlx::query_as(
                            "UPDATE prerequisite_hold SET state = 'declined', decided_by = $2, \
                             decided_at = $3, message = $4, updated_at = $3 \
                             WHERE id = $1 AND state = 'pending' RETURNING id, email, lang",
                        )
                        .bind(found.hold_id)
                        .bind(actor.account_id)
                        .bind(now)
                        .bind(message)
                        .fetch_optional(&mut *tx)
                        .await?;
                        if let Some((hold_id, email, lang)) = hold {
                            sqlx::query(
                                "INSERT INTO outbox (message_id, kind, activity_id, recipient, \
                                 lang, payload, created_at, next_attempt_at) \
                                 VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
                            )
                            .bind(message_id())
                            .bind(MailKind::PrerequisiteDeclined.as_str())
                            .bind(activity_id)
                            .bind(&email)
                            .bind(&lang)
                            .bind(json!({ "hold": hold_id, "message": message }).to_string())
                            .bind(now)
                            .execute(&mut *tx)
                            .await?;
                        }
                        DecideOutcome::Declined
                    }
                }
            }
        }))
    }

    /// Records that `valid`'s person completed required module `required_id` of
    /// activity `activity_id` ("afgerond"; once per person and module). Hands back
    /// their waiting sign-up for the activity when it now meets the rule.
    pub async fn record_completion(
        &self,
        activity_id: i64,
        required_id: i64,
        valid: &ValidCompletion,
        actor: Actor,
    ) -> sqlx::Result<Option<Box<HeldSignup>>> {
        let now = actor.now;
        Ok(write_tx!(self, |tx| {
            sqlx::query(
                "INSERT INTO prerequisite_completion (activity_id, name, email_key, recorded_by, \
                 created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) \
                 ON CONFLICT (activity_id, email_key) DO NOTHING",
            )
            .bind(required_id)
            .bind(&valid.name)
            .bind(&valid.email.key)
            .bind(actor.account_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = Some(activity_id),
                registration = None::<i64>,
                account = actor.account_id,
                action = "prerequisite_completed",
                detail = json!({ "required": valid.required }).to_string(),
                now = now
            );
            let waiting: Vec<i64> = sqlx::query_scalar(
                "SELECT id FROM prerequisite_hold WHERE activity_id = $1 AND email_key = $2 \
                 AND state = 'pending' ORDER BY id",
            )
            .bind(activity_id)
            .bind(&valid.email.key)
            .fetch_all(&mut *tx)
            .await?;
            match waiting.first() {
                Some(&hold_id) => now_admitted!(tx, hold_id),
                None => None,
            }
        }))
    }
}
