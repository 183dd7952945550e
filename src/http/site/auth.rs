//! Signing in and the account pages: the one-time link by email (default) or a
//! password, sessions kept in the database behind an HttpOnly cookie, signing out
//! (here or everywhere), invitations to organise, and what a person may do with
//! their own data (see it, download it, delete the account).
//!
//! [`Signed`] is the extractor every page behind sign-in starts from.

use std::net::SocketAddr;
use std::time::Instant;

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{
    ConnectInfo, DefaultBodyLimit, Extension, FromRequestParts, OriginalUri, Path, State,
};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use crate::db::account::{LinkRequest, MyRegistration, NewSession, NewSignInLink, SessionAccount};
use crate::domain::account::{
    Lock, Password, SESSION_IDLE, local_path, lock_state, session_renewal, verify_password,
};
use crate::domain::registration::{Email, MAX_LINE, RegistrationState, line};
use crate::http::AppState;
use crate::http::error::PageError;
use crate::http::infra::csrf::{cookie, cross_site, csrf_binding, csrf_cookie, secure_attribute};
use crate::http::kit::forms::{ErrorLink, FieldView};
use crate::http::kit::headers::private;
use crate::http::kit::query::query_param;
use crate::http::kit::views::{Chrome, MessagePage};
use crate::i18n::Lang;
use crate::secret::{is_token_shaped, random_token, token_hash};

const SESSION_COOKIE: &str = "sl_session";
/// 400 days, the longest lifetime browsers give a cookie.
const COOKIE_MAX_AGE_SECS: i64 = 400 * 24 * 3600;
/// Sign-in forms are small.
const MAX_BODY: usize = 16 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/inloggen", get(show_sign_in).post(request_link))
        .route("/inloggen/wachtwoord", post(sign_in_with_password))
        .route("/inloggen/link/{token}", get(show_link).post(use_link))
        .route(
            "/uitnodiging/{token}",
            get(show_invitation).post(accept_invitation),
        )
        .route("/uitloggen", post(sign_out))
        .route("/account", get(show_account).post(update_profile))
        .route("/account/wachtwoord", post(change_password))
        .route("/account/overal-uitloggen", post(sign_out_everywhere))
        .route("/account/gegevens.json", get(download_data))
        .route(
            "/account/verwijderen",
            get(confirm_delete).post(delete_account),
        )
        .layer(DefaultBodyLimit::max(MAX_BODY))
}

// ------------------------------------------------------------------ the session

/// A signed-in request: the account and the hash of its session token. Pages that
/// need sign-in take this; without a valid session the browser is sent to the
/// sign-in page (and back afterwards).
pub struct Signed {
    pub account: SessionAccount,
    pub token_hash: String,
}

impl Signed {
    /// The CSRF token of forms on signed-in pages, bound to the session.
    pub fn csrf(&self, state: &AppState) -> String {
        state
            .secret
            .csrf_token(&format!("session:{}", self.token_hash))
    }

    /// Whether a form came from one of our signed-in pages.
    pub fn csrf_ok(&self, state: &AppState, headers: &HeaderMap, submitted: &str) -> bool {
        !cross_site(headers)
            && state
                .secret
                .csrf_matches(&format!("session:{}", self.token_hash), submitted)
    }
}

fn session_token(headers: &HeaderMap) -> Option<&str> {
    cookie(headers, SESSION_COOKIE).filter(|t| is_token_shaped(t))
}

/// The session cookie for a new session.
fn session_cookie(state: &AppState, token: &str) -> HeaderValue {
    let secure = secure_attribute(state);
    // The server ends idle sessions (SESSION_IDLE, renewed on use); the cookie itself
    // may live as long as browsers allow, so an active session is not cut off.
    let max_age = COOKIE_MAX_AGE_SECS;
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"
    ))
    .expect("a token is a valid header value")
}

/// Tells the browser to forget its session cookie.
fn clear_session_cookie(state: &AppState) -> HeaderValue {
    let secure = secure_attribute(state);
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"
    ))
    .expect("valid header value")
}

/// A new session token and what the database keeps of it.
fn new_session() -> (String, NewSession) {
    let token = random_token::<32>();
    let session = NewSession {
        token_hash: token_hash(&token),
        expires_at: crate::time::now() + SESSION_IDLE,
    };
    (token, session)
}

