//! Cases and agendas in the member area: the atelier's cases
//! (`/ateliers/{slug}/kwesties`), bringing one (`…/kwesties/nieuw`), one case with
//! what each meeting made of it and, for the kartrekker or the member who brought
//! it, the outcome form (`…/kwesties/{case}`), and a meeting's agenda once it was
//! sent (`…/bijeenkomsten/{session}`; those who run the atelier see it before).
//! Everything here is for those inside ([`Standing::inside`]); anyone else: 404.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Extension, Path, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Response};

use super::Visit;
use crate::db::community::{CaseDetail, MeetingRow, OutcomeSaved};
use crate::domain::community::case::{CaseForm, CaseState, OutcomeForm, may_record_outcome};
use crate::domain::community::membership::Standing;
use crate::http::AppState;
use crate::http::error::PageError;
use crate::http::kit::forms::{ErrorLink, FieldView, Pairs, Refusal, see_other};
use crate::http::kit::headers::private;
use crate::http::kit::query::public_id_shaped;
use crate::http::kit::views::Chrome;
use crate::http::site::auth::Signed;
use crate::i18n::Lang;
use crate::markdown;

/// The visit if the person is inside the atelier; 404 otherwise.
async fn inside(state: &AppState, signed: &Signed, slug: &str) -> Result<Visit, PageError> {
    Visit::of(state, signed, slug)
        .await?
        .filter(|v| v.standing.inside())
        .ok_or(PageError::NotFound)
}

fn meeting_when(lang: Lang, m: &MeetingRow) -> String {
    format!(
        "{}, {}",
        lang.date_long(m.starts_at),
        lang.time_range(m.starts_at, m.ends_at)
    )
}

fn state_label(lang: Lang, state: &str) -> String {
    lang.t(&format!("case-state-{state}"))
}

// ------------------------------------------------------------------ the list

struct CaseItem {
    href: String,
    title: String,
    state: String,
    by: String,
    meeting: String,
}

#[derive(Template)]
#[template(path = "site/community/cases.html")]
struct CasesPage {
    lang: Lang,
    chrome: Chrome,
    title: String,
    base: String,
    cases: Vec<CaseItem>,
}

pub(super) async fn list_cases(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(slug): Path<String>,
    signed: Signed,
) -> Result<Response, PageError> {
    let visit = inside(&state, &signed, &slug).await?;
    let base = visit.base();
    let cases = state
        .db
        .atelier_cases(visit.atelier.id)
        .await?
        .into_iter()
        .map(|c| CaseItem {
            href: format!("{base}/kwesties/{}", c.public_id),
            title: c.title,
            state: state_label(lang, &c.state),
            by: c
                .brought_by
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| lang.t("community-former-member")),
            meeting: c
                .meeting_starts_at
                .map(|t| lang.date_long(t))
                .unwrap_or_default(),
        })
        .collect();
    let path = format!("{base}/kwesties");
    let page = CasesPage {
        lang,
        chrome: Chrome::new(&state, lang, lang.t("case-list-heading"), &path, "account"),
        title: visit.atelier.title.clone(),
        base,
        cases,
    };
    Ok(private(Html(page.render()?).into_response()))
}

// ------------------------------------------------------------------ bringing one

#[derive(Template)]
#[template(path = "site/community/case_form.html")]
struct CaseFormPage {
    lang: Lang,
    chrome: Chrome,
    title: String,
    action: String,
    error_links: Vec<ErrorLink>,
    fields: Vec<FieldView>,
    csrf: String,
}

