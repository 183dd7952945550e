//! Membership of an atelier: asking to join (or joining at once when the atelier is
//! open), the kartrekker's decision, a member's own settings, leaving, roles, and the
//! lists the member area and the back office show. Every change writes its audit row
//! and its email in the same transaction.

use serde_json::json;

use crate::db::Db;
use crate::db::audit::audit;
use crate::db::editor::Actor;
use crate::db::outbox::{enqueue_mail, message_id};
use crate::domain::activity::{ActivityKind, ActivityStatus};
use crate::domain::community::membership::{
    Decision, JoinStep, Level, MemberRole, MemberSettings, MemberState, join_step,
};
use crate::domain::mail::MailKind;
use crate::i18n::Lang;
use crate::time::Timestamp;
use crate::{on_pool, write_tx};

mod read;
pub use read::{ListedMember, Listing};

/// An atelier as its pages find it by slug.
#[derive(Clone, Debug)]
pub struct Atelier {
    pub id: i64,
    pub public_id: String,
    pub slug: String,
    pub title: String,
    pub status: ActivityStatus,
    /// Host organisations, first the one that made it.
    pub organisations: Vec<i64>,
    pub open_joining: bool,
}

#[derive(sqlx::FromRow)]
struct AtelierRow {
    id: i64,
    public_id: String,
    slug: String,
    title: String,
    status: String,
    open_joining: bool,
}

/// One account's membership of one atelier.
#[derive(Clone, Debug)]
pub struct Membership {
    pub public_id: String,
    pub state: MemberState,
    pub level: Level,
    pub role: MemberRole,
    pub brings: String,
    pub listed: bool,
    pub decision_message: String,
    pub joined_at: Option<Timestamp>,
}

#[derive(sqlx::FromRow)]
struct MembershipRow {
    public_id: String,
    state: String,
    level: String,
    role: String,
    brings: String,
    listed: bool,
    decision_message: String,
    joined_at: Option<Timestamp>,
}

impl TryFrom<MembershipRow> for Membership {
    type Error = sqlx::Error;

    fn try_from(row: MembershipRow) -> sqlx::Result<Self> {
        use crate::db::decode_error;
        Ok(Self {
            state: MemberState::parse(&row.state)
                .ok_or_else(|| decode_error("atelier_member.state", &row.state))?,
            level: Level::parse(&row.level)
                .ok_or_else(|| decode_error("atelier_member.level", &row.level))?,
            role: MemberRole::parse(&row.role)
                .ok_or_else(|| decode_error("atelier_member.role", &row.role))?,
            public_id: row.public_id,
            brings: row.brings,
            listed: row.listed,
            decision_message: row.decision_message,
            joined_at: row.joined_at,
        })
    }
}

/// A member as the back office lists them: with their address, whatever their state.
#[derive(Clone, Debug)]
pub struct MemberRow {
    pub membership: Membership,
    pub account_public_id: String,
    pub name: String,
    pub email: String,
    /// Also a kartrekker of this atelier.
    pub kartrekker: bool,
    pub updated_at: Timestamp,
}

#[derive(sqlx::FromRow)]
struct MemberListRow {
    #[sqlx(flatten)]
    membership: MembershipRow,
    account_public_id: String,
    name: String,
    email: String,
    kartrekker: bool,
    updated_at: Timestamp,
}

/// What asking to join did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JoinOutcome {
    /// An active member now.
    Joined,
    /// Waits for the kartrekker, who got an email.
    Requested,
    /// Was a member already: the settings changed.
    Updated,
    /// Had asked already: the request now says this.
    StillWaiting,
    /// The membership changed meanwhile (another tab): nothing stored.
    Conflict,
}

/// What a decision did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecideOutcome {
    Done,
    /// There was no request waiting (decided by someone else, or withdrawn).
    NotWaiting,
    NotFound,
}

/// A membership's columns, for [`MembershipRow`].
const MEMBER_COLUMNS: &str = "m.public_id, m.state, m.level, m.role, m.brings, m.listed, \
     m.decision_message, m.joined_at";

