//! The activity editor (`/beheer/activiteiten/{id}`): create and change activities of
//! all three kinds, their sessions with program and venue, and their questions;
//! publish, cancel (everyone registered is emailed), archive; a next edition; a
//! preview as the public sees it.
//!
//! Activities are addressed by their unguessable public id. Every handler reaches one
//! through the [`Managed`] extractor, which answers 404 unless the account manages one of
//! its host organisations. Forms work without JavaScript: a refused form comes back
//! filled in with the message at each field, and nothing is stored.

use std::collections::HashMap;

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Extension, FromRequestParts, OriginalUri, Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::NaiveDate;

use super::AppState;
use super::activity::ActivityPage;
use super::backoffice::{Staff, managed_organisation};
use super::error::PageError;
use super::pages::query_param;
use super::registration::{ErrorLink, FieldView, private};
use super::views::{Chrome, activity_status, kind_label};
use crate::db::account::OrganisationRef;
use crate::db::catalog::{SessionDetail, VenueRow};
use crate::db::editor::{
    ActivityAccess, Actor, EditorActivity, NewVenue, SaveOutcome, SessionContent, StatusOutcome,
};
use crate::domain::account::Roles;
use crate::domain::activity::{ActivityKind, ActivityStatus, ProgramItemKind};
use crate::domain::editor::{
    ActivityInput, MAX_NOTE, MAX_PROGRAM_ITEMS, MAX_TITLE, Offered, PersonName, ProgramInput,
    QuestionInput, SessionInput, StatusAction, editable, local_datetime_value, people_value,
    transition, validate_activity, validate_program, validate_question, validate_session,
};
use crate::domain::registration::{FieldError, QuestionKind, REGIONS, line, text};
use crate::i18n::Lang;

/// Large enough for an activity's body (20,000 characters, percent-encoded).
const MAX_BODY: usize = 256 * 1024;
/// Empty program rows offered below the filled ones.
const SPARE_ROWS: usize = 3;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/beheer/organisaties/{org}/activiteiten/nieuw",
            get(new_activity_form).post(create_activity),
        )
        .route("/beheer/activiteiten/{id}", get(overview))
        .route(
            "/beheer/activiteiten/{id}/bewerken",
            get(edit_activity_form).post(save_activity),
        )
        .route("/beheer/activiteiten/{id}/voorbeeld", get(preview))
        .route("/beheer/activiteiten/{id}/status", post(change_status))
        .route(
            "/beheer/activiteiten/{id}/annuleren",
            get(cancel_form).post(cancel_activity),
        )
        .route(
            "/beheer/activiteiten/{id}/volgende-editie",
            post(next_edition),
        )
        .route(
            "/beheer/activiteiten/{id}/bijeenkomsten/nieuw",
            get(session_form).post(store_session),
        )
        .route(
            "/beheer/activiteiten/{id}/bijeenkomsten/{session}",
            get(session_form).post(store_session),
        )
        .route(
            "/beheer/activiteiten/{id}/bijeenkomsten/{session}/verwijderen",
            post(delete_session),
        )
        .route(
            "/beheer/activiteiten/{id}/vragen/nieuw",
            get(question_form).post(store_question),
        )
        .route(
            "/beheer/activiteiten/{id}/vragen/{question}",
            get(question_form).post(store_question),
        )
        .route(
            "/beheer/activiteiten/{id}/vragen/{question}/verwijderen",
            post(delete_question),
        )
        .layer(DefaultBodyLimit::max(MAX_BODY))
}

// ------------------------------------------------------------------ access

/// An activity this account may edit, with the organisation it acts for.
pub struct Managed {
    pub staff: Staff,
    pub activity: ActivityAccess,
    pub organisation: OrganisationRef,
}

impl Managed {
    pub(super) fn base(&self) -> String {
        format!("/beheer/activiteiten/{}", self.activity.public_id)
    }

    pub(super) fn actor(&self) -> Actor {
        Actor {
            account_id: self.staff.0.account.id,
            organisation_id: self.organisation.id,
            now: crate::db::now(),
        }
    }

    pub(super) fn csrf(&self, state: &AppState) -> String {
        self.staff.0.csrf(state)
    }

    /// Whether a submitted form carries this session's CSRF token.
    pub(super) fn form_ok(&self, state: &AppState, headers: &HeaderMap, pairs: &Pairs) -> bool {
        self.staff.0.csrf_ok(state, headers, &pairs.get("csrf"))
    }
}

/// Whether `id` can be an activity's public id (checked before any lookup).
pub(super) fn activity_id_shaped(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Whether `id` can be a registration's public id (a UUID).
pub(super) fn registration_id_shaped(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-')
}

/// The activity with public id `id` if `roles` manage one of its hosts, with the
/// first host they manage (the organisation the change is made for); `None`
/// otherwise, whether it exists or not. Pages and the API both start here.
pub(super) async fn activity_for(
    state: &AppState,
    roles: &Roles,
    id: &str,
) -> sqlx::Result<Option<(ActivityAccess, OrganisationRef)>> {
    if !activity_id_shaped(id) {
        return Ok(None);
    }
    let Some(activity) = state.db.activity_access(id).await? else {
        return Ok(None);
    };
    let Some(host) = activity
        .organisations
        .iter()
        .copied()
        .find(|org| roles.manages(*org))
    else {
        return Ok(None);
    };
    Ok(state
        .db
        .organisation_ref_by_id(host)
        .await?
        .map(|organisation| (activity, organisation)))
}

/// The activity with public id `id` if this account manages one of its hosts; 404
/// otherwise, whether it exists or not.
pub(super) async fn managed_activity(
    state: &AppState,
    staff: Staff,
    id: &str,
) -> Result<Managed, PageError> {
    let (activity, organisation) = activity_for(state, &staff.0.account.roles, id)
        .await?
        .ok_or(PageError::NotFound)?;
    Ok(Managed {
        staff,
        activity,
        organisation,
    })
}

/// The path's parameters by name.
async fn path_params(
    parts: &mut Parts,
    state: &AppState,
) -> Result<HashMap<String, String>, Response> {
    Path::<HashMap<String, String>>::from_request_parts(parts, state)
        .await
        .map(|Path(params)| params)
        .map_err(IntoResponse::into_response)
}

/// Every page under `/beheer/activiteiten/{id}` starts here: signed in as staff
/// ([`Staff`]: otherwise to sign-in or 403), then [`managed_activity`] (404).
impl FromRequestParts<AppState> for Managed {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let staff = Staff::from_request_parts(parts, state).await?;
        let params = path_params(parts, state).await?;
        let id = params.get("id").map(String::as_str).unwrap_or_default();
        managed_activity(state, staff, id)
            .await
            .map_err(IntoResponse::into_response)
    }
}

/// The session or question a path names under its activity (`{session}`,
/// `{question}`); `None` on the `…/nieuw` paths. Not a number: 404.
pub struct Child(pub Option<i64>);

impl FromRequestParts<AppState> for Child {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let params = path_params(parts, state).await?;
        match params.get("session").or_else(|| params.get("question")) {
            None => Ok(Self(None)),
            Some(raw) => raw
                .parse()
                .map(|id| Self(Some(id)))
                .map_err(|_| PageError::NotFound.into_response()),
        }
    }
}

