//! Refusals of the organiser API and the query parameters its routes share.

use super::*;

// The answers many endpoints share, described once for the document; the handlers
// answer with [`ApiError`].

/// No usable token.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // Describes answers for the document.
pub(super) enum NoToken {
    /// No token, or an unknown or revoked one (see `WWW-Authenticate`)
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(Problem),
}

/// No usable token, or nothing at this address that the token may manage.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // Describes answers for the document.
pub(super) enum Denied {
    /// No token, or an unknown or revoked one (see `WWW-Authenticate`)
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(Problem),
    /// Nothing at this address that the token may manage: none, or another
    /// organisation's
    #[response(status = 404, content_type = "application/problem+json")]
    NotFound(Problem),
}

/// A body that is not the document described.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // Describes answers for the document.
pub(super) enum BadBody {
    /// The body is not the JSON described here (`detail` says where)
    #[response(status = 400, content_type = "application/problem+json")]
    BadRequest(Problem),
    /// The body is not JSON (`application/json`)
    #[response(status = 415, content_type = "application/problem+json")]
    UnsupportedMediaType(Problem),
    /// Fields are missing or invalid; `errors` names each by its JSON path
    /// (`title`, `contact.email`, `program.0.time`, `new_venue.name`)
    #[response(status = 422, content_type = "application/problem+json")]
    Unprocessable(Problem),
}

// ------------------------------------------------------------------ queries

/// `?notify=`: whether registrants hear about this change (default `true`).
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct NotifyQuery {
    /// Email registrants of a published activity about changed times, venue or
    /// program (default `true`); `false` for this one change.
    #[serde(default = "yes")]
    pub(super) notify: bool,
    /// Agree that a limit below the places taken makes newcomers wait (default
    /// `false`: answer 409).
    #[serde(default)]
    pub(super) accept_capacity_below_taken: bool,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct CapacityQuery {
    /// Agree that a limit below the places taken makes newcomers wait (default
    /// `false`: answer 409).
    #[serde(default)]
    pub(super) accept_capacity_below_taken: bool,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct ExportQuery {
    /// The language of the column titles and states: `nl` (default) or `en`.
    #[serde(default)]
    pub(super) lang: Option<String>,
}
