//! A pair's path, as typed and checked: the request's message ([`message`]), the
//! agreement on goals and period ([`AgreementForm`], 3–12 months), one meeting in
//! the log ([`LogForm`]: a date not in the future, a duration of more than 0 and at
//! most [`MAX_MEETING_MINUTES`], the topics, and what each learned — the form asks
//! explicitly what the mentor learned from the mentee), and the evaluation at the
//! end ([`evaluation`]). Request states and expiry ([`RequestState`]).

use chrono::{DateTime, Duration, Months, NaiveDate, Utc};

use crate::input::{FieldError, parse_date, required, text};

/// The longest message, goal, topic list, learning or evaluation.
pub const MAX_TEXT: usize = 2_000;
/// The shortest and longest agreed period.
pub const MIN_MONTHS: u32 = 3;
pub const MAX_MONTHS: u32 = 12;
/// One meeting lasts at most 8 hours; more is a typing error.
pub const MAX_MEETING_MINUTES: u32 = 8 * 60;
/// A request not answered within this many days expires.
pub const REQUEST_DAYS: i64 = 14;

/// A request's state as stored and as it stands now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestState {
    Open,
    Accepted,
    Declined,
    Withdrawn,
}

impl RequestState {
    pub const ALL: [Self; 4] = [Self::Open, Self::Accepted, Self::Declined, Self::Withdrawn];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Accepted => "accepted",
            Self::Declined => "declined",
            Self::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

/// When a request made at `now` expires.
pub fn request_expires(now: DateTime<Utc>) -> DateTime<Utc> {
    now + Duration::days(REQUEST_DAYS)
}

/// Whether an open request may still be answered at `now`.
pub fn answerable(state: RequestState, expires_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    state == RequestState::Open && now < expires_at
}

/// A required message (a request, a decline, an evaluation) at `field`.
pub fn message(
    field: &str,
    raw: &str,
    missing: &'static str,
    errors: &mut Vec<FieldError>,
) -> String {
    required(field, text(raw, MAX_TEXT), missing, errors)
}

/// The agreement form as sent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AgreementForm {
    pub goals: String,
    pub starts_on: String,
    pub months: String,
}

/// Agreed goals and period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Agreement {
    pub goals: String,
    pub starts_on: NaiveDate,
    pub months: u32,
}

impl Agreement {
    /// The last day of the period.
    pub fn ends_on(&self) -> NaiveDate {
        self.starts_on
            .checked_add_months(Months::new(self.months))
            .and_then(|d| d.pred_opt())
            .unwrap_or(self.starts_on)
    }
}

impl AgreementForm {
    pub fn parse(&self) -> Result<Agreement, Vec<FieldError>> {
        let mut errors = Vec::new();
        let goals = message("goals", &self.goals, "mentoring-error-goals", &mut errors);
        let starts_on = parse_date(&self.starts_on)
            .map_err(|_| errors.push(FieldError::new("starts_on", "mentoring-error-start")))
            .ok();
        let months = match self.months.trim().parse::<u32>() {
            Ok(m) if (MIN_MONTHS..=MAX_MONTHS).contains(&m) => Some(m),
            _ => {
                errors.push(FieldError::new("months", "mentoring-error-months"));
                None
            }
        };
        match (starts_on, months) {
            (Some(starts_on), Some(months)) if errors.is_empty() => Ok(Agreement {
                goals,
                starts_on,
                months,
            }),
            _ => Err(errors),
        }
    }
}

/// Hours as typed ("1", "1,5", "0.75") in whole minutes: more than 0 and at most
/// [`MAX_MEETING_MINUTES`]; a minus sign has its own message.
pub fn parse_duration(raw: &str) -> Result<u32, &'static str> {
    let value = raw.trim();
    if value.is_empty() {
        return Err("mentoring-error-hours-missing");
    }
    if value.starts_with('-') {
        return Err("mentoring-error-hours-negative");
    }
    let (whole, fraction) = value.split_once([',', '.']).unwrap_or((value, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty()
        || !digits(whole)
        || !digits(fraction)
        || fraction.len() > 2
        || whole.len() > 3
    {
        return Err("mentoring-error-hours");
    }
    let whole: u32 = whole.parse().map_err(|_| "mentoring-error-hours")?;
    let hundredths: u32 = format!("{fraction:0<2}").parse().unwrap_or(0);
    let minutes = whole * 60 + (hundredths * 60 + 50) / 100;
    if minutes == 0 || minutes > MAX_MEETING_MINUTES {
        Err("mentoring-error-hours-range")
    } else {
        Ok(minutes)
    }
}

/// One meeting in the log as sent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LogForm {
    pub held_on: String,
    pub hours: String,
    pub topics: String,
    /// What the mentor learned from the mentee (asked explicitly: leren gaat twee kanten op).
    pub mentor_learned: String,
    /// What the mentee learned.
    pub mentee_learned: String,
}

/// A checked meeting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogEntry {
    pub held_on: NaiveDate,
    pub minutes: u32,
    pub topics: String,
    pub mentor_learned: String,
    pub mentee_learned: String,
}

