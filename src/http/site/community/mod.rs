//! A leeratelier for the people in it: the member area (`/ateliers/{slug}`) with the
//! meetings and answers, a meeting's agenda, cases and their outcomes (`cases`), the
//! private calendar (`feed`), asking to join and one's own membership
//! (`…/lidmaatschap`), leaving (`…/opzeggen`), the online space (`…/gesprekken`).
//! Every page is behind sign-in and personal (no-store). Who reaches what follows
//! [`Standing`]: those who run the atelier and its active members are inside;
//! anyone else gets 404 for the member area, whether the atelier exists or not, and
//! the membership page only for a published atelier.

mod cases;
mod feed;
mod home;
mod ledger;
mod membership;
mod research;
mod resources;
mod space;

pub use home::NOTICES as HOME_NOTICES;
pub use ledger::{NOTICES as LEDGER_NOTICES, hours};
pub use membership::NOTICES as MEMBERSHIP_NOTICES;
pub use research::{ResearchView, research_view};
pub use resources::NOTICES as RESOURCES_NOTICES;
pub use space::NOTICES as SPACE_NOTICES;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;

use crate::db::community::{Atelier, Membership};
use crate::domain::community::membership::Standing;
use crate::domain::slug::Slug;
use crate::http::AppState;
use crate::http::site::auth::Signed;

/// The forms here are a few lines, or a post of at most
/// [`crate::domain::community::space::MAX_POST`] characters, form-encoded (up to
/// nine bytes a character); larger bodies get 413.
const MAX_BODY: usize = 256 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/ateliers/{slug}", get(home::show_atelier))
        .route(
            "/ateliers/{slug}/lidmaatschap",
            get(membership::show_membership).post(membership::save_membership),
        )
        .route(
            "/ateliers/{slug}/bijeenkomsten/{session}",
            get(cases::show_meeting).post(home::answer_meeting),
        )
        .route("/ateliers/{slug}/leden", get(home::list_members))
        .route("/ateliers/{slug}/kwesties", get(cases::list_cases))
        .route("/ateliers/{slug}/onderzoek", get(research::list_research))
        .route(
            "/ateliers/{slug}/halen-en-brengen",
            get(ledger::show_ledger).post(ledger::add_contribution),
        )
        .route(
            "/ateliers/{slug}/kwesties/nieuw",
            get(cases::new_case).post(cases::bring_case),
        )
        .route("/ateliers/{slug}/kwesties/{case}", get(cases::show_case))
        .route(
            "/ateliers/{slug}/kwesties/{case}/uitkomst",
            axum::routing::post(cases::record_outcome),
        )
        .route(
            "/ateliers/{slug}/agenda/{member}/{file}",
            get(feed::member_feed),
        )
        .route("/ateliers/{slug}/gesprekken", get(space::list_threads))
        .route(
            "/ateliers/{slug}/gesprekken/mail",
            axum::routing::post(space::save_mail),
        )
        .route(
            "/ateliers/{slug}/gesprekken/nieuw",
            get(space::new_thread).post(space::start_thread),
        )
        .route(
            "/ateliers/{slug}/gesprekken/{thread}",
            get(space::show_thread).post(space::answer_thread),
        )
        .route(
            "/ateliers/{slug}/gesprekken/{thread}/volgen",
            axum::routing::post(space::follow_thread),
        )
        .route(
            "/ateliers/{slug}/gesprekken/{thread}/berichten/{post}/nuttig",
            axum::routing::post(space::mark_helpful),
        )
        .route(
            "/ateliers/{slug}/gesprekken/{thread}/berichten/{post}/weghalen",
            get(space::confirm_remove).post(space::remove_post),
        )
        .route(
            "/ateliers/{slug}/opzeggen",
            get(membership::confirm_leave).post(membership::leave),
        )
        .layer(DefaultBodyLimit::max(MAX_BODY))
        // Resources carry files: their own body limit.
        .merge(resources::router())
}

/// The atelier a path names as this account finds it: the atelier, what the account
/// is to it, and its membership row.
pub(crate) struct Visit {
    pub atelier: Atelier,
    pub standing: Standing,
    pub membership: Option<Membership>,
}

impl Visit {
    /// Reads the atelier `slug` and the account's place in it; `None` when there is
    /// no such atelier.
    pub(crate) async fn of(
        state: &AppState,
        signed: &Signed,
        slug: &str,
    ) -> sqlx::Result<Option<Self>> {
        let Some(slug) = Slug::parse(slug) else {
            return Ok(None);
        };
        let Some((atelier, membership)) = state
            .db
            .atelier_visit(slug.as_str(), signed.account.id)
            .await?
        else {
            return Ok(None);
        };
        let role = signed
            .account
            .roles
            .on_activity(atelier.id, &atelier.organisations);
        let standing = Standing::of(role, membership.as_ref().map(|m| (m.state, m.level)));
        Ok(Some(Self {
            atelier,
            standing,
            membership,
        }))
    }

    pub(crate) fn base(&self) -> String {
        format!("/ateliers/{}", self.atelier.slug)
    }
}

/// A page that asks before something is taken away (a resource, a post): what it
/// is, a button that does it, a way back.
#[derive(askama::Template)]
#[template(path = "site/community/confirm.html")]
pub(crate) struct ConfirmPage {
    pub lang: crate::i18n::Lang,
    pub chrome: crate::http::kit::views::Chrome,
    pub heading: String,
    pub text: String,
    pub button: String,
    pub back_label: String,
    pub action: String,
    pub back: String,
    pub notice: Option<String>,
    pub csrf: String,
}
