//! Test helpers: a fresh database per test on either backend, and the real
//! application bound to port 0 on it.
//!
//! PostgreSQL tests create their own database on the server named by
//! `TEST_DATABASE_URL` (default: the local server). When that server cannot be
//! reached the test prints `SKIPPED` and passes, except with `CI=true`, where an
//! unreachable database is a failure.

#![allow(dead_code)]

pub mod editor;
pub mod ids;
pub mod mail;
pub mod web;

use std::str::FromStr;
use std::time::Duration;

use samenleren::config::{DatabaseTarget, Settings};
use samenleren::db::Db;
use samenleren::startup::{Application, Prepare};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{ConnectOptions, Executor};

pub const DEFAULT_TEST_DATABASE_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A database made for one test. The temp dir (SQLite) lives as long as this.
pub struct TestDb {
    pub target: DatabaseTarget,
    pub data_dir: tempfile::TempDir,
}

/// In CI (`CI=true`) a missing PostgreSQL, Chromium or aiosmtpd fails a test
/// instead of skipping it.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

impl TestDb {
    /// A fresh, empty database, or `None` (test skipped) when PostgreSQL is out of
    /// reach outside CI.
    pub async fn new(backend: Backend) -> Option<Self> {
        let data_dir = tempfile::tempdir().expect("temp dir");
        let target = match backend {
            Backend::Sqlite => DatabaseTarget::Sqlite(data_dir.path().join("samenleren.db")),
            Backend::Postgres => DatabaseTarget::Postgres(fresh_postgres_database().await?),
        };
        Some(Self { target, data_dir })
    }

    pub async fn connect(&self) -> Db {
        let db = Db::connect(&self.target, 8).await.expect("connect");
        db.migrate().await.expect("migrate");
        db
    }
}

/// Creates `sl_test_<time>_<random>` and returns its URL. Databases of earlier runs
/// older than an hour are dropped first, so aborted runs do not pile up.
async fn fresh_postgres_database() -> Option<String> {
    let admin_url =
        std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| DEFAULT_TEST_DATABASE_URL.to_owned());
    let options = PgConnectOptions::from_str(&admin_url).expect("TEST_DATABASE_URL parses");
    let admin = match PgPoolOptions::new()
        .max_connections(1)
        .acquire_timeout(Duration::from_secs(5))
        .connect_with(options.clone().log_statements(log::LevelFilter::Off))
        .await
    {
        Ok(pool) => pool,
        Err(error) => {
            if in_ci() {
                panic!("PostgreSQL at {admin_url} is unreachable in CI: {error}");
            }
            eprintln!(
                "SKIPPED: PostgreSQL at {admin_url} is unreachable ({error}); set TEST_DATABASE_URL"
            );
            return None;
        }
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let old: Vec<String> =
        sqlx::query_scalar("SELECT datname FROM pg_database WHERE datname LIKE 'sl\\_test\\_%'")
            .fetch_all(&admin)
            .await
            .unwrap_or_default();
    for name in old {
        let created = name
            .split('_')
            .nth(2)
            .and_then(|t| t.parse::<u64>().ok())
            .unwrap_or(now);
        if now.saturating_sub(created) > 3600 {
            let _ = admin
                .execute(sqlx::AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                )))
                .await;
        }
    }
    let name = format!("sl_test_{now}_{}", uuid::Uuid::now_v7().simple());
    admin
        .execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE \"{name}\"")))
        .await
        .expect("create test database");
    admin.close().await;
    // Same server and credentials, other database.
    let base = admin_url.split('?').next().unwrap_or(&admin_url);
    let (server, _) = base.rsplit_once('/').expect("URL has a database path");
    Some(format!("{server}/{name}"))
}

/// The running application and a client for it.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub db: Db,
    pub test_db: TestDb,
}

impl TestApp {
    /// Where the `.eml` files of this app go.
    pub fn outbox_dir(&self) -> std::path::PathBuf {
        self.test_db.data_dir.path().join("outbox")
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request")
    }

    pub async fn get_text(&self, path: &str) -> (u16, String) {
        let response = self.get(path).await;
        let status = response.status().as_u16();
        (status, response.text().await.expect("body"))
    }

    /// `/metrics` as the operator's scraper reads it, with the metrics token.
    pub async fn metrics(&self) -> reqwest::Response {
        self.client
            .get(self.url("/metrics"))
            .bearer_auth(METRICS_TOKEN)
            .send()
            .await
            .expect("request")
    }
}

/// The metrics token of every test app (`Settings::metrics_token`).
pub const METRICS_TOKEN: &str = "test-metrics-token";

/// Starts the application with demo data on a fresh database. Cached pages are
/// re-checked on every request (`page_cache_check` 0) so tests see changes at once.
pub async fn spawn_app(backend: Backend) -> Option<TestApp> {
    spawn_app_with(backend, true).await
}

pub async fn spawn_app_with(backend: Backend, demo: bool) -> Option<TestApp> {
    spawn_app_configured(backend, demo, |_| {}).await
}

/// Test settings: no rate limit to speak of, the outbox polled every 50 ms, retries
/// after 1 s, no periodic jobs. `configure` changes what a test needs.
pub async fn spawn_app_configured(
    backend: Backend,
    demo: bool,
    configure: impl FnOnce(&mut Settings),
) -> Option<TestApp> {
    let test_db = TestDb::new(backend).await?;
    let mut settings = Settings::new(test_db.data_dir.path().to_owned(), test_db.target.clone());
    settings.page_cache_check = Duration::ZERO;
    settings.registration_rate = samenleren::config::RateLimit {
        per_minute: 1_000_000,
        burst: 1_000_000,
    };
    settings.sign_in_rate = settings.registration_rate;
    settings.mail.poll = Duration::from_millis(50);
    settings.mail.retry_base = Duration::from_secs(1);
    settings.mail.retry_max = Duration::from_secs(1);
    settings.metrics_token = Some(METRICS_TOKEN.to_owned());
    // Jobs run only where a test calls them (or turns them back on).
    settings.run_jobs = false;
    configure(&mut settings);
    let app = Application::build(settings, Prepare { demo })
        .await
        .expect("app builds");
    let address = format!("http://{}", app.local_addr());
    let db = app.state().db.clone();
    tokio::spawn(app.run_until_stopped(std::future::pending()));
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    Some(TestApp {
        address,
        client,
        db,
        test_db,
    })
}

/// Declares one `#[tokio::test]` per backend for an `async fn(Backend)`.
#[macro_export]
macro_rules! both_databases {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name($crate::common::Backend::Sqlite).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name($crate::common::Backend::Postgres).await;
                }
            )*
        }
    };
}
