//! The public catalog in the JSON API: the activities with the catalog's filters
//! (English names) and one activity. Errors are RFC 9457 problem details.

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::db::catalog::{ActivityCard, ActivityDetail, ProfileRow, Scope, VenueRow};
use crate::domain::activity::{
    ActivityKind, ActivityStatus, Availability, ProgramItemKind, availability,
};
use crate::domain::catalog::{API_PARAMS, FilterField, Rejected, parse_filter};
use crate::domain::slug::Slug;
use crate::http::AppState;
use crate::http::error::{ApiError, InvalidParam, Problem};
use crate::time::now;

/// The catalog, each route with its document.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_activities))
        .routes(routes!(get_activity))
}

/// The catalog's query parameters. An empty value is the same as leaving the
/// parameter out; unknown parameters are ignored.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Describes the query for the document; the handler parses it raw.
struct ListQuery {
    kind: Option<ActivityKind>,
    /// A theme slug.
    #[param(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 80)]
    theme: Option<String>,
    /// An audience (role) slug.
    #[param(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 80)]
    audience: Option<String>,
    /// A region, e.g. `Limburg`: letters, spaces, hyphens and apostrophes.
    #[param(pattern = "^[A-Za-z][A-Za-z' -]*$", max_length = 60)]
    region: Option<String>,
    /// A month, `YYYY-MM` (2000–2100): activities with a session starting in it
    /// (Dutch time).
    #[param(pattern = "^(20[0-9]{2}|2100)-(0[1-9]|1[0-2])$")]
    month: Option<String>,
    /// Page number, from 1.
    #[param(minimum = 1, maximum = 10000)]
    page: Option<u32>,
    /// Items per page (default 20).
    #[param(minimum = 1, maximum = 100)]
    per_page: Option<u32>,
}

/// One page of the catalog.
#[derive(Serialize, ToSchema)]
pub struct ActivityList {
    pub items: Vec<ActivitySummary>,
    pub page: u32,
    pub per_page: u32,
    /// Matches over all pages.
    pub total: i64,
}

#[derive(Serialize, ToSchema)]
pub struct ThemeRef {
    pub slug: String,
    pub name_nl: String,
    pub name_en: String,
}

/// An activity in a list.
#[derive(Serialize, ToSchema)]
pub struct ActivitySummary {
    pub slug: String,
    pub kind: ActivityKind,
    pub title: String,
    pub subtitle: String,
    pub summary: String,
    pub region: String,
    pub status: ActivityStatus,
    pub availability: Availability,
    /// Start of the next session, if one is planned.
    pub next_start: Option<DateTime<Utc>>,
    pub upcoming_sessions: i64,
    pub themes: Vec<ThemeRef>,
    /// The public page.
    pub url: String,
}

