//! The prerequisite checks of an activity (`/beheer/activiteiten/{id}/voorkennis`):
//! sign-ups waiting because a required module is not met, with the statements of
//! modules followed elsewhere; the organiser approves or declines each (declining
//! with a message that goes by email). Approval that makes a sign-up meet the rule
//! places it through the normal sign-up path, in order: a place while places
//! remain, else the waitlist. The organiser can also record that someone completed a
//! required module ("afgerond"), which places their waiting sign-up the same way.

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Extension, OriginalUri, Path, State};
use axum::http::HeaderMap;
use axum::response::{Html, Response};
use axum::routing::{get, post};

use crate::db::prerequisite::{DecideOutcome, HeldSignup};
use crate::db::registration::RegisterOutcome;
use crate::domain::access::Permission;
use crate::domain::prerequisite::{
    CompletionInput, MAX_NOTE, Rule, validate_completion, validate_decision,
};
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
        .route("/beheer/activiteiten/{id}/voorkennis", get(show))
        .route(
            "/beheer/activiteiten/{id}/voorkennis/afgerond",
            post(record_completion),
        )
        .route(
            "/beheer/activiteiten/{id}/voorkennis/{statement}",
            post(decide),
        )
        .layer(DefaultBodyLimit::max(16 * 1024))
}

/// The page's notices after a change (`?bericht=`).
pub const NOTICES: Notices = &[
    ("goedgekeurd", "prereq-bo-notice-approved"),
    ("geplaatst", "prereq-bo-notice-placed"),
    ("wachtlijst", "prereq-bo-notice-waitlisted"),
    ("niet-geplaatst", "prereq-bo-notice-not-placed"),
    ("afgewezen", "prereq-bo-notice-declined"),
    ("afgerond", "prereq-bo-notice-completed"),
    ("al-besloten", "prereq-bo-notice-already"),
];

/// One statement with its decision form.
struct StatementItem {
    public_id: String,
    module: String,
    provider: String,
    followed_on: String,
    note: String,
    /// Undecided: the form is shown.
    pending: bool,
    state: String,
    /// The message at the decision form's field when it came back.
    error: Option<String>,
}

/// One waiting sign-up.
struct WaitingItem {
    name: String,
    email: String,
    since: String,
    /// "Kennismaking met ABCD: nog niet gevolgd", …
    modules: Vec<String>,
    statements: Vec<StatementItem>,
}

#[derive(Template)]
#[template(path = "backoffice/prerequisites.html")]
struct PrerequisitesPage<'a> {
    lang: Lang,
    chrome: Chrome,
    managed: &'a Managed,
    base: String,
    notice: Option<String>,
    error_links: Vec<ErrorLink>,
    /// What the activity requires, in a sentence, and the modules.
    rule_text: String,
    modules: Vec<String>,
    waiting: Vec<WaitingItem>,
    max_note: usize,
    completion_fields: Vec<FieldView>,
    csrf: String,
}

fn waiting_item(
    lang: Lang,
    hold: &HeldSignup,
    statements: &[crate::db::prerequisite::StatementRow],
) -> WaitingItem {
    WaitingItem {
        name: hold.name.clone(),
        email: hold.email.clone(),
        since: lang.date_long(hold.created_at),
        modules: hold
            .requirements
            .iter()
            .map(|r| {
                let state = lang.t(match (r.met, r.stated.as_deref()) {
                    (true, _) => "prereq-state-met",
                    (false, Some("pending")) => "prereq-bo-state-stated",
                    (false, Some("declined")) => "prereq-state-declined",
                    _ => "prereq-state-open",
                });
                format!("{}: {state}", r.title)
            })
            .collect(),
        statements: statements
            .iter()
            .map(|s| StatementItem {
                public_id: s.public_id.clone(),
                module: s.required_title.clone(),
                provider: s.provider.clone(),
                followed_on: s.followed_on.clone(),
                note: s.note.clone(),
                pending: s.state == "pending",
                state: lang.t(&format!("prereq-statement-{}", s.state)),
                error: None,
            })
            .collect(),
    }
}

/// Renders the page; `refusal` and what it was about when a form came back.
async fn render(
    state: &AppState,
    lang: Lang,
    managed: &Managed,
    uri: Option<&OriginalUri>,
    refusal: Option<&Refusal>,
    decision: bool,
    completion: &CompletionInput,
) -> Result<Response, PageError> {
    let (rule, modules) = state.db.required_modules(managed.activity.id).await?;
    let waiting = state.db.waiting_checks(managed.activity.id).await?;
    let base = managed.base();
    let error = |name: &str| refusal.and_then(|r| r.error(name));
    let mut completion_fields = vec![
        FieldView::new(
            "required",
            lang.t("prereq-field-completed-module"),
            "select",
            &completion.required,
        )
        .required()
        .options(
            std::iter::once((String::new(), lang.t("form-choose")))
                .chain(
                    modules
                        .iter()
                        .map(|(_, slug, title)| (slug.clone(), title.clone())),
                )
                .collect(),
        ),
        FieldView::new(
            "name",
            lang.t("prereq-field-name"),
            "text",
            &completion.name,
        )
        .required(),
        FieldView::new(
            "email",
            lang.t("prereq-field-email"),
            "email",
            &completion.email,
        )
        .required(),
    ];
    if !decision {
        for field in &mut completion_fields {
            field.error = error(&field.name);
        }
    }
    let page = PrerequisitesPage {
        lang,
        chrome: Chrome::new(
            state,
            lang,
            lang.t("prereq-bo-title"),
            &format!("{base}/voorkennis"),
            "backoffice",
        ),
        managed,
        notice: uri
            .and_then(|uri| notice(uri, lang, NOTICES))
            .or_else(|| refusal.and_then(|r| r.notice(lang))),
        error_links: refusal.map(Refusal::error_links).unwrap_or_default(),
        rule_text: lang.t(match (modules.len(), rule) {
            (0, _) => "prereq-bo-rule-none",
            (1, _) => "prereq-rule-one",
            (_, Rule::All) => "prereq-rule-all",
            (_, Rule::Any) => "prereq-rule-any",
        }),
        modules: modules.iter().map(|(_, _, title)| title.clone()).collect(),
        waiting: waiting
            .iter()
            .map(|w| {
                let mut item = waiting_item(lang, &w.hold, &w.statements);
                for s in &mut item.statements {
                    s.error = error(&format!("message-{}", s.public_id));
                }
                item
            })
            .collect(),
        max_note: MAX_NOTE,
        completion_fields,
        csrf: managed.csrf(state),
        base,
    };
    let response = Refusal::answer(refusal, Html(page.render()?));
    Ok(crate::http::kit::headers::private(response))
}

