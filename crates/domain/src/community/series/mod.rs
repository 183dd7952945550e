//! An atelier's meeting series: "het leeratelier komt iedere twee maanden bij elkaar",
//! on one weekday of the month (the second Tuesday, the last Thursday) from one
//! Dutch wall-clock time to another. The series form ([`SeriesForm`]) becomes a
//! [`Series`]; a series is stored as RFC 5545 text (an `RRULE` beside its first date
//! and times, [`Series::rrule`], [`Series::from_rrule`]), yields its meetings in UTC
//! across summer time ([`Series::occurrences`]), tells a job which meetings to create
//! ahead of time ([`due_occurrences`]) and gives the parts a page words it from
//! ([`Description`]).
//!
//! Only the subset we write is read back: `FREQ=MONTHLY`, an `INTERVAL` of 1 to 12
//! months, one `BYDAY` with an ordinal (1 to 4, or -1 for the last) and an optional
//! `UNTIL` in UTC. That is all the form can say, and a rule outside it is refused
//! rather than half understood.
//!
//! Times that do not exist (the hour skipped when summer time starts, 02:00–03:00 on
//! the last Sunday of March) are never shifted: the form refuses them
//! ("series-error-nonexistent-time") and [`Series::occurrences`] reports them as a
//! [`NonexistentTime`] in place of the meeting. The repeated autumn hour takes the
//! first of the two, as [`amsterdam`] does.

use std::fmt;

use chrono::{
    DateTime, Datelike, Months, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Utc,
    Weekday,
};
use chrono_tz::Europe::Amsterdam;
use serde::Serialize;

use crate::input::{FieldError, amsterdam, in_date_range, parse_date};

/// How many months apart meetings are when the form leaves it open: the leeratelier
/// meets every two months.
pub const DEFAULT_INTERVAL_MONTHS: u32 = 2;
/// The longest interval: once a year.
pub const MAX_INTERVAL_MONTHS: u32 = 12;
/// How many meetings the form checks for a time in the skipped spring hour. Every
/// month of the year comes round within twelve meetings, and a "fourth Sunday" is the
/// last one in some Marches only, so sixty is plenty; later ones are still reported
/// by [`Series::occurrences`].
pub const CHECKED_OCCURRENCES: usize = 60;

/// Which of the month's weekdays: the first to the fourth, or the last (`-1` in
/// RFC 5545). A fifth is not offered: most months have none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Week {
    First,
    Second,
    Third,
    Fourth,
    Last,
}

impl Week {
    pub const ALL: [Week; 5] = [
        Week::First,
        Week::Second,
        Week::Third,
        Week::Fourth,
        Week::Last,
    ];

    /// As in RFC 5545 and the form: 1 to 4, or -1.
    pub fn ordinal(self) -> i8 {
        match self {
            Self::First => 1,
            Self::Second => 2,
            Self::Third => 3,
            Self::Fourth => 4,
            Self::Last => -1,
        }
    }

    pub fn from_ordinal(ordinal: i8) -> Option<Self> {
        Self::ALL.into_iter().find(|w| w.ordinal() == ordinal)
    }

    /// For message ids: `first` … `fourth`, `last`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::First => "first",
            Self::Second => "second",
            Self::Third => "third",
            Self::Fourth => "fourth",
            Self::Last => "last",
        }
    }
}

/// A checked series. Its first date is its first meeting, so the interval counts from
/// that month and the date is a valid RFC 5545 `DTSTART` for the rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Series {
    interval_months: u32,
    week: Week,
    weekday: Weekday,
    start: NaiveTime,
    end: NaiveTime,
    first: NaiveDate,
    until: Option<NaiveDate>,
}

/// The series form as sent. Field names are the form's: `interval_months` ("1" to
/// "12", empty for every two months), `weekday` ("1" Monday to "7" Sunday), `week`
/// ("1" to "4", "-1" for the last), `start_time` and `end_time` ("19:00"),
/// `first_date` (the series starts on or after it) and `until` (optional, the last
/// day a meeting may fall on).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
pub struct SeriesForm {
    #[serde(default)]
    pub interval_months: String,
    #[serde(default)]
    pub weekday: String,
    #[serde(default)]
    pub week: String,
    #[serde(default)]
    pub start_time: String,
    #[serde(default)]
    pub end_time: String,
    #[serde(default)]
    pub first_date: String,
    #[serde(default)]
    pub until: String,
}

/// One meeting of a series: its Dutch date and its start and end in UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Occurrence {
    pub date: NaiveDate,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

