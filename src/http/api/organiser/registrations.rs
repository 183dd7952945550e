//! An activity's registrations as JSON, CSV and XLSX.

use super::*;

/// Every registration of the activity with every field and answer.
#[utoipa::path(
    get,
    path = "/api/v1/organiser/activities/{id}/registrations",
    tag = "organiser",
    security(("api_token" = [])),
    params(("id" = String, Path, description = "The activity's id")),
    responses(
        (status = 200, description = "The registrations", body = RegistrationList),
        Denied,
    )
)]
pub(super) async fn list_registrations(
    State(state): State<AppState>,
    bearer: Bearer,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let target = Target::find(&state, bearer, &id).await?;
    let rows = state.db.roster(target.activity.id).await?;
    let mut answers: BTreeMap<i64, BTreeMap<String, String>> = BTreeMap::new();
    for (registration, question, value) in state.db.roster_answers(target.activity.id).await? {
        answers
            .entry(registration)
            .or_default()
            .insert(question.to_string(), value);
    }
    let items = rows
        .into_iter()
        .filter_map(|row| {
            Some(OrganiserRegistration {
                state: RegistrationState::parse(&row.state)?,
                answers: answers.remove(&row.id).unwrap_or_default(),
                anonymised: row.anonymised_at.is_some(),
                id: row.public_id,
                waitlist_position: row.waitlist_position.and_then(|p| u32::try_from(p).ok()),
                offer_expires_at: row.offer_expires_at,
                name: row.name,
                email: row.email,
                organisation: row.organisation,
                role: row.role,
                role_other: row.role_other,
                region: row.region,
                lang: row.lang,
                cancel_reason: row.cancel_reason,
                created_at: row.created_at,
                updated_at: row.updated_at,
            })
        })
        .collect();
    Ok(Json(RegistrationList { items }).into_response())
}

/// The export's table in the language asked for.
pub(super) async fn export(
    state: &AppState,
    bearer: Bearer,
    id: &str,
    raw: Option<String>,
) -> Result<(Target, Lang, Table), ApiError> {
    let target = Target::find(state, bearer, id).await?;
    let options: ExportQuery = query(raw)?;
    let lang = match options.lang.as_deref() {
        None | Some("") => Lang::Nl,
        Some(code) => Lang::parse(code).ok_or_else(|| {
            ApiError::InvalidParams(vec![InvalidParam {
                name: "lang".into(),
                reason: format!("expected nl or en: {code:?}"),
            }])
        })?,
    };
    let table = export_table(state, lang, &target.activity).await?;
    Ok((target, lang, table))
}

/// The registrations as CSV, as the back office exports them (UTF-8 with a byte
/// order mark, semicolons: Dutch Excel opens it as is).
#[utoipa::path(
    get,
    path = "/api/v1/organiser/activities/{id}/registrations.csv",
    tag = "organiser",
    security(("api_token" = [])),
    params(("id" = String, Path, description = "The activity's id"), ExportQuery),
    responses(
        (status = 200, description = "One row per registration, every field and answer", body = String, content_type = "text/csv"),
        (status = 400, description = "A parameter could not be understood", body = crate::http::error::Problem, content_type = "application/problem+json"),
        Denied,
    )
)]
pub(super) async fn export_csv(
    State(state): State<AppState>,
    bearer: Bearer,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let (target, _, table) = export(&state, bearer, &id, raw).await?;
    Ok(attachment(
        csv_bytes(&table)?,
        CSV_TYPE,
        export_name(&target.activity, "csv"),
    ))
}

/// The registrations as an Excel workbook, as the back office exports them.
#[utoipa::path(
    get,
    path = "/api/v1/organiser/activities/{id}/registrations.xlsx",
    tag = "organiser",
    security(("api_token" = [])),
    params(("id" = String, Path, description = "The activity's id"), ExportQuery),
    responses(
        (status = 200, description = "One sheet, one row per registration", body = String, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 400, description = "A parameter could not be understood", body = crate::http::error::Problem, content_type = "application/problem+json"),
        Denied,
    )
)]
pub(super) async fn export_xlsx(
    State(state): State<AppState>,
    bearer: Bearer,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let (target, lang, table) = export(&state, bearer, &id, raw).await?;
    let bytes = xlsx_bytes(lang, &table).map_err(|e| ApiError::Internal(e.into()))?;
    Ok(attachment(
        bytes,
        XLSX_TYPE,
        export_name(&target.activity, "xlsx"),
    ))
}