async fn show(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    managed.require(Permission::Registrations)?;
    render(
        &state,
        lang,
        &managed,
        Some(&uri),
        None,
        false,
        &CompletionInput::default(),
    )
    .await
}

/// Places a sign-up that now meets its rule, through the normal sign-up path under
/// the activity's gate; the notice key for the outcome.
async fn place(
    state: &AppState,
    managed: &Managed,
    hold: &HeldSignup,
) -> Result<&'static str, PageError> {
    let outcome = {
        let _gate = state.gates.enter(hold.activity_id).await;
        state
            .db
            .register_checked(&hold.placement(), crate::time::now())
            .await?
    };
    state.mail_wake.notify_one();
    crate::http::backoffice::editor::refresh(state, managed).await?;
    Ok(match outcome {
        RegisterOutcome::Created {
            state: crate::domain::registration::RegistrationState::Waitlisted,
            ..
        } => "wachtlijst",
        RegisterOutcome::Created { .. } | RegisterOutcome::AlreadyRegistered => "geplaatst",
        _ => "niet-geplaatst",
    })
}

async fn decide(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    Path((_, statement)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    managed.require(Permission::Registrations)?;
    if !public_id_shaped(&statement) {
        return Err(PageError::NotFound);
    }
    let pairs = Pairs::parse(&body);
    let empty = CompletionInput::default();
    if !managed.form_ok(&state, &headers, &pairs) {
        return render(
            &state,
            lang,
            &managed,
            None,
            Some(&Refusal::Expired),
            false,
            &empty,
        )
        .await;
    }
    let (decision, message) = match validate_decision(&pairs.get("decision"), &pairs.get("message"))
    {
        Ok(valid) => valid,
        Err(errors) => {
            // At this statement's own message field (the page has one per statement).
            let errors: Vec<(String, String)> = errors
                .iter()
                .map(|e| (format!("message-{statement}"), lang.t(e.message)))
                .collect();
            let refusal = Refusal::Invalid(errors);
            return render(&state, lang, &managed, None, Some(&refusal), true, &empty).await;
        }
    };
    let outcome = state
        .db
        .decide_statement(
            managed.activity.id,
            &statement,
            decision,
            &message,
            managed.actor(),
        )
        .await?;
    let key = match outcome {
        DecideOutcome::NotFound => return Err(PageError::NotFound),
        DecideOutcome::AlreadyDecided => "al-besloten",
        DecideOutcome::Declined => {
            state.mail_wake.notify_one();
            "afgewezen"
        }
        DecideOutcome::Approved(None) => "goedgekeurd",
        DecideOutcome::Approved(Some(hold)) => place(&state, &managed, &hold).await?,
    };
    Ok(see_other(format!(
        "{}/voorkennis?bericht={key}",
        managed.base()
    )))
}

async fn record_completion(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    managed.require(Permission::Registrations)?;
    let pairs = Pairs::parse(&body);
    let input = CompletionInput {
        required: pairs.get("required"),
        name: pairs.get("name"),
        email: pairs.get("email"),
    };
    if !managed.form_ok(&state, &headers, &pairs) {
        return render(
            &state,
            lang,
            &managed,
            None,
            Some(&Refusal::Expired),
            false,
            &input,
        )
        .await;
    }
    let (_, modules) = state.db.required_modules(managed.activity.id).await?;
    let slugs: Vec<&str> = modules.iter().map(|(_, slug, _)| slug.as_str()).collect();
    let valid = match validate_completion(&input, &slugs) {
        Ok(valid) => valid,
        Err(errors) => {
            let refusal = Refusal::invalid(lang, &errors);
            return render(&state, lang, &managed, None, Some(&refusal), false, &input).await;
        }
    };
    let Some((required_id, _, _)) = modules.iter().find(|(_, slug, _)| *slug == valid.required)
    else {
        return Err(PageError::NotFound);
    };
    let waiting = state
        .db
        .record_completion(managed.activity.id, *required_id, &valid, managed.actor())
        .await?;
    let key = match waiting {
        Some(hold) => place(&state, &managed, &hold).await?,
        None => "afgerond",
    };
    Ok(see_other(format!(
        "{}/voorkennis?bericht={key}",
        managed.base()
    )))
}
