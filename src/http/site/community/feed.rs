//! A member's private calendar feed (`/ateliers/{slug}/agenda/{member}/{token}.ics`):
//! the meetings their level invites them to, and cancelled ones as cancelled events,
//! for calendar programs that cannot sign in. The address is the secret: an HMAC of
//! the membership's public id. It stops working when they leave.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::db::catalog::CalendarSelection;
use crate::domain::community::membership::MemberState;
use crate::domain::slug::Slug;
use crate::http::AppState;
use crate::http::error::PageError;
use crate::http::kit::query::public_id_shaped;
use crate::ical;

pub(super) async fn member_feed(
    State(state): State<AppState>,
    Path((slug, member, file)): Path<(String, String, String)>,
) -> Result<Response, PageError> {
    let slug = Slug::parse(&slug).ok_or(PageError::NotFound)?;
    let token = file.strip_suffix(".ics").ok_or(PageError::NotFound)?;
    if !public_id_shaped(&member) || !state.secret.feed_matches(&member, token) {
        return Err(PageError::NotFound);
    }
    let Some((state_of, level, title)) = state
        .db
        .membership_by_public_id(slug.as_str(), &member)
        .await?
    else {
        return Err(PageError::NotFound);
    };
    if state_of != MemberState::Active {
        return Err(PageError::NotFound);
    }
    let sessions: Vec<_> = state
        .db
        .calendar_sessions(CalendarSelection::Members(slug.as_str()))
        .await?
        .into_iter()
        .filter(|s| s.removed || level.invited_to(!s.members_only))
        .collect();
    let events = ical::session_events(state.settings.base_url(), sessions);
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            // A secret address: no shared cache keeps it.
            (header::CACHE_CONTROL, "private, max-age=300"),
            (header::REFERRER_POLICY, "no-referrer"),
        ],
        ical::calendar(&title, &events, ical::Method::Publish),
    )
        .into_response())
}
