//! The editor's overview of one activity (its facts, sessions, questions and the
//! status buttons) and the preview as the public will see it.

use super::*;
use crate::domain::access::Permission;

pub(super) struct SessionItem {
    pub(super) when: String,
    pub(super) detail: String,
    pub(super) href: String,
}

pub(super) struct QuestionItem {
    pub(super) label: String,
    pub(super) detail: String,
    pub(super) href: String,
}

#[derive(Template)]
#[template(path = "backoffice/activity.html")]
pub(super) struct OverviewPage {
    pub(super) lang: Lang,
    pub(super) chrome: Chrome,
    pub(super) organisation: OrganisationRef,
    pub(super) base: String,
    /// The organisation's log narrowed to this activity.
    pub(super) log_href: String,
    pub(super) title: String,
    pub(super) kind: String,
    pub(super) status: String,
    pub(super) status_class: &'static str,
    pub(super) notice: Option<String>,
    pub(super) editable: bool,
    pub(super) places: String,
    pub(super) public_href: Option<String>,
    pub(super) can_publish: bool,
    pub(super) can_cancel: bool,
    pub(super) can_archive: bool,
    /// Organisers (not kartrekkers) reach the host's pages, the log, the status
    /// steps and the next edition.
    pub(super) organiser: bool,
    /// An atelier: the members page is one of its actions.
    pub(super) atelier: bool,
    /// It requires earlier modules: the prerequisite checks are one of its actions.
    pub(super) prerequisites: bool,
    pub(super) sessions: Vec<SessionItem>,
    pub(super) questions: Vec<QuestionItem>,
    pub(super) error_links: Vec<ErrorLink>,
    pub(super) fields: Vec<FieldView>,
    pub(super) csrf: String,
}

pub(super) fn session_when(lang: Lang, s: &SessionDetail) -> String {
    format!(
        "{}, {}",
        lang.date_long(s.starts_at),
        lang.time_range(s.starts_at, s.ends_at)
    )
}

pub(super) async fn overview(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    let notice = notice_key(&uri, NOTICES).map(|key| {
        let mut text = lang.t(key);
        if let Some(n) = query_param(&uri, "mails").and_then(|n| n.parse::<i64>().ok()) {
            text.push(' ');
            text.push_str(&lang.t1("bo-notice-mails", "count", n));
        }
        text
    });
    let render = OverviewRender {
        notice,
        ..OverviewRender::default()
    };
    render_overview(&state, lang, &managed, render).await
}

/// What the overview shows besides the activity: a notice after a change, or why a
/// button or the next-edition form came back, with the date as typed.
#[derive(Default)]
pub(super) struct OverviewRender {
    pub(super) notice: Option<String>,
    pub(super) refusal: Option<Refusal>,
    pub(super) date: String,
}

impl OverviewRender {
    pub(super) fn refused(refusal: Refusal) -> Self {
        Self {
            refusal: Some(refusal),
            ..Self::default()
        }
    }
}

