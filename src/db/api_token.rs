//! Personal API tokens. An organiser makes one in the back office and sees it once;
//! the organiser API takes it as `Authorization: Bearer …`. Only its SHA-256 is
//! kept. A token acts as its account with the account's current roles, so leaving an
//! organisation takes the token's access along. Making and revoking a token is
//! written to the log of every organisation the account organises for: whoever
//! reads that log sees who can reach its data from outside.

use chrono::Duration;

use crate::db::Db;
use crate::db::access::{ROLE_COLUMNS, roles};
use crate::db::audit::audit;
use crate::domain::access::Roles;
use crate::time::Timestamp;
use crate::{on_pool, write_tx};

/// A token is its account's (see [`crate::db::personal_data`]).
pub const PERSONAL_DATA: &[crate::db::personal_data::Entry] = &[crate::db::personal_data::Entry {
    table: "api_token",
    columns: &[
        "public_id",
        "name",
        "created_at",
        "last_used_at",
        "revoked_at",
    ],
    person: crate::db::personal_data::Person::Account("account_id"),
    on_delete: crate::db::personal_data::OnDelete::Delete,
    on_retention: crate::db::personal_data::OnRetention::Keep(
        "the person's own until they delete it",
    ),
}];

/// Most tokens an account may hold at once (revoked ones do not count).
pub const MAX_ACTIVE_TOKENS: i64 = 20;

/// `last_used_at` moves at most this often, so reading the API does not write on
/// every request.
const TOUCH_INTERVAL: Duration = Duration::minutes(1);

/// A token as its owner sees it in the list.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ApiTokenRow {
    pub public_id: String,
    pub name: String,
    pub created_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
    pub revoked_at: Option<Timestamp>,
}

/// A token to store: its public id (for the revoke button) and hash.
pub struct NewApiToken<'a> {
    pub public_id: &'a str,
    pub name: &'a str,
    pub token_hash: &'a str,
}

/// The account a request's token acts for.
#[derive(Clone, Debug)]
pub struct TokenAccount {
    pub account_id: i64,
    pub email: String,
    pub name: String,
    pub roles: Roles,
}

#[derive(sqlx::FromRow)]
struct TokenRow {
    id: i64,
    account_id: i64,
    email: String,
    name: String,
    is_admin: bool,
    last_used_at: Option<Timestamp>,
    organiser_of: Option<String>,
    kartrekker_of: Option<String>,
}

/// What became of a request for a new token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CreateOutcome {
    Created,
    /// The account already holds [`MAX_ACTIVE_TOKENS`].
    TooMany,
}

/// What became of a revocation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RevokeOutcome {
    Revoked,
    AlreadyRevoked,
    /// Not a token of this account.
    NotFound,
}

/// One audit row per organisation the account organises for (one without an
/// organisation for an admin who organises for none).
macro_rules! audit_for_account {
    ($tx:ident, $account:expr, $action:expr, $detail:expr, $now:expr) => {{
        let organisations: Vec<i64> = sqlx::query_scalar(
            "SELECT organisation_id FROM organisation_member WHERE account_id = $1",
        )
        .bind($account)
        .fetch_all(&mut *$tx)
        .await?;
        let targets: Vec<Option<i64>> = if organisations.is_empty() {
            vec![None]
        } else {
            organisations.into_iter().map(Some).collect()
        };
        for organisation in targets {
            audit!(
                $tx,
                organisation = organisation,
                activity = None::<i64>,
                registration = None::<i64>,
                account = $account,
                action = $action,
                detail = $detail,
                now = $now
            );
        }
    }};
}

