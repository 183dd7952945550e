//! Operations: health and Prometheus metrics.

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::http::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(check_health))
        .route("/metrics", get(render_metrics))
}

/// 200 when the database answers, 503 otherwise.
async fn check_health(State(state): State<AppState>) -> Response {
    match state.db.ping().await {
        Ok(()) => (
            StatusCode::OK,
            [(header::CACHE_CONTROL, "no-store")],
            "ok\n",
        )
            .into_response(),
        Err(error) => {
            tracing::warn!(%error, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response()
        }
    }
}

/// Prometheus text format.
async fn render_metrics(State(state): State<AppState>) -> Response {
    metrics::gauge!("samenleren_page_cache_entries").set(state.pages.len() as f64);
    // Mail that waits or was given up is what an operator must see (the SMTP server
    // is down, an address bounces): counted in the database, for every process.
    match state.db.outbox_counts().await {
        Ok(counts) => {
            metrics::gauge!("samenleren_outbox_pending").set(counts.pending as f64);
            metrics::gauge!("samenleren_outbox_failed").set(counts.failed as f64);
        }
        Err(error) => tracing::warn!(%error, "metrics: outbox counts unavailable"),
    }
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.metrics.render(),
    )
        .into_response()
}
