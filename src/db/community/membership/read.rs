//! The reads every atelier page starts with and the member lists members see:
//! the atelier with the visitor's membership in one statement, and the listed
//! members (all, or the newest for the home). Never an address.

use crate::db::Db;
use crate::domain::activity::{ActivityKind, ActivityStatus};
use crate::on_pool;
use crate::time::Timestamp;

use super::{Atelier, Membership, MembershipRow};

/// [`Db::atelier_visit`]'s row: the atelier, its hosts as a list, and the
/// membership's columns (all NULL when the account is not in it).
#[derive(sqlx::FromRow)]
struct VisitRow {
    id: i64,
    public_id: String,
    slug: String,
    title: String,
    status: String,
    open_joining: bool,
    organisations: Option<String>,
    member_public_id: Option<String>,
    member_state: Option<String>,
    member_level: Option<String>,
    member_role: Option<String>,
    member_brings: Option<String>,
    member_listed: Option<bool>,
    member_decision_message: Option<String>,
    member_joined_at: Option<Timestamp>,
}

/// A member as other members see them: only those who agreed to be listed, and
/// never their address.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ListedMember {
    pub name: String,
    pub role: String,
    pub brings: String,
    pub kartrekker: bool,
}

/// The kartrekkers of atelier `$1` (as `f`, their accounts `a`, their membership
/// `m` if any).
const KARTREKKERS: &str = "activity_facilitator_account f JOIN account a ON a.id = f.account_id \
     LEFT JOIN atelier_member m ON m.activity_id = f.activity_id AND m.account_id = f.account_id \
     WHERE f.activity_id = $1";

/// The active, listed members of atelier `$1` who are not also kartrekkers (those
/// are listed as such), as `m` with their accounts `a`.
const MEMBERS: &str = "atelier_member m JOIN account a ON a.id = m.account_id \
     WHERE m.activity_id = $1 AND m.state = 'active' AND m.listed \
     AND NOT EXISTS (SELECT 1 FROM activity_facilitator_account f \
                     WHERE f.activity_id = m.activity_id AND f.account_id = m.account_id)";

/// Which listed members to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Listing {
    /// Every one, by name.
    All,
    /// The `n` who joined last.
    Newest(i64),
}

impl Db {
    /// The atelier with this slug and `account_id`'s membership of it, in one
    /// statement: every atelier page starts with this, and on SQLite each statement
    /// is a round trip to the connection's thread (docs/BENCHMARKS.md, "Atelier
    /// member pages").
    pub async fn atelier_visit(
        &self,
        slug: &str,
        account_id: i64,
    ) -> sqlx::Result<Option<(Atelier, Option<Membership>)>> {
        let sql = "SELECT a.id, a.public_id, a.slug, a.title, a.status, \
             COALESCE(s.open_joining, FALSE) AS open_joining, \
             (SELECT string_agg(CAST(o.organisation_id AS TEXT), ',' \
                                ORDER BY o.position, o.organisation_id) \
              FROM activity_organisation o WHERE o.activity_id = a.id) AS organisations, \
             m.public_id AS member_public_id, m.state AS member_state, m.level AS member_level, \
             m.role AS member_role, m.brings AS member_brings, m.listed AS member_listed, \
             m.decision_message AS member_decision_message, m.joined_at AS member_joined_at \
             FROM activity a LEFT JOIN atelier s ON s.activity_id = a.id \
             LEFT JOIN atelier_member m ON m.activity_id = a.id AND m.account_id = $3 \
             WHERE a.slug = $1 AND a.kind = $2";
        let row: Option<VisitRow> = on_pool!(self, |pool| sqlx::query_as(sql)
            .bind(slug)
            .bind(ActivityKind::Atelier.as_str())
            .bind(account_id)
            .fetch_optional(pool)
            .await)?;
        let Some(row) = row else { return Ok(None) };
        let organisations = row
            .organisations
            .as_deref()
            .unwrap_or_default()
            .split(',')
            .filter(|id| !id.is_empty())
            .map(|id| {
                id.parse::<i64>().map_err(|_| {
                    crate::db::decode_error("activity_organisation.organisation_id", id)
                })
            })
            .collect::<sqlx::Result<Vec<i64>>>()?;
        let membership = match (
            row.member_public_id,
            row.member_state,
            row.member_level,
            row.member_role,
        ) {
            (Some(public_id), Some(state), Some(level), Some(role)) => {
                Some(Membership::try_from(MembershipRow {
                    public_id,
                    state,
                    level,
                    role,
                    brings: row.member_brings.unwrap_or_default(),
                    listed: row.member_listed.unwrap_or(false),
                    decision_message: row.member_decision_message.unwrap_or_default(),
                    joined_at: row.member_joined_at,
                })?)
            }
            _ => None,
        };
        let atelier = Atelier {
            status: ActivityStatus::parse(&row.status)
                .ok_or_else(|| crate::db::decode_error("activity.status", &row.status))?,
            id: row.id,
            public_id: row.public_id,
            slug: row.slug,
            title: row.title,
            organisations,
            open_joining: row.open_joining,
        };
        Ok(Some((atelier, membership)))
    }

    /// The members other members see: the kartrekkers, then the active members who
    /// agreed to be listed — by name (`Listing::All`), or the newest `n` who joined
    /// (`Listing::Newest`, read along an index, for the atelier's home). Never an
    /// address.
    pub async fn listed_members(
        &self,
        activity_id: i64,
        listing: Listing,
    ) -> sqlx::Result<Vec<ListedMember>> {
        match listing {
            Listing::All => self.all_listed_members(activity_id).await,
            Listing::Newest(n) => self.newest_listed_members(activity_id, n).await,
        }
    }

    async fn all_listed_members(&self, activity_id: i64) -> sqlx::Result<Vec<ListedMember>> {
        let sql = format!(
            "SELECT a.name, COALESCE(m.role, 'member') AS role, COALESCE(m.brings, '') AS brings, \
             TRUE AS kartrekker, 0 AS part FROM {KARTREKKERS} \
             UNION ALL SELECT a.name, m.role, m.brings, FALSE AS kartrekker, 1 AS part FROM {MEMBERS} \
             ORDER BY part, name"
        );
        on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.clone()
        ))
        .bind(activity_id)
        .fetch_all(pool)
        .await)
    }

    /// The home's listing in one statement: the kartrekkers by name, then the `n`
    /// members who joined last (read along `atelier_member_joined`).
    async fn newest_listed_members(
        &self,
        activity_id: i64,
        n: i64,
    ) -> sqlx::Result<Vec<ListedMember>> {
        let sql = format!(
            "SELECT name, role, brings, kartrekker FROM ( \
             SELECT a.name, COALESCE(m.role, 'member') AS role, COALESCE(m.brings, '') AS brings, \
             TRUE AS kartrekker, 0 AS part, NULL AS joined_at, 0 AS id FROM {KARTREKKERS} \
             UNION ALL SELECT * FROM (SELECT a.name, m.role, m.brings, FALSE AS kartrekker, \
             1 AS part, m.joined_at, m.id FROM {MEMBERS} \
             ORDER BY m.joined_at DESC, m.id DESC LIMIT $2) newest) listed \
             ORDER BY part, CASE WHEN part = 0 THEN name END, joined_at DESC, id DESC"
        );
        on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.clone()
        ))
        .bind(activity_id)
        .bind(n)
        .fetch_all(pool)
        .await)
    }
}
