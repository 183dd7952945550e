//! Sessions for the calendar feeds (.ics): one activity's, a theme's, everything.

use super::*;

/// What a calendar feed covers.
#[derive(Clone, Copy, Debug)]
pub enum CalendarSelection<'a> {
    All,
    Activity(&'a str),
    Theme(&'a str),
    /// One atelier's meetings as its members see them: with those for members only
    /// (every other selection is public and leaves them out).
    Members(&'a str),
}

#[derive(sqlx::FromRow)]
pub(super) struct CalendarRow {
    pub(super) session_id: i64,
    pub(super) uid: String,
    pub(super) revision: i32,
    pub(super) removed: bool,
    /// A removed session's location, as it was.
    pub(super) location: Option<String>,
    pub(super) starts_at: Timestamp,
    pub(super) ends_at: Timestamp,
    pub(super) session_title: String,
    pub(super) members_only: bool,
    pub(super) online_url: String,
    pub(super) slug: String,
    pub(super) kind: String,
    pub(super) title: String,
    pub(super) summary: String,
    pub(super) status: String,
    pub(super) updated_at: Timestamp,
    pub(super) venue_name: Option<String>,
    pub(super) address: Option<String>,
    pub(super) postcode: Option<String>,
    pub(super) city: Option<String>,
}

/// One event in a calendar feed.
#[derive(Clone, Debug)]
pub struct CalendarSession {
    /// 0 for a removed session.
    pub session_id: i64,
    /// The calendar identity of the session, kept after it is removed.
    pub uid: String,
    /// Grows with every change of the activity (its revision): RFC 5545's SEQUENCE.
    pub sequence: u32,
    /// The session was taken out of the activity: a cancelled event.
    pub removed: bool,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    pub session_title: String,
    /// An atelier meeting for members only.
    pub members_only: bool,
    /// Where to join an atelier meeting online (empty: not online).
    pub online_url: String,
    pub slug: String,
    pub kind: ActivityKind,
    pub title: String,
    pub summary: String,
    pub status: ActivityStatus,
    pub updated_at: Timestamp,
    /// Venue name and full address, when the session has a venue.
    pub location: Option<String>,
}

impl TryFrom<CalendarRow> for CalendarSession {
    type Error = sqlx::Error;

    fn try_from(r: CalendarRow) -> Result<Self, Self::Error> {
        let venue = r.venue_name.map(|name| {
            VenueRow {
                id: 0,
                slug: String::new(),
                name,
                address: r.address.unwrap_or_default(),
                postcode: r.postcode.unwrap_or_default(),
                city: r.city.unwrap_or_default(),
                route_car: String::new(),
                route_transit: String::new(),
                accessibility: String::new(),
            }
            .full_address()
        });
        let location = venue.or(r.location);
        Ok(Self {
            session_id: r.session_id,
            uid: r.uid,
            sequence: u32::try_from(r.revision).unwrap_or(0),
            removed: r.removed,
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            session_title: r.session_title,
            members_only: r.members_only,
            online_url: r.online_url,
            kind: kind_of(&r.kind)?,
            status: status_of(&r.status)?,
            slug: r.slug,
            title: r.title,
            summary: r.summary,
            updated_at: r.updated_at,
            location,
        })
    }
}

impl Db {
    /// Sessions for calendar feeds: of published and cancelled activities (a
    /// subscribed calendar must hear about a cancellation), optionally one activity or
    /// one theme.
    pub async fn calendar_sessions(
        &self,
        selection: CalendarSelection<'_>,
    ) -> Result<Vec<CalendarSession>, sqlx::Error> {
        // Sessions, then the sessions removed since (cancelled events, so that
        // subscribed calendars drop them). `filter` narrows both by activity `a`;
        // public feeds leave out meetings for members only.
        let members = matches!(selection, CalendarSelection::Members(_));
        let query = |filter: &str| {
            let sessions = if members {
                ""
            } else {
                "AND NOT s.members_only"
            };
            format!(
                "SELECT s.id AS session_id, \
                   CASE WHEN s.uid = '' THEN 'session-' || s.id ELSE s.uid END AS uid, \
                   s.starts_at, s.ends_at, s.title AS session_title, s.members_only, s.online_url, \
                   a.slug, a.kind, a.title, a.summary, a.status, a.updated_at, a.revision, \
                   FALSE AS removed, v.name AS venue_name, v.address, v.postcode, v.city, \
                   NULL AS location \
                 FROM session s JOIN activity a ON a.id = s.activity_id \
                 LEFT JOIN venue v ON v.id = s.venue_id \
                 WHERE a.status IN ('published', 'cancelled') {sessions} {filter} \
                 UNION ALL \
                 SELECT 0, r.uid, r.starts_at, r.ends_at, r.title, FALSE, '', \
                   a.slug, a.kind, a.title, a.summary, a.status, a.updated_at, a.revision, \
                   TRUE, NULL, NULL, NULL, NULL, r.location \
                 FROM removed_session r JOIN activity a ON a.id = r.activity_id \
                 WHERE a.status IN ('published', 'cancelled') {filter} \
                 ORDER BY starts_at, session_id, uid"
            )
        };
        let rows: Vec<CalendarRow> = match selection {
            CalendarSelection::All => {
                on_pool!(self, |pool| sqlx::query_as(AssertSqlSafe(query("")))
                    .fetch_all(pool)
                    .await?)
            }
            CalendarSelection::Activity(slug) | CalendarSelection::Members(slug) => on_pool!(
                self,
                |pool| sqlx::query_as(AssertSqlSafe(query("AND a.slug = $1")))
                    .bind(slug)
                    .fetch_all(pool)
                    .await?
            ),
            CalendarSelection::Theme(slug) => on_pool!(self, |pool| {
                sqlx::query_as(AssertSqlSafe(query(
                    "AND EXISTS (SELECT 1 FROM activity_theme x JOIN theme t ON t.id = x.theme_id \
                     WHERE x.activity_id = a.id AND t.slug = $1)",
                )))
                .bind(slug)
                .fetch_all(pool)
                .await?
            }),
        };
        rows.into_iter().map(CalendarSession::try_from).collect()
    }
}
