//! Requests between two participants of a programme: asking ([`Db::ask_mentoring`],
//! refused when the other rests, is at their limit, does not fit the direction or
//! was asked already), a coordinator's proposal ([`Db::propose_pair`], both must
//! agree), and answering ([`Db::answer_request`]: accepting makes the pair, under
//! the lock of both profiles, unless the request expired or someone reached their
//! limit meanwhile; declining sends the kind message). Each email is an outbox row
//! in the same transaction.

use serde_json::json;

use super::Programme;
use crate::db::Db;
use crate::db::audit::audit;
use crate::db::new_public_key;
use crate::db::outbox::{enqueue_mail, message_id};
use crate::domain::mail::MailKind;
use crate::domain::mentoring::path::{RequestState, answerable, request_expires};
use crate::domain::mentoring::{Direction, Role, is_reverse};
use crate::i18n::Lang;
use crate::time::Timestamp;
use crate::{on_pool, write_tx};

/// A request as asked: whom (their profile), in which direction, about which
/// theme, with which message.
#[derive(Clone, Copy, Debug)]
pub struct Ask<'a> {
    pub profile_id: i64,
    pub direction: Direction,
    pub theme: Option<i64>,
    pub message: &'a str,
}

/// What asking someone came to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AskOutcome {
    /// Sent; the request's public id.
    Sent(String),
    /// The asker has no profile in the programme, or it is closed.
    NoProfile,
    /// The other has no profile here, rests, or is at their limit.
    Unavailable,
    /// The roles do not fit the direction (a mentor-only profile asked to learn).
    NotFitting,
    /// An open request or a pair between the two exists already.
    AlreadyAsked,
}

/// What answering a request came to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnswerOutcome {
    /// Both agreed: the pair's public id.
    Paired(String),
    /// Agreed; the other still has to (a coordinator's proposal).
    Waiting,
    Declined,
    /// Answered already or past its expiry.
    Expired,
    /// One of the two reached their limit (or rests) since.
    AtLimit,
    /// No such request for this account.
    NotFound,
}

/// One request as a participant's page shows it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RequestView {
    pub public_id: String,
    pub direction: String,
    pub message: String,
    pub state: String,
    pub answer: String,
    pub expires_at: Timestamp,
    pub proposed: bool,
    /// The other person (name, profile id).
    pub other_name: String,
    pub other_profile: Option<i64>,
    /// This account asked (or, in a proposal, is the first named).
    pub asked_by_me: bool,
    /// This account still has to answer.
    pub mine_to_answer: bool,
    pub theme_nl: Option<String>,
    pub theme_en: Option<String>,
}

impl RequestView {
    /// Whether this account will be the mentor.
    pub fn me_mentor(&self) -> bool {
        let direction = Direction::parse(&self.direction).unwrap_or(Direction::Learn);
        direction
            .mentor_mentee(self.asked_by_me, !self.asked_by_me)
            .0
    }
}

/// A profile as a request's check reads it.
#[derive(sqlx::FromRow)]
struct Party {
    account_id: i64,
    name: String,
    role: String,
    years: i32,
    max_pairs: i32,
    open: bool,
    email: String,
    lang: String,
    active: i64,
}

impl Party {
    fn role(&self) -> Role {
        Role::parse(&self.role).unwrap_or(Role::Both)
    }

    fn available(&self) -> bool {
        self.open && self.active < i64::from(self.max_pairs)
    }

    fn lang(&self) -> Lang {
        Lang::parse(&self.lang).unwrap_or_default()
    }
}

/// Reads (and in PostgreSQL locks: an update that changes nothing) the profile of
/// `$account` in programme `$programme`, in `$tx`.
macro_rules! party {
    ($tx:ident, $programme:expr, $account:expr) => {
        sqlx::query_as::<_, Party>(
            "UPDATE mentoring_profile SET updated_at = updated_at \
             WHERE programme_id = $1 AND account_id = $2 \
             RETURNING account_id, name, role, years, max_pairs, open, \
             (SELECT email FROM account WHERE id = $2) AS email, \
             (SELECT lang FROM account WHERE id = $2) AS lang, \
             (SELECT COUNT(*) FROM mentoring_pair x WHERE x.programme_id = $1 \
              AND x.state = 'active' AND (x.mentor_account_id = $2 \
              OR x.mentee_account_id = $2)) AS active",
        )
        .bind($programme)
        .bind($account)
        .fetch_optional(&mut *$tx)
        .await?
    };
}

