//! Operations: health and Prometheus metrics.

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
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

/// Prometheus text format, for the holder of the metrics token only: without a
/// configured token `/metrics` does not exist (404); a missing or wrong token is 401.
async fn render_metrics(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(expected) = state.settings.metrics_token.as_deref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim());
    if !given.is_some_and(|token| crate::secret::same(expected, token)) {
        let problem = crate::http::error::Problem {
            kind: "about:blank".into(),
            title: "Unauthorized".into(),
            status: StatusCode::UNAUTHORIZED.as_u16(),
            detail: Some("Send the metrics token as Authorization: Bearer <token>.".into()),
            errors: Vec::new(),
        };
        let mut response = crate::http::error::problem_response(StatusCode::UNAUTHORIZED, &problem);
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            axum::http::HeaderValue::from_static("Bearer realm=\"metrics\""),
        );
        return response;
    }
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
