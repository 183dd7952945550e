//! The coordinator's back office of a mentoring programme (`/beheer/mentoring`):
//! the programmes this account reaches ([`ProgrammeRole`]: a coordinator their own
//! programme only, an organiser those of their organisation, an admin all; anyone
//! else 404 whether it exists or not), and a programme's page with its totals
//! (profiles, open requests, pairs, reverse pairs, meetings, hours), each pair's
//! status and figures — never what a log says unless both of the pair share it —
//! and a form to propose a pair (both get an email and decide themselves).
//! A coordinator need not be staff elsewhere, so these pages take a signed-in
//! account and check the programme role themselves.

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Extension, OriginalUri, Path, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;

use crate::db::mentoring::Programme;
use crate::db::mentoring::requests::AskOutcome;
use crate::domain::input::FieldError;
use crate::domain::mentoring::ProgrammeRole;
use crate::domain::mentoring::path::message;
use crate::domain::mentoring::programme::ProgrammeForm;
use crate::http::AppState;
use crate::http::error::PageError;
use crate::http::kit::forms::{ErrorLink, FieldView, Pairs, Refusal, see_other};
use crate::http::kit::notices::{Notices, notice};
use crate::http::kit::query::public_id_shaped;
use crate::http::kit::views::Chrome;
use crate::http::site::auth::Signed;
use crate::i18n::Lang;

const PATH: &str = "/beheer/mentoring";

pub fn router() -> Router<AppState> {
    Router::new()
        .route(PATH, get(list).post(create))
        .route(
            "/beheer/mentoring/{programme}/coordinatoren",
            axum::routing::post(appoint),
        )
        .route("/beheer/mentoring/{programme}", get(show).post(propose))
        .route("/beheer/mentoring/{programme}/koppels/{pair}", get(pair))
        .layer(DefaultBodyLimit::max(32 * 1024))
}

/// The programme page's notices (`?bericht=`).
pub const NOTICES: Notices = &[
    ("voorgesteld", "mentoring-bo-proposed"),
    ("coordinator", "mentoring-bo-coordinator-added"),
];

/// The programme a path names, if this account reaches it; 404 otherwise.
async fn reached(
    state: &AppState,
    signed: &Signed,
    id: &str,
) -> Result<(Programme, ProgrammeRole), PageError> {
    if !public_id_shaped(id) {
        return Err(PageError::NotFound);
    }
    let programme = state.db.programme(id).await?.ok_or(PageError::NotFound)?;
    let coordinator = state
        .db
        .coordinated_by(signed.account.id)
        .await?
        .contains(&programme.id);
    let role = ProgrammeRole::of(
        &signed.account.roles,
        programme.organisation_id,
        coordinator,
    )
    .ok_or(PageError::NotFound)?;
    Ok((programme, role))
}

#[derive(Template)]
#[template(path = "backoffice/mentoring/list.html")]
struct ListPage {
    lang: Lang,
    chrome: Chrome,
    programmes: Vec<(String, String, String)>,
    /// The new programme form, for those who manage an organisation.
    error_links: Vec<ErrorLink>,
    fields: Vec<FieldView>,
    notice: Option<String>,
    csrf: String,
}

fn programme_form_of(pairs: &Pairs) -> ProgrammeForm {
    ProgrammeForm {
        organisation: pairs.get("organisation"),
        title: pairs.get("title"),
        intro: pairs.get("intro"),
        coordinator: pairs.get("coordinator"),
    }
}

async fn list(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
) -> Result<Response, PageError> {
    render_list(&state, lang, &signed, &ProgrammeForm::default(), None).await
}