/// To the sign-in page, coming back to `path` afterwards.
fn to_sign_in(state: &AppState, path: &str, had_cookie: bool) -> Response {
    let target = format!(
        "/inloggen?{}",
        serde_urlencoded::to_string([("next", path)]).unwrap_or_default()
    );
    let mut response = Redirect::to(&target).into_response();
    if had_cookie {
        response
            .headers_mut()
            .insert(header::SET_COOKIE, clear_session_cookie(state));
    }
    private(response)
}

impl FromRequestParts<AppState> for Signed {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        // Back to the page itself after signing in; a form's target is not a page.
        let path = if parts.method == Method::GET {
            parts
                .uri
                .path_and_query()
                .map_or("/account", |p| p.as_str())
                .to_owned()
        } else {
            "/account".to_owned()
        };
        let Some(token) = session_token(&parts.headers) else {
            let had_cookie = cookie(&parts.headers, SESSION_COOKIE).is_some();
            return Err(to_sign_in(state, &path, had_cookie));
        };
        let hash = token_hash(token);
        let now = crate::time::now();
        let account = match state.db.session_account(&hash, now).await {
            Ok(Some(account)) => account,
            Ok(None) => return Err(to_sign_in(state, &path, true)),
            Err(error) => return Err(PageError::from(error).into_response()),
        };
        if let Some(expires_at) = session_renewal(account.last_seen_at, now)
            && let Err(error) = state.db.touch_session(&hash, now, expires_at).await
        {
            // The session still works until its old end; try again next request.
            tracing::warn!(%error, "renewing a session failed");
        }
        Ok(Self {
            account,
            token_hash: hash,
        })
    }
}

// ------------------------------------------------------------------ sign-in pages

#[derive(Default, Deserialize)]
#[serde(default)]
struct SignInForm {
    email: String,
    password: String,
    next: String,
    csrf: String,
}

fn parse<T: Default + for<'de> Deserialize<'de>>(body: &[u8]) -> T {
    serde_urlencoded::from_bytes(body).unwrap_or_default()
}

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignInPage {
    lang: Lang,
    chrome: Chrome,
    notice: Option<String>,
    error_links: Vec<ErrorLink>,
    link_fields: Vec<FieldView>,
    password_fields: Vec<FieldView>,
    password_error: Option<String>,
    next: String,
    csrf: String,
}

/// What the sign-in page shows besides its two forms.
#[derive(Default)]
struct SignInRender {
    status: Option<StatusCode>,
    email: String,
    next: String,
    notice: Option<String>,
    /// (field, message key) next to the email field of the link form.
    link_error: Option<&'static str>,
    password_error: Option<String>,
}

