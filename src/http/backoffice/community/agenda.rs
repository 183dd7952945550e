//! A meeting's agenda in the back office (`/beheer/activiteiten/{id}/agenda/{session}`):
//! its timed items (a case waiting for an agenda, a contribution, something else),
//! each with an expert member or a speaker from outside; adding and removing items;
//! sending the agenda to the members the meeting invites; once the meeting has
//! begun, ticking who was there (the taking side of halen en brengen). Every form carries the
//! agenda's version: a change made on an older one (another kartrekker was quicker)
//! is refused with the input kept, never lost.

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Extension, OriginalUri, Path, State};
use axum::http::HeaderMap;
use axum::response::{Html, Response};
use axum::routing::{get, post};

use super::require_atelier;
use crate::db::community::{AgendaOutcome, AttendanceOutcome, MeetingRow};
use crate::domain::community::case::{AgendaItemForm, AgendaOffer, AgendaSlot};
use crate::domain::community::ledger::attendance_open;
use crate::http::AppState;
use crate::http::backoffice::access::Managed;
use crate::http::error::PageError;
use crate::http::kit::forms::{ErrorLink, FieldView, Pairs, Refusal, see_other};
use crate::http::kit::notices::{Notices, notice};
use crate::http::kit::views::Chrome;
use crate::i18n::Lang;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/beheer/activiteiten/{id}/agenda/{session}",
            get(show_agenda).post(add_item),
        )
        .route(
            "/beheer/activiteiten/{id}/agenda/{session}/versturen",
            post(publish),
        )
        .route(
            "/beheer/activiteiten/{id}/agenda/{session}/aanwezig",
            post(record_attendance),
        )
        .route(
            "/beheer/activiteiten/{id}/agenda/{session}/{item}/verwijderen",
            post(remove_item),
        )
        .layer(DefaultBodyLimit::max(16 * 1024))
}

/// The agenda page's notices (`?bericht=`).
pub const NOTICES: Notices = &[
    ("toegevoegd", "agenda-notice-added"),
    ("verwijderd", "agenda-notice-removed"),
    ("verstuurd", "agenda-notice-published"),
    ("aanwezig", "agenda-notice-attendance"),
];

struct ItemView {
    id: i64,
    time: String,
    kind: String,
    title: String,
    who: String,
}

#[derive(Template)]
#[template(path = "backoffice/agenda.html")]
struct AgendaPage<'a> {
    lang: Lang,
    chrome: Chrome,
    managed: &'a Managed,
    base: String,
    action: String,
    heading: String,
    published: Option<String>,
    items: Vec<ItemView>,
    version: i32,
    notice: Option<String>,
    error_links: Vec<ErrorLink>,
    fields: Vec<FieldView>,
    /// Who was there, once the meeting has begun: the members as checkboxes.
    attendance: Option<Vec<FieldView>>,
    csrf: String,
}

async fn meeting_of(
    state: &AppState,
    managed: &Managed,
    session: &str,
) -> Result<MeetingRow, PageError> {
    let id: i64 = session.parse().map_err(|_| PageError::NotFound)?;
    state
        .db
        .atelier_meeting(managed.activity.id, id)
        .await?
        .ok_or(PageError::NotFound)
}

