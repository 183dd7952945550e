//! The member API (`/api/v1/me/…`): what a member reads of their own life in the
//! leerateliers with their personal API token (made on `/account/api-sleutels`):
//! the meetings their level invites them to, with their answer, and the cases they
//! brought with what the meetings made of them. Read only. The token acts as its
//! account at the time of each request, so an atelier they left (or never joined)
//! shows nothing; another member's cases are never listed. Lists are pages with a
//! keyset cursor (`next`), at most [`MAX_LIMIT`] items each.

use axum::Json;
use axum::extract::{RawQuery, State};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::db::community::{MyCursor, MyPeriod};
use crate::domain::community::case::CaseState;
use crate::domain::slug::Slug;
use crate::http::AppState;
use crate::http::api::organiser::Bearer;
use crate::http::error::{ApiError, InvalidParam, Problem};
use crate::http::kit::headers::private_layer;

/// Items per page unless `limit` says otherwise.
const DEFAULT_LIMIT: u32 = 50;
/// The most items a page holds.
pub const MAX_LIMIT: u32 = 100;

/// The member routes, each with its document.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_my_meetings))
        .routes(routes!(list_my_cases))
        // Every answer is about the token's own account.
        .layer(axum::middleware::map_response(private_layer))
}

/// Answers every member route can give besides 200.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // Describes answers for the document.
enum Refused {
    /// A query parameter is not understood (`errors` says which)
    #[response(status = 400, content_type = "application/problem+json")]
    BadRequest(Problem),
    /// No token, or an unknown or revoked one (see `WWW-Authenticate`)
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(Problem),
}

/// Coming meetings (not over yet, soonest first) or past ones (latest first).
#[derive(Clone, Copy, Debug, Default, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    #[default]
    Coming,
    Past,
}

/// `?atelier=&period=&limit=&cursor=` of the meetings.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct MeetingQuery {
    /// Only this atelier's meetings (its slug).
    #[param(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 80)]
    atelier: Option<String>,
    /// `coming` (default) or `past`.
    #[param(inline)]
    period: Option<Period>,
    /// Items per page, 1 to 100 (default 50).
    #[param(minimum = 1, maximum = 100)]
    limit: Option<u32>,
    /// Where the page starts: the `next` of the page before.
    #[param(pattern = "^[0-9]{1,10}\\.[A-Za-z0-9-]{1,80}$")]
    cursor: Option<String>,
}

/// `?atelier=&limit=&cursor=` of the cases.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct CaseQuery {
    /// Only the cases in this atelier (its slug).
    #[param(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 80)]
    atelier: Option<String>,
    /// Items per page, 1 to 100 (default 50).
    #[param(minimum = 1, maximum = 100)]
    limit: Option<u32>,
    /// Where the page starts: the `next` of the page before.
    #[param(pattern = "^[0-9]{1,10}\\.[A-Za-z0-9-]{1,80}$")]
    cursor: Option<String>,
}

/// A member's answer to a meeting.
#[derive(Clone, Copy, Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Rsvp {
    Yes,
    No,
    Maybe,
}

/// A meeting of an atelier the token's account is a member of.
#[derive(Serialize, ToSchema)]
pub struct MyMeeting {
    /// The meeting's calendar UID, as in the calendar feeds.
    pub id: String,
    /// The atelier's slug.
    pub atelier: String,
    pub atelier_title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// The venue's name and city, when it meets at a venue.
    pub venue: Option<String>,
    /// Where to join online, when one can.
    pub online_url: Option<String>,
    /// Open to non-members too (`false`: members only); `null` for a cancelled
    /// meeting that was taken off the agenda.
    pub public: Option<bool>,
    pub cancelled: bool,
    /// Their own answer; `null`: not (yet) answered.
    pub answer: Option<Rsvp>,
}

#[derive(Serialize, ToSchema)]
pub struct MyMeetingPage {
    pub items: Vec<MyMeeting>,
    /// The `cursor` of the next page; `null` on the last one.
    pub next: Option<String>,
}

/// Where a case stands.
#[derive(Clone, Copy, Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MyCaseState {
    Submitted,
    Scheduled,
    Discussed,
    CarriedOver,
}

/// What a meeting made of a case.
#[derive(Serialize, ToSchema)]
pub struct MyOutcome {
    /// Markdown, as written.
    pub learned: String,
    pub next_steps: String,
    /// One link a line.
    pub links: String,
    /// Shown on the atelier's public page.
    pub public: bool,
    /// The case is done (`false`: it moved on to a later meeting).
    pub finished: bool,
    /// When the meeting it was discussed at began.
    pub meeting_starts_at: Option<DateTime<Utc>>,
    pub recorded_at: DateTime<Utc>,
}

