//! The account, venues, activities (list, create, read, merge patch, delete) and
//! their status.

use super::*;
use crate::domain::access::Permission;

/// The account behind the token and the organisations it can work for.
#[utoipa::path(
    get,
    path = "/api/v1/organiser/me",
    tag = "organiser",
    security(("api_token" = [])),
    responses(
        (status = 200, description = "The token's account", body = Me),
        NoToken,
    )
)]
pub(super) async fn me(
    State(state): State<AppState>,
    bearer: Bearer,
) -> Result<Response, ApiError> {
    let organisations = state.db.managed_organisations(&bearer.0.roles).await?;
    Ok(Json(Me {
        email: bearer.0.email.clone(),
        name: bearer.0.name.clone(),
        admin: bearer.0.roles.admin,
        organisations: organisations
            .into_iter()
            .map(|o| OrganisationSummary {
                slug: o.slug,
                name: o.name,
                retention_months: o.retention_months,
            })
            .collect(),
    })
    .into_response())
}

/// Every venue, to use in sessions.
#[utoipa::path(
    get,
    path = "/api/v1/organiser/venues",
    tag = "organiser",
    security(("api_token" = [])),
    responses(
        (status = 200, description = "The venues, by name", body = Vec<OrganiserVenue>),
        NoToken,
    )
)]
pub(super) async fn venues(
    State(state): State<AppState>,
    _bearer: Bearer,
) -> Result<Response, ApiError> {
    let venues: Vec<OrganiserVenue> = state
        .db
        .venues()
        .await?
        .into_iter()
        .map(|v| OrganiserVenue {
            slug: v.slug,
            fields: VenueFields {
                name: v.name,
                address: v.address,
                postcode: v.postcode,
                city: v.city,
                route_transit: v.route_transit,
                route_car: v.route_car,
                accessibility: v.accessibility,
            },
        })
        .collect();
    Ok(Json(venues).into_response())
}

/// Every activity an organisation hosts, in every status.
#[utoipa::path(
    get,
    path = "/api/v1/organiser/organisations/{org}/activities",
    tag = "organiser",
    security(("api_token" = [])),
    params(("org" = String, Path, description = "The organisation's slug")),
    responses(
        (status = 200, description = "Soonest first, undated and archived last", body = ActivityListPage),
        Denied,
    )
)]
pub(super) async fn list_managed_activities(
    State(state): State<AppState>,
    bearer: Bearer,
    Path(org): Path<String>,
) -> Result<Response, ApiError> {
    let organisation = managed_organisation(&state, &bearer, &org).await?;
    let rows = state.db.organisation_activities(organisation.id).await?;
    let count = |n: i32| u32::try_from(n).unwrap_or_default();
    let items = rows
        .into_iter()
        .filter_map(|row| {
            Some(ActivityListItem {
                kind: ActivityKind::parse(&row.kind)?,
                status: ActivityStatus::parse(&row.status)?,
                id: row.public_id,
                slug: row.slug,
                title: row.title,
                first_start: row.first_start,
                capacity: row.capacity.map(count),
                places_taken: count(row.confirmed_count),
                waitlisted: count(row.waitlist_count),
            })
        })
        .collect();
    Ok(Json(ActivityListPage { items }).into_response())
}

/// Checks fields with the editor's rules against what this organisation offers.
pub(super) async fn validated(
    state: &AppState,
    organisation_id: i64,
    except: Option<&str>,
    fields: &ActivityFields,
) -> Result<crate::domain::editor::ValidActivity, ApiError> {
    let choices = Choices::load(state, Lang::En, organisation_id, except).await?;
    let slugs = choices.slugs();
    validate_activity(&fields.input(), offered(&slugs))
        .map_err(|errors| unprocessable(errors, activity_field))
}

