//! The public site and the participant's own pages: home and catalog, activity
//! pages and calendars, registration and the manage link, signing in and the account,
//! the accessibility statement, the member area of a leeratelier, and certificates
//! (verification, the person's PDF, Open Badges).
//! Pages here set their own cache policy (public pages are cacheable, personal ones
//! go through [`crate::http::kit::headers::private`]).

pub mod accessibility;
pub mod activity;
pub mod auth;
pub mod badges;
pub mod certificate;
pub mod community;
pub mod learning;
pub mod mentoring;
pub mod pages;
pub mod record;
pub mod registration;
pub mod survey;

use axum::Router;

use crate::http::AppState;

/// Every route of the site.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(pages::router())
        .merge(accessibility::router())
        .merge(activity::router())
        .merge(registration::router())
        .merge(auth::router())
        .merge(community::router())
        .merge(learning::router())
        .merge(certificate::router())
        .merge(badges::router())
        .merge(record::router())
        .merge(survey::router())
        .merge(mentoring::router())
}
