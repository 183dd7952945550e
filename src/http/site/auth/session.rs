//! The session behind the cookie: the [`Signed`] extractor, its CSRF binding and
//! what every signed-in page knows of the account.

use super::*;

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

pub(super) fn session_token(headers: &HeaderMap) -> Option<&str> {
    cookie(headers, SESSION_COOKIE).filter(|t| is_token_shaped(t))
}

/// The session cookie for a new session.
pub(super) fn session_cookie(state: &AppState, token: &str) -> HeaderValue {
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
pub(super) fn clear_session_cookie(state: &AppState) -> HeaderValue {
    let secure = secure_attribute(state);
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"
    ))
    .expect("valid header value")
}

/// A new session token and what the database keeps of it.
pub(super) fn new_session() -> (String, NewSession) {
    let token = random_token::<32>();
    let session = NewSession {
        token_hash: token_hash(&token),
        expires_at: crate::time::now() + SESSION_IDLE,
    };
    (token, session)
}

/// To the sign-in page, coming back to `path` afterwards.
pub(super) fn to_sign_in(state: &AppState, path: &str, had_cookie: bool) -> Response {
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

/// `Option<Signed>`: pages open to everyone that know a signed-in visitor (a vote
/// with the account's own address counts at once). No session, or one that has
/// ended, is `None`; a database error is still an error page.
impl axum::extract::OptionalFromRequestParts<AppState> for Signed {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Self>, Response> {
        if session_token(&parts.headers).is_none() {
            return Ok(None);
        }
        Ok(
            <Self as FromRequestParts<AppState>>::from_request_parts(parts, state)
                .await
                .ok(),
        )
    }
}