async fn render_case_form(
    state: &AppState,
    lang: Lang,
    signed: &Signed,
    visit: &Visit,
    typed: &CaseForm,
    refusal: Option<Refusal>,
) -> Result<Response, PageError> {
    let now = crate::time::now();
    let themes = state.db.theme_choices().await?;
    let meetings = state.db.atelier_meetings(visit.atelier.id, now).await?;
    let error_of = |field: &str| refusal.as_ref().and_then(|r| r.error(field));
    let field = |name: &str, kind: &'static str, value: &str| {
        let mut view = FieldView::new(name, lang.t(&format!("case-field-{name}")), kind, value);
        view.error = error_of(name);
        view
    };
    let fields = vec![
        field("title", "text", &typed.title).required(),
        field("situation", "textarea", &typed.situation)
            .required()
            .rows(6)
            .described(lang.t("case-field-situation-help")),
        field("question", "textarea", &typed.question)
            .required()
            .rows(3)
            .described(lang.t("case-field-question-help")),
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
        field("meeting", "select", &typed.meeting)
            .options(
                // An optional choice starts empty, else the first meeting is sent.
                std::iter::once((String::new(), lang.t("case-field-meeting-none")))
                    .chain(
                        meetings
                            .iter()
                            .filter(|m| m.starts_at > now)
                            .map(|m| (m.id.to_string(), meeting_when(lang, m))),
                    )
                    .collect(),
            )
            .described(lang.t("case-field-meeting-help")),
    ];
    let action = format!("{}/kwesties/nieuw", visit.base());
    let page = CaseFormPage {
        lang,
        chrome: Chrome::new(state, lang, lang.t("case-new-heading"), &action, "account"),
        title: visit.atelier.title.clone(),
        action,
        error_links: refusal
            .as_ref()
            .map(Refusal::error_links)
            .unwrap_or_default(),
        fields,
        csrf: signed.csrf(state),
    };
    Ok(private(Refusal::answer(
        refusal.as_ref(),
        Html(page.render()?),
    )))
}

pub(super) async fn new_case(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(slug): Path<String>,
    signed: Signed,
) -> Result<Response, PageError> {
    let visit = inside(&state, &signed, &slug).await?;
    render_case_form(&state, lang, &signed, &visit, &CaseForm::default(), None).await
}

pub(super) async fn bring_case(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(slug): Path<String>,
    signed: Signed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let visit = inside(&state, &signed, &slug).await?;
    let pairs = Pairs::parse(&body);
    let form = CaseForm {
        title: pairs.get("title"),
        situation: pairs.get("situation"),
        question: pairs.get("question"),
        themes: pairs.all("themes"),
        meeting: pairs.get("meeting"),
    };
    if !signed.csrf_ok(&state, &headers, &pairs.get("csrf")) {
        let refusal = Some(Refusal::Expired);
        return render_case_form(&state, lang, &signed, &visit, &form, refusal).await;
    }
    let now = crate::time::now();
    let themes: Vec<i64> = state
        .db
        .theme_choices()
        .await?
        .into_iter()
        .map(|(id, ..)| id)
        .collect();
    let meetings: Vec<_> = state
        .db
        .atelier_meetings(visit.atelier.id, now)
        .await?
        .iter()
        .map(MeetingRow::times)
        .collect();
    let case = match form.parse(&themes, &meetings, now) {
        Ok(case) => case,
        Err(errors) => {
            let refusal = Some(Refusal::invalid(lang, &errors));
            return render_case_form(&state, lang, &signed, &visit, &form, refusal).await;
        }
    };
    let public_id = state
        .db
        .bring_case(visit.atelier.id, signed.account.id, &case, now)
        .await?;
    Ok(private(see_other(format!(
        "{}/kwesties/{public_id}",
        visit.base()
    ))))
}

// ------------------------------------------------------------------ one case

struct OutcomeItem {
    meeting: String,
    finished: bool,
    learned_html: String,
    next_steps: String,
    links: Vec<(String, String)>,
    public: bool,
}

#[derive(Template)]
#[template(path = "site/community/case.html")]
struct CasePage {
    lang: Lang,
    chrome: Chrome,
    atelier: String,
    base: String,
    heading: String,
    state: String,
    by: String,
    meeting: String,
    situation_html: String,
    question_html: String,
    themes: Vec<String>,
    outcomes: Vec<OutcomeItem>,
    /// The outcome form, for the kartrekker or the member who brought it, once the
    /// case's meeting has begun.
    outcome_fields: Option<Vec<FieldView>>,
    action: String,
    notice: Option<String>,
    error_links: Vec<ErrorLink>,
    csrf: String,
}

