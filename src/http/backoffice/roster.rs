//! The registrations screen of an activity (`/beheer/activiteiten/{id}/aanmeldingen`):
//! who has a place, who waits, who cancelled, with counts and a search; moving people
//! between the waitlist and a place, adding and removing registrations by hand; the
//! export as CSV and XLSX (every field and answer) and a printable attendance list.
//!
//! Registrations are addressed by their public id (a UUID), under an activity reached
//! through the [`Managed`] extractor.

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Extension, OriginalUri, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};

use crate::db::editor::ActivityAccess;
use crate::db::organisation::OrganisationRef;
use crate::db::roster::{HandRegistration, MoveTo, RosterOutcome, RosterRow};
use crate::domain::input::{line, text};
use crate::domain::registration::{Email, Question, RegistrationState};
use crate::export::{Cell, Table, csv_bytes, xlsx_bytes};
use crate::http::AppState;
use crate::http::backoffice::access::{Managed, registration_id_shaped};
use crate::http::backoffice::editor::refresh;
use crate::http::backoffice::form::{FormFrame, render_form};
use crate::http::error::PageError;
use crate::http::kit::forms::FieldView;
use crate::http::kit::forms::{Group, Pairs, Refusal, see_other};
use crate::http::kit::notices::{Notices, notice};
use crate::http::kit::query::query_param;
use crate::http::kit::views::Chrome;
use crate::i18n::Lang;
use crate::secret::token_hash;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/beheer/activiteiten/{id}/aanmeldingen", get(roster_page))
        .route(
            "/beheer/activiteiten/{id}/aanmeldingen/export.csv",
            get(export_csv),
        )
        .route(
            "/beheer/activiteiten/{id}/aanmeldingen/export.xlsx",
            get(export_xlsx),
        )
        .route(
            "/beheer/activiteiten/{id}/presentielijst",
            get(attendance_list),
        )
        .route(
            "/beheer/activiteiten/{id}/aanmeldingen/nieuw",
            get(add_form).post(add_registration),
        )
        .route(
            "/beheer/activiteiten/{id}/aanmeldingen/{registration}/afmelden",
            get(confirm_removal).post(remove_registration),
        )
        .route(
            "/beheer/activiteiten/{id}/aanmeldingen/{registration}/{change}",
            post(change_registration),
        )
}