/// After a change: the public page and the sign-up form read fresh.
pub(super) async fn refresh(state: &AppState, managed: &Managed) -> Result<(), PageError> {
    Ok(refresh_slug(state, &managed.activity.slug).await?)
}

/// [`refresh`] by the activity's slug.
pub(super) async fn refresh_slug(state: &AppState, slug: &str) -> sqlx::Result<()> {
    state.pages.invalidate(slug);
    state.forms.reload(&state.db, slug).await?;
    Ok(())
}

/// Form fields as sent, in order; a name may repeat (checkbox groups).
pub(super) struct Pairs(Vec<(String, String)>);

impl Pairs {
    pub(super) fn parse(body: &[u8]) -> Self {
        Self(serde_urlencoded::from_bytes(body).unwrap_or_default())
    }

    pub(super) fn get(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    fn on(&self, name: &str) -> bool {
        self.0.iter().any(|(k, v)| k == name && v == "1")
    }
}

/// A group of fields under a heading (no heading: plain fields).
pub struct Group {
    pub heading: String,
    pub help: String,
    pub fields: Vec<FieldView>,
}

impl Group {
    pub(super) fn new(heading: String, fields: Vec<FieldView>) -> Self {
        Self {
            heading,
            help: String::new(),
            fields,
        }
    }
}

#[derive(Template)]
#[template(path = "backoffice/form.html")]
struct FormPage {
    lang: Lang,
    chrome: Chrome,
    crumbs: Vec<(String, String)>,
    heading: String,
    intro: Vec<String>,
    notice: Option<String>,
    error_links: Vec<ErrorLink>,
    action: String,
    groups: Vec<Group>,
    csrf: String,
    submit: String,
    back_href: String,
    /// A second form below, to remove what this page edits.
    danger: Option<Danger>,
}

/// A remove button under a form, with the update-email switch when registrants
/// would be told.
pub struct Danger {
    pub action: String,
    pub label: String,
    pub notify_label: Option<String>,
}

/// What every editor form page shares.
pub(super) struct FormFrame {
    heading: String,
    action: String,
    back_href: String,
    submit: String,
    crumbs: Vec<(String, String)>,
    danger: Option<Danger>,
    /// Paragraphs above the form.
    intro: Vec<String>,
    /// A warning above the form (an expired form, a change that was not saved).
    notice: Option<String>,
}

impl FormFrame {
    pub(super) fn intro(mut self, intro: Vec<String>) -> Self {
        self.intro = intro;
        self
    }

    pub(super) fn notice(mut self, notice: Option<String>) -> Self {
        self.notice = notice;
        self
    }
}

impl FormFrame {
    /// A form about an organisation as a whole.
    pub(super) fn for_organisation(
        lang: Lang,
        organisation: &OrganisationRef,
        heading: String,
        action: String,
        submit: &str,
    ) -> Self {
        let back = format!("/beheer/organisaties/{}", organisation.slug);
        Self {
            crumbs: vec![
                ("/beheer".into(), lang.t("bo-title")),
                (back.clone(), organisation.name.clone()),
                (action.clone(), heading.clone()),
            ],
            heading,
            back_href: back,
            action,
            submit: lang.t(submit),
            danger: None,
            intro: Vec::new(),
            notice: None,
        }
    }

    pub(super) fn for_activity(
        lang: Lang,
        managed: &Managed,
        heading: String,
        action: String,
        submit: &str,
    ) -> Self {
        Self {
            crumbs: vec![
                ("/beheer".into(), lang.t("bo-title")),
                (
                    format!("/beheer/organisaties/{}", managed.organisation.slug),
                    managed.organisation.name.clone(),
                ),
                (managed.base(), managed.activity.title.clone()),
                (action.clone(), heading.clone()),
            ],
            heading,
            back_href: managed.base(),
            action,
            submit: lang.t(submit),
            danger: None,
            intro: Vec::new(),
            notice: None,
        }
    }
}

/// The field errors in the reader's language, for the fields and the summary.
pub(super) fn translated(lang: Lang, errors: &[FieldError]) -> Vec<(String, String)> {
    errors
        .iter()
        .map(|e| (e.field.clone(), lang.t(e.message)))
        .collect()
}

/// Marks each field with its error.
fn mark(groups: &mut [Group], errors: &[(String, String)]) {
    for field in groups.iter_mut().flat_map(|g| g.fields.iter_mut()) {
        if let Some((_, message)) = errors.iter().find(|(f, _)| *f == field.name) {
            field.error = Some(message.clone());
        }
    }
}

pub(super) fn render_form(
    state: &AppState,
    lang: Lang,
    csrf: String,
    status: StatusCode,
    frame: FormFrame,
    mut groups: Vec<Group>,
    errors: &[(String, String)],
) -> Result<Response, PageError> {
    mark(&mut groups, errors);
    let page = FormPage {
        lang,
        chrome: Chrome::new(
            state,
            lang,
            frame.heading.clone(),
            &frame.action,
            "backoffice",
        ),
        crumbs: frame.crumbs,
        heading: frame.heading,
        intro: frame.intro,
        notice: frame.notice,
        error_links: errors
            .iter()
            .map(|(field, message)| ErrorLink {
                field: field.clone(),
                message: message.clone(),
            })
            .collect(),
        action: frame.action,
        groups,
        csrf,
        submit: frame.submit,
        back_href: frame.back_href,
        danger: frame.danger,
    };
    Ok(private((status, Html(page.render()?)).into_response()))
}

pub(super) fn see_other(path: String) -> Response {
    Redirect::to(&path).into_response()
}

/// Back to the overview, which says that a cancelled or archived activity stays as
/// it is.
fn not_editable(managed: &Managed) -> Response {
    see_other(managed.base())
}

// ------------------------------------------------------------------ overview

struct SessionItem {
    when: String,
    detail: String,
    href: String,
}

struct QuestionItem {
    label: String,
    detail: String,
    href: String,
}

#[derive(Template)]
#[template(path = "backoffice/activity.html")]
struct OverviewPage {
    lang: Lang,
    chrome: Chrome,
    organisation: OrganisationRef,
    base: String,
    /// The organisation's log narrowed to this activity.
    log_href: String,
    title: String,
    kind: String,
    status: String,
    status_class: &'static str,
    notice: Option<String>,
    editable: bool,
    places: String,
    public_href: Option<String>,
    can_publish: bool,
    can_cancel: bool,
    can_archive: bool,
    sessions: Vec<SessionItem>,
    questions: Vec<QuestionItem>,
    error_links: Vec<ErrorLink>,
    fields: Vec<FieldView>,
    csrf: String,
}

fn session_when(lang: Lang, s: &SessionDetail) -> String {
    format!(
        "{}, {}",
        lang.date_long(s.starts_at),
        lang.time_range(s.starts_at, s.ends_at)
    )
}

async fn overview(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    let notice = query_param(&uri, "bericht").and_then(|v| {
        let key = match v.as_str() {
            "aangemaakt" => "bo-notice-activity-created",
            "opgeslagen" => "bo-notice-saved",
            "gepubliceerd" => "bo-notice-published",
            "geannuleerd" => "bo-notice-cancelled",
            "gearchiveerd" => "bo-notice-archived",
            "gekopieerd" => "bo-notice-duplicated",
            "niet-toegestaan" => "bo-notice-not-allowed",
            "verwijderd" => "bo-notice-removed",
            _ => return None,
        };
        let mut text = lang.t(key);
        if let Some(n) = query_param(&uri, "mails").and_then(|n| n.parse::<i64>().ok()) {
            text.push(' ');
            text.push_str(&lang.t1("bo-notice-mails", "count", n));
        }
        Some(text)
    });
    render_overview(&state, lang, &managed, notice, StatusCode::OK, None).await
}

async fn render_overview(
    state: &AppState,
    lang: Lang,
    managed: &Managed,
    notice: Option<String>,
    status_code: StatusCode,
    date_error: Option<(String, String)>,
) -> Result<Response, PageError> {
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
    let mut date = FieldView::new("date", lang.t("bo-next-edition-date"), "date", "")
        .required()
        .described(lang.t("bo-next-edition-date-help"));
    let mut error_links = Vec::new();
    if let Some((value, message)) = date_error {
        date.value = value;
        date.error = Some(message.clone());
        error_links.push(ErrorLink {
            field: "date".into(),
            message,
        });
    }
    let status_class = match status {
        ActivityStatus::Published => "success",
        ActivityStatus::Draft => "neutral",
        ActivityStatus::Cancelled => "danger",
        ActivityStatus::Archived => "inactive",
    };
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
        notice,
        editable: editable(status),
        places,
        public_href: (status != ActivityStatus::Draft)
            .then(|| format!("/activiteiten/{}", detail.core.slug)),
        can_publish: transition(status, StatusAction::Publish).is_some(),
        can_cancel: transition(status, StatusAction::Cancel).is_some(),
        can_archive: transition(status, StatusAction::Archive).is_some(),
        sessions,
        questions,
        error_links,
        fields: vec![date],
        csrf: managed.csrf(state),
        base,
    };
    Ok(private((status_code, Html(page.render()?)).into_response()))
}