fn render_case(
    state: &AppState,
    lang: Lang,
    signed: &Signed,
    visit: &Visit,
    detail: CaseDetail,
    typed: &OutcomeForm,
    refusal: Option<Refusal>,
) -> Result<Response, PageError> {
    let case = &detail.case;
    let base = visit.base();
    let brought_it = case.account_id == Some(signed.account.id);
    let meeting_begun = case
        .meeting_starts_at
        .is_some_and(|t| t <= crate::time::now());
    let may_record = may_record_outcome(visit.standing, brought_it)
        && case.state == CaseState::Scheduled.as_str()
        && meeting_begun;
    let error_of = |field: &str| refusal.as_ref().and_then(|r| r.error(field));
    let outcome_fields = may_record.then(|| {
        let field = |name: &str, kind: &'static str, value: &str| {
            let mut view = FieldView::new(name, lang.t(&format!("case-field-{name}")), kind, value);
            view.error = error_of(name);
            view
        };
        vec![
            field("finished", "radios", &typed.finished)
                .required()
                .options(vec![
                    ("finished".into(), lang.t("case-finished-finished")),
                    ("carry_over".into(), lang.t("case-finished-carry_over")),
                ]),
            field("learned", "textarea", &typed.learned).rows(5),
            field("next_steps", "textarea", &typed.next_steps).rows(3),
            field("links", "textarea", &typed.links)
                .rows(3)
                .described(lang.t("case-field-links-help")),
            FieldView::checkbox("public", lang.t("case-field-public"), typed.public)
                .described(lang.t("case-field-public-help")),
        ]
    });
    let outcomes = detail
        .outcomes
        .iter()
        .map(|o| OutcomeItem {
            meeting: o
                .meeting_starts_at
                .map(|t| lang.date_long(t))
                .unwrap_or_default(),
            finished: o.finished,
            learned_html: markdown::to_html(&o.learned),
            next_steps: o.next_steps.clone(),
            links: o
                .links
                .lines()
                .filter_map(|l| l.split_once(" | "))
                .map(|(t, u)| (t.to_owned(), u.to_owned()))
                .collect(),
            public: o.public,
        })
        .collect();
    let href = format!("{base}/kwesties/{}", case.public_id);
    let page = CasePage {
        lang,
        chrome: Chrome::new(state, lang, case.title.clone(), &href, "account"),
        atelier: visit.atelier.title.clone(),
        heading: case.title.clone(),
        state: state_label(lang, &case.state),
        by: case
            .brought_by
            .clone()
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| lang.t("community-former-member")),
        meeting: case
            .meeting_starts_at
            .map(|t| lang.date_long(t))
            .unwrap_or_default(),
        situation_html: markdown::to_html(&detail.situation),
        question_html: markdown::to_html(&detail.question),
        themes: detail.themes.clone(),
        outcomes,
        outcome_fields,
        action: format!("{href}/uitkomst"),
        notice: refusal.as_ref().and_then(|r| r.notice(lang)),
        error_links: refusal
            .as_ref()
            .map(Refusal::error_links)
            .unwrap_or_default(),
        csrf: signed.csrf(state),
        base,
    };
    Ok(private(Refusal::answer(
        refusal.as_ref(),
        Html(page.render()?),
    )))
}

async fn case_of(state: &AppState, visit: &Visit, id: &str) -> Result<CaseDetail, PageError> {
    if !public_id_shaped(id) {
        return Err(PageError::NotFound);
    }
    state
        .db
        .case_detail(visit.atelier.id, id)
        .await?
        .ok_or(PageError::NotFound)
}

pub(super) async fn show_case(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path((slug, id)): Path<(String, String)>,
    signed: Signed,
) -> Result<Response, PageError> {
    let visit = inside(&state, &signed, &slug).await?;
    let detail = case_of(&state, &visit, &id).await?;
    render_case(
        &state,
        lang,
        &signed,
        &visit,
        detail,
        &OutcomeForm::default(),
        None,
    )
}

