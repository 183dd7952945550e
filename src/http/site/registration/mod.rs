//! Registration pages: the form of an activity, the neutral "check your email" page,
//! the manage page behind the emailed link (view, change, cancel, accept an offer),
//! and the privacy statement. The API shares [`submit`] with the form.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Extension, OriginalUri, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use chrono::Utc;

use crate::db::registration::{
    AcceptOutcome, CancelOutcome, FormActivity, MeetingChoice, NewRegistration, RegisterOutcome,
    RegistrationView,
};
use crate::domain::activity::{ActivityKind, Availability, availability};
use crate::domain::input::FieldError;
use crate::domain::registration::{
    OTHER_ROLE, Question, QuestionKind, REGIONS, RegistrationInput, RegistrationState,
    question_field, validate, validate_details,
};
use crate::domain::slug::Slug;
use crate::http::AppState;
use crate::http::error::PageError;
use crate::http::infra::csrf::{cross_site, csrf_binding, csrf_cookie};
use crate::http::kit::forms::{ErrorLink, FieldView, Refusal};
use crate::http::kit::headers::private;
use crate::http::kit::views::{Chrome, MessagePage, status_label, status_message};
use crate::i18n::Lang;
use crate::secret::{is_token_shaped, token_hash};
use crate::time::Timestamp;

mod manage;
mod prerequisite;
mod privacy;

use manage::*;
use prerequisite::*;
use privacy::*;

/// Largest form body: ten fields of a few kilobytes each is plenty.
pub const MAX_FORM_BYTES: usize = 64 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/activiteiten/{slug}/aanmelden",
            get(show_form).post(submit_form),
        )
        .route("/aanmelding/{token}", get(show_manage).post(update_manage))
        .route(
            "/aanmelding/{token}/afmelden",
            get(confirm_cancel).post(cancel),
        )
        .route(
            "/aanmelding/{token}/accepteren",
            axum::routing::post(accept),
        )
        .route(
            "/voorkennis/{token}",
            get(show_statement).post(store_statement),
        )
        .route("/privacy", get(show_privacy))
        .layer(DefaultBodyLimit::max(MAX_FORM_BYTES))
}

/// After a change of this process: the mail worker sends at once, and the activity's
/// cached page is dropped (other processes see the new revision within their check).
fn changed(state: &AppState, activity_slug: &str) {
    state.mail_wake.notify_one();
    state.pages.invalidate(activity_slug);
}

/// The registration a manage token opens; `None` for anything malformed, unknown or
/// tampered.
pub async fn find_by_token(
    state: &AppState,
    token: &str,
) -> Result<Option<RegistrationView>, sqlx::Error> {
    if !is_token_shaped(token) {
        return Ok(None);
    }
    state.db.registration_by_token(&token_hash(token)).await
}

/// Cancels (page and API alike) through this process's gate, then tells the worker
/// and the page cache.
pub async fn cancel_by_token(
    state: &AppState,
    registration: &RegistrationView,
) -> Result<CancelOutcome, sqlx::Error> {
    let outcome = {
        let _gate = state.gates.enter(registration.activity_id).await;
        state
            .db
            .cancel_registration(registration, crate::time::now())
            .await?
    };
    if outcome == CancelOutcome::Cancelled {
        changed(state, &registration.activity_slug);
    }
    Ok(outcome)
}

/// Accepts an offered place through this process's gate, then tells the worker and
/// the page cache (an expired offer moved on, which changes them too).
async fn accept_by_token(
    state: &AppState,
    registration: &RegistrationView,
) -> Result<AcceptOutcome, sqlx::Error> {
    let outcome = {
        let _gate = state.gates.enter(registration.activity_id).await;
        state
            .db
            .accept_offer(registration, crate::time::now())
            .await?
    };
    if matches!(outcome, AcceptOutcome::Confirmed | AcceptOutcome::Expired) {
        changed(state, &registration.activity_slug);
    }
    Ok(outcome)
}

