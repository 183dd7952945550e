//! The organiser API: what the back office does with activities and registrations,
//! as JSON, for a personal API token (`Authorization: Bearer sl_…`, made under
//! `/beheer/api-sleutels`). It follows the pages' rules exactly: it finds
//! organisations and activities through the same functions
//! ([`organisation_for`], [`activity_for`]), so an organisation the token's account
//! does not manage, or an activity none of whose hosts it manages, is 404 whether it
//! exists or not; it checks input with the editor's rules (errors name the JSON
//! field) and stores through the editor's storage, so the audit rows and the emails
//! to registrants are the same. A missing, unknown or revoked token is 401.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{FromRequestParts, Path, RawQuery, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use chrono_tz::Europe::Amsterdam;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::AppState;
use super::api_registration::json_body;
use super::backoffice::organisation_for;
use super::editor::{Choices, SessionForm, activity_for, offered, refresh_slug};
use super::error::{ApiError, InvalidParam, Problem};
use super::registration::private;
use super::roster::{
    CSV_TYPE, XLSX_TYPE, attachment, csv_bytes, export_name, export_table, xlsx_bytes,
};
use crate::db::account::OrganisationRef;
use crate::db::api_token::TokenAccount;
use crate::db::catalog::SessionDetail;
use crate::db::editor::{
    ActivityAccess, Actor, DeleteOutcome, EditorActivity, NewVenue, SaveOutcome, StatusOutcome,
};
use crate::db::now;
use crate::domain::activity::{ActivityKind, ActivityStatus, ProgramItemKind};
use crate::domain::editor::{
    ActivityInput, ProgramInput, SessionInput, StatusAction, local_datetime_value, people_value,
    validate_activity,
};
use crate::domain::registration::{FieldError, QuestionKind, RegistrationState};
use crate::i18n::Lang;
use crate::secret::{is_api_token_shaped, token_hash};

/// Bodies are activity documents: the same limit as the activity form.
const MAX_BODY: usize = 256 * 1024;

const ORGANISER: &str = "/api/v1/organiser";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/organiser/me", get(me))
        .route("/api/v1/organiser/venues", get(venues))
        .route(
            "/api/v1/organiser/organisations/{org}/activities",
            get(list_activities).post(create_activity),
        )
        .route(
            "/api/v1/organiser/activities/{id}",
            get(get_activity)
                .patch(update_activity)
                .delete(delete_activity),
        )
        .route(
            "/api/v1/organiser/activities/{id}/status",
            post(change_status),
        )
        .route(
            "/api/v1/organiser/activities/{id}/sessions",
            post(create_session),
        )
        .route(
            "/api/v1/organiser/activities/{id}/sessions/{session}",
            put(update_session).delete(delete_session),
        )
        .route(
            "/api/v1/organiser/activities/{id}/registrations",
            get(list_registrations),
        )
        .route(
            "/api/v1/organiser/activities/{id}/registrations.csv",
            get(export_csv),
        )
        .route(
            "/api/v1/organiser/activities/{id}/registrations.xlsx",
            get(export_xlsx),
        )
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY))
}

// ------------------------------------------------------------------ access

/// A request with a valid personal API token: the account it acts for.
pub struct Bearer(pub TokenAccount);

impl FromRequestParts<AppState> for Bearer {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let sent = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim());
        let Some(token) = sent else {
            return Err(ApiError::Unauthorized { token_sent: false }.into_response());
        };
        if !is_api_token_shaped(token) {
            return Err(ApiError::Unauthorized { token_sent: true }.into_response());
        }
        match state.db.api_token_account(&token_hash(token), now()).await {
            Ok(Some(account)) => Ok(Self(account)),
            Ok(None) => Err(ApiError::Unauthorized { token_sent: true }.into_response()),
            Err(error) => Err(ApiError::from(error).into_response()),
        }
    }
}

/// An activity the token's account manages, with the host it acts for.
struct Target {
    bearer: Bearer,
    activity: ActivityAccess,
    organisation: OrganisationRef,
}

impl Target {
    async fn find(state: &AppState, bearer: Bearer, id: &str) -> Result<Self, ApiError> {
        let (activity, organisation) = activity_for(state, &bearer.0.roles, id)
            .await?
            .ok_or(ApiError::NotFound)?;
        Ok(Self {
            bearer,
            activity,
            organisation,
        })
    }

    fn actor(&self) -> Actor {
        Actor {
            account_id: self.bearer.0.account_id,
            organisation_id: self.organisation.id,
            now: now(),
        }
    }
}

async fn managed_organisation(
    state: &AppState,
    bearer: &Bearer,
    slug: &str,
) -> Result<OrganisationRef, ApiError> {
    organisation_for(state, &bearer.0.roles, slug)
        .await?
        .ok_or(ApiError::NotFound)
}

