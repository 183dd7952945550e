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
mod tests {
    use super::*;

    fn form(interval: &str, weekday: &str, week: &str, times: (&str, &str)) -> SeriesForm {
        SeriesForm {
            interval_months: interval.into(),
            weekday: weekday.into(),
            week: week.into(),
            start_time: times.0.into(),
            end_time: times.1.into(),
            first_date: "2026-12-01".into(),
            until: String::new(),
        }
    }

    /// The second Tuesday, 19:00–21:00, every two months from December 2026.
    fn tuesdays() -> SeriesForm {
        form("2", "2", "2", ("19:00", "21:00"))
    }

    fn date(raw: &str) -> NaiveDate {
        NaiveDate::parse_from_str(raw, "%Y-%m-%d").unwrap()
    }

    fn utc(raw: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(raw).unwrap().to_utc()
    }

    fn time(raw: &str) -> NaiveTime {
        NaiveTime::parse_from_str(raw, "%H:%M").unwrap()
    }

    fn errors(form: &SeriesForm) -> Vec<(String, &'static str)> {
        form.parse()
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.message))
            .collect()
    }

    fn one_error(form: &SeriesForm) -> (String, &'static str) {
        let errors = errors(form);
        assert_eq!(errors.len(), 1, "{errors:?}");
        errors[0].clone()
    }

    fn all(series: &Series) -> Vec<Result<Occurrence, NonexistentTime>> {
        series.occurrences(
            DateTime::<Utc>::MIN_UTC,
            DateTime::<Utc>::MAX_UTC,
            usize::MAX,
        )
    }

    fn dates(series: &Series, max: usize) -> Vec<String> {
        all(series)
            .into_iter()
            .take(max)
            .map(|o| o.unwrap().date.to_string())
            .collect()
    }

    #[test]
    fn a_filled_in_form_becomes_a_series_starting_at_its_first_meeting() {
        let series = SeriesForm {
            interval_months: " 2 ".into(),
            weekday: " 2".into(),
            week: "2 ".into(),
            start_time: " 19:00 ".into(),
            end_time: "21:00:00".into(),
            first_date: " 2026-12-01 ".into(),
            until: " 2027-06-30 ".into(),
        }
        .parse()
        .unwrap();
        assert_eq!(
            series.description(),
            Description {
                interval_months: 2,
                week: Week::Second,
                weekday: Weekday::Tue,
                start: time("19:00"),
                end: time("21:00"),
                first: date("2026-12-08"),
                until: Some(date("2027-06-30")),
            }
        );
        assert_eq!(series.first_date(), date("2026-12-08"));
        assert_eq!(
            (series.start_time(), series.end_time()),
            (time("19:00"), time("21:00"))
        );
    }

    #[test]
    fn an_empty_interval_means_every_two_months() {
        let series = form("", "4", "-1", ("10:00", "12:00")).parse().unwrap();
        assert_eq!(series.description().interval_months, 2);
        assert_eq!(
            dates(&series, 3),
            ["2026-12-31", "2027-02-25", "2027-04-29"]
        );
    }

    #[test]
    fn an_empty_form_names_every_required_field() {
        assert_eq!(
            errors(&SeriesForm::default()),
            [
                ("weekday".into(), "series-error-weekday"),
                ("week".into(), "series-error-week"),
                ("start_time".into(), "series-error-time-required"),
                ("end_time".into(), "series-error-time-required"),
                ("first_date".into(), "editor-error-date-required"),
            ]
        );
    }

    #[test]
    fn each_field_refuses_what_it_cannot_mean() {
        for interval in ["0", "13", "-1", "twee", "1.5", "2 maanden"] {
            let mut f = tuesdays();
            f.interval_months = interval.into();
            assert_eq!(
                one_error(&f),
                ("interval_months".into(), "series-error-interval"),
                "{interval}"
            );
        }
        for weekday in ["0", "8", "-1", "di", "Tuesday"] {
            let mut f = tuesdays();
            f.weekday = weekday.into();
            assert_eq!(
                one_error(&f),
                ("weekday".into(), "series-error-weekday"),
                "{weekday}"
            );
        }
        for week in ["", "0", "5", "-2", "1.0", "laatste"] {
            let mut f = tuesdays();
            f.week = week.into();
            assert_eq!(
                one_error(&f),
                ("week".into(), "series-error-week"),
                "{week}"
            );
        }
        for bad in ["25:00", "19:60", "7 uur", "19.00", "19"] {
            let mut f = tuesdays();
            f.start_time = bad.into();
            assert_eq!(
                one_error(&f),
                ("start_time".into(), "series-error-time"),
                "{bad}"
            );
            let mut f = tuesdays();
            f.end_time = bad.into();
            assert_eq!(
                one_error(&f),
                ("end_time".into(), "series-error-time"),
                "{bad}"
            );
        }
        for (bad, message) in [
            ("2026-02-30", "editor-error-date"),
            ("1-12-2026", "editor-error-date"),
            ("1999-12-31", "editor-error-date-range"),
            ("2100-01-01", "editor-error-date-range"),
        ] {
            let mut f = tuesdays();
            f.first_date = bad.into();
            assert_eq!(one_error(&f), ("first_date".into(), message), "{bad}");
            let mut f = tuesdays();
            f.until = bad.into();
            assert_eq!(one_error(&f), ("until".into(), message), "{bad}");
        }
    }

    #[test]
    fn the_end_must_come_after_the_start_on_the_same_day() {
        for (start, end) in [("19:00", "19:00"), ("21:00", "19:00"), ("23:00", "01:00")] {
            assert_eq!(
                one_error(&form("2", "2", "2", (start, end))),
                ("end_time".into(), "series-error-end-before-start"),
                "{start}-{end}"
            );
        }
    }

    #[test]
    fn the_end_date_may_not_lie_before_the_first_meeting() {
        let mut f = tuesdays();
        f.until = "2026-11-30".into();
        assert_eq!(
            one_error(&f),
            ("until".into(), "series-error-until-before-start")
        );
        // After the first date but before the first meeting (8 December).
        f.until = "2026-12-07".into();
        assert_eq!(
            one_error(&f),
            ("until".into(), "series-error-until-before-start")
        );
        f.until = "2026-12-08".into();
        assert_eq!(dates(&f.parse().unwrap(), 9), ["2026-12-08"]);
    }

    #[test]
    fn a_first_meeting_after_2099_is_out_of_range() {
        let mut f = form("1", "1", "1", ("19:00", "21:00"));
        f.first_date = "2099-12-20".into();
        assert_eq!(
            one_error(&f),
            ("first_date".into(), "editor-error-date-range")
        );
        f.week = "-1".into();
        assert_eq!(f.parse().unwrap().first_date(), date("2099-12-28"));
    }

    #[test]
    fn the_rrule_names_the_interval_the_week_and_the_weekday() {
        let series = tuesdays().parse().unwrap();
        assert_eq!(series.rrule(), "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU");
        assert_eq!(
            series.dtstart(),
            "DTSTART;TZID=Europe/Amsterdam:20261208T190000"
        );
        assert_eq!(
            series.dtend(),
            "DTEND;TZID=Europe/Amsterdam:20261208T210000"
        );
        let last = form("1", "7", "-1", ("10:00", "12:00")).parse().unwrap();
        assert_eq!(last.rrule(), "FREQ=MONTHLY;INTERVAL=1;BYDAY=-1SU");
    }

    #[test]
    fn until_is_the_end_of_the_dutch_day_in_utc() {
        let mut f = tuesdays();
        f.until = "2027-06-30".into();
        assert_eq!(
            f.parse().unwrap().rrule(),
            "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU;UNTIL=20270630T215959Z",
            "summer: UTC+2"
        );
        f.until = "2027-01-31".into();
        assert!(
            f.parse()
                .unwrap()
                .rrule()
                .ends_with(";UNTIL=20270131T225959Z"),
            "winter: UTC+1"
        );
        f.until = "2099-12-31".into();
        assert!(
            f.parse()
                .unwrap()
                .rrule()
                .ends_with(";UNTIL=20991231T225959Z")
        );
    }

    #[test]
    fn every_series_the_form_can_make_round_trips_through_its_rrule() {
        for interval in 1..=MAX_INTERVAL_MONTHS {
            for weekday in 1..=7 {
                for week in Week::ALL {
                    for until in ["", "2027-03-31", "2030-10-27", "2099-12-31"] {
                        let mut f = form(
                            &interval.to_string(),
                            &weekday.to_string(),
                            &week.ordinal().to_string(),
                            ("19:00", "21:30"),
                        );
                        f.until = until.into();
                        let series = f.parse().unwrap();
                        let back = Series::from_rrule(
                            &series.rrule(),
                            series.first_date(),
                            series.start_time(),
                            series.end_time(),
                        );
                        assert_eq!(back.as_ref(), Ok(&series), "{}", series.rrule());
                        assert_eq!(SeriesForm::from(&series).parse(), Ok(series));
                    }
                }
            }
        }
    }

    #[test]
    fn a_stored_rrule_may_carry_a_prefix_lower_case_and_a_default_interval() {
        let first = date("2026-12-31");
        let (start, end) = (time("10:00"), time("12:00"));
        let series = Series::from_rrule(
            "RRULE:freq=monthly;byday=+4th",
            date("2026-12-24"),
            start,
            end,
        )
        .unwrap();
        assert_eq!(series.description().interval_months, 1, "RFC 5545 default");
        assert_eq!(series.description().week, Week::Fourth);
        let series = Series::from_rrule(
            "BYDAY=-1TH;UNTIL=20270131T225959Z;FREQ=MONTHLY;INTERVAL=3",
            first,
            start,
            end,
        )
        .unwrap();
        assert_eq!(series.description().until, Some(date("2027-01-31")));
        assert_eq!(
            series.rrule(),
            "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1TH;UNTIL=20270131T225959Z"
        );
    }

    #[test]
    fn rrules_outside_the_subset_are_refused() {
        let (first, start, end) = (date("2026-12-08"), time("19:00"), time("21:00"));
        let read = |rule: &str| Series::from_rrule(rule, first, start, end).unwrap_err();
        use RruleError::*;
        for (rule, error) in [
            ("", Malformed("".into())),
            ("FREQ=MONTHLY;;BYDAY=2TU", Malformed("".into())),
            ("FREQ=MONTHLY;BYDAY=2TU;", Malformed("".into())),
            ("FREQ", Malformed("FREQ".into())),
            ("FREQ=WEEKLY;BYDAY=TU", Unsupported("FREQ=WEEKLY".into())),
            ("FREQ=YEARLY;BYDAY=2TU", Unsupported("FREQ=YEARLY".into())),
            (
                "FREQ=MONTHLY;BYDAY=2TU;COUNT=5",
                Unsupported("COUNT=5".into()),
            ),
            (
                "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2",
                Unsupported("BYSETPOS=2".into()),
            ),
            ("FREQ=MONTHLY;BYDAY=TU", Unsupported("BYDAY=TU".into())),
            (
                "FREQ=MONTHLY;BYMONTHDAY=8",
                Unsupported("BYMONTHDAY=8".into()),
            ),
            (
                "FREQ=MONTHLY;BYDAY=2TU;WKST=MO",
                Unsupported("WKST=MO".into()),
            ),
            (
                "FREQ=MONTHLY;BYDAY=2TU,4TU",
                Unsupported("BYDAY=2TU,4TU".into()),
            ),
            ("FREQ=MONTHLY;BYDAY=5TU", Unsupported("BYDAY=5TU".into())),
            ("FREQ=MONTHLY;BYDAY=-2TU", Unsupported("BYDAY=-2TU".into())),
            (
                "FREQ=MONTHLY;BYDAY=+-1TU",
                Unsupported("BYDAY=+-1TU".into()),
            ),
            ("FREQ=MONTHLY;BYDAY=2XX", Unsupported("BYDAY=2XX".into())),
            ("FREQ=MONTHLY;BYDAY=2é", Unsupported("BYDAY=2é".into())),
            ("FREQ=MONTHLY;BYDAY=é", Unsupported("BYDAY=é".into())),
            (
                "FREQ=MONTHLY;INTERVAL=0;BYDAY=2TU",
                Unsupported("INTERVAL=0".into()),
            ),
            (
                "FREQ=MONTHLY;INTERVAL=24;BYDAY=2TU",
                Unsupported("INTERVAL=24".into()),
            ),
            ("FREQ=MONTHLY", Missing("BYDAY")),
            ("BYDAY=2TU", Missing("FREQ")),
            (
                "FREQ=MONTHLY;FREQ=MONTHLY;BYDAY=2TU",
                Malformed("FREQ=MONTHLY".into()),
            ),
            (
                "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20270630",
                Malformed("20270630".into()),
            ),
            (
                "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20270630T215959",
                Malformed("20270630T215959".into()),
            ),
            (
                "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20261130T225959Z",
                UntilBeforeFirst,
            ),
            ("FREQ=MONTHLY;BYDAY=2TU;UNTIL=21000101T120000Z", OutOfRange),
            ("FREQ=MONTHLY;BYDAY=3TU", FirstDateNotInRule),
            ("FREQ=MONTHLY;BYDAY=2WE", FirstDateNotInRule),
        ] {
            assert_eq!(read(rule), error, "{rule}");
        }
        let rule = "FREQ=MONTHLY;BYDAY=2TU";
        assert_eq!(
            Series::from_rrule(rule, first, end, start),
            Err(EndBeforeStart)
        );
        assert_eq!(
            Series::from_rrule(rule, date("2126-12-08"), start, end),
            Err(OutOfRange)
        );
        assert!(!read("FREQ=DAILY").to_string().is_empty());
    }

    proptest::proptest! {
        #[test]
        fn reading_any_text_as_an_rrule_never_panics(rule in ".{0,60}", tail in "(;[A-Z]{0,8}=[-+0-9A-Z]{0,18}){0,3}") {
            let (first, start, end) = (date("2026-12-08"), time("19:00"), time("21:00"));
            let _ = Series::from_rrule(&rule, first, start, end);
            let _ = Series::from_rrule(&format!("FREQ=MONTHLY{tail}"), first, start, end);
        }
    }

    #[test]
    fn a_1900_meeting_is_1800z_in_winter_and_1700z_in_summer() {
        let mut f = form("1", "2", "2", ("19:00", "21:00"));
        f.first_date = "2027-01-01".into();
        let series = f.parse().unwrap();
        let starts: Vec<_> = all(&series)
            .into_iter()
            .take(12)
            .map(|o| o.unwrap())
            .map(|o| {
                (
                    o.date.to_string(),
                    o.starts_at.to_rfc3339(),
                    o.ends_at - o.starts_at,
                )
            })
            .collect();
        let two_hours = TimeDelta::hours(2);
        let expected = [
            ("2027-01-12", "2027-01-12T18:00:00+00:00"),
            ("2027-02-09", "2027-02-09T18:00:00+00:00"),
            ("2027-03-09", "2027-03-09T18:00:00+00:00"),
            // Summer time from 28 March 2027.
            ("2027-04-13", "2027-04-13T17:00:00+00:00"),
            ("2027-05-11", "2027-05-11T17:00:00+00:00"),
            ("2027-06-08", "2027-06-08T17:00:00+00:00"),
            ("2027-07-13", "2027-07-13T17:00:00+00:00"),
            ("2027-08-10", "2027-08-10T17:00:00+00:00"),
            ("2027-09-14", "2027-09-14T17:00:00+00:00"),
            ("2027-10-12", "2027-10-12T17:00:00+00:00"),
            // Winter time from 31 October 2027.
            ("2027-11-09", "2027-11-09T18:00:00+00:00"),
            ("2027-12-14", "2027-12-14T18:00:00+00:00"),
        ]
        .map(|(d, s)| (d.to_string(), s.to_string(), two_hours));
        assert_eq!(starts, expected);
    }

    #[test]
    fn meetings_on_the_days_the_clocks_change_keep_their_wall_clock_time() {
        // The last Sunday of March and of October 2027: the 28th and the 31st.
        let mut f = form("1", "7", "-1", ("19:00", "21:00"));
        f.first_date = "2027-03-01".into();
        let series = f.parse().unwrap();
        let found =
            series.occurrences(utc("2027-03-01T00:00:00Z"), utc("2027-12-01T00:00:00Z"), 20);
        let march = found[0].unwrap();
        assert_eq!(march.date, date("2027-03-28"));
        assert_eq!(march.starts_at, utc("2027-03-28T17:00:00Z"));
        let october = found[7].unwrap();
        assert_eq!(october.date, date("2027-10-31"));
        assert_eq!(october.starts_at, utc("2027-10-31T18:00:00Z"));
        assert_eq!(found.len(), 9);
    }

    #[test]
    fn the_repeated_autumn_hour_takes_the_earlier_of_the_two() {
        let mut f = form("12", "7", "-1", ("02:30", "04:00"));
        f.first_date = "2027-10-01".into();
        let series = f.parse().unwrap();
        let october = all(&series)[0].unwrap();
        assert_eq!(october.date, date("2027-10-31"));
        assert_eq!(
            october.starts_at,
            utc("2027-10-31T00:30:00Z"),
            "02:30 summer time"
        );
        assert_eq!(
            october.ends_at,
            utc("2027-10-31T03:00:00Z"),
            "04:00 winter time"
        );
    }

    #[test]
    fn the_last_weekday_is_found_in_every_kind_of_month() {
        let mut f = form("1", "4", "-1", ("19:00", "21:00"));
        f.first_date = "2028-01-01".into();
        assert_eq!(
            dates(&f.parse().unwrap(), 4),
            ["2028-01-27", "2028-02-24", "2028-03-30", "2028-04-27"]
        );
        // A month ending on the weekday itself, and a leap day.
        f.weekday = "2".into();
        f.first_date = "2027-11-01".into();
        assert_eq!(
            dates(&f.parse().unwrap(), 4),
            ["2027-11-30", "2027-12-28", "2028-01-25", "2028-02-29"]
        );
        // Every combination lands on the right weekday in the last seven days.
        for weekday in 1..=7u8 {
            f.weekday = weekday.to_string();
            for day in all(&f.parse().unwrap())
                .into_iter()
                .map(|o| o.unwrap().date)
            {
                assert_eq!(day.weekday(), weekday_of(weekday).unwrap());
                assert!(day.checked_add_signed(TimeDelta::days(7)).unwrap().month() != day.month());
            }
        }
    }

    #[test]
    fn the_nth_weekday_is_found_in_the_nth_week() {
        for weekday in 1..=7u8 {
            for week in 1..=4u8 {
                let mut f = form(
                    "1",
                    &weekday.to_string(),
                    &week.to_string(),
                    ("19:00", "21:00"),
                );
                f.first_date = "2026-01-01".into();
                f.until = "2030-12-31".into();
                let found = all(&f.parse().unwrap());
                assert_eq!(found.len(), 60);
                for day in found.into_iter().map(|o| o.unwrap().date) {
                    assert_eq!(day.weekday(), weekday_of(weekday).unwrap());
                    assert_eq!((day.day() - 1) / 7 + 1, u32::from(week), "{day}");
                }
            }
        }
    }

    #[test]
    fn every_two_months_counts_from_the_first_meeting_not_from_the_first_date() {
        // From 20 December 2026 the second Tuesday of December (the 8th) has passed:
        // the series starts in January and meets in the odd months.
        let mut f = tuesdays();
        f.first_date = "2026-12-20".into();
        let series = f.parse().unwrap();
        assert_eq!(series.first_date(), date("2027-01-12"));
        assert_eq!(
            dates(&series, 4),
            ["2027-01-12", "2027-03-09", "2027-05-11", "2027-07-13"]
        );
        // A first date on the meeting day itself counts.
        f.first_date = "2026-12-08".into();
        assert_eq!(f.parse().unwrap().first_date(), date("2026-12-08"));
        f.first_date = "2026-12-09".into();
        assert_eq!(f.parse().unwrap().first_date(), date("2027-01-12"));
    }

    #[test]
    fn a_time_in_the_skipped_spring_hour_is_refused() {
        // The last Sunday of March, 02:00–03:00, does not exist.
        let mut f = form("1", "7", "-1", ("02:30", "04:00"));
        assert_eq!(
            one_error(&f),
            ("start_time".into(), "series-error-nonexistent-time")
        );
        f.start_time = "01:00".into();
        f.end_time = "02:00".into();
        assert_eq!(
            one_error(&f),
            ("end_time".into(), "series-error-nonexistent-time")
        );
        f.start_time = "02:00".into();
        f.end_time = "02:59".into();
        assert_eq!(
            errors(&f),
            [
                ("start_time".into(), "series-error-nonexistent-time"),
                ("end_time".into(), "series-error-nonexistent-time")
            ]
        );
        f.start_time = "01:00".into();
        f.end_time = "03:00".into();
        assert!(f.parse().is_ok(), "03:00 exists");
        // The fourth Sunday is the last in March 2027 (7, 14, 21, 28).
        let mut f = form("12", "7", "4", ("02:30", "04:00"));
        f.first_date = "2027-03-01".into();
        assert_eq!(
            one_error(&f),
            ("start_time".into(), "series-error-nonexistent-time")
        );
        // In 2026 it is not (1, 8, 15, 22, 29), but it is in 2027.
        f.first_date = "2026-03-01".into();
        assert_eq!(
            one_error(&f),
            ("start_time".into(), "series-error-nonexistent-time")
        );
    }

    #[test]
    fn a_series_that_never_meets_on_the_skipped_hour_may_use_it() {
        // Every two months from February: never in March.
        let mut f = form("2", "7", "-1", ("02:30", "04:00"));
        f.first_date = "2027-02-01".into();
        assert!(f.parse().is_ok());
        // It ends before the first March.
        let mut f = form("1", "7", "-1", ("02:30", "04:00"));
        f.first_date = "2026-04-01".into();
        f.until = "2027-02-28".into();
        assert!(f.parse().is_ok());
        // A Saturday.
        assert!(form("1", "6", "-1", ("02:30", "04:00")).parse().is_ok());
    }

    #[test]
    fn occurrences_report_a_skipped_hour_instead_of_shifting_it() {
        // Stored before the form checked it: every last Sunday at 02:30.
        let series = Series::from_rrule(
            "FREQ=MONTHLY;INTERVAL=1;BYDAY=-1SU",
            date("2027-02-28"),
            time("02:30"),
            time("04:00"),
        )
        .unwrap();
        let found =
            series.occurrences(utc("2027-02-01T00:00:00Z"), utc("2027-05-01T00:00:00Z"), 10);
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].unwrap().starts_at, utc("2027-02-28T01:30:00Z"));
        assert_eq!(
            found[1],
            Err(NonexistentTime {
                date: date("2027-03-28"),
                start_skipped: true,
                end_skipped: false,
            })
        );
        assert_eq!(found[2].unwrap().starts_at, utc("2027-04-25T00:30:00Z"));
        // It sorts as 02:30 read in winter time: inside a window from 01:00Z.
        let found =
            series.occurrences(utc("2027-03-28T01:00:00Z"), utc("2027-03-28T02:00:00Z"), 10);
        assert_eq!(found.len(), 1);
        assert!(found[0].is_err());
    }

    #[test]
    fn occurrences_stay_within_the_window_and_the_cap() {
        let series = tuesdays().parse().unwrap();
        // 9 February 2027 starts at 18:00Z and 8 June at 17:00Z: a window includes
        // the meeting starting at its beginning, not the one starting at its end.
        let from = utc("2027-02-09T18:00:00Z");
        let found = series.occurrences(from, utc("2027-06-08T17:00:00Z"), 10);
        let found: Vec<_> = found
            .into_iter()
            .map(|o| o.unwrap().date.to_string())
            .collect();
        assert_eq!(found, ["2027-02-09", "2027-04-13"]);
        let later = series.occurrences(
            from + TimeDelta::seconds(1),
            utc("2028-01-01T00:00:00Z"),
            10,
        );
        assert_eq!(later[0].unwrap().date, date("2027-04-13"));
        assert_eq!(
            series
                .occurrences(from, utc("2099-01-01T00:00:00Z"), 3)
                .len(),
            3
        );
        assert!(
            series
                .occurrences(from, utc("2099-01-01T00:00:00Z"), 0)
                .is_empty()
        );
        assert!(series.occurrences(from, from, 10).is_empty());
        assert!(
            series
                .occurrences(utc("2028-01-01T00:00:00Z"), from, 10)
                .is_empty()
        );
    }

    #[test]
    fn occurrences_end_at_the_until_date_inclusive_and_in_2099_at_the_latest() {
        let mut f = tuesdays();
        f.until = "2027-04-13".into();
        assert_eq!(
            dates(&f.parse().unwrap(), 9),
            ["2026-12-08", "2027-02-09", "2027-04-13"]
        );
        f.until = "2027-04-12".into();
        assert_eq!(dates(&f.parse().unwrap(), 9), ["2026-12-08", "2027-02-09"]);
        let endless = form("1", "1", "1", ("19:00", "21:00")).parse().unwrap();
        let found = all(&endless);
        assert_eq!(found.len(), 12 * (2099 - 2026) + 1);
        assert_eq!(found.last().unwrap().unwrap().date, date("2099-12-07"));
    }

    #[test]
    fn due_meetings_are_those_in_the_horizon_not_yet_made() {
        let series = tuesdays().parse().unwrap();
        let now = utc("2027-01-15T09:00:00Z");
        let due = |existing: &[NaiveDate], months| -> Vec<String> {
            due_occurrences(&series, existing, now, months)
                .into_iter()
                .map(|o| o.unwrap().date.to_string())
                .collect()
        };
        // 8 December has passed; 9 February, 13 April and 8 June fall in six months.
        assert_eq!(due(&[], 6), ["2027-02-09", "2027-04-13", "2027-06-08"]);
        assert_eq!(due(&[], 0), Vec::<String>::new());
        // A second run makes nothing twice.
        let made = [date("2027-02-09"), date("2027-04-13"), date("2027-06-08")];
        assert_eq!(due(&made, 6), Vec::<String>::new());
        assert_eq!(due(&made, 8), ["2027-08-10"]);
        // 9 February, moved by hand to the 16th, keeps its series date: not made again.
        assert_eq!(due(&[date("2027-02-09")], 3), ["2027-04-13"]);
        // The horizon's last moment counts.
        let edge = due_occurrences(&series, &[], utc("2026-12-09T18:00:00Z"), 2);
        assert_eq!(
            edge.len(),
            1,
            "9 February 18:00Z is exactly two months later"
        );
        let past_edge = due_occurrences(&series, &[], utc("2026-12-09T17:59:59Z"), 2);
        assert!(past_edge.is_empty());
    }

    #[test]
    fn a_skipped_hour_is_due_as_an_error_for_someone_to_resolve() {
        let series = Series::from_rrule(
            "FREQ=MONTHLY;INTERVAL=1;BYDAY=-1SU",
            date("2027-02-28"),
            time("02:30"),
            time("04:00"),
        )
        .unwrap();
        let due = due_occurrences(
            &series,
            &[date("2027-02-28")],
            utc("2027-02-01T00:00:00Z"),
            2,
        );
        assert_eq!(due.len(), 1);
        assert_eq!(due[0].unwrap_err().date, date("2027-03-28"));
        let due = due_occurrences(
            &series,
            &[date("2027-03-28")],
            utc("2027-03-01T00:00:00Z"),
            1,
        );
        assert!(due.is_empty(), "handled by hand, not reported again");
    }

    #[test]
    fn the_form_refills_from_a_series() {
        let mut f = form("", "7", "-1", ("9:30", "12:00"));
        f.until = "2028-01-01".into();
        let series = f.parse().unwrap();
        assert_eq!(
            SeriesForm::from(&series),
            SeriesForm {
                interval_months: "2".into(),
                weekday: "7".into(),
                week: "-1".into(),
                start_time: "09:30".into(),
                end_time: "12:00".into(),
                first_date: "2026-12-27".into(),
                until: "2028-01-01".into(),
            }
        );
    }

    #[test]
    fn weeks_have_names_and_ordinals() {
        for week in Week::ALL {
            assert_eq!(Week::from_ordinal(week.ordinal()), Some(week));
        }
        assert_eq!(Week::from_ordinal(0), None);
        assert_eq!(Week::from_ordinal(5), None);
        assert_eq!(
            Week::ALL.map(Week::as_str),
            ["first", "second", "third", "fourth", "last"]
        );
        assert_eq!(
            serde_json::to_value(tuesdays().parse().unwrap().description()).unwrap(),
            serde_json::json!({
                "interval_months": 2, "week": "second", "weekday": "Tue",
                "start": "19:00:00", "end": "21:00:00", "first": "2026-12-08", "until": null
            })
        );
    }

    #[test]
    fn fields_the_form_leaves_out_read_as_empty() {
        let f: SeriesForm = serde_json::from_value(serde_json::json!({
            "weekday": "2", "week": "2", "start_time": "19:00", "end_time": "21:00",
            "first_date": "2026-12-01"
        }))
        .unwrap();
        assert_eq!(f.parse(), tuesdays().parse());
    }
}
