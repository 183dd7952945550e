//! *Halen en brengen*: every contribution to an atelier is a ledger entry with a
//! date, a kind and minutes; attending a meeting is the taking side. From the
//! entries come a member's [`Balance`], the kartrekker's gentle signal for members
//! who only take ([`only_takes_signal`]: a reason for a conversation, never for
//! removal), and the hours per month against the atelier's expected investment
//! ([`month_hours`], [`ExpectedTime`]).

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Europe::Amsterdam;

use super::membership::Standing;
use crate::catalog::YearMonth;
use crate::input::{FieldError, MAX_LINE, line, parse_count, parse_date};

/// The most minutes one entry may hold: a working week (40 hours). More is a typing
/// error more often than a real contribution.
pub const MAX_ENTRY_MINUTES: u32 = 40 * 60;
/// The most an atelier may expect of a member per month: 40 hours.
pub const MAX_EXPECTED_MINUTES: u32 = 40 * 60;

/// What a member brought.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ContributionKind {
    /// Brought a case to a meeting.
    Case,
    /// Gave an expert contribution on someone's case.
    Expert,
    Presentation,
    /// Shared a tool or resource.
    Resource,
    Research,
    /// Hosted a meeting.
    Hosting,
    /// Wrote a post in the online space that others marked helpful.
    HelpfulPost,
}

impl ContributionKind {
    pub const ALL: [ContributionKind; 7] = [
        ContributionKind::Case,
        ContributionKind::Expert,
        ContributionKind::Presentation,
        ContributionKind::Resource,
        ContributionKind::Research,
        ContributionKind::Hosting,
        ContributionKind::HelpfulPost,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Case => "case",
            Self::Expert => "expert",
            Self::Presentation => "presentation",
            Self::Resource => "resource",
            Self::Research => "research",
            Self::Hosting => "hosting",
            Self::HelpfulPost => "helpful_post",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    /// The minutes counted when the form leaves the time empty: a modest estimate
    /// of the usual effort, preparation included, so that a member who records a
    /// contribution in a hurry is neither flattered nor short-changed. Writing up and
    /// bringing a case, 1 hour; preparing and giving an expert contribution,
    /// 1½ hours; a presentation, 2 hours; sharing a tool or resource, ½ hour; research,
    /// 4 hours (half a day); hosting a meeting (room, coffee, there early and late),
    /// 4 hours; a helpful post, ¼ hour.
    pub fn default_minutes(self) -> u32 {
        match self {
            Self::Case => 60,
            Self::Expert => 90,
            Self::Presentation => 120,
            Self::Resource => 30,
            Self::Research => 240,
            Self::Hosting => 240,
            Self::HelpfulPost => 15,
        }
    }
}

/// The taking or the bringing side of an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    /// Attended a meeting (its id).
    Took(i64),
    Brought(ContributionKind),
}

impl Entry {
    /// The stored kind: `attended`, or the contribution's kind.
    pub fn kind_str(self) -> &'static str {
        match self {
            Self::Took(_) => "attended",
            Self::Brought(kind) => kind.as_str(),
        }
    }

    /// From a stored row: the kind and, for `attended`, the meeting. `None` when the
    /// two do not fit together.
    pub fn from_row(kind: &str, meeting: Option<i64>) -> Option<Self> {
        match (kind, meeting) {
            ("attended", Some(meeting)) => Some(Self::Took(meeting)),
            ("attended", None) => None,
            (kind, _) => ContributionKind::parse(kind).map(Self::Brought),
        }
    }
}

/// One line of a member's ledger. The date is the Dutch calendar day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LedgerEntry {
    pub date: NaiveDate,
    pub kind: Entry,
    pub minutes: u32,
}

/// The Dutch calendar day of a moment: a meeting at 00:30 Dutch time belongs to
/// that day, not to the UTC day before.
pub fn dutch_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&Amsterdam).date_naive()
}

/// How long before a meeting begins attendance may be recorded: people come early,
/// and the check-in at the door is open then (as for every other session).
pub const ATTENDANCE_EARLY_MINUTES: i64 = 60;

/// Whether attendance of a meeting starting at `starts_at` may be recorded at `now`:
/// from [`ATTENDANCE_EARLY_MINUTES`] before it begins (never for a meeting further
/// ahead: nobody can have been there yet).
pub fn attendance_open(starts_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now >= starts_at - chrono::Duration::minutes(ATTENDANCE_EARLY_MINUTES)
}