/// The query string as `T`; 400 naming the parameter that is not understood.
fn query<T: DeserializeOwned>(raw: Option<String>) -> Result<T, ApiError> {
    serde_urlencoded::from_str(raw.as_deref().unwrap_or_default()).map_err(|error| {
        ApiError::InvalidParams(vec![InvalidParam {
            name: "query".into(),
            reason: error.to_string(),
        }])
    })
}

/// `T` from a JSON value, refusing keys `T` does not have, at any depth: a misspelt
/// field must not be dropped without a word. (Not serde's `deny_unknown_fields`:
/// these documents are flattened into the responses, and the schema would then
/// forbid the responses' other fields.) A key sent as `null` only asks for a default,
/// so it passes.
fn strict<T: DeserializeOwned + Serialize>(value: serde_json::Value) -> Result<T, ApiError> {
    let invalid =
        |error: serde_json::Error| ApiError::BadRequest(format!("The body is not valid: {error}"));
    let parsed: T = serde_json::from_value(value.clone()).map_err(invalid)?;
    let known = serde_json::to_value(&parsed).map_err(anyhow::Error::from)?;
    match unknown_key(&value, &known, "") {
        Some(key) => Err(ApiError::BadRequest(format!(
            "The body is not valid: unknown field `{key}`"
        ))),
        None => Ok(parsed),
    }
}

/// The first key of `sent` that `known` (the same value, parsed and written back)
/// does not have, as a dotted path.
fn unknown_key(sent: &serde_json::Value, known: &serde_json::Value, at: &str) -> Option<String> {
    use serde_json::Value;
    match (sent, known) {
        (Value::Object(sent), Value::Object(known)) => sent.iter().find_map(|(key, value)| {
            let path = format!("{at}{key}");
            match known.get(key) {
                _ if value.is_null() => None,
                None => Some(path),
                Some(known) => unknown_key(value, known, &format!("{path}.")),
            }
        }),
        (Value::Array(sent), Value::Array(known)) => sent
            .iter()
            .zip(known)
            .enumerate()
            .find_map(|(i, (sent, known))| unknown_key(sent, known, &format!("{at}{i}."))),
        _ => None,
    }
}

/// Editor errors as problem details, each under its JSON name.
fn unprocessable(errors: Vec<FieldError>, rename: impl Fn(&str) -> String) -> ApiError {
    ApiError::Unprocessable(
        errors
            .into_iter()
            .map(|e| InvalidParam {
                name: rename(&e.field),
                reason: Lang::En.t(e.message),
            })
            .collect(),
    )
}

fn capacity_conflict(taken: u32) -> ApiError {
    ApiError::Conflict(format!(
        "{taken} people already have a place, more than the new limit. Nobody loses a place, \
         but newcomers wait until places free up. Send the request again with \
         ?accept_capacity_below_taken=true to agree."
    ))
}

fn not_editable(status: ActivityStatus) -> ApiError {
    ApiError::Conflict(format!(
        "This activity is {}: it cannot be changed any more. Make a next edition in the back office instead.",
        status.as_str()
    ))
}

// ------------------------------------------------------------------ documents

/// The account behind the token.
#[derive(Serialize, ToSchema)]
pub struct Me {
    pub email: String,
    pub name: String,
    /// Platform admins manage every organisation.
    pub admin: bool,
    /// The organisations this token can work for.
    pub organisations: Vec<OrganisationSummary>,
}

#[derive(Serialize, ToSchema)]
pub struct OrganisationSummary {
    pub slug: String,
    pub name: String,
    /// Months after an activity ends that its registrations are anonymised.
    pub retention_months: i32,
}

/// A place to meet, reusable by every session.
#[derive(Serialize, ToSchema)]
pub struct OrganiserVenue {
    /// Use it as a session's `venue`.
    pub slug: String,
    #[serde(flatten)]
    pub fields: VenueFields,
}

/// A venue as an organiser describes it.
#[derive(Clone, Serialize, Deserialize, ToSchema)]
pub struct VenueFields {
    pub name: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub postcode: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub route_transit: String,
    #[serde(default)]
    pub route_car: String,
    #[serde(default)]
    pub accessibility: String,
}

/// A person named on the public page.
#[derive(Clone, Serialize, Deserialize, ToSchema)]
pub struct PersonFields {
    pub name: String,
    #[serde(default)]
    pub affiliation: String,
}

#[derive(Clone, Serialize, Deserialize, ToSchema)]
pub struct ContactFields {
    pub name: String,
    #[serde(default)]
    pub affiliation: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
}

