//! Practice research as members read it (`/ateliers/{slug}/onderzoek`): every
//! project of the atelier; the public page shows those marked public with the same
//! view ([`ResearchView`]).

use askama::Template;
use axum::extract::{Extension, Path, State};
use axum::response::{Html, IntoResponse, Response};

use super::Visit;
use crate::db::community::ResearchProject;
use crate::http::AppState;
use crate::http::error::PageError;
use crate::http::kit::headers::private;
use crate::http::kit::views::Chrome;
use crate::http::site::auth::Signed;
use crate::i18n::Lang;

/// A project as a page shows it.
pub struct ResearchView {
    pub title: String,
    pub status: String,
    pub question: String,
    /// "Lisa de Boer (student)".
    pub researchers: Vec<String>,
    pub cases: Vec<String>,
    pub themes: Vec<String>,
    pub outputs: Vec<(String, String)>,
}

pub fn research_view(lang: Lang, project: ResearchProject) -> ResearchView {
    let r = project.research;
    ResearchView {
        status: lang.t(&format!("research-status-{}", r.status.as_str())),
        researchers: r
            .researchers
            .iter()
            .map(|(name, role)| {
                format!(
                    "{name} ({})",
                    lang.t(&format!("research-role-{}", role.as_str()))
                )
            })
            .collect(),
        title: r.title,
        question: r.question,
        cases: project.case_titles,
        themes: project.theme_names,
        outputs: r.outputs,
    }
}

#[derive(Template)]
#[template(path = "site/community/research.html")]
struct ResearchPage {
    lang: Lang,
    chrome: Chrome,
    atelier: String,
    base: String,
    projects: Vec<ResearchView>,
}

pub(super) async fn list_research(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(slug): Path<String>,
    signed: Signed,
) -> Result<Response, PageError> {
    let visit = Visit::of(&state, &signed, &slug)
        .await?
        .filter(|v| v.standing.inside())
        .ok_or(PageError::NotFound)?;
    let projects = state
        .db
        .research_projects(visit.atelier.id, false)
        .await?
        .into_iter()
        .map(|p| research_view(lang, p))
        .collect();
    let base = visit.base();
    let path = format!("{base}/onderzoek");
    let page = ResearchPage {
        lang,
        chrome: Chrome::new(&state, lang, lang.t("research-heading"), &path, "account"),
        atelier: visit.atelier.title.clone(),
        base,
        projects,
    };
    Ok(private(Html(page.render()?).into_response()))
}
