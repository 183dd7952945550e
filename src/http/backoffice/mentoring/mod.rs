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
        .route(PATH, get(setup::list).post(setup::create))
        .route(
            "/beheer/mentoring/{programme}/coordinatoren",
            axum::routing::post(appoint),
        )
        .route(
            "/beheer/mentoring/{programme}/activiteit",
            axum::routing::post(setup::link),
        )
        .route("/beheer/mentoring/{programme}", get(show).post(propose))
        .route("/beheer/mentoring/{programme}/koppels/{pair}", get(pair))
        .layer(DefaultBodyLimit::max(32 * 1024))
}

/// The programme page's notices (`?bericht=`).
pub const NOTICES: Notices = &[
    ("voorgesteld", "mentoring-bo-proposed"),
    ("coordinator", "mentoring-bo-coordinator-added"),
    ("gekoppeld", "mentoring-bo-linked"),
];

mod setup;

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
    if !role.may_appoint() {
        return Err(PageError::Forbidden);
    }
    let pairs = Pairs::parse(&body);
    let typed = Typed {
        coordinator: pairs.get("coordinator"),
        ..Typed::new(lang)
    };
    if !signed.csrf_ok(&state, &headers, &pairs.get("csrf")) {
        let refusal = Some(Refusal::Expired);
        return render(
            &state, lang, &signed, programme, role, &typed, refusal, None,
        )
        .await;
    }
    let message = match crate::domain::registration::Email::parse(&typed.coordinator) {
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
    let refusal = Some(Refusal::invalid(
        lang,
        &[FieldError::new("coordinator", message)],
    ));
    render(
        &state, lang, &signed, programme, role, &typed, refusal, None,
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
    /// The activity the programme belongs to.
    link_fields: Vec<FieldView>,
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

/// What the programme page's forms hold: proposing a pair, naming a coordinator
/// and the linked activity (`None`: as stored).
struct Typed {
    propose: ProposeForm,
    coordinator: String,
    activity: Option<String>,
}

impl Typed {
    /// The forms as the page first shows them.
    fn new(lang: Lang) -> Self {
        Self {
            propose: ProposeForm {
                message: lang.t("mentoring-bo-propose-default"),
                ..ProposeForm::default()
            },
            coordinator: String::new(),
            activity: None,
        }
    }
}

#[allow(clippy::too_many_arguments)]
async fn render(
    state: &AppState,
    lang: Lang,
    signed: &Signed,
    programme: Programme,
    role: ProgrammeRole,
    typed: &Typed,
    refusal: Option<Refusal>,
    notice: Option<String>,
) -> Result<Response, PageError> {
    let coordinator = typed.coordinator.as_str();
    let stored = programme
        .activity_id
        .map(|a| a.to_string())
        .unwrap_or_default();
    let choices = state
        .db
        .programme_activity_choices(&[programme.organisation_id])
        .await?;
    let link_fields = vec![setup::activity_field(
        lang,
        &choices,
        typed.activity.as_deref().unwrap_or(&stored),
        refusal.as_ref().and_then(|r| r.error("activity")),
    )];
    let typed = &typed.propose;
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
        link_fields,
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
    let notice = notice(&uri, lang, NOTICES);
    let typed = Typed::new(lang);
    render(&state, lang, &signed, programme, role, &typed, None, notice).await
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
    let typed = Typed {
        propose: ProposeForm {
            mentor: pairs.get("mentor"),
            mentee: pairs.get("mentee"),
            message: pairs.get("message"),
        },
        ..Typed::new(lang)
    };
    if !signed.csrf_ok(&state, &headers, &pairs.get("csrf")) {
        let refusal = Some(Refusal::Expired);
        return render(
            &state, lang, &signed, programme, role, &typed, refusal, None,
        )
        .await;
    }
    let mut errors = Vec::new();
    let mentor = typed.propose.mentor.trim().parse::<i64>().ok();
    let mentee = typed.propose.mentee.trim().parse::<i64>().ok();
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
        &typed.propose.message,
        "mentoring-error-message",
        &mut errors,
    );
    let (Some(mentor), Some(mentee)) = (mentor, mentee) else {
        let refusal = Some(Refusal::invalid(lang, &errors));
        return render(
            &state, lang, &signed, programme, role, &typed, refusal, None,
        )
        .await;
    };
    if !errors.is_empty() {
        let refusal = Some(Refusal::invalid(lang, &errors));
        return render(
            &state, lang, &signed, programme, role, &typed, refusal, None,
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