pub(super) async fn record_outcome(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path((slug, id)): Path<(String, String)>,
    signed: Signed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let visit = inside(&state, &signed, &slug).await?;
    let detail = case_of(&state, &visit, &id).await?;
    let brought_it = detail.case.account_id == Some(signed.account.id);
    if !may_record_outcome(visit.standing, brought_it) {
        return Err(PageError::Forbidden);
    }
    let pairs = Pairs::parse(&body);
    let form = OutcomeForm {
        learned: pairs.get("learned"),
        next_steps: pairs.get("next_steps"),
        links: pairs.get("links"),
        public: pairs.on("public"),
        finished: pairs.get("finished"),
    };
    if !signed.csrf_ok(&state, &headers, &pairs.get("csrf")) {
        let refusal = Some(Refusal::Expired);
        return render_case(&state, lang, &signed, &visit, detail, &form, refusal);
    }
    let outcome = match form.parse() {
        Ok(outcome) => outcome,
        Err(errors) => {
            let refusal = Some(Refusal::invalid(lang, &errors));
            return render_case(&state, lang, &signed, &visit, detail, &form, refusal);
        }
    };
    let saved = state
        .db
        .record_outcome(
            visit.atelier.id,
            &id,
            signed.account.id,
            &outcome,
            crate::time::now(),
        )
        .await?;
    let message = match saved {
        OutcomeSaved::Saved => {
            if outcome.public {
                state.pages.invalidate(&visit.atelier.slug);
            }
            return Ok(private(see_other(format!(
                "{}/kwesties/{id}",
                visit.base()
            ))));
        }
        OutcomeSaved::NotScheduled => "case-error-step-not-on-agenda",
        OutcomeSaved::TooEarly => "case-error-outcome-too-early",
    };
    let refusal = Some(Refusal::NotNow(lang.t(message)));
    render_case(&state, lang, &signed, &visit, detail, &form, refusal)
}

// ------------------------------------------------------------------ a meeting

struct AgendaItemView {
    time: String,
    title: String,
    kind: String,
    who: String,
    case_href: Option<String>,
}

#[derive(Template)]
#[template(path = "site/community/meeting.html")]
struct MeetingPage {
    lang: Lang,
    chrome: Chrome,
    atelier: String,
    base: String,
    heading: String,
    /// The agenda, when members may see it (sent, or the reader runs the atelier).
    agenda: Option<Vec<AgendaItemView>>,
    manage_href: Option<String>,
}

pub(super) async fn show_meeting(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path((slug, session)): Path<(String, String)>,
    signed: Signed,
) -> Result<Response, PageError> {
    let visit = inside(&state, &signed, &slug).await?;
    let session_id: i64 = session.parse().map_err(|_| PageError::NotFound)?;
    let meeting = state
        .db
        .atelier_meeting(visit.atelier.id, session_id)
        .await?
        .ok_or(PageError::NotFound)?;
    let runs = matches!(visit.standing, Standing::Runs(_));
    let base = visit.base();
    let agenda = if meeting.agenda_published_at.is_some() || runs {
        Some(
            state
                .db
                .agenda(session_id)
                .await?
                .into_iter()
                .map(|item| AgendaItemView {
                    time: lang.time_range(item.starts_at, item.ends_at),
                    kind: lang.t(&format!("agenda-kind-{}", item.kind)),
                    who: match (&item.expert_name, item.speaker_name.is_empty()) {
                        (Some(name), _) if !name.is_empty() => name.clone(),
                        (_, false) if item.speaker_affiliation.is_empty() => {
                            item.speaker_name.clone()
                        }
                        (_, false) => {
                            format!("{} ({})", item.speaker_name, item.speaker_affiliation)
                        }
                        _ => String::new(),
                    },
                    case_href: item
                        .case_public_id
                        .map(|id| format!("{base}/kwesties/{id}")),
                    title: item.title,
                })
                .collect(),
        )
    } else {
        None
    };
    let heading = meeting_when(lang, &meeting);
    let path = format!("{base}/bijeenkomsten/{session_id}");
    let page = MeetingPage {
        lang,
        chrome: Chrome::new(&state, lang, heading.clone(), &path, "account"),
        atelier: visit.atelier.title.clone(),
        heading,
        agenda,
        manage_href: runs.then(|| {
            format!(
                "/beheer/activiteiten/{}/agenda/{session_id}",
                visit.atelier.public_id
            )
        }),
        base,
    };
    Ok(private(Html(page.render()?).into_response()))
}
