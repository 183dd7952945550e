//! The accessibility statement (`/toegankelijkheid`) in the model of the Dutch
//! government: the operator, the website, the compliance status, the date, the
//! method, the known problems with the date each will be fixed, and whom to tell.
//! What a platform admin saved (`/beheer/toegankelijkheid`) is shown; before that,
//! the built-in statement from the catalogs.

use askama::Template;
use axum::Router;
use axum::extract::{Extension, OriginalUri, State};
use axum::response::Response;
use axum::routing::get;

use crate::config::Operator;
use crate::domain::statement::{Compliance, DEFAULT_STATUS, default_date};
use crate::http::AppState;
use crate::http::error::PageError;
use crate::http::kit::query::path_of;
use crate::http::kit::views::{Chrome, render};
use crate::i18n::Lang;

pub fn router() -> Router<AppState> {
    Router::new().route("/toegankelijkheid", get(show_accessibility))
}

/// A known problem as shown: what, and "fixed before …".
struct IssueView {
    what: String,
    fix: String,
}

#[derive(Template)]
#[template(path = "site/accessibility.html")]
struct AccessibilityPage {
    lang: Lang,
    chrome: Chrome,
    operator: Operator,
    website: String,
    status: String,
    status_explain: String,
    date: String,
    /// The date for `<time datetime>`.
    date_iso: String,
    /// The method's paragraphs (one a line).
    method: Vec<String>,
    /// The method is the admin's Dutch text (marked `lang="nl"` on English pages);
    /// the built-in statement reads in the page's language.
    stored: bool,
    issues: Vec<IssueView>,
    /// Said when the list of problems is empty.
    no_issues: String,
}

/// The status's name in the model ("B: voldoet gedeeltelijk").
pub fn status_label(lang: Lang, status: Compliance) -> String {
    lang.t(&format!("a11y-status-{}", status.code()))
}

async fn show_accessibility(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    let stored = state.db.accessibility_statement().await?;
    let is_stored = stored.is_some();
    let (status, date, method, issues, no_issues) = match stored {
        Some(stored) => {
            let statement = stored.statement;
            let issues = statement
                .issues
                .into_iter()
                .map(|issue| IssueView {
                    what: issue.what,
                    fix: lang.t1("a11y-issue-fix", "date", lang.day(issue.fixed_by)),
                })
                .collect();
            (
                statement.status,
                statement.date,
                statement.method,
                issues,
                lang.t("a11y-known-none"),
            )
        }
        None => (
            DEFAULT_STATUS,
            default_date(),
            lang.t("a11y-method-default"),
            Vec::new(),
            lang.t("a11y-known-default"),
        ),
    };
    render(&AccessibilityPage {
        lang,
        chrome: Chrome::new(&state, lang, lang.t("a11y-title"), &path_of(&uri), ""),
        operator: state.settings.operator.clone(),
        website: state.settings.base_url().to_owned(),
        status: status_label(lang, status),
        status_explain: lang.t(&format!("a11y-status-explain-{}", status.code())),
        date: lang.day(date),
        date_iso: date.format("%Y-%m-%d").to_string(),
        method: method
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
        stored: is_stored,
        issues,
        no_issues,
    })
}
