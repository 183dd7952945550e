//! One error type per surface. Pages answer with a friendly page in the visitor's
//! language (rendered by [`crate::http::infra::middleware::pages`], which knows the language);
//! the API answers with RFC 9457 problem details. Internal errors are logged once,
//! here, inside the request's span (so with its request id), and never shown.

use axum::Json;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// Marks a response whose body the page middleware must render as an error page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ErrorPage(pub StatusCode);

/// Errors of page handlers.
#[derive(Debug, thiserror::Error)]
pub enum PageError {
    #[error("not found")]
    NotFound,
    /// Signed in, but this is not for you (a participant at the back office), or a
    /// form of a signed-in page without its token.
    #[error("forbidden")]
    Forbidden,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for PageError {
    fn from(error: sqlx::Error) -> Self {
        Self::Internal(error.into())
    }
}

impl From<askama::Error> for PageError {
    fn from(error: askama::Error) -> Self {
        Self::Internal(error.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = match &self {
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::Internal(error) => {
                tracing::error!(error = format!("{error:#}"), "request failed");
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        error_marker(status)
    }
}

/// An empty response with `status` that the page middleware turns into a page.
pub fn error_marker(status: StatusCode) -> Response {
    let mut response = status.into_response();
    response.extensions_mut().insert(ErrorPage(status));
    response
}

/// An RFC 9457 problem detail.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem; `about:blank` where the status says it all.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Which query parameters were not understood, and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<InvalidParam>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct InvalidParam {
    /// The parameter or field name (`answers.3`, `sessions.program.0.title`).
    pub name: String,
    pub reason: String,
}

/// Errors of API handlers.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("not found")]
    NotFound,
    #[error("invalid parameters")]
    InvalidParams(Vec<InvalidParam>),
    /// No usable API token: none sent (`false`), or unknown or revoked (`true`).
    #[error("unauthorized")]
    Unauthorized { token_sent: bool },
    /// The body is not the JSON the document describes.
    #[error("bad request")]
    BadRequest(String),
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// Fields are missing or invalid; each says why.
    #[error("unprocessable")]
    Unprocessable(Vec<InvalidParam>),
    /// The token's account may see this, but not do this with it (a kartrekker
    /// publishing their activity).
    #[error("forbidden")]
    Forbidden(String),
    /// The request is understood but the resource's state does not allow it.
    #[error("conflict")]
    Conflict(String),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> Self {
        Self::Internal(error.into())
    }
}

impl From<PageError> for ApiError {
    fn from(error: PageError) -> Self {
        match error {
            PageError::NotFound | PageError::Forbidden => Self::NotFound,
            PageError::Internal(error) => Self::Internal(error),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let plain = |status: StatusCode, detail: Option<String>, errors| Problem {
            kind: "about:blank".into(),
            title: status.canonical_reason().unwrap_or_default().into(),
            status: status.as_u16(),
            detail,
            errors,
        };
        let (status, problem) = match self {
            Self::NotFound => (
                StatusCode::NOT_FOUND,
                plain(
                    StatusCode::NOT_FOUND,
                    Some("Nothing exists at this address that you may see.".into()),
                    Vec::new(),
                ),
            ),
            Self::InvalidParams(errors) => (
                StatusCode::BAD_REQUEST,
                Problem {
                    kind: "/api/problems/invalid-parameters".into(),
                    title: "Invalid query parameters".into(),
                    status: 400,
                    detail: Some("One or more query parameters could not be understood.".into()),
                    errors,
                },
            ),
            Self::Unauthorized { token_sent } => {
                let detail = if token_sent {
                    "This API token is unknown or revoked."
                } else {
                    "Send a personal API token as `Authorization: Bearer …`; make one on your account page under API-sleutels."
                };
                let mut response = problem_response(
                    StatusCode::UNAUTHORIZED,
                    &plain(StatusCode::UNAUTHORIZED, Some(detail.into()), Vec::new()),
                );
                let challenge = if token_sent {
                    "Bearer realm=\"samenleren\", error=\"invalid_token\""
                } else {
                    "Bearer realm=\"samenleren\""
                };
                response.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    header::HeaderValue::from_static(challenge),
                );
                return response;
            }
            Self::Forbidden(detail) => (
                StatusCode::FORBIDDEN,
                plain(StatusCode::FORBIDDEN, Some(detail), Vec::new()),
            ),
            Self::BadRequest(detail) => (
                StatusCode::BAD_REQUEST,
                plain(StatusCode::BAD_REQUEST, Some(detail), Vec::new()),
            ),
            Self::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                plain(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    Some("Send the body as application/json.".into()),
                    Vec::new(),
                ),
            ),
            Self::Unprocessable(errors) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                Problem {
                    // RFC 9110's name; `http` still has the older "Unprocessable Entity".
                    title: "Unprocessable Content".into(),
                    ..plain(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        Some("One or more fields are missing or invalid.".into()),
                        errors,
                    )
                },
            ),
            Self::Conflict(detail) => (
                StatusCode::CONFLICT,
                plain(StatusCode::CONFLICT, Some(detail), Vec::new()),
            ),
            Self::Internal(error) => {
                tracing::error!(error = format!("{error:#}"), "api request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    plain(StatusCode::INTERNAL_SERVER_ERROR, None, Vec::new()),
                )
            }
        };
        problem_response(status, &problem)
    }
}

pub fn problem_response(status: StatusCode, problem: &Problem) -> Response {
    let mut response = (status, Json(problem)).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("application/problem+json"),
    );
    response
}
