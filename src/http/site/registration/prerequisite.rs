//! The statement page behind the emailed link (`/voorkennis/{token}`): a person
//! whose sign-up waits for a prerequisite check sees which required modules are met
//! and states, for one that is not, where and when they followed it elsewhere. No
//! account needed; the token is the manage token of the registration that follows
//! on approval, so once placed the link leads to the manage page.

use super::*;
use crate::db::prerequisite::{HeldSignup, StatementOutcome};
use crate::domain::prerequisite::{Rule, StatementInput, validate_statement};
use crate::http::kit::forms::Pairs;

/// One required module on the page.
struct ModuleLine {
    title: String,
    href: String,
    /// "Gevolgd", "Wacht op de organisator", "Nog niet nagekeken", …
    state: String,
}

#[derive(Template)]
#[template(path = "site/prerequisite.html")]
struct StatementPage<'a> {
    lang: Lang,
    chrome: Chrome,
    hold: &'a HeldSignup,
    activity_href: String,
    notice: Option<String>,
    /// What the rule asks, in a sentence.
    rule_text: String,
    modules: Vec<ModuleLine>,
    /// The organiser declined: their message.
    declined: Option<String>,
    /// A form is offered (modules left to state).
    open: bool,
    error_links: Vec<ErrorLink>,
    fields: Vec<FieldView>,
    csrf: String,
    token: String,
}

fn statement_csrf(state: &AppState, token: &str) -> String {
    state
        .secret
        .csrf_token(&format!("prerequisite:{}", token_hash(token)))
}

/// The required modules one may still state: not met, nothing waiting for them.
fn stateable(hold: &HeldSignup) -> Vec<&crate::db::prerequisite::Requirement> {
    hold.requirements
        .iter()
        .filter(|r| !r.met && r.stated.as_deref() != Some("pending"))
        .collect()
}

/// The waiting sign-up a token opens; the link-unknown page (404) otherwise.
async fn held_by_token(
    state: &AppState,
    lang: Lang,
    token: &str,
) -> Result<Result<HeldSignup, Response>, PageError> {
    if is_token_shaped(token)
        && let Some(hold) = state.db.held_by_token(&token_hash(token)).await?
    {
        return Ok(Ok(hold));
    }
    let page = MessagePage {
        lang,
        chrome: Chrome::new(state, lang, lang.t("link-unknown-title"), "/", ""),
        heading: lang.t("link-unknown-title"),
        paragraphs: vec![lang.t("link-unknown-text")],
        link: Some((lang.t("link-unknown-back"), "/activiteiten".to_owned())),
    };
    Ok(Err(private(
        (StatusCode::NOT_FOUND, Html(page.render()?)).into_response(),
    )))
}

fn render(
    state: &AppState,
    lang: Lang,
    token: &str,
    hold: &HeldSignup,
    input: &StatementInput,
    refusal: Option<&Refusal>,
    notice: Option<String>,
) -> Result<Response, PageError> {
    let left = stateable(hold);
    let open = hold.state == "pending" && !left.is_empty();
    let error = |name: &str| refusal.and_then(|r| r.error(name));
    let mut fields = vec![
        FieldView::new(
            "required",
            lang.t("prereq-field-required"),
            "select",
            &input.required,
        )
        .required()
        .options(
            std::iter::once((String::new(), lang.t("form-choose")))
                .chain(left.iter().map(|r| (r.slug.clone(), r.title.clone())))
                .collect(),
        ),
        FieldView::new(
            "provider",
            lang.t("prereq-field-provider"),
            "text",
            &input.provider,
        )
        .required()
        .described(lang.t("prereq-help-provider")),
        FieldView::new(
            "followed_on",
            lang.t("prereq-field-followed_on"),
            "date",
            &input.followed_on,
        )
        .required(),
        FieldView::new("note", lang.t("prereq-field-note"), "textarea", &input.note)
            .described(lang.t("prereq-help-note")),
    ];
    for field in &mut fields {
        field.error = error(&field.name);
    }
    let modules = hold
        .requirements
        .iter()
        .map(|r| ModuleLine {
            title: r.title.clone(),
            href: format!("/activiteiten/{}", r.slug),
            state: lang.t(match (r.met, r.stated.as_deref()) {
                (true, _) => "prereq-state-met",
                (false, Some("pending")) => "prereq-state-pending",
                (false, Some("declined")) => "prereq-state-declined",
                _ => "prereq-state-open",
            }),
        })
        .collect();
    let page = StatementPage {
        lang,
        chrome: Chrome::new(state, lang, lang.t("prereq-title"), "/", "catalog"),
        hold,
        activity_href: format!("/activiteiten/{}", hold.activity_slug),
        notice: notice.or_else(|| refusal.and_then(|r| r.notice(lang))),
        rule_text: lang.t(match (hold.requirements.len(), hold.rule()) {
            (1, _) => "prereq-rule-one",
            (_, Rule::All) => "prereq-rule-all",
            (_, Rule::Any) => "prereq-rule-any",
        }),
        modules,
        declined: (hold.state == "declined").then(|| hold.message.clone()),
        open,
        error_links: refusal.map(Refusal::error_links).unwrap_or_default(),
        fields,
        csrf: statement_csrf(state, token),
        token: token.to_owned(),
    };
    Ok(private(Refusal::answer(refusal, Html(page.render()?))))
}