async fn preview(
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
    let page = ActivityPage::build(&state, lang, &detail, crate::db::now()).preview(
        notice,
        lang.t("bo-preview-back"),
        managed.base(),
    );
    Ok(private(Html(page.render()?).into_response()))
}

// ------------------------------------------------------------------ the activity form

/// The form as stored, for editing.
pub(super) fn input_from(stored: &EditorActivity, title: &str) -> ActivityInput {
    let r = &stored.row;
    ActivityInput {
        title: title.to_owned(),
        subtitle: r.subtitle.clone(),
        summary: r.summary.clone(),
        body: r.body.clone(),
        region: r.region.clone(),
        cost: r
            .cost_cents
            .map(|c| format!("{},{:02}", c / 100, c % 100))
            .unwrap_or_default(),
        cost_note: r.cost_note.clone(),
        time_investment: r.time_investment.clone(),
        recurrence_note: r.recurrence_note.clone(),
        participation_note: r.participation_note.clone(),
        capacity: r.capacity.map(|c| c.to_string()).unwrap_or_default(),
        waitlist: r.waitlist_enabled,
        registration_open: r.registration_open,
        promotion: r.promotion.clone(),
        offer_hours: r.offer_hours.to_string(),
        opens_at: r
            .registration_opens_at
            .map(local_datetime_value)
            .unwrap_or_default(),
        closes_at: r
            .registration_closes_at
            .map(local_datetime_value)
            .unwrap_or_default(),
        organiser_email: r.organiser_email.clone(),
        themes: stored.themes.clone(),
        audiences: stored.audiences.clone(),
        contact_name: r.contact_name.clone().unwrap_or_default(),
        contact_affiliation: r.contact_affiliation.clone().unwrap_or_default(),
        contact_email: r.contact_email.clone().unwrap_or_default(),
        contact_phone: r.contact_phone.clone().unwrap_or_default(),
        facilitators: people_value(stored.facilitators.iter().map(PersonName::parts), "\n"),
        links: stored
            .links
            .iter()
            .map(|(title, url)| format!("{title} | {url}"))
            .collect::<Vec<_>>()
            .join("\n"),
        prerequisites: stored.prerequisites.clone(),
    }
}

fn input_from_pairs(pairs: &Pairs) -> ActivityInput {
    ActivityInput {
        title: pairs.get("title"),
        subtitle: pairs.get("subtitle"),
        summary: pairs.get("summary"),
        body: pairs.get("body"),
        region: pairs.get("region"),
        cost: pairs.get("cost"),
        cost_note: pairs.get("cost_note"),
        time_investment: pairs.get("time_investment"),
        recurrence_note: pairs.get("recurrence_note"),
        participation_note: pairs.get("participation_note"),
        capacity: pairs.get("capacity"),
        waitlist: pairs.on("waitlist"),
        registration_open: pairs.on("registration_open"),
        promotion: pairs.get("promotion"),
        offer_hours: pairs.get("offer_hours"),
        opens_at: pairs.get("opens_at"),
        closes_at: pairs.get("closes_at"),
        organiser_email: pairs.get("organiser_email"),
        themes: pairs.all("themes"),
        audiences: pairs.all("audiences"),
        contact_name: pairs.get("contact_name"),
        contact_affiliation: pairs.get("contact_affiliation"),
        contact_email: pairs.get("contact_email"),
        contact_phone: pairs.get("contact_phone"),
        facilitators: pairs.get("facilitators"),
        links: pairs.get("links"),
        prerequisites: pairs.all("prerequisites"),
    }
}

/// What the activity form offers to choose from: (value, label) lists.
pub(super) struct Choices {
    themes: Vec<(String, String)>,
    audiences: Vec<(String, String)>,
    activities: Vec<(String, String)>,
}

impl Choices {
    pub(super) async fn load(
        state: &AppState,
        lang: Lang,
        organisation_id: i64,
        except: Option<&str>,
    ) -> Result<Self, PageError> {
        let themes = state
            .db
            .themes_with_counts(crate::db::now())
            .await?
            .into_iter()
            .map(|(t, _)| (t.slug.clone(), lang.pick(&t.name_nl, &t.name_en).to_owned()))
            .collect();
        let audiences = state
            .db
            .audiences()
            .await?
            .into_iter()
            .map(|a| (a.slug.clone(), lang.pick(&a.name_nl, &a.name_en).to_owned()))
            .collect();
        let activities = state
            .db
            .organisation_activities(organisation_id)
            .await?
            .into_iter()
            .filter(|a| Some(a.slug.as_str()) != except)
            .map(|a| (a.slug, a.title))
            .collect();
        Ok(Self {
            themes,
            audiences,
            activities,
        })
    }

    /// The slugs on offer, for [`validate_activity`].
    pub(super) fn slugs(&self) -> [Vec<&str>; 3] {
        fn slugs(list: &[(String, String)]) -> Vec<&str> {
            list.iter().map(|(s, _)| s.as_str()).collect()
        }
        [
            slugs(&self.themes),
            slugs(&self.audiences),
            slugs(&self.activities),
        ]
    }
}

