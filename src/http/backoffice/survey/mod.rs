//! The theme inventory in the back office (`/beheer/inventarisaties…`), for the
//! survey owner — the organisers of the organisation that holds a round (and
//! admins); anyone else gets 404 whether the round exists or not:
//! the list, a new round, and one round's page with its settings, opening and
//! closing, moderation ([`moderate`]: merge, reword, decline with a reason), the
//! live results with charts and tables and their CSV/XLSX export, and the decision
//! with the chosen themes, from which a leercafé draft is made ([`decide`]).

mod decide;
mod moderate;

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Extension, OriginalUri, Path, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};

use crate::db::editor::Actor;
use crate::db::organisation::OrganisationRef;
use crate::db::survey::RoundRow;
use crate::domain::survey::{ProposalStatus, RoundForm, RoundStatus, phase};
use crate::http::AppState;
use crate::http::backoffice::access::{Staff, managed_organisation, survey_round_for};
use crate::http::error::PageError;
use crate::http::kit::forms::{ErrorLink, FieldView, Pairs, Refusal, see_other};
use crate::http::kit::notices::{Notices, notice};
use crate::http::kit::views::Chrome;
use crate::http::site::survey::ProposalItem;
use crate::i18n::Lang;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/beheer/inventarisaties", get(list_rounds))
        .route(
            "/beheer/organisaties/{org}/inventarisaties/nieuw",
            get(new_round_form).post(create_round),
        )
        .route(
            "/beheer/inventarisaties/{id}",
            get(show_round).post(save_round),
        )
        .route("/beheer/inventarisaties/{id}/status", post(set_status))
        .route(
            "/beheer/inventarisaties/{id}/voorstellen/{proposal}/{action}",
            post(moderate::moderate),
        )
        .route("/beheer/inventarisaties/{id}/besluit", post(decide::decide))
        .route(
            "/beheer/inventarisaties/{id}/uitslag.csv",
            get(decide::export_csv),
        )
        .route(
            "/beheer/inventarisaties/{id}/uitslag.xlsx",
            get(decide::export_xlsx),
        )
        .layer(DefaultBodyLimit::max(64 * 1024))
}

/// The round page's notices (`?bericht=`).
pub const NOTICES: Notices = &[
    ("aangemaakt", "survey-bo-notice-created"),
    ("opgeslagen", "survey-bo-notice-saved"),
    ("geopend", "survey-bo-notice-opened"),
    ("gesloten", "survey-bo-notice-closed"),
    ("samengevoegd", "survey-bo-notice-merged"),
    ("verwoord", "survey-bo-notice-reworded"),
    ("afgewezen", "survey-bo-notice-declined"),
    ("besloten", "survey-bo-notice-decided"),
];

/// The round this account owns, or 404.
pub(super) async fn owned(
    state: &AppState,
    staff: &Staff,
    id: &str,
) -> Result<RoundRow, PageError> {
    survey_round_for(state, &staff.0.account.roles, id)
        .await?
        .ok_or(PageError::NotFound)
}

pub(super) fn actor(staff: &Staff, round: &RoundRow) -> Actor {
    Actor {
        account_id: staff.0.account.id,
        organisation_id: round.organisation_id,
        now: crate::time::now(),
    }
}

/// A refused form on the round page: which form (`settings`, `decision`, or
/// `{action}-{proposal}`), the refusal and what was typed.
pub(super) struct Problem {
    pub form: String,
    pub refusal: Refusal,
    pub typed: Pairs,
}

/// One proposal with its moderation forms.
struct ModerationItem {
    item: ProposalItem,
    open: bool,
    /// Other open proposals to merge into: (id, title).
    targets: Vec<(String, String)>,
    merge: Vec<FieldView>,
    reword: Vec<FieldView>,
    decline: Vec<FieldView>,
    /// (title, href) of activities made from it.
    activities: Vec<(String, String)>,
    error_links: Vec<ErrorLink>,
}

#[derive(Template)]
#[template(path = "backoffice/survey/round.html")]
struct RoundPage {
    lang: Lang,
    chrome: Chrome,
    round: RoundRow,
    base: String,
    status_text: String,
    dates: String,
    notice: Option<String>,
    error_links: Vec<ErrorLink>,
    settings: Vec<FieldView>,
    status_fields: Vec<FieldView>,
    is_open: bool,
    items: Vec<ModerationItem>,
    /// The results block as HTML.
    results: std::sync::Arc<String>,
    decision: Vec<FieldView>,
    csrf: String,
}