/// A case the token's account brought.
#[derive(Serialize, ToSchema)]
pub struct MyCase {
    pub id: String,
    pub title: String,
    pub state: MyCaseState,
    /// The atelier's slug.
    pub atelier: String,
    pub atelier_title: String,
    /// When the meeting it is for (or was on) begins, when known.
    pub meeting_starts_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// Oldest first: a case carried over has one per meeting.
    pub outcomes: Vec<MyOutcome>,
}

#[derive(Serialize, ToSchema)]
pub struct MyCasePage {
    pub items: Vec<MyCase>,
    /// The `cursor` of the next page; `null` on the last one.
    pub next: Option<String>,
}

fn invalid(name: &str, reason: impl Into<String>) -> ApiError {
    ApiError::InvalidParams(vec![InvalidParam {
        name: name.into(),
        reason: reason.into(),
    }])
}

/// The query string as `T`; 400 naming what is not understood.
fn query<T: serde::de::DeserializeOwned>(raw: Option<String>) -> Result<T, ApiError> {
    serde_urlencoded::from_str(raw.as_deref().unwrap_or_default())
        .map_err(|error| invalid("query", error.to_string()))
}

/// The atelier filter: "" for every atelier.
fn atelier_filter(raw: Option<String>) -> Result<String, ApiError> {
    match raw {
        None => Ok(String::new()),
        Some(raw) => Slug::parse(&raw)
            .map(|s| s.as_str().to_owned())
            .ok_or_else(|| invalid("atelier", "expected an atelier's slug")),
    }
}

fn limit_of(raw: Option<u32>) -> Result<i64, ApiError> {
    match raw.unwrap_or(DEFAULT_LIMIT) {
        n @ 1..=MAX_LIMIT => Ok(i64::from(n)),
        _ => Err(invalid("limit", format!("expected 1 to {MAX_LIMIT}"))),
    }
}

/// A cursor is the last item's time (Unix seconds) and key: `1767225600.3f2a…`.
fn cursor_of(raw: Option<String>) -> Result<Option<MyCursor>, ApiError> {
    let Some(raw) = raw else { return Ok(None) };
    let refused = || invalid("cursor", "expected the `next` of an earlier page");
    let (seconds, key) = raw.split_once('.').ok_or_else(refused)?;
    let key_ok = (1..=80).contains(&key.len())
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if !(1..=10).contains(&seconds.len()) || !seconds.bytes().all(|b| b.is_ascii_digit()) || !key_ok
    {
        return Err(refused());
    }
    let at = seconds
        .parse()
        .ok()
        .and_then(|s| DateTime::from_timestamp(s, 0))
        .ok_or_else(refused)?;
    Ok(Some(MyCursor {
        at,
        key: key.to_owned(),
    }))
}

/// What both lists take: the atelier filter ("" for all), the page size and where
/// it starts.
fn paging(
    atelier: Option<String>,
    limit: Option<u32>,
    cursor: Option<String>,
) -> Result<(String, i64, Option<MyCursor>), ApiError> {
    Ok((
        atelier_filter(atelier)?,
        limit_of(limit)?,
        cursor_of(cursor)?,
    ))
}

fn cursor_text(at: DateTime<Utc>, key: &str) -> String {
    format!("{}.{key}", at.timestamp())
}

/// The rows of a page and the cursor after it: one row more than the page was read
/// to know whether another page follows.
fn page<T>(mut rows: Vec<T>, limit: i64, key: impl Fn(&T) -> String) -> (Vec<T>, Option<String>) {
    let limit = usize::try_from(limit).unwrap_or(0);
    if rows.len() <= limit {
        return (rows, None);
    }
    rows.truncate(limit);
    let next = rows.last().map(key);
    (rows, next)
}

fn rsvp(raw: Option<&str>) -> Option<Rsvp> {
    match raw? {
        "yes" => Some(Rsvp::Yes),
        "no" => Some(Rsvp::No),
        "maybe" => Some(Rsvp::Maybe),
        _ => None,
    }
}

