//! Storage: one code path over SQLite (embedded default) and PostgreSQL.
//!
//! Queries are written once with `$N` placeholders, which both databases accept, and
//! run on the native pool of each (not `sqlx::Any`, which cannot read chrono types on
//! both). The [`on_pool!`] macro type-checks one query body against both drivers;
//! where the dialects differ the code matches on [`Db`] visibly.

pub mod access;
pub mod account;
pub mod api_token;
pub mod audit;
pub mod catalog;
pub mod certificate;
pub mod check_in;
pub mod community;
pub mod demo;
pub mod editor;
pub mod learning;
pub mod lock;
pub mod mentoring;
pub mod messages;
pub mod organisation;
pub mod outbox;
pub mod personal_data;
pub mod prerequisite;
pub mod privacy;
pub mod profile;
pub mod registration;
pub mod roster;
pub mod signup;
pub mod statement;
pub mod survey;

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};

use crate::config::DatabaseTarget;

/// A pool on one of the two supported databases.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs `$body` with `$pool` bound to the native pool, once per database type, so one
/// query text serves both.
#[macro_export]
macro_rules! on_pool {
    ($db:expr, |$pool:ident| $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite($pool) => $body,
            $crate::db::Db::Postgres($pool) => $body,
        }
    };
}

/// Runs `$body` inside a write transaction bound to `$tx` and commits it. SQLite starts
/// with `BEGIN IMMEDIATE` so the write lock is taken up front: a deferred transaction
/// that reads first and writes later can fail with SQLITE_BUSY instead of waiting.
#[macro_export]
macro_rules! write_tx {
    ($db:expr, |$tx:ident| $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite(pool) => {
                let mut $tx = pool.begin_with("BEGIN IMMEDIATE").await?;
                let out = $body;
                $tx.commit().await?;
                out
            }
            $crate::db::Db::Postgres(pool) => {
                let mut $tx = pool.begin().await?;
                let out = $body;
                $tx.commit().await?;
                out
            }
        }
    };
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl Db {
    /// Opens the database, creating the SQLite file (and its directory) when missing.
    pub async fn connect(target: &DatabaseTarget, max_connections: u32) -> anyhow::Result<Self> {
        match target {
            DatabaseTarget::Sqlite(path) => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir)?;
                }
                let options = SqliteConnectOptions::new()
                    .filename(path)
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(10))
                    // Keep hot pages of the catalog in memory (negative = KiB).
                    .pragma("cache_size", "-8000");
                let pool = SqlitePoolOptions::new()
                    .max_connections(max_connections.max(1))
                    .min_connections(1)
                    .connect_with(options)
                    .await?;
                Ok(Self::Sqlite(pool))
            }
            DatabaseTarget::Postgres(url) => {
                let options = PgConnectOptions::from_str(url)?;
                let pool = PgPoolOptions::new()
                    .max_connections(max_connections.max(1))
                    .acquire_timeout(Duration::from_secs(10))
                    .connect_with(options)
                    .await?;
                Ok(Self::Postgres(pool))
            }
        }
    }

    /// Applies the migrations of this database type (same names on both).
    pub async fn migrate(&self) -> anyhow::Result<()> {
        match self {
            Self::Sqlite(pool) => SQLITE_MIGRATIONS.run(pool).await?,
            Self::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await?,
        }
        Ok(())
    }

    /// `sqlite` or `postgres`, for logs and metrics.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Sqlite(_) => "sqlite",
            Self::Postgres(_) => "postgres",
        }
    }

    /// A cheap round trip, for `/healthz`.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        on_pool!(self, |pool| sqlx::query("SELECT 1")
            .execute(pool)
            .await
            .map(|_| ()))
    }

    pub async fn close(&self) {
        on_pool!(self, |pool| pool.close().await)
    }
}

/// A count stored as INTEGER (never negative in practice).
pub(crate) fn count(n: i32) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

/// A stored value outside the domain's vocabulary means the database was changed by
/// hand; refuse to guess.
pub(crate) fn decode_error(column: &str, value: &str) -> sqlx::Error {
    sqlx::Error::Decode(format!("unexpected {column} value {value:?}").into())
}

/// `$first, $first+1, …`: `n` numbered placeholders for an `IN` list (one SQL text
/// for both databases; the caller binds the values in order).
/// The ids of a `string_agg(CAST(id AS TEXT), ' ')` column, sorted (`NULL`: none).
/// Reading a list as one text keeps a statement to one row, and on SQLite every row
/// is handed from the database thread to the request's on its own.
pub(crate) fn agg_ids(joined: Option<&str>) -> Vec<i64> {
    let mut ids: Vec<i64> = joined
        .unwrap_or_default()
        .split(' ')
        .filter_map(|id| id.parse().ok())
        .collect();
    ids.sort_unstable();
    ids
}

pub(crate) fn placeholders(n: usize, first: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `($first, …), (…)`: `rows` groups of `columns` numbered placeholders, for a
/// multi-row `VALUES`.
pub(crate) fn value_rows(rows: usize, columns: usize, first: usize) -> String {
    (0..rows)
        .map(|row| format!("({})", placeholders(columns, first + row * columns)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A new unguessable key for a URL (128 random bits as 32 hex digits), the shape the
/// migration gave existing activities.
pub fn new_public_key() -> String {
    crate::secret::random_bytes::<16>()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A new session's calendar uid (migration 0008): random, so unlike a row id it is
/// never handed out again after a session is removed.
pub fn session_uid() -> String {
    new_public_key()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_across_rows() {
        assert_eq!(value_rows(2, 3, 1), "($1, $2, $3), ($4, $5, $6)");
        assert_eq!(placeholders(3, 2), "$2, $3, $4");
    }
}