fn typed_or(problem: Option<&Problem>, form: &str, name: &str, stored: &str) -> String {
    match problem {
        Some(p) if p.form == form => p.typed.get(name),
        _ => stored.to_owned(),
    }
}

fn error_at(problem: Option<&Problem>, form: &str, name: &str) -> Option<String> {
    problem
        .filter(|p| p.form == form)
        .and_then(|p| p.refusal.error(name))
}

fn round_fields(
    lang: Lang,
    typed: &RoundForm,
    problem: Option<&Problem>,
    form: &str,
) -> Vec<FieldView> {
    let field = |name: &str, kind: &'static str, value: &str| {
        let mut view = FieldView::new(
            name,
            lang.t(&format!("survey-bo-field-{name}")),
            kind,
            value,
        )
        .required();
        view.error = error_at(problem, form, name);
        view
    };
    vec![
        field("title", "text", &typed.title),
        field("why", "textarea", &typed.why).rows(4),
        field("audience", "text", &typed.audience),
        field("opens_on", "date", &typed.opens_on),
        field("closes_on", "date", &typed.closes_on),
        field("votes_per_person", "number", &typed.votes_per_person),
    ]
}

fn round_form(pairs: &Pairs) -> RoundForm {
    RoundForm {
        title: pairs.get("title"),
        why: pairs.get("why"),
        audience: pairs.get("audience"),
        opens_on: pairs.get("opens_on"),
        closes_on: pairs.get("closes_on"),
        votes_per_person: pairs.get("votes_per_person"),
    }
}

pub(super) async fn render(
    state: &AppState,
    lang: Lang,
    staff: &Staff,
    round: RoundRow,
    problem: Option<Problem>,
    notice: Option<String>,
) -> Result<Response, PageError> {
    let problem = problem.as_ref();
    let base = format!("/beheer/inventarisaties/{}", round.public_id);
    let proposals = state.db.survey_proposals_counted(round.id).await?;
    let activities = state.db.survey_activities(round.id).await?;
    let open_ones: Vec<(String, String)> = proposals
        .iter()
        .filter(|p| p.status() == ProposalStatus::Open)
        .map(|p| (p.id.to_string(), p.title.clone()))
        .collect();
    let items = proposals
        .iter()
        .map(|p| {
            let id = p.id;
            let key = |action: &str| format!("{action}-{id}");
            let text =
                |action: &str, name: &str, label: String, kind: &'static str, stored: &str| {
                    let form = key(action);
                    let mut view = FieldView::new(
                        &format!("{name}-{id}"),
                        label,
                        kind,
                        &typed_or(problem, &form, name, stored),
                    );
                    view.error = error_at(problem, &form, name);
                    view
                };
            let targets: Vec<(String, String)> = open_ones
                .iter()
                .filter(|(other, _)| *other != id.to_string())
                .cloned()
                .collect();
            let form_errors = ["merge", "reword", "decline"]
                .iter()
                .filter_map(|a| problem.filter(|pr| pr.form == key(a)))
                .flat_map(|pr| pr.refusal.error_links())
                .map(|mut link| {
                    link.field = format!("{}-{id}", link.field);
                    link
                })
                .collect();
            ModerationItem {
                item: ProposalItem::new(lang, p, &proposals),
                open: p.status() == ProposalStatus::Open,
                merge: vec![
                    text("merge", "target", lang.t("survey-bo-merge"), "select", "")
                        .required()
                        .options(targets.clone()),
                ],
                targets,
                reword: vec![
                    text(
                        "reword",
                        "title",
                        lang.t("survey-field-title"),
                        "text",
                        &p.title,
                    )
                    .required(),
                    text(
                        "reword",
                        "want",
                        lang.t("survey-field-want"),
                        "textarea",
                        &p.want,
                    )
                    .required(),
                    text(
                        "reword",
                        "why_now",
                        lang.t("survey-field-why_now"),
                        "textarea",
                        &p.why_now,
                    )
                    .required(),
                ],
                decline: vec![
                    text(
                        "decline",
                        "reason",
                        lang.t("survey-bo-decline-reason"),
                        "textarea",
                        "",
                    )
                    .required()
                    .rows(2),
                ],
                activities: activities
                    .iter()
                    .filter(|a| a.0 == id)
                    .map(|a| {
                        (
                            lang.t_args(
                                "survey-bo-made-activity",
                                &[
                                    ("title", a.3.as_str().into()),
                                    ("status", a.4.as_str().into()),
                                ],
                            ),
                            format!("/beheer/activiteiten/{}", a.1),
                        )
                    })
                    .collect(),
                error_links: form_errors,
            }
        })
        .collect();
    let settings_form = match problem {
        Some(p) if p.form == "settings" => round_form(&p.typed),
        _ => RoundForm::from_round(&round.round()),
    };
    let chosen: Vec<String> = match problem {
        Some(p) if p.form == "decision" => p.typed.all("chosen"),
        _ => proposals
            .iter()
            .filter(|p| p.chosen)
            .map(|p| p.id.to_string())
            .collect(),
    };
    let mut decision_text = FieldView::new(
        "decision",
        lang.t("survey-bo-field-decision"),
        "textarea",
        &typed_or(problem, "decision", "decision", &round.decision),
    )
    .required()
    .rows(3);
    decision_text.error = error_at(problem, "decision", "decision");
    let decision = vec![
        decision_text,
        FieldView::new("chosen", lang.t("survey-bo-field-chosen"), "checkboxes", "")
            .options(open_ones.clone())
            .chosen(&chosen),
    ];
    let phase = phase(round.status(), &round.round(), crate::time::today());
    let page = RoundPage {
        lang,
        chrome: Chrome::new(state, lang, round.title.clone(), &base, "backoffice"),
        base: base.clone(),
        status_text: lang.t1(
            "survey-bo-status",
            "status",
            lang.t(&format!("survey-status-{}", round.status().as_str())),
        ),
        dates: lang.t_args(
            "survey-dates",
            &[
                ("opens", lang.day(round.opens_on).into()),
                ("closes", lang.day(round.closes_on).into()),
            ],
        ),
        notice: problem.and_then(|p| p.refusal.notice(lang)).or(notice),
        error_links: problem
            .filter(|p| p.form == "settings" || p.form == "decision")
            .map(|p| p.refusal.error_links())
            .unwrap_or_default(),
        settings: round_fields(lang, &settings_form, problem, "settings"),
        status_fields: vec![FieldView::checkbox(
            "results_public",
            lang.t("survey-bo-field-results_public"),
            round.results_public,
        )],
        is_open: round.status() == RoundStatus::Open
            && phase != crate::domain::survey::Phase::Closed,
        items,
        results: state.survey_results(&round, lang).await?,
        decision,
        csrf: staff.0.csrf(state),
        round,
    };
    let status = problem.map(|p| &p.refusal);
    Ok(Refusal::answer(status, Html(page.render()?)))
}