/// A meeting whose start or end time does not exist on its date (the hour skipped when
/// summer time starts). It stands in the list where the meeting would, so a job can
/// tell the kartrekker instead of silently moving it an hour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NonexistentTime {
    pub date: NaiveDate,
    pub start_skipped: bool,
    pub end_skipped: bool,
}

/// The parts of a series a page words from its catalogs: "iedere twee maanden op de
/// tweede dinsdag, 19:00–21:00, vanaf 12 januari 2027".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Description {
    pub interval_months: u32,
    pub week: Week,
    pub weekday: Weekday,
    pub start: NaiveTime,
    pub end: NaiveTime,
    /// The first meeting.
    pub first: NaiveDate,
    /// The last day a meeting may fall on, if any.
    pub until: Option<NaiveDate>,
}

/// Why stored RRULE text could not be read back. These are programming or data
/// errors (we only store what [`Series::rrule`] writes), not a person's typing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RruleError {
    /// A part is not `NAME=VALUE`, a name comes twice, or a value does not parse.
    Malformed(String),
    /// A name or value outside the subset (`FREQ=WEEKLY`, `COUNT`, `BYSETPOS`, …).
    Unsupported(String),
    /// `FREQ` or `BYDAY` is missing.
    Missing(&'static str),
    /// The first date is not a day of the rule (so not a valid `DTSTART`).
    FirstDateNotInRule,
    /// The end time is not after the start time.
    EndBeforeStart,
    /// `UNTIL` lies before the first date.
    UntilBeforeFirst,
    /// A date outside 2000–2099.
    OutOfRange,
}

impl fmt::Display for RruleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Malformed(part) => write!(f, "malformed RRULE part {part:?}"),
            Self::Unsupported(part) => write!(f, "unsupported RRULE part {part:?}"),
            Self::Missing(name) => write!(f, "RRULE lacks {name}"),
            Self::FirstDateNotInRule => f.write_str("the first date is not a day of the RRULE"),
            Self::EndBeforeStart => f.write_str("the end time is not after the start time"),
            Self::UntilBeforeFirst => f.write_str("UNTIL lies before the first date"),
            Self::OutOfRange => f.write_str("a date outside 2000-2099"),
        }
    }
}

impl std::error::Error for RruleError {}

impl SeriesForm {
    /// Checks every field and reports each problem at its field. The first meeting is
    /// the first day of the rule on or after `first_date`, in any month; the interval
    /// counts from there. A series whose start or end time falls in the skipped
    /// spring hour on any of its first [`CHECKED_OCCURRENCES`] meetings is refused.
    pub fn parse(&self) -> Result<Series, Vec<FieldError>> {
        let mut errors = Vec::new();
        let interval = match self.interval_months.trim() {
            "" => Some(DEFAULT_INTERVAL_MONTHS),
            raw => raw
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=MAX_INTERVAL_MONTHS).contains(n)),
        };
        if interval.is_none() {
            errors.push(FieldError::new("interval_months", "series-error-interval"));
        }
        let weekday = self.weekday.trim().parse::<u8>().ok().and_then(weekday_of);
        if weekday.is_none() {
            errors.push(FieldError::new("weekday", "series-error-weekday"));
        }
        let week = self
            .week
            .trim()
            .parse::<i8>()
            .ok()
            .and_then(Week::from_ordinal);
        if week.is_none() {
            errors.push(FieldError::new("week", "series-error-week"));
        }
        let start = parse_time(&self.start_time).map_err(|m| FieldError::new("start_time", m));
        let end = parse_time(&self.end_time).map_err(|m| FieldError::new("end_time", m));
        let (start, end) = match (start, end) {
            (Ok(start), Ok(end)) if end <= start => {
                errors.push(FieldError::new("end_time", "series-error-end-before-start"));
                (None, None)
            }
            (start, end) => (
                start.map_err(|e| errors.push(e)).ok(),
                end.map_err(|e| errors.push(e)).ok(),
            ),
        };
        let first_date = parse_date(&self.first_date)
            .map_err(|m| errors.push(FieldError::new("first_date", m)))
            .ok();
        let until = match self.until.trim() {
            "" => Ok(None),
            raw => parse_date(raw)
                .map(Some)
                .map_err(|m| errors.push(FieldError::new("until", m))),
        };
        let (
            Some(interval_months),
            Some(weekday),
            Some(week),
            Some(start),
            Some(end),
            Some(first_date),
            Ok(until),
        ) = (interval, weekday, week, start, end, first_date, until)
        else {
            return Err(errors);
        };
        let Some(first) = first_day_on_or_after(first_date, week, weekday) else {
            return Err(vec![FieldError::new(
                "first_date",
                "editor-error-date-range",
            )]);
        };
        if until.is_some_and(|until| until < first) {
            return Err(vec![FieldError::new(
                "until",
                "series-error-until-before-start",
            )]);
        }
        let series = Series {
            interval_months,
            week,
            weekday,
            start,
            end,
            first,
            until,
        };
        let (start_skipped, end_skipped) = series
            .dates()
            .take(CHECKED_OCCURRENCES)
            .filter_map(|date| series.occurrence(date).err())
            .fold((false, false), |(s, e), gap| {
                (s || gap.start_skipped, e || gap.end_skipped)
            });
        if start_skipped {
            errors.push(FieldError::new(
                "start_time",
                "series-error-nonexistent-time",
            ));
        }
        if end_skipped {
            errors.push(FieldError::new("end_time", "series-error-nonexistent-time"));
        }
        if errors.is_empty() {
            Ok(series)
        } else {
            Err(errors)
        }
    }
}