async fn render(
    state: &AppState,
    lang: Lang,
    managed: &Managed,
    meeting: &MeetingRow,
    typed: &AgendaItemForm,
    refusal: Option<Refusal>,
    notice: Option<String>,
) -> Result<Response, PageError> {
    let activity = managed.activity.id;
    let items = state
        .db
        .agenda(meeting.id)
        .await?
        .into_iter()
        .map(|i| ItemView {
            id: i.id,
            time: lang.time_range(i.starts_at, i.ends_at),
            kind: lang.t(&format!("agenda-kind-{}", i.kind)),
            who: match (&i.expert_name, i.speaker_name.is_empty()) {
                (Some(name), _) if !name.is_empty() => name.clone(),
                (_, false) if i.speaker_affiliation.is_empty() => i.speaker_name.clone(),
                (_, false) => format!("{} ({})", i.speaker_name, i.speaker_affiliation),
                _ => String::new(),
            },
            title: i.title,
        })
        .collect();
    let cases = state.db.waiting_cases(activity).await?;
    let experts = state.db.expert_choices(activity).await?;
    let error_of = |field: &str| refusal.as_ref().and_then(|r| r.error(field));
    let field = |name: &str, kind: &'static str, value: &str| {
        let mut view = FieldView::new(name, lang.t(&format!("agenda-field-{name}")), kind, value);
        view.error = error_of(name);
        view
    };
    let fields = vec![
        field("kind", "select", &typed.kind).required().options(
            ["case", "contribution", "other"]
                .iter()
                .map(|k| ((*k).to_owned(), lang.t(&format!("agenda-kind-{k}"))))
                .collect(),
        ),
        field("case", "select", &typed.case)
            .options(
                // Optional choices start empty, else the first one is sent.
                std::iter::once((String::new(), lang.t("agenda-field-case-none")))
                    .chain(
                        cases
                            .iter()
                            .map(|(id, title)| (id.to_string(), title.clone())),
                    )
                    .collect(),
            )
            .described(lang.t("agenda-field-case-help")),
        field("title", "text", &typed.title).described(lang.t("agenda-field-title-help")),
        field("start", "time", &typed.start).required(),
        field("duration", "number", &typed.duration)
            .described(lang.t("agenda-field-duration-help")),
        field("end", "time", &typed.end),
        field("expert", "select", &typed.expert).options(
            std::iter::once((String::new(), lang.t("agenda-field-expert-none")))
                .chain(
                    experts
                        .iter()
                        .map(|(id, name)| (id.to_string(), name.clone())),
                )
                .collect(),
        ),
        field("speaker_name", "text", &typed.speaker_name)
            .described(lang.t("agenda-field-speaker_name-help")),
        field("speaker_affiliation", "text", &typed.speaker_affiliation),
    ];
    // As at the check-in: from shortly before the meeting begins.
    let attendance = if attendance_open(meeting.starts_at, crate::time::now()) {
        let present: Vec<String> = state
            .db
            .meeting_attendance(meeting.id)
            .await?
            .iter()
            .map(i64::to_string)
            .collect();
        let members = state.db.attendance_choices(activity).await?;
        Some(vec![
            FieldView::new("present", lang.t("agenda-field-present"), "checkboxes", "")
                .options(
                    members
                        .into_iter()
                        .map(|(id, name)| (id.to_string(), name))
                        .collect(),
                )
                .chosen(&present),
        ])
    } else {
        None
    };
    let base = managed.base();
    let action = format!("{base}/agenda/{}", meeting.id);
    let heading = lang.t1(
        "agenda-bo-heading",
        "when",
        format!(
            "{}, {}",
            lang.date_long(meeting.starts_at),
            lang.time_range(meeting.starts_at, meeting.ends_at)
        ),
    );
    let page = AgendaPage {
        lang,
        chrome: Chrome::new(state, lang, heading.clone(), &action, "backoffice"),
        managed,
        heading,
        published: meeting
            .agenda_published_at
            .map(|t| lang.t1("agenda-published-on", "date", lang.date_long(t))),
        items,
        version: meeting.agenda_version,
        notice: refusal.as_ref().and_then(|r| r.notice(lang)).or(notice),
        error_links: refusal
            .as_ref()
            .map(Refusal::error_links)
            .unwrap_or_default(),
        fields,
        attendance,
        csrf: managed.csrf(state),
        action,
        base,
    };
    Ok(Refusal::answer(refusal.as_ref(), Html(page.render()?)))
}

async fn show_agenda(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    Path((_, session)): Path<(String, String)>,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    require_atelier(&managed)?;
    let meeting = meeting_of(&state, &managed, &session).await?;
    let notice = notice(&uri, lang, NOTICES);
    let typed = AgendaItemForm {
        kind: "case".into(),
        ..AgendaItemForm::default()
    };
    render(&state, lang, &managed, &meeting, &typed, None, notice).await
}

fn version_of(pairs: &Pairs) -> i32 {
    pairs.get("version").trim().parse().unwrap_or(-1)
}