async fn render_list(
    state: &AppState,
    lang: Lang,
    signed: &Signed,
    typed: &ProgrammeForm,
    refusal: Option<Refusal>,
) -> Result<Response, PageError> {
    let coordinated = state.db.coordinated_by(signed.account.id).await?;
    // Like every back-office page: nothing here for someone without any role.
    if coordinated.is_empty() && !signed.account.roles.is_staff() {
        return Err(PageError::Forbidden);
    }
    let programmes = state
        .db
        .programmes()
        .await?
        .into_iter()
        .filter(|p| {
            ProgrammeRole::of(
                &signed.account.roles,
                p.organisation_id,
                coordinated.contains(&p.id),
            )
            .is_some()
        })
        .map(|p| {
            (
                format!("{PATH}/{}", p.public_id),
                p.title,
                p.organisation_name,
            )
        })
        .collect();
    let organisations = state
        .db
        .managed_organisations(&signed.account.roles)
        .await?;
    let error = |name: &str| refusal.as_ref().and_then(|r| r.error(name));
    let field = |name: &str, kind: &'static str, value: &str| {
        let mut f = FieldView::new(
            name,
            lang.t(&format!("mentoring-field-{name}")),
            kind,
            value,
        );
        f.error = error(name);
        if let Some(help) = lang.try_t(&format!("mentoring-field-{name}-help")) {
            f = f.described(help);
        }
        f
    };
    let fields = if organisations.is_empty() {
        Vec::new()
    } else {
        vec![
            field("organisation", "select", &typed.organisation)
                .required()
                .options(
                    organisations
                        .iter()
                        .map(|o| (o.id.to_string(), o.name.clone()))
                        .collect(),
                ),
            field("title", "text", &typed.title).required(),
            field("intro", "textarea", &typed.intro).rows(3),
            field("coordinator", "email", &typed.coordinator).autocomplete("off"),
        ]
    };
    let page = ListPage {
        lang,
        chrome: Chrome::new(
            state,
            lang,
            lang.t("mentoring-bo-heading"),
            PATH,
            "backoffice",
        ),
        programmes,
        notice: refusal.as_ref().and_then(|r| r.notice(lang)),
        error_links: refusal
            .as_ref()
            .map(Refusal::error_links)
            .unwrap_or_default(),
        fields,
        csrf: signed.csrf(state),
    };
    Ok(Refusal::answer(refusal.as_ref(), Html(page.render()?)))
}

/// An organiser (or admin) makes a programme of an organisation they manage.
async fn create(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let organisations: Vec<i64> = state
        .db
        .managed_organisations(&signed.account.roles)
        .await?
        .iter()
        .map(|o| o.id)
        .collect();
    if organisations.is_empty() {
        return Err(PageError::Forbidden);
    }
    let pairs = Pairs::parse(&body);
    let typed = programme_form_of(&pairs);
    if !signed.csrf_ok(&state, &headers, &pairs.get("csrf")) {
        return render_list(&state, lang, &signed, &typed, Some(Refusal::Expired)).await;
    }
    let new = match typed.parse(&organisations) {
        Ok(new) => new,
        Err(errors) => {
            let refusal = Some(Refusal::invalid(lang, &errors));
            return render_list(&state, lang, &signed, &typed, refusal).await;
        }
    };
    let mut coordinators = Vec::new();
    if let Some(email) = &new.coordinator {
        match state.db.account_id_by_key(&email.key).await? {
            Some(id) => coordinators.push(id),
            None => {
                let refusal = Some(Refusal::invalid(
                    lang,
                    &[FieldError::new(
                        "coordinator",
                        "mentoring-error-coordinator-unknown",
                    )],
                ));
                return render_list(&state, lang, &signed, &typed, refusal).await;
            }
        }
    }
    let public_id = state
        .db
        .add_programme(
            &crate::db::mentoring::NewProgramme {
                organisation_id: new.organisation_id,
                activity_id: None,
                title: &new.title,
                intro: &new.intro,
                coordinators: &coordinators,
            },
            signed.account.id,
            crate::time::now(),
        )
        .await?;
    Ok(see_other(format!("{PATH}/{public_id}")))
}

