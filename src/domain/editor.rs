//! The activity editor's rules: what an organiser may enter for an activity and its
//! sessions (parsed into checked values, every problem reported at its field), and
//! which status changes exist. No I/O; the web layer shows the errors, storage
//! applies the values.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Amsterdam;

use serde::{Deserialize, Serialize};

use super::activity::{ActivityStatus, ProgramItemKind};
use super::registration::{Email, FieldError, QuestionKind, REGIONS, line, text};

pub const MAX_TITLE: usize = 200;
pub const MAX_SUMMARY: usize = 600;
pub const MAX_BODY: usize = 20_000;
pub const MAX_NOTE: usize = 1_000;
/// Largest capacity and offer time an organiser may set (typos beyond these are
/// more likely than real events).
pub const MAX_CAPACITY: u32 = 100_000;
pub const MAX_OFFER_HOURS: u32 = 14 * 24;
/// Largest cost: € 100.000.
pub const MAX_COST_CENTS: i64 = 10_000_000;

/// The activity form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActivityInput {
    pub title: String,
    pub subtitle: String,
    pub summary: String,
    pub body: String,
    pub region: String,
    pub cost: String,
    pub cost_note: String,
    pub time_investment: String,
    pub recurrence_note: String,
    pub participation_note: String,
    pub capacity: String,
    pub waitlist: bool,
    pub registration_open: bool,
    pub promotion: String,
    pub offer_hours: String,
    pub opens_at: String,
    pub closes_at: String,
    pub organiser_email: String,
    pub themes: Vec<String>,
    pub audiences: Vec<String>,
    pub contact_name: String,
    pub contact_affiliation: String,
    pub contact_email: String,
    pub contact_phone: String,
    /// Kartrekkers, one "Naam (organisatie)" per line.
    pub facilitators: String,
    /// Related reading, one "Titel | https://…" per line.
    pub links: String,
    /// Slugs of activities to finish first.
    pub prerequisites: Vec<String>,
}

/// The contact person an activity names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    pub name: String,
    pub affiliation: String,
    pub email: String,
    pub phone: String,
}

/// The choices the activity form offers (slugs).
#[derive(Clone, Copy, Debug, Default)]
pub struct Offered<'a> {
    pub themes: &'a [&'a str],
    pub audiences: &'a [&'a str],
    /// Other activities of the organisation, possible prerequisites.
    pub activities: &'a [&'a str],
}

/// The activity form, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidActivity {
    pub title: String,
    pub subtitle: String,
    pub summary: String,
    pub body: String,
    pub region: String,
    /// `None`: not stated; `Some(0)`: free.
    pub cost_cents: Option<i64>,
    pub cost_note: String,
    pub time_investment: String,
    pub recurrence_note: String,
    pub participation_note: String,
    /// `None`: no limit.
    pub capacity: Option<u32>,
    pub waitlist_enabled: bool,
    pub registration_open: bool,
    /// `automatic` or `offer`.
    pub promotion: &'static str,
    pub offer_hours: u32,
    pub opens_at: Option<DateTime<Utc>>,
    pub closes_at: Option<DateTime<Utc>>,
    pub organiser_email: String,
    pub themes: Vec<String>,
    pub audiences: Vec<String>,
    pub contact: Option<Contact>,
    pub facilitators: Vec<PersonName>,
    pub links: Vec<(String, String)>,
    pub prerequisites: Vec<String>,
}

/// A cost as people write it: "", "0", "gratis", "12,50", "€ 12.50", "€12,-".
pub fn parse_cost(raw: &str) -> Result<Option<i64>, &'static str> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    let value = raw.trim().trim_start_matches('€').trim();
    if value.eq_ignore_ascii_case("gratis") || value.eq_ignore_ascii_case("free") {
        return Ok(Some(0));
    }
    let value = value.strip_suffix(",-").unwrap_or(value);
    let (euros, cents) = match value.split_once([',', '.']) {
        Some((euros, cents)) => (euros, cents),
        None => (value, ""),
    };
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !digits(euros) || !(cents.is_empty() || (digits(cents) && cents.len() <= 2)) {
        return Err("editor-error-cost");
    }
    let euros: i64 = euros.parse().map_err(|_| "editor-error-cost")?;
    let cents: i64 = match cents.len() {
        0 => 0,
        1 => cents.parse::<i64>().map_err(|_| "editor-error-cost")? * 10,
        _ => cents.parse().map_err(|_| "editor-error-cost")?,
    };
    let total = euros.checked_mul(100).and_then(|e| e.checked_add(cents));
    match total {
        Some(total) if total <= MAX_COST_CENTS => Ok(Some(total)),
        _ => Err("editor-error-cost"),
    }
}