fn render_sign_in(
    state: &AppState,
    lang: Lang,
    headers: &HeaderMap,
    render: SignInRender,
) -> Result<Response, PageError> {
    let (binding, set_cookie) = csrf_binding(state, headers);
    let mut email = FieldView::new("email", lang.t("sign-in-email"), "email", &render.email)
        .required()
        .autocomplete("email")
        .described(lang.t("sign-in-email-help"));
    email.error = render.link_error.map(|key| lang.t(key));
    let error_links = render
        .link_error
        .map(|key| ErrorLink {
            field: "email".into(),
            message: lang.t(key),
        })
        .into_iter()
        .collect();
    let mut password = FieldView::new("password", lang.t("sign-in-password"), "password", "")
        .required()
        .autocomplete("current-password");
    password.error = render.password_error.clone();
    let password_fields = vec![
        FieldView::new("pw-email", lang.t("sign-in-email"), "email", &render.email)
            .required()
            .autocomplete("username"),
        password,
    ];
    let page = SignInPage {
        lang,
        chrome: Chrome::new(state, lang, lang.t("sign-in-title"), "/inloggen", ""),
        notice: render.notice,
        error_links,
        link_fields: vec![email],
        password_fields,
        password_error: render.password_error,
        next: render.next,
        csrf: state.secret.csrf_token(&binding),
    };
    let mut response = (
        render.status.unwrap_or(StatusCode::OK),
        Html(page.render()?),
    )
        .into_response();
    if let Some(cookie) = set_cookie {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    Ok(private(response))
}

/// The `next` query parameter, when it is a local path.
fn next_of(uri: &OriginalUri) -> String {
    query_param(uri, "next")
        .and_then(|v| local_path(&v))
        .unwrap_or_default()
}

async fn show_sign_in(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    uri: OriginalUri,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let notice = match query_param(&uri, "bericht").as_deref() {
        Some("uitgelogd") => Some(lang.t("sign-in-notice-signed-out")),
        Some("overal-uitgelogd") => Some(lang.t("sign-in-notice-signed-out-everywhere")),
        Some("verwijderd") => Some(lang.t("sign-in-notice-deleted")),
        _ => None,
    };
    render_sign_in(
        &state,
        lang,
        &headers,
        SignInRender {
            next: next_of(&uri),
            notice,
            ..SignInRender::default()
        },
    )
}

/// How long this client must wait before the next sign-in attempt, if at all.
fn sign_in_wait(state: &AppState, peer: SocketAddr, headers: &HeaderMap) -> Option<u64> {
    let ip = crate::http::infra::rate_limit::client_ip(peer, headers, state.settings.trust_proxy);
    state
        .sign_in_limiter
        .check(ip, Instant::now())
        .err()
        .map(|wait| wait.as_secs())
}

/// Over the sign-in rate limit: 429 with `Retry-After`, the form kept.
fn rate_limited(
    state: &AppState,
    lang: Lang,
    headers: &HeaderMap,
    form: &SignInForm,
    seconds: u64,
) -> Result<Response, PageError> {
    let mut response = render_sign_in(
        state,
        lang,
        headers,
        SignInRender {
            status: Some(StatusCode::TOO_MANY_REQUESTS),
            email: form.email.clone(),
            next: local_path(&form.next).unwrap_or_default(),
            notice: Some(lang.t1("rate-text", "seconds", seconds as i64)),
            ..SignInRender::default()
        },
    )?;
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    Ok(response)
}

/// Refuses a form without a valid token bound to the browser's CSRF cookie.
fn pre_session_csrf_ok(state: &AppState, headers: &HeaderMap, submitted: &str) -> bool {
    !cross_site(headers)
        && csrf_cookie(headers).is_some_and(|cookie| state.secret.csrf_matches(&cookie, submitted))
}

async fn request_link(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let form: SignInForm = parse(&body);
    let next = local_path(&form.next).unwrap_or_default();
    if let Some(seconds) = sign_in_wait(&state, peer, &headers) {
        return rate_limited(&state, lang, &headers, &form, seconds);
    }
    let again = |status, notice: Option<String>, link_error| {
        render_sign_in(
            &state,
            lang,
            &headers,
            SignInRender {
                status: Some(status),
                email: form.email.clone(),
                next: next.clone(),
                notice,
                link_error,
                password_error: None,
            },
        )
    };
    if !pre_session_csrf_ok(&state, &headers, &form.csrf) {
        return again(StatusCode::FORBIDDEN, Some(lang.t("form-expired")), None);
    }
    let email = match Email::parse(&form.email) {
        Some(email) => email,
        None if form.email.trim().is_empty() => {
            return again(
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                Some("error-email-required"),
            );
        }
        None => return again(StatusCode::UNPROCESSABLE_ENTITY, None, Some("error-email")),
    };
    let public_id = uuid::Uuid::new_v4().to_string();
    let link = NewSignInLink {
        token_hash: token_hash(&state.secret.sign_in_token(&public_id)),
        public_id,
        email,
        next_path: next,
        lang,
    };
    match state.db.request_sign_in(&link, crate::time::now()).await? {
        LinkRequest::Queued => state.mail_wake.notify_one(),
        // The same page: it must not tell whether links went to this address.
        LinkRequest::TooMany => tracing::info!("sign-in link not sent: too many open links"),
    }
    message_page(
        &state,
        lang,
        StatusCode::OK,
        lang.t("sign-in-sent-title"),
        vec![
            lang.t1("sign-in-sent-text", "email", link.email.address.as_str()),
            lang.t("sign-in-sent-help"),
        ],
    )
}

async fn sign_in_with_password(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let mut form: SignInForm = parse(&body);
    // The password form names its email field apart from the link form's.
    if let Some(email) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&body)
        .ok()
        .and_then(|pairs| pairs.into_iter().find(|(k, _)| k == "pw-email"))
    {
        form.email = email.1;
    }
    let next = local_path(&form.next).unwrap_or_default();
    if let Some(seconds) = sign_in_wait(&state, peer, &headers) {
        return rate_limited(&state, lang, &headers, &form, seconds);
    }
    let refuse = |status, message: String| {
        render_sign_in(
            &state,
            lang,
            &headers,
            SignInRender {
                status: Some(status),
                email: form.email.clone(),
                next: next.clone(),
                password_error: Some(message),
                ..SignInRender::default()
            },
        )
    };
    if !pre_session_csrf_ok(&state, &headers, &form.csrf) {
        return refuse(StatusCode::FORBIDDEN, lang.t("form-expired"));
    }
    let now = crate::time::now();
    let row = match Email::parse(&form.email) {
        Some(email) => state.db.password_row(&email.key).await?,
        None => None,
    };
    // A locked account answers like a wrong password: the answer must not tell
    // whether an address has an account. The message names both possibilities.
    if let Some(row) = &row
        && let Lock::LockedUntil(_) = lock_state(row.locked_until, now)
    {
        return refuse(StatusCode::UNPROCESSABLE_ENTITY, lang.t("sign-in-wrong"));
    }
    let stored = row.as_ref().and_then(|r| r.password_hash.clone());
    let password = form.password.clone();
    // argon2 takes tens of milliseconds of CPU: off the async threads.
    let matches =
        tokio::task::spawn_blocking(move || verify_password(stored.as_deref(), &password))
            .await
            .map_err(|e| PageError::Internal(e.into()))?;
    let row = match row {
        Some(row) if matches => row,
        Some(row) => {
            if state.db.password_failed(row.id, now).await?.is_some() {
                tracing::info!(account = row.id, "password sign-in locked after failures");
            }
            return refuse(StatusCode::UNPROCESSABLE_ENTITY, lang.t("sign-in-wrong"));
        }
        None => return refuse(StatusCode::UNPROCESSABLE_ENTITY, lang.t("sign-in-wrong")),
    };
    let (token, session) = new_session();
    state.db.password_succeeded(row.id, &session, now).await?;
    signed_in_redirect(&state, &token, &next)
}