/// An organiser (or admin) of the programme names another coordinator.
async fn appoint(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let (programme, role) = reached(&state, &signed, &id).await?;
    let pairs = Pairs::parse(&body);
    if !signed.csrf_ok(&state, &headers, &pairs.get("csrf")) || !role.may_appoint() {
        return Err(PageError::Forbidden);
    }
    let typed = pairs.get("coordinator");
    let message = match crate::domain::registration::Email::parse(&typed) {
        None => "error-email",
        Some(email) => match state.db.account_id_by_key(&email.key).await? {
            None => "mentoring-error-coordinator-unknown",
            Some(account) => {
                state
                    .db
                    .add_coordinator(&programme, account, signed.account.id, crate::time::now())
                    .await?;
                return Ok(see_other(format!(
                    "{PATH}/{}?bericht=coordinator",
                    programme.public_id
                )));
            }
        },
    };
    let form = ProposeForm {
        message: lang.t("mentoring-bo-propose-default"),
        ..ProposeForm::default()
    };
    let refusal = Some(Refusal::invalid(
        lang,
        &[FieldError::new("coordinator", message)],
    ));
    render(
        &state, lang, &signed, programme, role, &form, &typed, refusal, None,
    )
    .await
}

struct PairLine {
    href: String,
    title: String,
    reverse: bool,
    state: String,
    period: String,
    meetings: i64,
    hours: String,
    shared: bool,
    evaluations: i64,
}

#[derive(Template)]
#[template(path = "backoffice/mentoring/programme.html")]
struct ProgrammePage {
    lang: Lang,
    chrome: Chrome,
    programme: Programme,
    base: String,
    notice: Option<String>,
    totals: Vec<(String, String)>,
    pairs: Vec<PairLine>,
    coordinators: Vec<String>,
    error_links: Vec<ErrorLink>,
    fields: Vec<FieldView>,
    /// Naming another coordinator, for organisers and admins.
    coordinator_fields: Vec<FieldView>,
    csrf: String,
}

fn hours(lang: Lang, minutes: i64) -> String {
    crate::certificate::hours(lang, u32::try_from(minutes).unwrap_or(0))
}

/// The propose form as typed.
#[derive(Default)]
struct ProposeForm {
    mentor: String,
    mentee: String,
    message: String,
}

