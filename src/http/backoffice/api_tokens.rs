//! The back office's page for personal API tokens (`/beheer/api-sleutels`): an
//! organiser makes a token for the organiser API ([`crate::http::api::organiser`]), sees it
//! once, and revokes it. A token is the account's own: it lists, and can revoke,
//! only its own tokens; another account's token id answers 404.

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Extension, OriginalUri, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use crate::db::api_token::{CreateOutcome, MAX_ACTIVE_TOKENS, NewApiToken, RevokeOutcome};
use crate::domain::input::line;
use crate::http::AppState;
use crate::http::backoffice::access::Staff;
use crate::http::backoffice::access::registration_id_shaped;
use crate::http::error::PageError;
use crate::http::kit::forms::see_other;
use crate::http::kit::forms::{ErrorLink, FieldView, Refusal};
use crate::http::kit::notices::{Notices, notice};
use crate::http::kit::views::Chrome;
use crate::i18n::Lang;
use crate::secret::{new_api_token, token_hash};

const MAX_BODY: usize = 4 * 1024;
/// Longest name of a token.
const MAX_NAME: usize = 100;
const PATH: &str = "/beheer/api-sleutels";

pub fn router() -> Router<AppState> {
    Router::new()
        .route(PATH, get(show).post(create))
        .route("/beheer/api-sleutels/{token}/intrekken", post(revoke))
        .layer(DefaultBodyLimit::max(MAX_BODY))
}

/// A token in the list.
struct TokenItem {
    public_id: String,
    name: String,
    created: String,
    last_used: String,
    /// "Actief", or when it was revoked.
    status: String,
    active: bool,
}

#[derive(Template)]
#[template(path = "backoffice/api_tokens.html")]
struct TokensPage {
    lang: Lang,
    chrome: Chrome,
    tokens: Vec<TokenItem>,
    /// The token just made: shown this once.
    new_token: Option<String>,
    notice: Option<String>,
    error_links: Vec<ErrorLink>,
    fields: Vec<FieldView>,
    csrf: String,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct CreateForm {
    name: String,
    csrf: String,
}

/// How the page is drawn besides the list: a token just made (shown once, 201), a
/// notice after a change, or why the form came back with the name as typed.
#[derive(Default)]
struct Render {
    new_token: Option<String>,
    notice: Option<String>,
    refusal: Option<Refusal>,
    name: String,
}

async fn render(
    state: &AppState,
    lang: Lang,
    staff: &Staff,
    render: Render,
) -> Result<Response, PageError> {
    let when = |t| format!("{} {}", lang.date_short(t), lang.time(t));
    let tokens = state
        .db
        .api_tokens(staff.0.account.id)
        .await?
        .into_iter()
        .map(|t| TokenItem {
            created: when(t.created_at),
            last_used: t
                .last_used_at
                .map(when)
                .unwrap_or_else(|| lang.t("tokens-never-used")),
            status: match t.revoked_at {
                None => lang.t("tokens-active"),
                Some(at) => lang.t1("tokens-revoked-on", "date", when(at)),
            },
            active: t.revoked_at.is_none(),
            public_id: t.public_id,
            name: t.name,
        })
        .collect();
    let mut field = FieldView::new("name", lang.t("tokens-name"), "text", &render.name)
        .required()
        .described(lang.t("tokens-name-help"));
    let refusal = render.refusal.as_ref();
    field.error = refusal.and_then(|r| r.error("name"));
    let page = TokensPage {
        lang,
        chrome: Chrome::new(state, lang, lang.t("tokens-heading"), PATH, "backoffice"),
        tokens,
        new_token: render.new_token.clone(),
        notice: refusal.and_then(|r| r.notice(lang)).or(render.notice),
        error_links: refusal.map(Refusal::error_links).unwrap_or_default(),
        fields: vec![field],
        csrf: staff.0.csrf(state),
    };
    if render.new_token.is_some() {
        return Ok((StatusCode::CREATED, Html(page.render()?)).into_response());
    }
    Ok(Refusal::answer(refusal, Html(page.render()?)))
}

async fn show(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    staff: Staff,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    let notice = notice(&uri, lang, NOTICES);
    let page = Render {
        notice,
        ..Render::default()
    };
    render(&state, lang, &staff, page).await
}

async fn create(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    staff: Staff,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let form: CreateForm = serde_urlencoded::from_bytes(&body).unwrap_or_default();
    // Every refusal shows the form again with the name as typed.
    let refuse = |refusal| Render {
        refusal: Some(refusal),
        name: form.name.clone(),
        ..Render::default()
    };
    if !staff.0.csrf_ok(&state, &headers, &form.csrf) {
        return render(&state, lang, &staff, refuse(Refusal::Expired)).await;
    }
    let name = match line(&form.name, MAX_NAME) {
        Ok(name) if !name.is_empty() => name,
        Ok(_) => {
            let refusal = Refusal::field("name", lang.t("tokens-error-name-required"));
            return render(&state, lang, &staff, refuse(refusal)).await;
        }
        Err(key) => {
            let refusal = Refusal::field("name", lang.t(key));
            return render(&state, lang, &staff, refuse(refusal)).await;
        }
    };
    let token = new_api_token();
    let public_id = uuid::Uuid::new_v4().to_string();
    let outcome = state
        .db
        .create_api_token(
            staff.0.account.id,
            &NewApiToken {
                public_id: &public_id,
                name: &name,
                token_hash: &token_hash(&token),
            },
            crate::time::now(),
        )
        .await?;
    let page = match outcome {
        CreateOutcome::Created => Render {
            new_token: Some(token),
            ..Render::default()
        },
        CreateOutcome::TooMany => refuse(Refusal::Conflict(vec![(
            "name".into(),
            lang.t1("tokens-error-too-many", "max", MAX_ACTIVE_TOKENS),
        )])),
    };
    render(&state, lang, &staff, page).await
}

async fn revoke(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    staff: Staff,
    Path(token): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    if !registration_id_shaped(&token) {
        return Err(PageError::NotFound);
    }
    let form: CreateForm = serde_urlencoded::from_bytes(&body).unwrap_or_default();
    if !staff.0.csrf_ok(&state, &headers, &form.csrf) {
        let page = Render {
            refusal: Some(Refusal::Expired),
            ..Render::default()
        };
        return render(&state, lang, &staff, page).await;
    }
    match state
        .db
        .revoke_api_token(staff.0.account.id, &token, crate::time::now())
        .await?
    {
        RevokeOutcome::Revoked | RevokeOutcome::AlreadyRevoked => {
            Ok(see_other(format!("{PATH}?bericht=ingetrokken")))
        }
        RevokeOutcome::NotFound => Err(PageError::NotFound),
    }
}

/// The tokens page's notices after a change (`?bericht=`).
pub const NOTICES: Notices = &[("ingetrokken", "tokens-notice-revoked")];