impl From<&Series> for SeriesForm {
    /// The form filled in with a series, to change it.
    fn from(series: &Series) -> Self {
        Self {
            interval_months: series.interval_months.to_string(),
            weekday: series.weekday.number_from_monday().to_string(),
            week: series.week.ordinal().to_string(),
            start_time: series.start.format("%H:%M").to_string(),
            end_time: series.end.format("%H:%M").to_string(),
            first_date: series.first.to_string(),
            until: series.until.map(|d| d.to_string()).unwrap_or_default(),
        }
    }
}

impl Series {
    /// The first meeting's date: store it with the RRULE and the times.
    pub fn first_date(&self) -> NaiveDate {
        self.first
    }

    pub fn start_time(&self) -> NaiveTime {
        self.start
    }

    pub fn end_time(&self) -> NaiveTime {
        self.end
    }

    pub fn description(&self) -> Description {
        Description {
            interval_months: self.interval_months,
            week: self.week,
            weekday: self.weekday,
            start: self.start,
            end: self.end,
            first: self.first,
            until: self.until,
        }
    }

    /// The RFC 5545 rule, e.g. `FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU`, with
    /// `;UNTIL=20270630T215959Z` when the series ends: the end of the last Dutch day
    /// in UTC, as RFC 5545 asks when `DTSTART` names a zone.
    pub fn rrule(&self) -> String {
        let mut rule = format!(
            "FREQ=MONTHLY;INTERVAL={};BYDAY={}{}",
            self.interval_months,
            self.week.ordinal(),
            weekday_code(self.weekday)
        );
        if let Some(until) = self.until {
            let end_of_day = local_midnight(until + TimeDelta::days(1)) - TimeDelta::seconds(1);
            rule.push_str(&format!(";UNTIL={}", end_of_day.format("%Y%m%dT%H%M%SZ")));
        }
        rule
    }

    /// The `DTSTART` property for a calendar file:
    /// `DTSTART;TZID=Europe/Amsterdam:20270112T190000`.
    pub fn dtstart(&self) -> String {
        format!(
            "DTSTART;TZID=Europe/Amsterdam:{}",
            self.first.and_time(self.start).format("%Y%m%dT%H%M%S")
        )
    }

    /// The `DTEND` property of the first meeting, likewise.
    pub fn dtend(&self) -> String {
        format!(
            "DTEND;TZID=Europe/Amsterdam:{}",
            self.first.and_time(self.end).format("%Y%m%dT%H%M%S")
        )
    }