pub(super) fn offered<'a>(slugs: &'a [Vec<&'a str>; 3]) -> Offered<'a> {
    Offered {
        themes: &slugs[0],
        audiences: &slugs[1],
        activities: &slugs[2],
    }
}

fn activity_groups(
    lang: Lang,
    input: &ActivityInput,
    choices: &Choices,
    kind: Option<ActivityKind>,
) -> Vec<Group> {
    let text_field = |name: &str, kind: &'static str, value: &str| {
        FieldView::new(name, lang.t(&format!("bo-field-{name}")), kind, value)
    };
    let help = |field: FieldView, key: &str| field.described(lang.t(key));
    let mut about = Vec::new();
    if kind.is_none() {
        about.push(
            FieldView::new("kind", lang.t("bo-field-kind"), "select", "cafe")
                .required()
                .options(
                    ActivityKind::ALL
                        .iter()
                        .map(|k| (k.as_str().to_owned(), kind_label(lang, *k)))
                        .collect(),
                ),
        );
    }
    about.extend([
        text_field("title", "text", &input.title).required(),
        text_field("subtitle", "text", &input.subtitle),
        help(
            text_field("summary", "textarea", &input.summary).required(),
            "bo-help-summary",
        ),
        help(
            text_field("body", "textarea", &input.body).rows(12),
            "bo-help-body",
        ),
        FieldView::new("themes", lang.t("bo-field-themes"), "checkboxes", "")
            .options(choices.themes.clone())
            .chosen(&input.themes),
        FieldView::new("audiences", lang.t("bo-field-audiences"), "checkboxes", "")
            .options(choices.audiences.clone())
            .chosen(&input.audiences),
        FieldView::new("region", lang.t("bo-field-region"), "select", &input.region).options(
            std::iter::once((String::new(), lang.t("bo-region-none")))
                .chain(REGIONS.iter().map(|r| ((*r).to_owned(), (*r).to_owned())))
                .collect(),
        ),
    ]);
    let practical = vec![
        help(text_field("cost", "text", &input.cost), "bo-help-cost"),
        text_field("cost_note", "text", &input.cost_note),
        text_field("time_investment", "text", &input.time_investment),
        text_field("recurrence_note", "textarea", &input.recurrence_note),
        text_field("participation_note", "textarea", &input.participation_note),
    ];
    let people = vec![
        text_field("contact_name", "text", &input.contact_name),
        text_field("contact_affiliation", "text", &input.contact_affiliation),
        text_field("contact_email", "email", &input.contact_email),
        text_field("contact_phone", "tel", &input.contact_phone),
        help(
            text_field("facilitators", "textarea", &input.facilitators),
            "bo-help-facilitators",
        ),
    ];
    let registration = vec![
        FieldView::checkbox(
            "registration_open",
            lang.t("bo-field-registration_open"),
            input.registration_open,
        ),
        help(
            text_field("capacity", "number", &input.capacity),
            "bo-help-capacity",
        ),
        FieldView::checkbox("waitlist", lang.t("bo-field-waitlist"), input.waitlist),
        FieldView::new(
            "promotion",
            lang.t("bo-field-promotion"),
            "select",
            &input.promotion,
        )
        .options(vec![
            ("automatic".into(), lang.t("bo-promotion-automatic")),
            ("offer".into(), lang.t("bo-promotion-offer")),
        ]),
        help(
            text_field("offer_hours", "number", &input.offer_hours),
            "bo-help-offer_hours",
        ),
        help(
            text_field("opens_at", "datetime-local", &input.opens_at),
            "bo-help-opens_at",
        ),
        help(
            text_field("closes_at", "datetime-local", &input.closes_at),
            "bo-help-closes_at",
        ),
        help(
            text_field("organiser_email", "email", &input.organiser_email),
            "bo-help-organiser_email",
        ),
    ];
    let mut more = vec![help(
        text_field("links", "textarea", &input.links),
        "bo-help-links",
    )];
    if !choices.activities.is_empty() {
        more.push(
            FieldView::new(
                "prerequisites",
                lang.t("bo-field-prerequisites"),
                "checkboxes",
                "",
            )
            .options(choices.activities.clone())
            .chosen(&input.prerequisites),
        );
    }
    vec![
        Group::new(lang.t("bo-group-about"), about),
        Group::new(lang.t("bo-group-practical"), practical),
        Group::new(lang.t("bo-group-people"), people),
        Group::new(lang.t("bo-group-registration"), registration),
        Group::new(lang.t("bo-group-more"), more),
    ]
}

async fn new_activity_form(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    staff: Staff,
    Path(org): Path<String>,
) -> Result<Response, PageError> {
    let organisation = managed_organisation(&state, &staff, &org).await?;
    let input = ActivityInput {
        registration_open: true,
        waitlist: true,
        promotion: "automatic".into(),
        offer_hours: "48".into(),
        ..ActivityInput::default()
    };
    let choices = Choices::load(&state, lang, organisation.id, None).await?;
    let groups = activity_groups(lang, &input, &choices, None);
    let frame = new_activity_frame(lang, &organisation);
    render_form(
        &state,
        lang,
        staff.0.csrf(&state),
        StatusCode::OK,
        frame.intro(vec![lang.t("bo-activity-new-intro")]),
        groups,
        &[],
    )
}

fn new_activity_frame(lang: Lang, organisation: &OrganisationRef) -> FormFrame {
    let action = format!(
        "/beheer/organisaties/{}/activiteiten/nieuw",
        organisation.slug
    );
    let heading = lang.t("bo-activity-new");
    FormFrame {
        crumbs: vec![
            ("/beheer".into(), lang.t("bo-title")),
            (
                format!("/beheer/organisaties/{}", organisation.slug),
                organisation.name.clone(),
            ),
            (action.clone(), heading.clone()),
        ],
        heading,
        back_href: format!("/beheer/organisaties/{}", organisation.slug),
        action,
        submit: lang.t("bo-activity-create"),
        danger: None,
        intro: Vec::new(),
        notice: None,
    }
}

async fn create_activity(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    staff: Staff,
    Path(org): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let organisation = managed_organisation(&state, &staff, &org).await?;
    let pairs = Pairs::parse(&body);
    let input = input_from_pairs(&pairs);
    let kind = ActivityKind::parse(&pairs.get("kind"));
    let choices = Choices::load(&state, lang, organisation.id, None).await?;
    let refuse = |status, errors: Vec<(String, String)>, notice| {
        let mut groups = activity_groups(lang, &input, &choices, None);
        if let Some(kind) = kind {
            for f in groups.iter_mut().flat_map(|g| g.fields.iter_mut()) {
                if f.name == "kind" {
                    f.value = kind.as_str().to_owned();
                }
            }
        }
        render_form(
            &state,
            lang,
            staff.0.csrf(&state),
            status,
            new_activity_frame(lang, &organisation).notice(notice),
            groups,
            &errors,
        )
    };
    if !staff.0.csrf_ok(&state, &headers, &pairs.get("csrf")) {
        return refuse(
            StatusCode::FORBIDDEN,
            Vec::new(),
            Some(lang.t("form-expired")),
        );
    }
    let slugs = choices.slugs();
    let offered = offered(&slugs);
    let mut errors = match validate_activity(&input, offered) {
        Ok(_) => Vec::new(),
        Err(errors) => errors,
    };
    if kind.is_none() {
        errors.insert(0, FieldError::new("kind", "error-choice"));
    }
    let (Some(kind), Ok(valid)) = (kind, validate_activity(&input, offered)) else {
        return refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            translated(lang, &errors),
            None,
        );
    };
    let actor = Actor {
        account_id: staff.0.account.id,
        organisation_id: organisation.id,
        now: crate::db::now(),
    };
    let public_id = state.db.create_activity(kind, &valid, actor).await?;
    Ok(see_other(format!(
        "/beheer/activiteiten/{public_id}?bericht=aangemaakt"
    )))
}