pub(super) async fn render_overview(
    state: &AppState,
    lang: Lang,
    managed: &Managed,
    render: OverviewRender,
) -> Result<Response, PageError> {
    let refusal = render.refusal.as_ref();
    let detail = state
        .db
        .activity_detail_preview(&managed.activity.public_id)
        .await?
        .ok_or(PageError::NotFound)?;
    let questions = state.db.questions(managed.activity.id).await?;
    let status = detail.core.status;
    let base = managed.base();
    let places = match detail.core.capacity {
        Some(capacity) => lang.t_args(
            "bo-places-of",
            &[
                ("confirmed", i64::from(detail.core.confirmed).into()),
                ("capacity", i64::from(capacity).into()),
                ("waitlist", i64::from(detail.core.waitlisted).into()),
            ],
        ),
        None => lang.t_args(
            "bo-places-open",
            &[
                ("confirmed", i64::from(detail.core.confirmed).into()),
                ("waitlist", i64::from(detail.core.waitlisted).into()),
            ],
        ),
    };
    let sessions = detail
        .sessions
        .iter()
        .map(|s| {
            let venue = s
                .venue
                .as_ref()
                .map(|v| v.name.clone())
                .unwrap_or_else(|| lang.t("fact-venue-unknown"));
            SessionItem {
                when: session_when(lang, s),
                detail: lang.t_args(
                    "bo-session-detail",
                    &[
                        ("venue", venue.into()),
                        ("items", (s.program.len() as i64).into()),
                    ],
                ),
                href: format!("{base}/bijeenkomsten/{}", s.id),
            }
        })
        .collect();
    let questions = questions
        .iter()
        .map(|q| QuestionItem {
            label: q.label.clone(),
            detail: match (q.kind, q.required) {
                (QuestionKind::Text, true) => lang.t("bo-question-text-required"),
                (QuestionKind::Text, false) => lang.t("bo-question-text"),
                (QuestionKind::Choice, true) => lang.t("bo-question-choice-required"),
                (QuestionKind::Choice, false) => lang.t("bo-question-choice"),
            },
            href: format!("{base}/vragen/{}", q.id),
        })
        .collect();
    let mut date = FieldView::new("date", lang.t("bo-next-edition-date"), "date", &render.date)
        .required()
        .described(lang.t("bo-next-edition-date-help"));
    date.error = refusal.and_then(|r| r.error("date"));
    let status_class = match status {
        ActivityStatus::Published => "success",
        ActivityStatus::Draft => "neutral",
        ActivityStatus::Cancelled => "danger",
        ActivityStatus::Archived => "inactive",
    };
    let organiser = managed.may(Permission::Status);
    let page = OverviewPage {
        lang,
        chrome: Chrome::new(state, lang, detail.core.title.clone(), &base, "backoffice"),
        log_href: format!(
            "/beheer/organisaties/{}/logboek?activiteit={}",
            managed.organisation.slug, managed.activity.public_id
        ),
        organisation: managed.organisation.clone(),
        title: detail.core.title.clone(),
        kind: kind_label(lang, detail.core.kind),
        status: activity_status(lang, status),
        status_class,
        notice: refusal.and_then(|r| r.notice(lang)).or(render.notice),
        editable: editable(status),
        places,
        public_href: (status != ActivityStatus::Draft)
            .then(|| format!("/activiteiten/{}", detail.core.slug)),
        can_publish: organiser && transition(status, StatusAction::Publish).is_some(),
        can_cancel: organiser && transition(status, StatusAction::Cancel).is_some(),
        can_archive: organiser && transition(status, StatusAction::Archive).is_some(),
        organiser,
        atelier: detail.core.kind == crate::domain::activity::ActivityKind::Atelier,
        prerequisites: !detail.prerequisites.is_empty(),
        sessions,
        questions,
        error_links: refusal.map(Refusal::error_links).unwrap_or_default(),
        fields: vec![date],
        csrf: managed.csrf(state),
        base,
    };
    Ok(Refusal::answer(refusal, Html(page.render()?)))
}

pub(super) async fn preview(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
) -> Result<Response, PageError> {
    let detail = state
        .db
        .activity_detail_preview(&managed.activity.public_id)
        .await?
        .ok_or(PageError::NotFound)?;
    let notice = lang.t1(
        "bo-preview-notice",
        "status",
        activity_status(lang, detail.core.status),
    );
    let credit = state.db.activity_credit(managed.activity.id).await?;
    // A café made from a chosen theme links back to its inventory, as it will in public.
    let origin = state.db.survey_origin(managed.activity.id).await?;
    let page = ActivityPage::build(&state, lang, &detail, crate::time::now())
        .with_learning(lang, &credit)
        .with_survey(lang, origin)
        .preview(notice, lang.t("bo-preview-back"), managed.base());
    Ok(Html(page.render()?).into_response())
}