/// Makes a draft activity hosted by the organisation.
#[utoipa::path(
    post,
    path = "/api/v1/organiser/organisations/{org}/activities",
    tag = "organiser",
    security(("api_token" = [])),
    params(("org" = String, Path, description = "The organisation's slug")),
    request_body = ActivityFields,
    responses(
        (status = 201, description = "The new draft; `Location` is its address", body = ManagedActivity),
        BadBody, Denied,
    )
)]
pub(super) async fn create_activity(
    State(state): State<AppState>,
    bearer: Bearer,
    Path(org): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let organisation = managed_organisation(&state, &bearer, &org).await?;
    let fields: ActivityFields = strict(json_body(&headers, &body)?)?;
    let valid = validated(&state, organisation.id, None, &fields).await?;
    let actor = Actor {
        account_id: bearer.0.account_id,
        organisation_id: organisation.id,
        now: now(),
    };
    let public_id = state.db.create_activity(fields.kind, &valid, actor).await?;
    let target = Target::find(&state, bearer, &public_id).await?;
    let mut response = activity_response(&state, &target).await?;
    *response.status_mut() = StatusCode::CREATED;
    if let Ok(location) = HeaderValue::from_str(&format!("{ORGANISER}/activities/{public_id}")) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

/// The activity document, read fresh.
pub(super) async fn managed_document(
    state: &AppState,
    target: &Target,
) -> Result<ManagedActivity, ApiError> {
    let activity = &target.activity;
    let stored = state
        .db
        .editor_activity(activity.id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let detail = state
        .db
        .activity_detail_preview(&activity.public_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let questions = state.db.questions(activity.id).await?;
    let base = state.settings.base_url();
    Ok(ManagedActivity {
        id: activity.public_id.clone(),
        slug: detail.core.slug.clone(),
        status: detail.core.status,
        fields: ActivityFields::stored(detail.core.kind, &detail.core.title, &stored),
        places_taken: detail.core.confirmed,
        waitlisted: detail.core.waitlisted,
        sessions: detail
            .sessions
            .iter()
            .map(|s| ManagedSession {
                id: s.id,
                starts_at: s.starts_at,
                ends_at: s.ends_at,
                fields: SessionFields::stored(s),
            })
            .collect(),
        questions: questions
            .into_iter()
            .map(|q| QuestionSummary {
                id: q.id,
                kind: q.kind,
                label: q.label,
                help: q.help,
                required: q.required,
                options: q.options,
            })
            .collect(),
        url: format!("{base}/activiteiten/{}", detail.core.slug),
        backoffice_url: format!("{base}/beheer/activiteiten/{}", activity.public_id),
    })
}

pub(super) async fn activity_response(
    state: &AppState,
    target: &Target,
) -> Result<Response, ApiError> {
    Ok(Json(managed_document(state, target).await?).into_response())
}

/// After a change: the public page and the sign-up form read fresh, emails leave.
pub(super) async fn changed(
    state: &AppState,
    target: &Target,
    notified: u64,
) -> Result<(), ApiError> {
    refresh_slug(state, &target.activity.slug).await?;
    if notified > 0 {
        state.mail_wake.notify_one();
    }
    Ok(())
}

/// One activity with its sessions, program and questions.
#[utoipa::path(
    get,
    path = "/api/v1/organiser/activities/{id}",
    tag = "organiser",
    security(("api_token" = [])),
    params(("id" = String, Path, description = "The activity's id")),
    responses(
        (status = 200, description = "The activity", body = ManagedActivity),
        Denied,
    )
)]
pub(super) async fn get_managed_activity(
    State(state): State<AppState>,
    bearer: Bearer,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let target = Target::find(&state, bearer, &id).await?;
    activity_response(&state, &target).await
}

/// RFC 7396: `patch` applied to `target`.
pub(super) fn merge_patch(target: &mut serde_json::Value, patch: serde_json::Value) {
    match patch {
        serde_json::Value::Object(patch) => {
            if !target.is_object() {
                *target = serde_json::Value::Object(serde_json::Map::new());
            }
            if let serde_json::Value::Object(map) = target {
                for (key, value) in patch {
                    if value.is_null() {
                        map.remove(&key);
                    } else {
                        merge_patch(map.entry(key).or_insert(serde_json::Value::Null), value);
                    }
                }
            }
        }
        other => *target = other,
    }
}

/// Changes the fields sent (JSON Merge Patch); the rest stays.
#[utoipa::path(
    patch,
    path = "/api/v1/organiser/activities/{id}",
    tag = "organiser",
    security(("api_token" = [])),
    params(("id" = String, Path, description = "The activity's id"), CapacityQuery),
    request_body(content = ActivityFields, description = "Only the fields that change; `null` puts one back to its default", content_type = "application/merge-patch+json"),
    responses(
        (status = 200, description = "The activity as saved", body = ManagedActivity),
        (status = 409, description = "Cancelled or archived (no changes), or a limit below the places taken without `accept_capacity_below_taken`", body = crate::http::error::Problem, content_type = "application/problem+json"),
        BadBody, Denied,
    )
)]
pub(super) async fn update_activity(
    State(state): State<AppState>,
    bearer: Bearer,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let target = Target::find(&state, bearer, &id).await?;
    let options: CapacityQuery = query(raw)?;
    let patch: serde_json::Value = json_body(&headers, &body)?;
    if !patch.is_object() {
        return Err(ApiError::BadRequest(
            "The body is not valid: send a JSON object with the fields that change.".into(),
        ));
    }
    let stored = state
        .db
        .editor_activity(target.activity.id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let current = ActivityFields::stored(target.activity.kind, &target.activity.title, &stored);
    let mut merged = serde_json::to_value(&current).map_err(anyhow::Error::from)?;
    merge_patch(&mut merged, patch);
    let fields: ActivityFields = strict(merged)?;
    if fields.kind != target.activity.kind {
        return Err(ApiError::Unprocessable(vec![InvalidParam {
            name: "kind".into(),
            reason: "The kind of an activity is fixed once it is made.".into(),
        }]));
    }
    let valid = validated(
        &state,
        target.organisation.id,
        Some(&target.activity.slug),
        &fields,
    )
    .await?;
    if let Some(path) =
        crate::http::backoffice::editor::prerequisite_loop(&state, &target.activity.slug, &valid)
            .await?
    {
        return Err(ApiError::Unprocessable(vec![InvalidParam {
            name: "prerequisites".into(),
            reason: format!(
                "An activity may not require itself, also not through others: {}.",
                path.join(" → ")
            ),
        }]));
    }
    let outcome = state
        .db
        .update_activity(
            target.activity.id,
            &valid,
            options.accept_capacity_below_taken,
            target.actor(),
        )
        .await?;
    saved(&state, &target, outcome).await?;
    activity_response(&state, &target).await
}

/// A save's outcome as an answer: nothing to say when saved, 409 or 404 otherwise.
pub(super) async fn saved(
    state: &AppState,
    target: &Target,
    outcome: SaveOutcome,
) -> Result<(), ApiError> {
    match outcome {
        SaveOutcome::Saved { notified } => changed(state, target, notified).await,
        SaveOutcome::NotEditable(status) => Err(not_editable(status)),
        SaveOutcome::CapacityBelowTaken { taken } => Err(capacity_conflict(taken)),
        SaveOutcome::NotFound => Err(ApiError::NotFound),
        SaveOutcome::LastSession => Err(ApiError::Conflict(
            "A published activity keeps at least one session; cancel the activity instead.".into(),
        )),
    }
}

/// Deletes a draft that never had a registration. Anything else is cancelled or
/// archived instead, so nobody's registration disappears.
#[utoipa::path(
    delete,
    path = "/api/v1/organiser/activities/{id}",
    tag = "organiser",
    security(("api_token" = [])),
    params(("id" = String, Path, description = "The activity's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 409, description = "Not a draft, or someone registered: cancel or archive it instead", body = crate::http::error::Problem, content_type = "application/problem+json"),
        Denied,
    )
)]
pub(super) async fn delete_activity(
    State(state): State<AppState>,
    bearer: Bearer,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let target = Target::find(&state, bearer, &id).await?;
    target.require(Permission::Status)?;
    match state
        .db
        .delete_draft(target.activity.id, target.actor())
        .await?
    {
        DeleteOutcome::Deleted => {
            refresh_slug(&state, &target.activity.slug).await?;
            Ok(StatusCode::NO_CONTENT.into_response())
        }
        DeleteOutcome::NotDraft(status) => Err(ApiError::Conflict(format!(
            "This activity is {}; only a draft can be deleted. Cancel or archive it instead.",
            status.as_str()
        ))),
        DeleteOutcome::HasRegistrations => Err(ApiError::Conflict(
            "People registered for this draft; archive it instead, so their registrations stay on record.".into(),
        )),
    }
}