async fn edit_activity_form(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
) -> Result<Response, PageError> {
    if !editable(managed.activity.status) {
        return Ok(not_editable(&managed));
    }
    let stored = state
        .db
        .editor_activity(managed.activity.id)
        .await?
        .ok_or(PageError::NotFound)?;
    let input = input_from(&stored, &managed.activity.title);
    let choices = Choices::load(
        &state,
        lang,
        managed.organisation.id,
        Some(managed.activity.slug.as_str()),
    )
    .await?;
    let groups = activity_groups(lang, &input, &choices, Some(managed.activity.kind));
    let frame = edit_frame(lang, &managed);
    render_form(
        &state,
        lang,
        managed.csrf(&state),
        StatusCode::OK,
        frame,
        groups,
        &[],
    )
}

fn edit_frame(lang: Lang, managed: &Managed) -> FormFrame {
    FormFrame::for_activity(
        lang,
        managed,
        lang.t("bo-activity-edit"),
        format!("{}/bewerken", managed.base()),
        "bo-save",
    )
}

/// The consent checkbox shown when a new limit is below the places taken.
fn consent_group(lang: Lang, taken: u32) -> Group {
    let mut group = Group::new(
        lang.t("bo-capacity-below-heading"),
        vec![FieldView::checkbox(
            "consent",
            lang.t("bo-capacity-consent"),
            false,
        )],
    );
    group.help = lang.t1("bo-capacity-below", "taken", i64::from(taken));
    group
}

async fn save_activity(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let pairs = Pairs::parse(&body);
    let input = input_from_pairs(&pairs);
    let choices = Choices::load(
        &state,
        lang,
        managed.organisation.id,
        Some(managed.activity.slug.as_str()),
    )
    .await?;
    let refuse = |status, errors: Vec<(String, String)>, notice, taken: Option<u32>| {
        let mut groups = activity_groups(lang, &input, &choices, Some(managed.activity.kind));
        if let Some(taken) = taken {
            groups.insert(0, consent_group(lang, taken));
        }
        render_form(
            &state,
            lang,
            managed.csrf(&state),
            status,
            edit_frame(lang, &managed).notice(notice),
            groups,
            &errors,
        )
    };
    if !managed.form_ok(&state, &headers, &pairs) {
        return refuse(
            StatusCode::FORBIDDEN,
            Vec::new(),
            Some(lang.t("form-expired")),
            None,
        );
    }
    let slugs = choices.slugs();
    let valid = match validate_activity(&input, offered(&slugs)) {
        Ok(valid) => valid,
        Err(errors) => {
            return refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                translated(lang, &errors),
                None,
                None,
            );
        }
    };
    let outcome = state
        .db
        .update_activity(
            managed.activity.id,
            &valid,
            pairs.on("consent"),
            managed.actor(),
        )
        .await?;
    after_save(&state, lang, &managed, outcome, refuse).await
}

/// The answer to a saved activity or session form: back to the overview (saying
/// how many registrants are emailed), or the form again (`refuse`: status, errors
/// at fields, a notice, the places taken when a lower limit needs consent) with a
/// 409 that says why.
async fn after_save(
    state: &AppState,
    lang: Lang,
    managed: &Managed,
    outcome: SaveOutcome,
    refuse: impl FnOnce(
        StatusCode,
        Vec<(String, String)>,
        Option<String>,
        Option<u32>,
    ) -> Result<Response, PageError>,
) -> Result<Response, PageError> {
    match outcome {
        SaveOutcome::Saved { notified } => {
            refresh(state, managed).await?;
            if notified > 0 {
                state.mail_wake.notify_one();
            }
            Ok(see_other(format!(
                "{}?bericht=opgeslagen&mails={notified}",
                managed.base()
            )))
        }
        SaveOutcome::NotEditable(_) => refuse(
            StatusCode::CONFLICT,
            Vec::new(),
            Some(lang.t("bo-not-editable-now")),
            None,
        ),
        SaveOutcome::CapacityBelowTaken { taken } => refuse(
            StatusCode::CONFLICT,
            vec![("consent".into(), lang.t("bo-capacity-consent-needed"))],
            None,
            Some(taken),
        ),
        SaveOutcome::NotFound => Err(PageError::NotFound),
    }
}

// ------------------------------------------------------------------ status

async fn change_status(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let pairs = Pairs::parse(&body);
    if !managed.form_ok(&state, &headers, &pairs) {
        let notice = Some(lang.t("form-expired"));
        return render_overview(&state, lang, &managed, notice, StatusCode::FORBIDDEN, None).await;
    }
    // Cancelling has its own page: it emails everyone registered.
    let action = match StatusAction::parse(&pairs.get("action")) {
        Some(StatusAction::Cancel) => {
            return Ok(see_other(format!("{}/annuleren", managed.base())));
        }
        Some(action) => action,
        None => {
            return Ok(see_other(format!(
                "{}?bericht=niet-toegestaan",
                managed.base()
            )));
        }
    };
    apply_status(&state, lang, &managed, action, "").await
}

async fn apply_status(
    state: &AppState,
    lang: Lang,
    managed: &Managed,
    action: StatusAction,
    message: &str,
) -> Result<Response, PageError> {
    let outcome = state
        .db
        .change_status(managed.activity.id, action, message, managed.actor())
        .await?;
    match outcome {
        StatusOutcome::Changed { status, notified } => {
            refresh(state, managed).await?;
            if notified > 0 {
                state.mail_wake.notify_one();
            }
            let word = match status {
                ActivityStatus::Published => "gepubliceerd",
                ActivityStatus::Cancelled => "geannuleerd",
                _ => "gearchiveerd",
            };
            Ok(see_other(format!(
                "{}?bericht={word}&mails={notified}",
                managed.base()
            )))
        }
        StatusOutcome::NotAllowed(_) => {
            let notice = Some(lang.t("bo-notice-not-allowed"));
            render_overview(state, lang, managed, notice, StatusCode::CONFLICT, None).await
        }
    }
}

fn cancel_groups(lang: Lang, message: &str) -> Vec<Group> {
    vec![Group::new(
        String::new(),
        vec![
            FieldView::new("message", lang.t("bo-cancel-message"), "textarea", message)
                .rows(6)
                .described(lang.t("bo-cancel-message-help")),
        ],
    )]
}

async fn cancel_form(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
) -> Result<Response, PageError> {
    if transition(managed.activity.status, StatusAction::Cancel).is_none() {
        return Ok(see_other(format!(
            "{}?bericht=niet-toegestaan",
            managed.base()
        )));
    }
    let informed = state.db.informed_count(managed.activity.id).await?;
    render_form(
        &state,
        lang,
        managed.csrf(&state),
        StatusCode::OK,
        cancel_frame(lang, &managed).intro(vec![lang.t1(
            "bo-cancel-intro",
            "count",
            informed as i64,
        )]),
        cancel_groups(lang, ""),
        &[],
    )
}