/// A whole number within `1..=max`, or `None` when empty.
fn parse_count(raw: &str, max: u32, min: u32) -> Result<Option<u32>, &'static str> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(None);
    }
    match value.parse::<u32>() {
        Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
        _ => Err("editor-error-number"),
    }
}

/// A Dutch wall-clock time to UTC. `None` for a time that does not exist (the hour
/// skipped when summer time starts); the repeated hour in autumn takes the first.
pub fn amsterdam(local: NaiveDateTime) -> Option<DateTime<Utc>> {
    Amsterdam
        .from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// The value of a `datetime-local` field (`2026-12-03T13:30`), or `None` when empty.
pub fn parse_local_datetime(raw: &str) -> Result<Option<DateTime<Utc>>, &'static str> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let local = NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| "editor-error-datetime")?;
    amsterdam(local).map(Some).ok_or("editor-error-time-gap")
}

/// A UTC moment as a `datetime-local` value in Dutch time.
pub fn local_datetime_value(at: DateTime<Utc>) -> String {
    at.with_timezone(&Amsterdam)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// Checks the activity form against the themes and audiences on offer.
pub fn validate_activity(
    input: &ActivityInput,
    offered: Offered<'_>,
) -> Result<ValidActivity, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut check = |field: &str, result: Result<String, &'static str>| match result {
        Ok(value) => value,
        Err(message) => {
            errors.push(FieldError::new(field, message));
            String::new()
        }
    };
    let title = check("title", line(&input.title, MAX_TITLE));
    let subtitle = check("subtitle", line(&input.subtitle, MAX_TITLE));
    let summary = check("summary", text(&input.summary, MAX_SUMMARY));
    let body = check("body", text(&input.body, MAX_BODY));
    let cost_note = check("cost_note", line(&input.cost_note, MAX_TITLE));
    let time_investment = check("time_investment", line(&input.time_investment, MAX_TITLE));
    let recurrence_note = check("recurrence_note", text(&input.recurrence_note, MAX_NOTE));
    let participation_note = check(
        "participation_note",
        text(&input.participation_note, MAX_NOTE),
    );
    if title.is_empty() && !errors.iter().any(|e| e.field == "title") {
        errors.push(FieldError::new("title", "editor-error-title-required"));
    }
    if summary.is_empty() && !errors.iter().any(|e| e.field == "summary") {
        errors.push(FieldError::new("summary", "editor-error-summary-required"));
    }
    let region = input.region.trim().to_owned();
    if !region.is_empty() && !REGIONS.contains(&region.as_str()) {
        errors.push(FieldError::new("region", "error-choice"));
    }
    let cost_cents = parse_cost(&input.cost).unwrap_or_else(|message| {
        errors.push(FieldError::new("cost", message));
        None
    });
    let capacity = parse_count(&input.capacity, MAX_CAPACITY, 1).unwrap_or_else(|message| {
        errors.push(FieldError::new("capacity", message));
        None
    });
    let promotion = match input.promotion.as_str() {
        "" | "automatic" => "automatic",
        "offer" => "offer",
        _ => {
            errors.push(FieldError::new("promotion", "error-choice"));
            "automatic"
        }
    };
    let offer_hours = match parse_count(&input.offer_hours, MAX_OFFER_HOURS, 1) {
        Ok(hours) => hours.unwrap_or(48),
        Err(message) => {
            errors.push(FieldError::new("offer_hours", message));
            48
        }
    };
    let mut moment = |field: &str, raw: &str| {
        parse_local_datetime(raw).unwrap_or_else(|message| {
            errors.push(FieldError::new(field, message));
            None
        })
    };
    let opens_at = moment("opens_at", &input.opens_at);
    let closes_at = moment("closes_at", &input.closes_at);
    if let (Some(opens), Some(closes)) = (opens_at, closes_at)
        && closes <= opens
    {
        errors.push(FieldError::new(
            "closes_at",
            "editor-error-closes-before-opens",
        ));
    }
    let organiser_email = match input.organiser_email.trim() {
        "" => String::new(),
        raw => match Email::parse(raw) {
            Some(email) => email.address,
            None => {
                errors.push(FieldError::new("organiser_email", "error-email"));
                String::new()
            }
        },
    };
    let known = |chosen: &[String], offered: &[&str], field: &str, errors: &mut Vec<FieldError>| {
        let mut out: Vec<String> = Vec::new();
        for value in chosen {
            if !offered.contains(&value.as_str()) {
                errors.push(FieldError::new(field, "error-choice"));
                return Vec::new();
            }
            if !out.contains(value) {
                out.push(value.clone());
            }
        }
        out
    };
    let themes = known(&input.themes, offered.themes, "themes", &mut errors);
    let audiences = known(
        &input.audiences,
        offered.audiences,
        "audiences",
        &mut errors,
    );
    let prerequisites = known(
        &input.prerequisites,
        offered.activities,
        "prerequisites",
        &mut errors,
    );
    let contact = validate_contact(input, &mut errors);
    let facilitators =
        parse_people(&input.facilitators.replace('\n', ";"), ';').unwrap_or_else(|message| {
            errors.push(FieldError::new("facilitators", message));
            Vec::new()
        });
    let links = parse_links(&input.links).unwrap_or_else(|message| {
        errors.push(FieldError::new("links", message));
        Vec::new()
    });
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ValidActivity {
        title,
        subtitle,
        summary,
        body,
        region,
        cost_cents,
        cost_note,
        time_investment,
        recurrence_note,
        participation_note,
        capacity,
        waitlist_enabled: input.waitlist,
        registration_open: input.registration_open,
        promotion,
        offer_hours,
        opens_at,
        closes_at,
        organiser_email,
        themes,
        audiences,
        contact,
        facilitators,
        links,
        prerequisites,
    })
}

