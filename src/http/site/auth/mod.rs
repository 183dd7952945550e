//! Signing in and the account pages: the one-time link by email (default) or a
//! password, sessions kept in the database behind an HttpOnly cookie, signing out
//! (here or everywhere), invitations to organise, and what a person may do with
//! their own data (see it, download it, delete the account).
//!
//! [`Signed`] is the extractor every page behind sign-in starts from.

use std::net::SocketAddr;
use std::time::Instant;

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{
    ConnectInfo, DefaultBodyLimit, Extension, FromRequestParts, OriginalUri, Path, State,
};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use crate::db::account::{LinkRequest, MyRegistration, NewSession, NewSignInLink, SessionAccount};
use crate::domain::account::{
    Lock, Password, SESSION_IDLE, local_path, lock_state, session_renewal, verify_password,
};
use crate::domain::input::MAX_LINE;
use crate::domain::input::line;
use crate::domain::registration::{Email, RegistrationState};
use crate::http::AppState;
use crate::http::error::PageError;
use crate::http::infra::csrf::{cookie, cross_site, csrf_binding, csrf_cookie, secure_attribute};
use crate::http::kit::forms::{ErrorLink, FieldView, Refusal};
use crate::http::kit::headers::private;
use crate::http::kit::notices::{Notices, notice};
use crate::http::kit::query::query_param;
use crate::http::kit::views::{Chrome, MessagePage};
use crate::i18n::Lang;
use crate::secret::{is_token_shaped, random_token, token_hash};

mod account;
pub mod api_tokens;
mod session;
mod sign_in;

use account::*;
pub use session::*;
use sign_in::*;

const SESSION_COOKIE: &str = "sl_session";
/// 400 days, the longest lifetime browsers give a cookie.
const COOKIE_MAX_AGE_SECS: i64 = 400 * 24 * 3600;
/// Sign-in forms are small.
const MAX_BODY: usize = 16 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/inloggen", get(show_sign_in).post(request_link))
        .route("/inloggen/wachtwoord", post(sign_in_with_password))
        .route("/inloggen/link/{token}", get(show_link).post(use_link))
        .route(
            "/uitnodiging/{token}",
            get(show_invitation).post(accept_invitation),
        )
        .route("/uitloggen", post(sign_out))
        .route("/account", get(show_account).post(update_profile))
        .route("/account/wachtwoord", post(change_password))
        .route("/account/overal-uitloggen", post(sign_out_everywhere))
        .route("/account/gegevens.json", get(download_data))
        .route(
            "/account/verwijderen",
            get(confirm_delete).post(delete_account),
        )
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .merge(api_tokens::router(api_tokens::Place::Account))
}

/// The sign-in page's notices (`?bericht=`).
pub const SIGN_IN_NOTICES: Notices = &[
    ("uitgelogd", "sign-in-notice-signed-out"),
    ("overal-uitgelogd", "sign-in-notice-signed-out-everywhere"),
    ("verwijderd", "sign-in-notice-deleted"),
];

/// The account page's notices after a change (`?bericht=`).
pub const ACCOUNT_NOTICES: Notices = &[
    ("opgeslagen", "account-notice-saved"),
    ("wachtwoord", "account-notice-password"),
    ("geen-wachtwoord", "account-notice-password-removed"),
    ("atelier-verlaten", "account-notice-atelier-left"),
];