/// Whether an open request or an active pair joins the two, in `$tx`.
macro_rules! already_joined {
    ($tx:ident, $programme:expr, $a:expr, $b:expr) => {{
        let open: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM mentoring_request WHERE programme_id = $1 \
               AND state = 'open' AND expires_at > $4 \
               AND ((asker_account_id = $2 AND asked_account_id = $3) \
                 OR (asker_account_id = $3 AND asked_account_id = $2))) \
             + (SELECT COUNT(*) FROM mentoring_pair WHERE programme_id = $1 \
               AND state = 'active' AND ((mentor_account_id = $2 AND mentee_account_id = $3) \
                 OR (mentor_account_id = $3 AND mentee_account_id = $2)))",
        )
        .bind($programme)
        .bind($a)
        .bind($b)
        .bind(crate::time::now())
        .fetch_one(&mut *$tx)
        .await?;
        open > 0
    }};
}

/// The request as it is locked for an answer.
#[derive(sqlx::FromRow)]
struct Locked {
    id: i64,
    programme_id: i64,
    asker_account_id: i64,
    asked_account_id: i64,
    direction: String,
    theme_id: Option<i64>,
    state: String,
    proposed_by: Option<i64>,
    asker_agreed: bool,
    asked_agreed: bool,
    expires_at: Timestamp,
}

impl Db {
    /// `asker` asks the owner of profile `ask.profile_id` in the programme.
    pub async fn ask_mentoring(
        &self,
        programme: &Programme,
        asker: i64,
        ask: &Ask<'_>,
        now: Timestamp,
    ) -> sqlx::Result<AskOutcome> {
        let Ask {
            profile_id,
            direction,
            theme,
            message,
        } = *ask;
        let asked: Option<i64> = on_pool!(self, |pool| sqlx::query_scalar(
            "SELECT account_id FROM mentoring_profile WHERE id = $1 AND programme_id = $2"
        )
        .bind(profile_id)
        .bind(programme.id)
        .fetch_optional(pool)
        .await)?;
        let Some(asked) = asked.filter(|a| *a != asker) else {
            return Ok(AskOutcome::Unavailable);
        };
        Ok(write_tx!(self, |tx| {
            let Some(me) = party!(tx, programme.id, asker) else {
                return Ok(AskOutcome::NoProfile);
            };
            let Some(other) = party!(tx, programme.id, asked) else {
                return Ok(AskOutcome::Unavailable);
            };
            if !programme.open || !me.open {
                return Ok(AskOutcome::NoProfile);
            }
            if !other.available() {
                return Ok(AskOutcome::Unavailable);
            }
            if !direction.fits(me.role(), other.role()) {
                return Ok(AskOutcome::NotFitting);
            }
            if already_joined!(tx, programme.id, asker, asked) {
                return Ok(AskOutcome::AlreadyAsked);
            }
            let public_id = new_public_key();
            sqlx::query(
                "INSERT INTO mentoring_request (public_id, programme_id, asker_account_id, \
                 asked_account_id, direction, theme_id, message, state, asker_agreed, \
                 asked_agreed, expires_at, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', TRUE, FALSE, $8, $9)",
            )
            .bind(&public_id)
            .bind(programme.id)
            .bind(asker)
            .bind(asked)
            .bind(direction.as_str())
            .bind(theme)
            .bind(message)
            .bind(request_expires(now))
            .bind(now)
            .execute(&mut *tx)
            .await?;
            enqueue_mail!(
                tx,
                MailKind::MentoringRequested,
                to = &other.email,
                lang = other.lang(),
                payload = json!({
                    "programme": programme.title,
                    "programme_id": programme.public_id,
                    "name": me.name,
                    "direction": direction.as_str(),
                    "message": message,
                }),
                now = now
            );
            AskOutcome::Sent(public_id)
        }))
    }

