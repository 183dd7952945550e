//! An activity's sessions: create, replace, remove.

use super::*;

/// Stores a session (new when `session` is `None`) from its JSON.
pub(super) async fn store_session(
    state: &AppState,
    target: &Target,
    session: Option<i64>,
    raw: Option<String>,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(), ApiError> {
    let options: NotifyQuery = query(raw)?;
    let fields: SessionFields = strict(json_body(headers, body)?)?;
    let venues = state.db.venues().await?;
    let slugs: Vec<&str> = venues.iter().map(|v| v.slug.as_str()).collect();
    let form = fields.form(options.notify);
    let content = form
        .validate(&slugs)
        .map_err(|errors| unprocessable(errors, session_field))?;
    let outcome = state
        .db
        .save_session(
            target.activity.id,
            session,
            &content,
            form.notify,
            options.accept_capacity_below_taken,
            target.actor(),
        )
        .await?;
    saved(state, target, outcome).await
}

/// Adds a session with its program.
#[utoipa::path(
    post,
    path = "/api/v1/organiser/activities/{id}/sessions",
    tag = "organiser",
    security(("api_token" = [])),
    params(("id" = String, Path, description = "The activity's id"), NotifyQuery),
    request_body = SessionFields,
    responses(
        (status = 201, description = "The activity with the new session", body = ManagedActivity),
        (status = 409, description = "Cancelled or archived, or a session limit below the places taken without `accept_capacity_below_taken`", body = crate::http::error::Problem, content_type = "application/problem+json"),
        BadBody, Denied,
    )
)]
pub(super) async fn create_session(
    State(state): State<AppState>,
    bearer: Bearer,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let target = Target::find(&state, bearer, &id).await?;
    store_session(&state, &target, None, raw, &headers, &body).await?;
    let mut response = activity_response(&state, &target).await?;
    *response.status_mut() = StatusCode::CREATED;
    Ok(response)
}

/// The session a path names under its activity; not a number: 404.
pub(super) fn session_id(raw: &str) -> Result<i64, ApiError> {
    raw.parse().map_err(|_| ApiError::NotFound)
}

/// Replaces a session and its program. Registrants of a published activity get an
/// email listing what changed, unless `notify=false`.
#[utoipa::path(
    put,
    path = "/api/v1/organiser/activities/{id}/sessions/{session}",
    tag = "organiser",
    security(("api_token" = [])),
    params(
        ("id" = String, Path, description = "The activity's id"),
        ("session" = i64, Path, description = "The session's id"),
        NotifyQuery
    ),
    request_body = SessionFields,
    responses(
        (status = 200, description = "The activity with the changed session", body = ManagedActivity),
        (status = 409, description = "Cancelled or archived, or a session limit below the places taken without `accept_capacity_below_taken`", body = crate::http::error::Problem, content_type = "application/problem+json"),
        BadBody, Denied,
    )
)]
pub(super) async fn update_session(
    State(state): State<AppState>,
    bearer: Bearer,
    Path((id, session)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let target = Target::find(&state, bearer, &id).await?;
    let session = session_id(&session)?;
    store_session(&state, &target, Some(session), raw, &headers, &body).await?;
    activity_response(&state, &target).await
}

/// Removes a session and its program.
#[utoipa::path(
    delete,
    path = "/api/v1/organiser/activities/{id}/sessions/{session}",
    tag = "organiser",
    security(("api_token" = [])),
    params(
        ("id" = String, Path, description = "The activity's id"),
        ("session" = i64, Path, description = "The session's id"),
        NotifyQuery
    ),
    responses(
        (status = 204, description = "Removed"),
        (status = 409, description = "Cancelled or archived (no changes), or the last session of a published activity (cancel the activity instead)", body = crate::http::error::Problem, content_type = "application/problem+json"),
        Denied,
    )
)]
pub(super) async fn delete_session(
    State(state): State<AppState>,
    bearer: Bearer,
    Path((id, session)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let target = Target::find(&state, bearer, &id).await?;
    let session = session_id(&session)?;
    let options: NotifyQuery = query(raw)?;
    let outcome = state
        .db
        .delete_session(target.activity.id, session, options.notify, target.actor())
        .await?;
    saved(&state, &target, outcome).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