    /// A stored series back: the text of [`Series::rrule`] (an `RRULE:` prefix and
    /// lower case are accepted), its first date and times. `UNTIL` is read as the
    /// Dutch date it falls on. Anything outside the subset is an error, never a panic.
    pub fn from_rrule(
        rrule: &str,
        first: NaiveDate,
        start: NaiveTime,
        end: NaiveTime,
    ) -> Result<Self, RruleError> {
        let text = rrule.trim();
        let text = match text.get(..6) {
            Some(prefix) if prefix.eq_ignore_ascii_case("RRULE:") => &text[6..],
            _ => text,
        };
        let (mut freq, mut interval, mut byday, mut until) = (None, None, None, None);
        for part in text.split(';') {
            let Some((name, value)) = part.split_once('=') else {
                return Err(RruleError::Malformed(part.to_owned()));
            };
            let value = value.to_ascii_uppercase();
            let slot = match name.to_ascii_uppercase().as_str() {
                "FREQ" if value == "MONTHLY" => &mut freq,
                "FREQ" => return Err(RruleError::Unsupported(part.to_owned())),
                "INTERVAL" => &mut interval,
                "BYDAY" => &mut byday,
                "UNTIL" => &mut until,
                _ => return Err(RruleError::Unsupported(part.to_owned())),
            };
            if slot.replace(value).is_some() {
                return Err(RruleError::Malformed(part.to_owned()));
            }
        }
        let malformed = |value: &str| RruleError::Malformed(value.to_owned());
        freq.ok_or(RruleError::Missing("FREQ"))?;
        let interval_months = match interval {
            None => 1,
            Some(value) => value
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=MAX_INTERVAL_MONTHS).contains(n))
                .ok_or_else(|| RruleError::Unsupported(format!("INTERVAL={value}")))?,
        };
        let byday = byday.ok_or(RruleError::Missing("BYDAY"))?;
        let (week, weekday) = parse_byday(&byday)?;
        let until = match until {
            None => None,
            Some(value) => {
                let utc = NaiveDateTime::parse_from_str(&value, "%Y%m%dT%H%M%SZ")
                    .map_err(|_| malformed(&value))?;
                Some(
                    Utc.from_utc_datetime(&utc)
                        .with_timezone(&Amsterdam)
                        .date_naive(),
                )
            }
        };
        if !in_date_range(first) || until.is_some_and(|u| !in_date_range(u)) {
            return Err(RruleError::OutOfRange);
        }
        if day_in_month(first.year(), first.month(), week, weekday) != Some(first) {
            return Err(RruleError::FirstDateNotInRule);
        }
        if end <= start {
            return Err(RruleError::EndBeforeStart);
        }
        if until.is_some_and(|u| u < first) {
            return Err(RruleError::UntilBeforeFirst);
        }
        Ok(Self {
            interval_months,
            week,
            weekday,
            start,
            end,
            first,
            until,
        })
    }

    /// The meetings that start at or after `from` and before `until`, in order, at
    /// most `max`. A meeting whose time does not exist that day is listed as a
    /// [`NonexistentTime`] (placed as if the clock had not moved yet), never shifted.
    /// The series ends at its own `until` date and in 2099 at the latest.
    pub fn occurrences(
        &self,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
        max: usize,
    ) -> Vec<Result<Occurrence, NonexistentTime>> {
        self.moments()
            .skip_while(|(at, _)| *at < from)
            .take_while(|(at, _)| *at < until)
            .map(|(_, occurrence)| occurrence)
            .take(max)
            .collect()
    }

    /// The Dutch dates of the meetings, from the first, ending at `until` or in 2099.
    fn dates(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        let first_month = self.first.year() * 12 + self.first.month0() as i32;
        let step = self.interval_months as i32;
        (0..)
            .map(move |k: i32| first_month + k * step)
            .map_while(|month| {
                let (year, month) = (month.div_euclid(12), month.rem_euclid(12) as u32 + 1);
                day_in_month(year, month, self.week, self.weekday)
            })
            .take_while(|date| in_date_range(*date) && self.until.is_none_or(|u| *date <= u))
    }

    /// Each meeting with the moment it sorts by: its start, or for a nonexistent time
    /// the wall-clock time read with the offset of that day's midnight.
    fn moments(
        &self,
    ) -> impl Iterator<Item = (DateTime<Utc>, Result<Occurrence, NonexistentTime>)> + '_ {
        self.dates().map(|date| {
            let occurrence = self.occurrence(date);
            let at = match occurrence {
                Ok(o) => o.starts_at,
                Err(_) => local_midnight(date) + (self.start - NaiveTime::MIN),
            };
            (at, occurrence)
        })
    }

    fn occurrence(&self, date: NaiveDate) -> Result<Occurrence, NonexistentTime> {
        match (
            amsterdam(date.and_time(self.start)),
            amsterdam(date.and_time(self.end)),
        ) {
            (Some(starts_at), Some(ends_at)) => Ok(Occurrence {
                date,
                starts_at,
                ends_at,
            }),
            (start, end) => Err(NonexistentTime {
                date,
                start_skipped: start.is_none(),
                end_skipped: end.is_none(),
            }),
        }
    }
}

