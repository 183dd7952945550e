//! Cross-cutting layers: language, error pages, security headers, metrics, request
//! spans, request ids and limits.
//!
//! Each is a small tower [`Layer`] with its own future rather than
//! `axum::middleware::from_fn`: `from_fn` boxes the inner service and the future on
//! every request, and `http::router` applies the whole stack with one
//! `Router::layer`, so routing boxes it once instead of once per layer. On the cached
//! activity page that boxing, and the allocations around it, were a large share of
//! the request's CPU (docs/BENCHMARKS.md, page benchmark 2026-12-04).

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Instant;

use axum::body::Body;
use axum::extract::{MatchedPath, Request};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use pin_project_lite::pin_project;
use tower::{Layer, Service};
use tower_http::request_id::RequestId;

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
#[derive(Clone)]
pub struct PagesLayer {
    state: AppState,
}

impl PagesLayer {
    pub fn new(state: AppState) -> Self {
        Self { state }
    }
}

impl<S> Layer<S> for PagesLayer {
    type Service = Pages<S>;

    fn layer(&self, inner: S) -> Pages<S> {
        Pages {
            inner,
            state: self.state.clone(),
        }
    }
}

#[derive(Clone)]
pub struct Pages<S> {
    inner: S,
    state: AppState,
}

impl<S> Service<Request> for Pages<S>
where
    S: Service<Request, Response = Response>,
{
    type Response = Response;
    type Error = S::Error;
    type Future = PagesFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request) -> Self::Future {
        let (lang, explicit) = request_lang(&request);
        let is_api = request.uri().path().starts_with("/api/");
        let path = request.uri().path().to_owned();
        request.extensions_mut().insert(lang);
        PagesFuture {
            inner: self.inner.call(request),
            state: self.state.clone(),
            lang,
            explicit,
            is_api,
            path,
        }
    }
}

pin_project! {
    pub struct PagesFuture<F> {
        #[pin]
        inner: F,
        state: AppState,
        lang: Lang,
        explicit: bool,
        is_api: bool,
        path: String,
    }
}

impl<F, E> Future for PagesFuture<F>
where
    F: Future<Output = Result<Response, E>>,
{
    type Output = Result<Response, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let response = ready!(this.inner.poll(cx))?;
        Poll::Ready(Ok(finish_page(
            this.state,
            *this.lang,
            *this.explicit,
            *this.is_api,
            this.path,
            response,
        )))
    }
}

fn finish_page(
    state: &AppState,
    lang: Lang,
    explicit: bool,
    is_api: bool,
    path: &str,
    mut response: Response,
) -> Response {
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
            views::error_page(state, lang, status, path)
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
/// Applied with `tower::util::MapResponseLayer`: nothing to do before the handler.
pub fn add_security_headers(https: bool, headers: &mut HeaderMap) {
    let set = |headers: &mut HeaderMap, name, value: &'static str| {
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
}

/// Counts requests and their duration per route template (never per raw path, which
/// would let visitors create series at will).
///
/// The handles are kept per worker thread: building a metric key (label strings,
/// hashing) and looking it up in the recorder's registry on every request cost more
/// than the counting itself.
#[derive(Clone, Copy, Default)]
pub struct RecordMetricsLayer;

impl<S> Layer<S> for RecordMetricsLayer {
    type Service = RecordMetrics<S>;

    fn layer(&self, inner: S) -> RecordMetrics<S> {
        RecordMetrics { inner }
    }
}

#[derive(Clone)]
pub struct RecordMetrics<S> {
    inner: S,
}

impl<S> Service<Request> for RecordMetrics<S>
where
    S: Service<Request, Response = Response>,
{
    type Response = Response;
    type Error = S::Error;
    type Future = MetricsFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let route = request.extensions().get::<MatchedPath>().cloned();
        let method = request.method().clone();
        MetricsFuture {
            inner: self.inner.call(request),
            start: Instant::now(),
            method,
            route,
        }
    }
}

pin_project! {
    pub struct MetricsFuture<F> {
        #[pin]
        inner: F,
        start: Instant,
        method: Method,
        route: Option<MatchedPath>,
    }
}

impl<F, E> Future for MetricsFuture<F>
where
    F: Future<Output = Result<Response, E>>,
{
    type Output = Result<Response, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let response = ready!(this.inner.poll(cx))?;
        let route = this.route.as_ref().map_or("unmatched", |p| p.as_str());
        record_request(
            this.method,
            route,
            response.status(),
            this.start.elapsed().as_secs_f64(),
        );
        Poll::Ready(Ok(response))
    }
}

/// One route's handles: the counter per (method, status) and the duration
/// histogram per method.
#[derive(Default)]
struct RouteHandles {
    counters: Vec<(Method, StatusCode, metrics::Counter)>,
    durations: Vec<(Method, metrics::Histogram)>,
}

thread_local! {
    /// Keyed by route template; the few methods and statuses a route answers are
    /// searched in a short list.
    static HANDLES: RefCell<HashMap<String, RouteHandles>> = RefCell::default();
}