/// The contact person, when a name is given; an address or number without a name is
/// an error at the name.
fn validate_contact(input: &ActivityInput, errors: &mut Vec<FieldError>) -> Option<Contact> {
    let mut check = |field: &str, raw: &str| {
        line(raw, MAX_TITLE).unwrap_or_else(|message| {
            errors.push(FieldError::new(field, message));
            String::new()
        })
    };
    let name = check("contact_name", &input.contact_name);
    let affiliation = check("contact_affiliation", &input.contact_affiliation);
    let phone = check("contact_phone", &input.contact_phone);
    let email = match input.contact_email.trim() {
        "" => String::new(),
        raw => match Email::parse(raw) {
            Some(email) => email.address,
            None => {
                errors.push(FieldError::new("contact_email", "error-email"));
                String::new()
            }
        },
    };
    let phone_ok = phone
        .chars()
        .all(|c| c.is_ascii_digit() || " +-()".contains(c));
    if !phone_ok {
        errors.push(FieldError::new("contact_phone", "editor-error-phone"));
    }
    if name.is_empty() {
        if !(email.is_empty() && phone.is_empty() && affiliation.is_empty()) {
            errors.push(FieldError::new("contact_name", "editor-error-contact-name"));
        }
        return None;
    }
    Some(Contact {
        name,
        affiliation,
        email,
        phone,
    })
}

/// A session form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SessionInput {
    pub date: String,
    pub start: String,
    pub end: String,
    pub venue: String,
    pub capacity: String,
    pub title: String,
}

/// A session, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidSession {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// A venue slug, or `None`.
    pub venue: Option<String>,
    pub capacity: Option<u32>,
    pub title: String,
}

/// Checks a session form against the venues on offer (slugs).
pub fn validate_session(
    input: &SessionInput,
    venues: &[&str],
) -> Result<ValidSession, Vec<FieldError>> {
    let mut errors = Vec::new();
    let date = NaiveDate::parse_from_str(input.date.trim(), "%Y-%m-%d");
    if input.date.trim().is_empty() {
        errors.push(FieldError::new("date", "editor-error-date-required"));
    } else if date.is_err() {
        errors.push(FieldError::new("date", "editor-error-date"));
    }
    let time = |field: &str, raw: &str, errors: &mut Vec<FieldError>| {
        let parsed = NaiveTime::parse_from_str(raw.trim(), "%H:%M")
            .or_else(|_| NaiveTime::parse_from_str(raw.trim(), "%H:%M:%S"));
        match parsed {
            Ok(t) => Some(t),
            Err(_) => {
                let message = if raw.trim().is_empty() {
                    "editor-error-time-required"
                } else {
                    "editor-error-time"
                };
                errors.push(FieldError::new(field, message));
                None
            }
        }
    };
    let start = time("start", &input.start, &mut errors);
    let end = time("end", &input.end, &mut errors);
    let venue = match input.venue.trim() {
        "" => None,
        slug if venues.contains(&slug) => Some(slug.to_owned()),
        _ => {
            errors.push(FieldError::new("venue", "error-choice"));
            None
        }
    };
    let capacity = parse_count(&input.capacity, MAX_CAPACITY, 1).unwrap_or_else(|message| {
        errors.push(FieldError::new("capacity", message));
        None
    });
    let title = line(&input.title, MAX_TITLE).unwrap_or_else(|message| {
        errors.push(FieldError::new("title", message));
        String::new()
    });
    let mut moments = None;
    if let (Ok(date), Some(start), Some(end)) = (date, start, end) {
        match (
            amsterdam(date.and_time(start)),
            amsterdam(date.and_time(end)),
        ) {
            (Some(starts_at), Some(ends_at)) if ends_at > starts_at => {
                moments = Some((starts_at, ends_at));
            }
            (Some(_), Some(_)) => {
                errors.push(FieldError::new("end", "editor-error-end-before-start"))
            }
            (None, _) => errors.push(FieldError::new("start", "editor-error-time-gap")),
            (_, None) => errors.push(FieldError::new("end", "editor-error-time-gap")),
        }
    }
    match moments {
        Some((starts_at, ends_at)) if errors.is_empty() => Ok(ValidSession {
            starts_at,
            ends_at,
            venue,
            capacity,
            title,
        }),
        _ => Err(errors),
    }
}