/// After signing in: the session cookie, and on to `next` or the account page.
fn signed_in_redirect(state: &AppState, token: &str, next: &str) -> Result<Response, PageError> {
    let target = local_path(next).unwrap_or_else(|| "/account".to_owned());
    let mut response = Redirect::to(&target).into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, session_cookie(state, token));
    Ok(private(response))
}

#[derive(Template)]
#[template(path = "confirm.html")]
struct ConfirmPage {
    lang: Lang,
    chrome: Chrome,
    heading: String,
    paragraphs: Vec<String>,
    action: String,
    button: String,
    csrf: String,
    /// Secondary action: (text, href).
    back: Option<(String, String)>,
}

/// A page with one button that POSTs to `action`, with a CSRF token bound to the
/// browser's CSRF cookie (a one-time link is used by the button, not by opening it:
/// mail scanners open links).
fn link_confirm_page(
    state: &AppState,
    lang: Lang,
    headers: &HeaderMap,
    heading: String,
    paragraphs: Vec<String>,
    action: String,
    button: String,
) -> Result<Response, PageError> {
    let (binding, set_cookie) = csrf_binding(state, headers);
    let page = ConfirmPage {
        lang,
        chrome: Chrome::new(state, lang, heading.clone(), &action, ""),
        heading,
        paragraphs,
        action,
        button,
        csrf: state.secret.csrf_token(&binding),
        back: None,
    };
    let mut response = Html(page.render()?).into_response();
    if let Some(cookie) = set_cookie {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    // The token must not leak through the Referer header.
    Ok(private(response))
}

async fn show_link(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    link_confirm_page(
        &state,
        lang,
        &headers,
        lang.t("sign-in-link-title"),
        vec![lang.t("sign-in-link-text")],
        format!("/inloggen/link/{token}"),
        lang.t("sign-in-button"),
    )
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct CsrfForm {
    csrf: String,
}

/// A used, expired or unknown link: 410 and the way to a new one.
fn link_gone(state: &AppState, lang: Lang) -> Result<Response, PageError> {
    message_page(
        state,
        lang,
        StatusCode::GONE,
        lang.t("sign-in-link-gone-title"),
        vec![lang.t("sign-in-link-gone-text")],
    )
}

async fn use_link(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(token): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let form: CsrfForm = parse(&body);
    if !pre_session_csrf_ok(&state, &headers, &form.csrf) {
        return message_page(
            &state,
            lang,
            StatusCode::FORBIDDEN,
            lang.t("sign-in-link-title"),
            vec![lang.t("form-expired")],
        );
    }
    if !is_token_shaped(&token) {
        return link_gone(&state, lang);
    }
    let (session_token, session) = new_session();
    match state
        .db
        .use_sign_in_link(&token_hash(&token), &session, crate::time::now())
        .await?
    {
        Some(signed_in) => signed_in_redirect(&state, &session_token, &signed_in.next_path),
        None => link_gone(&state, lang),
    }
}

async fn show_invitation(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    // Say what the invitation is for; an unknown or used one reads as the
    // general text, and its button answers that it no longer works.
    let about = if is_token_shaped(&token) {
        state.db.invitation_about(&token_hash(&token), true).await?
    } else {
        None
    };
    let text = match &about {
        Some((organisation, Some(title))) => lang.t_args(
            "invitation-text-kartrekker",
            &[
                ("organisation", organisation.as_str().into()),
                ("title", title.as_str().into()),
            ],
        ),
        _ => lang.t("invitation-text"),
    };
    link_confirm_page(
        &state,
        lang,
        &headers,
        lang.t("invitation-title"),
        vec![text],
        format!("/uitnodiging/{token}"),
        lang.t("invitation-button"),
    )
}

async fn accept_invitation(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(token): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let form: CsrfForm = parse(&body);
    if !pre_session_csrf_ok(&state, &headers, &form.csrf) {
        return message_page(
            &state,
            lang,
            StatusCode::FORBIDDEN,
            lang.t("invitation-title"),
            vec![lang.t("form-expired")],
        );
    }
    let gone = || {
        message_page(
            &state,
            lang,
            StatusCode::GONE,
            lang.t("invitation-gone-title"),
            vec![lang.t("invitation-gone-text")],
        )
    };
    if !is_token_shaped(&token) {
        return gone();
    }
    let (session_token, session) = new_session();
    match state
        .db
        .accept_invitation(&token_hash(&token), &session, crate::time::now())
        .await?
    {
        Some(signed_in) => signed_in_redirect(&state, &session_token, &signed_in.next_path),
        None => gone(),
    }
}

fn message_page(
    state: &AppState,
    lang: Lang,
    status: StatusCode,
    heading: String,
    paragraphs: Vec<String>,
) -> Result<Response, PageError> {
    let page = MessagePage {
        lang,
        chrome: Chrome::new(state, lang, heading.clone(), "/inloggen", ""),
        heading,
        paragraphs,
        link: Some((lang.t("sign-in-again"), "/inloggen".to_owned())),
    };
    Ok(private((status, Html(page.render()?)).into_response()))
}

// ------------------------------------------------------------------ signing out

async fn sign_out(
    State(state): State<AppState>,
    signed: Signed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let form: CsrfForm = parse(&body);
    if !signed.csrf_ok(&state, &headers, &form.csrf) {
        return Err(PageError::Forbidden);
    }
    state.db.sign_out(&signed.token_hash).await?;
    let mut response = Redirect::to("/inloggen?bericht=uitgelogd").into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, clear_session_cookie(&state));
    Ok(private(response))
}

async fn sign_out_everywhere(
    State(state): State<AppState>,
    signed: Signed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let form: CsrfForm = parse(&body);
    if !signed.csrf_ok(&state, &headers, &form.csrf) {
        return Err(PageError::Forbidden);
    }
    let ended = state.db.sign_out_everywhere(signed.account.id).await?;
    tracing::info!(
        account = signed.account.id,
        sessions = ended,
        "signed out everywhere"
    );
    let mut response = Redirect::to("/inloggen?bericht=overal-uitgelogd").into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, clear_session_cookie(&state));
    Ok(private(response))
}