/// A registration row on the screen.
struct Person {
    name: String,
    email: String,
    organisation: String,
    detail: String,
    href: String,
    /// (action path segment, button label).
    actions: Vec<(&'static str, String)>,
    /// Removing asks first, on a page of its own: its link's label.
    remove: Option<String>,
}

struct Section {
    id: &'static str,
    heading: String,
    people: Vec<Person>,
}

#[derive(Template)]
#[template(path = "backoffice/roster.html")]
struct RosterPage {
    lang: Lang,
    chrome: Chrome,
    /// The host, as a crumb for those who reach its pages (organisers).
    organisation: Option<OrganisationRef>,
    base: String,
    title: String,
    counts: Vec<(String, usize)>,
    search: String,
    notice: Option<String>,
    sections: Vec<Section>,
    csrf: String,
}

fn state_of(row: &RosterRow) -> RegistrationState {
    RegistrationState::parse(&row.state).unwrap_or(RegistrationState::Cancelled)
}

fn matches(row: &RosterRow, search: &str) -> bool {
    let needle = search.trim().to_lowercase();
    needle.is_empty()
        || [&row.name, &row.email, &row.organisation]
            .iter()
            .any(|v| v.to_lowercase().contains(&needle))
}

async fn roster_page(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    let search = query_param(&uri, "zoek").unwrap_or_default();
    let notice = notice(&uri, lang, NOTICES);
    let rows = state.db.roster(managed.activity.id).await?;
    let base = managed.base();
    let count =
        |f: &dyn Fn(RegistrationState) -> bool| rows.iter().filter(|r| f(state_of(r))).count();
    let counts = vec![
        (lang.t("roster-count-places"), count(&|s| s.holds_place())),
        (
            lang.t("roster-count-waitlist"),
            count(&|s| s == RegistrationState::Waitlisted),
        ),
        (
            lang.t("roster-count-cancelled"),
            count(&|s| s == RegistrationState::Cancelled),
        ),
    ];
    let person = |row: &RosterRow| {
        let s = state_of(row);
        let mut actions = Vec::new();
        let mut remove = None;

        match s {
            RegistrationState::Waitlisted | RegistrationState::Offered => {
                actions.push(("plaats", lang.t("roster-give-place")));
            }
            _ => {}
        }
        if matches!(s, RegistrationState::Confirmed | RegistrationState::Offered) {
            actions.push(("wachtlijst", lang.t("roster-to-waitlist")));
        }
        if matches!(
            s,
            RegistrationState::Confirmed
                | RegistrationState::Offered
                | RegistrationState::Waitlisted
        ) {
            remove = Some(lang.t("roster-remove"));
        }
        if row.name.is_empty() {
            // Anonymised: nobody left to move or to email.
            actions.clear();
            remove = None;
        }
        let detail = match (s, row.waitlist_position) {
            (RegistrationState::Waitlisted, Some(p)) => {
                lang.t1("roster-position", "position", i64::from(p))
            }
            (RegistrationState::Offered, _) => lang.t("roster-offered"),
            _ => lang.t1(
                "roster-registered-on",
                "date",
                format!(
                    "{} {}",
                    lang.date_short(row.created_at),
                    lang.time(row.created_at)
                ),
            ),
        };
        Person {
            name: if row.name.is_empty() {
                lang.t("roster-anonymised")
            } else {
                row.name.clone()
            },
            email: row.email.clone(),
            organisation: row.organisation.clone(),
            detail,
            href: format!("{base}/aanmeldingen/{}", row.public_id),
            actions,
            remove,
        }
    };
    let section = |id, key: &str, pick: &dyn Fn(RegistrationState) -> bool| Section {
        id,
        heading: lang.t(key),
        people: rows
            .iter()
            .filter(|r| pick(state_of(r)) && matches(r, &search))
            .map(person)
            .collect(),
    };
    let sections = vec![
        section("plaatsen", "roster-section-places", &|s| s.holds_place()),
        section("wachtlijst", "roster-section-waitlist", &|s| {
            s == RegistrationState::Waitlisted
        }),
        section("afgemeld", "roster-section-cancelled", &|s| {
            s == RegistrationState::Cancelled
        }),
    ];
    let path = format!("{base}/aanmeldingen");
    let title = lang.t1("roster-title", "title", managed.activity.title.as_str());
    let page = RosterPage {
        lang,
        chrome: Chrome::new(&state, lang, title.clone(), &path, "backoffice"),
        organisation: managed.host_crumb(),
        title,
        counts,
        search,
        notice,
        sections,
        csrf: managed.csrf(&state),
        base,
    };
    Ok(Html(page.render()?).into_response())
}

async fn change_registration(
    State(state): State<AppState>,
    managed: Managed,
    Path((_, registration, change)): Path<(String, String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let pairs = Pairs::parse(&body);
    if !managed.form_ok(&state, &headers, &pairs) {
        return Err(PageError::Forbidden);
    }
    if !registration_id_shaped(&registration) {
        return Err(PageError::NotFound);
    }
    let db = &state.db;
    let activity = managed.activity.id;
    let (outcome, word) = match change.as_str() {
        "plaats" => (
            db.move_registration(activity, &registration, MoveTo::Confirmed, managed.actor())
                .await?,
            "plaats",
        ),
        "wachtlijst" => (
            db.move_registration(activity, &registration, MoveTo::Waitlisted, managed.actor())
                .await?,
            "wachtlijst",
        ),
        _ => return Err(PageError::NotFound),
    };
    after_change(&state, &managed, outcome, word).await
}

/// Back to the list with what happened (`?bericht=`).
async fn after_change(
    state: &AppState,
    managed: &Managed,
    outcome: RosterOutcome,
    word: &str,
) -> Result<Response, PageError> {
    let word = match outcome {
        RosterOutcome::Done => {
            refresh(state, managed).await?;
            state.mail_wake.notify_one();
            word
        }
        RosterOutcome::NotFound => return Err(PageError::NotFound),
        RosterOutcome::NotApplicable | RosterOutcome::AlreadyRegistered => "kan-niet",
    };
    Ok(see_other(format!(
        "{}/aanmeldingen?bericht={word}",
        managed.base()
    )))
}

// ------------------------------------------------------------------ removing someone

/// The longest reason an organiser can give.
const MAX_REASON: usize = 1000;

/// What removing this person does, said before it is done: the email, and the
/// waitlist moving up when they had a place.
async fn removal_frame(
    state: &AppState,
    lang: Lang,
    managed: &Managed,
    registration: &str,
) -> Result<FormFrame, PageError> {
    if !registration_id_shaped(registration) {
        return Err(PageError::NotFound);
    }
    let rows = state.db.roster(managed.activity.id).await?;
    let row = rows
        .iter()
        .find(|r| r.public_id == registration && !r.name.is_empty())
        .ok_or(PageError::NotFound)?;
    let state_now = state_of(row);
    if !matches!(
        state_now,
        RegistrationState::Confirmed | RegistrationState::Offered | RegistrationState::Waitlisted
    ) {
        return Err(PageError::NotFound);
    }
    let waiting = rows
        .iter()
        .any(|r| state_of(r) == RegistrationState::Waitlisted && r.public_id != row.public_id);
    let mut intro = vec![lang.t1("roster-remove-mail", "name", row.name.as_str())];
    if state_now.holds_place() && waiting {
        intro.push(lang.t1("roster-remove-waitlist-moves", "name", row.name.as_str()));
    }
    let path = format!("{}/aanmeldingen/{}/afmelden", managed.base(), row.public_id);
    let mut frame = FormFrame::for_activity(
        lang,
        managed,
        lang.t1("roster-remove-title", "name", row.name.as_str()),
        path,
        "roster-remove-button",
    )
    .intro(intro);
    frame.back_href = format!("{}/aanmeldingen", managed.base());
    Ok(frame)
}

fn reason_groups(lang: Lang, reason: &str) -> Vec<Group> {
    vec![Group::new(
        String::new(),
        vec![
            FieldView::new("reason", lang.t("roster-remove-reason"), "textarea", reason)
                .described(lang.t("roster-remove-reason-help"))
                .rows(3),
        ],
    )]
}

async fn confirm_removal(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    Path((_, registration)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let frame = removal_frame(&state, lang, &managed, &registration).await?;
    render_form(
        &state,
        lang,
        managed.csrf(&state),
        StatusCode::OK,
        frame,
        reason_groups(lang, ""),
        &[],
    )
}

async fn remove_registration(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    Path((_, registration)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let pairs = Pairs::parse(&body);
    let raw = pairs.get("reason");
    // The page is read again only to answer a refusal; a removal goes straight on.
    let refuse = |refusal: Refusal, frame: FormFrame| {
        render_form(
            &state,
            lang,
            managed.csrf(&state),
            refusal.status(),
            frame.notice(refusal.notice(lang)),
            reason_groups(lang, &raw),
            refusal.errors(),
        )
    };
    if !managed.form_ok(&state, &headers, &pairs) {
        let frame = removal_frame(&state, lang, &managed, &registration).await?;
        return refuse(Refusal::Expired, frame);
    }
    let reason = match text(&raw, MAX_REASON) {
        Ok(reason) => reason,
        Err(key) => {
            let frame = removal_frame(&state, lang, &managed, &registration).await?;
            return refuse(Refusal::field("reason", lang.t(key)), frame);
        }
    };
    // Removed meanwhile (a second click): the list says where things stand.
    let outcome = state
        .db
        .remove_registration(managed.activity.id, &registration, &reason, managed.actor())
        .await?;
    after_change(&state, &managed, outcome, "afgemeld").await
}

// ------------------------------------------------------------------ add by hand

fn add_groups(lang: Lang, name: &str, email: &str, organisation: &str) -> Vec<Group> {
    vec![Group::new(
        String::new(),
        vec![
            FieldView::new("name", lang.t("form-name"), "text", name)
                .required()
                .autocomplete("off"),
            FieldView::new("email", lang.t("form-email"), "email", email)
                .required()
                .autocomplete("off"),
            FieldView::new(
                "organisation",
                lang.t("form-organisation"),
                "text",
                organisation,
            )
            .autocomplete("off"),
        ],
    )]
}

fn add_frame(lang: Lang, managed: &Managed) -> FormFrame {
    FormFrame::for_activity(
        lang,
        managed,
        lang.t("roster-add"),
        format!("{}/aanmeldingen/nieuw", managed.base()),
        "roster-add-button",
    )
}

async fn add_form(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
) -> Result<Response, PageError> {
    render_form(
        &state,
        lang,
        managed.csrf(&state),
        StatusCode::OK,
        add_frame(lang, &managed).intro(vec![lang.t("roster-add-intro")]),
        add_groups(lang, "", "", ""),
        &[],
    )
}

async fn add_registration(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let pairs = Pairs::parse(&body);
    let (name, email, organisation) = (
        pairs.get("name"),
        pairs.get("email"),
        pairs.get("organisation"),
    );
    let refuse = |refusal: Refusal| {
        render_form(
            &state,
            lang,
            managed.csrf(&state),
            refusal.status(),
            add_frame(lang, &managed).notice(refusal.notice(lang)),
            add_groups(lang, &name, &email, &organisation),
            refusal.errors(),
        )
    };
    if !managed.form_ok(&state, &headers, &pairs) {
        return refuse(Refusal::Expired);
    }
    let mut errors = Vec::new();
    let checked_name = match line(&name, 200) {
        Ok(n) if n.is_empty() => {
            errors.push(("name".to_owned(), lang.t("error-name-required")));
            String::new()
        }
        Ok(n) => n,
        Err(key) => {
            errors.push(("name".to_owned(), lang.t(key)));
            String::new()
        }
    };
    let checked_email = Email::parse(&email);
    if checked_email.is_none() {
        let key = if email.trim().is_empty() {
            "error-email-required"
        } else {
            "error-email"
        };
        errors.push(("email".to_owned(), lang.t(key)));
    }
    let checked_organisation = line(&organisation, 200).unwrap_or_else(|key| {
        errors.push(("organisation".to_owned(), lang.t(key)));
        String::new()
    });
    let Some(checked_email) = checked_email.filter(|_| errors.is_empty()) else {
        return refuse(Refusal::Invalid(errors));
    };
    let public_id = uuid::Uuid::new_v4().to_string();
    let new = HandRegistration {
        token_hash: token_hash(&state.secret.manage_token(&public_id)),
        public_id,
        name: checked_name,
        email: checked_email.address,
        organisation: checked_organisation,
        lang,
    };
    let outcome = state
        .db
        .add_registration(managed.activity.id, &new, managed.actor())
        .await?;
    match outcome {
        RosterOutcome::Done => {
            refresh(&state, &managed).await?;
            state.mail_wake.notify_one();
            Ok(see_other(format!(
                "{}/aanmeldingen?bericht=toegevoegd",
                managed.base()
            )))
        }
        _ => refuse(Refusal::Conflict(vec![(
            "email".to_owned(),
            lang.t("roster-add-known"),
        )])),
    }
}

// ------------------------------------------------------------------ exports

/// The export as a table: a header row and one row per registration, every field
/// and every answer.
pub(crate) async fn export_table(
    state: &AppState,
    lang: Lang,
    activity: &ActivityAccess,
) -> Result<Table, PageError> {
    let rows = state.db.roster(activity.id).await?;
    let questions: Vec<Question> = state.db.questions(activity.id).await?;
    let answers = state.db.roster_answers(activity.id).await?;
    let roles = state.forms.roles(&state.db).await?;
    let mut header: Vec<String> = [
        "export-state",
        "export-position",
        "export-name",
        "export-email",
        "export-organisation",
        "export-role",
        "export-region",
        "export-lang",
        "export-registered-at",
        "export-changed-at",
        "export-cancel-reason",
    ]
    .iter()
    .map(|k| lang.t(k))
    .collect();
    header.extend(questions.iter().map(|q| q.label.clone()));
    let rows = rows
        .iter()
        .map(|r| {
            let role = match r.role.as_str() {
                "anders" => r.role_other.clone(),
                slug => roles
                    .audiences
                    .iter()
                    .find(|a| a.slug == slug)
                    .map(|a| lang.pick(&a.name_nl, &a.name_en).to_owned())
                    .unwrap_or_else(|| slug.to_owned()),
            };
            let mut cells = vec![
                Cell::Text(lang.t(&format!("roster-state-{}", r.state))),
                Cell::Number(r.waitlist_position.map(i64::from)),
                Cell::Text(r.name.clone()),
                Cell::Text(r.email.clone()),
                Cell::Text(r.organisation.clone()),
                Cell::Text(role),
                Cell::Text(r.region.clone()),
                Cell::Text(r.lang.clone()),
                Cell::Moment(Some(r.created_at)),
                Cell::Moment(Some(r.updated_at)),
                Cell::Text(r.cancel_reason.clone()),
            ];
            cells.extend(questions.iter().map(|q| {
                Cell::Text(
                    answers
                        .iter()
                        .find(|(reg, question, _)| *reg == r.id && *question == q.id)
                        .map(|(_, _, v)| v.clone())
                        .unwrap_or_default(),
                )
            }));
            cells
        })
        .collect();
    Ok(Table { header, rows })
}

pub(crate) fn attachment(body: Vec<u8>, content_type: &'static str, name: String) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

pub(crate) const CSV_TYPE: &str = "text/csv; charset=utf-8";
pub(crate) const XLSX_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The file name of an export: `aanmeldingen-{slug}.{extension}`.
pub(crate) fn export_name(activity: &ActivityAccess, extension: &str) -> String {
    format!("aanmeldingen-{}.{extension}", activity.slug)
}

async fn export_csv(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
) -> Result<Response, PageError> {
    let table = export_table(&state, lang, &managed.activity).await?;
    Ok(attachment(
        csv_bytes(&table)?,
        CSV_TYPE,
        export_name(&managed.activity, "csv"),
    ))
}

async fn export_xlsx(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
) -> Result<Response, PageError> {
    let table = export_table(&state, lang, &managed.activity).await?;
    let bytes = xlsx_bytes(lang, &table).map_err(|e| PageError::Internal(e.into()))?;
    Ok(attachment(
        bytes,
        XLSX_TYPE,
        export_name(&managed.activity, "xlsx"),
    ))
}

// ------------------------------------------------------------------ attendance list

#[derive(Template)]
#[template(path = "backoffice/attendance.html")]
struct AttendancePage {
    lang: Lang,
    chrome: Chrome,
    base: String,
    title: String,
    when: Vec<String>,
    people: Vec<(String, String)>,
}

/// A list to print and sign at the door: everyone with a place, by name.
async fn attendance_list(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
) -> Result<Response, PageError> {
    let detail = state
        .db
        .activity_detail_preview(&managed.activity.public_id)
        .await?
        .ok_or(PageError::NotFound)?;
    let mut people: Vec<(String, String)> = state
        .db
        .roster(managed.activity.id)
        .await?
        .into_iter()
        .filter(|r| state_of(r).holds_place())
        .map(|r| (r.name, r.organisation))
        .collect();
    people.sort_by_key(|(name, _)| name.to_lowercase());
    let base = managed.base();
    let title = lang.t1("attendance-title", "title", managed.activity.title.as_str());
    let page = AttendancePage {
        lang,
        chrome: Chrome::new(
            &state,
            lang,
            title.clone(),
            &format!("{base}/presentielijst"),
            "backoffice",
        ),
        base,
        title,
        when: detail
            .sessions
            .iter()
            .map(|s| {
                format!(
                    "{}, {}",
                    lang.date_long(s.starts_at),
                    lang.time_range(s.starts_at, s.ends_at)
                )
            })
            .collect(),
        people,
    };
    Ok(Html(page.render()?).into_response())
}

/// The registrations screen's notices after a change (`?bericht=`).
pub const NOTICES: Notices = &[
    ("plaats", "roster-notice-confirmed"),
    ("wachtlijst", "roster-notice-waitlisted"),
    ("afgemeld", "roster-notice-removed"),
    ("toegevoegd", "roster-notice-added"),
    ("kan-niet", "roster-notice-not-applicable"),
];
