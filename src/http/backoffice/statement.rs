//! The accessibility statement's form (`/beheer/toegankelijkheid`), for platform
//! admins only: status, date, method and the known problems (one a line). Bad input
//! comes back at its field (422) with the form as typed and nothing stored; a save
//! writes an audit row and shows on `/toegankelijkheid` at once.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Extension, OriginalUri, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;

use crate::domain::statement::{
    Compliance, DEFAULT_STATUS, StatementForm, default_date, issues_value, parse_statement,
};
use crate::http::AppState;
use crate::http::backoffice::access::{Staff, require_admin};
use crate::http::backoffice::form::{FormFrame, render_form};
use crate::http::error::PageError;
use crate::http::kit::forms::{FieldView, Group, Pairs, Refusal, see_other};
use crate::http::kit::notices::{Notices, notice};
use crate::http::site::accessibility::status_label;
use crate::i18n::Lang;

const PATH: &str = "/beheer/toegankelijkheid";

pub fn router() -> Router<AppState> {
    Router::new()
        .route(PATH, get(statement_form).post(save_statement))
        .layer(DefaultBodyLimit::max(64 * 1024))
}

/// The notice after saving.
pub const NOTICES: Notices = &[("opgeslagen", "statement-saved")];

fn frame(lang: Lang) -> FormFrame {
    FormFrame::for_platform(
        lang,
        lang.t("statement-heading"),
        PATH.into(),
        "statement-save",
    )
    .intro(vec![lang.t("statement-intro")])
}

fn groups(lang: Lang, form: &StatementForm) -> Vec<Group> {
    let status = FieldView::new("status", lang.t("statement-status"), "select", &form.status)
        .required()
        .described(lang.t("statement-status-help"))
        .options(
            Compliance::ALL
                .iter()
                .map(|s| (s.code().to_owned(), status_label(lang, *s)))
                .collect(),
        );
    let date = FieldView::new("date", lang.t("statement-date"), "date", &form.date)
        .required()
        .described(lang.t("statement-date-help"));
    let method = FieldView::new(
        "method",
        lang.t("statement-method"),
        "textarea",
        &form.method,
    )
    .required()
    .described(lang.t("statement-method-help"))
    .rows(5);
    let issues = FieldView::new(
        "issues",
        lang.t("statement-issues"),
        "textarea",
        &form.issues,
    )
    .described(lang.t("statement-issues-help"))
    .rows(6);
    vec![Group::new(
        String::new(),
        vec![status, date, method, issues],
    )]
}

async fn statement_form(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    staff: Staff,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    require_admin(&staff)?;
    let form = match state.db.accessibility_statement().await? {
        Some(stored) => StatementForm {
            status: stored.statement.status.code().to_owned(),
            date: stored.statement.date.format("%Y-%m-%d").to_string(),
            method: stored.statement.method,
            issues: issues_value(&stored.statement.issues),
        },
        // The built-in statement, in Dutch: what is saved is the site's Dutch text.
        None => StatementForm {
            status: DEFAULT_STATUS.code().to_owned(),
            date: default_date().format("%Y-%m-%d").to_string(),
            method: Lang::Nl.t("a11y-method-default"),
            issues: String::new(),
        },
    };
    render_form(
        &state,
        lang,
        staff.0.csrf(&state),
        StatusCode::OK,
        frame(lang).notice(notice(&uri, lang, NOTICES)),
        groups(lang, &form),
        &[],
    )
}

async fn save_statement(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    staff: Staff,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    require_admin(&staff)?;
    let pairs = Pairs::parse(&body);
    let form = StatementForm {
        status: pairs.get("status"),
        date: pairs.get("date"),
        method: pairs.get("method"),
        issues: pairs.get("issues"),
    };
    let refuse = |refusal: Refusal| {
        render_form(
            &state,
            lang,
            staff.0.csrf(&state),
            refusal.status(),
            frame(lang).notice(refusal.notice(lang)),
            groups(lang, &form),
            refusal.errors(),
        )
    };
    if !staff.0.csrf_ok(&state, &headers, &pairs.get("csrf")) {
        return refuse(Refusal::Expired);
    }
    let statement = match parse_statement(&form) {
        Ok(statement) => statement,
        Err(errors) => return refuse(Refusal::invalid(lang, &errors)),
    };
    state
        .db
        .save_accessibility_statement(&statement, staff.0.account.id, crate::time::now())
        .await?;
    Ok(see_other(format!("{PATH}?bericht=opgeslagen")))
}