/// The outcome of a sign-up attempt, for the form and the API alike.
pub enum Submitted {
    Invalid(Vec<FieldError>),
    /// Registration is not possible now (closed, full without waitlist, over); the
    /// activity as just read, to show where it stands.
    Unavailable(Arc<FormActivity>),
    Stored(RegisterOutcome),
}

/// Whether a visitor may sign up now (joining the waitlist counts).
pub fn can_register(available: Availability) -> bool {
    matches!(
        available,
        Availability::Open
            | Availability::PlacesLeft { .. }
            | Availability::Full { waitlist: true }
    )
}

/// The field of an atelier's form naming the public meeting.
pub const MEETING_FIELD: &str = "meeting";

/// The meeting a sign-up for an atelier is for (`meeting`: the session id as sent;
/// `None` from the API, which has no such field): the UID of one of its coming
/// public meetings, or the message at the field. Every other activity: "".
async fn chosen_meeting(
    state: &AppState,
    activity: &FormActivity,
    meeting: Option<&str>,
    now: Timestamp,
) -> anyhow::Result<Result<String, FieldError>> {
    if activity.core.kind != ActivityKind::Atelier {
        return Ok(Ok(String::new()));
    }
    let refused = |message| {
        Ok(Err(FieldError {
            field: MEETING_FIELD.into(),
            message,
        }))
    };
    let Some(id) = meeting.and_then(|m| m.trim().parse::<i64>().ok()) else {
        return refused("form-error-meeting-choose");
    };
    match state.db.meeting_choice(activity.core.id, id, now).await? {
        MeetingChoice::Open(uid) => Ok(Ok(uid)),
        MeetingChoice::MembersOnly => refused("form-error-meeting-members-only"),
        MeetingChoice::Unknown => refused("form-error-meeting-choose"),
    }
}

/// Validates and stores a sign-up. The domain decides; storage applies it under the
/// activity's row lock. For an atelier the sign-up is for one of its coming public
/// meetings (`meeting`); a meeting for members only is refused at the field.
pub async fn submit(
    state: &AppState,
    activity: &FormActivity,
    input: &RegistrationInput,
    meeting: Option<&str>,
    lang: Lang,
    submission_key: Option<String>,
    now: Timestamp,
) -> anyhow::Result<Submitted> {
    let available = |activity: &FormActivity| {
        availability(&activity.core.registration_facts(activity.last_end), now)
    };
    if !can_register(available(activity)) {
        // The activity may come from the form cache: refuse only on a fresh read.
        let Some(fresh) = state.forms.reload(&state.db, &activity.core.slug).await? else {
            return Ok(Submitted::Stored(RegisterOutcome::NotFound));
        };
        if !can_register(available(&fresh)) {
            return Ok(Submitted::Unavailable(fresh));
        }
    }
    let roles = state.forms.roles(&state.db).await?;
    let checked = validate(input, &roles.slugs, &REGIONS, &activity.questions);
    let (valid, meeting_uid) = match (
        checked,
        chosen_meeting(state, activity, meeting, now).await?,
    ) {
        (Ok(valid), Ok(uid)) => (valid, uid),
        (checked, meeting) => {
            // Every message at once, the meeting's first (it is the form's first field).
            let mut errors: Vec<FieldError> = meeting.err().into_iter().collect();
            errors.extend(checked.err().unwrap_or_default());
            return Ok(Submitted::Invalid(errors));
        }
    };
    let public_id = uuid::Uuid::new_v4().to_string();
    let token = state.secret.manage_token(&public_id);
    let new = NewRegistration {
        activity_id: activity.core.id,
        token_hash: token_hash(&token),
        public_id,
        registration: valid,
        lang,
        submission_key,
        meeting_uid,
    };
    let outcome = state.signups.register(new).await?;
    match outcome {
        RegisterOutcome::Created { .. } => changed(state, &activity.core.slug),
        // Only the manage link, or the prerequisite email, was queued; the page
        // stays as it is.
        RegisterOutcome::AlreadyRegistered | RegisterOutcome::Held => {
            state.mail_wake.notify_one();
        }
        _ => {}
    }
    metrics::counter!("registrations_total", "outcome" => outcome_label(&outcome)).increment(1);
    Ok(Submitted::Stored(outcome))
}