fn cancel_frame(lang: Lang, managed: &Managed) -> FormFrame {
    FormFrame::for_activity(
        lang,
        managed,
        lang.t("bo-cancel-heading"),
        format!("{}/annuleren", managed.base()),
        "bo-cancel-confirm",
    )
}

async fn cancel_activity(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let pairs = Pairs::parse(&body);
    let raw = pairs.get("message");
    let refuse = |status, errors: Vec<(String, String)>, notice| {
        render_form(
            &state,
            lang,
            managed.csrf(&state),
            status,
            cancel_frame(lang, &managed).notice(notice),
            cancel_groups(lang, &raw),
            &errors,
        )
    };
    if !managed.form_ok(&state, &headers, &pairs) {
        return refuse(
            StatusCode::FORBIDDEN,
            Vec::new(),
            Some(lang.t("form-expired")),
        );
    }
    let message = match text(&raw, MAX_NOTE) {
        Ok(message) => message,
        Err(key) => {
            return refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                vec![("message".into(), lang.t(key))],
                None,
            );
        }
    };
    apply_status(&state, lang, &managed, StatusAction::Cancel, &message).await
}

async fn next_edition(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let pairs = Pairs::parse(&body);
    let raw = pairs.get("date");
    if !managed.form_ok(&state, &headers, &pairs) {
        let notice = Some(lang.t("form-expired"));
        return render_overview(&state, lang, &managed, notice, StatusCode::FORBIDDEN, None).await;
    }
    let date = match NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d") {
        Ok(date) => date,
        Err(_) => {
            let key = if raw.trim().is_empty() {
                "editor-error-date-required"
            } else {
                "editor-error-date"
            };
            let error = Some((raw.clone(), lang.t(key)));
            return render_overview(
                &state,
                lang,
                &managed,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
                error,
            )
            .await;
        }
    };
    let public_id = state
        .db
        .duplicate_activity(managed.activity.id, date, managed.actor())
        .await?;
    Ok(see_other(format!(
        "/beheer/activiteiten/{public_id}?bericht=gekopieerd"
    )))
}

// ------------------------------------------------------------------ sessions

/// The session form as typed.
pub(super) struct SessionForm {
    pub(super) session: SessionInput,
    pub(super) venue: NewVenue,
    pub(super) program: Vec<ProgramInput>,
    pub(super) notify: bool,
}

impl SessionForm {
    fn from_pairs(pairs: &Pairs) -> Self {
        let mut program = Vec::new();
        for i in 0..(MAX_PROGRAM_ITEMS + SPARE_ROWS) {
            let get = |name: &str| pairs.get(&format!("p{i}_{name}"));
            if !pairs
                .0
                .iter()
                .any(|(k, _)| k.starts_with(&format!("p{i}_")))
            {
                break;
            }
            program.push(ProgramInput {
                time: get("time"),
                kind: get("kind"),
                title: get("title"),
                description: get("description"),
                speakers: get("speakers"),
            });
        }
        Self {
            session: SessionInput {
                date: pairs.get("date"),
                start: pairs.get("start"),
                end: pairs.get("end"),
                venue: pairs.get("venue"),
                capacity: pairs.get("capacity"),
                title: pairs.get("title"),
            },
            venue: NewVenue {
                name: pairs.get("venue_name"),
                address: pairs.get("venue_address"),
                postcode: pairs.get("venue_postcode"),
                city: pairs.get("venue_city"),
                route_transit: pairs.get("venue_transit"),
                route_car: pairs.get("venue_car"),
                accessibility: pairs.get("venue_accessibility"),
            },
            program,
            notify: pairs.on("notify"),
        }
    }

    pub(super) fn from_detail(s: &SessionDetail) -> Self {
        let local =
            |t: crate::db::catalog::Timestamp| t.with_timezone(&chrono_tz::Europe::Amsterdam);
        Self {
            session: SessionInput {
                date: local(s.starts_at).format("%Y-%m-%d").to_string(),
                start: local(s.starts_at).format("%H:%M").to_string(),
                end: local(s.ends_at).format("%H:%M").to_string(),
                venue: s.venue.as_ref().map(|v| v.slug.clone()).unwrap_or_default(),
                capacity: s.capacity.map(|c| c.to_string()).unwrap_or_default(),
                title: s.title.clone(),
            },
            venue: NewVenue::default(),
            program: s
                .program
                .iter()
                .map(|item| ProgramInput {
                    time: item
                        .starts_at
                        .map(|t| local(t).format("%H:%M").to_string())
                        .unwrap_or_default(),
                    kind: item.kind.as_str().to_owned(),
                    title: item.title.clone(),
                    description: item.description.clone(),
                    speakers: people_value(
                        item.speakers
                            .iter()
                            .map(|p| (p.name.as_str(), p.affiliation.as_str())),
                        "; ",
                    ),
                })
                .collect(),
            notify: true,
        }
    }

    /// The checked session and program, or every problem at its field.
    pub(super) fn validate(&self, venues: &[&str]) -> Result<SessionContent, Vec<FieldError>> {
        let mut errors = Vec::new();
        let session = validate_session(&self.session, venues);
        let new_venue = self.new_venue(&mut errors);
        if new_venue.is_some() && !self.session.venue.trim().is_empty() {
            errors.push(FieldError::new("venue_name", "editor-error-venue-both"));
        }
        let session = match session {
            Ok(session) => Some(session),
            Err(found) => {
                errors.extend(found);
                None
            }
        };
        let program = match &session {
            Some(session) => match validate_program(&self.program, session) {
                Ok(program) => program,
                Err(found) => {
                    errors.extend(found);
                    Vec::new()
                }
            },
            None => Vec::new(),
        };
        match session {
            Some(session) if errors.is_empty() => Ok(SessionContent {
                session,
                new_venue,
                program,
            }),
            _ => Err(errors),
        }
    }

    fn new_venue(&self, errors: &mut Vec<FieldError>) -> Option<NewVenue> {
        let v = &self.venue;
        let mut check = |field: &str, raw: &str, max: usize| {
            let result = if max == MAX_NOTE {
                text(raw, max)
            } else {
                line(raw, max)
            };
            result.unwrap_or_else(|message| {
                errors.push(FieldError::new(field, message));
                String::new()
            })
        };
        let venue = NewVenue {
            name: check("venue_name", &v.name, MAX_TITLE),
            address: check("venue_address", &v.address, MAX_TITLE),
            postcode: check("venue_postcode", &v.postcode, 20),
            city: check("venue_city", &v.city, MAX_TITLE),
            route_transit: check("venue_transit", &v.route_transit, MAX_NOTE),
            route_car: check("venue_car", &v.route_car, MAX_NOTE),
            accessibility: check("venue_accessibility", &v.accessibility, MAX_NOTE),
        };
        let any_other = [
            &venue.address,
            &venue.postcode,
            &venue.city,
            &venue.route_transit,
            &venue.route_car,
            &venue.accessibility,
        ]
        .iter()
        .any(|v| !v.is_empty());
        if venue.name.is_empty() {
            if any_other {
                errors.push(FieldError::new("venue_name", "editor-error-venue-name"));
            }
            return None;
        }
        Some(venue)
    }
}