impl ActivitySummary {
    fn new(base: &str, card: ActivityCard, now: DateTime<Utc>) -> Self {
        let availability = availability(&card.core.registration_facts(card.last_end), now);
        Self {
            url: format!("{base}/activiteiten/{}", card.core.slug),
            slug: card.core.slug,
            kind: card.core.kind,
            title: card.core.title,
            subtitle: card.core.subtitle,
            summary: card.core.summary,
            region: card.core.region,
            status: card.core.status,
            availability,
            next_start: card.next_start,
            upcoming_sessions: card.upcoming_sessions,
            themes: card
                .themes
                .into_iter()
                .map(|t| ThemeRef {
                    slug: t.slug,
                    name_nl: t.name_nl,
                    name_en: t.name_en,
                })
                .collect(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Named {
    pub slug: String,
    pub name: String,
}

#[derive(Serialize, ToSchema)]
pub struct Person {
    pub slug: String,
    pub name: String,
    pub affiliation: String,
    pub bio: String,
    /// Only for contact persons who publish it.
    pub email: String,
    pub phone: String,
}

impl From<&ProfileRow> for Person {
    fn from(p: &ProfileRow) -> Self {
        Self {
            slug: p.slug.clone(),
            name: p.name.clone(),
            affiliation: p.affiliation.clone(),
            bio: p.bio.clone(),
            email: p.email.clone(),
            phone: p.phone.clone(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Venue {
    pub name: String,
    pub address: String,
    pub postcode: String,
    pub city: String,
    pub route_car: String,
    pub route_transit: String,
    pub accessibility: String,
}

impl From<&VenueRow> for Venue {
    fn from(v: &VenueRow) -> Self {
        Self {
            name: v.name.clone(),
            address: v.address.clone(),
            postcode: v.postcode.clone(),
            city: v.city.clone(),
            route_car: v.route_car.clone(),
            route_transit: v.route_transit.clone(),
            accessibility: v.accessibility.clone(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ProgramItem {
    /// Absent when the program gives only the order.
    pub starts_at: Option<DateTime<Utc>>,
    pub kind: ProgramItemKind,
    pub title: String,
    pub description: String,
    pub speakers: Vec<Person>,
}

#[derive(Serialize, ToSchema)]
pub struct Session {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub title: String,
    /// Places at this session, when it has fewer than the activity. A registration
    /// covers every session, so the activity's `capacity` is never more than this.
    pub capacity: Option<u32>,
    pub venue: Option<Venue>,
    pub program: Vec<ProgramItem>,
}

#[derive(Serialize, ToSchema)]
pub struct ActivityLink {
    pub slug: String,
    pub kind: ActivityKind,
    pub title: String,
}

#[derive(Serialize, ToSchema)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// Everything the public page of an activity shows.
#[derive(Serialize, ToSchema)]
pub struct Activity {
    pub slug: String,
    pub kind: ActivityKind,
    pub title: String,
    pub subtitle: String,
    pub summary: String,
    /// Markdown.
    pub body: String,
    pub status: ActivityStatus,
    pub availability: Availability,
    pub region: String,
    /// `null` when not stated; 0 is free.
    pub cost_cents: Option<u32>,
    pub cost_note: String,
    pub time_investment: String,
    pub recurrence_note: String,
    pub participation_note: String,
    /// `null`: no limit.
    pub capacity: Option<u32>,
    pub places_taken: u32,
    pub themes: Vec<ThemeRef>,
    pub audiences: Vec<Named>,
    pub organisations: Vec<Named>,
    pub contact: Option<Person>,
    pub facilitators: Vec<Person>,
    pub sessions: Vec<Session>,
    pub prerequisites: Vec<ActivityLink>,
    pub followed_by: Vec<ActivityLink>,
    pub links: Vec<Link>,
    /// The activity's own questions of the registration form: answer them in
    /// `answers` of a registration, by `id`.
    pub questions: Vec<Question>,
    pub url: String,
    pub calendar_url: String,
}

/// A question of an activity's registration form.
#[derive(Serialize, ToSchema)]
pub struct Question {
    /// The key of the answer in a registration's `answers`.
    pub id: i64,
    pub kind: crate::domain::registration::QuestionKind,
    pub label: String,
    pub help: String,
    /// A registration without an answer is refused (422).
    pub required: bool,
    /// For `choice`: the answer must be one of these.
    pub choices: Vec<String>,
}

impl Activity {
    fn new(
        base: &str,
        d: ActivityDetail,
        questions: Vec<crate::domain::registration::Question>,
        now: DateTime<Utc>,
    ) -> Self {
        let availability = availability(&d.core.registration_facts(d.last_session_end()), now);
        let url = format!("{base}/activiteiten/{}", d.core.slug);
        let refs = |list: &[crate::db::catalog::ActivityRef]| {
            list.iter()
                .map(|r| ActivityLink {
                    slug: r.slug.clone(),
                    kind: r.kind,
                    title: r.title.clone(),
                })
                .collect()
        };
        Self {
            questions: questions
                .into_iter()
                .map(|q| Question {
                    id: q.id,
                    kind: q.kind,
                    label: q.label,
                    help: q.help,
                    required: q.required,
                    choices: q.options,
                })
                .collect(),
            calendar_url: format!("{url}/agenda.ics"),
            url,
            prerequisites: refs(&d.prerequisites),
            followed_by: refs(&d.followed_by),
            slug: d.core.slug,
            kind: d.core.kind,
            title: d.core.title,
            subtitle: d.core.subtitle,
            summary: d.core.summary,
            body: d.body,
            status: d.core.status,
            availability,
            region: d.core.region,
            cost_cents: d.cost_cents,
            cost_note: d.cost_note,
            time_investment: d.time_investment,
            recurrence_note: d.recurrence_note,
            participation_note: d.participation_note,
            capacity: d.core.capacity,
            places_taken: d.core.confirmed,
            themes: d
                .themes
                .iter()
                .map(|t| ThemeRef {
                    slug: t.slug.clone(),
                    name_nl: t.name_nl.clone(),
                    name_en: t.name_en.clone(),
                })
                .collect(),
            audiences: d
                .audiences
                .iter()
                .map(|a| Named {
                    slug: a.slug.clone(),
                    name: a.name_nl.clone(),
                })
                .collect(),
            organisations: d
                .organisations
                .iter()
                .map(|o| Named {
                    slug: o.slug.clone(),
                    name: o.name.clone(),
                })
                .collect(),
            contact: d.contact.as_ref().map(Person::from),
            facilitators: d.facilitators.iter().map(Person::from).collect(),
            sessions: d
                .sessions
                .iter()
                .map(|s| Session {
                    starts_at: s.starts_at,
                    ends_at: s.ends_at,
                    title: s.title.clone(),
                    capacity: s.capacity,
                    venue: s.venue.as_ref().map(Venue::from),
                    program: s
                        .program
                        .iter()
                        .map(|i| ProgramItem {
                            starts_at: i.starts_at,
                            kind: i.kind,
                            title: i.title.clone(),
                            description: i.description.clone(),
                            speakers: i.speakers.iter().map(Person::from).collect(),
                        })
                        .collect(),
                })
                .collect(),
            links: d
                .links
                .iter()
                .map(|l| Link {
                    title: l.title.clone(),
                    url: l.url.clone(),
                })
                .collect(),
        }
    }
}

fn invalid(rejected: &Rejected, reason: &str) -> InvalidParam {
    InvalidParam {
        name: rejected.param.to_owned(),
        reason: format!("{reason}: {:?}", rejected.value),
    }
}

fn reason(field: FilterField) -> &'static str {
    match field {
        FilterField::Kind => "expected cafe, atelier or module",
        FilterField::Theme => "expected a theme slug",
        FilterField::Audience => "expected an audience slug",
        FilterField::Region => "expected a region name",
        FilterField::Month => "expected a month as YYYY-MM (2000-2100)",
        FilterField::Page => "expected a page number from 1 to 10000",
        FilterField::PerPage => "expected a number from 1 to 100",
    }
}

/// List published, current activities.
#[utoipa::path(
    get,
    path = "/api/v1/activities",
    tag = "public",
    params(ListQuery),
    responses(
        (status = 200, description = "One page of activities, soonest first", body = ActivityList),
        (status = 400, description = "A parameter could not be understood", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn list_activities(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<ActivityList>, ApiError> {
    let pairs: Vec<(String, String)> = match raw.as_deref().map(serde_urlencoded::from_str) {
        None => Vec::new(),
        Some(Ok(pairs)) => pairs,
        Some(Err(_)) => {
            return Err(ApiError::InvalidParams(vec![InvalidParam {
                name: "query".into(),
                reason: "the query string is not valid URL encoding".into(),
            }]));
        }
    };
    let (filter, rejected) = parse_filter(&pairs, &API_PARAMS);
    let mut errors: Vec<InvalidParam> = rejected
        .iter()
        .map(|r| invalid(r, reason(r.field)))
        .collect();
    let now = now();
    if let Some(theme) = &filter.theme
        && state.db.theme_by_slug(theme.as_str()).await?.is_none()
    {
        errors.push(InvalidParam {
            name: "theme".into(),
            reason: format!("no theme {:?}", theme.as_str()),
        });
    }
    if let Some(audience) = &filter.audience
        && !state
            .db
            .audiences()
            .await?
            .iter()
            .any(|a| a.slug == audience.as_str())
    {
        errors.push(InvalidParam {
            name: "audience".into(),
            reason: format!("no audience {:?}", audience.as_str()),
        });
    }
    if !errors.is_empty() {
        return Err(ApiError::InvalidParams(errors));
    }
    let page = state.db.list_activities(&filter, Scope::All, now).await?;
    let base = state.settings.base_url();
    Ok(Json(ActivityList {
        items: page
            .cards
            .into_iter()
            .map(|c| ActivitySummary::new(base, c, now))
            .collect(),
        page: filter.page,
        per_page: filter.per_page,
        total: page.total,
    }))
}

/// One public activity with sessions, program, speakers and venue.
#[utoipa::path(
    get,
    path = "/api/v1/activities/{slug}",
    tag = "public",
    params(("slug" = String, Path, description = "The activity's slug")),
    responses(
        (status = 200, description = "The activity", body = Activity),
        (status = 404, description = "No public activity has this slug", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn get_activity(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Json<Activity>, ApiError> {
    let slug = Slug::parse(&slug).ok_or(ApiError::NotFound)?;
    let detail = state
        .db
        .activity_detail(slug.as_str())
        .await?
        .ok_or(ApiError::NotFound)?;
    let questions = state.db.questions(detail.core.id).await?;
    Ok(Json(Activity::new(
        state.settings.base_url(),
        detail,
        questions,
        now(),
    )))
}