impl Db {
    /// An account's tokens: active ones first, newest first.
    pub async fn api_tokens(&self, account_id: i64) -> sqlx::Result<Vec<ApiTokenRow>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT public_id, name, created_at, last_used_at, revoked_at FROM api_token \
             WHERE account_id = $1 \
             ORDER BY CASE WHEN revoked_at IS NULL THEN 0 ELSE 1 END, created_at DESC, id DESC"
        )
        .bind(account_id)
        .fetch_all(pool)
        .await)
    }

    /// Stores a new token unless the account already holds the most it may.
    pub async fn create_api_token(
        &self,
        account_id: i64,
        token: &NewApiToken<'_>,
        now: Timestamp,
    ) -> sqlx::Result<CreateOutcome> {
        Ok(write_tx!(self, |tx| {
            // Counted inside the write transaction: two tabs cannot both pass the cap
            // on SQLite (BEGIN IMMEDIATE); on PostgreSQL the account row lock below
            // serialises them.
            sqlx::query("UPDATE account SET updated_at = updated_at WHERE id = $1")
                .bind(account_id)
                .execute(&mut *tx)
                .await?;
            let active: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM api_token WHERE account_id = $1 AND revoked_at IS NULL",
            )
            .bind(account_id)
            .fetch_one(&mut *tx)
            .await?;
            if active >= MAX_ACTIVE_TOKENS {
                return Ok(CreateOutcome::TooMany);
            }
            sqlx::query(
                "INSERT INTO api_token (public_id, account_id, name, token_hash, created_at) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(token.public_id)
            .bind(account_id)
            .bind(token.name)
            .bind(token.token_hash)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            audit_for_account!(tx, account_id, "api_token_created", token.name, now);
            CreateOutcome::Created
        }))
    }

    /// Revokes one of the account's tokens; it stops working at once.
    pub async fn revoke_api_token(
        &self,
        account_id: i64,
        public_id: &str,
        now: Timestamp,
    ) -> sqlx::Result<RevokeOutcome> {
        Ok(write_tx!(self, |tx| {
            let revoked: Option<String> = sqlx::query_scalar(
                "UPDATE api_token SET revoked_at = $3 \
                 WHERE public_id = $1 AND account_id = $2 AND revoked_at IS NULL RETURNING name",
            )
            .bind(public_id)
            .bind(account_id)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            match revoked {
                Some(name) => {
                    audit_for_account!(tx, account_id, "api_token_revoked", &name, now);
                    RevokeOutcome::Revoked
                }
                None => {
                    let exists: Option<i64> = sqlx::query_scalar(
                        "SELECT id FROM api_token WHERE public_id = $1 AND account_id = $2",
                    )
                    .bind(public_id)
                    .bind(account_id)
                    .fetch_optional(&mut *tx)
                    .await?;
                    if exists.is_some() {
                        RevokeOutcome::AlreadyRevoked
                    } else {
                        RevokeOutcome::NotFound
                    }
                }
            }
        }))
    }

    /// The account behind a token's hash, with its roles now; `None` for an unknown
    /// or revoked token. Notes the use (at most once a minute).
    pub async fn api_token_account(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> sqlx::Result<Option<TokenAccount>> {
        on_pool!(self, |pool| {
            let row: Option<TokenRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT t.id, t.account_id, a.email, a.name, a.is_admin, t.last_used_at, \
                 {ROLE_COLUMNS} FROM api_token t JOIN account a ON a.id = t.account_id \
                 WHERE t.token_hash = $1 AND t.revoked_at IS NULL"
            )))
            .bind(token_hash)
            .fetch_optional(pool)
            .await?;
            let Some(row) = row else { return Ok(None) };
            if row.last_used_at.is_none_or(|t| t + TOUCH_INTERVAL <= now) {
                sqlx::query("UPDATE api_token SET last_used_at = $2 WHERE id = $1")
                    .bind(row.id)
                    .bind(now)
                    .execute(pool)
                    .await?;
            }
            Ok(Some(TokenAccount {
                roles: roles(
                    row.is_admin,
                    row.organiser_of.as_deref(),
                    row.kartrekker_of.as_deref(),
                ),
                account_id: row.account_id,
                email: row.email,
                name: row.name,
            }))
        })
    }
}
