//! The emailed link that makes a vote count (`/inventarisatie/bevestigen/{token}`):
//! the link shows a button (mail scanners open links; only a person presses it), and
//! pressing it counts the ballot once. The page names the round and links back to
//! it (for a known link). A link used before, too old or unknown says so in plain
//! words, with the way back to the round.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Extension, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use crate::db::survey::ConfirmOutcome;
use crate::http::AppState;
use crate::http::error::PageError;
use crate::http::infra::csrf::{cross_site, csrf_binding, csrf_cookie};
use crate::http::kit::forms::{Pairs, see_other};
use crate::http::kit::headers::private;
use crate::http::kit::views::{Chrome, MessagePage};
use crate::i18n::Lang;
use crate::secret::{is_token_shaped, token_hash};

#[derive(Template)]
#[template(path = "site/survey/confirm.html")]
struct ConfirmPage {
    lang: Lang,
    chrome: Chrome,
    action: String,
    csrf: String,
    /// The round the link belongs to: (link text, href), `None` for an unknown link.
    back: Option<(String, String)>,
}

/// A plain page that says what happened to a link.
fn message(
    state: &AppState,
    lang: Lang,
    status: StatusCode,
    text: String,
    round: Option<&str>,
) -> Result<Response, PageError> {
    let link = round.map(|r| {
        (
            lang.t("survey-confirm-back"),
            format!("/inventarisatie/{r}"),
        )
    });
    message_with(state, lang, status, text, link)
}

/// [`message`] with any way on (`link`: text, href).
fn message_with(
    state: &AppState,
    lang: Lang,
    status: StatusCode,
    text: String,
    link: Option<(String, String)>,
) -> Result<Response, PageError> {
    let page = MessagePage {
        lang,
        chrome: Chrome::new(state, lang, lang.t("survey-confirm-heading"), "/", ""),
        heading: lang.t("survey-confirm-heading"),
        paragraphs: vec![text],
        link,
    };
    Ok(private((status, Html(page.render()?)).into_response()))
}

pub(super) async fn show(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    if !is_token_shaped(&token) {
        let text = lang.t("survey-confirm-unknown");
        return message(&state, lang, StatusCode::NOT_FOUND, text, None);
    }
    let back = state
        .db
        .ballot_round(&token_hash(&token))
        .await?
        .map(|(round, title)| {
            (
                lang.t1("survey-confirm-back-to", "round", title.as_str()),
                format!("/inventarisatie/{round}"),
            )
        });
    let (binding, set_cookie) = csrf_binding(&state, &headers);
    let path = format!("/inventarisatie/bevestigen/{token}");
    let page = ConfirmPage {
        lang,
        chrome: Chrome::new(&state, lang, lang.t("survey-confirm-heading"), &path, ""),
        action: path,
        csrf: state.secret.csrf_token(&binding),
        back,
    };
    let mut response = private(Html(page.render()?).into_response());
    let out = response.headers_mut();
    out.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    if let Some(cookie) = set_cookie {
        out.append(header::SET_COOKIE, cookie);
    }
    Ok(response)
}

pub(super) async fn confirm(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(token): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    if !is_token_shaped(&token) {
        let text = lang.t("survey-confirm-unknown");
        return message(&state, lang, StatusCode::NOT_FOUND, text, None);
    }
    let pairs = Pairs::parse(&body);
    let csrf_ok = !cross_site(&headers)
        && csrf_cookie(&headers).is_some_and(|c| state.secret.csrf_matches(&c, &pairs.get("csrf")));
    if !csrf_ok {
        // Nothing counted yet: the way on is the same button, on a fresh page.
        return message_with(
            &state,
            lang,
            StatusCode::FORBIDDEN,
            lang.t("survey-confirm-stale"),
            Some((
                lang.t("survey-confirm-again"),
                format!("/inventarisatie/bevestigen/{token}"),
            )),
        );
    }
    let outcome = state
        .db
        .confirm_ballot(
            &token_hash(&token),
            crate::time::today(),
            crate::time::now(),
        )
        .await?;
    match outcome {
        ConfirmOutcome::Counted(round) => Ok(see_other(format!(
            "/inventarisatie/{round}?bericht=bevestigd#stemmen"
        ))),
        ConfirmOutcome::Used(round) => message(
            &state,
            lang,
            StatusCode::CONFLICT,
            lang.t("survey-confirm-used"),
            Some(&round),
        ),
        ConfirmOutcome::Expired(round) => message(
            &state,
            lang,
            StatusCode::GONE,
            lang.t("survey-confirm-expired"),
            Some(&round),
        ),
        ConfirmOutcome::Refused(round, key) => message(
            &state,
            lang,
            StatusCode::CONFLICT,
            lang.t(key),
            Some(&round),
        ),
        ConfirmOutcome::Unknown => message(
            &state,
            lang,
            StatusCode::NOT_FOUND,
            lang.t("survey-confirm-unknown"),
            None,
        ),
    }
}