/// What an organiser can do to an activity's status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusAction {
    Publish,
    Cancel,
    Archive,
}

impl StatusAction {
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "publish" => Some(Self::Publish),
            "cancel" => Some(Self::Cancel),
            "archive" => Some(Self::Archive),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Publish => "publish",
            Self::Cancel => "cancel",
            Self::Archive => "archive",
        }
    }
}

/// draft → published → cancelled → archived; a draft or a published activity may
/// also be archived directly. Nothing comes back from cancelled or archived (make a
/// new edition instead), so registrants are never confused about what holds.
pub fn transition(from: ActivityStatus, action: StatusAction) -> Option<ActivityStatus> {
    use ActivityStatus as S;
    match (from, action) {
        (S::Draft, StatusAction::Publish) => Some(S::Published),
        (S::Published, StatusAction::Cancel) => Some(S::Cancelled),
        (S::Draft | S::Published | S::Cancelled, StatusAction::Archive) => Some(S::Archived),
        _ => None,
    }
}

/// Whether an activity's content may still be edited.
pub fn editable(status: ActivityStatus) -> bool {
    matches!(status, ActivityStatus::Draft | ActivityStatus::Published)
}

/// Whether a new capacity leaves fewer places than people already have: nobody is
/// removed, but the organiser must agree that newcomers wait until places free up.
pub fn capacity_below_taken(capacity: Option<u32>, taken: u32) -> bool {
    capacity.is_some_and(|cap| cap < taken)
}

/// One row of a session's program as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProgramInput {
    /// `HH:MM` on the session's day, or empty ("globaal programma").
    pub time: String,
    pub kind: String,
    pub title: String,
    pub description: String,
    /// "Naam (organisatie); Naam".
    pub speakers: String,
}

impl ProgramInput {
    fn is_blank(&self) -> bool {
        [&self.time, &self.title, &self.description, &self.speakers]
            .iter()
            .all(|v| v.trim().is_empty())
    }
}

/// A public person named in a form: a speaker or a kartrekker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonName {
    pub name: String,
    pub affiliation: String,
}

/// A program row, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidProgramItem {
    pub starts_at: Option<DateTime<Utc>>,
    pub kind: ProgramItemKind,
    pub title: String,
    pub description: String,
    pub speakers: Vec<PersonName>,
}

/// Most program rows a session may have.
pub const MAX_PROGRAM_ITEMS: usize = 30;
/// Most people in one list (speakers of an item, kartrekkers).
pub const MAX_PEOPLE: usize = 20;

/// "Naam (organisatie)" items separated by `separator`; the affiliation is optional.
pub fn parse_people(raw: &str, separator: char) -> Result<Vec<PersonName>, &'static str> {
    let mut people = Vec::new();
    for part in raw.split(separator) {
        let part = line(part, MAX_TITLE)?;
        if part.is_empty() {
            continue;
        }
        let (name, affiliation) = match part.strip_suffix(')').and_then(|p| p.split_once('(')) {
            Some((name, affiliation)) => (name.trim(), affiliation.trim()),
            None => (part.as_str(), ""),
        };
        if name.is_empty() {
            return Err("editor-error-person");
        }
        people.push(PersonName {
            name: name.to_owned(),
            affiliation: affiliation.to_owned(),
        });
    }
    if people.len() > MAX_PEOPLE {
        return Err("error-too-long");
    }
    Ok(people)
}

/// People (name, affiliation) back as typed, "Naam (organisatie)" joined by
/// `separator`, for a form kept filled in.
pub fn people_value<'a>(
    people: impl IntoIterator<Item = (&'a str, &'a str)>,
    separator: &str,
) -> String {
    people
        .into_iter()
        .map(|(name, affiliation)| match affiliation {
            "" => name.to_owned(),
            affiliation => format!("{name} ({affiliation})"),
        })
        .collect::<Vec<_>>()
        .join(separator)
}

impl PersonName {
    /// (name, affiliation), for [`people_value`].
    pub fn parts(&self) -> (&str, &str) {
        (&self.name, &self.affiliation)
    }
}

