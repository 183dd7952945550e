//! Mijn leerdossier (the learning record): what one entry is worth per register
//! ([`Credit`], frozen when the entry is written), a professional's own external
//! entries checked ([`parse_external`]), and the totals per register over its
//! period and per calendar year against each category's minimum and cap
//! ([`Totals::compute`]).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::Points;
use super::register::Register;
use crate::input::{FieldError, line, parse_date};

/// The most hours one external entry may have: 500 (a long course spread over a
/// year). 1,000 hours in one entry is a typing error.
pub const MAX_EXTERNAL_HOURS: u32 = 500;
/// The largest evidence file: 5 MiB (a scanned certificate or a short report).
pub const MAX_EVIDENCE_BYTES: usize = 5 * 1024 * 1024;
/// The longest title and provider.
pub const MAX_TITLE: usize = 200;

/// What an entry is worth in one register, as frozen in the record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credit {
    pub register_id: i64,
    pub register: String,
    pub category_id: i64,
    pub category: String,
    /// The accreditation's ID number; empty for an external entry.
    #[serde(default)]
    pub id_number: String,
    pub points_halves: u32,
}

impl Credit {
    pub fn points(&self) -> Points {
        Points(self.points_halves)
    }
}

/// The external entry form as typed. `categories`: per register (its id) the
/// category chosen (a category id, or empty: does not count there).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExternalForm {
    pub title: String,
    pub provider: String,
    pub date: String,
    pub hours: String,
    pub link: String,
    pub categories: Vec<(i64, String)>,
}

/// A checked external entry (its file, when one came, is checked beside it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewExternal {
    pub title: String,
    pub provider: String,
    pub held_on: NaiveDate,
    pub minutes: u32,
    pub link: String,
    pub credits: Vec<Credit>,
}

/// Hours as typed ("2", "2,5", "1.25"): more than 0 and at most
/// [`MAX_EXTERNAL_HOURS`], in whole minutes.
pub fn parse_hours(raw: &str) -> Result<u32, &'static str> {
    let value = raw.trim();
    if value.is_empty() {
        return Err("record-error-hours-missing");
    }
    let (whole, fraction) = value.split_once([',', '.']).unwrap_or((value, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || fraction.len() > 2 {
        return Err("record-error-hours");
    }
    if whole.len() > 4 {
        return Err("record-error-hours-range");
    }
    let whole: u32 = whole.parse().map_err(|_| "record-error-hours")?;
    let hundredths: u32 = format!("{fraction:0<2}").parse().unwrap_or(0);
    let minutes = whole * 60 + (hundredths * 60 + 50) / 100;
    if minutes == 0 || minutes > MAX_EXTERNAL_HOURS * 60 {
        return Err("record-error-hours-range");
    }
    Ok(minutes)
}

/// Checks the external entry form: a title, a date that is not in the future,
/// hours within range, a link when one is given, and per register a category of
/// that register (or none). Points are the hours rounded down to half points.
pub fn parse_external(
    form: &ExternalForm,
    today: NaiveDate,
    registers: &[Register],
) -> Result<NewExternal, Vec<FieldError>> {
    let mut errors = Vec::new();
    let title = match line(&form.title, MAX_TITLE) {
        Ok(t) if t.is_empty() => {
            errors.push(FieldError::new("title", "record-error-title"));
            t
        }
        Ok(t) => t,
        Err(m) => {
            errors.push(FieldError::new("title", m));
            String::new()
        }
    };
    let provider = line(&form.provider, MAX_TITLE).unwrap_or_else(|m| {
        errors.push(FieldError::new("provider", m));
        String::new()
    });
    let held_on = match parse_date(&form.date) {
        Ok(d) if d > today => {
            errors.push(FieldError::new("date", "record-error-date-future"));
            None
        }
        Ok(d) => Some(d),
        Err("editor-error-date-required") => {
            errors.push(FieldError::new("date", "record-error-date-missing"));
            None
        }
        Err(_) => {
            errors.push(FieldError::new("date", "record-error-date"));
            None
        }
    };
    let minutes = parse_hours(&form.hours).unwrap_or_else(|m| {
        errors.push(FieldError::new("hours", m));
        0
    });
    let link = if form.link.trim().is_empty() {
        String::new()
    } else {
        crate::community::resource::parse_url(&form.link).unwrap_or_else(|_| {
            errors.push(FieldError::new("link", "record-error-link"));
            String::new()
        })
    };
    let points = Points::from_minutes(minutes);
    let mut credits = Vec::new();
    for (register_id, chosen) in &form.categories {
        if chosen.trim().is_empty() {
            continue;
        }
        let register = registers.iter().find(|r| r.id == *register_id);
        let category = register.and_then(|r| {
            let id = chosen.trim().parse::<i64>().ok()?;
            r.categories.iter().find(|c| c.id == id)
        });
        match (register, category) {
            (Some(r), Some(c)) => credits.push(Credit {
                register_id: r.id,
                register: r.name.clone(),
                category_id: c.id,
                category: c.name.clone(),
                id_number: String::new(),
                points_halves: points.halves(),
            }),
            _ => errors.push(FieldError::new(
                format!("category_{register_id}"),
                "record-error-category",
            )),
        }
    }
    match (errors.is_empty(), held_on) {
        (true, Some(held_on)) => Ok(NewExternal {
            title,
            provider,
            held_on,
            minutes,
            link,
            credits,
        }),
        _ => Err(errors),
    }
}

/// One entry as the totals see it.
#[derive(Clone, Copy, Debug)]
pub struct Counted<'a> {
    pub held_on: NaiveDate,
    pub minutes: u32,
    pub credits: &'a [Credit],
}