// ------------------------------------------------------------------ the account page

/// One of the person's registrations as the account page lists it.
pub struct RegistrationItem {
    pub title: String,
    pub href: String,
    pub when: String,
    pub state: String,
    pub manage_href: String,
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    lang: Lang,
    chrome: Chrome,
    account: SessionAccount,
    notice: Option<String>,
    error_links: Vec<ErrorLink>,
    profile_fields: Vec<FieldView>,
    password_fields: Vec<FieldView>,
    registrations: Vec<RegistrationItem>,
    staff: bool,
    csrf: String,
}

fn state_text(lang: Lang, r: &MyRegistration) -> String {
    match RegistrationState::parse(&r.state) {
        Some(RegistrationState::Waitlisted) => lang.t1(
            "account-state-waitlisted",
            "position",
            i64::from(r.waitlist_position.unwrap_or(0)),
        ),
        Some(state) => lang.t(&format!("account-state-{}", state.as_str())),
        None => r.state.clone(),
    }
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct AccountForm {
    name: String,
    lang: String,
    password: String,
    password_repeat: String,
    remove: String,
    csrf: String,
}

/// What the account page shows besides the stored facts.
#[derive(Default)]
struct AccountRender {
    status: Option<StatusCode>,
    notice: Option<String>,
    /// (field, message) pairs.
    errors: Vec<(&'static str, String)>,
    name: Option<String>,
}

impl AccountRender {
    /// A form sent without this session's token: 403, "the form had expired".
    fn expired(lang: Lang) -> Self {
        Self {
            status: Some(StatusCode::FORBIDDEN),
            notice: Some(lang.t("form-expired")),
            ..Self::default()
        }
    }

    /// A field's problem: 422, the message at the field.
    fn invalid(field: &'static str, message: String) -> Self {
        Self {
            status: Some(StatusCode::UNPROCESSABLE_ENTITY),
            errors: vec![(field, message)],
            ..Self::default()
        }
    }
}

async fn render_account(
    state: &AppState,
    lang: Lang,
    signed: &Signed,
    render: AccountRender,
) -> Result<Response, PageError> {
    let account = &signed.account;
    let error_of = |field: &str| {
        render
            .errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.clone())
    };
    let mut name = FieldView::new(
        "name",
        lang.t("account-name"),
        "text",
        render.name.as_deref().unwrap_or(&account.name),
    )
    .autocomplete("name");
    name.error = error_of("name");
    let language =
        FieldView::new("lang", lang.t("account-lang"), "select", &account.lang).options(vec![
            ("nl".into(), "Nederlands".into()),
            ("en".into(), "English".into()),
        ]);
    let mut password = FieldView::new("password", lang.t("account-password"), "password", "")
        .required()
        .autocomplete("new-password")
        .described(lang.t("account-password-help"));
    password.error = error_of("password");
    let mut repeat = FieldView::new(
        "password_repeat",
        lang.t("account-password-repeat"),
        "password",
        "",
    )
    .required()
    .autocomplete("new-password");
    repeat.error = error_of("password_repeat");
    let registrations = state
        .db
        .my_registrations(account.id)
        .await?
        .into_iter()
        .map(|r| RegistrationItem {
            title: r.activity_title.clone(),
            href: format!("/activiteiten/{}", r.activity_slug),
            when: r
                .first_start
                .map(|t| format!("{}, {}", lang.date_long(t), lang.time(t)))
                .unwrap_or_default(),
            state: state_text(lang, &r),
            manage_href: format!("/aanmelding/{}", state.secret.manage_token(&r.public_id)),
        })
        .collect();
    let page = AccountPage {
        lang,
        chrome: Chrome::new(state, lang, lang.t("account-title"), "/account", "account"),
        account: account.clone(),
        notice: render.notice,
        error_links: ErrorLink::list(&render.errors),
        profile_fields: vec![name, language],
        password_fields: vec![password, repeat],
        registrations,
        staff: account.roles.is_staff(),
        csrf: signed.csrf(state),
    };
    let status = render.status.unwrap_or(StatusCode::OK);
    Ok(private((status, Html(page.render()?)).into_response()))
}

async fn show_account(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    let notice = match query_param(&uri, "bericht").as_deref() {
        Some("opgeslagen") => Some(lang.t("account-notice-saved")),
        Some("wachtwoord") => Some(lang.t("account-notice-password")),
        Some("geen-wachtwoord") => Some(lang.t("account-notice-password-removed")),
        _ => None,
    };
    render_account(
        &state,
        lang,
        &signed,
        AccountRender {
            notice,
            ..AccountRender::default()
        },
    )
    .await
}

async fn update_profile(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let form: AccountForm = parse(&body);
    if !signed.csrf_ok(&state, &headers, &form.csrf) {
        let render = AccountRender {
            name: Some(form.name),
            ..AccountRender::expired(lang)
        };
        return render_account(&state, lang, &signed, render).await;
    }
    let name = match line(&form.name, MAX_LINE) {
        Ok(name) => name,
        Err(key) => {
            let render = AccountRender {
                name: Some(form.name.clone()),
                ..AccountRender::invalid("name", lang.t(key))
            };
            return render_account(&state, lang, &signed, render).await;
        }
    };
    let chosen = Lang::parse(&form.lang).unwrap_or(lang);
    state
        .db
        .update_profile(signed.account.id, &name, chosen, crate::time::now())
        .await?;
    Ok(Redirect::to("/account?bericht=opgeslagen").into_response())
}

async fn change_password(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let form: AccountForm = parse(&body);
    if !signed.csrf_ok(&state, &headers, &form.csrf) {
        return render_account(&state, lang, &signed, AccountRender::expired(lang)).await;
    }
    let now = crate::time::now();
    if !form.remove.is_empty() {
        state
            .db
            .set_password(signed.account.id, None, &signed.token_hash, now)
            .await?;
        return Ok(Redirect::to("/account?bericht=geen-wachtwoord").into_response());
    }
    let password = match Password::parse(&form.password, &form.password_repeat) {
        Ok(password) => password,
        Err(problem) => {
            let field = if problem == crate::domain::account::PasswordProblem::Mismatch {
                "password_repeat"
            } else {
                "password"
            };
            let render = AccountRender::invalid(field, lang.t(problem.message()));
            return render_account(&state, lang, &signed, render).await;
        }
    };
    let hash = tokio::task::spawn_blocking(move || password.hash())
        .await
        .map_err(|e| PageError::Internal(e.into()))?;
    state
        .db
        .set_password(signed.account.id, Some(&hash), &signed.token_hash, now)
        .await?;
    Ok(Redirect::to("/account?bericht=wachtwoord").into_response())
}

async fn download_data(
    State(state): State<AppState>,
    signed: Signed,
) -> Result<Response, PageError> {
    let data = state
        .db
        .account_data(signed.account.id)
        .await?
        .ok_or(PageError::NotFound)?;
    let json = serde_json::to_vec_pretty(&data).map_err(|e| PageError::Internal(e.into()))?;
    let response = (
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"samenleren-mijn-gegevens.json\"",
            ),
        ],
        json,
    )
        .into_response();
    Ok(private(response))
}

async fn confirm_delete(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
) -> Result<Response, PageError> {
    let page = ConfirmPage {
        lang,
        chrome: Chrome::new(
            &state,
            lang,
            lang.t("delete-title"),
            "/account/verwijderen",
            "",
        ),
        heading: lang.t("delete-title"),
        paragraphs: vec![lang.t("delete-text"), lang.t("delete-registrations")],
        action: "/account/verwijderen".into(),
        button: lang.t("delete-button"),
        csrf: signed.csrf(&state),
        back: Some((lang.t("delete-back"), "/account".into())),
    };
    Ok(private(Html(page.render()?).into_response()))
}

async fn delete_account(
    State(state): State<AppState>,
    signed: Signed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let form: CsrfForm = parse(&body);
    if !signed.csrf_ok(&state, &headers, &form.csrf) {
        return Err(PageError::Forbidden);
    }
    state.db.delete_account(signed.account.id).await?;
    tracing::info!(account = %signed.account.public_id, "account deleted by its owner");
    let mut response = Redirect::to("/inloggen?bericht=verwijderd").into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, clear_session_cookie(&state));
    Ok(private(response))
}