impl LedgerEntry {
    /// Attending a meeting: dated on its Dutch day, counting its length.
    pub fn attended(meeting: i64, starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> Self {
        let minutes = (ends_at - starts_at)
            .num_minutes()
            .clamp(0, i64::from(u32::MAX));
        Self {
            date: dutch_date(starts_at),
            kind: Entry::Took(meeting),
            minutes: minutes as u32,
        }
    }
}

/// The form for recording a contribution. Field names: `date` (`2026-12-03`),
/// `kind`, `minutes` (whole minutes; empty: the kind's
/// [`ContributionKind::default_minutes`]), `note` (what it was, optional).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContributionForm {
    pub date: String,
    pub kind: String,
    pub minutes: String,
    pub note: String,
}

/// A contribution, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewContribution {
    pub date: NaiveDate,
    pub kind: ContributionKind,
    pub minutes: u32,
    pub note: String,
}

impl NewContribution {
    /// Its ledger entry.
    pub fn entry(&self) -> LedgerEntry {
        LedgerEntry {
            date: self.date,
            kind: Entry::Brought(self.kind),
            minutes: self.minutes,
        }
    }
}

impl ContributionForm {
    /// Checks every field. A contribution is recorded once made: a date after
    /// `today` (Dutch) is refused.
    pub fn parse(&self, today: NaiveDate) -> Result<NewContribution, Vec<FieldError>> {
        let mut errors = Vec::new();
        let date = match parse_date(&self.date) {
            Ok(date) if date > today => {
                errors.push(FieldError::new("date", "ledger-error-date-future"));
                None
            }
            Ok(date) => Some(date),
            Err(message) => {
                errors.push(FieldError::new("date", message));
                None
            }
        };
        let kind = ContributionKind::parse(self.kind.trim());
        if kind.is_none() {
            errors.push(FieldError::new("kind", "error-choice"));
        }
        let minutes = parse_count(&self.minutes, MAX_ENTRY_MINUTES, 1).unwrap_or_else(|m| {
            errors.push(FieldError::new("minutes", m));
            None
        });
        let note = line(&self.note, MAX_LINE).unwrap_or_else(|message| {
            errors.push(FieldError::new("note", message));
            String::new()
        });
        match (date, kind) {
            (Some(date), Some(kind)) if errors.is_empty() => Ok(NewContribution {
                date,
                kind,
                minutes: minutes.unwrap_or_else(|| kind.default_minutes()),
                note,
            }),
            _ => Err(errors),
        }
    }
}

/// What a member took and brought, over the entries given (the caller picks the
/// period, e.g. since joining). Each meeting is expected once in the ledger.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Balance {
    /// Meetings attended.
    pub attended: u32,
    pub minutes_taken: u32,
    /// Contributions made.
    pub contributions: u32,
    pub minutes_brought: u32,
}

impl Balance {
    pub fn of(entries: &[LedgerEntry]) -> Self {
        entries.iter().fold(Self::default(), |mut b, e| {
            match e.kind {
                Entry::Took(_) => {
                    b.attended += 1;
                    b.minutes_taken = b.minutes_taken.saturating_add(e.minutes);
                }
                Entry::Brought(_) => {
                    b.contributions += 1;
                    b.minutes_brought = b.minutes_brought.saturating_add(e.minutes);
                }
            }
            b
        })
    }
}

/// How much bringing an atelier hopes for: `contributions` per `per_meetings`
/// meetings attended (e.g. 1 per 3). Zero contributions turns the signal off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Threshold {
    pub contributions: u32,
    pub per_meetings: u32,
}

impl Default for Threshold {
    /// One contribution per three meetings attended.
    fn default() -> Self {
        Self {
            contributions: 1,
            per_meetings: 3,
        }
    }
}

/// The most contributions a threshold may ask per period, and the longest period.
pub const MAX_THRESHOLD_CONTRIBUTIONS: u32 = 10;
pub const MAX_THRESHOLD_MEETINGS: u32 = 24;

impl Threshold {
    /// The atelier's settings fields `signal_contributions` (0–10) and
    /// `signal_meetings` (1–24); an empty field keeps the default's value.
    pub fn parse(contributions: &str, per_meetings: &str) -> Result<Self, Vec<FieldError>> {
        let default = Self::default();
        let mut errors = Vec::new();
        let contributions = parse_count(contributions, MAX_THRESHOLD_CONTRIBUTIONS, 0)
            .unwrap_or_else(|m| {
                errors.push(FieldError::new("signal_contributions", m));
                None
            })
            .unwrap_or(default.contributions);
        let per_meetings = parse_count(per_meetings, MAX_THRESHOLD_MEETINGS, 1)
            .unwrap_or_else(|m| {
                errors.push(FieldError::new("signal_meetings", m));
                None
            })
            .unwrap_or(default.per_meetings);
        if errors.is_empty() {
            Ok(Self {
                contributions,
                per_meetings,
            })
        } else {
            Err(errors)
        }
    }
}