#[derive(Clone, Serialize, Deserialize, ToSchema)]
pub struct LinkFields {
    pub title: String,
    pub url: String,
}

/// How a freed place goes to the waitlist.
#[derive(Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Promotion {
    /// The next person gets the place at once.
    Automatic,
    /// The next person is offered the place for `offer_hours`.
    Offer,
}

fn yes() -> bool {
    true
}

fn automatic() -> Promotion {
    Promotion::Automatic
}

fn default_offer_hours() -> u32 {
    48
}

/// What an organiser sets of an activity: everything its public page shows.
/// `POST` sends it whole; `PATCH` sends only what changes (JSON Merge Patch,
/// RFC 7396: `null` puts a field back to its default).
#[derive(Clone, Serialize, Deserialize, ToSchema)]
pub struct ActivityFields {
    /// Fixed once made.
    pub kind: ActivityKind,
    pub title: String,
    #[serde(default)]
    pub subtitle: String,
    pub summary: String,
    /// Markdown.
    #[serde(default)]
    pub body: String,
    /// A Dutch province or `Landelijk`; empty for none.
    #[serde(default)]
    pub region: String,
    /// Euro cents; `null`: not stated; 0: free.
    #[serde(default)]
    pub cost_cents: Option<i64>,
    #[serde(default)]
    pub cost_note: String,
    #[serde(default)]
    pub time_investment: String,
    #[serde(default)]
    pub recurrence_note: String,
    #[serde(default)]
    pub participation_note: String,
    /// Places; `null`: no limit.
    #[serde(default)]
    pub capacity: Option<u32>,
    /// Whether people may join a waitlist when it is full.
    #[serde(default = "yes")]
    pub waitlist: bool,
    #[serde(default = "yes")]
    pub registration_open: bool,
    #[serde(default = "automatic")]
    pub promotion: Promotion,
    /// How long an offered place is held, 1–336.
    #[serde(default = "default_offer_hours")]
    pub offer_hours: u32,
    /// `null`: from publication.
    #[serde(default)]
    pub registration_opens_at: Option<DateTime<Utc>>,
    /// `null`: until the first session starts.
    #[serde(default)]
    pub registration_closes_at: Option<DateTime<Utc>>,
    /// Gets a copy of every registration; empty for none.
    #[serde(default)]
    pub organiser_email: String,
    /// Theme slugs.
    #[serde(default)]
    pub themes: Vec<String>,
    /// Audience slugs.
    #[serde(default)]
    pub audiences: Vec<String>,
    /// Slugs of the organisation's activities to finish first.
    #[serde(default)]
    pub prerequisites: Vec<String>,
    #[serde(default)]
    pub contact: Option<ContactFields>,
    /// Kartrekkers.
    #[serde(default)]
    pub facilitators: Vec<PersonFields>,
    /// Related reading.
    #[serde(default)]
    pub links: Vec<LinkFields>,
}

impl ActivityFields {
    fn stored(kind: ActivityKind, title: &str, stored: &EditorActivity) -> Self {
        let r = &stored.row;
        Self {
            kind,
            title: title.to_owned(),
            subtitle: r.subtitle.clone(),
            summary: r.summary.clone(),
            body: r.body.clone(),
            region: r.region.clone(),
            cost_cents: r.cost_cents.map(i64::from),
            cost_note: r.cost_note.clone(),
            time_investment: r.time_investment.clone(),
            recurrence_note: r.recurrence_note.clone(),
            participation_note: r.participation_note.clone(),
            capacity: r.capacity.and_then(|c| u32::try_from(c).ok()),
            waitlist: r.waitlist_enabled,
            registration_open: r.registration_open,
            promotion: if r.promotion == "offer" {
                Promotion::Offer
            } else {
                Promotion::Automatic
            },
            offer_hours: u32::try_from(r.offer_hours).unwrap_or(48),
            registration_opens_at: r.registration_opens_at,
            registration_closes_at: r.registration_closes_at,
            organiser_email: r.organiser_email.clone(),
            themes: stored.themes.clone(),
            audiences: stored.audiences.clone(),
            prerequisites: stored.prerequisites.clone(),
            contact: r
                .contact_name
                .clone()
                .filter(|name| !name.is_empty())
                .map(|name| ContactFields {
                    name,
                    affiliation: r.contact_affiliation.clone().unwrap_or_default(),
                    email: r.contact_email.clone().unwrap_or_default(),
                    phone: r.contact_phone.clone().unwrap_or_default(),
                }),
            facilitators: stored
                .facilitators
                .iter()
                .map(|p| PersonFields {
                    name: p.name.clone(),
                    affiliation: p.affiliation.clone(),
                })
                .collect(),
            links: stored
                .links
                .iter()
                .map(|(title, url)| LinkFields {
                    title: title.clone(),
                    url: url.clone(),
                })
                .collect(),
        }
    }

