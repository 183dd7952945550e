//! Practice research in the back office (`/beheer/activiteiten/{id}/onderzoek`): the
//! atelier's projects, adding one, and changing one (`…/onderzoek/{project}`):
//! title, question, researchers with their role, status, linked cases and themes,
//! outputs, and whether the public page shows it.

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Extension, OriginalUri, Path, State};
use axum::http::HeaderMap;
use axum::response::{Html, Response};
use axum::routing::get;

use super::require_atelier;
use crate::domain::community::research::{MAX_RESEARCHERS, ResearchForm, ResearchStatus};
use crate::http::AppState;
use crate::http::backoffice::access::Managed;
use crate::http::error::PageError;
use crate::http::kit::forms::{ErrorLink, FieldView, Pairs, Refusal, see_other};
use crate::http::kit::notices::{Notices, notice};
use crate::http::kit::query::public_id_shaped;
use crate::http::kit::views::Chrome;
use crate::i18n::Lang;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/beheer/activiteiten/{id}/onderzoek",
            get(show_research).post(add_research),
        )
        .route(
            "/beheer/activiteiten/{id}/onderzoek/{project}",
            get(show_project).post(update_project),
        )
        .layer(DefaultBodyLimit::max(32 * 1024))
}

/// The research page's notices (`?bericht=`).
pub const NOTICES: Notices = &[
    ("toegevoegd", "research-notice-added"),
    ("opgeslagen", "research-notice-saved"),
];

struct ProjectItem {
    href: String,
    title: String,
    status: String,
    public: bool,
}

#[derive(Template)]
#[template(path = "backoffice/research.html")]
struct ResearchPage<'a> {
    lang: Lang,
    chrome: Chrome,
    managed: &'a Managed,
    base: String,
    heading: String,
    /// The list, on the overview; empty on a project's page.
    projects: Vec<ProjectItem>,
    action: String,
    button: String,
    notice: Option<String>,
    error_links: Vec<ErrorLink>,
    fields: Vec<FieldView>,
    csrf: String,
}

fn form_of(pairs: &Pairs) -> ResearchForm {
    ResearchForm {
        title: pairs.get("title"),
        question: pairs.get("question"),
        status: pairs.get("status"),
        researchers: pairs.get("researchers"),
        outputs: pairs.get("outputs"),
        themes: pairs.all("themes"),
        cases: pairs.all("cases"),
        public: pairs.on("public"),
    }
}

/// The overview (`project`: `None`) or one project's page, with the form as typed.
async fn render(
    state: &AppState,
    lang: Lang,
    managed: &Managed,
    project: Option<&str>,
    typed: &ResearchForm,
    refusal: Option<Refusal>,
    notice: Option<String>,
) -> Result<Response, PageError> {
    let activity = managed.activity.id;
    let base = managed.base();
    let themes = state.db.theme_choices().await?;
    let cases = state.db.case_choices(activity).await?;
    let error_of = |field: &str| refusal.as_ref().and_then(|r| r.error(field));
    let field = |name: &str, kind: &'static str, value: &str| {
        let mut view = FieldView::new(name, lang.t(&format!("research-field-{name}")), kind, value);
        view.error = error_of(name);
        view
    };
    let fields = vec![
        field("title", "text", &typed.title).required(),
        field("question", "textarea", &typed.question)
            .required()
            .rows(3),
        field("status", "select", &typed.status).required().options(
            ResearchStatus::ALL
                .iter()
                .map(|s| {
                    (
                        s.as_str().to_owned(),
                        lang.t(&format!("research-status-{}", s.as_str())),
                    )
                })
                .collect(),
        ),
        field("researchers", "textarea", &typed.researchers)
            .rows(4)
            .described(lang.t1(
                "research-field-researchers-help",
                "max",
                MAX_RESEARCHERS as i64,
            )),
        field("outputs", "textarea", &typed.outputs)
            .rows(3)
            .described(lang.t("case-field-links-help")),
        field("cases", "checkboxes", "")
            .options(
                cases
                    .iter()
                    .map(|(id, title)| (id.to_string(), title.clone()))
                    .collect(),
            )
            .chosen(&typed.cases),
        field("themes", "checkboxes", "")
            .options(
                themes
                    .iter()
                    .map(|(id, nl, en)| {
                        (
                            id.to_string(),
                            if lang == Lang::En {
                                en.clone()
                            } else {
                                nl.clone()
                            },
                        )
                    })
                    .collect(),
            )
            .chosen(&typed.themes),
        FieldView::checkbox("public", lang.t("research-field-public"), typed.public)
            .described(lang.t("research-field-public-help")),
    ];
    let (heading, projects, action, button) = match project {
        None => {
            let projects = state
                .db
                .research_projects(activity, false)
                .await?
                .into_iter()
                .map(|p| ProjectItem {
                    href: format!("{base}/onderzoek/{}", p.public_id),
                    status: lang.t(&format!("research-status-{}", p.research.status.as_str())),
                    title: p.research.title,
                    public: p.research.public,
                })
                .collect();
            (
                lang.t("research-heading"),
                projects,
                format!("{base}/onderzoek"),
                lang.t("research-add"),
            )
        }
        Some(id) => (
            typed.title.clone(),
            Vec::new(),
            format!("{base}/onderzoek/{id}"),
            lang.t("research-save"),
        ),
    };
    let page = ResearchPage {
        lang,
        chrome: Chrome::new(state, lang, heading.clone(), &action, "backoffice"),
        managed,
        heading,
        projects,
        action,
        button,
        notice: refusal.as_ref().and_then(|r| r.notice(lang)).or(notice),
        error_links: refusal
            .as_ref()
            .map(Refusal::error_links)
            .unwrap_or_default(),
        fields,
        csrf: managed.csrf(state),
        base,
    };
    Ok(Refusal::answer(refusal.as_ref(), Html(page.render()?)))
}