fn session_groups(
    lang: Lang,
    form: &SessionForm,
    venues: &[VenueRow],
    published: bool,
) -> Vec<Group> {
    let field = |name: &str, kind: &'static str, value: &str| {
        FieldView::new(
            name,
            lang.t(&format!("bo-field-session-{name}")),
            kind,
            value,
        )
    };
    let s = &form.session;
    let when = vec![
        field("date", "date", &s.date).required(),
        field("start", "time", &s.start).required(),
        field("end", "time", &s.end).required(),
        field("title", "text", &s.title).described(lang.t("bo-help-session-title")),
        field("capacity", "number", &s.capacity).described(lang.t("bo-help-session-capacity")),
    ];
    let place = vec![
        field("venue", "select", &s.venue).options(
            std::iter::once((String::new(), lang.t("bo-venue-none")))
                .chain(venues.iter().map(|v| {
                    let label = match v.city.as_str() {
                        "" => v.name.clone(),
                        city => format!("{}, {city}", v.name),
                    };
                    (v.slug.clone(), label)
                }))
                .collect(),
        ),
    ];
    let v = &form.venue;
    let new_venue = vec![
        field("venue_name", "text", &v.name),
        field("venue_address", "text", &v.address).autocomplete("off"),
        field("venue_postcode", "text", &v.postcode).autocomplete("off"),
        field("venue_city", "text", &v.city).autocomplete("off"),
        field("venue_transit", "textarea", &v.route_transit),
        field("venue_car", "textarea", &v.route_car),
        field("venue_accessibility", "textarea", &v.accessibility),
    ];
    let mut groups = vec![
        Group::new(lang.t("bo-group-when"), when),
        Group::new(lang.t("bo-group-venue"), place),
        {
            let mut g = Group::new(lang.t("bo-group-new-venue"), new_venue);
            g.help = lang.t("bo-help-new-venue");
            g
        },
    ];
    let kinds: Vec<(String, String)> = ProgramItemKind::ALL
        .iter()
        .map(|k| {
            (
                k.as_str().to_owned(),
                lang.t(&format!("program-kind-{}", k.as_str())),
            )
        })
        .collect();
    let filled = form.program.iter().rposition(|p| {
        ![&p.time, &p.title, &p.description, &p.speakers]
            .iter()
            .all(|v| v.trim().is_empty())
    });
    let rows = filled.map_or(0, |i| i + 1) + SPARE_ROWS;
    for i in 0..rows.min(MAX_PROGRAM_ITEMS + SPARE_ROWS) {
        let empty = ProgramInput::default();
        let p = form.program.get(i).unwrap_or(&empty);
        let n = i as i64 + 1;
        let label = |key: &str| lang.t1(key, "n", n);
        let kind = if p.kind.is_empty() { "other" } else { &p.kind };
        let mut group = Group::new(
            label("bo-program-row"),
            vec![
                FieldView::new(
                    &format!("p{i}_time"),
                    label("bo-program-time"),
                    "time",
                    &p.time,
                ),
                FieldView::new(
                    &format!("p{i}_kind"),
                    label("bo-program-kind"),
                    "select",
                    kind,
                )
                .options(kinds.clone()),
                FieldView::new(
                    &format!("p{i}_title"),
                    label("bo-program-title"),
                    "text",
                    &p.title,
                ),
                FieldView::new(
                    &format!("p{i}_speakers"),
                    label("bo-program-speakers"),
                    "text",
                    &p.speakers,
                )
                .described(lang.t("bo-help-speakers")),
                FieldView::new(
                    &format!("p{i}_description"),
                    label("bo-program-description"),
                    "textarea",
                    &p.description,
                ),
            ],
        );
        if i == 0 {
            group.help = lang.t("bo-help-program");
        }
        groups.push(group);
    }
    if published {
        let mut g = Group::new(
            lang.t("bo-group-notify"),
            vec![FieldView::checkbox(
                "notify",
                lang.t("bo-field-notify"),
                form.notify,
            )],
        );
        g.help = lang.t("bo-help-notify");
        groups.push(g);
    }
    groups
}

fn session_frame(lang: Lang, managed: &Managed, session: Option<i64>) -> FormFrame {
    match session {
        Some(id) => {
            let mut frame = FormFrame::for_activity(
                lang,
                managed,
                lang.t("bo-session-edit"),
                format!("{}/bijeenkomsten/{id}", managed.base()),
                "bo-save",
            );
            let published = managed.activity.status == ActivityStatus::Published;
            frame.danger = Some(Danger {
                action: format!("{}/verwijderen", frame.action),
                label: lang.t("bo-session-delete"),
                notify_label: published.then(|| lang.t("bo-field-notify")),
            });
            frame
        }
        None => FormFrame::for_activity(
            lang,
            managed,
            lang.t("bo-session-add"),
            format!("{}/bijeenkomsten/nieuw", managed.base()),
            "bo-session-create",
        ),
    }
}

async fn show_session_form(
    state: &AppState,
    lang: Lang,
    managed: Managed,
    session: Option<i64>,
) -> Result<Response, PageError> {
    if !editable(managed.activity.status) {
        return Ok(not_editable(&managed));
    }
    let form = match session {
        None => SessionForm {
            session: SessionInput::default(),
            venue: NewVenue::default(),
            program: Vec::new(),
            notify: true,
        },
        Some(id) => {
            let detail = state
                .db
                .activity_detail_preview(&managed.activity.public_id)
                .await?
                .ok_or(PageError::NotFound)?;
            let found = detail
                .sessions
                .iter()
                .find(|s| s.id == id)
                .ok_or(PageError::NotFound)?;
            SessionForm::from_detail(found)
        }
    };
    let published = managed.activity.status == ActivityStatus::Published;
    let venues = state.db.venues().await?;
    let groups = session_groups(lang, &form, &venues, published);
    render_form(
        state,
        lang,
        managed.csrf(state),
        StatusCode::OK,
        session_frame(lang, &managed, session),
        groups,
        &[],
    )
}

/// The form of a new session (`…/nieuw`) or of an existing one.
async fn session_form(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    Child(session): Child,
) -> Result<Response, PageError> {
    show_session_form(&state, lang, managed, session).await
}

/// Stores a new session (`…/nieuw`) or changes an existing one.
async fn store_session(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    Child(session): Child,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let pairs = Pairs::parse(&body);
    let form = SessionForm::from_pairs(&pairs);
    let published = managed.activity.status == ActivityStatus::Published;
    let venues = state.db.venues().await?;
    let refuse = |status, errors: Vec<(String, String)>, notice, taken: Option<u32>| {
        let mut groups = session_groups(lang, &form, &venues, published);
        if let Some(taken) = taken {
            groups.insert(0, consent_group(lang, taken));
        }
        render_form(
            &state,
            lang,
            managed.csrf(&state),
            status,
            session_frame(lang, &managed, session).notice(notice),
            groups,
            &errors,
        )
    };
    if !managed.form_ok(&state, &headers, &pairs) {
        return refuse(
            StatusCode::FORBIDDEN,
            Vec::new(),
            Some(lang.t("form-expired")),
            None,
        );
    }
    let slugs: Vec<&str> = venues.iter().map(|v| v.slug.as_str()).collect();
    let content = match form.validate(&slugs) {
        Ok(content) => content,
        Err(errors) => {
            return refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                translated(lang, &errors),
                None,
                None,
            );
        }
    };
    let outcome = state
        .db
        .save_session(
            managed.activity.id,
            session,
            &content,
            form.notify,
            pairs.on("consent"),
            managed.actor(),
        )
        .await?;
    after_save(&state, lang, &managed, outcome, refuse).await
}