impl Db {
    /// The atelier with this slug (any status; the caller decides who may see it).
    pub async fn atelier_by_slug(&self, slug: &str) -> sqlx::Result<Option<Atelier>> {
        on_pool!(self, |pool| {
            let row: Option<AtelierRow> = sqlx::query_as(
                "SELECT a.id, a.public_id, a.slug, a.title, a.status, \
                 COALESCE(s.open_joining, FALSE) AS open_joining \
                 FROM activity a LEFT JOIN atelier s ON s.activity_id = a.id \
                 WHERE a.slug = $1 AND a.kind = $2",
            )
            .bind(slug)
            .bind(ActivityKind::Atelier.as_str())
            .fetch_optional(pool)
            .await?;
            let Some(row) = row else { return Ok(None) };
            let organisations: Vec<i64> = sqlx::query_scalar(
                "SELECT organisation_id FROM activity_organisation WHERE activity_id = $1 \
                 ORDER BY position, organisation_id",
            )
            .bind(row.id)
            .fetch_all(pool)
            .await?;
            Ok(Some(Atelier {
                status: ActivityStatus::parse(&row.status)
                    .ok_or_else(|| crate::db::decode_error("activity.status", &row.status))?,
                id: row.id,
                public_id: row.public_id,
                slug: row.slug,
                title: row.title,
                organisations,
                open_joining: row.open_joining,
            }))
        })
    }

    /// Whether atelier `activity_id` lets people in without a decision.
    pub async fn atelier_open_joining(&self, activity_id: i64) -> sqlx::Result<bool> {
        let open: Option<bool> = on_pool!(self, |pool| sqlx::query_scalar(
            "SELECT open_joining FROM atelier WHERE activity_id = $1"
        )
        .bind(activity_id)
        .fetch_optional(pool)
        .await)?;
        Ok(open.unwrap_or(false))
    }

