//! One error type per surface. Pages answer with a friendly page in the visitor's
//! language (rendered by [`super::middleware::pages`], which knows the language);
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
    /// The parameter name.
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
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> Self {
        Self::Internal(error.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, problem) = match self {
            Self::NotFound => (
                StatusCode::NOT_FOUND,
                Problem {
                    kind: "about:blank".into(),
                    title: "Not Found".into(),
                    status: 404,
                    detail: Some("Nothing public exists at this address.".into()),
                    errors: Vec::new(),
                },
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
            Self::Internal(error) => {
                tracing::error!(error = format!("{error:#}"), "api request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    Problem {
                        kind: "about:blank".into(),
                        title: "Internal Server Error".into(),
                        status: 500,
                        detail: None,
                        errors: Vec::new(),
                    },
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