#[allow(clippy::too_many_arguments)]
async fn render(
    state: &AppState,
    lang: Lang,
    signed: &Signed,
    programme: Programme,
    role: ProgrammeRole,
    typed: &ProposeForm,
    coordinator: &str,
    refusal: Option<Refusal>,
    notice: Option<String>,
) -> Result<Response, PageError> {
    let (pairs, totals) = state.db.programme_overview(programme.id).await?;
    let participants = state.db.participants(programme.id).await?;
    let base = format!("{PATH}/{}", programme.public_id);
    let error = |name: &str| refusal.as_ref().and_then(|r| r.error(name));
    let people = |offers: bool| {
        participants
            .iter()
            .filter(|p| {
                let role = p.stored.profile.role;
                if offers { role.offers() } else { role.asks() }
            })
            .map(|p| {
                (
                    p.stored.id.to_string(),
                    format!(
                        "{} ({})",
                        p.stored.profile.name,
                        lang.t1(
                            "mentoring-years",
                            "years",
                            i64::from(p.stored.profile.years)
                        )
                    ),
                )
            })
            .collect::<Vec<_>>()
    };
    let mut mentor = FieldView::new(
        "mentor",
        lang.t("mentoring-field-mentor"),
        "select",
        &typed.mentor,
    )
    .required()
    .options(people(true));
    mentor.error = error("mentor");
    let mut mentee = FieldView::new(
        "mentee",
        lang.t("mentoring-field-mentee"),
        "select",
        &typed.mentee,
    )
    .required()
    .options(people(false));
    mentee.error = error("mentee");
    let mut text = FieldView::new(
        "message",
        lang.t("mentoring-field-message"),
        "textarea",
        &typed.message,
    )
    .required()
    .rows(4);
    text.error = error("message");
    let coordinator_fields = if role.may_appoint() {
        let mut f = FieldView::new(
            "coordinator",
            lang.t("mentoring-field-coordinator"),
            "email",
            coordinator,
        )
        .required()
        .described(lang.t("mentoring-field-coordinator-help"));
        f.error = error("coordinator");
        vec![f]
    } else {
        Vec::new()
    };
    let figure = |key: &str, value: String| (lang.t(key), value);
    let page = ProgrammePage {
        lang,
        chrome: Chrome::new(state, lang, programme.title.clone(), &base, "backoffice"),
        notice: refusal.as_ref().and_then(|r| r.notice(lang)).or(notice),
        totals: vec![
            figure("mentoring-bo-profiles", totals.profiles.to_string()),
            figure(
                "mentoring-bo-open-requests",
                totals.open_requests.to_string(),
            ),
            figure("mentoring-bo-active", totals.active_pairs.to_string()),
            figure("mentoring-bo-ended", totals.ended_pairs.to_string()),
            figure("mentoring-bo-reverse", totals.reverse_pairs.to_string()),
            figure("mentoring-bo-meetings", totals.meetings.to_string()),
            figure("mentoring-bo-hours", hours(lang, i64::from(totals.minutes))),
        ],
        pairs: pairs
            .iter()
            .map(|p| PairLine {
                href: format!("{base}/koppels/{}", p.public_id),
                title: lang.t_args(
                    "mentoring-bo-pair-mentor",
                    &[
                        ("mentor", p.mentor_name.as_str().into()),
                        ("mentee", p.mentee_name.as_str().into()),
                    ],
                ),
                reverse: p.reverse,
                state: lang.t(&format!("mentoring-pair-state-{}", p.state)),
                period: match (p.starts_on, p.months) {
                    (Some(from), Some(months)) => lang.t_args(
                        "mentoring-bo-period",
                        &[
                            ("from", lang.day(from).into()),
                            ("months", i64::from(months).into()),
                        ],
                    ),
                    _ => lang.t("mentoring-bo-no-period"),
                },
                meetings: p.meetings,
                hours: hours(lang, p.minutes),
                shared: p.shared,
                evaluations: p.evaluations,
            })
            .collect(),
        coordinators: state
            .db
            .coordinators(programme.id)
            .await?
            .into_iter()
            .map(|(name, email)| {
                if name.is_empty() {
                    email
                } else {
                    format!("{name} ({email})")
                }
            })
            .collect(),
        error_links: refusal
            .as_ref()
            .map(Refusal::error_links)
            .unwrap_or_default(),
        fields: vec![mentor, mentee, text],
        coordinator_fields,
        csrf: signed.csrf(state),
        base,
        programme,
    };
    Ok(Refusal::answer(refusal.as_ref(), Html(page.render()?)))
}

async fn show(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
    Path(id): Path<String>,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    let (programme, role) = reached(&state, &signed, &id).await?;
    let typed = ProposeForm {
        message: lang.t("mentoring-bo-propose-default"),
        ..ProposeForm::default()
    };
    let notice = notice(&uri, lang, NOTICES);
    render(
        &state, lang, &signed, programme, role, &typed, "", None, notice,
    )
    .await
}

