//! The `samenleren` command: `serve`, `migrate`, `demo`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Parser, Subcommand};

use crate::config::{DatabaseTarget, MailSettings, Operator, RateLimit, Settings};
use crate::db::Db;
use crate::startup::{Application, Prepare, shutdown_signal};
use crate::time::today;

#[derive(Debug, Parser)]
#[command(
    name = "samenleren",
    version,
    about = "Samenleren: leercafés, leerateliers en keuzemodules"
)]
pub struct Cli {
    /// Directory for the SQLite database and other files.
    #[arg(
        long,
        env = "SAMENLEREN_DATA_DIR",
        default_value = "./data",
        global = true
    )]
    pub data_dir: PathBuf,

    /// `postgres://…` to use PostgreSQL; empty for the SQLite file in the data directory.
    #[arg(long, env = "DATABASE_URL", global = true, hide_env_values = true)]
    pub database_url: Option<String>,

    /// Largest number of database connections.
    #[arg(
        long,
        env = "SAMENLEREN_DB_MAX_CONNECTIONS",
        default_value_t = 8,
        global = true
    )]
    pub db_max_connections: u32,

    #[command(subcommand)]
    pub command: Command,
}

/// How email is sent (see [`MailSettings`]).
#[derive(Debug, clap::Args)]
pub struct MailArgs {
    /// SMTP server, e.g. `smtps://user:password@mail.example.nl`; empty: write .eml
    /// files to <data-dir>/outbox/.
    #[arg(long, env = "SMTP_URL", hide_env_values = true)]
    smtp_url: Option<String>,
    /// The From address of every email.
    #[arg(
        long,
        env = "SAMENLEREN_MAIL_FROM",
        default_value = "Samenleren <noreply@samenleren.invalid>"
    )]
    mail_from: String,
    /// Days before a session that the reminder goes out.
    #[arg(long, env = "SAMENLEREN_REMINDER_DAYS", default_value_t = 2)]
    reminder_days: u32,
    /// Seconds before the first retry of a failed email (doubling, up to the maximum).
    #[arg(long, env = "SAMENLEREN_MAIL_RETRY_SECS", default_value_t = 10)]
    mail_retry_secs: u64,
    /// Longest wait between retries, in seconds.
    #[arg(long, env = "SAMENLEREN_MAIL_RETRY_MAX_SECS", default_value_t = 3600)]
    mail_retry_max_secs: u64,
    /// Seconds a claimed email is reserved for one worker.
    #[arg(long, env = "SAMENLEREN_MAIL_LEASE_SECS", default_value_t = 120)]
    mail_lease_secs: u64,
    /// Milliseconds between looks at the outbox.
    #[arg(long, env = "SAMENLEREN_MAIL_POLL_MS", default_value_t = 2000)]
    mail_poll_ms: u64,
}

impl MailArgs {
    fn into_settings(self) -> MailSettings {
        MailSettings {
            smtp_url: self.smtp_url.filter(|u| !u.trim().is_empty()),
            from: self.mail_from,
            reminder_days: self.reminder_days,
            poll: Duration::from_millis(self.mail_poll_ms.max(10)),
            retry_base: Duration::from_secs(self.mail_retry_secs.max(1)),
            retry_max: Duration::from_secs(self.mail_retry_max_secs.max(1)),
            lease: Duration::from_secs(self.mail_lease_secs.max(1)),
            ..MailSettings::default()
        }
    }
}

/// Who runs this site (see [`Operator`]); the privacy and accessibility statements
/// name them. The defaults are a placeholder the pages mark as such.
#[derive(Debug, clap::Args)]
pub struct OperatorArgs {
    /// Name of the organisation that runs this site (the controller under the AVG).
    #[arg(long, env = "SAMENLEREN_OPERATOR_NAME", default_value = Operator::PLACEHOLDER_NAME)]
    operator_name: String,
    /// Its postal address, on one line.
    #[arg(long, env = "SAMENLEREN_OPERATOR_ADDRESS", default_value = Operator::PLACEHOLDER_ADDRESS)]
    operator_address: String,
    /// Contact address for questions and accessibility problems.
    #[arg(long, env = "SAMENLEREN_OPERATOR_EMAIL", default_value = Operator::PLACEHOLDER_EMAIL,
          value_parser = parse_address)]
    operator_email: String,
    /// Contact address for privacy questions and requests (privacy officer).
    #[arg(long, env = "SAMENLEREN_OPERATOR_PRIVACY_EMAIL",
          default_value = Operator::PLACEHOLDER_PRIVACY_EMAIL, value_parser = parse_address)]
    operator_privacy_email: String,
    /// The operator's own website (https://…); empty for none.
    #[arg(long, env = "SAMENLEREN_OPERATOR_WEBSITE", value_parser = parse_website)]
    operator_website: Option<String>,
}

impl OperatorArgs {
    fn into_operator(self) -> Operator {
        Operator {
            name: self.operator_name.trim().to_owned(),
            address: self.operator_address.trim().to_owned(),
            email: self.operator_email,
            privacy_email: self.operator_privacy_email,
            website: self.operator_website.filter(|w| !w.is_empty()),
        }
    }
}

fn parse_address(raw: &str) -> Result<String, String> {
    crate::domain::registration::Email::parse(raw)
        .map(|email| email.address)
        .ok_or_else(|| format!("expected an email address, got {raw:?}"))
}

