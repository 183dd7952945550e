//! The web layer: translates HTTP to and from the domain. Three surfaces, each with
//! its own router and policy ([`site`], [`backoffice`], [`api`]), the operations
//! endpoints and assets ([`infra`]), and what their pages share ([`kit`]). This
//! module merges them and adds the cross-cutting layers.

pub mod api;
pub mod backoffice;
pub mod error;
pub mod infra;
pub mod kit;
pub mod site;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::response::Response;
use axum::routing::get;
use metrics_exporter_prometheus::PrometheusHandle;
use tower::ServiceBuilder;
use tower::util::MapResponseLayer;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::config::Settings;
use crate::db::Db;
use crate::db::learning::record::RecordRow;
use crate::db::mentoring::Participant;
use crate::db::survey::RoundRow;
use crate::domain::learning::{ActivityCredit, Register};
use crate::i18n::Lang;
use crate::secret::Secret;
use infra::{assets, cache, form_cache, gate, memo, middleware, ops, rate_limit, signups};
use tokio::sync::Notify;

/// Everything a handler may need: one pointer to the [`Shared`] state, so a clone is
/// one reference count. Extractors and `from_fn_with_state` clone the state several
/// times per request; with a dozen `Arc`s inside, each clone and drop touched a
/// dozen counters that both cores write (15 % of a cached page's CPU in a profile,
/// see docs/BENCHMARKS.md). Fields are read through `Deref` (`state.db`).
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl AppState {
    pub fn new(shared: Shared) -> Self {
        Self(Arc::new(shared))
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// What [`AppState`] points to.
pub struct Shared {
    pub db: Db,
    pub settings: Arc<Settings>,
    pub pages: cache::PageCache,
    pub assets: assets::Assets,
    pub metrics: PrometheusHandle,
    pub secret: Secret,
    /// Wakes this server's outbox worker after a change queued an email.
    pub mail_wake: Arc<Notify>,
    pub registration_limiter: rate_limit::Limiter,
    /// Sign-in attempts (link requests and passwords) per client.
    pub sign_in_limiter: rate_limit::Limiter,
    /// Queues registration writes of this process (see [`gate`]).
    pub gates: gate::Gates,
    /// The activity and roles a sign-up checks, kept for the page-cache interval.
    pub forms: form_cache::FormCache,
    /// Writes this process's sign-ups in batches, one writer per activity.
    pub signups: signups::Signups,
    /// The registers with their categories, read once (see [`Shared::registers`]).
    pub registers: tokio::sync::OnceCell<Arc<Vec<Register>>>,
    /// The results blocks of inventory rounds, by round and language, kept while
    /// the round is unchanged (see [`Shared::survey_results`]).
    pub survey_results: memo::Memo<(i64, Lang), crate::time::Timestamp, String>,
    /// What activities are worth now, by activity, kept while its revision holds:
    /// for the note on learning-record entries whose activity changed afterwards.
    pub credits: memo::Memo<i64, i32, ActivityCredit>,
    /// The totals of learning records, by account, kept while the account's record
    /// version and the day hold (see `site::record`).
    pub record_totals: memo::Memo<i64, (i64, chrono::NaiveDate), site::record::RecordTotals>,
    /// The profiles of mentoring programmes as read at most a check interval ago,
    /// by programme: what the suggestions are worked out from.
    pub participants: memo::Memo<i64, (), Vec<Participant>>,
}

impl Shared {
    /// The registers with their categories, in their order. Only migrations write
    /// them, so the first read is kept for the life of the process: a page that
    /// shows points (Mijn leerdossier above all) spends no query on them.
    pub async fn registers(&self) -> sqlx::Result<Arc<Vec<Register>>> {
        self.registers
            .get_or_try_init(|| async { self.db.registers().await.map(Arc::new) })
            .await
            .cloned()
    }

    /// Notes on revised entries of a learning record ([`RecordRow::note_change`]),
    /// with what each activity is worth now worked out once per revision.
    pub async fn note_changes(&self, rows: &mut [RecordRow]) -> sqlx::Result<()> {
        for row in rows.iter_mut().filter(|r| r.revised) {
            let (Some(activity), Some(revision)) = (row.activity_id, row.revision_now) else {
                continue;
            };
            let credit = self
                .credits
                .get_or_try(&activity, &revision, || self.db.activity_credit(activity))
                .await?;
            row.note_change(&credit);
        }
        Ok(())
    }

    /// The profiles of programme `programme_id`, read at most a check interval ago:
    /// reading 5,000 profiles row by row is most of a suggestions page, and a
    /// suggestion a second old is still a good one (asking checks the limits
    /// again). The person's own profile, requests and pairs are read fresh.
    pub async fn participants(&self, programme_id: i64) -> sqlx::Result<Arc<Vec<Participant>>> {
        self.participants
            .get_or_try(&programme_id, &(), || self.db.participants(programme_id))
            .await
    }

    /// The results block of `round` in `lang` (charts and tables, as HTML), counted
    /// and drawn at most once per check interval while the round (and every
    /// moderation of it) is unchanged: five counts over every vote and a dozen
    /// charts, which a results page under load would otherwise make per request.
    /// Votes come only while a round is open, so a closed round's results change
    /// only with the round.
    pub async fn survey_results(
        &self,
        round: &RoundRow,
        lang: Lang,
    ) -> Result<Arc<String>, error::PageError> {
        self.survey_results
            .get_or_try(&(round.id, lang), &round.updated_at, || async {
                let tally = self.db.survey_tally(round.id).await?;
                let block = site::survey::results::ResultsBlock {
                    lang,
                    results: site::survey::results::ResultsView::new(lang, &tally),
                };
                Ok(askama::Template::render(&block)?)
            })
            .await
    }
}

/// The whole application.
pub fn router(state: AppState) -> Router {
    let request_id = axum::http::HeaderName::from_static("x-request-id");
    let https = state.settings.https();
    // Outermost first. Error pages are rendered by `middleware::PagesLayer`, so every
    // layer that answers on its own (URI limit, timeout, fallback) sits inside it.
    // One `Router::layer` for the whole stack: axum boxes each `layer` call's service
    // and clones that box per request, so ten calls cost ten boxes a request.
    let layers = ServiceBuilder::new()
        .layer(CatchPanicLayer::custom(middleware::panic_response))
        .layer(SetRequestIdLayer::new(
            request_id.clone(),
            middleware::MakeRequestId,
        ))
        .layer(PropagateRequestIdLayer::new(request_id))
        .layer(TraceLayer::new_for_http().make_span_with(middleware::make_span))
        .layer(middleware::RecordMetricsLayer)
        .layer(MapResponseLayer::new(move |mut response: Response| {
            middleware::add_security_headers(https, response.headers_mut());
            response
        }))
        .layer(middleware::PagesLayer::new(state.clone()))
        .layer(middleware::UriLimitLayer)
        .layer(CompressionLayer::new().gzip(true))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(30),
        ));
    Router::new()
        .merge(site::router())
        .merge(backoffice::router())
        .merge(api::router())
        .merge(ops::router())
        .route("/static/{*path}", get(assets::serve_asset))
        .fallback(site::pages::not_found)
        .layer(layers)
        .with_state(state)
}