fn record_request(method: &Method, route: &str, status: StatusCode, seconds: f64) {
    HANDLES.with_borrow_mut(|handles| {
        if !handles.contains_key(route) {
            handles.insert(route.to_owned(), RouteHandles::default());
        }
        let Some(entry) = handles.get_mut(route) else {
            return;
        };
        let counter = match entry
            .counters
            .iter()
            .find(|(m, s, _)| m == method && *s == status)
        {
            Some((_, _, counter)) => counter,
            None => {
                let labels = [
                    ("method", method.as_str().to_owned()),
                    ("route", route.to_owned()),
                    ("status", status.as_str().to_owned()),
                ];
                let counter = metrics::counter!("http_requests_total", &labels);
                entry.counters.push((method.clone(), status, counter));
                &entry.counters[entry.counters.len() - 1].2
            }
        };
        counter.increment(1);
        let histogram = match entry.durations.iter().find(|(m, _)| m == method) {
            Some((_, histogram)) => histogram,
            None => {
                let labels = [
                    ("method", method.as_str().to_owned()),
                    ("route", route.to_owned()),
                ];
                let histogram = metrics::histogram!("http_request_duration_seconds", &labels);
                entry.durations.push((method.clone(), histogram));
                &entry.durations[entry.durations.len() - 1].1
            }
        };
        histogram.record(seconds);
    });
}

/// Request ids: a random UUID v4 per request from a fast thread-local generator.
/// They tie a request's log lines to its answer, so they must be unique, not
/// unguessable; tower-http's `MakeRequestUuid` asked the kernel for fresh random
/// bytes (a `getrandom` call) on every request.
#[derive(Clone, Copy, Default)]
pub struct MakeRequestId;

impl tower_http::request_id::MakeRequestId for MakeRequestId {
    fn make_request_id<B>(&mut self, _request: &Request<B>) -> Option<RequestId> {
        let uuid = uuid::Builder::from_random_bytes(fastrand::u128(..).to_le_bytes()).into_uuid();
        let mut buffer = uuid::Uuid::encode_buffer();
        let text = uuid.hyphenated().encode_lower(&mut buffer);
        HeaderValue::from_str(text).ok().map(RequestId::new)
    }
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
        path = %RedactedPath(request.uri().path()),
        request_id = %request_id,
    )
}

/// A path with secret tokens (manage, sign-in and invitation links) replaced, so
/// logs never hold a working link. Written segment by segment when the span is
/// formatted, without building a new string per request.
pub struct RedactedPath<'a>(pub &'a str);

impl fmt::Display for RedactedPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.split('/').enumerate() {
            if i > 0 {
                f.write_str("/")?;
            }
            if crate::secret::is_token_shaped(segment) {
                f.write_str("{token}")?;
            } else {
                f.write_str(segment)?;
            }
        }
        Ok(())
    }
}

/// 414 for URIs past [`MAX_URI_LEN`], before routing.
#[derive(Clone, Copy, Default)]
pub struct UriLimitLayer;

impl<S> Layer<S> for UriLimitLayer {
    type Service = UriLimit<S>;

    fn layer(&self, inner: S) -> UriLimit<S> {
        UriLimit { inner }
    }
}

#[derive(Clone)]
pub struct UriLimit<S> {
    inner: S,
}

impl<S> Service<Request> for UriLimit<S>
where
    S: Service<Request>,
    S::Response: IntoResponse,
{
    type Response = Response;
    type Error = S::Error;
    type Future = UriLimitFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let uri = request.uri();
        let len = uri.path().len() + uri.query().map_or(0, |q| q.len() + 1);
        if len > MAX_URI_LEN {
            return UriLimitFuture::Refused {
                response: Some(crate::http::error::error_marker(StatusCode::URI_TOO_LONG)),
            };
        }
        UriLimitFuture::Inner {
            inner: self.inner.call(request),
        }
    }
}

pin_project! {
    #[project = UriLimitProj]
    pub enum UriLimitFuture<F> {
        Inner { #[pin] inner: F },
        Refused { response: Option<Response> },
    }
}

impl<F, T, E> Future for UriLimitFuture<F>
where
    F: Future<Output = Result<T, E>>,
    T: IntoResponse,
{
    type Output = Result<Response, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.project() {
            UriLimitProj::Inner { inner } => inner.poll(cx).map_ok(IntoResponse::into_response),
            UriLimitProj::Refused { response } => {
                Poll::Ready(Ok(response.take().unwrap_or_default()))
            }
        }
    }
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
            RedactedPath(&format!("/inloggen/link/{token}")).to_string(),
            "/inloggen/link/{token}"
        );
        assert_eq!(
            RedactedPath(&format!("/aanmelding/{token}/afmelden")).to_string(),
            "/aanmelding/{token}/afmelden"
        );
        assert_eq!(
            RedactedPath("/activiteiten/blik").to_string(),
            "/activiteiten/blik"
        );
    }
}
