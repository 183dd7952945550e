//! Signing in (an emailed one-time link, or a password), invitations, and signing
//! out here or everywhere.

use super::*;

#[derive(Default, Deserialize)]
#[serde(default)]
pub(super) struct SignInForm {
    pub(super) email: String,
    pub(super) password: String,
    pub(super) next: String,
    pub(super) csrf: String,
}

pub(super) fn parse<T: Default + for<'de> Deserialize<'de>>(body: &[u8]) -> T {
    serde_urlencoded::from_bytes(body).unwrap_or_default()
}

#[derive(Template)]
#[template(path = "site/sign_in.html")]
pub(super) struct SignInPage {
    pub(super) lang: Lang,
    pub(super) chrome: Chrome,
    pub(super) notice: Option<String>,
    pub(super) error_links: Vec<ErrorLink>,
    pub(super) link_fields: Vec<FieldView>,
    pub(super) password_fields: Vec<FieldView>,
    pub(super) password_error: Option<String>,
    pub(super) next: String,
    pub(super) csrf: String,
}

/// What the sign-in page shows besides its two forms: the address as typed, a
/// notice, and why a form came back (`email` belongs to the link form, `password`
/// to the password form).
#[derive(Default)]
pub(super) struct SignInRender {
    pub(super) email: String,
    pub(super) next: String,
    pub(super) notice: Option<String>,
    pub(super) refusal: Option<Refusal>,
}

