//! The privacy statement (AVG artikel 13): who the controller is (the operator from
//! the settings), the privacy contact, what is kept, why and on which legal basis,
//! who receives it, how long it is kept (read from the organisations' real retention
//! settings), the person's rights and the right to complain.

use super::*;
use crate::config::Operator;
use crate::db::privacy::DEFAULT_RETENTION_MONTHS;

#[derive(Template)]
#[template(path = "site/privacy.html")]
pub(super) struct PrivacyPage {
    pub(super) lang: Lang,
    pub(super) chrome: Chrome,
    pub(super) operator: Operator,
    /// The retention of an organisation that chose none, in months.
    pub(super) default_months: i32,
    /// "Organisation: 6 months" for each organisation with another retention.
    pub(super) other_terms: Vec<String>,
}

pub(super) async fn show_privacy(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    let other_terms = state
        .db
        .retention_terms()
        .await?
        .into_iter()
        .filter(|term| term.months != DEFAULT_RETENTION_MONTHS)
        .map(|term| {
            lang.t_args(
                "avg-term",
                &[
                    ("organisation", term.name.into()),
                    ("months", i64::from(term.months).into()),
                ],
            )
        })
        .collect();
    crate::http::kit::views::render(&PrivacyPage {
        lang,
        chrome: Chrome::new(
            &state,
            lang,
            lang.t("privacy-title"),
            &crate::http::kit::query::path_of(&uri),
            "",
        ),
        operator: state.settings.operator.clone(),
        default_months: DEFAULT_RETENTION_MONTHS,
        other_terms,
    })
}
