//! The activity form's rules: title, texts, kind, audiences, themes, costs, time
//! investment, the registration window and policy, capacity, contact and links.

use super::*;

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
    /// `all` or `any` of them; empty: as stored.
    pub prerequisite_rule: String,
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
    /// `None`: keep the stored rule (a client that does not send one).
    pub prerequisite_rule: Option<Rule>,
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
    let prerequisite_rule = match input.prerequisite_rule.trim() {
        "" => None,
        raw => Rule::parse(raw).or_else(|| {
            errors.push(FieldError::new("prerequisite_rule", "error-choice"));
            None
        }),
    };
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
        prerequisite_rule,
    })
}

/// The contact person, when a name is given; an address or number without a name is
/// an error at the name.
pub(super) fn validate_contact(
    input: &ActivityInput,
    errors: &mut Vec<FieldError>,
) -> Option<Contact> {
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
