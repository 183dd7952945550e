//! Registration through the JSON API: the same rules as the form
//! ([`crate::http::site::registration::submit`]), JSON in and out, problem details for errors.

use std::collections::BTreeMap;
use std::net::SocketAddr;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::db::registration::{CancelOutcome, RegisterOutcome, RegistrationView};
use crate::domain::registration::{RegistrationInput, RegistrationState};
use crate::domain::slug::Slug;
use crate::http::AppState;
use crate::http::error::{ApiError, InvalidParam, Problem, problem_response};
use crate::http::kit::headers::private;
use crate::http::site::registration::{
    Submitted, cancel_by_token, check_rate, find_by_token, submit,
};
use crate::i18n::Lang;

/// Registration, each route with its document.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_registration))
        .routes(routes!(get_registration, cancel_registration))
        .layer(axum::extract::DefaultBodyLimit::max(
            crate::http::site::registration::MAX_FORM_BYTES,
        ))
}

/// A sign-up.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegistrationRequest {
    /// The person's name: at least one visible character, no control characters.
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]*[^\s\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069][^\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]*$"
    )]
    pub name: String,
    /// An email address (ASCII).
    #[schema(
        min_length = 3,
        max_length = 254,
        pattern = r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$"
    )]
    pub email: String,
    #[serde(default)]
    #[schema(
        max_length = 200,
        pattern = r"^[^\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]*$"
    )]
    pub organisation: String,
    /// An audience slug (see the activities' `audiences`), or `anders`.
    pub role: String,
    /// The role in words, when `role` is `anders`.
    #[serde(default)]
    #[schema(
        max_length = 200,
        pattern = r"^[^\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]*$"
    )]
    pub role_other: String,
    /// A Dutch province or `Landelijk`; empty for none.
    #[serde(default)]
    pub region: String,
    /// Answers to the activity's questions, by question id.
    #[serde(default)]
    pub answers: BTreeMap<String, String>,
    /// Must be `true`: the person agrees to the privacy statement (`/privacy`).
    pub privacy_consent: bool,
    /// The language of the emails: `nl` (default) or `en`.
    #[serde(default)]
    pub lang: Option<String>,
}

/// The answer to every sign-up that was taken in, whether the address was new,
/// already registered, or the same request sent again: what happened (a place, the
/// waitlist, or the manage link again) goes by email to the address, so the answer
/// tells nobody who registered — the same as the form's page.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegistrationAccepted {
    /// Always `accepted`.
    #[schema(example = "accepted")]
    pub status: String,
    /// The activity's slug.
    pub activity: String,
    pub detail: String,
}

/// A registration as its owner sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Registration {
    pub id: String,
    pub activity: String,
    pub activity_title: String,
    pub state: RegistrationState,
    pub waitlist_position: Option<u32>,
    /// Until when an offered place is held.
    pub offer_expires_at: Option<DateTime<Utc>>,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub role: String,
    pub role_other: String,
    pub region: String,
    /// Answers by question id.
    pub answers: BTreeMap<String, String>,
    pub created_at: DateTime<Utc>,
}

impl From<RegistrationView> for Registration {
    fn from(r: RegistrationView) -> Self {
        Self {
            id: r.public_id,
            activity: r.activity_slug,
            activity_title: r.activity_title,
            state: r.state,
            waitlist_position: r.waitlist_position,
            offer_expires_at: r.offer_expires_at,
            name: r.name,
            email: r.email,
            organisation: r.organisation,
            role: r.role,
            role_other: r.role_other,
            region: r.region,
            answers: r
                .answers
                .into_iter()
                .map(|(id, value)| (id.to_string(), value))
                .collect(),
            created_at: r.created_at,
        }
    }
}

/// The body as `T`: 415 unless it is `application/json`, 400 (saying what is wrong)
/// unless it parses.
pub(crate) fn json_body<T: serde::de::DeserializeOwned>(
    headers: &HeaderMap,
    body: &[u8],
) -> Result<T, ApiError> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|t| {
            let t = t.trim();
            t.eq_ignore_ascii_case("application/json")
                || t.eq_ignore_ascii_case("application/merge-patch+json")
        });
    if !is_json {
        return Err(ApiError::UnsupportedMediaType);
    }
    serde_json::from_slice(body)
        .map_err(|error| ApiError::BadRequest(format!("The body is not valid: {error}")))
}