    /// A coordinator (`by`) proposes the owners of profiles `mentor` and `mentee`
    /// as a pair; both are asked to agree. `None` when a profile is not in the
    /// programme or the two are the same.
    pub async fn propose_pair(
        &self,
        programme: &Programme,
        by: i64,
        mentor: i64,
        mentee: i64,
        message: &str,
        now: Timestamp,
    ) -> sqlx::Result<Option<AskOutcome>> {
        let accounts: Vec<(i64, i64)> = on_pool!(self, |pool| sqlx::query_as(
            "SELECT id, account_id FROM mentoring_profile WHERE programme_id = $1 \
             AND id IN ($2, $3)"
        )
        .bind(programme.id)
        .bind(mentor)
        .bind(mentee)
        .fetch_all(pool)
        .await)?;
        let find = |profile: i64| accounts.iter().find(|(id, _)| *id == profile).map(|r| r.1);
        let (Some(mentor), Some(mentee)) = (find(mentor), find(mentee)) else {
            return Ok(None);
        };
        if mentor == mentee {
            return Ok(None);
        }
        Ok(Some(write_tx!(self, |tx| {
            let (Some(a), Some(b)) = (
                party!(tx, programme.id, mentor),
                party!(tx, programme.id, mentee),
            ) else {
                return Ok(Some(AskOutcome::Unavailable));
            };
            if !a.available() || !b.available() {
                return Ok(Some(AskOutcome::Unavailable));
            }
            if !Direction::Offer.fits(a.role(), b.role()) {
                return Ok(Some(AskOutcome::NotFitting));
            }
            if already_joined!(tx, programme.id, mentor, mentee) {
                return Ok(Some(AskOutcome::AlreadyAsked));
            }
            let public_id = new_public_key();
            sqlx::query(
                "INSERT INTO mentoring_request (public_id, programme_id, asker_account_id, \
                 asked_account_id, direction, message, state, proposed_by, asker_agreed, \
                 asked_agreed, expires_at, created_at) \
                 VALUES ($1, $2, $3, $4, 'offer', $5, 'open', $6, FALSE, FALSE, $7, $8)",
            )
            .bind(&public_id)
            .bind(programme.id)
            .bind(mentor)
            .bind(mentee)
            .bind(message)
            .bind(by)
            .bind(request_expires(now))
            .bind(now)
            .execute(&mut *tx)
            .await?;
            for (to, other) in [(&a, &b), (&b, &a)] {
                enqueue_mail!(
                    tx,
                    MailKind::MentoringProposed,
                    to = &to.email,
                    lang = to.lang(),
                    payload = json!({
                        "programme": programme.title,
                        "programme_id": programme.public_id,
                        "name": other.name,
                        "message": message,
                    }),
                    now = now
                );
            }
            audit!(
                tx,
                organisation = programme.organisation_id,
                activity = None::<i64>,
                registration = None::<i64>,
                account = Some(by),
                action = "mentoring_pair_proposed",
                detail = &programme.title,
                now = now
            );
            AskOutcome::Sent(public_id)
        })))
    }

