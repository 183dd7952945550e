//! The back office (`/beheer`): one folder or file per feature, and [`access`], which
//! says who may do what with one organisation or activity. The surface sets its
//! policy once: nothing here is stored by a browser or proxy, indexed, or sent on as
//! a referrer.

pub mod access;
pub mod audit;
pub mod certificates;
pub mod check_in;
pub mod community;
pub mod editor;
pub mod form;
pub mod kartrekkers;
pub mod learning;
pub mod mentoring;
pub mod messages;
pub mod organisations;
pub mod people;
pub mod prerequisites;
pub mod roster;
pub mod statement;
pub mod survey;

use axum::Router;

use crate::http::AppState;
use crate::http::kit::headers::private_layer;

/// Every back-office route, each answer marked private.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(organisations::router())
        .merge(crate::http::site::auth::api_tokens::router(
            crate::http::site::auth::api_tokens::Place::BackOffice,
        ))
        .merge(editor::router())
        .merge(kartrekkers::router())
        .merge(certificates::router())
        .merge(community::router())
        .merge(learning::router())
        .merge(roster::router())
        .merge(check_in::router())
        .merge(messages::router())
        .merge(audit::router())
        .merge(statement::router())
        .merge(people::router())
        .merge(prerequisites::router())
        .merge(survey::router())
        .merge(mentoring::router())
        .layer(axum::middleware::map_response(private_layer))
}