/// Checks a session's program rows (field names `p{i}_time` …) against the session.
/// Times lie within the session and follow each other: two items cannot start at the
/// same moment or out of order. Blank rows are left out.
pub fn validate_program(
    rows: &[ProgramInput],
    session: &ValidSession,
) -> Result<Vec<ValidProgramItem>, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut items = Vec::new();
    let day = session.starts_at.with_timezone(&Amsterdam).date_naive();
    let mut previous: Option<DateTime<Utc>> = None;
    for (i, row) in rows.iter().enumerate() {
        if row.is_blank() {
            continue;
        }
        let field = |name: &str| format!("p{i}_{name}");
        let title = line(&row.title, MAX_TITLE).unwrap_or_else(|message| {
            errors.push(FieldError::new(field("title"), message));
            String::new()
        });
        if title.is_empty() && !errors.iter().any(|e| e.field == field("title")) {
            errors.push(FieldError::new(
                field("title"),
                "editor-error-program-title",
            ));
        }
        let kind = match ProgramItemKind::parse(row.kind.trim()) {
            Some(kind) => kind,
            None if row.kind.trim().is_empty() => ProgramItemKind::Other,
            None => {
                errors.push(FieldError::new(field("kind"), "error-choice"));
                ProgramItemKind::Other
            }
        };
        let description = text(&row.description, MAX_NOTE).unwrap_or_else(|message| {
            errors.push(FieldError::new(field("description"), message));
            String::new()
        });
        let speakers = parse_people(&row.speakers, ';').unwrap_or_else(|message| {
            errors.push(FieldError::new(field("speakers"), message));
            Vec::new()
        });
        let starts_at = match row.time.trim() {
            "" => None,
            raw => match NaiveTime::parse_from_str(raw, "%H:%M") {
                Err(_) => {
                    errors.push(FieldError::new(field("time"), "editor-error-time"));
                    None
                }
                Ok(time) => match amsterdam(day.and_time(time)) {
                    None => {
                        errors.push(FieldError::new(field("time"), "editor-error-time-gap"));
                        None
                    }
                    Some(at) if at < session.starts_at || at > session.ends_at => {
                        errors.push(FieldError::new(
                            field("time"),
                            "editor-error-program-outside",
                        ));
                        None
                    }
                    Some(at) if previous.is_some_and(|p| at <= p) => {
                        errors.push(FieldError::new(
                            field("time"),
                            "editor-error-program-overlap",
                        ));
                        None
                    }
                    Some(at) => {
                        previous = Some(at);
                        Some(at)
                    }
                },
            },
        };
        items.push(ValidProgramItem {
            starts_at,
            kind,
            title,
            description,
            speakers,
        });
    }
    if items.len() > MAX_PROGRAM_ITEMS {
        errors.push(FieldError::new("p0_title", "editor-error-program-long"));
    }
    if errors.is_empty() {
        Ok(items)
    } else {
        Err(errors)
    }
}

/// Related reading, one "Titel | https://…" per line.
pub fn parse_links(raw: &str) -> Result<Vec<(String, String)>, &'static str> {
    let mut links = Vec::new();
    for row in raw.lines() {
        let row = line(row, 2 * MAX_TITLE)?;
        if row.is_empty() {
            continue;
        }
        let (title, url) = match row.rsplit_once('|') {
            Some((title, url)) => (title.trim(), url.trim()),
            None => (row.as_str(), row.as_str()),
        };
        let web = url.starts_with("https://") || url.starts_with("http://");
        if !web || url.contains(char::is_whitespace) || title.is_empty() {
            return Err("editor-error-link");
        }
        links.push((title.to_owned(), url.to_owned()));
    }
    if links.len() > MAX_PEOPLE {
        return Err("error-too-long");
    }
    Ok(links)
}

/// A question as typed in the question editor.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuestionInput {
    pub kind: String,
    pub label: String,
    pub help: String,
    pub required: bool,
    /// One choice per line.
    pub options: String,
}

/// A question, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidQuestion {
    pub kind: QuestionKind,
    pub label: String,
    pub help: String,
    pub required: bool,
    /// Choices, one per line (stored as typed, trimmed).
    pub options: String,
}

