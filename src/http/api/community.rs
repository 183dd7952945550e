//! Leerateliers in the JSON API, without a token: an atelier's coming public
//! meetings (those open to non-members) and the outcomes its members marked public.
//! Meetings for members only and everything else of the member area stay out.

use axum::Json;
use axum::extract::{Path, State};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::db::community::Atelier;
use crate::domain::activity::ActivityStatus;
use crate::domain::slug::Slug;
use crate::http::AppState;
use crate::http::error::{ApiError, Problem};

/// The atelier routes, each with its document.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_atelier_meetings))
        .routes(routes!(list_atelier_outcomes))
}

/// A coming meeting of an atelier that non-members may attend.
#[derive(Serialize, ToSchema)]
pub struct AtelierMeeting {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// The venue's name and city, when it meets at a venue.
    pub venue: Option<String>,
    /// Whether one can also take part online.
    pub online: bool,
}

#[derive(Serialize, ToSchema)]
pub struct AtelierMeetings {
    /// The atelier's slug.
    pub atelier: String,
    pub items: Vec<AtelierMeeting>,
}

/// What a meeting of the atelier learned from a case, marked public by its members.
#[derive(Serialize, ToSchema)]
pub struct AtelierOutcome {
    pub case_title: String,
    /// Markdown, as written.
    pub learned: String,
    pub recorded_at: DateTime<Utc>,
}

#[derive(Serialize, ToSchema)]
pub struct AtelierOutcomes {
    pub atelier: String,
    pub items: Vec<AtelierOutcome>,
}

/// A published (or cancelled) atelier by slug; 404 otherwise.
async fn public_atelier(state: &AppState, slug: &str) -> Result<Atelier, ApiError> {
    let slug = Slug::parse(slug).ok_or(ApiError::NotFound)?;
    state
        .db
        .atelier_by_slug(slug.as_str())
        .await?
        .filter(|a| {
            matches!(
                a.status,
                ActivityStatus::Published | ActivityStatus::Cancelled
            )
        })
        .ok_or(ApiError::NotFound)
}

#[utoipa::path(
    get,
    path = "/api/v1/ateliers/{slug}/meetings",
    tag = "public",
    params(("slug" = String, Path, description = "The atelier's slug", pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 80)),
    responses(
        (status = 200, description = "The atelier's coming public meetings, soonest first", body = AtelierMeetings),
        (status = 404, description = "No public atelier has this slug", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn list_atelier_meetings(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Json<AtelierMeetings>, ApiError> {
    let atelier = public_atelier(&state, &slug).await?;
    let items = state
        .db
        .public_meetings(atelier.id, crate::time::now())
        .await?
        .into_iter()
        .map(|m| AtelierMeeting {
            starts_at: m.starts_at,
            ends_at: m.ends_at,
            venue: m.venue_name.map(|name| match m.venue_city {
                Some(city) if !city.is_empty() => format!("{name}, {city}"),
                _ => name,
            }),
            online: !m.online_url.is_empty(),
        })
        .collect();
    Ok(Json(AtelierMeetings {
        atelier: atelier.slug,
        items,
    }))
}

#[utoipa::path(
    get,
    path = "/api/v1/ateliers/{slug}/outcomes",
    tag = "public",
    params(("slug" = String, Path, description = "The atelier's slug", pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 80)),
    responses(
        (status = 200, description = "The outcomes marked public, newest first", body = AtelierOutcomes),
        (status = 404, description = "No public atelier has this slug", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn list_atelier_outcomes(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Json<AtelierOutcomes>, ApiError> {
    let atelier = public_atelier(&state, &slug).await?;
    let items = state
        .db
        .public_outcomes(atelier.id)
        .await?
        .into_iter()
        .map(|(case_title, learned, recorded_at)| AtelierOutcome {
            case_title,
            learned,
            recorded_at,
        })
        .collect();
    Ok(Json(AtelierOutcomes {
        atelier: atelier.slug,
        items,
    }))
}