fn parse_website(raw: &str) -> Result<String, String> {
    let raw = raw.trim();
    if raw.is_empty() || raw.starts_with("https://") || raw.starts_with("http://") {
        Ok(raw.to_owned())
    } else {
        Err(format!("expected https://…, got {raw:?}"))
    }
}

fn parse_rate(raw: &str) -> Result<RateLimit, String> {
    RateLimit::parse(raw)
        .ok_or_else(|| format!("expected e.g. 10/min or 10/min,burst=20, got {raw:?}"))
}

// Parsed once at start: the size of the `serve` variant costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web server.
    Serve {
        /// Address to listen on.
        #[arg(long, env = "SAMENLEREN_ADDR", default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
        /// Public base URL (for calendar files and links); default http://<addr>.
        #[arg(long, env = "SAMENLEREN_BASE_URL", default_value = "")]
        base_url: String,
        /// Milliseconds a cached activity page is served before its revision is checked.
        #[arg(long, env = "SAMENLEREN_PAGE_CACHE_CHECK_MS", default_value_t = 1000)]
        page_cache_check_ms: u64,
        /// Load the demo data first (migrate + demo + serve).
        #[arg(long)]
        demo: bool,
        #[command(flatten)]
        mail: MailArgs,
        #[command(flatten)]
        operator: OperatorArgs,
        /// Registrations per client and minute, e.g. `10/min,burst=20`.
        #[arg(long, env = "SAMENLEREN_REGISTRATION_RATE", default_value = "10/min,burst=20",
              value_parser = parse_rate)]
        registration_rate: RateLimit,
        /// Sign-in attempts (link requests and passwords) per client and minute.
        #[arg(long, env = "SAMENLEREN_SIGN_IN_RATE", default_value = "5/min,burst=10",
              value_parser = parse_rate)]
        sign_in_rate: RateLimit,
        /// Behind a reverse proxy: take the client address from X-Forwarded-For.
        #[arg(long, env = "SAMENLEREN_TRUST_PROXY")]
        trust_proxy: bool,
        /// The bearer token that opens `/metrics` (closed without one).
        #[arg(long, env = "SAMENLEREN_METRICS_TOKEN", hide_env_values = true)]
        metrics_token: Option<String>,
    },
    /// Apply database migrations and stop.
    Migrate,
    /// Manage platform admins.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Load the demo data (idempotent) and stop.
    Demo {
        /// Load this file (same format as src/demo/demo.json) instead of the demo set.
        #[arg(long)]
        data: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Make the account with this address a platform admin (creating it when
    /// missing). The admin then signs in with a link sent to that address.
    Create {
        #[arg(long)]
        email: String,
    },
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let database = DatabaseTarget::choose(cli.database_url.as_deref(), &cli.data_dir)?;
    match cli.command {
        Command::Serve {
            addr,
            base_url,
            page_cache_check_ms,
            demo,
            mail,
            operator,
            registration_rate,
            sign_in_rate,
            trust_proxy,
            metrics_token,
        } => {
            let settings = Settings {
                addr,
                base_url,
                page_cache_check: Duration::from_millis(page_cache_check_ms),
                max_db_connections: cli.db_max_connections,
                secret: std::env::var("SAMENLEREN_SECRET").ok(),
                mail: mail.into_settings(),
                registration_rate,
                sign_in_rate,
                trust_proxy,
                metrics_token: metrics_token.filter(|t| !t.trim().is_empty()),
                operator: operator.into_operator(),
                ..Settings::new(cli.data_dir, database)
            };
            let app = Application::build(settings, Prepare { demo }).await?;
            println!("Samenleren draait op http://{}", app.local_addr());
            app.run_until_stopped(shutdown_signal()).await
        }
        Command::Migrate => {
            let db = Db::connect(&database, 1).await?;
            db.migrate().await?;
            println!("Migraties toegepast ({}).", database.redacted());
            db.close().await;
            Ok(())
        }
        Command::Admin {
            command: AdminCommand::Create { email },
        } => {
            let Some(address) = crate::domain::registration::Email::parse(&email) else {
                anyhow::bail!("{email:?} is geen geldig e-mailadres");
            };
            let db = Db::connect(&database, 1).await?;
            db.migrate().await?;
            let outcome = db.create_admin(&address, crate::time::now()).await?;
            let what = match outcome {
                crate::db::account::AdminOutcome::Created => "aangemaakt",
                crate::db::account::AdminOutcome::Promoted => "is nu beheerder",
                crate::db::account::AdminOutcome::AlreadyAdmin => "was al beheerder",
            };
            println!(
                "Beheerder {}: {what}. Log in op /inloggen met een link per e-mail.",
                address.address
            );
            db.close().await;
            Ok(())
        }
        Command::Demo { data } => {
            let set = match &data {
                Some(path) => crate::demo::data_from_file(path)?,
                None => crate::demo::data()?,
            };
            let db = Db::connect(&database, 1).await?;
            db.migrate().await?;
            let report = db.load_demo(&set, today()).await?;
            let files = crate::db::community::ResourceFiles::in_data_dir(&cli.data_dir);
            for (public_id, bytes) in &report.files {
                files.store(public_id, bytes.clone()).await?;
            }
            println!(
                "Demodata: {} activiteiten toegevoegd, {} waren er al ({}).",
                report.activities_added,
                report.activities_present,
                database.redacted()
            );
            db.close().await;
            Ok(())
        }
    }
}