pub fn validate_question(input: &QuestionInput) -> Result<ValidQuestion, Vec<FieldError>> {
    let mut errors = Vec::new();
    let kind = QuestionKind::parse(input.kind.trim()).unwrap_or_else(|| {
        errors.push(FieldError::new("kind", "error-choice"));
        QuestionKind::Text
    });
    let label = line(&input.label, MAX_TITLE).unwrap_or_else(|message| {
        errors.push(FieldError::new("label", message));
        String::new()
    });
    if label.is_empty() && errors.iter().all(|e| e.field != "label") {
        errors.push(FieldError::new("label", "error-required"));
    }
    let help = line(&input.help, MAX_TITLE).unwrap_or_else(|message| {
        errors.push(FieldError::new("help", message));
        String::new()
    });
    let mut options: Vec<String> = Vec::new();
    for option in input.options.lines() {
        match line(option, MAX_TITLE) {
            Ok(option) if option.is_empty() || options.contains(&option) => {}
            Ok(option) => options.push(option),
            Err(message) => {
                errors.push(FieldError::new("options", message));
                break;
            }
        }
    }
    if kind == QuestionKind::Choice
        && options.len() < 2
        && errors.iter().all(|e| e.field != "options")
    {
        errors.push(FieldError::new("options", "editor-error-options"));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ValidQuestion {
        kind,
        label,
        help,
        required: input.required,
        options: if kind == QuestionKind::Choice {
            options.join("\n")
        } else {
            String::new()
        },
    })
}

/// What registrants hear about when a published activity changes: its times, its
/// venue, its program, a meeting added or dropped. Kept in the update email's
/// payload and worded in the registrant's language when the email is written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "what", rename_all = "snake_case")]
pub enum Change {
    Time {
        before_start: DateTime<Utc>,
        before_end: DateTime<Utc>,
        after_start: DateTime<Utc>,
        after_end: DateTime<Utc>,
    },
    Venue {
        starts_at: DateTime<Utc>,
        before: Option<String>,
        after: Option<String>,
    },
    Program {
        starts_at: DateTime<Utc>,
    },
    Added {
        starts_at: DateTime<Utc>,
        ends_at: DateTime<Utc>,
    },
    Removed {
        starts_at: DateTime<Utc>,
        ends_at: DateTime<Utc>,
    },
}

/// A session as registrants know it: when, where (the venue's name) and its program
/// (each row reduced to what a reader sees).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionSnapshot {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub venue: Option<String>,
    pub program: Vec<String>,
}

