//! The privacy statement (AVG): what is kept, how long, and the person's rights.

use super::*;

#[derive(Template)]
#[template(path = "site/privacy.html")]
pub(super) struct PrivacyPage {
    pub(super) lang: Lang,
    pub(super) chrome: Chrome,
}

pub(super) async fn show_privacy(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    crate::http::kit::views::render(&PrivacyPage {
        lang,
        chrome: Chrome::new(
            &state,
            lang,
            lang.t("privacy-title"),
            &crate::http::kit::query::path_of(&uri),
            "",
        ),
    })
}
