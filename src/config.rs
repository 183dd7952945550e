//! Typed settings. Every field has a default that runs out of the box (SQLite under
//! `./data`, mail to files) and an environment variable that overrides it; all of them
//! are listed in `.env.example`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

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
    pub page_cache_check: Duration,
    /// Largest database pool.
    pub max_db_connections: u32,
    /// `SAMENLEREN_SECRET`; `None`: the key file in the data directory. Every server
    /// sharing one database needs the same key (it derives the manage links).
    pub secret: Option<String>,
    pub mail: MailSettings,
    /// Registrations per client (IP address) and minute, with a burst.
    pub registration_rate: RateLimit,
    /// Sign-in attempts (link requests and passwords) per client and minute.
    pub sign_in_rate: RateLimit,
    /// Take the client address from the last `X-Forwarded-For` entry (only behind a
    /// reverse proxy that sets it).
    pub trust_proxy: bool,
    /// `SAMENLEREN_METRICS_TOKEN`: `/metrics` answers only a request with
    /// `Authorization: Bearer <token>`. `None`: `/metrics` is closed (404), since
    /// its figures (routes, mail queues) are not for visitors.
    pub metrics_token: Option<String>,
    /// Whether `serve` runs the periodic jobs (`crate::jobs`). Always on for a real
    /// server; tests turn it off and call the job they test, so a job that happens to
    /// be due (the 07:00 digest) cannot add mail or rows under a test.
    pub run_jobs: bool,
    /// Who runs this site: the controller the privacy statement names and the
    /// contact of the accessibility statement.
    pub operator: Operator,
}

/// The organisation that runs this installation (the controller under the AVG). The
/// default is a placeholder the pages mark as such, so a fresh install runs but does
/// not pass for a real statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Operator {
    /// `SAMENLEREN_OPERATOR_NAME`.
    pub name: String,
    /// `SAMENLEREN_OPERATOR_ADDRESS`: postal address on one line.
    pub address: String,
    /// `SAMENLEREN_OPERATOR_EMAIL`: general contact, also for accessibility problems.
    pub email: String,
    /// `SAMENLEREN_OPERATOR_PRIVACY_EMAIL`: the privacy contact (or data protection
    /// officer, functionaris gegevensbescherming).
    pub privacy_email: String,
    /// `SAMENLEREN_OPERATOR_WEBSITE`: the operator's own site, if any.
    pub website: Option<String>,
}

impl Operator {
    /// The placeholder's details, which also are the command line's defaults.
    pub const PLACEHOLDER_NAME: &str = "Samenleren (demo)";
    pub const PLACEHOLDER_ADDRESS: &str = "Voorbeeldstraat 1, 1234 AB Voorbeeldstad";
    pub const PLACEHOLDER_EMAIL: &str = "info@samenleren.invalid";
    pub const PLACEHOLDER_PRIVACY_EMAIL: &str = "privacy@samenleren.invalid";

    /// Whether these are still the placeholder details (nobody configured them).
    pub fn is_placeholder(&self) -> bool {
        self.name == Self::PLACEHOLDER_NAME
    }
}

impl Default for Operator {
    fn default() -> Self {
        Self {
            name: Self::PLACEHOLDER_NAME.to_owned(),
            address: Self::PLACEHOLDER_ADDRESS.to_owned(),
            email: Self::PLACEHOLDER_EMAIL.to_owned(),
            privacy_email: Self::PLACEHOLDER_PRIVACY_EMAIL.to_owned(),
            website: None,
        }
    }
}

/// How email leaves the outbox.
#[derive(Clone, Debug)]
pub struct MailSettings {
    /// `smtp://host:port`, `smtps://user:pass@host` or `smtp://host?tls=required`
    /// (lettre's URL syntax). `None`: write RFC 5322 `.eml` files to `<data-dir>/outbox/`.
    pub smtp_url: Option<String>,
    /// The From address.
    pub from: String,
    /// Reminders go this many days before a session.
    pub reminder_days: u32,
    /// How often the worker looks for due messages (it is also woken at once when a
    /// change of this server queues one).
    pub poll: Duration,
    /// The first retry waits this long; each next one twice as long, up to `retry_max`.
    pub retry_base: Duration,
    pub retry_max: Duration,
    /// How long a claimed message is reserved for its worker.
    pub lease: Duration,
    /// Attempts before a message is given up (and logged as an error).
    pub max_attempts: u32,
}

impl Default for MailSettings {
    fn default() -> Self {
        Self {
            smtp_url: None,
            from: "Samenleren <noreply@samenleren.invalid>".to_owned(),
            reminder_days: 2,
            poll: Duration::from_secs(2),
            retry_base: Duration::from_secs(10),
            retry_max: Duration::from_secs(3600),
            lease: Duration::from_secs(120),
            max_attempts: 30,
        }
    }
}

/// A token bucket: `burst` requests at once, refilled at `per_minute`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimit {
    pub per_minute: u32,
    pub burst: u32,
}

impl RateLimit {
    /// `10/min` or `10/min,burst=20`.
    pub fn parse(raw: &str) -> Option<Self> {
        let (rate, burst) = match raw.split_once(',') {
            Some((rate, burst)) => (rate, Some(burst.trim().strip_prefix("burst=")?)),
            None => (raw, None),
        };
        let per_minute: u32 = rate.trim().strip_suffix("/min")?.trim().parse().ok()?;
        let burst = match burst {
            Some(b) => b.trim().parse().ok()?,
            None => per_minute,
        };
        (per_minute > 0 && burst > 0).then_some(Self { per_minute, burst })
    }
}

impl Default for RateLimit {
    fn default() -> Self {
        Self {
            per_minute: 10,
            burst: 20,
        }
    }
}

impl Settings {
    /// Defaults for everything but where the data lives (listening on a free port).
    pub fn new(data_dir: PathBuf, database: DatabaseTarget) -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            data_dir,
            database,
            base_url: String::new(),
            page_cache_check: Duration::from_secs(1),
            max_db_connections: 8,
            secret: None,
            mail: MailSettings::default(),
            registration_rate: RateLimit::default(),
            sign_in_rate: RateLimit {
                per_minute: 5,
                burst: 10,
            },
            trust_proxy: false,
            metrics_token: None,
            run_jobs: true,
            operator: Operator::default(),
        }
    }

    /// Where `.eml` files go when no SMTP server is set.
    pub fn outbox_dir(&self) -> PathBuf {
        self.data_dir.join("outbox")
    }

    /// Served over https: browsers are told to stay on https (HSTS).
    pub fn https(&self) -> bool {
        self.base_url.starts_with("https://")
    }

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
    fn rate_limits_parse_with_an_optional_burst() {
        assert_eq!(
            RateLimit::parse("10/min"),
            Some(RateLimit {
                per_minute: 10,
                burst: 10
            })
        );
        assert_eq!(
            RateLimit::parse(" 5/min, burst=12"),
            Some(RateLimit {
                per_minute: 5,
                burst: 12
            })
        );
        for bad in ["", "0/min", "10", "10/hour", "10/min,12", "10/min,burst=0"] {
            assert_eq!(RateLimit::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn unknown_scheme_is_refused() {
        assert!(DatabaseTarget::choose(Some("mysql://x"), Path::new("d")).is_err());
    }
}
