//! A session's rules: date and times as Dutch wall-clock times, venue, its own limit.

use super::*;

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
    let date = crate::input::parse_date(&input.date);
    if let Err(message) = date {
        errors.push(FieldError::new("date", message));
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