    /// Sets whether the atelier lets people in without a decision.
    pub async fn set_open_joining(
        &self,
        activity_id: i64,
        open: bool,
        actor: Actor,
    ) -> sqlx::Result<()> {
        let now = actor.now;
        write_tx!(self, |tx| {
            sqlx::query(
                "INSERT INTO atelier (activity_id, open_joining, updated_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (activity_id) DO UPDATE SET open_joining = $2, updated_at = $3",
            )
            .bind(activity_id)
            .bind(open)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = Some(activity_id),
                registration = None::<i64>,
                account = actor.account_id,
                action = if open {
                    "atelier_opened"
                } else {
                    "atelier_closed"
                },
                detail = "",
                now = now
            );
        });
        Ok(())
    }

    /// A membership by its public id within the atelier with `slug`: its state,
    /// level and the atelier's title (for the member's calendar feed).
    pub async fn membership_by_public_id(
        &self,
        slug: &str,
        member: &str,
    ) -> sqlx::Result<Option<(MemberState, Level, String)>> {
        let row: Option<(String, String, String)> = on_pool!(self, |pool| sqlx::query_as(
            "SELECT m.state, m.level, a.title FROM atelier_member m \
             JOIN activity a ON a.id = m.activity_id WHERE a.slug = $1 AND m.public_id = $2"
        )
        .bind(slug)
        .bind(member)
        .fetch_optional(pool)
        .await)?;
        Ok(row.and_then(|(state, level, title)| {
            Some((MemberState::parse(&state)?, Level::parse(&level)?, title))
        }))
    }

    /// Asks to join atelier `activity_id` with `settings`, or joins at once (open
    /// atelier, or an invitation used), or changes the settings of a membership that
    /// is active or waiting; the account takes the name given. A new request emails the kartrekkers (the host's
    /// organisers when it has none); joining emails a welcome.
    pub async fn join_atelier(
        &self,
        activity_id: i64,
        account_id: i64,
        settings: &MemberSettings,
        lang: Lang,
        now: Timestamp,
    ) -> sqlx::Result<JoinOutcome> {
        Ok(write_tx!(self, |tx| {
            let open: Option<bool> =
                sqlx::query_scalar("SELECT open_joining FROM atelier WHERE activity_id = $1")
                    .bind(activity_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            let current: Option<String> = sqlx::query_scalar(
                "SELECT state FROM atelier_member WHERE activity_id = $1 AND account_id = $2",
            )
            .bind(activity_id)
            .bind(account_id)
            .fetch_optional(&mut *tx)
            .await?;
            let current_state = current.as_deref().and_then(MemberState::parse);
            let step = join_step(current_state, open.unwrap_or(false));
            let (state, outcome, action) = match step {
                JoinStep::Join => (MemberState::Active, JoinOutcome::Joined, "member_joined"),
                JoinStep::Request => (
                    MemberState::Requested,
                    JoinOutcome::Requested,
                    "member_requested",
                ),
                JoinStep::AlreadyMember => (
                    MemberState::Active,
                    JoinOutcome::Updated,
                    "member_settings_changed",
                ),
                JoinStep::StillWaiting => (
                    MemberState::Requested,
                    JoinOutcome::StillWaiting,
                    "member_requested",
                ),
            };
            let joined_at = (state == MemberState::Active).then_some(now);
            // One statement whether the row exists or not; the WHERE holds it to the
            // state read above, so a change in between (another tab, a decision)
            // stores nothing and is told.
            let written = sqlx::query(
                "INSERT INTO atelier_member (public_id, activity_id, account_id, level, state, brings, \
                 listed, joined_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) \
                 ON CONFLICT (activity_id, account_id) DO UPDATE SET level = $4, state = $5, brings = $6, \
                 listed = $7, joined_at = COALESCE(atelier_member.joined_at, $8), updated_at = $9 \
                 WHERE atelier_member.state = $10",
            )
            .bind(uuid::Uuid::new_v4().simple().to_string())
            .bind(activity_id)
            .bind(account_id)
            .bind(settings.level.as_str())
            .bind(state.as_str())
            .bind(&settings.brings)
            .bind(settings.listed)
            .bind(joined_at)
            .bind(now)
            .bind(current.as_deref().unwrap_or(""))
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if written == 0 {
                return Ok(JoinOutcome::Conflict);
            }
            // The name members and the kartrekker see is the account's own.
            let email: String = sqlx::query_scalar(
                "UPDATE account SET name = $2, updated_at = $3 WHERE id = $1 RETURNING email",
            )
            .bind(account_id)
            .bind(&settings.name)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let name = settings.name.clone();
            match outcome {
                JoinOutcome::Requested => {
                    let runners: Vec<(String, String)> = sqlx::query_as(
                        "SELECT a.email, a.lang FROM activity_facilitator_account f \
                         JOIN account a ON a.id = f.account_id WHERE f.activity_id = $1 \
                         UNION SELECT a.email, a.lang FROM organisation_member m \
                         JOIN account a ON a.id = m.account_id \
                         WHERE m.organisation_id IN (SELECT organisation_id FROM activity_organisation \
                         WHERE activity_id = $1) \
                         AND NOT EXISTS (SELECT 1 FROM activity_facilitator_account WHERE activity_id = $1) \
                         ORDER BY 1",
                    )
                    .bind(activity_id)
                    .fetch_all(&mut *tx)
                    .await?;
                    for (to, their_lang) in runners {
                        enqueue_mail!(
                            tx,
                            MailKind::MembershipRequested,
                            to = &to,
                            lang = Lang::parse(&their_lang).unwrap_or_default(),
                            payload = json!({
                                "atelier": activity_id,
                                "name": name,
                                "level": settings.level.as_str(),
                                "brings": settings.brings,
                            }),
                            now = now
                        );
                    }
                }
                JoinOutcome::Joined => {
                    enqueue_mail!(
                        tx,
                        MailKind::MembershipAccepted,
                        to = &email,
                        lang = lang,
                        payload = json!({ "atelier": activity_id, "message": "" }),
                        now = now
                    );
                }
                _ => {}
            }
            audit!(
                tx,
                organisation = None::<i64>,
                activity = Some(activity_id),
                registration = None::<i64>,
                account = account_id,
                action = action,
                detail = settings.level.as_str(),
                now = now
            );
            outcome
        }))
    }

    /// Leaves atelier `activity_id`; `false` when not a member (or waiting). Their
    /// posts in the space stay, shown as a former member's, unless `remove_posts`:
    /// then their text goes in the same step (see [`Db::remove_posts_of`]).
    pub async fn leave_atelier(
        &self,
        activity_id: i64,
        account_id: i64,
        remove_posts: bool,
        now: Timestamp,
    ) -> sqlx::Result<bool> {
        Ok(write_tx!(self, |tx| {
            let left = sqlx::query(
                "UPDATE atelier_member SET state = 'left', joined_at = NULL, updated_at = $3 \
                 WHERE activity_id = $1 AND account_id = $2 AND state IN ('active', 'requested', 'invited')",
            )
            .bind(activity_id)
            .bind(account_id)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if left == 0 {
                return Ok(false);
            }
            if remove_posts {
                super::space::take_away_posts!(tx, activity_id, account_id, now);
            }
            audit!(
                tx,
                organisation = None::<i64>,
                activity = Some(activity_id),
                registration = None::<i64>,
                account = account_id,
                action = "member_left",
                detail = "",
                now = now
            );
            true
        }))
    }

    /// The kartrekker's decision on the request of membership `member` (its public
    /// id); the person gets an email with the message.
    pub async fn decide_membership(
        &self,
        activity_id: i64,
        member: &str,
        decision: &Decision,
        actor: Actor,
    ) -> sqlx::Result<DecideOutcome> {
        let now = actor.now;
        let (state, message, kind, action) = match decision {
            Decision::Accept { message } => (
                MemberState::Active,
                message,
                MailKind::MembershipAccepted,
                "member_accepted",
            ),
            Decision::Decline { message } => (
                MemberState::Declined,
                message,
                MailKind::MembershipDeclined,
                "member_declined",
            ),
        };
        Ok(write_tx!(self, |tx| {
            let decided: Option<(String, String)> = sqlx::query_as(
                "UPDATE atelier_member SET state = $3, decision_message = $4, decided_by = $5, \
                 joined_at = CASE WHEN $3 = 'active' THEN $6 ELSE NULL END, updated_at = $6 \
                 WHERE activity_id = $1 AND public_id = $2 AND state = 'requested' \
                 RETURNING (SELECT email FROM account WHERE id = atelier_member.account_id), \
                 (SELECT lang FROM account WHERE id = atelier_member.account_id)",
            )
            .bind(activity_id)
            .bind(member)
            .bind(state.as_str())
            .bind(message)
            .bind(actor.account_id)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((email, lang)) = decided else {
                let exists: Option<i64> = sqlx::query_scalar(
                    "SELECT id FROM atelier_member WHERE activity_id = $1 AND public_id = $2",
                )
                .bind(activity_id)
                .bind(member)
                .fetch_optional(&mut *tx)
                .await?;
                return Ok(if exists.is_some() {
                    DecideOutcome::NotWaiting
                } else {
                    DecideOutcome::NotFound
                });
            };
            enqueue_mail!(
                tx,
                kind,
                to = &email,
                lang = Lang::parse(&lang).unwrap_or_default(),
                payload = json!({ "atelier": activity_id, "message": message }),
                now = now
            );
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = Some(activity_id),
                registration = None::<i64>,
                account = actor.account_id,
                action = action,
                detail = &email,
                now = now
            );
            DecideOutcome::Done
        }))
    }

    /// Gives active member `member` (public id) another role; `false` when there is
    /// no such active member.
    pub async fn set_member_role(
        &self,
        activity_id: i64,
        member: &str,
        role: MemberRole,
        actor: Actor,
    ) -> sqlx::Result<bool> {
        let now = actor.now;
        Ok(write_tx!(self, |tx| {
            let email: Option<String> = sqlx::query_scalar(
                "UPDATE atelier_member SET role = $3, updated_at = $4 \
                 WHERE activity_id = $1 AND public_id = $2 AND state = 'active' \
                 RETURNING (SELECT email FROM account WHERE id = atelier_member.account_id)",
            )
            .bind(activity_id)
            .bind(member)
            .bind(role.as_str())
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(email) = email else { return Ok(false) };
            audit!(
                tx,
                organisation = actor.organisation_id,
                activity = Some(activity_id),
                registration = None::<i64>,
                account = actor.account_id,
                action = "member_role_changed",
                detail = &format!("{email}: {}", role.as_str()),
                now = now
            );
            true
        }))
    }

    /// Every membership of the atelier for the back office: requests first (oldest
    /// first), then members by name, then those who left or were declined.
    pub async fn atelier_members(&self, activity_id: i64) -> sqlx::Result<Vec<MemberRow>> {
        self.atelier_members_where(activity_id, "", None).await
    }

    async fn atelier_members_where(
        &self,
        activity_id: i64,
        condition: &'static str,
        member: Option<&str>,
    ) -> sqlx::Result<Vec<MemberRow>> {
        let sql = format!(
            "SELECT {MEMBER_COLUMNS}, a.public_id AS account_public_id, a.name, a.email, \
             EXISTS (SELECT 1 FROM activity_facilitator_account f \
                     WHERE f.activity_id = m.activity_id AND f.account_id = m.account_id) AS kartrekker, \
             m.updated_at \
             FROM atelier_member m JOIN account a ON a.id = m.account_id WHERE m.activity_id = $1 {condition} \
             ORDER BY CASE m.state WHEN 'requested' THEN 0 WHEN 'invited' THEN 1 WHEN 'active' THEN 2 ELSE 3 END, \
             CASE WHEN m.state = 'requested' THEN m.created_at END, a.name, a.email"
        );
        let rows: Vec<MemberListRow> = on_pool!(self, |pool| {
            let query = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(activity_id);
            match member {
                Some(member) => query.bind(member),
                None => query,
            }
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter()
            .map(|row| {
                Ok(MemberRow {
                    membership: row.membership.try_into()?,
                    account_public_id: row.account_public_id,
                    name: row.name,
                    email: row.email,
                    kartrekker: row.kartrekker,
                    updated_at: row.updated_at,
                })
            })
            .collect()
    }

    /// One membership of the atelier by its public id, for the back office.
    pub async fn atelier_member(
        &self,
        activity_id: i64,
        member: &str,
    ) -> sqlx::Result<Option<MemberRow>> {
        Ok(self
            .atelier_members_where(activity_id, "AND m.public_id = $2", Some(member))
            .await?
            .pop())
    }

    /// Invitations to join atelier `activity_id` not yet used: (address, valid until).
    pub async fn open_member_invitations(
        &self,
        activity_id: i64,
        now: Timestamp,
    ) -> sqlx::Result<Vec<(String, Timestamp)>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT email, expires_at FROM invitation WHERE activity_id = $1 AND membership \
             AND accepted_at IS NULL AND expires_at > $2 ORDER BY created_at"
        )
        .bind(activity_id)
        .bind(now)
        .fetch_all(pool)
        .await)
    }

    /// How many active members the atelier has, and how many ask to join.
    pub async fn member_counts(&self, activity_id: i64) -> sqlx::Result<(i64, i64)> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT COALESCE(SUM(CASE WHEN state = 'active' THEN 1 ELSE 0 END), 0), \
             COALESCE(SUM(CASE WHEN state = 'requested' THEN 1 ELSE 0 END), 0) \
             FROM atelier_member WHERE activity_id = $1"
        )
        .bind(activity_id)
        .fetch_one(pool)
        .await)
    }

    /// The ateliers account `account_id` is an active member of or asked to join, by
    /// title: (slug, title, state).
    pub async fn my_ateliers(
        &self,
        account_id: i64,
    ) -> sqlx::Result<Vec<(String, String, String)>> {
        on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT a.slug, a.title, m.state FROM atelier_member m JOIN activity a ON a.id = m.activity_id \
             WHERE m.account_id = $1 AND m.state IN ('active', 'requested', 'invited') ORDER BY a.title"
        )
        .bind(account_id)
        .fetch_all(pool)
        .await
        })
    }

    /// The atelier an email about membership names: (title, slug, public id).
    pub async fn atelier_names(
        &self,
        activity_id: i64,
    ) -> sqlx::Result<Option<(String, String, String)>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT title, slug, public_id FROM activity WHERE id = $1"
        )
        .bind(activity_id)
        .fetch_optional(pool)
        .await)
    }
}