/// The meetings a job should create now: those starting within `now` and
/// `horizon_months` months later (both ends included) whose date is not in
/// `existing_dates`.
///
/// `existing_dates` are the series dates of the meetings already made from it — the
/// date each was generated for, kept on the meeting beside its own (changeable) start,
/// and kept when a meeting is cancelled. So a meeting moved by hand from 12 to 19
/// January still holds 12 January and is not made again, and a cancelled one stays
/// cancelled. When the rule itself changes, the caller first removes the future
/// meetings made from the old rule that nobody touched.
pub fn due_occurrences(
    series: &Series,
    existing_dates: &[NaiveDate],
    now: DateTime<Utc>,
    horizon_months: u32,
) -> Vec<Result<Occurrence, NonexistentTime>> {
    let end = now
        .checked_add_months(Months::new(horizon_months))
        .unwrap_or(DateTime::<Utc>::MAX_UTC);
    series
        .moments()
        .skip_while(|(at, _)| *at < now)
        .take_while(|(at, _)| *at <= end)
        .map(|(_, occurrence)| occurrence)
        .filter(|occurrence| {
            let date = match occurrence {
                Ok(o) => o.date,
                Err(gap) => gap.date,
            };
            !existing_dates.contains(&date)
        })
        .collect()
}

/// "1" Monday to "7" Sunday, as ISO 8601 and the form count.
fn weekday_of(number: u8) -> Option<Weekday> {
    use Weekday::*;
    [Mon, Tue, Wed, Thu, Fri, Sat, Sun]
        .get(usize::from(number).checked_sub(1)?)
        .copied()
}

fn weekday_code(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

/// `2TU`, `+2TU`, `-1TH`: one weekday with an ordinal, which we require.
fn parse_byday(value: &str) -> Result<(Week, Weekday), RruleError> {
    let unsupported = || RruleError::Unsupported(format!("BYDAY={value}"));
    let split = value
        .len()
        .checked_sub(2)
        .filter(|at| value.is_char_boundary(*at))
        .ok_or_else(unsupported)?;
    let (ordinal, code) = value.split_at(split);
    let weekday = (1..=7)
        .filter_map(weekday_of)
        .find(|d| weekday_code(*d) == code)
        .ok_or_else(unsupported)?;
    let digits = ordinal.strip_prefix(['+', '-']).unwrap_or(ordinal);
    let week = Some(ordinal)
        .filter(|_| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|ordinal| ordinal.parse::<i8>().ok())
        .and_then(Week::from_ordinal)
        .ok_or_else(unsupported)?;
    Ok((week, weekday))
}

fn parse_time(raw: &str) -> Result<NaiveTime, &'static str> {
    let value = raw.trim();
    if value.is_empty() {
        return Err("series-error-time-required");
    }
    NaiveTime::parse_from_str(value, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(value, "%H:%M:%S"))
        .map_err(|_| "series-error-time")
}

/// The rule's day in one month: the nth weekday counted from the first, or the last.
fn day_in_month(year: i32, month: u32, week: Week, weekday: Weekday) -> Option<NaiveDate> {
    match week {
        Week::Last => {
            let (next_year, next_month) = if month == 12 {
                (year + 1, 1)
            } else {
                (year, month + 1)
            };
            let last = NaiveDate::from_ymd_opt(next_year, next_month, 1)?.pred_opt()?;
            let back =
                (7 + last.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
            last.checked_sub_signed(TimeDelta::days(i64::from(back)))
        }
        _ => {
            let first = NaiveDate::from_ymd_opt(year, month, 1)?;
            let ahead =
                (7 + weekday.num_days_from_monday() - first.weekday().num_days_from_monday()) % 7;
            let weeks = u32::try_from(week.ordinal() - 1).ok()?;
            NaiveDate::from_ymd_opt(year, month, 1 + ahead + 7 * weeks)
        }
    }
}

/// The rule's first day on or after `date`, within 2000–2099.
fn first_day_on_or_after(date: NaiveDate, week: Week, weekday: Weekday) -> Option<NaiveDate> {
    let next_month = date.checked_add_months(Months::new(1))?;
    [date, next_month]
        .into_iter()
        .filter_map(|d| day_in_month(d.year(), d.month(), week, weekday))
        .find(|d| *d >= date)
        .filter(|d| in_date_range(*d))
}

/// Midnight of a Dutch date in UTC. Midnight always exists in Amsterdam (the clocks
/// change at 02:00 and 03:00); the fallback only keeps this total.
fn local_midnight(date: NaiveDate) -> DateTime<Utc> {
    let midnight = date.and_time(NaiveTime::MIN);
    amsterdam(midnight).unwrap_or_else(|| Utc.from_utc_datetime(&midnight))
}

#[cfg(test)]
mod tests;
