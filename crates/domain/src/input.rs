//! Dutch input as people type it, parsed into checked values: a field's error
//! ([`FieldError`], a catalog key shown at the field), single lines and texts,
//! costs ("€ 12,50"), counts, Dutch wall-clock times (to UTC, refusing the hour
//! skipped at the start of summer time), names of people with their affiliation,
//! and links. Every form's rules build on these.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Europe::Amsterdam;
use serde::Serialize;

/// The longest name, organisation, title or other single line we keep.
pub const MAX_LINE: usize = 200;
/// Largest cost: € 100.000.
pub const MAX_COST_CENTS: i64 = 10_000_000;

/// A problem with one field: its name (as in the form: `name`, `email`, `q-12`) and
/// the message id of the Dutch/English explanation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub message: &'static str,
}

/// Characters that make a text look other than it is, or that HTML forbids: bidi
/// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) turn what
/// follows around, so "Jan\u{202E}nav" shows as "Janvan"; Unicode noncharacters
/// (U+FDD0–U+FDEF and every U+xFFFE, U+xFFFF) make a page invalid HTML.
pub fn is_disguising(c: char) -> bool {
    let code = u32::from(c);
    matches!(code, 0x202A..=0x202E | 0x2066..=0x2069 | 0xFDD0..=0xFDEF) || code & 0xFFFE == 0xFFFE
}

/// A single line of text: trimmed, inner runs of whitespace kept, no control or
/// disguising characters ([`is_disguising`]), at most `max` characters.
pub fn line(raw: &str, max: usize) -> Result<String, &'static str> {
    let value = raw.trim();
    if value.chars().any(|c| c.is_control() || is_disguising(c)) {
        Err("error-control-characters")
    } else if value.chars().count() > max {
        Err("error-too-long")
    } else {
        Ok(value.to_owned())
    }
}

/// Multi-line text: line breaks and tabs allowed, other control characters and
/// disguising characters ([`is_disguising`]) not.
pub fn text(raw: &str, max: usize) -> Result<String, &'static str> {
    let value = raw.trim().replace("\r\n", "\n");
    if value
        .chars()
        .any(|c| (c.is_control() && c != '\n' && c != '\t') || is_disguising(c))
    {
        Err("error-control-characters")
    } else if value.chars().count() > max {
        Err("error-too-long")
    } else {
        Ok(value)
    }
}

/// A required single line or text (the result of [`line`] or [`text`]): the value,
/// or an error at `field` — `missing` when it is empty.
pub fn required(
    field: &str,
    result: Result<String, &'static str>,
    missing: &'static str,
    errors: &mut Vec<FieldError>,
) -> String {
    match result {
        Ok(value) if value.is_empty() => {
            errors.push(FieldError::new(field, missing));
            value
        }
        Ok(value) => value,
        Err(message) => {
            errors.push(FieldError::new(field, message));
            String::new()
        }
    }
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
pub fn parse_count(raw: &str, max: u32, min: u32) -> Result<Option<u32>, &'static str> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(None);
    }
    match value.parse::<u32>() {
        Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
        _ => Err("editor-error-number"),
    }
}

/// The first and last year a date may fall in. A session in year 0 or 9999 is a
/// typing error; it would break strict calendar programs and email people about
/// "1 januari 1".
pub const FIRST_YEAR: i32 = 2000;
pub const LAST_YEAR: i32 = 2099;

/// Whether a date lies within [`FIRST_YEAR`]..=[`LAST_YEAR`].
pub fn in_date_range(date: NaiveDate) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&date.year())
}

/// A required date field (`2026-12-03`, as a date input sends it) within the range.
pub fn parse_date(raw: &str) -> Result<NaiveDate, &'static str> {
    let value = raw.trim();
    if value.is_empty() {
        return Err("editor-error-date-required");
    }
    let date = NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| "editor-error-date")?;
    if in_date_range(date) {
        Ok(date)
    } else {
        Err("editor-error-date-range")
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
    if !in_date_range(local.date()) {
        return Err("editor-error-date-range");
    }
    amsterdam(local).map(Some).ok_or("editor-error-time-gap")
}

/// A UTC moment as a `datetime-local` value in Dutch time.
pub fn local_datetime_value(at: DateTime<Utc>) -> String {
    at.with_timezone(&Amsterdam)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// A public person named in a form: a speaker or a kartrekker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonName {
    pub name: String,
    pub affiliation: String,
}

/// A public person as stored, to recognise when a form names them again.
#[derive(Clone, Copy, Debug)]
pub struct KnownPerson<'a> {
    pub id: i64,
    pub name: &'a str,
    pub affiliation: &'a str,
    pub email: &'a str,
}