#[derive(Template)]
#[template(path = "backoffice/survey/list.html")]
struct ListPage {
    lang: Lang,
    chrome: Chrome,
    /// (href, title, organisation, status).
    rounds: Vec<(String, String, String, String)>,
    /// Organisations this account may start a round for: (href, name).
    new_for: Vec<(String, String)>,
}

async fn list_rounds(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    staff: Staff,
) -> Result<Response, PageError> {
    let roles = &staff.0.account.roles;
    let rounds = if roles.admin {
        state.db.survey_rounds(None).await?
    } else {
        state.db.survey_rounds(Some(&roles.organiser_of)).await?
    };
    let mut new_for = Vec::new();
    for id in &roles.organiser_of {
        if let Some(org) = state.db.organisation_ref_by_id(*id).await? {
            new_for.push((
                format!("/beheer/organisaties/{}/inventarisaties/nieuw", org.slug),
                org.name,
            ));
        }
    }
    let page = ListPage {
        lang,
        chrome: Chrome::new(
            &state,
            lang,
            lang.t("survey-rounds-heading"),
            "/beheer/inventarisaties",
            "backoffice",
        ),
        rounds: rounds
            .into_iter()
            .map(|r| {
                (
                    format!("/beheer/inventarisaties/{}", r.public_id),
                    r.title.clone(),
                    r.organisation_name.clone(),
                    lang.t(&format!("survey-status-{}", r.status().as_str())),
                )
            })
            .collect(),
        new_for,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Template)]
#[template(path = "backoffice/survey/new.html")]
struct NewPage {
    lang: Lang,
    chrome: Chrome,
    heading: String,
    action: String,
    error_links: Vec<ErrorLink>,
    notice: Option<String>,
    fields: Vec<FieldView>,
    csrf: String,
}

