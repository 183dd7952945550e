//! A session's program: timed items inside the session, in order, with speakers.

use super::*;

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
    /// Counts as learning time: "" (by its kind), "yes" or "no".
    pub learning: String,
}

impl ProgramInput {
    pub(super) fn is_blank(&self) -> bool {
        [&self.time, &self.title, &self.description, &self.speakers]
            .iter()
            .all(|v| v.trim().is_empty())
    }
}

/// A program row, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidProgramItem {
    pub starts_at: Option<DateTime<Utc>>,
    pub kind: ProgramItemKind,
    pub title: String,
    pub description: String,
    pub speakers: Vec<PersonName>,
    /// `None`: by its kind ([`crate::learning::counts_by_kind`]).
    pub counts_for_learning: Option<bool>,
}

/// Most program rows a session may have.
pub const MAX_PROGRAM_ITEMS: usize = 30;

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
        let counts_for_learning = match row.learning.trim() {
            "" => None,
            "yes" => Some(true),
            "no" => Some(false),
            _ => {
                errors.push(FieldError::new(field("learning"), "error-choice"));
                None
            }
        };
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
            counts_for_learning,
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