/// The token's account's meetings: of the ateliers they are an active member of,
/// those their level invites them to, with their answer.
#[utoipa::path(
    get,
    path = "/api/v1/me/meetings",
    tag = "member",
    security(("api_token" = [])),
    params(MeetingQuery),
    responses(
        (status = 200, description = "A page of meetings: coming ones soonest first, past ones latest first", body = MyMeetingPage),
        Refused,
    )
)]
async fn list_my_meetings(
    State(state): State<AppState>,
    bearer: Bearer,
    RawQuery(raw): RawQuery,
) -> Result<Json<MyMeetingPage>, ApiError> {
    let asked: MeetingQuery = query(raw)?;
    let (atelier, limit, cursor) = paging(asked.atelier, asked.limit, asked.cursor)?;
    let period = match asked.period.unwrap_or_default() {
        Period::Coming => MyPeriod::Coming,
        Period::Past => MyPeriod::Past,
    };
    let rows = state
        .db
        .my_meetings(
            bearer.0.account_id,
            &atelier,
            period,
            cursor.as_ref(),
            limit + 1,
            crate::time::now(),
        )
        .await?;
    let (rows, next) = page(rows, limit, |m| cursor_text(m.starts_at, &m.uid));
    let items = rows
        .into_iter()
        .map(|m| MyMeeting {
            venue: m.venue_name.map(|name| match m.venue_city {
                Some(city) if !city.is_empty() => format!("{name}, {city}"),
                _ => name,
            }),
            online_url: (!m.online_url.is_empty()).then_some(m.online_url),
            answer: rsvp(m.answer.as_deref()),
            id: m.uid,
            atelier: m.atelier,
            atelier_title: m.atelier_title,
            starts_at: m.starts_at,
            ends_at: m.ends_at,
            public: m.public,
            cancelled: m.cancelled,
        })
        .collect();
    Ok(Json(MyMeetingPage { items, next }))
}

/// The cases the token's account brought to ateliers they are an active member of,
/// with every outcome.
#[utoipa::path(
    get,
    path = "/api/v1/me/cases",
    tag = "member",
    security(("api_token" = [])),
    params(CaseQuery),
    responses(
        (status = 200, description = "A page of their cases, newest first", body = MyCasePage),
        Refused,
    )
)]
async fn list_my_cases(
    State(state): State<AppState>,
    bearer: Bearer,
    RawQuery(raw): RawQuery,
) -> Result<Json<MyCasePage>, ApiError> {
    let asked: CaseQuery = query(raw)?;
    let (atelier, limit, cursor) = paging(asked.atelier, asked.limit, asked.cursor)?;
    let (rows, outcomes) = state
        .db
        .my_cases(bearer.0.account_id, &atelier, cursor.as_ref(), limit + 1)
        .await?;
    let (rows, next) = page(rows, limit, |c| cursor_text(c.created_at, &c.public_id));
    let items = rows
        .into_iter()
        .filter_map(|c| {
            let state = match CaseState::parse(&c.state)? {
                CaseState::Submitted => MyCaseState::Submitted,
                CaseState::Scheduled => MyCaseState::Scheduled,
                CaseState::Discussed => MyCaseState::Discussed,
                CaseState::CarriedOver => MyCaseState::CarriedOver,
            };
            Some(MyCase {
                outcomes: outcomes
                    .iter()
                    .filter(|o| o.case_id == c.id)
                    .map(|o| &o.outcome)
                    .map(|o| MyOutcome {
                        learned: o.learned.clone(),
                        next_steps: o.next_steps.clone(),
                        links: o.links.clone(),
                        public: o.public,
                        finished: o.finished,
                        meeting_starts_at: o.meeting_starts_at,
                        recorded_at: o.created_at,
                    })
                    .collect(),
                id: c.public_id,
                title: c.title,
                state,
                atelier: c.atelier,
                atelier_title: c.atelier_title,
                meeting_starts_at: c.meeting_starts_at,
                created_at: c.created_at,
            })
        })
        .collect();
    Ok(Json(MyCasePage { items, next }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_reads_back_what_a_page_wrote() {
        let at = DateTime::from_timestamp(1_767_225_600, 0).unwrap();
        let text = cursor_text(at, "3f2a-b");
        assert_eq!(
            cursor_of(Some(text)).ok().flatten(),
            Some(MyCursor {
                at,
                key: "3f2a-b".into()
            })
        );
        for bad in [
            "",
            "12",
            ".abc",
            "12.",
            "x1.abc",
            "1.a b",
            "12345678901.a",
            "1.a.b",
        ] {
            assert!(cursor_of(Some(bad.into())).is_err(), "{bad:?} is refused");
        }
    }

    #[test]
    fn a_page_says_whether_another_follows() {
        let (rows, next) = page(vec![1, 2, 3], 2, |n| n.to_string());
        assert_eq!((rows, next.as_deref()), (vec![1, 2], Some("2")));
        let (rows, next) = page(vec![1, 2], 2, |n| n.to_string());
        assert_eq!((rows, next), (vec![1, 2], None));
        assert!(limit_of(Some(0)).is_err() && limit_of(Some(101)).is_err());
        assert_eq!(limit_of(None).ok(), Some(50));
    }
}