fn outcome_label(outcome: &RegisterOutcome) -> &'static str {
    match outcome {
        RegisterOutcome::Created {
            state: RegistrationState::Waitlisted,
            ..
        } => "waitlisted",
        RegisterOutcome::Created { .. } => "confirmed",
        RegisterOutcome::Replayed { .. } => "replayed",
        RegisterOutcome::AlreadyRegistered => "already_registered",
        RegisterOutcome::Held => "held",
        RegisterOutcome::Full => "full",
        RegisterOutcome::Closed => "closed",
        RegisterOutcome::NotFound => "not_found",
    }
}

/// The answer when a client registers too often: 429 with `Retry-After`.
pub fn check_rate(
    state: &AppState,
    peer: SocketAddr,
    headers: &HeaderMap,
) -> Result<(), std::time::Duration> {
    let ip = crate::http::infra::rate_limit::client_ip(peer, headers, state.settings.trust_proxy);
    state.registration_limiter.check(ip, Instant::now())
}

/// What the visitor typed, kept to fill the form again.
#[derive(Clone, Debug, Default)]
struct FormValues {
    input: RegistrationInput,
    /// An atelier's public meeting (its session id), as chosen.
    meeting: String,
    honeypot: String,
    csrf: String,
    submission: String,
}

impl FormValues {
    fn parse(body: &[u8]) -> Self {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body).unwrap_or_default();
        let mut values = Self::default();
        for (key, value) in pairs {
            let input = &mut values.input;
            match key.as_str() {
                "name" => input.name = value,
                "email" => input.email = value,
                "organisation" => input.organisation = value,
                "role" => input.role = value,
                "role_other" => input.role_other = value,
                "region" => input.region = value,
                "privacy_consent" => input.privacy_consent = !value.is_empty(),
                "website" => values.honeypot = value,
                MEETING_FIELD => values.meeting = value,
                "csrf" => values.csrf = value,
                "submission" => values.submission = value,
                other => {
                    if let Some(id) = other.strip_prefix("q-").and_then(|id| id.parse().ok()) {
                        input.answers.push((id, value));
                    }
                }
            }
        }
        values
    }

    fn answer(&self, id: i64) -> &str {
        self.input
            .answers
            .iter()
            .find(|(q, _)| *q == id)
            .map_or("", |(_, v)| v.as_str())
    }
}

