//! Accreditation and learning time in the back office
//! (`/beheer/activiteiten/{id}/accreditatie`): the net learning time of each
//! session from its program, the activity's accreditations per register (added,
//! changed, removed: [`accreditation`]) and, per accreditation, the attendance list
//! for PE-online ([`pe_online`]). Changing accreditations needs
//! [`Permission::Edit`]; the PE-online list names attendees and their numbers, so it
//! needs [`Permission::Registrations`].

mod accreditation;
mod pe_online;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::domain::learning::{LearningProblem, Points};
use crate::http::AppState;
use crate::i18n::Lang;

pub use accreditation::NOTICES;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/beheer/activiteiten/{id}/accreditatie",
            get(accreditation::show),
        )
        .route(
            "/beheer/activiteiten/{id}/accreditatie/nieuw",
            get(accreditation::form).post(accreditation::store),
        )
        .route(
            "/beheer/activiteiten/{id}/accreditatie/{accreditation}",
            get(accreditation::form).post(accreditation::store),
        )
        .route(
            "/beheer/activiteiten/{id}/accreditatie/{accreditation}/verwijderen",
            post(accreditation::remove),
        )
        .route(
            "/beheer/activiteiten/{id}/accreditatie/{accreditation}/pe-online",
            get(pe_online::show),
        )
        .route(
            "/beheer/activiteiten/{id}/accreditatie/{accreditation}/pe-online.txt",
            get(pe_online::download),
        )
        .layer(DefaultBodyLimit::max(32 * 1024))
}

/// Net learning minutes as people say them: "2 uur en 25 minuten".
pub(crate) fn learning_time(lang: Lang, minutes: u32) -> String {
    lang.t_args(
        "learning-time",
        &[
            ("hours", i64::from(minutes / 60).into()),
            ("minutes", i64::from(minutes % 60).into()),
        ],
    )
}

/// "2,5 punten".
pub(crate) fn points_text(lang: Lang, points: Points) -> String {
    lang.t1("learning-points", "points", points.display(lang.code()))
}

/// What a problem means for the points, in the reader's language.
pub(crate) fn problem_text(lang: Lang, problem: LearningProblem) -> String {
    lang.t(problem.message())
}