async fn propose(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let (programme, role) = reached(&state, &signed, &id).await?;
    let pairs = Pairs::parse(&body);
    let typed = ProposeForm {
        mentor: pairs.get("mentor"),
        mentee: pairs.get("mentee"),
        message: pairs.get("message"),
    };
    if !signed.csrf_ok(&state, &headers, &pairs.get("csrf")) {
        let refusal = Some(Refusal::Expired);
        return render(
            &state, lang, &signed, programme, role, &typed, "", refusal, None,
        )
        .await;
    }
    let mut errors = Vec::new();
    let mentor = typed.mentor.trim().parse::<i64>().ok();
    let mentee = typed.mentee.trim().parse::<i64>().ok();
    if mentor.is_none() {
        errors.push(FieldError::new("mentor", "mentoring-error-person"));
    }
    if mentee.is_none() {
        errors.push(FieldError::new("mentee", "mentoring-error-person"));
    } else if mentor == mentee {
        errors.push(FieldError::new("mentee", "mentoring-error-same"));
    }
    let text = message(
        "message",
        &typed.message,
        "mentoring-error-message",
        &mut errors,
    );
    let (Some(mentor), Some(mentee)) = (mentor, mentee) else {
        let refusal = Some(Refusal::invalid(lang, &errors));
        return render(
            &state, lang, &signed, programme, role, &typed, "", refusal, None,
        )
        .await;
    };
    if !errors.is_empty() {
        let refusal = Some(Refusal::invalid(lang, &errors));
        return render(
            &state, lang, &signed, programme, role, &typed, "", refusal, None,
        )
        .await;
    }
    let outcome = state
        .db
        .propose_pair(
            &programme,
            signed.account.id,
            mentor,
            mentee,
            &text,
            crate::time::now(),
        )
        .await?;
    let refusal = match outcome {
        Some(AskOutcome::Sent(_)) => {
            state.mail_wake.notify_one();
            return Ok(see_other(format!(
                "{PATH}/{}?bericht=voorgesteld",
                programme.public_id
            )));
        }
        None => Refusal::invalid(lang, &[FieldError::new("mentor", "mentoring-error-person")]),
        Some(AskOutcome::NotFitting) => Refusal::Conflict(vec![(
            "mentor".to_owned(),
            lang.t("mentoring-refused-fitting"),
        )]),
        Some(AskOutcome::AlreadyAsked) => Refusal::NotNow(lang.t("mentoring-refused-already")),
        Some(AskOutcome::Unavailable | AskOutcome::NoProfile) => {
            Refusal::NotNow(lang.t("mentoring-refused-limit"))
        }
    };
    render(
        &state,
        lang,
        &signed,
        programme,
        role,
        &typed,
        "",
        Some(refusal),
        None,
    )
    .await
}

struct LoggedMeeting {
    heading: String,
    facts: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "backoffice/mentoring/pair.html")]
struct PairPage {
    lang: Lang,
    chrome: Chrome,
    programme: Programme,
    base: String,
    heading: String,
    shared: bool,
    meetings: Vec<LoggedMeeting>,
}

/// One pair for the coordinator: the log only when both share it.
async fn pair(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
    Path((id, pair)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let (programme, _) = reached(&state, &signed, &id).await?;
    if !public_id_shaped(&pair) {
        return Err(PageError::NotFound);
    }
    let row = state
        .db
        .programme_pair(programme.id, &pair)
        .await?
        .ok_or(PageError::NotFound)?;
    let meetings = if row.shared() {
        state
            .db
            .pair_meetings(row.id)
            .await?
            .into_iter()
            .map(|m| LoggedMeeting {
                heading: lang.t_args(
                    "mentoring-log-entry",
                    &[
                        ("date", lang.day(m.held_on).into()),
                        (
                            "hours",
                            lang.t1(
                                "mentoring-hours",
                                "hours",
                                hours(lang, i64::from(m.minutes)),
                            )
                            .into(),
                        ),
                    ],
                ),
                facts: vec![
                    (lang.t("mentoring-log-topics"), m.topics),
                    (
                        lang.t1(
                            "mentoring-log-mentor-learned",
                            "name",
                            row.mentor_name.as_str(),
                        ),
                        m.mentor_learned,
                    ),
                    (
                        lang.t1(
                            "mentoring-log-mentee-learned",
                            "name",
                            row.mentee_name.as_str(),
                        ),
                        m.mentee_learned,
                    ),
                ],
            })
            .collect()
    } else {
        Vec::new()
    };
    let heading = lang.t_args(
        "mentoring-bo-log-heading",
        &[
            ("mentor", row.mentor_name.as_str().into()),
            ("mentee", row.mentee_name.as_str().into()),
        ],
    );
    let base = format!("{PATH}/{}", programme.public_id);
    let page = PairPage {
        lang,
        chrome: Chrome::new(&state, lang, heading.clone(), &base, "backoffice"),
        programme,
        base,
        heading,
        shared: row.shared(),
        meetings,
    };
    Ok(Html(page.render()?).into_response())
}