/// The fields of the form (or of the manage page's change form, without email and
/// consent), filled with `values` and marked with the refusal's messages.
async fn fields(
    state: &AppState,
    lang: Lang,
    questions: &[Question],
    values: &FormValues,
    refusal: Option<&Refusal>,
    with_email: bool,
) -> Result<Vec<FieldView>, PageError> {
    let input = &values.input;
    let mut roles: Vec<(String, String)> = vec![(String::new(), lang.t("form-choose"))];
    roles.extend(
        state
            .forms
            .roles(&state.db)
            .await?
            .audiences
            .iter()
            .map(|a| (a.slug.clone(), lang.pick(&a.name_nl, &a.name_en).to_owned())),
    );
    roles.push((OTHER_ROLE.to_owned(), lang.t("form-role-other-option")));
    let mut regions = vec![(String::new(), lang.t("form-region-none"))];
    regions.extend(REGIONS.iter().map(|r| ((*r).to_owned(), (*r).to_owned())));
    let mut out = vec![
        FieldView::new("name", lang.t("form-name"), "text", &input.name)
            .required()
            .autocomplete("name"),
    ];
    if with_email {
        out.push(
            FieldView::new("email", lang.t("form-email"), "email", &input.email)
                .required()
                .autocomplete("email")
                .described(lang.t("form-email-help")),
        );
    }
    out.push(
        FieldView::new(
            "organisation",
            lang.t("form-organisation"),
            "text",
            &input.organisation,
        )
        .autocomplete("organization"),
    );
    out.push(
        FieldView::new("role", lang.t("form-role"), "select", &input.role)
            .required()
            .options(roles),
    );
    out.push(
        FieldView::new(
            "role_other",
            lang.t("form-role-other"),
            "text",
            &input.role_other,
        )
        .described(lang.t("form-role-other-help")),
    );
    out.push(
        FieldView::new("region", lang.t("form-region"), "select", &input.region).options(regions),
    );
    for question in questions {
        let name = question_field(question.id);
        let (kind, options) = match question.kind {
            QuestionKind::Text => ("textarea", Vec::new()),
            QuestionKind::Choice => {
                let mut options = vec![(String::new(), lang.t("form-choose"))];
                options.extend(question.options.iter().map(|o| (o.clone(), o.clone())));
                ("select", options)
            }
        };
        let mut field = FieldView::new(
            &name,
            question.label.clone(),
            kind,
            values.answer(question.id),
        )
        .options(options)
        .described(question.help.clone());
        field.required = question.required;
        field.dutch = true;
        out.push(field);
    }
    for field in &mut out {
        field.error = refusal.and_then(|r| r.error(&field.name));
    }
    Ok(out)
}

#[derive(Template)]
#[template(path = "site/register.html")]
struct RegisterPage<'a> {
    lang: Lang,
    chrome: Chrome,
    activity: &'a FormActivity,
    activity_href: String,
    status_label: String,
    status_class: &'static str,
    status_message: String,
    open: bool,
    /// A message above the form (expired form, full meanwhile).
    notice: Option<String>,
    error_links: Vec<ErrorLink>,
    fields: Vec<FieldView>,
    consent: bool,
    consent_error: Option<String>,
    csrf: String,
    submission: String,
    /// What the activity requires ("Eerst gevolgd: …"), above the submit button.
    requires: Option<String>,
    requires_links: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "site/registered.html")]
struct RegisteredPage<'a> {
    lang: Lang,
    chrome: Chrome,
    activity: &'a FormActivity,
    activity_href: String,
    email: String,
}

fn activity_href(activity: &FormActivity) -> String {
    format!("/activiteiten/{}", activity.core.slug)
}

/// The form as sent, and why it came back (none when first shown).
struct FormRender<'a> {
    values: &'a FormValues,
    refusal: Option<Refusal>,
}

async fn render_form(
    state: &AppState,
    lang: Lang,
    path: &str,
    headers: &HeaderMap,
    activity: &FormActivity,
    render: FormRender<'_>,
) -> Result<Response, PageError> {
    let now = Utc::now();
    let available = availability(&activity.core.registration_facts(activity.last_end), now);
    let (label, class) = status_label(lang, available);
    let (binding, set_cookie) = csrf_binding(state, headers);
    let submission = if render.values.submission.len() == 36 {
        render.values.submission.clone()
    } else {
        uuid::Uuid::new_v4().to_string()
    };
    let title = lang.t1("form-title", "title", activity.core.title.as_str());
    let refusal = render.refusal.as_ref();
    let page = RegisterPage {
        lang,
        chrome: Chrome::new(state, lang, title, path, "catalog"),
        activity,
        activity_href: activity_href(activity),
        status_label: label,
        status_class: class,
        status_message: status_message(lang, available, activity.core.kind),
        open: can_register(available),
        notice: refusal.and_then(|r| r.notice(lang)),
        error_links: refusal.map(Refusal::error_links).unwrap_or_default(),
        fields: {
            let mut fields = fields(
                state,
                lang,
                &activity.questions,
                render.values,
                refusal,
                true,
            )
            .await?;
            if activity.core.kind == ActivityKind::Atelier {
                let mut meeting =
                    meeting_field(state, lang, activity, &render.values.meeting).await?;
                meeting.error = refusal.and_then(|r| r.error(MEETING_FIELD));
                fields.insert(0, meeting);
            }
            fields
        },
        consent: render.values.input.privacy_consent,
        consent_error: refusal.and_then(|r| r.error("privacy_consent")),
        csrf: state.secret.csrf_token(&binding),
        submission,
        requires: (!activity.prerequisites.is_empty()).then(|| {
            let key = match (activity.prerequisites.len(), activity.prerequisite_rule) {
                (1, _) => "form-requires-one",
                (_, crate::domain::prerequisite::Rule::All) => "form-requires-all",
                (_, crate::domain::prerequisite::Rule::Any) => "form-requires-any",
            };
            lang.t(key)
        }),
        requires_links: activity
            .prerequisites
            .iter()
            .map(|(slug, title)| (format!("/activiteiten/{slug}"), title.clone()))
            .collect(),
    };
    let mut response = Refusal::answer(refusal, Html(page.render()?));
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(cookie) = set_cookie {
        headers.append(header::SET_COOKIE, cookie);
    }
    Ok(response)
}