async fn delete_session(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    Child(session): Child,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let pairs = Pairs::parse(&body);
    if !managed.form_ok(&state, &headers, &pairs) {
        let notice = Some(lang.t("form-expired"));
        return render_overview(&state, lang, &managed, notice, StatusCode::FORBIDDEN, None).await;
    }
    let outcome = state
        .db
        .delete_session(
            managed.activity.id,
            session.ok_or(PageError::NotFound)?,
            pairs.on("notify"),
            managed.actor(),
        )
        .await?;
    finish_removal(&state, &managed, outcome).await
}

async fn finish_removal(
    state: &AppState,
    managed: &Managed,
    outcome: SaveOutcome,
) -> Result<Response, PageError> {
    match outcome {
        SaveOutcome::Saved { notified } => {
            refresh(state, managed).await?;
            if notified > 0 {
                state.mail_wake.notify_one();
            }
            Ok(see_other(format!(
                "{}?bericht=verwijderd&mails={notified}",
                managed.base()
            )))
        }
        SaveOutcome::NotEditable(_) => Ok(not_editable(managed)),
        SaveOutcome::NotFound | SaveOutcome::CapacityBelowTaken { .. } => Err(PageError::NotFound),
    }
}

// ------------------------------------------------------------------ questions

fn question_groups(lang: Lang, input: &QuestionInput) -> Vec<Group> {
    vec![Group::new(
        String::new(),
        vec![
            FieldView::new(
                "label",
                lang.t("bo-field-question-label"),
                "text",
                &input.label,
            )
            .required(),
            FieldView::new(
                "kind",
                lang.t("bo-field-question-kind"),
                "select",
                &input.kind,
            )
            .required()
            .options(vec![
                ("text".into(), lang.t("bo-question-kind-text")),
                ("choice".into(), lang.t("bo-question-kind-choice")),
            ]),
            FieldView::new(
                "options",
                lang.t("bo-field-question-options"),
                "textarea",
                &input.options,
            )
            .rows(5)
            .described(lang.t("bo-help-question-options")),
            FieldView::new(
                "help",
                lang.t("bo-field-question-help"),
                "text",
                &input.help,
            ),
            FieldView::checkbox(
                "required",
                lang.t("bo-field-question-required"),
                input.required,
            ),
        ],
    )]
}

fn question_frame(lang: Lang, managed: &Managed, question: Option<i64>) -> FormFrame {
    match question {
        Some(id) => {
            let mut frame = FormFrame::for_activity(
                lang,
                managed,
                lang.t("bo-question-edit"),
                format!("{}/vragen/{id}", managed.base()),
                "bo-save",
            );
            frame.danger = Some(Danger {
                action: format!("{}/verwijderen", frame.action),
                label: lang.t("bo-question-delete"),
                notify_label: None,
            });
            frame
        }
        None => FormFrame::for_activity(
            lang,
            managed,
            lang.t("bo-question-add"),
            format!("{}/vragen/nieuw", managed.base()),
            "bo-question-create",
        ),
    }
}

async fn show_question_form(
    state: &AppState,
    lang: Lang,
    managed: Managed,
    question: Option<i64>,
) -> Result<Response, PageError> {
    if !editable(managed.activity.status) {
        return Ok(not_editable(&managed));
    }
    let input = match question {
        None => QuestionInput {
            kind: "text".into(),
            ..QuestionInput::default()
        },
        Some(id) => {
            let questions = state.db.questions(managed.activity.id).await?;
            let q = questions
                .iter()
                .find(|q| q.id == id)
                .ok_or(PageError::NotFound)?;
            QuestionInput {
                kind: match q.kind {
                    QuestionKind::Text => "text".into(),
                    QuestionKind::Choice => "choice".into(),
                },
                label: q.label.clone(),
                help: q.help.clone(),
                required: q.required,
                options: q.options.join("\n"),
            }
        }
    };
    let intro = if managed.activity.status == ActivityStatus::Published {
        vec![lang.t("bo-question-published-help")]
    } else {
        Vec::new()
    };
    render_form(
        state,
        lang,
        managed.csrf(state),
        StatusCode::OK,
        question_frame(lang, &managed, question).intro(intro),
        question_groups(lang, &input),
        &[],
    )
}

/// The form of a new question (`…/nieuw`) or of an existing one.
async fn question_form(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    Child(question): Child,
) -> Result<Response, PageError> {
    show_question_form(&state, lang, managed, question).await
}

/// Stores a new question (`…/nieuw`) or changes an existing one.
async fn store_question(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    Child(question): Child,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let pairs = Pairs::parse(&body);
    let input = QuestionInput {
        kind: pairs.get("kind"),
        label: pairs.get("label"),
        help: pairs.get("help"),
        required: pairs.on("required"),
        options: pairs.get("options"),
    };
    let refuse = |status, errors: Vec<(String, String)>, notice| {
        render_form(
            &state,
            lang,
            managed.csrf(&state),
            status,
            question_frame(lang, &managed, question).notice(notice),
            question_groups(lang, &input),
            &errors,
        )
    };
    if !managed.form_ok(&state, &headers, &pairs) {
        return refuse(
            StatusCode::FORBIDDEN,
            Vec::new(),
            Some(lang.t("form-expired")),
        );
    }
    let valid = match validate_question(&input) {
        Ok(valid) => valid,
        Err(errors) => {
            return refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                translated(lang, &errors),
                None,
            );
        }
    };
    let outcome = state
        .db
        .save_question(managed.activity.id, question, &valid, managed.actor())
        .await?;
    match outcome {
        SaveOutcome::Saved { .. } => {
            refresh(&state, &managed).await?;
            Ok(see_other(format!("{}?bericht=opgeslagen", managed.base())))
        }
        SaveOutcome::NotEditable(_) => refuse(
            StatusCode::CONFLICT,
            Vec::new(),
            Some(lang.t("bo-not-editable-now")),
        ),
        SaveOutcome::NotFound | SaveOutcome::CapacityBelowTaken { .. } => Err(PageError::NotFound),
    }
}

async fn delete_question(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    Child(question): Child,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let pairs = Pairs::parse(&body);
    if !managed.form_ok(&state, &headers, &pairs) {
        let notice = Some(lang.t("form-expired"));
        return render_overview(&state, lang, &managed, notice, StatusCode::FORBIDDEN, None).await;
    }
    let outcome = state
        .db
        .delete_question(
            managed.activity.id,
            question.ok_or(PageError::NotFound)?,
            managed.actor(),
        )
        .await?;
    finish_removal(&state, &managed, outcome).await
}
