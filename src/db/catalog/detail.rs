//! One activity as its page shows it: facts, hosts, themes, sessions with program,
//! speakers and venue, links and prerequisites, read in a fixed number of queries.

use super::*;

#[derive(sqlx::FromRow)]
pub(super) struct ActivityRefRow {
    pub(super) slug: String,
    pub(super) kind: String,
    pub(super) title: String,
}

/// A link to another activity.
#[derive(Clone, Debug)]
pub struct ActivityRef {
    pub slug: String,
    pub kind: ActivityKind,
    pub title: String,
}

#[derive(sqlx::FromRow)]
pub(super) struct SessionRow {
    pub(super) id: i64,
    pub(super) starts_at: Timestamp,
    pub(super) ends_at: Timestamp,
    pub(super) title: String,
    pub(super) capacity: Option<i32>,
    pub(super) venue_id: Option<i64>,
    pub(super) venue_slug: Option<String>,
    pub(super) venue_name: Option<String>,
    pub(super) address: Option<String>,
    pub(super) postcode: Option<String>,
    pub(super) city: Option<String>,
    pub(super) route_car: Option<String>,
    pub(super) route_transit: Option<String>,
    pub(super) accessibility: Option<String>,
}

#[derive(sqlx::FromRow)]
pub(super) struct ProgramItemRow {
    pub(super) id: i64,
    pub(super) session_id: i64,
    pub(super) starts_at: Option<Timestamp>,
    pub(super) kind: String,
    pub(super) title: String,
    pub(super) description: String,
    pub(super) counts_for_learning: Option<bool>,
}

#[derive(sqlx::FromRow)]
pub(super) struct SpeakerRow {
    pub(super) program_item_id: i64,
    #[sqlx(flatten)]
    pub(super) profile: ProfileRow,
}

/// A dated occurrence with its venue and program.
#[derive(Clone, Debug)]
pub struct SessionDetail {
    pub id: i64,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    pub title: String,
    /// Places at this session when it has its own limit.
    pub capacity: Option<u32>,
    pub venue: Option<VenueRow>,
    pub program: Vec<ProgramItem>,
}

#[derive(Clone, Debug)]
pub struct ProgramItem {
    pub starts_at: Option<Timestamp>,
    pub kind: ProgramItemKind,
    pub title: String,
    pub description: String,
    pub speakers: Vec<ProfileRow>,
    /// The organiser's learning-time choice; `None`: by kind.
    pub counts_for_learning: Option<bool>,
}

/// Everything on an activity's public page.
#[derive(Clone, Debug)]
pub struct ActivityDetail {
    pub core: ActivityCore,
    pub body: String,
    pub cost_cents: Option<u32>,
    pub cost_note: String,
    pub time_investment: String,
    pub recurrence_note: String,
    pub participation_note: String,
    pub revision: i32,
    pub updated_at: Timestamp,
    pub themes: Vec<ThemeRow>,
    pub audiences: Vec<AudienceRow>,
    pub organisations: Vec<OrganisationRow>,
    pub facilitators: Vec<ProfileRow>,
    pub contact: Option<ProfileRow>,
    pub links: Vec<LinkRow>,
    pub prerequisites: Vec<ActivityRef>,
    pub followed_by: Vec<ActivityRef>,
    pub sessions: Vec<SessionDetail>,
}

impl ActivityDetail {
    pub fn last_session_end(&self) -> Option<Timestamp> {
        self.sessions.iter().map(|s| s.ends_at).max()
    }

    /// The next moment the page changes by the clock alone: the end of the first
    /// session not yet over (the page then shows the next date, or "afgelopen").
    pub fn next_session_end(&self, now: Timestamp) -> Option<Timestamp> {
        self.sessions
            .iter()
            .map(|s| s.ends_at)
            .filter(|end| *end > now)
            .min()
    }

    /// Every distinct speaker of the program, in order of appearance.
    pub fn speakers(&self) -> Vec<&ProfileRow> {
        let mut out: Vec<&ProfileRow> = Vec::new();
        for item in self.sessions.iter().flat_map(|s| &s.program) {
            for speaker in &item.speakers {
                if !out.iter().any(|p| p.id == speaker.id) {
                    out.push(speaker);
                }
            }
        }
        out
    }
}

