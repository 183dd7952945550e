//! Learning time on the site: the block on an activity's public page (net learning
//! time, points, and per register the accreditation's ID number; [`LearningView`])
//! and a professional's own registers with their registration number
//! (`/account/registers`, "Mijn registers"): added or changed with the number
//! checked against the register's format (the message at the field, the form kept,
//! 422), removed with one button.

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Extension, OriginalUri, Path, State};
use axum::http::HeaderMap;
use axum::response::{Html, Response};
use axum::routing::{get, post};

use crate::domain::learning::ActivityCredit;
use crate::domain::learning::form::validate_account_register;
use crate::http::AppState;
use crate::http::backoffice::learning::{learning_time, points_text, problem_text};
use crate::http::error::PageError;
use crate::http::kit::forms::{ErrorLink, FieldView, Pairs, Refusal, see_other};
use crate::http::kit::headers::private;
use crate::http::kit::notices::{Notices, notice};
use crate::http::kit::views::Chrome;
use crate::http::site::auth::Signed;
use crate::i18n::Lang;

const PATH: &str = "/account/registers";

pub fn router() -> Router<AppState> {
    Router::new()
        .route(PATH, get(show).post(save))
        .route("/account/registers/{register}/verwijderen", post(remove))
        .layer(DefaultBodyLimit::max(4 * 1024))
}

/// The registers page's notices (`?bericht=`).
pub const NOTICES: Notices = &[
    ("opgeslagen", "registers-notice-saved"),
    ("verwijderd", "registers-notice-removed"),
];

/// The learning block of an activity's page.
pub(crate) struct LearningView {
    /// Net learning time, or why there is none.
    pub(crate) net: String,
    pub(crate) points: String,
    /// Per register: "Register Sociaal Werker, categorie: ID-nummer 437120, 2 punten".
    pub(crate) accreditations: Vec<String>,
}

impl LearningView {
    /// The block, when there is something to show: a program with times, or an
    /// accreditation (then with why the time is unknown).
    pub(crate) fn of(lang: Lang, credit: &ActivityCredit) -> Option<Self> {
        if !credit.is_shown() {
            return None;
        }
        let mut accreditations = Vec::new();
        for a in &credit.accreditations {
            let args = |id: &str, points: crate::domain::learning::Points| {
                vec![
                    ("register", a.register_name.as_str().into()),
                    ("category", a.category_name.as_str().into()),
                    ("id", id.to_owned().into()),
                    ("points", points.display(lang.code()).into()),
                ]
            };
            if a.per_session {
                for s in &a.sessions {
                    let mut args = args(&s.id_number, s.points);
                    let date = credit
                        .sessions
                        .iter()
                        .find(|c| c.session_id == s.session_id)
                        .map(|c| lang.date_long(c.starts_at))
                        .unwrap_or_default();
                    args.push(("date", date.into()));
                    accreditations.push(lang.t_args("learning-accreditation-session", &args));
                }
            } else {
                accreditations
                    .push(lang.t_args("learning-accreditation", &args(&a.id_number, a.points)));
            }
        }
        Some(Self {
            net: match credit.problem {
                Some(problem) => problem_text(lang, problem),
                None => learning_time(lang, credit.net_minutes),
            },
            points: points_text(lang, credit.points()),
            accreditations,
        })
    }
}

/// One of the account's registers in the list.
struct NumberItem {
    register_id: i64,
    register: String,
    number: String,
}

#[derive(Template)]
#[template(path = "site/registers.html")]
struct RegistersPage {
    lang: Lang,
    chrome: Chrome,
    path: &'static str,
    numbers: Vec<NumberItem>,
    notice: Option<String>,
    error_links: Vec<ErrorLink>,
    fields: Vec<FieldView>,
    csrf: String,
}

async fn render(
    state: &AppState,
    lang: Lang,
    signed: &Signed,
    typed: (&str, &str),
    refusal: Option<Refusal>,
    notice: Option<String>,
) -> Result<Response, PageError> {
    let registers = state.registers().await?;
    let numbers = state
        .db
        .account_numbers(signed.account.id)
        .await?
        .into_iter()
        .map(|n| NumberItem {
            register_id: n.register_id,
            register: n.register_name,
            number: n.number,
        })
        .collect();
    let error = |name| refusal.as_ref().and_then(|r| r.error(name));
    let mut register = FieldView::new(
        "register",
        lang.t("registers-field-register"),
        "select",
        typed.0,
    )
    .required()
    .options(
        registers
            .iter()
            .map(|r| (r.id.to_string(), r.name.clone()))
            .collect(),
    );
    register.error = error("register");
    let mut number = FieldView::new("number", lang.t("registers-field-number"), "text", typed.1)
        .required()
        .autocomplete("off")
        .described(lang.t("registers-field-number-help"));
    number.error = error("number");
    let page = RegistersPage {
        lang,
        chrome: Chrome::new(state, lang, lang.t("registers-heading"), PATH, "account"),
        path: PATH,
        numbers,
        notice: refusal.as_ref().and_then(|r| r.notice(lang)).or(notice),
        error_links: refusal
            .as_ref()
            .map(Refusal::error_links)
            .unwrap_or_default(),
        fields: vec![register, number],
        csrf: signed.csrf(state),
    };
    Ok(private(Refusal::answer(
        refusal.as_ref(),
        Html(page.render()?),
    )))
}

async fn show(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    let notice = notice(&uri, lang, NOTICES);
    render(&state, lang, &signed, ("", ""), None, notice).await
}

async fn save(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let pairs = Pairs::parse(&body);
    let (register, number) = (pairs.get("register"), pairs.get("number"));
    let typed = (register.as_str(), number.as_str());
    if !signed.csrf_ok(&state, &headers, &pairs.get("csrf")) {
        return render(&state, lang, &signed, typed, Some(Refusal::Expired), None).await;
    }
    let registers = state.registers().await?;
    match validate_account_register(&register, &number, &registers) {
        Err(errors) => {
            let refusal = Refusal::invalid(lang, &errors);
            render(&state, lang, &signed, typed, Some(refusal), None).await
        }
        Ok((register_id, number)) => {
            state
                .db
                .set_account_number(signed.account.id, register_id, &number)
                .await?;
            Ok(see_other(format!("{PATH}?bericht=opgeslagen")))
        }
    }
}

async fn remove(
    State(state): State<AppState>,
    signed: Signed,
    Path(register): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let register: i64 = register.parse().map_err(|_| PageError::NotFound)?;
    let pairs = Pairs::parse(&body);
    if !signed.csrf_ok(&state, &headers, &pairs.get("csrf")) {
        return Err(PageError::Forbidden);
    }
    if !state
        .db
        .remove_account_number(signed.account.id, register)
        .await?
    {
        return Err(PageError::NotFound);
    }
    Ok(see_other(format!("{PATH}?bericht=verwijderd")))
}