    /// Account `account_id` answers request `public_id`: accept (`None`) or decline
    /// with `decline` as the message.
    pub async fn answer_request(
        &self,
        public_id: &str,
        account_id: i64,
        decline: Option<&str>,
        now: Timestamp,
    ) -> sqlx::Result<AnswerOutcome> {
        Ok(write_tx!(self, |tx| {
            // An update that changes nothing locks the row in PostgreSQL; SQLite's
            // BEGIN IMMEDIATE holds the write lock already.
            let locked: Option<Locked> = sqlx::query_as(
                "UPDATE mentoring_request SET state = state WHERE public_id = $1 \
                 RETURNING id, programme_id, asker_account_id, asked_account_id, direction, \
                 theme_id, state, proposed_by, asker_agreed, asked_agreed, expires_at",
            )
            .bind(public_id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(r) = locked else {
                return Ok(AnswerOutcome::NotFound);
            };
            let is_asked = r.asked_account_id == account_id;
            let is_proposed_asker = r.proposed_by.is_some() && r.asker_account_id == account_id;
            if !is_asked && !is_proposed_asker {
                return Ok(AnswerOutcome::NotFound);
            }
            let state = RequestState::parse(&r.state).unwrap_or(RequestState::Withdrawn);
            if !answerable(state, r.expires_at, now) {
                return Ok(AnswerOutcome::Expired);
            }
            let title: String =
                sqlx::query_scalar("SELECT title FROM mentoring_programme WHERE id = $1")
                    .bind(r.programme_id)
                    .fetch_one(&mut *tx)
                    .await?;
            let programme_public: String =
                sqlx::query_scalar("SELECT public_id FROM mentoring_programme WHERE id = $1")
                    .bind(r.programme_id)
                    .fetch_one(&mut *tx)
                    .await?;
            let (Some(asker), Some(asked)) = (
                party!(tx, r.programme_id, r.asker_account_id),
                party!(tx, r.programme_id, r.asked_account_id),
            ) else {
                return Ok(AnswerOutcome::AtLimit);
            };
            let (me, other) = if is_asked {
                (&asked, &asker)
            } else {
                (&asker, &asked)
            };
            'answer: {
                if let Some(message) = decline {
                    sqlx::query(
                        "UPDATE mentoring_request SET state = 'declined', answer = $2, \
                     answered_at = $3 WHERE id = $1",
                    )
                    .bind(r.id)
                    .bind(message)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    enqueue_mail!(
                        tx,
                        MailKind::MentoringDeclined,
                        to = &other.email,
                        lang = other.lang(),
                        payload = json!({
                            "programme": title,
                            "programme_id": programme_public,
                            "name": me.name,
                            "message": message,
                        }),
                        now = now
                    );
                    break 'answer AnswerOutcome::Declined;
                }
                if !asker.available() || !asked.available() {
                    return Ok(AnswerOutcome::AtLimit);
                }
                let asker_agreed = r.asker_agreed || !is_asked;
                let asked_agreed = r.asked_agreed || is_asked;
                if !(asker_agreed && asked_agreed) {
                    sqlx::query(
                        "UPDATE mentoring_request SET asker_agreed = $2, asked_agreed = $3 \
                     WHERE id = $1",
                    )
                    .bind(r.id)
                    .bind(asker_agreed)
                    .bind(asked_agreed)
                    .execute(&mut *tx)
                    .await?;
                    break 'answer AnswerOutcome::Waiting;
                }
                let direction = Direction::parse(&r.direction).unwrap_or(Direction::Learn);
                let (mentor, mentee) = direction.mentor_mentee(&asker, &asked);
                let pair = new_public_key();
                sqlx::query(
                    "INSERT INTO mentoring_pair (public_id, programme_id, request_id, \
                 mentor_account_id, mentee_account_id, reverse, theme_id, state, created_at, \
                 updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'active', $8, $8)",
                )
                .bind(&pair)
                .bind(r.programme_id)
                .bind(r.id)
                .bind(mentor.account_id)
                .bind(mentee.account_id)
                .bind(is_reverse(
                    u32::try_from(mentor.years).unwrap_or(0),
                    u32::try_from(mentee.years).unwrap_or(0),
                ))
                .bind(r.theme_id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                sqlx::query(
                    "UPDATE mentoring_request SET state = 'accepted', asker_agreed = TRUE, \
                 asked_agreed = TRUE, answered_at = $2 WHERE id = $1",
                )
                .bind(r.id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                enqueue_mail!(
                    tx,
                    MailKind::MentoringAccepted,
                    to = &other.email,
                    lang = other.lang(),
                    payload = json!({
                        "programme": title,
                        "programme_id": programme_public,
                        "name": me.name,
                        "pair": pair,
                    }),
                    now = now
                );
                AnswerOutcome::Paired(pair)
            }
        }))
    }

    /// The requests of account `account_id` in a programme, to answer first, then
    /// newest first (at most 50).
    pub async fn requests_of(
        &self,
        programme_id: i64,
        account_id: i64,
    ) -> sqlx::Result<Vec<RequestView>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT r.public_id, r.direction, r.message, r.state, r.answer, r.expires_at, \
             r.proposed_by IS NOT NULL AS proposed, \
             COALESCE(f.name, '') AS other_name, f.id AS other_profile, \
             r.asker_account_id = $2 AS asked_by_me, \
             (r.state = 'open' AND r.expires_at > $3 AND \
              ((r.asked_account_id = $2 AND NOT r.asked_agreed) OR \
               (r.asker_account_id = $2 AND NOT r.asker_agreed))) AS mine_to_answer, \
             t.name_nl AS theme_nl, t.name_en AS theme_en \
             FROM mentoring_request r \
             LEFT JOIN mentoring_profile f ON f.programme_id = r.programme_id \
               AND f.account_id = CASE WHEN r.asker_account_id = $2 \
                 THEN r.asked_account_id ELSE r.asker_account_id END \
             LEFT JOIN theme t ON t.id = r.theme_id \
             WHERE r.programme_id = $1 AND (r.asker_account_id = $2 OR r.asked_account_id = $2) \
             ORDER BY mine_to_answer DESC, r.created_at DESC, r.id DESC LIMIT 50"
        )
        .bind(programme_id)
        .bind(account_id)
        .bind(crate::time::now())
        .fetch_all(pool)
        .await)
    }

    /// Request `public_id` if account `account_id` is one of its two people.
    pub async fn request_for(
        &self,
        public_id: &str,
        account_id: i64,
    ) -> sqlx::Result<Option<(i64, RequestView)>> {
        let programme: Option<i64> = on_pool!(self, |pool| sqlx::query_scalar(
            "SELECT programme_id FROM mentoring_request WHERE public_id = $1 \
             AND (asker_account_id = $2 OR asked_account_id = $2)"
        )
        .bind(public_id)
        .bind(account_id)
        .fetch_optional(pool)
        .await)?;
        let Some(programme) = programme else {
            return Ok(None);
        };
        Ok(self
            .requests_of(programme, account_id)
            .await?
            .into_iter()
            .find(|r| r.public_id == public_id)
            .map(|r| (programme, r)))
    }
}
