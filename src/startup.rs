//! Builds the application the same way for `main` and for tests: open and migrate
//! the database, optionally load demo data, bind the listener, and serve until told
//! to stop.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use tokio::net::TcpListener;
use tokio::sync::{Notify, watch};

use crate::config::Settings;
use crate::db::Db;
use crate::http::{self, AppState};
use crate::jobs::{JobContext, Scheduler};
use crate::mail::Transport;
use crate::mail::worker::Worker;
use crate::secret::Secret;
use crate::time::today;

/// What to do before serving.
#[derive(Clone, Copy, Debug, Default)]
pub struct Prepare {
    /// Load the demo data (idempotent).
    pub demo: bool,
}

/// A bound, ready application.
pub struct Application {
    listener: TcpListener,
    state: AppState,
    transport: Transport,
}

/// The process-wide metrics recorder (metrics has one global recorder; tests build
/// many applications in one process).
pub fn metrics_handle() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let buckets = [
                0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
            ];
            let batch_sizes = [1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0];
            let recorder = PrometheusBuilder::new()
                .set_buckets(&buckets)
                .expect("non-empty buckets")
                .set_buckets_for_metric(
                    metrics_exporter_prometheus::Matcher::Full("registration_batch_size".into()),
                    &batch_sizes,
                )
                .expect("non-empty buckets")
                .build_recorder();
            let handle = recorder.handle();
            // Fails only when another recorder was installed first; then ours simply
            // records nothing, which tests can live with.
            let _ = metrics::set_global_recorder(recorder);
            handle
        })
        .clone()
}

impl Application {
    /// Opens the database, applies migrations, loads demo data when asked, and binds
    /// `settings.addr` (port 0 picks a free port).
    pub async fn build(mut settings: Settings, prepare: Prepare) -> anyhow::Result<Self> {
        let db = Db::connect(&settings.database, settings.max_db_connections).await?;
        db.migrate().await?;
        if prepare.demo {
            let report = db.load_demo(&crate::demo::data()?, today()).await?;
            let files = crate::db::community::ResourceFiles::in_data_dir(&settings.data_dir);
            for (public_id, bytes) in &report.files {
                files.store(public_id, bytes.clone()).await?;
            }
            tracing::info!(
                added = report.activities_added,
                present = report.activities_present,
                "demo data loaded"
            );
        }
        let listener = TcpListener::bind(settings.addr).await?;
        let addr = listener.local_addr()?;
        if settings.base_url.is_empty() {
            settings.base_url = format!("http://{addr}");
        }
        settings.addr = addr;
        tracing::info!(database = %settings.database.redacted(), %addr, "samenleren ready");
        let secret = Secret::load(settings.secret.as_deref(), &settings.data_dir)?;
        let transport =
            Transport::from_settings(settings.mail.smtp_url.as_deref(), settings.outbox_dir())?;
        let gates = http::infra::gate::Gates::new(matches!(db, Db::Sqlite(_)));
        let state = AppState::new(http::Shared {
            registration_limiter: http::infra::rate_limit::Limiter::new(settings.registration_rate),
            sign_in_limiter: http::infra::rate_limit::Limiter::new(settings.sign_in_rate),
            signups: http::infra::signups::Signups::new(db.clone(), gates.clone()),
            forms: http::infra::form_cache::FormCache::new(settings.page_cache_check),
            gates,
            secret,
            mail_wake: Arc::new(Notify::new()),
            pages: http::infra::cache::PageCache::new(settings.page_cache_check),
            survey_results: http::infra::memo::Memo::new(settings.page_cache_check, 256),
            credits: http::infra::memo::Memo::new(settings.page_cache_check, 1024),
            record_totals: http::infra::memo::Memo::new(settings.page_cache_check, 4096),
            participants: http::infra::memo::Memo::new(settings.page_cache_check, 64),
            settings: Arc::new(settings),
            db,
            assets: http::infra::assets::Assets::load(),
            metrics: metrics_handle(),
            registers: tokio::sync::OnceCell::new(),
        });
        Ok(Self {
            listener,
            state,
            transport,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.state.settings.addr
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until `shutdown` resolves, then finishes requests in flight and closes
    /// the database.
    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let handle = self.state.metrics.clone();
        let upkeep = tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(5));
            loop {
                tick.tick().await;
                handle.run_upkeep();
            }
        });
        let (stop_worker, stopped) = watch::channel(false);
        let worker = Worker {
            db: self.state.db.clone(),
            transport: self.transport,
            settings: self.state.settings.mail.clone(),
            base_url: self.state.settings.base_url().to_owned(),
            secret: self.state.secret.clone(),
            wake: self.state.mail_wake.clone(),
        };
        let worker = tokio::spawn(worker.run(stopped.clone()));
        let scheduler = Scheduler {
            context: JobContext {
                db: self.state.db.clone(),
                mail: self.state.settings.mail.clone(),
                data_dir: self.state.settings.data_dir.clone(),
            },
            mail_wake: self.state.mail_wake.clone(),
        };
        let run_jobs = self.state.settings.run_jobs;
        let jobs = tokio::spawn(async move {
            if run_jobs {
                scheduler.run(stopped).await;
            }
        });
        let db = self.state.db.clone();
        let app = http::router(self.state);
        axum::serve(
            self.listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await?;
        upkeep.abort();
        let _ = stop_worker.send(true);
        let _ = worker.await;
        let _ = jobs.await;
        db.close().await;
        tracing::info!("samenleren stopped");
        Ok(())
    }
}

/// Resolves on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown requested");
}