/// An atelier's form asks first which of its coming public meetings (never one for
/// members only).
async fn meeting_field(
    state: &AppState,
    lang: Lang,
    activity: &FormActivity,
    chosen: &str,
) -> Result<FieldView, PageError> {
    let now = crate::time::now();
    let mut options = vec![(String::new(), lang.t("form-choose"))];
    options.extend(
        state
            .db
            .public_meetings(activity.core.id, now)
            .await?
            .into_iter()
            .filter(|m| m.starts_at > now)
            .map(|m| {
                let when = format!(
                    "{}, {}",
                    lang.date_long(m.starts_at),
                    lang.time_range(m.starts_at, m.ends_at)
                );
                let label = match (m.venue_name, m.online_url.is_empty()) {
                    (Some(venue), _) => format!("{when}, {venue}"),
                    (None, false) => format!("{when}, {}", lang.t("community-meeting-online")),
                    (None, true) => when,
                };
                (m.session_id.to_string(), label)
            }),
    );
    Ok(
        FieldView::new(MEETING_FIELD, lang.t("form-meeting"), "select", chosen)
            .required()
            .options(options)
            .described(lang.t("form-meeting-help")),
    )
}

async fn load_activity(state: &AppState, slug: &str) -> Result<FormActivity, PageError> {
    let slug = Slug::parse(slug).ok_or(PageError::NotFound)?;
    state
        .db
        .form_activity(slug.as_str())
        .await?
        .ok_or(PageError::NotFound)
}

/// The activity behind a sent form, from the form cache (see [`submit`]).
async fn cached_activity(state: &AppState, slug: &str) -> Result<Arc<FormActivity>, PageError> {
    let slug = Slug::parse(slug).ok_or(PageError::NotFound)?;
    state
        .forms
        .activity(&state.db, slug.as_str())
        .await?
        .ok_or(PageError::NotFound)
}

async fn show_form(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(slug): Path<String>,
    uri: OriginalUri,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let activity = load_activity(&state, &slug).await?;
    // An atelier's meeting page links here with the meeting chosen.
    let values = FormValues {
        meeting: crate::http::kit::query::query_param(&uri, MEETING_FIELD).unwrap_or_default(),
        ..FormValues::default()
    };
    render_form(
        &state,
        lang,
        &crate::http::kit::query::path_of(&uri),
        &headers,
        &activity,
        FormRender {
            values: &values,
            refusal: None,
        },
    )
    .await
}