    /// As the activity form would have it typed, for the editor's rules.
    fn input(&self) -> ActivityInput {
        let contact = self.contact.as_ref();
        ActivityInput {
            title: self.title.clone(),
            subtitle: self.subtitle.clone(),
            summary: self.summary.clone(),
            body: self.body.clone(),
            region: self.region.clone(),
            cost: self
                .cost_cents
                .map(|c| {
                    if c < 0 {
                        c.to_string()
                    } else {
                        format!("{},{:02}", c / 100, c % 100)
                    }
                })
                .unwrap_or_default(),
            cost_note: self.cost_note.clone(),
            time_investment: self.time_investment.clone(),
            recurrence_note: self.recurrence_note.clone(),
            participation_note: self.participation_note.clone(),
            capacity: self.capacity.map(|c| c.to_string()).unwrap_or_default(),
            waitlist: self.waitlist,
            registration_open: self.registration_open,
            promotion: match self.promotion {
                Promotion::Automatic => "automatic",
                Promotion::Offer => "offer",
            }
            .into(),
            offer_hours: self.offer_hours.to_string(),
            opens_at: self
                .registration_opens_at
                .map(local_datetime_value)
                .unwrap_or_default(),
            closes_at: self
                .registration_closes_at
                .map(local_datetime_value)
                .unwrap_or_default(),
            organiser_email: self.organiser_email.clone(),
            themes: self.themes.clone(),
            audiences: self.audiences.clone(),
            contact_name: contact.map(|c| c.name.clone()).unwrap_or_default(),
            contact_affiliation: contact.map(|c| c.affiliation.clone()).unwrap_or_default(),
            contact_email: contact.map(|c| c.email.clone()).unwrap_or_default(),
            contact_phone: contact.map(|c| c.phone.clone()).unwrap_or_default(),
            facilitators: people_value(
                self.facilitators
                    .iter()
                    .map(|p| (p.name.as_str(), p.affiliation.as_str())),
                "\n",
            ),
            links: self
                .links
                .iter()
                .map(|l| format!("{} | {}", l.title, l.url))
                .collect::<Vec<_>>()
                .join("\n"),
            prerequisites: self.prerequisites.clone(),
        }
    }
}

/// The activity form's field names as this document names them.
fn activity_field(field: &str) -> String {
    match field {
        "cost" => "cost_cents".into(),
        "opens_at" => "registration_opens_at".into(),
        "closes_at" => "registration_closes_at".into(),
        other => match other.strip_prefix("contact_") {
            Some(part) => format!("contact.{part}"),
            None => other.into(),
        },
    }
}

/// One row of a session's program.
#[derive(Clone, Serialize, Deserialize, ToSchema)]
pub struct ProgramFields {
    /// `HH:MM` on the session's day (Dutch time); `null` when the program gives
    /// only the order.
    #[serde(default)]
    pub time: Option<String>,
    #[serde(default = "other_kind")]
    pub kind: ProgramItemKind,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub speakers: Vec<PersonFields>,
}

fn other_kind() -> ProgramItemKind {
    ProgramItemKind::Other
}