/// One category's total over its register's period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CategoryTotal {
    pub category_id: i64,
    pub name: String,
    /// All points earned in the period.
    pub earned: Points,
    /// What counts: the earned points up to the cap.
    pub counted: Points,
    pub minimum: Option<u32>,
    pub maximum: Option<u32>,
    pub to_check: bool,
    /// How far to the minimum (or, without one, to the cap), 0–100, for the bar.
    pub percent: u32,
    /// The minimum is reached.
    pub met: bool,
    /// Points over the cap that do not count.
    pub over_cap: Points,
}

/// One register's totals over its period (from `from` up to and including `to`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RegisterTotal {
    pub register_id: i64,
    pub name: String,
    pub period_years: u32,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub categories: Vec<CategoryTotal>,
}

/// One calendar year: hours and, per register shown, the points.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct YearTotal {
    pub year: i32,
    pub minutes: u32,
    /// Per register in the order of [`Totals::registers`].
    pub points: Vec<Points>,
}

/// The record's totals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub registers: Vec<RegisterTotal>,
    /// Newest year first.
    pub years: Vec<YearTotal>,
}

/// The first day of a period of `years` years ending on `today`: the day after the
/// same date `years` years earlier (29 February falls back to 28).
pub fn period_start(today: NaiveDate, years: u32) -> NaiveDate {
    let year = today.year() - i32::try_from(years).unwrap_or(0);
    let back = NaiveDate::from_ymd_opt(year, today.month(), today.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, today.month(), 28))
        .unwrap_or(today);
    back.succ_opt().unwrap_or(back)
}