/// The changes from `before` to `after` (either may be missing: a session added or
/// removed).
pub fn session_changes(
    before: Option<&SessionSnapshot>,
    after: Option<&SessionSnapshot>,
) -> Vec<Change> {
    match (before, after) {
        (None, None) => Vec::new(),
        (None, Some(a)) => vec![Change::Added {
            starts_at: a.starts_at,
            ends_at: a.ends_at,
        }],
        (Some(b), None) => vec![Change::Removed {
            starts_at: b.starts_at,
            ends_at: b.ends_at,
        }],
        (Some(b), Some(a)) => {
            let mut changes = Vec::new();
            if (b.starts_at, b.ends_at) != (a.starts_at, a.ends_at) {
                changes.push(Change::Time {
                    before_start: b.starts_at,
                    before_end: b.ends_at,
                    after_start: a.starts_at,
                    after_end: a.ends_at,
                });
            }
            if b.venue != a.venue {
                changes.push(Change::Venue {
                    starts_at: a.starts_at,
                    before: b.venue.clone(),
                    after: a.venue.clone(),
                });
            }
            if b.program != a.program {
                changes.push(Change::Program {
                    starts_at: a.starts_at,
                });
            }
            changes
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ActivityInput {
        ActivityInput {
            title: "Leercafé Buurtkracht".into(),
            summary: "Samen leren over buurtkracht.".into(),
            capacity: "30".into(),
            waitlist: true,
            registration_open: true,
            ..ActivityInput::default()
        }
    }

    #[test]
    fn costs_are_read_as_people_write_them() {
        assert_eq!(parse_cost(""), Ok(None));
        assert_eq!(parse_cost("0"), Ok(Some(0)));
        assert_eq!(parse_cost("Gratis"), Ok(Some(0)));
        assert_eq!(parse_cost("12,50"), Ok(Some(1250)));
        assert_eq!(parse_cost("€ 12.5"), Ok(Some(1250)));
        assert_eq!(parse_cost("€12,-"), Ok(Some(1200)));
        assert_eq!(parse_cost("100000"), Ok(Some(MAX_COST_CENTS)));
        assert_eq!(parse_cost("100001"), Err("editor-error-cost"));
        for bad in ["-5", "12,345", "twaalf", "1.000,00", "€", ","] {
            assert_eq!(parse_cost(bad), Err("editor-error-cost"), "{bad}");
        }
    }

    #[test]
    fn a_good_form_passes_and_every_problem_is_reported_at_its_field() {
        let offered = Offered {
            themes: &["buurt"],
            audiences: &["opbouwwerker"],
            activities: &["vorige-module"],
        };
        let valid = validate_activity(&input(), offered).unwrap();
        assert_eq!(valid.capacity, Some(30));
        assert_eq!(valid.promotion, "automatic");
        assert_eq!(valid.offer_hours, 48);
        let bad = ActivityInput {
            title: " ".into(),
            summary: String::new(),
            region: "Mars".into(),
            cost: "veel".into(),
            capacity: "0".into(),
            promotion: "loterij".into(),
            offer_hours: "9999".into(),
            opens_at: "2026-12-10T10:00".into(),
            closes_at: "2026-12-01T10:00".into(),
            organiser_email: "geen adres".into(),
            themes: vec!["onbekend".into()],
            audiences: vec!["opbouwwerker".into()],
            contact_phone: "bel mij".into(),
            links: "geen link".into(),
            ..input()
        };
        let fields: Vec<String> = validate_activity(&bad, offered)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "title",
                "summary",
                "region",
                "cost",
                "capacity",
                "promotion",
                "offer_hours",
                "closes_at",
                "organiser_email",
                "themes",
                "contact_phone",
                "contact_name",
                "links"
            ]
        );
    }

    #[test]
    fn dutch_times_become_utc_and_the_skipped_hour_is_refused() {
        let winter = parse_local_datetime("2026-12-03T13:30").unwrap().unwrap();
        assert_eq!(winter.to_rfc3339(), "2026-12-03T12:30:00+00:00");
        assert_eq!(local_datetime_value(winter), "2026-12-03T13:30");
        let summer = parse_local_datetime("2026-06-03T13:30").unwrap().unwrap();
        assert_eq!(summer.to_rfc3339(), "2026-06-03T11:30:00+00:00");
        // 29 March 2026, 02:30 does not exist in the Netherlands.
        assert_eq!(
            parse_local_datetime("2026-03-29T02:30"),
            Err("editor-error-time-gap")
        );
        assert_eq!(parse_local_datetime("morgen"), Err("editor-error-datetime"));
        assert_eq!(parse_local_datetime(""), Ok(None));
    }

    #[test]
    fn a_session_ends_after_it_starts_at_a_known_venue() {
        let good = SessionInput {
            date: "2026-12-03".into(),
            start: "13:30".into(),
            end: "17:00".into(),
            venue: "huis".into(),
            capacity: "".into(),
            title: "".into(),
        };
        let valid = validate_session(&good, &["huis"]).unwrap();
        assert_eq!(valid.starts_at.to_rfc3339(), "2026-12-03T12:30:00+00:00");
        assert_eq!(valid.ends_at.to_rfc3339(), "2026-12-03T16:00:00+00:00");
        assert_eq!(valid.venue.as_deref(), Some("huis"));
        let backwards = SessionInput {
            end: "12:00".into(),
            ..good.clone()
        };
        assert_eq!(
            validate_session(&backwards, &["huis"]).unwrap_err(),
            [FieldError::new("end", "editor-error-end-before-start")]
        );
        let empty = SessionInput {
            venue: "elders".into(),
            capacity: "-1".into(),
            ..SessionInput::default()
        };
        let fields: Vec<String> = validate_session(&empty, &["huis"])
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["date", "start", "end", "venue", "capacity"]);
    }

    #[test]
    fn status_moves_forward_only() {
        use ActivityStatus as S;
        use StatusAction as A;
        assert_eq!(transition(S::Draft, A::Publish), Some(S::Published));
        assert_eq!(transition(S::Published, A::Cancel), Some(S::Cancelled));
        assert_eq!(transition(S::Cancelled, A::Archive), Some(S::Archived));
        assert_eq!(transition(S::Draft, A::Archive), Some(S::Archived));
        assert_eq!(transition(S::Draft, A::Cancel), None);
        assert_eq!(transition(S::Published, A::Publish), None);
        assert_eq!(transition(S::Cancelled, A::Publish), None);
        assert_eq!(transition(S::Archived, A::Archive), None);
        assert!(editable(S::Draft) && editable(S::Published));
        assert!(!editable(S::Cancelled) && !editable(S::Archived));
    }

    #[test]
    fn lowering_capacity_below_the_people_who_have_a_place_needs_consent() {
        assert!(capacity_below_taken(Some(10), 11));
        assert!(!capacity_below_taken(Some(10), 10));
        assert!(!capacity_below_taken(None, 500));
    }

    fn session() -> ValidSession {
        validate_session(
            &SessionInput {
                date: "2026-12-03".into(),
                start: "13:30".into(),
                end: "17:00".into(),
                ..SessionInput::default()
            },
            &[],
        )
        .unwrap()
    }

    fn row(time: &str, title: &str) -> ProgramInput {
        ProgramInput {
            time: time.into(),
            kind: "talk".into(),
            title: title.into(),
            ..ProgramInput::default()
        }
    }

    #[test]
    fn program_times_lie_within_the_session_and_follow_each_other() {
        let rows = [
            row("13:30", "Inloop"),
            ProgramInput {
                speakers: "Anna de Vries (Movisie); Bram".into(),
                ..row("14:00", "Lezing")
            },
            ProgramInput::default(),
            row("", "Napraten"),
        ];
        let items = validate_program(&rows, &session()).unwrap();
        assert_eq!(items.len(), 3);
        assert_eq!(
            items[1].starts_at.unwrap().to_rfc3339(),
            "2026-12-03T13:00:00+00:00"
        );
        assert_eq!(
            items[1].speakers,
            [
                PersonName {
                    name: "Anna de Vries".into(),
                    affiliation: "Movisie".into()
                },
                PersonName {
                    name: "Bram".into(),
                    affiliation: String::new()
                }
            ]
        );
        assert_eq!(
            people_value(items[1].speakers.iter().map(PersonName::parts), "; "),
            "Anna de Vries (Movisie); Bram"
        );
        assert_eq!(items[2].starts_at, None);
        let bad = [
            row("14:00", "Lezing"),
            row("14:00", "Tegelijk"),
            row("13:45", "Eerder"),
            row("18:00", "Te laat"),
            row("25:00", "Geen tijd"),
            row("15:00", ""),
            ProgramInput {
                kind: "feest".into(),
                ..row("", "Feest")
            },
        ];
        let errors = validate_program(&bad, &session()).unwrap_err();
        assert_eq!(
            errors,
            [
                FieldError::new("p1_time", "editor-error-program-overlap"),
                FieldError::new("p2_time", "editor-error-program-overlap"),
                FieldError::new("p3_time", "editor-error-program-outside"),
                FieldError::new("p4_time", "editor-error-time"),
                FieldError::new("p5_title", "editor-error-program-title"),
                FieldError::new("p6_kind", "error-choice"),
            ]
        );
    }

    #[test]
    fn links_and_questions_are_checked() {
        assert_eq!(
            parse_links("Dossier | https://www.movisie.nl/dossier\n\nhttps://example.org"),
            Ok(vec![
                ("Dossier".into(), "https://www.movisie.nl/dossier".into()),
                ("https://example.org".into(), "https://example.org".into()),
            ])
        );
        assert_eq!(
            parse_links("Klik | javascript:alert(1)"),
            Err("editor-error-link")
        );
        assert_eq!(parse_people("(Movisie)", ';'), Err("editor-error-person"));
        let choice = QuestionInput {
            kind: "choice".into(),
            label: "Welke workshop?".into(),
            options: "A\n\nB\nA\n".into(),
            ..QuestionInput::default()
        };
        assert_eq!(validate_question(&choice).unwrap().options, "A\nB");
        let one = QuestionInput {
            options: "A".into(),
            ..choice.clone()
        };
        assert_eq!(
            validate_question(&one).unwrap_err(),
            [FieldError::new("options", "editor-error-options")]
        );
        let text_question = QuestionInput {
            kind: "text".into(),
            ..choice
        };
        assert_eq!(validate_question(&text_question).unwrap().options, "");
        let empty = validate_question(&QuestionInput::default()).unwrap_err();
        let fields: Vec<&str> = empty.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["kind", "label"]);
    }

    #[test]
    fn changes_name_what_registrants_notice() {
        let s = session();
        let before = SessionSnapshot {
            starts_at: s.starts_at,
            ends_at: s.ends_at,
            venue: Some("Buurthuis".into()),
            program: vec!["13:30 Inloop".into()],
        };
        assert!(session_changes(Some(&before), Some(&before)).is_empty());
        let later = SessionSnapshot {
            starts_at: s.starts_at + chrono::Duration::hours(1),
            venue: None,
            program: vec!["14:30 Inloop".into()],
            ..before.clone()
        };
        let changes = session_changes(Some(&before), Some(&later));
        assert_eq!(changes.len(), 3);
        assert!(matches!(changes[0], Change::Time { .. }));
        assert_eq!(
            changes[1],
            Change::Venue {
                starts_at: later.starts_at,
                before: Some("Buurthuis".into()),
                after: None
            }
        );
        // The payload survives a round trip through JSON.
        let json = serde_json::to_string(&changes).unwrap();
        assert_eq!(serde_json::from_str::<Vec<Change>>(&json).unwrap(), changes);
        assert!(matches!(
            session_changes(None, Some(&later))[..],
            [Change::Added { .. }]
        ));
        assert!(matches!(
            session_changes(Some(&before), None)[..],
            [Change::Removed { .. }]
        ));
    }
}