async fn show_research(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    require_atelier(&managed)?;
    let notice = notice(&uri, lang, NOTICES);
    let typed = ResearchForm {
        status: "idea".into(),
        ..ResearchForm::default()
    };
    render(&state, lang, &managed, None, &typed, None, notice).await
}

/// The form checked against the themes and the atelier's cases.
async fn checked(
    state: &AppState,
    managed: &Managed,
    form: &ResearchForm,
) -> Result<
    Result<crate::domain::community::research::Research, Vec<crate::domain::input::FieldError>>,
    PageError,
> {
    let themes: Vec<i64> = state
        .db
        .theme_choices()
        .await?
        .into_iter()
        .map(|(id, ..)| id)
        .collect();
    let cases: Vec<i64> = state
        .db
        .case_choices(managed.activity.id)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    Ok(form.parse(&themes, &cases))
}

async fn add_research(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    require_atelier(&managed)?;
    let pairs = Pairs::parse(&body);
    let form = form_of(&pairs);
    if !managed.form_ok(&state, &headers, &pairs) {
        let refusal = Some(Refusal::Expired);
        return render(&state, lang, &managed, None, &form, refusal, None).await;
    }
    let research = match checked(&state, &managed, &form).await? {
        Ok(research) => research,
        Err(errors) => {
            let refusal = Some(Refusal::invalid(lang, &errors));
            return render(&state, lang, &managed, None, &form, refusal, None).await;
        }
    };
    state
        .db
        .add_research(managed.activity.id, &research, managed.actor())
        .await?;
    if research.public {
        state.pages.invalidate(&managed.activity.slug);
    }
    Ok(see_other(format!(
        "{}/onderzoek?bericht=toegevoegd",
        managed.base()
    )))
}

async fn show_project(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    Path((_, project)): Path<(String, String)>,
) -> Result<Response, PageError> {
    require_atelier(&managed)?;
    if !public_id_shaped(&project) {
        return Err(PageError::NotFound);
    }
    let stored = state
        .db
        .research_project(managed.activity.id, &project)
        .await?
        .ok_or(PageError::NotFound)?;
    let typed = ResearchForm::from(&stored.research);
    render(&state, lang, &managed, Some(&project), &typed, None, None).await
}

async fn update_project(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    Path((_, project)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    require_atelier(&managed)?;
    if !public_id_shaped(&project) {
        return Err(PageError::NotFound);
    }
    let pairs = Pairs::parse(&body);
    let form = form_of(&pairs);
    if !managed.form_ok(&state, &headers, &pairs) {
        let refusal = Some(Refusal::Expired);
        return render(&state, lang, &managed, Some(&project), &form, refusal, None).await;
    }
    let research = match checked(&state, &managed, &form).await? {
        Ok(research) => research,
        Err(errors) => {
            let refusal = Some(Refusal::invalid(lang, &errors));
            return render(&state, lang, &managed, Some(&project), &form, refusal, None).await;
        }
    };
    if !state
        .db
        .update_research(managed.activity.id, &project, &research, managed.actor())
        .await?
    {
        return Err(PageError::NotFound);
    }
    state.pages.invalidate(&managed.activity.slug);
    Ok(see_other(format!(
        "{}/onderzoek?bericht=opgeslagen",
        managed.base()
    )))
}