impl Totals {
    /// Totals of `entries` for `registers` (those shown, in order) on `today`.
    pub fn compute(entries: &[Counted<'_>], registers: &[&Register], today: NaiveDate) -> Self {
        let registers_out = registers
            .iter()
            .map(|r| {
                let from = period_start(today, r.period_years);
                let in_period: Vec<&Counted<'_>> = entries
                    .iter()
                    .filter(|e| e.held_on >= from && e.held_on <= today)
                    .collect();
                let categories = r
                    .categories
                    .iter()
                    .map(|c| {
                        let earned: u32 = in_period
                            .iter()
                            .flat_map(|e| e.credits.iter())
                            .filter(|k| k.register_id == r.id && k.category_id == c.id)
                            .map(|k| k.points_halves)
                            .sum();
                        let cap = c.maximum_points.map(|m| m * 2);
                        let counted = cap.map_or(earned, |cap| earned.min(cap));
                        let goal = c.minimum_points.or(c.maximum_points).map(|m| m * 2);
                        let percent = match goal {
                            Some(0) => 100,
                            Some(goal) => {
                                (u64::from(counted) * 100 / u64::from(goal)).min(100) as u32
                            }
                            None => 0,
                        };
                        CategoryTotal {
                            category_id: c.id,
                            name: c.name.clone(),
                            earned: Points(earned),
                            counted: Points(counted),
                            minimum: c.minimum_points,
                            maximum: c.maximum_points,
                            to_check: c.to_check,
                            percent,
                            met: c.minimum_points.is_some_and(|m| counted >= m * 2),
                            over_cap: Points(earned - counted),
                        }
                    })
                    .collect();
                RegisterTotal {
                    register_id: r.id,
                    name: r.name.clone(),
                    period_years: r.period_years,
                    from,
                    to: today,
                    categories,
                }
            })
            .collect();
        let mut years: Vec<YearTotal> = Vec::new();
        for e in entries {
            let year = e.held_on.year();
            let at = match years.iter().position(|y| y.year == year) {
                Some(at) => at,
                None => {
                    years.push(YearTotal {
                        year,
                        minutes: 0,
                        points: vec![Points(0); registers.len()],
                    });
                    years.len() - 1
                }
            };
            let total = &mut years[at];
            total.minutes += e.minutes;
            for (i, r) in registers.iter().enumerate() {
                total.points[i].0 += e
                    .credits
                    .iter()
                    .filter(|k| k.register_id == r.id)
                    .map(|k| k.points_halves)
                    .sum::<u32>();
            }
        }
        years.sort_by_key(|y| std::cmp::Reverse(y.year));
        Self {
            registers: registers_out,
            years,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learning::register::{Category, NumberFormat};

    fn skj() -> Register {
        let category = |id, name: &str, minimum, maximum| Category {
            id,
            slug: name.to_lowercase(),
            name: name.into(),
            minimum_points: minimum,
            maximum_points: maximum,
            to_check: false,
        };
        Register {
            id: 2,
            slug: "skj".into(),
            name: "SKJ".into(),
            keeper: String::new(),
            period_years: 5,
            number: NumberFormat::default(),
            categories: vec![
                category(21, "Scholing", Some(60), None),
                category(22, "Reflectie", Some(50), None),
                category(23, "Overige", None, Some(10)),
            ],
        }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn credit(category_id: i64, halves: u32) -> Credit {
        Credit {
            register_id: 2,
            register: "SKJ".into(),
            category_id,
            category: String::new(),
            id_number: String::new(),
            points_halves: halves,
        }
    }

    #[test]
    fn hours_are_read_in_dutch_and_held_to_their_range() {
        assert_eq!(parse_hours("2"), Ok(120));
        assert_eq!(parse_hours("2,5"), Ok(150));
        assert_eq!(parse_hours("1.25"), Ok(75));
        assert_eq!(parse_hours("500"), Ok(30_000));
        assert_eq!(parse_hours("501"), Err("record-error-hours-range"));
        assert_eq!(parse_hours("1000"), Err("record-error-hours-range"));
        assert_eq!(parse_hours("0"), Err("record-error-hours-range"));
        assert_eq!(parse_hours("-3"), Err("record-error-hours"));
        assert_eq!(parse_hours("twee"), Err("record-error-hours"));
        assert_eq!(parse_hours(""), Err("record-error-hours-missing"));
    }

    #[test]
    fn an_external_entry_is_checked_field_by_field() {
        let registers = [skj()];
        let today = day(2026, 12, 5);
        let form = ExternalForm {
            title: " Intervisie ".into(),
            provider: "Eigen team".into(),
            date: "2026-11-02".into(),
            hours: "3,5".into(),
            link: String::new(),
            categories: vec![(2, "22".into())],
        };
        let entry = parse_external(&form, today, &registers).unwrap();
        assert_eq!(entry.title, "Intervisie");
        assert_eq!(entry.minutes, 210);
        assert_eq!(entry.credits.len(), 1);
        assert_eq!(entry.credits[0].points(), Points(7));
        assert_eq!(entry.credits[0].category_id, 22);

        let bad = ExternalForm {
            title: "  ".into(),
            date: "2026-12-06".into(),
            hours: "-1".into(),
            link: "javascript:alert(1)".into(),
            categories: vec![(2, "11".into())],
            ..form.clone()
        };
        let errors = parse_external(&bad, today, &registers).unwrap_err();
        let found: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.message))
            .collect();
        assert_eq!(
            found,
            [
                ("title", "record-error-title"),
                ("date", "record-error-date-future"),
                ("hours", "record-error-hours"),
                ("link", "record-error-link"),
                ("category_2", "record-error-category"),
            ]
        );
        let missing = ExternalForm {
            date: String::new(),
            ..form
        };
        let errors = parse_external(&missing, today, &registers).unwrap_err();
        assert_eq!(
            (errors[0].field.as_str(), errors[0].message),
            ("date", "record-error-date-missing")
        );
    }

    #[test]
    fn a_period_is_the_last_years_up_to_today() {
        assert_eq!(period_start(day(2026, 12, 5), 5), day(2021, 12, 6));
        assert_eq!(period_start(day(2028, 2, 29), 1), day(2027, 3, 1));
    }

    #[test]
    fn totals_count_the_period_cap_at_the_maximum_and_add_up_per_year() {
        let register = skj();
        let today = day(2026, 12, 5);
        let a = [credit(21, 40)];
        let b = [credit(22, 100), credit(23, 30)];
        let old = [credit(21, 200)];
        let entries = [
            Counted {
                held_on: day(2026, 3, 1),
                minutes: 1200,
                credits: &a,
            },
            Counted {
                held_on: day(2025, 6, 1),
                minutes: 3000,
                credits: &b,
            },
            // Before the period: only in its year.
            Counted {
                held_on: day(2021, 12, 5),
                minutes: 6000,
                credits: &old,
            },
        ];
        let totals = Totals::compute(&entries, &[&register], today);
        let [skj] = totals.registers.as_slice() else {
            panic!()
        };
        assert_eq!(skj.from, day(2021, 12, 6));
        let scholing = &skj.categories[0];
        assert_eq!(
            (scholing.earned, scholing.percent, scholing.met),
            (Points(40), 33, false)
        );
        let reflectie = &skj.categories[1];
        assert_eq!(
            (reflectie.counted, reflectie.percent, reflectie.met),
            (Points(100), 100, true)
        );
        let overige = &skj.categories[2];
        assert_eq!(overige.earned, Points(30));
        assert_eq!(overige.counted, Points(20));
        assert_eq!(overige.over_cap, Points(10));
        assert_eq!(overige.percent, 100);
        let years: Vec<(i32, u32, Points)> = totals
            .years
            .iter()
            .map(|y| (y.year, y.minutes, y.points[0]))
            .collect();
        assert_eq!(
            years,
            [
                (2026, 1200, Points(40)),
                (2025, 3000, Points(130)),
                (2021, 6000, Points(200))
            ]
        );
    }
}