pub(super) async fn show_statement(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(token): Path<String>,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    let hold = match held_by_token(&state, lang, &token).await? {
        Ok(hold) => hold,
        Err(page) => return Ok(page),
    };
    if hold.state == "placed" {
        // A place followed: the same link now opens the registration.
        return Ok(Redirect::to(&format!("/aanmelding/{token}")).into_response());
    }
    let notice = crate::http::kit::query::query_param(&uri, "bericht")
        .filter(|m| m == "ontvangen")
        .map(|_| lang.t("prereq-notice-received"));
    render(
        &state,
        lang,
        &token,
        &hold,
        &StatementInput::default(),
        None,
        notice,
    )
}

pub(super) async fn store_statement(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(token): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let hold = match held_by_token(&state, lang, &token).await? {
        Ok(hold) => hold,
        Err(page) => return Ok(page),
    };
    let pairs = Pairs::parse(&body);
    let input = StatementInput {
        required: pairs.get("required"),
        provider: pairs.get("provider"),
        followed_on: pairs.get("followed_on"),
        note: pairs.get("note"),
    };
    let refuse =
        |refusal: Refusal| render(&state, lang, &token, &hold, &input, Some(&refusal), None);
    let csrf_ok = !cross_site(&headers)
        && state.secret.csrf_matches(
            &format!("prerequisite:{}", token_hash(&token)),
            &pairs.get("csrf"),
        );
    if !csrf_ok {
        return refuse(Refusal::Expired);
    }
    if hold.state != "pending" {
        return refuse(Refusal::NotNow(lang.t("prereq-not-waiting")));
    }
    let left = stateable(&hold);
    let slugs: Vec<&str> = left.iter().map(|r| r.slug.as_str()).collect();
    let today = crate::time::now()
        .with_timezone(&chrono_tz::Europe::Amsterdam)
        .date_naive();
    let valid = match validate_statement(&input, &slugs, today) {
        Ok(valid) => valid,
        Err(errors) => return refuse(Refusal::invalid(lang, &errors)),
    };
    let Some(required) = left.iter().find(|r| r.slug == valid.required) else {
        return refuse(Refusal::field("required", lang.t("prereq-error-required")));
    };
    match state
        .db
        .store_statement(&hold, required.activity_id, &valid, crate::time::now())
        .await?
    {
        StatementOutcome::Stored => Ok(see_other_private(format!(
            "/voorkennis/{token}?bericht=ontvangen"
        ))),
        StatementOutcome::AlreadyStated => refuse(Refusal::Conflict(vec![(
            "required".into(),
            lang.t("prereq-error-already-stated"),
        )])),
        StatementOutcome::NotWaiting => refuse(Refusal::NotNow(lang.t("prereq-not-waiting"))),
    }
}

/// A redirect after a stored statement (303, not cached).
fn see_other_private(path: String) -> Response {
    private(crate::http::kit::forms::see_other(path))
}