/// Whether the kartrekker sees the gentle "only takes" signal for a member: they
/// brought fewer than `contributions` for every full `per_meetings` meetings they
/// attended. A member who attended fewer than `per_meetings` meetings never gets
/// it: new members get time. A signal for a conversation, never an automatic step.
pub fn only_takes_signal(balance: &Balance, threshold: Threshold) -> bool {
    if threshold.per_meetings == 0 || balance.attended < threshold.per_meetings {
        return false;
    }
    let hoped = (balance.attended / threshold.per_meetings).saturating_mul(threshold.contributions);
    balance.contributions < hoped
}

/// An atelier's expected time investment per member ("2 uur per maand").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExpectedTime {
    pub minutes_per_month: u32,
}

impl ExpectedTime {
    /// The settings fields `expected_hours` (0–40) and `expected_minutes` (0–59,
    /// optional) per month, at most 40 hours in all. Both empty, or zero: no
    /// expectation (`None`).
    pub fn parse(hours: &str, minutes: &str) -> Result<Option<Self>, Vec<FieldError>> {
        let mut errors = Vec::new();
        let hours = parse_count(hours, MAX_EXPECTED_MINUTES / 60, 0).unwrap_or_else(|m| {
            errors.push(FieldError::new("expected_hours", m));
            None
        });
        let minutes = parse_count(minutes, 59, 0).unwrap_or_else(|m| {
            errors.push(FieldError::new("expected_minutes", m));
            None
        });
        let total = hours.unwrap_or(0) * 60 + minutes.unwrap_or(0);
        if errors.is_empty() && total > MAX_EXPECTED_MINUTES {
            errors.push(FieldError::new(
                "expected_hours",
                "ledger-error-expected-too-much",
            ));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok((total > 0).then_some(Self {
            minutes_per_month: total,
        }))
    }

    /// Whole hours, for the form kept filled in.
    pub fn hours(self) -> u32 {
        self.minutes_per_month / 60
    }

    /// The minutes beyond the whole hours.
    pub fn minutes(self) -> u32 {
        self.minutes_per_month % 60
    }
}

/// A member's time in one calendar month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MonthHours {
    pub month: YearMonth,
    /// Minutes in meetings attended.
    pub attended_minutes: u32,
    /// Minutes of contributions.
    pub contributed_minutes: u32,
    /// The atelier's expectation, when it has one.
    pub expected_minutes: Option<u32>,
}

impl MonthHours {
    pub fn total_minutes(&self) -> u32 {
        self.attended_minutes
            .saturating_add(self.contributed_minutes)
    }

    /// Whether the month reached the expectation; `None` without one.
    pub fn meets_expected(&self) -> Option<bool> {
        self.expected_minutes.map(|e| self.total_minutes() >= e)
    }
}

fn previous(month: YearMonth) -> YearMonth {
    if month.month == 1 {
        YearMonth {
            year: month.year - 1,
            month: 12,
        }
    } else {
        YearMonth {
            year: month.year,
            month: month.month - 1,
        }
    }
}

/// A member's time for the last `months` calendar months up to and including
/// `today`'s (Dutch) month, oldest first, with empty months shown as zero. Entries
/// outside those months are left out.
pub fn month_hours(
    entries: &[LedgerEntry],
    expected: Option<ExpectedTime>,
    today: NaiveDate,
    months: u32,
) -> Vec<MonthHours> {
    let mut month = YearMonth::of(today);
    let mut out = Vec::new();
    for _ in 0..months {
        out.push(MonthHours {
            month,
            attended_minutes: 0,
            contributed_minutes: 0,
            expected_minutes: expected.map(|e| e.minutes_per_month),
        });
        month = previous(month);
    }
    out.reverse();
    for entry in entries {
        let of = YearMonth {
            year: entry.date.year(),
            month: entry.date.month(),
        };
        if let Some(row) = out.iter_mut().find(|r| r.month == of) {
            let sum = match entry.kind {
                Entry::Took(_) => &mut row.attended_minutes,
                Entry::Brought(_) => &mut row.contributed_minutes,
            };
            *sum = sum.saturating_add(entry.minutes);
        }
    }
    out
}

/// Whether someone may see a member's ledger: the member themselves, and whoever
/// runs the atelier (who sees everyone's).
pub fn may_see_ledger(standing: Standing, own: bool) -> bool {
    match standing {
        Standing::Runs(_) => true,
        Standing::Member(_) => own,
        Standing::Waiting(_) | Standing::Outside => false,
    }
}

#[cfg(test)]
mod tests;