pub(super) fn render_sign_in(
    state: &AppState,
    lang: Lang,
    headers: &HeaderMap,
    render: SignInRender,
) -> Result<Response, PageError> {
    let (binding, set_cookie) = csrf_binding(state, headers);
    let refusal = render.refusal.as_ref();
    let mut email = FieldView::new("email", lang.t("sign-in-email"), "email", &render.email)
        .required()
        .autocomplete("email")
        .described(lang.t("sign-in-email-help"));
    email.error = refusal.and_then(|r| r.error("email"));
    // The summary sits above the link form; the password form has its own alert.
    let error_links = refusal
        .map(Refusal::error_links)
        .unwrap_or_default()
        .into_iter()
        .filter(|link| link.field == "email")
        .collect();
    let password_error = refusal.and_then(|r| r.error("password"));
    let mut password = FieldView::new("password", lang.t("sign-in-password"), "password", "")
        .required()
        .autocomplete("current-password");
    password.error = password_error.clone();
    let password_fields = vec![
        FieldView::new("pw-email", lang.t("sign-in-email"), "email", &render.email)
            .required()
            .autocomplete("username"),
        password,
    ];
    let page = SignInPage {
        lang,
        chrome: Chrome::new(state, lang, lang.t("sign-in-title"), "/inloggen", ""),
        notice: refusal.and_then(|r| r.notice(lang)).or(render.notice),
        error_links,
        link_fields: vec![email],
        password_fields,
        password_error,
        next: render.next,
        csrf: state.secret.csrf_token(&binding),
    };
    let mut response = Refusal::answer(refusal, Html(page.render()?));
    if let Some(cookie) = set_cookie {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    Ok(private(response))
}

/// The `next` query parameter, when it is a local path.
pub(super) fn next_of(uri: &OriginalUri) -> String {
    query_param(uri, "next")
        .and_then(|v| local_path(&v))
        .unwrap_or_default()
}

pub(super) async fn show_sign_in(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    uri: OriginalUri,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let notice = notice(&uri, lang, SIGN_IN_NOTICES);
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
pub(super) fn sign_in_wait(state: &AppState, peer: SocketAddr, headers: &HeaderMap) -> Option<u64> {
    let ip = crate::http::infra::rate_limit::client_ip(peer, headers, state.settings.trust_proxy);
    state
        .sign_in_limiter
        .check(ip, Instant::now())
        .err()
        .map(|wait| wait.as_secs())
}

/// Over the sign-in rate limit: 429 with `Retry-After`, the form kept.
pub(super) fn rate_limited(
    state: &AppState,
    lang: Lang,
    headers: &HeaderMap,
    form: &SignInForm,
    seconds: u64,
) -> Result<Response, PageError> {
    render_sign_in(
        state,
        lang,
        headers,
        SignInRender {
            email: form.email.clone(),
            next: local_path(&form.next).unwrap_or_default(),
            refusal: Some(Refusal::TooSoon(seconds)),
            ..SignInRender::default()
        },
    )
}

/// Refuses a form without a valid token bound to the browser's CSRF cookie.
pub(super) fn pre_session_csrf_ok(state: &AppState, headers: &HeaderMap, submitted: &str) -> bool {
    !cross_site(headers)
        && csrf_cookie(headers).is_some_and(|cookie| state.secret.csrf_matches(&cookie, submitted))
}

pub(super) async fn request_link(
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
    let again = |refusal| {
        render_sign_in(
            &state,
            lang,
            &headers,
            SignInRender {
                email: form.email.clone(),
                next: next.clone(),
                notice: None,
                refusal: Some(refusal),
            },
        )
    };
    if !pre_session_csrf_ok(&state, &headers, &form.csrf) {
        return again(Refusal::Expired);
    }
    let email = match Email::parse(&form.email) {
        Some(email) => email,
        None if form.email.trim().is_empty() => {
            return again(Refusal::field("email", lang.t("error-email-required")));
        }
        None => return again(Refusal::field("email", lang.t("error-email"))),
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

pub(super) async fn sign_in_with_password(
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
    let refuse = |refusal| {
        render_sign_in(
            &state,
            lang,
            &headers,
            SignInRender {
                email: form.email.clone(),
                next: next.clone(),
                notice: None,
                refusal: Some(refusal),
            },
        )
    };
    // The same answer for an unknown address, a wrong password and a locked account.
    let wrong = || refuse(Refusal::field("password", lang.t("sign-in-wrong")));
    if !pre_session_csrf_ok(&state, &headers, &form.csrf) {
        return refuse(Refusal::Expired);
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
        return wrong();
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
            return wrong();
        }
        None => return wrong(),
    };
    let (token, session) = new_session();
    state.db.password_succeeded(row.id, &session, now).await?;
    signed_in_redirect(&state, &token, &next)
}

/// After signing in: the session cookie, and on to `next` or the account page.
pub(super) fn signed_in_redirect(
    state: &AppState,
    token: &str,
    next: &str,
) -> Result<Response, PageError> {
    let target = local_path(next).unwrap_or_else(|| "/account".to_owned());
    let mut response = Redirect::to(&target).into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, session_cookie(state, token));
    Ok(private(response))
}

#[derive(Template)]
#[template(path = "site/confirm.html")]
pub(super) struct ConfirmPage {
    pub(super) lang: Lang,
    pub(super) chrome: Chrome,
    pub(super) heading: String,
    pub(super) paragraphs: Vec<String>,
    pub(super) action: String,
    pub(super) button: String,
    pub(super) csrf: String,
    /// Secondary action: (text, href).
    pub(super) back: Option<(String, String)>,
}

/// A page with one button that POSTs to `action`, with a CSRF token bound to the
/// browser's CSRF cookie (a one-time link is used by the button, not by opening it:
/// mail scanners open links).
pub(super) fn link_confirm_page(
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

pub(super) async fn show_link(
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
pub(super) struct CsrfForm {
    pub(super) csrf: String,
}

/// A used, expired or unknown link: 410 and the way to a new one.
pub(super) fn link_gone(state: &AppState, lang: Lang) -> Result<Response, PageError> {
    message_page(
        state,
        lang,
        StatusCode::GONE,
        lang.t("sign-in-link-gone-title"),
        vec![lang.t("sign-in-link-gone-text")],
    )
}

pub(super) async fn use_link(
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

pub(super) async fn show_invitation(
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
    let title = match &about {
        Some((_, Some(_), true)) => lang.t("invitation-title-member"),
        Some((_, Some(_), false)) => lang.t("invitation-title-kartrekker"),
        _ => lang.t("invitation-title"),
    };
    let text = match &about {
        Some((organisation, Some(title), membership)) => lang.t_args(
            if *membership {
                "invitation-text-member"
            } else {
                "invitation-text-kartrekker"
            },
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
        title,
        vec![text],
        format!("/uitnodiging/{token}"),
        lang.t("invitation-button"),
    )
}

pub(super) async fn accept_invitation(
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

pub(super) fn message_page(
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

pub(super) async fn sign_out(
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

pub(super) async fn sign_out_everywhere(
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
