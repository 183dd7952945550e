//! Cross-cutting layers: language, error pages, security headers, metrics, request
//! spans and limits.

use std::time::Instant;

use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::http::AppState;
use crate::http::error::{ErrorPage, Problem, problem_response};
use crate::http::kit::views;
use crate::i18n::Lang;

/// Longest accepted path plus query string. Real links are far shorter; anything
/// longer is refused before it reaches a handler.
pub const MAX_URI_LEN: usize = 2048;

/// The language of a request: `?lang=` first (and then remembered in a cookie), then
/// the `lang` cookie, then Dutch.
fn request_lang(request: &Request) -> (Lang, bool) {
    let from_query = request.uri().query().and_then(|q| {
        q.split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(k, _)| *k == "lang")
            .and_then(|(_, v)| Lang::parse(v))
    });
    if let Some(lang) = from_query {
        return (lang, true);
    }
    let from_cookie = request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == "lang")
        .and_then(|(_, v)| Lang::parse(v));
    (from_cookie.unwrap_or_default(), false)
}

/// Puts the request's [`Lang`] in its extensions, renders error pages in that
/// language (problem details under `/api/`), and remembers an explicit choice.
pub async fn pages(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let (lang, explicit) = request_lang(&request);
    let is_api = request.uri().path().starts_with("/api/");
    let path = request.uri().path().to_owned();
    request.extensions_mut().insert(lang);
    let mut response = next.run(request).await;

    let marker = response.extensions().get::<ErrorPage>().copied();
    let status = response.status();
    // A client error without a page of ours: axum's own rejections (body too large,
    // bad form) come as bare or English text/plain.
    let bare = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_none_or(|t| t.as_bytes().starts_with(b"text/plain"));
    let unrendered_client_error = marker.is_none() && bare && status.is_client_error();
    if let Some(ErrorPage(status)) = marker.or(unrendered_client_error.then_some(ErrorPage(status)))
    {
        response = if is_api {
            let problem = Problem {
                kind: "about:blank".into(),
                title: status.canonical_reason().unwrap_or("Error").into(),
                status: status.as_u16(),
                detail: None,
                errors: Vec::new(),
            };
            problem_response(status, &problem)
        } else {
            views::error_page(&state, lang, status, &path)
        };
    }
    if explicit {
        let cookie = format!(
            "lang={}; Path=/; Max-Age=31536000; SameSite=Lax",
            lang.code()
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// Headers every answer carries. The CSP allows no inline script or style; the JSON-LD
/// block is data, which CSP does not govern. No page uses the camera, microphone,
/// location or payments, so no page (nor anything injected into one) may ask. Over
/// https (`https`: the base URL says so) browsers are told to stay on https for a
/// year.
pub async fn security_headers(https: bool, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let set = |headers: &mut axum::http::HeaderMap, name, value: &'static str| {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    };
    set(
        headers,
        header::CONTENT_SECURITY_POLICY,
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    );
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(
        headers,
        header::REFERRER_POLICY,
        "strict-origin-when-cross-origin",
    );
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    set(
        headers,
        axum::http::HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), \
         browsing-topics=()",
    );
    if https {
        set(
            headers,
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000",
        );
    }
    response
}

/// Counts requests and their duration per route template (never per raw path, which
/// would let visitors create series at will).
pub async fn record_metrics(request: Request, next: Next) -> Response {
    let start = Instant::now();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", |p| p.as_str())
        .to_owned();
    let method = request.method().as_str().to_owned();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    let labels = [("method", method), ("route", route), ("status", status)];
    metrics::counter!("http_requests_total", &labels).increment(1);
    metrics::histogram!("http_request_duration_seconds", &labels[..2])
        .record(start.elapsed().as_secs_f64());
    response
}

/// The span every log line of a request is written in: method, path (without the
/// query, which may hold personal data later) and request id.
pub fn make_span(request: &Request<Body>) -> tracing::Span {
    let request_id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    tracing::info_span!(
        "request",
        method = %request.method(),
        path = %redacted_path(request.uri().path()),
        request_id = %request_id,
    )
}

/// The path with secret tokens (manage, sign-in and invitation links) replaced, so
/// logs never hold a working link.
pub fn redacted_path(path: &str) -> String {
    path.split('/')
        .map(|segment| {
            if crate::secret::is_token_shaped(segment) {
                "{token}"
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// 414 for URIs past [`MAX_URI_LEN`], before routing.
pub async fn refuse_long_uris(request: Request, next: Next) -> Response {
    let uri = request.uri();
    let len = uri.path().len() + uri.query().map_or(0, |q| q.len() + 1);
    if len > MAX_URI_LEN {
        return crate::http::error::error_marker(StatusCode::URI_TOO_LONG);
    }
    next.run(request).await
}

/// A panic is a bug: logged by the layer, answered with a plain Dutch page (the
/// template machinery may be what panicked).
pub fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("handler panicked");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Er ging iets mis · Samenleren</title></head>\
         <body><main><h1>Er ging iets mis</h1><p>Probeer het later opnieuw.</p><p><a href=\"/\">Naar de startpagina</a></p></main></body></html>",
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logged_paths_hold_no_tokens() {
        let token = "5GqnMUsGzkWhILacbaOcNtik4z2SfO15M0K-nW94ExQ";
        assert_eq!(
            redacted_path(&format!("/inloggen/link/{token}")),
            "/inloggen/link/{token}"
        );
        assert_eq!(
            redacted_path(&format!("/aanmelding/{token}/afmelden")),
            "/aanmelding/{token}/afmelden"
        );
        assert_eq!(redacted_path("/activiteiten/blik"), "/activiteiten/blik");
    }
}
