//! Reads for the public side: catalog, activity pages, theme, organisation and person
//! pages, calendar feeds. One SQL text per query for both databases. An atelier's
//! meetings for members only are not public: every read here leaves them out.

use sqlx::AssertSqlSafe;

use crate::db::{Db, count, decode_error, placeholders};
use crate::domain::activity::{ActivityKind, ActivityStatus, ProgramItemKind, RegistrationFacts};
use crate::domain::catalog::CatalogFilter;
use crate::domain::registration::Window;
use crate::on_pool;
use crate::time::Timestamp;

/// Public people and contact addresses on activity pages (see
/// [`crate::db::personal_data`]): written by organisers, not account holders.
pub const PERSONAL_DATA: &[crate::db::personal_data::Entry] = {
    use crate::db::personal_data::{Entry, OnDelete, OnRetention, Person};
    &[
        Entry {
            table: "profile",
            columns: &["name", "affiliation", "bio", "email", "phone"],
            person: Person::NotAnAccount(
                "speakers, kartrekkers and contacts an organiser names in public",
            ),
            on_delete: OnDelete::Keep("not an account"),
            on_retention: OnRetention::Keep("public as long as the activity page"),
        },
        Entry {
            table: "activity",
            columns: &["organiser_email"],
            person: Person::NotAnAccount("the address organisers are told about registrations at"),
            on_delete: OnDelete::Keep("not an account"),
            on_retention: OnRetention::Keep("the organisation's own address"),
        },
    ]
};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ThemeRow {
    pub id: i64,
    pub slug: String,
    pub name_nl: String,
    pub name_en: String,
    pub description_nl: String,
    pub description_en: String,
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AudienceRow {
    pub id: i64,
    pub slug: String,
    pub name_nl: String,
    pub name_en: String,
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OrganisationRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub city: String,
    pub website: String,
    pub description: String,
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ProfileRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub affiliation: String,
    pub bio: String,
    pub email: String,
    pub phone: String,
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct VenueRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub address: String,
    pub postcode: String,
    pub city: String,
    pub route_car: String,
    pub route_transit: String,
    pub accessibility: String,
}

impl VenueRow {
    /// One line for calendars and structured data: name, street, postcode and city.
    pub fn full_address(&self) -> String {
        let place = [self.postcode.as_str(), self.city.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        [self.name.as_str(), self.address.as_str(), place.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The columns of `activity` behind an [`ActivityCore`]; flattened into every row type
/// that reads one (cards, pages, registration forms).
#[derive(Clone, Debug, sqlx::FromRow)]
pub(crate) struct CoreRow {
    id: i64,
    slug: String,
    kind: String,
    title: String,
    subtitle: String,
    summary: String,
    status: String,
    region: String,
    capacity: Option<i32>,
    /// The fewest places any of its sessions has.
    session_capacity: Option<i32>,
    confirmed_count: i32,
    waitlist_enabled: bool,
    registration_open: bool,
    waitlist_count: i32,
    registration_opens_at: Option<Timestamp>,
    registration_closes_at: Option<Timestamp>,
}

/// The `activity` columns of a core, for a SELECT list over `activity` named `a` (a
/// macro, so queries can `concat!` it at compile time).
macro_rules! core_columns {
    () => {
        "a.id, a.slug, a.kind, a.title, a.subtitle, a.summary, a.status, a.region, a.capacity, \
         (SELECT MIN(sc.capacity) FROM session sc WHERE sc.activity_id = a.id) AS session_capacity, \
         a.confirmed_count, a.waitlist_enabled, a.registration_open, a.waitlist_count, \
         a.registration_opens_at, a.registration_closes_at"
    };
}
pub(crate) use core_columns;
const CORE_COLUMNS: &str = core_columns!();

impl CoreRow {
    pub(crate) fn into_core(
        self,
        first_start: Option<Timestamp>,
    ) -> Result<ActivityCore, sqlx::Error> {
        Ok(ActivityCore {
            id: self.id,
            kind: kind_of(&self.kind)?,
            status: status_of(&self.status)?,
            slug: self.slug,
            title: self.title,
            subtitle: self.subtitle,
            summary: self.summary,
            region: self.region,
            capacity: crate::domain::registration::capacity(
                self.capacity.map(count),
                self.session_capacity.map(count),
            ),
            confirmed: count(self.confirmed_count),
            waitlist_enabled: self.waitlist_enabled,
            registration_open: self.registration_open,
            waitlisted: count(self.waitlist_count),
            opens_at: self.registration_opens_at,
            closes_at: self.registration_closes_at,
            first_start,
        })
    }
}

/// The columns of `activity` a page needs.
#[derive(Clone, Debug, sqlx::FromRow)]
struct ActivityRow {
    #[sqlx(flatten)]
    core: CoreRow,
    body: String,
    cost_cents: Option<i32>,
    cost_note: String,
    time_investment: String,
    recurrence_note: String,
    participation_note: String,
    revision: i32,
    updated_at: Timestamp,
}

/// The shared part of a card and a page.
#[derive(Clone, Debug)]
pub struct ActivityCore {
    pub id: i64,
    pub slug: String,
    pub kind: ActivityKind,
    pub title: String,
    pub subtitle: String,
    pub summary: String,
    pub status: ActivityStatus,
    pub region: String,
    pub capacity: Option<u32>,
    pub confirmed: u32,
    pub waitlist_enabled: bool,
    pub registration_open: bool,
    pub waitlisted: u32,
    /// The registration window as set (`None`: from publication until the start).
    pub opens_at: Option<Timestamp>,
    pub closes_at: Option<Timestamp>,
    /// Start of the first session, where registration closes by default.
    pub first_start: Option<Timestamp>,
}

impl ActivityCore {
    pub fn window(&self) -> Window {
        Window {
            opens_at: self.opens_at,
            closes_at: self.closes_at,
            first_session_start: self.first_start,
        }
    }

    pub fn registration_facts(&self, last_session_end: Option<Timestamp>) -> RegistrationFacts {
        RegistrationFacts {
            status: self.status,
            registration_open: self.registration_open,
            capacity: self.capacity,
            confirmed: self.confirmed,
            waitlisted: self.waitlisted,
            waitlist_enabled: self.waitlist_enabled,
            window: self.window(),
            last_session_end,
        }
    }
}

fn kind_of(raw: &str) -> Result<ActivityKind, sqlx::Error> {
    ActivityKind::parse(raw).ok_or_else(|| decode_error("activity.kind", raw))
}

fn status_of(raw: &str) -> Result<ActivityStatus, sqlx::Error> {
    ActivityStatus::parse(raw).ok_or_else(|| decode_error("activity.status", raw))
}

/// A card in lists: the catalog, home, theme, organisation and person pages.
#[derive(Clone, Debug)]
pub struct ActivityCard {
    pub core: ActivityCore,
    pub next_start: Option<Timestamp>,
    pub next_end: Option<Timestamp>,
    pub last_end: Option<Timestamp>,
    pub upcoming_sessions: i64,
    pub themes: Vec<ThemeRef>,
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ThemeRef {
    pub slug: String,
    pub name_nl: String,
    pub name_en: String,
}

#[derive(sqlx::FromRow)]
struct CardRow {
    #[sqlx(flatten)]
    core: CoreRow,
    first_start: Option<Timestamp>,
    next_start: Option<Timestamp>,
    next_end: Option<Timestamp>,
    last_end: Option<Timestamp>,
    upcoming_sessions: i64,
}

impl TryFrom<CardRow> for ActivityCard {
    type Error = sqlx::Error;

    fn try_from(row: CardRow) -> Result<Self, Self::Error> {
        Ok(Self {
            core: row.core.into_core(row.first_start)?,
            next_start: row.next_start,
            next_end: row.next_end,
            last_end: row.last_end,
            upcoming_sessions: row.upcoming_sessions,
            themes: Vec::new(),
        })
    }
}

/// Which activities a list is about, beside the visitor's filters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    All,
    Organisation(i64),
    /// Speaker, kartrekker or contact person.
    Profile(i64),
}

/// One page of cards and the number of matches.
#[derive(Clone, Debug)]
pub struct CardPage {
    pub cards: Vec<ActivityCard>,
    pub total: i64,
}

/// A value bound to a dynamically built query.
enum Bind {
    Text(String),
    Int(i64),
    Time(Timestamp),
}

/// WHERE clause and binds of a list, numbered from `$2` (`$1` is always "now").
fn list_conditions(filter: &CatalogFilter, scope: Scope) -> (String, Vec<Bind>) {
    let mut sql = String::from(
        "a.status = 'published' AND (NOT EXISTS (SELECT 1 FROM session p WHERE p.activity_id = a.id) \
         OR EXISTS (SELECT 1 FROM session p WHERE p.activity_id = a.id AND p.ends_at > $1))",
    );
    let mut binds = Vec::new();
    let next = |binds: &mut Vec<Bind>, value: Bind| {
        binds.push(value);
        format!("${}", binds.len() + 1)
    };
    if let Some(kind) = filter.kind {
        let p = next(&mut binds, Bind::Text(kind.as_str().to_owned()));
        sql += &format!(" AND a.kind = {p}");
    }
    if let Some(theme) = &filter.theme {
        let p = next(&mut binds, Bind::Text(theme.as_str().to_owned()));
        sql += &format!(
            " AND EXISTS (SELECT 1 FROM activity_theme x JOIN theme t ON t.id = x.theme_id \
             WHERE x.activity_id = a.id AND t.slug = {p})"
        );
    }
    if let Some(audience) = &filter.audience {
        let p = next(&mut binds, Bind::Text(audience.as_str().to_owned()));
        sql += &format!(
            " AND EXISTS (SELECT 1 FROM activity_audience x JOIN audience t ON t.id = x.audience_id \
             WHERE x.activity_id = a.id AND t.slug = {p})"
        );
    }
    if let Some(region) = &filter.region {
        let p = next(&mut binds, Bind::Text(region.clone()));
        sql += &format!(" AND a.region = {p}");
    }
    if let Some(month) = filter.month {
        let (from, to) = month.utc_range();
        let p_from = next(&mut binds, Bind::Time(from));
        let p_to = next(&mut binds, Bind::Time(to));
        sql += &format!(
            " AND EXISTS (SELECT 1 FROM session s WHERE s.activity_id = a.id AND NOT s.members_only \
             AND s.starts_at >= {p_from} AND s.starts_at < {p_to})"
        );
    }
    match scope {
        Scope::All => {}
        Scope::Organisation(id) => {
            let p = next(&mut binds, Bind::Int(id));
            sql += &format!(
                " AND EXISTS (SELECT 1 FROM activity_organisation x \
                 WHERE x.activity_id = a.id AND x.organisation_id = {p})"
            );
        }
        Scope::Profile(id) => {
            let p = next(&mut binds, Bind::Int(id));
            sql += &format!(
                " AND (a.contact_profile_id = {p} \
                 OR EXISTS (SELECT 1 FROM activity_facilitator x WHERE x.activity_id = a.id AND x.profile_id = {p}) \
                 OR EXISTS (SELECT 1 FROM session s JOIN program_item i ON i.session_id = s.id \
                    JOIN program_item_speaker k ON k.program_item_id = i.id \
                    WHERE s.activity_id = a.id AND k.profile_id = {p}))"
            );
        }
    }
    (sql, binds)
}

/// Binds `$binds` in order to a query built by [`list_conditions`].
macro_rules! bind_all {
    ($query:expr, $binds:expr) => {{
        let mut query = $query;
        for bind in $binds {
            query = match bind {
                Bind::Text(text) => query.bind(text.as_str()),
                Bind::Int(int) => query.bind(*int),
                Bind::Time(time) => query.bind(*time),
            };
        }
        query
    }};
}

impl Db {
    /// Published activities that are not over, soonest first (undated ones last).
    pub async fn list_activities(
        &self,
        filter: &CatalogFilter,
        scope: Scope,
        now: Timestamp,
    ) -> Result<CardPage, sqlx::Error> {
        let (conditions, binds) = list_conditions(filter, scope);
        let limit = binds.len() + 2;
        let list_sql = format!(
            "SELECT * FROM (SELECT {CORE_COLUMNS}, \
               (SELECT MIN(s.starts_at) FROM session s WHERE s.activity_id = a.id AND NOT s.members_only) AS first_start, \
               (SELECT MIN(s.starts_at) FROM session s WHERE s.activity_id = a.id AND NOT s.members_only AND s.ends_at > $1) AS next_start, \
               (SELECT MIN(s.ends_at) FROM session s WHERE s.activity_id = a.id AND NOT s.members_only AND s.ends_at > $1) AS next_end, \
               (SELECT MAX(s.ends_at) FROM session s WHERE s.activity_id = a.id AND NOT s.members_only) AS last_end, \
               (SELECT COUNT(*) FROM session s WHERE s.activity_id = a.id AND NOT s.members_only AND s.ends_at > $1) AS upcoming_sessions \
             FROM activity a WHERE {conditions}) c \
             ORDER BY c.next_start IS NULL, c.next_start, c.title, c.id \
             LIMIT ${limit} OFFSET ${}",
            limit + 1
        );
        let count_sql = format!("SELECT COUNT(*) FROM activity a WHERE {conditions}");
        let (rows, total): (Vec<CardRow>, i64) = on_pool!(self, |pool| {
            let list = bind_all!(sqlx::query_as(AssertSqlSafe(list_sql)).bind(now), &binds)
                .bind(i64::from(filter.per_page))
                .bind(filter.offset())
                .fetch_all(pool)
                .await?;
            let total = bind_all!(
                sqlx::query_scalar(AssertSqlSafe(count_sql)).bind(now),
                &binds
            )
            .fetch_one(pool)
            .await?;
            (list, total)
        });
        let mut cards = rows
            .into_iter()
            .map(ActivityCard::try_from)
            .collect::<Result<Vec<_>, _>>()?;
        self.attach_themes(&mut cards).await?;
        Ok(CardPage { cards, total })
    }

    async fn attach_themes(&self, cards: &mut [ActivityCard]) -> Result<(), sqlx::Error> {
        if cards.is_empty() {
            return Ok(());
        }
        let placeholders = placeholders(cards.len(), 1);
        let sql = format!(
            "SELECT x.activity_id, t.slug, t.name_nl, t.name_en FROM activity_theme x \
             JOIN theme t ON t.id = x.theme_id WHERE x.activity_id IN ({placeholders}) ORDER BY t.name_nl"
        );
        let rows: Vec<(i64, String, String, String)> = on_pool!(self, |pool| {
            let mut query = sqlx::query_as(AssertSqlSafe(sql.clone()));
            for card in cards.iter() {
                query = query.bind(card.core.id);
            }
            query.fetch_all(pool).await?
        });
        for (activity_id, slug, name_nl, name_en) in rows {
            if let Some(card) = cards.iter_mut().find(|c| c.core.id == activity_id) {
                card.themes.push(ThemeRef {
                    slug,
                    name_nl,
                    name_en,
                });
            }
        }
        Ok(())
    }

    /// The page revision of a public activity, the cheap check in front of the page
    /// cache. `None` when no public activity has this slug.
    pub async fn activity_revision(&self, slug: &str) -> Result<Option<i32>, sqlx::Error> {
        on_pool!(self, |pool| sqlx::query_scalar(
            "SELECT revision FROM activity WHERE slug = $1 AND status <> 'draft'"
        )
        .bind(slug)
        .fetch_optional(pool)
        .await)
    }

    async fn detail_where(
        &self,
        filter: &'static str,
        key: &str,
    ) -> Result<Option<ActivityDetail>, sqlx::Error> {
        let sql = format!(
            "SELECT {CORE_COLUMNS}, a.body, a.cost_cents, a.cost_note, a.time_investment, \
             a.recurrence_note, a.participation_note, a.revision, a.updated_at \
             FROM activity a WHERE {filter}"
        );
        let row: Option<ActivityRow> = on_pool!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(key)
                .fetch_optional(pool)
                .await?
        });
        let Some(row) = row else { return Ok(None) };
        let id = row.core.id;

        let detail = on_pool!(self, |pool| {
            let themes: Vec<ThemeRow> = sqlx::query_as(
                "SELECT t.id, t.slug, t.name_nl, t.name_en, t.description_nl, t.description_en \
                 FROM theme t JOIN activity_theme x ON x.theme_id = t.id WHERE x.activity_id = $1 ORDER BY t.name_nl",
            )
            .bind(id)
            .fetch_all(pool)
            .await?;
            let audiences: Vec<AudienceRow> = sqlx::query_as(
                "SELECT t.id, t.slug, t.name_nl, t.name_en FROM audience t \
                 JOIN activity_audience x ON x.audience_id = t.id WHERE x.activity_id = $1 ORDER BY t.position, t.name_nl",
            )
            .bind(id)
            .fetch_all(pool)
            .await?;
            let organisations: Vec<OrganisationRow> = sqlx::query_as(
                "SELECT o.id, o.slug, o.name, o.kind, o.city, o.website, o.description FROM organisation o \
                 JOIN activity_organisation x ON x.organisation_id = o.id WHERE x.activity_id = $1 ORDER BY x.position",
            )
            .bind(id)
            .fetch_all(pool)
            .await?;
            let facilitators: Vec<ProfileRow> = sqlx::query_as(
                "SELECT p.id, p.slug, p.name, p.affiliation, p.bio, p.email, p.phone FROM profile p \
                 JOIN activity_facilitator x ON x.profile_id = p.id WHERE x.activity_id = $1 ORDER BY x.position",
            )
            .bind(id)
            .fetch_all(pool)
            .await?;
            let contact: Option<ProfileRow> = sqlx::query_as(
                "SELECT p.id, p.slug, p.name, p.affiliation, p.bio, p.email, p.phone FROM profile p \
                 JOIN activity a ON a.contact_profile_id = p.id WHERE a.id = $1",
            )
            .bind(id)
            .fetch_optional(pool)
            .await?;
            let links: Vec<LinkRow> = sqlx::query_as(
                "SELECT title, url FROM activity_link WHERE activity_id = $1 ORDER BY position, id",
            )
            .bind(id)
            .fetch_all(pool)
            .await?;
            let prerequisites: Vec<ActivityRefRow> = sqlx::query_as(
                "SELECT a.slug, a.kind, a.title FROM activity a JOIN activity_prerequisite x \
                 ON x.required_activity_id = a.id WHERE x.activity_id = $1 AND a.status <> 'draft' ORDER BY a.title",
            )
            .bind(id)
            .fetch_all(pool)
            .await?;
            let followed_by: Vec<ActivityRefRow> = sqlx::query_as(
                "SELECT a.slug, a.kind, a.title FROM activity a JOIN activity_prerequisite x \
                 ON x.activity_id = a.id WHERE x.required_activity_id = $1 AND a.status <> 'draft' ORDER BY a.title",
            )
            .bind(id)
            .fetch_all(pool)
            .await?;
            let sessions: Vec<SessionRow> = sqlx::query_as(
                "SELECT s.id, s.starts_at, s.ends_at, s.title, s.capacity, v.id AS venue_id, v.slug AS venue_slug, \
                   v.name AS venue_name, v.address, v.postcode, v.city, v.route_car, v.route_transit, v.accessibility \
                 FROM session s LEFT JOIN venue v ON v.id = s.venue_id \
                 WHERE s.activity_id = $1 AND NOT s.members_only ORDER BY s.starts_at, s.id",
            )
            .bind(id)
            .fetch_all(pool)
            .await?;
            let items: Vec<ProgramItemRow> = sqlx::query_as(
                "SELECT i.id, i.session_id, i.starts_at, i.kind, i.title, i.description, i.counts_for_learning \
                 FROM program_item i \
                 JOIN session s ON s.id = i.session_id WHERE s.activity_id = $1 ORDER BY i.session_id, i.position, i.id",
            )
            .bind(id)
            .fetch_all(pool)
            .await?;
            let speakers: Vec<SpeakerRow> = sqlx::query_as(
                "SELECT k.program_item_id, p.id, p.slug, p.name, p.affiliation, p.bio, p.email, p.phone \
                 FROM program_item_speaker k JOIN profile p ON p.id = k.profile_id \
                 JOIN program_item i ON i.id = k.program_item_id JOIN session s ON s.id = i.session_id \
                 WHERE s.activity_id = $1 ORDER BY k.program_item_id, k.position",
            )
            .bind(id)
            .fetch_all(pool)
            .await?;
            assemble_detail(
                row,
                DetailParts {
                    themes,
                    audiences,
                    organisations,
                    facilitators,
                    contact,
                    links,
                    prerequisites,
                    followed_by,
                    sessions,
                    items,
                    speakers,
                },
            )?
        });
        Ok(Some(detail))
    }

    /// Themes with the number of public, current activities tagged with each.
    pub async fn themes_with_counts(
        &self,
        now: Timestamp,
    ) -> Result<Vec<(ThemeRow, i64)>, sqlx::Error> {
        let rows: Vec<ThemeCountRow> = on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT t.id, t.slug, t.name_nl, t.name_en, t.description_nl, t.description_en, \
               (SELECT COUNT(*) FROM activity_theme x JOIN activity a ON a.id = x.activity_id \
                WHERE x.theme_id = t.id AND a.status = 'published' \
                AND (NOT EXISTS (SELECT 1 FROM session p WHERE p.activity_id = a.id) \
                  OR EXISTS (SELECT 1 FROM session p WHERE p.activity_id = a.id AND p.ends_at > $1))) AS activities \
             FROM theme t ORDER BY t.name_nl"
        )
        .bind(now)
        .fetch_all(pool)
        .await?
        });
        Ok(rows.into_iter().map(|r| (r.theme, r.activities)).collect())
    }

    pub async fn audiences(&self) -> Result<Vec<AudienceRow>, sqlx::Error> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT id, slug, name_nl, name_en FROM audience ORDER BY position, name_nl"
        )
        .fetch_all(pool)
        .await)
    }

    /// Regions of published activities, for the filter.
    pub async fn regions(&self) -> Result<Vec<String>, sqlx::Error> {
        on_pool!(self, |pool| {
            sqlx::query_scalar(
            "SELECT DISTINCT region FROM activity WHERE status = 'published' AND region <> '' ORDER BY region"
        )
        .fetch_all(pool)
        .await
        })
    }

    /// Start times of sessions of published activities that are not over.
    pub async fn upcoming_session_starts(
        &self,
        now: Timestamp,
    ) -> Result<Vec<Timestamp>, sqlx::Error> {
        on_pool!(self, |pool| {
            sqlx::query_scalar(
            "SELECT s.starts_at FROM session s JOIN activity a ON a.id = s.activity_id \
             WHERE a.status = 'published' AND NOT s.members_only AND s.ends_at > $1 ORDER BY s.starts_at"
        )
        .bind(now)
        .fetch_all(pool)
        .await
        })
    }

    pub async fn theme_by_slug(&self, slug: &str) -> Result<Option<ThemeRow>, sqlx::Error> {
        on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT id, slug, name_nl, name_en, description_nl, description_en FROM theme WHERE slug = $1"
        )
        .bind(slug)
        .fetch_optional(pool)
        .await
        })
    }

    pub async fn organisations(&self) -> Result<Vec<OrganisationRow>, sqlx::Error> {
        on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT id, slug, name, kind, city, website, description FROM organisation ORDER BY name"
        )
        .fetch_all(pool)
        .await
        })
    }

    pub async fn organisation_by_slug(
        &self,
        slug: &str,
    ) -> Result<Option<OrganisationRow>, sqlx::Error> {
        on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT id, slug, name, kind, city, website, description FROM organisation WHERE slug = $1"
        )
        .bind(slug)
        .fetch_optional(pool)
        .await
        })
    }

    pub async fn profile_by_slug(&self, slug: &str) -> Result<Option<ProfileRow>, sqlx::Error> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT id, slug, name, affiliation, bio, email, phone FROM profile WHERE slug = $1"
        )
        .bind(slug)
        .fetch_optional(pool)
        .await)
    }
}

#[derive(sqlx::FromRow)]
struct ThemeCountRow {
    #[sqlx(flatten)]
    theme: ThemeRow,
    activities: i64,
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct LinkRow {
    pub title: String,
    pub url: String,
}

// After the macros above: a `macro_rules!` is in scope only below its definition.
mod calendar;
mod detail;

pub use calendar::*;
pub use detail::*;