/// Publishes, cancels or archives.
#[utoipa::path(
    post,
    path = "/api/v1/organiser/activities/{id}/status",
    tag = "organiser",
    security(("api_token" = [])),
    params(("id" = String, Path, description = "The activity's id")),
    request_body = StatusRequest,
    responses(
        (status = 200, description = "The new status and how many registrants are emailed", body = StatusChanged),
        (status = 409, description = "Not a step this status allows (draft → published → cancelled; archive from any but archived), or publishing without a session", body = crate::http::error::Problem, content_type = "application/problem+json"),
        BadBody, Denied,
    )
)]
pub(super) async fn change_status(
    State(state): State<AppState>,
    bearer: Bearer,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let target = Target::find(&state, bearer, &id).await?;
    target.require(Permission::Status)?;
    let request: StatusRequest = json_body(&headers, &body)?;
    let action = match request.action {
        StatusActionName::Publish => StatusAction::Publish,
        StatusActionName::Cancel => StatusAction::Cancel,
        StatusActionName::Archive => StatusAction::Archive,
    };
    let message = crate::domain::input::text(&request.message, crate::domain::editor::MAX_NOTE)
        .map_err(|key| {
            ApiError::Unprocessable(vec![InvalidParam {
                name: "message".into(),
                reason: Lang::En.t(key),
            }])
        })?;
    match state
        .db
        .change_status(target.activity.id, action, &message, target.actor())
        .await?
    {
        StatusOutcome::Changed { status, notified } => {
            changed(&state, &target, notified).await?;
            Ok(Json(StatusChanged { status, notified }).into_response())
        }
        StatusOutcome::NotAllowed(status) => Err(ApiError::Conflict(format!(
            "An activity that is {} cannot {}.",
            status.as_str(),
            action.as_str()
        ))),
        StatusOutcome::NoSession => Err(ApiError::Conflict(
            "Add a session with a date before publishing.".into(),
        )),
    }
}