/// A session as an organiser sets it, in Dutch wall-clock time.
#[derive(Clone, Serialize, Deserialize, ToSchema)]
pub struct SessionFields {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM`, Dutch time.
    pub start: String,
    /// `HH:MM`, after `start`.
    pub end: String,
    #[serde(default)]
    pub title: String,
    /// Places at this session when fewer than the activity's; `null` for none.
    #[serde(default)]
    pub capacity: Option<u32>,
    /// A venue slug (see `GET /api/v1/organiser/venues`); `null` for none.
    #[serde(default)]
    pub venue: Option<String>,
    /// A new venue to make and use, instead of `venue`. Only in requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_venue: Option<VenueFields>,
    /// Times follow each other and lie within the session.
    #[serde(default)]
    pub program: Vec<ProgramFields>,
}

impl SessionFields {
    fn stored(s: &SessionDetail) -> Self {
        let local = |t: DateTime<Utc>| t.with_timezone(&Amsterdam);
        Self {
            date: local(s.starts_at).format("%Y-%m-%d").to_string(),
            start: local(s.starts_at).format("%H:%M").to_string(),
            end: local(s.ends_at).format("%H:%M").to_string(),
            title: s.title.clone(),
            capacity: s.capacity,
            venue: s.venue.as_ref().map(|v| v.slug.clone()),
            new_venue: None,
            program: s
                .program
                .iter()
                .map(|item| ProgramFields {
                    time: item.starts_at.map(|t| local(t).format("%H:%M").to_string()),
                    kind: item.kind,
                    title: item.title.clone(),
                    description: item.description.clone(),
                    speakers: item
                        .speakers
                        .iter()
                        .map(|p| PersonFields {
                            name: p.name.clone(),
                            affiliation: p.affiliation.clone(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    /// As the session form would have it typed.
    fn form(&self, notify: bool) -> SessionForm {
        let venue = self.new_venue.as_ref();
        let text = |f: fn(&VenueFields) -> &String| venue.map(|v| f(v).clone()).unwrap_or_default();
        SessionForm {
            session: SessionInput {
                date: self.date.clone(),
                start: self.start.clone(),
                end: self.end.clone(),
                venue: self.venue.clone().unwrap_or_default(),
                capacity: self.capacity.map(|c| c.to_string()).unwrap_or_default(),
                title: self.title.clone(),
            },
            venue: NewVenue {
                name: text(|v| &v.name),
                address: text(|v| &v.address),
                postcode: text(|v| &v.postcode),
                city: text(|v| &v.city),
                route_transit: text(|v| &v.route_transit),
                route_car: text(|v| &v.route_car),
                accessibility: text(|v| &v.accessibility),
            },
            program: self
                .program
                .iter()
                .map(|p| ProgramInput {
                    time: p.time.clone().unwrap_or_default(),
                    kind: p.kind.as_str().into(),
                    title: p.title.clone(),
                    description: p.description.clone(),
                    speakers: people_value(
                        p.speakers
                            .iter()
                            .map(|s| (s.name.as_str(), s.affiliation.as_str())),
                        "; ",
                    ),
                })
                .collect(),
            notify,
        }
    }
}

/// The session form's field names as this document names them.
fn session_field(field: &str) -> String {
    if let Some(rest) = field.strip_prefix('p')
        && let Some((row, name)) = rest.split_once('_')
        && row.bytes().all(|b| b.is_ascii_digit())
    {
        return format!("program.{row}.{name}");
    }
    match field {
        "venue_transit" => "new_venue.route_transit".into(),
        "venue_car" => "new_venue.route_car".into(),
        other => match other.strip_prefix("venue_") {
            Some(part) => format!("new_venue.{part}"),
            None => other.into(),
        },
    }
}

/// A session with its id and moments.
#[derive(Serialize, ToSchema)]
pub struct ManagedSession {
    /// Use it in `/sessions/{session}`.
    pub id: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    #[serde(flatten)]
    pub fields: SessionFields,
}

/// A question of the registration form (change them in the back office).
#[derive(Serialize, ToSchema)]
pub struct QuestionSummary {
    /// The key of its answer in a registration's `answers`.
    pub id: i64,
    pub kind: QuestionKind,
    pub label: String,
    pub help: String,
    pub required: bool,
    pub options: Vec<String>,
}

/// An activity as its organiser sees it.
#[derive(Serialize, ToSchema)]
pub struct ManagedActivity {
    /// The activity's id in this API and in the back office's addresses.
    pub id: String,
    /// Its public address: `/activiteiten/{slug}`.
    pub slug: String,
    pub status: ActivityStatus,
    #[serde(flatten)]
    pub fields: ActivityFields,
    /// People with a place (also those offered one).
    pub places_taken: u32,
    pub waitlisted: u32,
    pub sessions: Vec<ManagedSession>,
    pub questions: Vec<QuestionSummary>,
    /// The public page (shown once published).
    pub url: String,
    /// The activity in the back office.
    pub backoffice_url: String,
}

/// An activity in a list.
#[derive(Serialize, ToSchema)]
pub struct ActivityListItem {
    pub id: String,
    pub slug: String,
    pub kind: ActivityKind,
    pub title: String,
    pub status: ActivityStatus,
    /// Start of the first session, if any.
    pub first_start: Option<DateTime<Utc>>,
    pub capacity: Option<u32>,
    pub places_taken: u32,
    pub waitlisted: u32,
}

#[derive(Serialize, ToSchema)]
pub struct ActivityListPage {
    pub items: Vec<ActivityListItem>,
}

/// A status change.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusRequest {
    /// `publish` (draft → published), `cancel` (published → cancelled: everyone
    /// registered is emailed) or `archive`.
    pub action: StatusActionName,
    /// With `cancel`: a word to the registrants, in their email.
    #[serde(default)]
    pub message: String,
}

#[derive(Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum StatusActionName {
    Publish,
    Cancel,
    Archive,
}

#[derive(Serialize, ToSchema)]
pub struct StatusChanged {
    pub status: ActivityStatus,
    /// Emails on their way to registrants.
    pub notified: u64,
}

/// A registration as the organiser sees it.
#[derive(Serialize, ToSchema)]
pub struct OrganiserRegistration {
    pub id: String,
    pub state: RegistrationState,
    /// 1..n while waitlisted.
    pub waitlist_position: Option<u32>,
    /// Until when an offered place is held.
    pub offer_expires_at: Option<DateTime<Utc>>,
    /// Empty once anonymised.
    pub name: String,
    pub email: String,
    pub organisation: String,
    /// An audience slug, or `anders` with `role_other`.
    pub role: String,
    pub role_other: String,
    pub region: String,
    /// The language of the person's emails.
    pub lang: String,
    pub cancel_reason: String,
    /// Answers by question id (see the activity's `questions`).
    pub answers: BTreeMap<String, String>,
    /// The registration was anonymised after the retention period (AVG).
    pub anonymised: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Serialize, ToSchema)]
pub struct RegistrationList {
    /// Places first, then the waitlist in order, then the cancelled.
    pub items: Vec<OrganiserRegistration>,
}

// ------------------------------------------------------------------ answers

// The answers many endpoints share, described once for the document; the handlers
// answer with [`ApiError`].

/// No usable token.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // Describes answers for the document.
enum NoToken {
    /// No token, or an unknown or revoked one (see `WWW-Authenticate`)
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(Problem),
}

/// No usable token, or nothing at this address that the token may manage.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // Describes answers for the document.
enum Denied {
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
enum BadBody {
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
struct NotifyQuery {
    /// Email registrants of a published activity about changed times, venue or
    /// program (default `true`); `false` for this one change.
    #[serde(default = "yes")]
    notify: bool,
    /// Agree that a limit below the places taken makes newcomers wait (default
    /// `false`: answer 409).
    #[serde(default)]
    accept_capacity_below_taken: bool,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct CapacityQuery {
    /// Agree that a limit below the places taken makes newcomers wait (default
    /// `false`: answer 409).
    #[serde(default)]
    accept_capacity_below_taken: bool,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct ExportQuery {
    /// The language of the column titles and states: `nl` (default) or `en`.
    #[serde(default)]
    lang: Option<String>,
}

// ------------------------------------------------------------------ handlers

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
async fn me(State(state): State<AppState>, bearer: Bearer) -> Result<Response, ApiError> {
    let organisations = state.db.managed_organisations(&bearer.0.roles).await?;
    Ok(private(
        Json(Me {
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
        .into_response(),
    ))
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
async fn venues(State(state): State<AppState>, _bearer: Bearer) -> Result<Response, ApiError> {
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
    Ok(private(Json(venues).into_response()))
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
async fn list_activities(
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
    Ok(private(Json(ActivityListPage { items }).into_response()))
}

/// Checks fields with the editor's rules against what this organisation offers.
async fn validated(
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
async fn create_activity(
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
async fn managed_document(state: &AppState, target: &Target) -> Result<ManagedActivity, ApiError> {
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

async fn activity_response(state: &AppState, target: &Target) -> Result<Response, ApiError> {
    Ok(private(
        Json(managed_document(state, target).await?).into_response(),
    ))
}

/// After a change: the public page and the sign-up form read fresh, emails leave.
async fn changed(state: &AppState, target: &Target, notified: u64) -> Result<(), ApiError> {
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
async fn get_activity(
    State(state): State<AppState>,
    bearer: Bearer,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let target = Target::find(&state, bearer, &id).await?;
    activity_response(&state, &target).await
}

/// RFC 7396: `patch` applied to `target`.
fn merge_patch(target: &mut serde_json::Value, patch: serde_json::Value) {
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
        (status = 409, description = "Cancelled or archived (no changes), or a limit below the places taken without `accept_capacity_below_taken`", body = super::error::Problem, content_type = "application/problem+json"),
        BadBody, Denied,
    )
)]
async fn update_activity(
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
async fn saved(state: &AppState, target: &Target, outcome: SaveOutcome) -> Result<(), ApiError> {
    match outcome {
        SaveOutcome::Saved { notified } => changed(state, target, notified).await,
        SaveOutcome::NotEditable(status) => Err(not_editable(status)),
        SaveOutcome::CapacityBelowTaken { taken } => Err(capacity_conflict(taken)),
        SaveOutcome::NotFound => Err(ApiError::NotFound),
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
        (status = 409, description = "Not a draft, or someone registered: cancel or archive it instead", body = super::error::Problem, content_type = "application/problem+json"),
        Denied,
    )
)]
async fn delete_activity(
    State(state): State<AppState>,
    bearer: Bearer,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let target = Target::find(&state, bearer, &id).await?;
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
        (status = 409, description = "Not a step this status allows (draft → published → cancelled; archive from any but archived)", body = super::error::Problem, content_type = "application/problem+json"),
        BadBody, Denied,
    )
)]
async fn change_status(
    State(state): State<AppState>,
    bearer: Bearer,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let target = Target::find(&state, bearer, &id).await?;
    let request: StatusRequest = json_body(&headers, &body)?;
    let action = match request.action {
        StatusActionName::Publish => StatusAction::Publish,
        StatusActionName::Cancel => StatusAction::Cancel,
        StatusActionName::Archive => StatusAction::Archive,
    };
    let message =
        crate::domain::registration::text(&request.message, crate::domain::editor::MAX_NOTE)
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
            Ok(private(
                Json(StatusChanged { status, notified }).into_response(),
            ))
        }
        StatusOutcome::NotAllowed(status) => Err(ApiError::Conflict(format!(
            "An activity that is {} cannot {}.",
            status.as_str(),
            action.as_str()
        ))),
    }
}

/// Stores a session (new when `session` is `None`) from its JSON.
async fn store_session(
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
        (status = 409, description = "Cancelled or archived, or a session limit below the places taken without `accept_capacity_below_taken`", body = super::error::Problem, content_type = "application/problem+json"),
        BadBody, Denied,
    )
)]
async fn create_session(
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
fn session_id(raw: &str) -> Result<i64, ApiError> {
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
        (status = 409, description = "Cancelled or archived, or a session limit below the places taken without `accept_capacity_below_taken`", body = super::error::Problem, content_type = "application/problem+json"),
        BadBody, Denied,
    )
)]
async fn update_session(
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
        (status = 409, description = "Cancelled or archived: no changes", body = super::error::Problem, content_type = "application/problem+json"),
        Denied,
    )
)]
async fn delete_session(
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
async fn list_registrations(
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
    Ok(private(Json(RegistrationList { items }).into_response()))
}

/// The export's table in the language asked for.
async fn export(
    state: &AppState,
    bearer: Bearer,
    id: &str,
    raw: Option<String>,
) -> Result<(Target, Lang, Vec<String>, Vec<Vec<String>>), ApiError> {
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
    let (header, rows) = export_table(state, lang, &target.activity).await?;
    Ok((target, lang, header, rows))
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
        (status = 400, description = "A parameter could not be understood", body = super::error::Problem, content_type = "application/problem+json"),
        Denied,
    )
)]
async fn export_csv(
    State(state): State<AppState>,
    bearer: Bearer,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let (target, _, header, rows) = export(&state, bearer, &id, raw).await?;
    Ok(attachment(
        csv_bytes(&header, &rows)?,
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
        (status = 400, description = "A parameter could not be understood", body = super::error::Problem, content_type = "application/problem+json"),
        Denied,
    )
)]
async fn export_xlsx(
    State(state): State<AppState>,
    bearer: Bearer,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let (target, lang, header, rows) = export(&state, bearer, &id, raw).await?;
    let bytes = xlsx_bytes(lang, &header, &rows).map_err(|e| ApiError::Internal(e.into()))?;
    Ok(attachment(
        bytes,
        XLSX_TYPE,
        export_name(&target.activity, "xlsx"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merge_patch_follows_rfc_7396() {
        // The examples of RFC 7396, appendix A, that concern objects.
        let cases = [
            (json!({"a": "b"}), json!({"a": "c"}), json!({"a": "c"})),
            (
                json!({"a": "b"}),
                json!({"b": "c"}),
                json!({"a": "b", "b": "c"}),
            ),
            (json!({"a": "b"}), json!({"a": null}), json!({})),
            (
                json!({"a": "b", "b": "c"}),
                json!({"a": null}),
                json!({"b": "c"}),
            ),
            (json!({"a": ["b"]}), json!({"a": "c"}), json!({"a": "c"})),
            (
                json!({"a": {"b": "c"}}),
                json!({"a": {"b": "d", "c": null}}),
                json!({"a": {"b": "d"}}),
            ),
            (
                json!({"a": [{"b": "c"}]}),
                json!({"a": [1]}),
                json!({"a": [1]}),
            ),
            (
                json!({"e": null}),
                json!({"a": 1}),
                json!({"e": null, "a": 1}),
            ),
            (
                json!([1, 2]),
                json!({"a": "b", "c": null}),
                json!({"a": "b"}),
            ),
            (
                json!({}),
                json!({"a": {"bb": {"ccc": null}}}),
                json!({"a": {"bb": {}}}),
            ),
        ];
        for (mut target, patch, expected) in cases {
            merge_patch(&mut target, patch.clone());
            assert_eq!(target, expected, "patch {patch}");
        }
    }

    #[test]
    fn editor_field_names_become_json_paths() {
        assert_eq!(activity_field("cost"), "cost_cents");
        assert_eq!(activity_field("opens_at"), "registration_opens_at");
        assert_eq!(activity_field("contact_email"), "contact.email");
        assert_eq!(activity_field("title"), "title");
        assert_eq!(session_field("p3_time"), "program.3.time");
        assert_eq!(session_field("p12_speakers"), "program.12.speakers");
        assert_eq!(session_field("venue_name"), "new_venue.name");
        assert_eq!(session_field("venue_transit"), "new_venue.route_transit");
        assert_eq!(session_field("venue"), "venue");
        assert_eq!(session_field("postcode"), "postcode");
    }

    #[test]
    fn fields_become_the_form_the_editor_checks() {
        let fields: ActivityFields = serde_json::from_value(json!({
            "kind": "cafe",
            "title": "Leercafé",
            "summary": "Samen leren.",
            "cost_cents": 1250,
            "capacity": 30,
            "registration_opens_at": "2026-12-01T08:00:00Z",
            "contact": {"name": "An", "email": "an@example.nl"},
            "facilitators": [{"name": "Bo", "affiliation": "Movisie"}, {"name": "Cas"}],
            "links": [{"title": "Lees", "url": "https://example.nl/a"}]
        }))
        .unwrap();
        assert!(fields.waitlist && fields.registration_open, "defaults on");
        assert_eq!(fields.offer_hours, 48);
        let input = fields.input();
        assert_eq!(input.cost, "12,50");
        assert_eq!(input.capacity, "30");
        // 08:00 UTC on 1 December is 09:00 in Amsterdam.
        assert_eq!(input.opens_at, "2026-12-01T09:00");
        assert_eq!(input.contact_name, "An");
        assert_eq!(input.facilitators, "Bo (Movisie)\nCas");
        assert_eq!(input.links, "Lees | https://example.nl/a");
        let valid = validate_activity(&input, Default::default()).unwrap();
        assert_eq!(valid.cost_cents, Some(1250));
        assert_eq!(valid.facilitators.len(), 2);
        // A negative cost stays negative, so the editor refuses it.
        let negative = ActivityFields {
            cost_cents: Some(-5),
            ..fields
        };
        let errors = validate_activity(&negative.input(), Default::default()).unwrap_err();
        assert_eq!(activity_field(&errors[0].field), "cost_cents");
    }

    #[test]
    fn unknown_fields_are_refused_not_ignored() {
        let sent = json!({"kind": "cafe", "title": "T", "summary": "S", "status": "published"});
        match strict::<ActivityFields>(sent) {
            Err(ApiError::BadRequest(detail)) => {
                assert!(detail.contains("unknown field `status`"), "{detail}")
            }
            _ => panic!("an unknown field is refused"),
        }
        // In a nested object too, and a null only asks for the default.
        let nested = json!({"kind": "cafe", "title": "T", "summary": "S",
            "contact": {"name": "An", "telefoon": "1"}});
        assert!(matches!(
            strict::<ActivityFields>(nested),
            Err(ApiError::BadRequest(_))
        ));
        let nulls = json!({"kind": "cafe", "title": "T", "summary": "S", "capacity": null});
        assert!(strict::<ActivityFields>(nulls).is_ok());
        let session = json!({"date": "2027-03-04", "start": "13:00", "end": "14:00",
            "new_venue": {"name": "Zaal"}, "notify": false});
        match strict::<SessionFields>(session) {
            Err(ApiError::BadRequest(detail)) => assert!(detail.contains("`notify`"), "{detail}"),
            _ => panic!("notify belongs in the query"),
        }
        // Deeper: in a new venue, in the second program row's second speaker.
        let deep = json!({"date": "2027-03-04", "start": "13:00", "end": "14:00",
            "new_venue": {"name": "Zaal", "stad": "Utrecht"}});
        match strict::<SessionFields>(deep) {
            Err(ApiError::BadRequest(detail)) => {
                assert!(detail.contains("`new_venue.stad`"), "{detail}")
            }
            _ => panic!("a misspelt venue field is refused"),
        }
        let deeper = json!({"date": "2027-03-04", "start": "13:00", "end": "14:00",
            "program": [{"title": "A"}, {"title": "B", "speakers": [{"name": "C"}, {"name": "D", "rol": "x"}]}]});
        match strict::<SessionFields>(deeper) {
            Err(ApiError::BadRequest(detail)) => {
                assert!(detail.contains("`program.1.speakers.1.rol`"), "{detail}")
            }
            _ => panic!("a misspelt speaker field is refused"),
        }
    }
}