#[utoipa::path(
    post,
    path = "/api/v1/activities/{slug}/registrations",
    tag = "public",
    params(
        ("slug" = String, Path, description = "The activity's slug"),
        ("Idempotency-Key" = Option<String>, Header, description = "Sending the same key again returns the first result instead of registering twice"),
    ),
    request_body = RegistrationRequest,
    responses(
        (status = 202, description = "Taken in. The same answer for a new address, an address already registered and a repeated request: the outcome (a place, the waitlist, or the manage link again) goes by email", body = RegistrationAccepted),
        (status = 400, description = "The body is not the JSON described here", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No public activity has this slug", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Registration is closed, or the activity is full without a waitlist", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields are missing or invalid; `errors` says which", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many registrations from this client; see Retry-After", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_registration(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    if let Err(wait) = check_rate(&state, peer, &headers) {
        let mut response = problem_response(
            StatusCode::TOO_MANY_REQUESTS,
            &Problem {
                kind: "about:blank".into(),
                title: "Too Many Requests".into(),
                status: StatusCode::TOO_MANY_REQUESTS.as_u16(),
                detail: Some(
                    "Too many registrations from this client. Try again after Retry-After seconds."
                        .into(),
                ),
                errors: Vec::new(),
            },
        );
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(wait.as_secs()));
        return Ok(response);
    }
    let slug = Slug::parse(&slug).ok_or(ApiError::NotFound)?;
    let activity = state
        .forms
        .activity(&state.db, slug.as_str())
        .await?
        .ok_or(ApiError::NotFound)?;
    let request: RegistrationRequest = json_body(&headers, &body)?;
    let mut answers = Vec::new();
    let mut bad_keys = Vec::new();
    for (key, value) in request.answers {
        match key.parse::<i64>() {
            Ok(id) if activity.questions.iter().any(|q| q.id == id) => answers.push((id, value)),
            _ => bad_keys.push(InvalidParam {
                name: format!("answers.{key}"),
                reason: "This activity has no question with this id.".into(),
            }),
        }
    }
    let lang = match request.lang.as_deref() {
        None | Some("") => Lang::Nl,
        Some(code) => match Lang::parse(code) {
            Some(lang) => lang,
            None => {
                bad_keys.push(InvalidParam {
                    name: "lang".into(),
                    reason: "Use nl or en.".into(),
                });
                Lang::Nl
            }
        },
    };
    let input = RegistrationInput {
        name: request.name,
        email: request.email,
        organisation: request.organisation,
        role: request.role,
        role_other: request.role_other,
        region: request.region,
        answers,
        privacy_consent: request.privacy_consent,
    };
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| !k.is_empty() && k.len() <= 200)
        .map(|k| format!("api:{k}"));
    let submitted = if bad_keys.is_empty() {
        submit(&state, &activity, &input, None, lang, key, Utc::now()).await?
    } else {
        // Report everything else that is wrong too, and store nothing.
        let roles = state.forms.roles(&state.db).await?;
        let errors = crate::domain::registration::validate(
            &input,
            &roles.slugs,
            &crate::domain::registration::REGIONS,
            &activity.questions,
        )
        .err()
        .unwrap_or_default();
        Submitted::Invalid(errors)
    };
    Ok(match submitted {
        Submitted::Invalid(errors) => {
            let mut params: Vec<InvalidParam> = errors
                .into_iter()
                .map(|e| InvalidParam {
                    name: match e.field.strip_prefix("q-") {
                        Some(id) => format!("answers.{id}"),
                        None => e.field,
                    },
                    reason: Lang::En.t(e.message),
                })
                .collect();
            params.extend(bad_keys);
            ApiError::Unprocessable(params).into_response()
        }
        Submitted::Unavailable(_) | Submitted::Stored(RegisterOutcome::Closed) => {
            ApiError::Conflict("Registration for this activity is not possible now.".into())
                .into_response()
        }
        Submitted::Stored(RegisterOutcome::Full) => {
            ApiError::Conflict("This activity is full and has no waitlist.".into()).into_response()
        }
        Submitted::Stored(RegisterOutcome::NotFound) => return Err(ApiError::NotFound),
        Submitted::Stored(
            RegisterOutcome::AlreadyRegistered
            | RegisterOutcome::Held
            | RegisterOutcome::Created { .. }
            | RegisterOutcome::Replayed { .. },
        ) => (
            StatusCode::ACCEPTED,
            Json(RegistrationAccepted {
                status: "accepted".into(),
                activity: activity.core.slug.clone(),
                detail: "Received. The email to this address says what happens next: a place, \
                         the waitlist, a prerequisite to check first, or (for an address already \
                         registered) the manage link again."
                    .into(),
            }),
        )
            .into_response(),
    })
}

async fn registration_of(state: &AppState, token: &str) -> Result<RegistrationView, ApiError> {
    find_by_token(state, token).await?.ok_or(ApiError::NotFound)
}

#[utoipa::path(
    get,
    path = "/api/v1/registrations/{token}",
    tag = "public",
    params(("token" = String, Path, description = "The manage token from the registration")),
    responses(
        (status = 200, description = "The registration", body = Registration),
        (status = 404, description = "No registration has this token", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_registration(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, ApiError> {
    let registration = registration_of(&state, &token).await?;
    Ok(private(
        Json(Registration::from(registration)).into_response(),
    ))
}

#[utoipa::path(
    delete,
    path = "/api/v1/registrations/{token}",
    tag = "public",
    params(("token" = String, Path, description = "The manage token from the registration")),
    responses(
        (status = 200, description = "Cancelled (also when it was cancelled before); the place went to the next person", body = Registration),
        (status = 404, description = "No registration has this token", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Attended or marked absent: no longer cancellable", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn cancel_registration(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, ApiError> {
    let registration = registration_of(&state, &token).await?;
    match cancel_by_token(&state, &registration).await? {
        CancelOutcome::Cancelled | CancelOutcome::AlreadyCancelled => {}
        CancelOutcome::NotCancellable => {
            return Err(ApiError::Conflict(
                "This registration is history (attended or absent) and cannot be cancelled.".into(),
            ));
        }
        CancelOutcome::NotFound => return Err(ApiError::NotFound),
    }
    let registration = registration_of(&state, &token).await?;
    Ok(private(
        Json(Registration::from(registration)).into_response(),
    ))
}