fn render_new(
    state: &AppState,
    lang: Lang,
    staff: &Staff,
    organisation: &OrganisationRef,
    problem: Option<Problem>,
) -> Result<Response, PageError> {
    let action = format!(
        "/beheer/organisaties/{}/inventarisaties/nieuw",
        organisation.slug
    );
    let typed = problem
        .as_ref()
        .map(|p| round_form(&p.typed))
        .unwrap_or_else(|| RoundForm {
            votes_per_person: "3".into(),
            ..RoundForm::default()
        });
    let heading = lang.t1(
        "survey-bo-new-heading",
        "organisation",
        organisation.name.as_str(),
    );
    let page = NewPage {
        lang,
        chrome: Chrome::new(state, lang, heading.clone(), &action, "backoffice"),
        heading,
        fields: round_fields(lang, &typed, problem.as_ref(), "settings"),
        error_links: problem
            .as_ref()
            .map(|p| p.refusal.error_links())
            .unwrap_or_default(),
        notice: problem.as_ref().and_then(|p| p.refusal.notice(lang)),
        action,
        csrf: staff.0.csrf(state),
    };
    Ok(Refusal::answer(
        problem.as_ref().map(|p| &p.refusal),
        Html(page.render()?),
    ))
}

async fn new_round_form(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    staff: Staff,
    Path(org): Path<String>,
) -> Result<Response, PageError> {
    let organisation = managed_organisation(&state, &staff, &org).await?;
    render_new(&state, lang, &staff, &organisation, None)
}

async fn create_round(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    staff: Staff,
    Path(org): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let organisation = managed_organisation(&state, &staff, &org).await?;
    let pairs = Pairs::parse(&body);
    if !staff.0.csrf_ok(&state, &headers, &pairs.get("csrf")) {
        let problem = Problem {
            form: "settings".into(),
            refusal: Refusal::Expired,
            typed: pairs,
        };
        return render_new(&state, lang, &staff, &organisation, Some(problem));
    }
    let round = match round_form(&pairs).parse() {
        Ok(round) => round,
        Err(errors) => {
            let problem = Problem {
                form: "settings".into(),
                refusal: Refusal::invalid(lang, &errors),
                typed: pairs,
            };
            return render_new(&state, lang, &staff, &organisation, Some(problem));
        }
    };
    let actor = Actor {
        account_id: staff.0.account.id,
        organisation_id: organisation.id,
        now: crate::time::now(),
    };
    let public_id = state.db.create_round(&round, actor).await?;
    Ok(see_other(format!(
        "/beheer/inventarisaties/{public_id}?bericht=aangemaakt"
    )))
}

async fn show_round(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    staff: Staff,
    Path(id): Path<String>,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    let round = owned(&state, &staff, &id).await?;
    let notice = notice(&uri, lang, NOTICES);
    render(&state, lang, &staff, round, None, notice).await
}

async fn save_round(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    staff: Staff,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let round = owned(&state, &staff, &id).await?;
    let pairs = Pairs::parse(&body);
    if !staff.0.csrf_ok(&state, &headers, &pairs.get("csrf")) {
        let problem = Problem {
            form: "settings".into(),
            refusal: Refusal::Expired,
            typed: pairs,
        };
        return render(&state, lang, &staff, round, Some(problem), None).await;
    }
    match round_form(&pairs).parse() {
        Ok(valid) => {
            state
                .db
                .update_round(round.id, &valid, actor(&staff, &round))
                .await?;
            Ok(see_other(format!(
                "/beheer/inventarisaties/{id}?bericht=opgeslagen"
            )))
        }
        Err(errors) => {
            let problem = Problem {
                form: "settings".into(),
                refusal: Refusal::invalid(lang, &errors),
                typed: pairs,
            };
            render(&state, lang, &staff, round, Some(problem), None).await
        }
    }
}

async fn set_status(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    staff: Staff,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let round = owned(&state, &staff, &id).await?;
    let pairs = Pairs::parse(&body);
    if !staff.0.csrf_ok(&state, &headers, &pairs.get("csrf")) {
        let problem = Problem {
            form: "status".into(),
            refusal: Refusal::Expired,
            typed: pairs,
        };
        return render(&state, lang, &staff, round, Some(problem), None).await;
    }
    let (status, word) = match pairs.get("action").as_str() {
        "open" => (RoundStatus::Open, "geopend"),
        "close" => (RoundStatus::Closed, "gesloten"),
        _ => (round.status(), "opgeslagen"),
    };
    state
        .db
        .set_round_status(
            round.id,
            status,
            pairs.on("results_public"),
            actor(&staff, &round),
        )
        .await?;
    Ok(see_other(format!(
        "/beheer/inventarisaties/{id}?bericht={word}"
    )))
}
