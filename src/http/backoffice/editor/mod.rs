//! The activity editor (`/beheer/activiteiten/{id}`): create and change activities of
//! all three kinds, their sessions with program and venue, and their questions;
//! publish, cancel (everyone registered is emailed), archive; a next edition; a
//! preview as the public sees it.
//!
//! Activities are addressed by their unguessable public id. Every handler reaches one
//! through the [`Managed`] extractor, which answers 404 unless the account manages one of
//! its host organisations. Forms work without JavaScript: a refused form comes back
//! filled in with the message at each field, and nothing is stored.

use crate::http::backoffice::access::{Child, Managed};
use crate::http::backoffice::form::{Danger, FormFrame, render_form};
use crate::http::kit::forms::{Group, Pairs, Refusal, see_other};

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Extension, OriginalUri, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};

use crate::db::catalog::{SessionDetail, VenueRow};
use crate::db::editor::{
    Actor, EditorActivity, NewVenue, SaveOutcome, SessionContent, StatusOutcome,
};
use crate::db::organisation::OrganisationRef;
use crate::domain::activity::{ActivityKind, ActivityStatus, ProgramItemKind};
use crate::domain::editor::{
    ActivityInput, MAX_NOTE, MAX_PROGRAM_ITEMS, MAX_TITLE, Offered, ProgramInput, QuestionInput,
    SessionInput, StatusAction, editable, transition, validate_activity, validate_program,
    validate_question, validate_session,
};
use crate::domain::input::{FieldError, line, text};
use crate::domain::input::{PersonName, local_datetime_value, people_value};
use crate::domain::registration::{QuestionKind, REGIONS};
use crate::http::AppState;
use crate::http::backoffice::access::{Staff, managed_organisation};
use crate::http::error::PageError;
use crate::http::kit::forms::{ErrorLink, FieldView};
use crate::http::kit::notices::{Notices, notice_key};
use crate::http::kit::query::query_param;
use crate::http::kit::views::{Chrome, activity_status, kind_label};
use crate::http::site::activity::ActivityPage;
use crate::i18n::Lang;

mod activity;
mod overview;
mod questions;
mod sessions;
mod status;

use activity::*;
pub(crate) use activity::{Choices, offered, prerequisite_loop};
use overview::*;
use questions::*;
pub(crate) use sessions::SessionForm;
use sessions::*;
use status::*;

/// Large enough for an activity's body (20,000 characters, percent-encoded).
const MAX_BODY: usize = 256 * 1024;
/// Empty program rows offered below the filled ones.
const SPARE_ROWS: usize = 3;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/beheer/organisaties/{org}/activiteiten/nieuw",
            get(new_activity_form).post(create_activity),
        )
        .route("/beheer/activiteiten/{id}", get(overview))
        .route(
            "/beheer/activiteiten/{id}/bewerken",
            get(edit_activity_form).post(save_activity),
        )
        .route("/beheer/activiteiten/{id}/voorbeeld", get(preview))
        .route("/beheer/activiteiten/{id}/status", post(change_status))
        .route(
            "/beheer/activiteiten/{id}/annuleren",
            get(cancel_form).post(cancel_activity),
        )
        .route(
            "/beheer/activiteiten/{id}/volgende-editie",
            post(next_edition),
        )
        .route(
            "/beheer/activiteiten/{id}/bijeenkomsten/nieuw",
            get(session_form).post(store_session),
        )
        .route(
            "/beheer/activiteiten/{id}/bijeenkomsten/{session}",
            get(session_form).post(store_session),
        )
        .route(
            "/beheer/activiteiten/{id}/bijeenkomsten/{session}/verwijderen",
            post(delete_session),
        )
        .route(
            "/beheer/activiteiten/{id}/vragen/nieuw",
            get(question_form).post(store_question),
        )
        .route(
            "/beheer/activiteiten/{id}/vragen/{question}",
            get(question_form).post(store_question),
        )
        .route(
            "/beheer/activiteiten/{id}/vragen/{question}/verwijderen",
            post(delete_question),
        )
        .layer(DefaultBodyLimit::max(MAX_BODY))
}

/// After a change: the public page and the sign-up form read fresh.
pub(crate) async fn refresh(state: &AppState, managed: &Managed) -> Result<(), PageError> {
    Ok(refresh_slug(state, &managed.activity.slug).await?)
}

/// [`refresh`] by the activity's slug.
pub(crate) async fn refresh_slug(state: &AppState, slug: &str) -> sqlx::Result<()> {
    state.pages.invalidate(slug);
    state.forms.reload(&state.db, slug).await?;
    Ok(())
}

/// Back to the overview, which says that a cancelled or archived activity stays as
/// it is.
fn not_editable(managed: &Managed) -> Response {
    see_other(managed.base())
}

/// The overview's notices after a change (`?bericht=`).
pub const NOTICES: Notices = &[
    ("aangemaakt", "bo-notice-activity-created"),
    ("opgeslagen", "bo-notice-saved"),
    ("gepubliceerd", "bo-notice-published"),
    ("geannuleerd", "bo-notice-cancelled"),
    ("gearchiveerd", "bo-notice-archived"),
    ("gekopieerd", "bo-notice-duplicated"),
    ("niet-toegestaan", "bo-notice-not-allowed"),
    ("verwijderd", "bo-notice-removed"),
];