async fn submit_form(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(slug): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    uri: OriginalUri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let path = crate::http::kit::query::path_of(&uri);
    let rate = check_rate(&state, peer, &headers);
    let activity = cached_activity(&state, &slug).await?;
    let values = FormValues::parse(&body);
    // Every refusal shows the form again as it was typed.
    let form = |refusal| FormRender {
        values: &values,
        refusal: Some(refusal),
    };
    if let Err(wait) = rate {
        let render = form(Refusal::TooSoon(wait.as_secs()));
        return render_form(&state, lang, &path, &headers, &activity, render).await;
    }
    let token_ok = csrf_cookie(&headers)
        .is_some_and(|cookie| state.secret.csrf_matches(&cookie, &values.csrf));
    if !token_ok || cross_site(&headers) {
        let render = form(Refusal::Expired);
        return render_form(&state, lang, &path, &headers, &activity, render).await;
    }
    if !values.honeypot.trim().is_empty() {
        // A bot filled the field people never see: the same page, nothing stored.
        tracing::info!("registration honeypot filled; ignored");
        return registered_page(&state, lang, &path, &activity, &values.input.email);
    }
    let submission = (values.submission.len() == 36).then(|| values.submission.clone());
    match submit(
        &state,
        &activity,
        &values.input,
        Some(&values.meeting),
        lang,
        submission,
        Utc::now(),
    )
    .await?
    {
        Submitted::Invalid(errors) => {
            let render = form(Refusal::invalid(lang, &errors));
            render_form(&state, lang, &path, &headers, &activity, render).await
        }
        refused @ (Submitted::Unavailable(_)
        | Submitted::Stored(RegisterOutcome::Full | RegisterOutcome::Closed)) => {
            // Show where the activity stands now, not the cached copy that let the
            // sign-up through.
            let now = match refused {
                Submitted::Unavailable(fresh) => Some(fresh),
                _ => state.forms.reload(&state.db, &activity.core.slug).await?,
            };
            let render = form(Refusal::NotNow(lang.t("form-unavailable")));
            let shown = now.as_deref().unwrap_or(&activity);
            render_form(&state, lang, &path, &headers, shown, render).await
        }
        Submitted::Stored(RegisterOutcome::NotFound) => Err(PageError::NotFound),
        Submitted::Stored(
            RegisterOutcome::Created { .. }
            | RegisterOutcome::Replayed { .. }
            | RegisterOutcome::AlreadyRegistered
            | RegisterOutcome::Held,
        ) => registered_page(&state, lang, &path, &activity, &values.input.email),
    }
}

/// The same page whether the address was new, already registered or a bot's: nobody
/// learns from it who registered.
fn registered_page(
    state: &AppState,
    lang: Lang,
    path: &str,
    activity: &FormActivity,
    email: &str,
) -> Result<Response, PageError> {
    let page = RegisteredPage {
        lang,
        chrome: Chrome::new(state, lang, lang.t("registered-title"), path, "catalog"),
        activity,
        activity_href: activity_href(activity),
        email: email.trim().to_owned(),
    };
    let mut response = Html(page.render()?).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// The manage page's notices after a change (`?bericht=`).
pub const MANAGE_NOTICES: crate::http::kit::notices::Notices = &[
    ("gewijzigd", "manage-notice-saved"),
    ("afgemeld", "manage-notice-cancelled"),
    ("bevestigd", "manage-notice-accepted"),
    ("verlopen", "manage-notice-expired"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_values_keep_everything_typed_and_read_question_fields() {
        let body = b"name=Fatima+%3Cb%3E&email=f%40x.nl&role=anders&role_other=Conci%C3%ABrge\
&q-12=Ronde+2&q-x=ignored&privacy_consent=1&website=&csrf=abc&submission=s";
        let values = FormValues::parse(body);
        assert_eq!(values.input.name, "Fatima <b>");
        assert_eq!(values.input.role_other, "Conciërge");
        assert_eq!(values.input.answers, vec![(12, "Ronde 2".to_owned())]);
        assert!(values.input.privacy_consent);
        assert_eq!(values.csrf, "abc");
        // Garbage is an empty form, not an error.
        let garbage = FormValues::parse(b"%%%&&==\xff");
        assert_eq!(garbage.input.name, "");
    }
}
