//! CSRF protection and cookie attributes shared by every form.
//!
//! Before sign-in a form's token is bound to an `sl_csrf` cookie by HMAC (double
//! submit, signed); after sign-in it is bound to the session. Requests another site
//! made the browser send (`Sec-Fetch-Site: cross-site`) are refused whatever their
//! token says.

use axum::http::{HeaderMap, HeaderValue, header};

use crate::http::AppState;

const CSRF_COOKIE: &str = "sl_csrf";

/// `; Secure` when the site is served over https (a cookie marked Secure would not
/// come back over plain http, which the default local setup uses).
pub fn secure_attribute(state: &AppState) -> &'static str {
    if state.settings.base_url().starts_with("https://") {
        "; Secure"
    } else {
        ""
    }
}

/// The value of cookie `name`, if sent.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The browser's CSRF cookie value, if it has a well-formed one.
pub fn csrf_cookie(headers: &HeaderMap) -> Option<String> {
    cookie(headers, CSRF_COOKIE).map(str::to_owned).filter(|v| {
        v.len() == 22
            && v.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    })
}

/// The cookie to bind the form's CSRF token to: the browser's, or a new one to set.
pub fn csrf_binding(state: &AppState, headers: &HeaderMap) -> (String, Option<HeaderValue>) {
    match csrf_cookie(headers) {
        Some(cookie) => (cookie, None),
        None => {
            let cookie = crate::secret::random_token::<16>();
            let secure = secure_attribute(state);
            let header = HeaderValue::from_str(&format!(
                "{CSRF_COOKIE}={cookie}; Path=/; HttpOnly; SameSite=Lax{secure}"
            ))
            .ok();
            (cookie, header)
        }
    }
}

/// A request another site made the browser send: refused whatever its token says.
pub fn cross_site(headers: &HeaderMap) -> bool {
    headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "cross-site")
}
