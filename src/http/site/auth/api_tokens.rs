//! Personal API tokens, one page in two places: every signed-in account has it under
//! its account (`/account/api-sleutels`: a member reads their meetings and cases,
//! [`crate::http::api::member`]); organisers also reach it in the back office
//! (`/beheer/api-sleutels`, the organiser API [`crate::http::api::organiser`]). Both
//! are the same handlers and template over the same storage; the place only sets the
//! addresses, the breadcrumb and who gets in ([`Signed`], or [`Staff`] in the back
//! office). A token is the account's own: it lists, and can revoke, only its own
//! tokens; another account's token id answers 404. A token is made, seen once and
//! revoked here; what it may read follows the account's roles and memberships at
//! the time of each request.

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Extension, FromRequestParts, OriginalUri, Path, State};
use axum::http::request::Parts;
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
use crate::http::kit::headers::private;
use crate::http::kit::notices::{Notices, notice};
use crate::http::kit::views::Chrome;
use crate::http::site::auth::Signed;
use crate::i18n::Lang;
use crate::secret::{new_api_token, token_hash};

const MAX_BODY: usize = 4 * 1024;
/// Longest name of a token.
const MAX_NAME: usize = 100;

/// Where the page is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// `/account/api-sleutels`, for every signed-in account.
    Account,
    /// `/beheer/api-sleutels`, for organisers, kartrekkers and admins.
    BackOffice,
}

impl Place {
    pub fn path(self) -> &'static str {
        match self {
            Self::Account => "/account/api-sleutels",
            Self::BackOffice => "/beheer/api-sleutels",
        }
    }

    /// The page one level up, for the breadcrumb: (text key, address).
    fn up(self) -> (&'static str, &'static str) {
        match self {
            Self::Account => ("account-title", "/account"),
            Self::BackOffice => ("bo-title", "/beheer"),
        }
    }

    fn section(self) -> &'static str {
        match self {
            Self::Account => "account",
            Self::BackOffice => "backoffice",
        }
    }
}

/// The page at `place`: the same handlers in both places ([`Holder`] tells them
/// apart); each surface merges its own.
pub fn router(place: Place) -> Router<AppState> {
    Router::new()
        .route(place.path(), get(show).post(create))
        .route(
            &format!("{}/{{token}}/intrekken", place.path()),
            post(revoke),
        )
        .layer(DefaultBodyLimit::max(MAX_BODY))
}

/// Who opens the page, and where: under the account anyone signed in ([`Signed`]);
/// in the back office only staff ([`Staff`]: others get 403 there, as everywhere in
/// `/beheer`).
pub struct Holder {
    signed: Signed,
    place: Place,
}

impl FromRequestParts<AppState> for Holder {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        if parts.uri.path().starts_with(Place::BackOffice.path()) {
            let Staff(signed) = Staff::from_request_parts(parts, state).await?;
            Ok(Self {
                signed,
                place: Place::BackOffice,
            })
        } else {
            let signed = Signed::from_request_parts(parts, state).await?;
            Ok(Self {
                signed,
                place: Place::Account,
            })
        }
    }
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
#[template(path = "site/api_tokens.html")]
struct TokensPage {
    lang: Lang,
    chrome: Chrome,
    /// This page's address.
    path: &'static str,
    /// The page one level up: (text, address).
    up: (String, &'static str),
    /// What a token is for, as this account can use one.
    intro: Vec<String>,
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
    signed: &Signed,
    place: Place,
    render: Render,
) -> Result<Response, PageError> {
    let when = |t| format!("{} {}", lang.date_short(t), lang.time(t));
    let tokens = state
        .db
        .api_tokens(signed.account.id)
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
    // Everyone reads their own atelier life; organisers also work with their
    // activities.
    let mut intro = vec![lang.t("tokens-intro-member")];
    if signed.account.roles.is_staff() {
        intro.insert(usize::from(place == Place::Account), lang.t("tokens-intro"));
    }
    let (up, up_path) = place.up();
    let page = TokensPage {
        lang,
        chrome: Chrome::new(
            state,
            lang,
            lang.t("tokens-heading"),
            place.path(),
            place.section(),
        ),
        path: place.path(),
        up: (lang.t(up), up_path),
        intro,
        tokens,
        new_token: render.new_token.clone(),
        notice: refusal.and_then(|r| r.notice(lang)).or(render.notice),
        error_links: refusal.map(Refusal::error_links).unwrap_or_default(),
        fields: vec![field],
        csrf: signed.csrf(state),
    };
    if render.new_token.is_some() {
        return Ok(private(
            (StatusCode::CREATED, Html(page.render()?)).into_response(),
        ));
    }
    Ok(private(Refusal::answer(refusal, Html(page.render()?))))
}

async fn show(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Holder { signed, place }: Holder,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    let notice = notice(&uri, lang, NOTICES);
    let page = Render {
        notice,
        ..Render::default()
    };
    render(&state, lang, &signed, place, page).await
}

async fn create(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Holder { signed, place }: Holder,
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
    if !signed.csrf_ok(&state, &headers, &form.csrf) {
        return render(&state, lang, &signed, place, refuse(Refusal::Expired)).await;
    }
    let name = match line(&form.name, MAX_NAME) {
        Ok(name) if !name.is_empty() => name,
        Ok(_) => {
            let refusal = Refusal::field("name", lang.t("tokens-error-name-required"));
            return render(&state, lang, &signed, place, refuse(refusal)).await;
        }
        Err(key) => {
            let refusal = Refusal::field("name", lang.t(key));
            return render(&state, lang, &signed, place, refuse(refusal)).await;
        }
    };
    let token = new_api_token();
    let public_id = uuid::Uuid::new_v4().to_string();
    let outcome = state
        .db
        .create_api_token(
            signed.account.id,
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
    render(&state, lang, &signed, place, page).await
}

async fn revoke(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Holder { signed, place }: Holder,
    Path(token): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    if !registration_id_shaped(&token) {
        return Err(PageError::NotFound);
    }
    let form: CreateForm = serde_urlencoded::from_bytes(&body).unwrap_or_default();
    if !signed.csrf_ok(&state, &headers, &form.csrf) {
        let page = Render {
            refusal: Some(Refusal::Expired),
            ..Render::default()
        };
        return render(&state, lang, &signed, place, page).await;
    }
    match state
        .db
        .revoke_api_token(signed.account.id, &token, crate::time::now())
        .await?
    {
        RevokeOutcome::Revoked | RevokeOutcome::AlreadyRevoked => {
            Ok(see_other(format!("{}?bericht=ingetrokken", place.path())))
        }
        RevokeOutcome::NotFound => Err(PageError::NotFound),
    }
}

/// The tokens page's notices after a change (`?bericht=`).
pub const NOTICES: Notices = &[("ingetrokken", "tokens-notice-revoked")];