pub(super) struct DetailParts {
    pub(super) themes: Vec<ThemeRow>,
    pub(super) audiences: Vec<AudienceRow>,
    pub(super) organisations: Vec<OrganisationRow>,
    pub(super) facilitators: Vec<ProfileRow>,
    pub(super) contact: Option<ProfileRow>,
    pub(super) links: Vec<LinkRow>,
    pub(super) prerequisites: Vec<ActivityRefRow>,
    pub(super) followed_by: Vec<ActivityRefRow>,
    pub(super) sessions: Vec<SessionRow>,
    pub(super) items: Vec<ProgramItemRow>,
    pub(super) speakers: Vec<SpeakerRow>,
}

pub(super) fn assemble_detail(
    row: ActivityRow,
    parts: DetailParts,
) -> Result<ActivityDetail, sqlx::Error> {
    let refs = |rows: Vec<ActivityRefRow>| -> Result<Vec<ActivityRef>, sqlx::Error> {
        rows.into_iter()
            .map(|r| {
                Ok(ActivityRef {
                    kind: kind_of(&r.kind)?,
                    slug: r.slug,
                    title: r.title,
                })
            })
            .collect()
    };
    let mut speakers = parts.speakers;
    let mut items = parts.items;
    let mut sessions = Vec::with_capacity(parts.sessions.len());
    for s in parts.sessions {
        let venue = match (s.venue_id, s.venue_slug, s.venue_name) {
            (Some(id), Some(slug), Some(name)) => Some(VenueRow {
                id,
                slug,
                name,
                address: s.address.unwrap_or_default(),
                postcode: s.postcode.unwrap_or_default(),
                city: s.city.unwrap_or_default(),
                route_car: s.route_car.unwrap_or_default(),
                route_transit: s.route_transit.unwrap_or_default(),
                accessibility: s.accessibility.unwrap_or_default(),
            }),
            _ => None,
        };
        let mut program = Vec::new();
        for item in items.extract_if(.., |i| i.session_id == s.id) {
            program.push(ProgramItem {
                starts_at: item.starts_at,
                kind: ProgramItemKind::parse(&item.kind)
                    .ok_or_else(|| decode_error("program_item.kind", &item.kind))?,
                title: item.title,
                description: item.description,
                counts_for_learning: item.counts_for_learning,
                speakers: speakers
                    .extract_if(.., |k| k.program_item_id == item.id)
                    .map(|k| k.profile)
                    .collect(),
            });
        }
        sessions.push(SessionDetail {
            id: s.id,
            starts_at: s.starts_at,
            ends_at: s.ends_at,
            title: s.title,
            capacity: s.capacity.map(count),
            venue,
            program,
        });
    }
    Ok(ActivityDetail {
        core: row
            .core
            .into_core(sessions.iter().map(|s| s.starts_at).min())?,
        body: row.body,
        cost_cents: row.cost_cents.map(count),
        cost_note: row.cost_note,
        time_investment: row.time_investment,
        recurrence_note: row.recurrence_note,
        participation_note: row.participation_note,
        revision: row.revision,
        updated_at: row.updated_at,
        themes: parts.themes,
        audiences: parts.audiences,
        organisations: parts.organisations,
        facilitators: parts.facilitators,
        contact: parts.contact,
        links: parts.links,
        prerequisites: refs(parts.prerequisites)?,
        followed_by: refs(parts.followed_by)?,
        sessions,
    })
}

impl Db {
    /// Everything the public page of an activity shows.
    pub async fn activity_detail(&self, slug: &str) -> Result<Option<ActivityDetail>, sqlx::Error> {
        self.detail_where("a.slug = $1 AND a.status <> 'draft'", slug)
            .await
    }

    /// The same for the back office's preview: any status, by the unguessable id.
    pub async fn activity_detail_preview(
        &self,
        public_id: &str,
    ) -> Result<Option<ActivityDetail>, sqlx::Error> {
        self.detail_where("a.public_id = $1", public_id).await
    }
}
