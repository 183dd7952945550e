//! Typed settings. Every field has a default that runs out of the box (SQLite under
//! `./data`, mail to files) and an environment variable that overrides it; all of them
//! are listed in `.env.example`.

use std::net::SocketAddr;
use std::path::PathBuf;

/// Where the data lives: the embedded default or a shared PostgreSQL server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DatabaseTarget {
    /// `<data-dir>/samenleren.db`, created when missing.
    Sqlite(PathBuf),
    /// A `postgres://` URL; several app servers may share it.
    Postgres(String),
}

impl DatabaseTarget {
    /// `DATABASE_URL` wins when it names PostgreSQL; otherwise the SQLite file in the
    /// data directory.
    pub fn choose(database_url: Option<&str>, data_dir: &std::path::Path) -> anyhow::Result<Self> {
        match database_url.map(str::trim).filter(|u| !u.is_empty()) {
            Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
                Ok(Self::Postgres(url.to_owned()))
            }
            Some(url) if url.starts_with("sqlite:") => {
                let path = url
                    .trim_start_matches("sqlite://")
                    .trim_start_matches("sqlite:");
                Ok(Self::Sqlite(PathBuf::from(path)))
            }
            Some(_) => anyhow::bail!(
                "DATABASE_URL must start with postgres:// (or sqlite:); leave it empty for the embedded SQLite file"
            ),
            None => Ok(Self::Sqlite(data_dir.join("samenleren.db"))),
        }
    }

    /// A description safe to log: never the password of a PostgreSQL URL.
    pub fn redacted(&self) -> String {
        match self {
            Self::Sqlite(path) => format!("sqlite {}", path.display()),
            Self::Postgres(url) => match (url.find("://"), url.rfind('@')) {
                (Some(scheme), Some(at)) if at > scheme => {
                    format!("postgres {}{}", &url[..scheme + 3], &url[at + 1..])
                }
                _ => "postgres".to_owned(),
            },
        }
    }
}

/// Settings of a running server.
#[derive(Clone, Debug)]
pub struct Settings {
    pub addr: SocketAddr,
    pub data_dir: PathBuf,
    pub database: DatabaseTarget,
    /// Public address, used in calendar files and structured data. Defaults to
    /// `http://<addr>`.
    pub base_url: String,
    /// How long a cached page is served before its revision is read again. Changes made
    /// through this process are seen at once; this bounds how stale another server's
    /// changes can look.
    pub page_cache_check: std::time::Duration,
    /// Largest database pool.
    pub max_db_connections: u32,
}

impl Settings {
    /// The base URL without a trailing slash.
    pub fn base_url(&self) -> &str {
        self.base_url.trim_end_matches('/')
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn empty_database_url_means_the_sqlite_file_in_the_data_dir() {
        let target = DatabaseTarget::choose(Some("  "), Path::new("/tmp/x")).unwrap();
        assert_eq!(
            target,
            DatabaseTarget::Sqlite(PathBuf::from("/tmp/x/samenleren.db"))
        );
        let target = DatabaseTarget::choose(None, Path::new("d")).unwrap();
        assert_eq!(
            target,
            DatabaseTarget::Sqlite(PathBuf::from("d/samenleren.db"))
        );
    }

    #[test]
    fn postgres_url_selects_postgres_and_is_logged_without_password() {
        let target =
            DatabaseTarget::choose(Some("postgres://app:geheim@db:5432/sl"), Path::new("d"))
                .unwrap();
        assert_eq!(target.redacted(), "postgres postgres://db:5432/sl");
        assert!(!target.redacted().contains("geheim"));
    }

    #[test]
    fn unknown_scheme_is_refused() {
        assert!(DatabaseTarget::choose(Some("mysql://x"), Path::new("d")).is_err());
    }
}