/// The stored person a typed one is, so that naming "joost weling" as a speaker
/// does not make a second public page beside Joost Weling's. Names are compared
/// without case and extra spaces. A typed affiliation or email that differs from a
/// stored one means another person of the same name; one left empty on either side
/// fits. Among fitting people, the one that agrees on most (affiliation, then
/// email) wins, then the oldest.
pub fn same_person(
    name: &str,
    affiliation: &str,
    email: &str,
    known: &[KnownPerson<'_>],
) -> Option<i64> {
    let key = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let (name, affiliation) = (key(name), key(affiliation));
    let email = email.trim().to_ascii_lowercase();
    known
        .iter()
        .filter(|k| key(k.name) == name && !name.is_empty())
        .filter(|k| {
            affiliation.is_empty() || k.affiliation.is_empty() || key(k.affiliation) == affiliation
        })
        .filter(|k| {
            email.is_empty() || k.email.is_empty() || k.email.trim().eq_ignore_ascii_case(&email)
        })
        .max_by_key(|k| {
            let same_affiliation = !affiliation.is_empty() && key(k.affiliation) == affiliation;
            let same_email = !email.is_empty() && k.email.trim().eq_ignore_ascii_case(&email);
            (same_affiliation, same_email, std::cmp::Reverse(k.id))
        })
        .map(|k| k.id)
}

/// Most people in one list (speakers of an item, kartrekkers).
pub const MAX_PEOPLE: usize = 20;

/// "Naam (organisatie)" items separated by `separator`; the affiliation is optional.
pub fn parse_people(raw: &str, separator: char) -> Result<Vec<PersonName>, &'static str> {
    let mut people = Vec::new();
    for part in raw.split(separator) {
        let part = line(part, MAX_LINE)?;
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

/// Related reading, one "Titel | https://…" per line.
pub fn parse_links(raw: &str) -> Result<Vec<(String, String)>, &'static str> {
    let mut links = Vec::new();
    for row in raw.lines() {
        let row = line(row, 2 * MAX_LINE)?;
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

impl FieldError {
    pub fn new(field: impl Into<String>, message: &'static str) -> Self {
        Self {
            field: field.into(),
            message,
        }
    }
}

impl PersonName {
    /// (name, affiliation), for [`people_value`].
    pub fn parts(&self) -> (&str, &str) {
        (&self.name, &self.affiliation)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_texts_refuse_control_and_disguising_characters() {
        assert_eq!(line("  Joost Weling ", MAX_LINE), Ok("Joost Weling".into()));
        assert_eq!(
            line("مريم Kaya", MAX_LINE),
            Ok("مريم Kaya".into()),
            "Arabic is fine"
        );
        assert_eq!(
            text("regel 1\r\nregel 2\tmet tab", 100),
            Ok("regel 1\nregel 2\tmet tab".into())
        );
        for bad in [
            "Jan\u{202E}nav",
            "a\u{202A}b",
            "a\u{2066}b",
            "a\u{2069}b",
            "a\u{FDD0}b",
            "a\u{FFFE}b",
            "a\u{FFFF}b",
            "a\u{1FFFF}b",
            "a\u{7}b",
        ] {
            assert_eq!(
                line(bad, MAX_LINE),
                Err("error-control-characters"),
                "{bad:?}"
            );
            assert_eq!(text(bad, 1000), Err("error-control-characters"), "{bad:?}");
        }
        // Marks that only steer direction (LRM, RLM) and joiners stay allowed.
        for fine in ["a\u{200E}b", "a\u{200F}b", "a\u{200D}b", "a\u{FFFD}b"] {
            assert!(is_disguising_free(fine), "{fine:?}");
        }
        assert_eq!(line(&"x".repeat(201), MAX_LINE), Err("error-too-long"));
    }

    #[test]
    fn a_person_named_again_is_the_same_person() {
        let known = [
            KnownPerson {
                id: 1,
                name: "Joost Weling",
                affiliation: "",
                email: "",
            },
            KnownPerson {
                id: 2,
                name: "Anna de Vries",
                affiliation: "Movisie",
                email: "",
            },
            KnownPerson {
                id: 3,
                name: "Anna de Vries",
                affiliation: "Hogeschool Utrecht",
                email: "a@hu.nl",
            },
        ];
        assert_eq!(same_person("joost  weling", "", "", &known), Some(1));
        assert_eq!(
            same_person("Joost Weling", "Hogeschool Utrecht", "", &known),
            Some(1),
            "fills in"
        );
        assert_eq!(same_person("Anna de Vries", "movisie", "", &known), Some(2));
        assert_eq!(same_person("Anna de Vries", "", "a@hu.nl", &known), Some(3));
        assert_eq!(
            same_person("Anna de Vries", "", "", &known),
            Some(2),
            "the oldest"
        );
        assert_eq!(
            same_person("Anna de Vries", "Gemeente Almere", "", &known),
            None,
            "another Anna"
        );
        assert_eq!(
            same_person("Anna de Vries", "Movisie", "anna@movisie.nl", &known),
            Some(2)
        );
        assert_eq!(same_person("Chantal van Lieshout", "", "", &known), None);
        assert_eq!(same_person("", "", "", &known), None);
    }

    #[test]
    fn dates_fall_between_2000_and_2099() {
        assert_eq!(
            parse_date(" 2026-12-03 ").map(|d| d.to_string()),
            Ok("2026-12-03".into())
        );
        assert_eq!(parse_date("2000-01-01").map(|d| d.year()), Ok(2000));
        assert_eq!(parse_date("2099-12-31").map(|d| d.year()), Ok(2099));
        assert_eq!(parse_date(""), Err("editor-error-date-required"));
        assert_eq!(parse_date("3-12-2026"), Err("editor-error-date"));
        assert_eq!(parse_date("2026-02-30"), Err("editor-error-date"));
        for out in ["0000-01-01", "1999-12-31", "2100-01-01", "9999-12-31"] {
            assert_eq!(parse_date(out), Err("editor-error-date-range"), "{out}");
        }
        assert_eq!(
            parse_local_datetime("0000-01-01T10:00"),
            Err("editor-error-date-range")
        );
        assert!(parse_local_datetime("2026-12-03T10:00").unwrap().is_some());
    }

    fn is_disguising_free(value: &str) -> bool {
        !value.chars().any(is_disguising)
    }
}
