//! The JSON documents of the organiser API (requests and responses, with their
//! schemas), and how a request body becomes the back office's own form input.

use super::*;

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

pub(super) fn yes() -> bool {
    true
}

pub(super) fn automatic() -> Promotion {
    Promotion::Automatic
}

pub(super) fn default_offer_hours() -> u32 {
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
    pub(super) fn stored(kind: ActivityKind, title: &str, stored: &EditorActivity) -> Self {
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
    pub(super) fn input(&self) -> ActivityInput {
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
            // Not part of the document: the stored rule stays.
            prerequisite_rule: String::new(),
        }
    }
}

/// The activity form's field names as this document names them.
pub(super) fn activity_field(field: &str) -> String {
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
    /// Whether this item counts as net learning time (accreditation points, the
    /// learning record); `null` or absent: by its kind (talks, presentations,
    /// dialogue tables and the plenary close count; walk-in, welcome, breaks,
    /// drinks and the end do not).
    #[serde(default)]
    pub counts_for_learning: Option<bool>,
}

pub(super) fn other_kind() -> ProgramItemKind {
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
    pub(super) fn stored(s: &SessionDetail) -> Self {
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
                    counts_for_learning: item.counts_for_learning,
                })
                .collect(),
        }
    }

    /// As the session form would have it typed.
    pub(super) fn form(&self, notify: bool) -> SessionForm {
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
                    learning: match p.counts_for_learning {
                        Some(true) => "yes",
                        Some(false) => "no",
                        None => "",
                    }
                    .into(),
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
pub(super) fn session_field(field: &str) -> String {
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