impl LogForm {
    /// The checked meeting; `today`: the Dutch date now (a meeting is logged after
    /// it took place).
    pub fn parse(&self, today: NaiveDate) -> Result<LogEntry, Vec<FieldError>> {
        let mut errors = Vec::new();
        let held_on = match parse_date(&self.held_on) {
            Ok(date) if date > today => {
                errors.push(FieldError::new("held_on", "mentoring-error-date-future"));
                None
            }
            Ok(date) => Some(date),
            Err(_) => {
                errors.push(FieldError::new("held_on", "mentoring-error-date"));
                None
            }
        };
        let minutes = parse_duration(&self.hours)
            .map_err(|m| errors.push(FieldError::new("hours", m)))
            .ok();
        let topics = message(
            "topics",
            &self.topics,
            "mentoring-error-topics",
            &mut errors,
        );
        let mentor_learned = message(
            "mentor_learned",
            &self.mentor_learned,
            "mentoring-error-mentor-learned",
            &mut errors,
        );
        let mentee_learned = message(
            "mentee_learned",
            &self.mentee_learned,
            "mentoring-error-mentee-learned",
            &mut errors,
        );
        match (held_on, minutes) {
            (Some(held_on), Some(minutes)) if errors.is_empty() => Ok(LogEntry {
                held_on,
                minutes,
                topics,
                mentor_learned,
                mentee_learned,
            }),
            _ => Err(errors),
        }
    }
}

/// The evaluation at the end: what it brought, required.
pub fn evaluation(raw: &str) -> Result<String, Vec<FieldError>> {
    let mut errors = Vec::new();
    let value = message("evaluation", raw, "mentoring-error-evaluation", &mut errors);
    if errors.is_empty() {
        Ok(value)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn log() -> LogForm {
        LogForm {
            held_on: "2026-12-01".into(),
            hours: "1,5".into(),
            topics: "Een lastige bewonersavond".into(),
            mentor_learned: "Hoe zij Instagram inzet in de wijk".into(),
            mentee_learned: "Rustig blijven als het schuurt".into(),
        }
    }

    fn fields(errors: &[FieldError]) -> Vec<(&str, &str)> {
        errors
            .iter()
            .map(|e| (e.field.as_str(), e.message))
            .collect()
    }

    #[test]
    fn a_meeting_reads_as_typed() {
        let entry = log().parse(day("2026-12-05")).unwrap();
        assert_eq!(entry.minutes, 90);
        assert_eq!(entry.held_on, day("2026-12-01"));
        let today = LogForm {
            held_on: "2026-12-05".into(),
            ..log()
        };
        assert!(today.parse(day("2026-12-05")).is_ok(), "today counts");
    }

    #[test]
    fn durations_more_than_zero_and_sane() {
        assert_eq!(parse_duration("2"), Ok(120));
        assert_eq!(parse_duration("0,25"), Ok(15));
        assert_eq!(parse_duration("0.5"), Ok(30));
        assert_eq!(parse_duration("8"), Ok(480));
        assert_eq!(parse_duration("-1"), Err("mentoring-error-hours-negative"));
        assert_eq!(parse_duration("0"), Err("mentoring-error-hours-range"));
        assert_eq!(parse_duration("9"), Err("mentoring-error-hours-range"));
        assert_eq!(parse_duration(""), Err("mentoring-error-hours-missing"));
        assert_eq!(parse_duration("anderhalf"), Err("mentoring-error-hours"));
        assert_eq!(parse_duration("99999"), Err("mentoring-error-hours"));
    }

    #[test]
    fn a_future_date_negative_hours_and_a_long_text_are_refused_at_their_fields() {
        let wrong = LogForm {
            held_on: "2026-12-06".into(),
            hours: "-2".into(),
            topics: "x".repeat(10 * 1024),
            mentor_learned: String::new(),
            mentee_learned: "iets".into(),
        };
        assert_eq!(
            fields(&wrong.parse(day("2026-12-05")).unwrap_err()),
            vec![
                ("held_on", "mentoring-error-date-future"),
                ("hours", "mentoring-error-hours-negative"),
                ("topics", "error-too-long"),
                ("mentor_learned", "mentoring-error-mentor-learned"),
            ]
        );
    }

    #[test]
    fn an_agreement_runs_three_to_twelve_months() {
        let form = AgreementForm {
            goals: "Netwerkstrategie oefenen".into(),
            starts_on: "2026-01-15".into(),
            months: "6".into(),
        };
        let agreed = form.parse().unwrap();
        assert_eq!(agreed.ends_on(), day("2026-07-14"));
        for months in ["2", "13", "", "zes"] {
            let wrong = AgreementForm {
                months: months.into(),
                ..form.clone()
            };
            assert_eq!(
                fields(&wrong.parse().unwrap_err()),
                vec![("months", "mentoring-error-months")]
            );
        }
        let empty = AgreementForm::default();
        assert_eq!(
            fields(&empty.parse().unwrap_err()),
            vec![
                ("goals", "mentoring-error-goals"),
                ("starts_on", "mentoring-error-start"),
                ("months", "mentoring-error-months"),
            ]
        );
    }

    #[test]
    fn a_request_can_be_answered_until_it_expires() {
        let now = DateTime::parse_from_rfc3339("2026-12-05T10:00:00Z")
            .unwrap()
            .to_utc();
        let expires = request_expires(now);
        assert!(answerable(RequestState::Open, expires, now));
        assert!(!answerable(RequestState::Open, expires, expires));
        assert!(!answerable(RequestState::Declined, expires, now));
        for s in RequestState::ALL {
            assert_eq!(RequestState::parse(s.as_str()), Some(s));
        }
        assert_eq!(
            evaluation("  "),
            Err(vec![FieldError::new(
                "evaluation",
                "mentoring-error-evaluation"
            )])
        );
        assert_eq!(evaluation("Leerzaam").as_deref(), Ok("Leerzaam"));
    }
}