async fn add_item(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    Path((_, session)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    require_atelier(&managed)?;
    let meeting = meeting_of(&state, &managed, &session).await?;
    let pairs = Pairs::parse(&body);
    let form = AgendaItemForm {
        kind: pairs.get("kind"),
        case: pairs.get("case"),
        start: pairs.get("start"),
        duration: pairs.get("duration"),
        end: pairs.get("end"),
        title: pairs.get("title"),
        expert: pairs.get("expert"),
        speaker_name: pairs.get("speaker_name"),
        speaker_affiliation: pairs.get("speaker_affiliation"),
    };
    if !managed.form_ok(&state, &headers, &pairs) {
        let refusal = Some(Refusal::Expired);
        return render(&state, lang, &managed, &meeting, &form, refusal, None).await;
    }
    let activity = managed.activity.id;
    let cases: Vec<i64> = state
        .db
        .waiting_cases(activity)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let experts: Vec<i64> = state
        .db
        .expert_choices(activity)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let others: Vec<AgendaSlot> = state
        .db
        .agenda(meeting.id)
        .await?
        .iter()
        .map(|i| i.slot())
        .collect();
    let offer = AgendaOffer {
        meeting: meeting.times(),
        cases: &cases,
        experts: &experts,
        others: &others,
        now: crate::time::now(),
    };
    let item = match form.parse(&offer) {
        Ok(item) => item,
        Err(errors) => {
            let refusal = Some(Refusal::invalid(lang, &errors));
            return render(&state, lang, &managed, &meeting, &form, refusal, None).await;
        }
    };
    let outcome = state
        .db
        .add_agenda_item(
            activity,
            meeting.id,
            version_of(&pairs),
            &item,
            managed.actor(),
        )
        .await?;
    finish(
        &state,
        lang,
        &managed,
        &meeting,
        &form,
        outcome,
        "toegevoegd",
    )
    .await
}

/// After a change: on to the page with its notice, or, when the agenda changed in
/// between, the page as it is now with the input kept and why nothing was stored.
async fn finish(
    state: &AppState,
    lang: Lang,
    managed: &Managed,
    meeting: &MeetingRow,
    typed: &AgendaItemForm,
    outcome: AgendaOutcome,
    word: &str,
) -> Result<Response, PageError> {
    match outcome {
        AgendaOutcome::Saved => Ok(see_other(format!(
            "{}/agenda/{}?bericht={word}",
            managed.base(),
            meeting.id
        ))),
        AgendaOutcome::NotFound => Err(PageError::NotFound),
        AgendaOutcome::Stale => {
            let now = meeting_of(state, managed, &meeting.id.to_string()).await?;
            let refusal = Some(Refusal::NotNow(lang.t("agenda-stale")));
            render(state, lang, managed, &now, typed, refusal, None).await
        }
    }
}

async fn remove_item(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    Path((_, session, item)): Path<(String, String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    require_atelier(&managed)?;
    let meeting = meeting_of(&state, &managed, &session).await?;
    let item: i64 = item.parse().map_err(|_| PageError::NotFound)?;
    let pairs = Pairs::parse(&body);
    let typed = AgendaItemForm::default();
    if !managed.form_ok(&state, &headers, &pairs) {
        let refusal = Some(Refusal::Expired);
        return render(&state, lang, &managed, &meeting, &typed, refusal, None).await;
    }
    let outcome = state
        .db
        .remove_agenda_item(
            managed.activity.id,
            meeting.id,
            item,
            version_of(&pairs),
            managed.actor(),
        )
        .await?;
    finish(
        &state,
        lang,
        &managed,
        &meeting,
        &typed,
        outcome,
        "verwijderd",
    )
    .await
}

async fn publish(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    Path((_, session)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    require_atelier(&managed)?;
    let meeting = meeting_of(&state, &managed, &session).await?;
    let pairs = Pairs::parse(&body);
    let typed = AgendaItemForm::default();
    if !managed.form_ok(&state, &headers, &pairs) {
        let refusal = Some(Refusal::Expired);
        return render(&state, lang, &managed, &meeting, &typed, refusal, None).await;
    }
    let (outcome, sent) = state
        .db
        .publish_agenda(
            managed.activity.id,
            meeting.id,
            version_of(&pairs),
            managed.actor(),
        )
        .await?;
    if sent > 0 {
        state.mail_wake.notify_one();
    }
    finish(
        &state,
        lang,
        &managed,
        &meeting,
        &typed,
        outcome,
        "verstuurd",
    )
    .await
}

async fn record_attendance(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    Path((_, session)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    require_atelier(&managed)?;
    let meeting = meeting_of(&state, &managed, &session).await?;
    let pairs = Pairs::parse(&body);
    let typed = AgendaItemForm::default();
    if !managed.form_ok(&state, &headers, &pairs) {
        let refusal = Some(Refusal::Expired);
        return render(&state, lang, &managed, &meeting, &typed, refusal, None).await;
    }
    let present: Vec<i64> = pairs
        .all("present")
        .iter()
        .filter_map(|id| id.trim().parse().ok())
        .collect();
    let outcome = state
        .db
        .record_attendance(managed.activity.id, meeting.id, &present, managed.actor())
        .await?;
    match outcome {
        AttendanceOutcome::Saved(_) => Ok(see_other(format!(
            "{}/agenda/{}?bericht=aanwezig",
            managed.base(),
            meeting.id
        ))),
        AttendanceOutcome::NotFound => Err(PageError::NotFound),
        AttendanceOutcome::TooEarly => {
            let refusal = Some(Refusal::NotNow(lang.t("agenda-attendance-too-early")));
            render(&state, lang, &managed, &meeting, &typed, refusal, None).await
        }
    }
}
