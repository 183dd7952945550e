//! The `samenleren` command: `serve`, `migrate`, `demo`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Parser, Subcommand};

use crate::config::{DatabaseTarget, Settings};
use crate::db::Db;
use crate::startup::{Application, Prepare, shutdown_signal, today};

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
    },
    /// Apply database migrations and stop.
    Migrate,
    /// Load the demo data (idempotent) and stop.
    Demo,
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let database = DatabaseTarget::choose(cli.database_url.as_deref(), &cli.data_dir)?;
    match cli.command {
        Command::Serve {
            addr,
            base_url,
            page_cache_check_ms,
            demo,
        } => {
            let settings = Settings {
                addr,
                data_dir: cli.data_dir,
                database,
                base_url,
                page_cache_check: Duration::from_millis(page_cache_check_ms),
                max_db_connections: cli.db_max_connections,
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
        Command::Demo => {
            let db = Db::connect(&database, 1).await?;
            db.migrate().await?;
            let report = db.load_demo(&crate::demo::data()?, today()).await?;
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
