//! The JSON API (`/api/v1/…`) and its OpenAPI 3.1 document (`/api/openapi.json`):
//! the public catalog, registration, and the organiser API for personal tokens.
//! Errors are RFC 9457 problem details ([`crate::http::error::ApiError`]).

pub mod organiser;
pub mod public;
pub mod registration;

use axum::Router;

use crate::http::AppState;

/// Every API route.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(public::router())
        .merge(registration::router())
        .merge(organiser::router())
}
