//! The catalog's filters, parsed from query parameters. Pages use Dutch parameter
//! names (`?soort=leercafe&thema=…&maand=2026-12`), the API English ones
//! (`?kind=cafe&theme=…&month=2026-12`); both go through [`parse_filter`]. Values that
//! do not parse are reported, not guessed: pages ignore them with a visible note, the
//! API answers 400.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Amsterdam;

use crate::activity::ActivityKind;
use crate::slug::Slug;

/// A calendar month in Dutch local time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct YearMonth {
    pub year: i32,
    pub month: u32,
}

impl YearMonth {
    /// `2026-12`. Years outside 2000–2100 are refused: nothing happens there.
    pub fn parse(raw: &str) -> Option<Self> {
        let (y, m) = raw.split_once('-')?;
        if y.len() != 4 || m.len() != 2 || !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let (year, month) = (y.parse().ok()?, m.parse().ok()?);
        ((2000..=2100).contains(&year) && (1..=12).contains(&month)).then_some(Self { year, month })
    }

    pub fn of(date: NaiveDate) -> Self {
        use chrono::Datelike;
        Self {
            year: date.year(),
            month: date.month(),
        }
    }

    pub fn next(self) -> Self {
        if self.month == 12 {
            Self {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Self {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("validated month")
    }

    /// The month as a half-open UTC interval: from local midnight on the first to local
    /// midnight on the first of the next month (so DST changes inside are handled).
    pub fn utc_range(self) -> (DateTime<Utc>, DateTime<Utc>) {
        let start = |m: Self| {
            let midnight = m.first_day().and_hms_opt(0, 0, 0).expect("midnight");
            Amsterdam
                .from_local_datetime(&midnight)
                .earliest()
                .expect("midnight exists in Europe/Amsterdam")
                .with_timezone(&Utc)
        };
        (start(self), start(self.next()))
    }
}

impl std::fmt::Display for YearMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// A parsed catalog query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CatalogFilter {
    pub kind: Option<ActivityKind>,
    pub theme: Option<Slug>,
    pub audience: Option<Slug>,
    pub region: Option<String>,
    pub month: Option<YearMonth>,
    /// 1-based.
    pub page: u32,
    pub per_page: u32,
}

impl CatalogFilter {
    pub const MAX_PAGE: u32 = 10_000;
    pub const MAX_PER_PAGE: u32 = 100;

    pub fn offset(&self) -> i64 {
        i64::from(self.page.saturating_sub(1)) * i64::from(self.per_page)
    }

    pub fn is_filtered(&self) -> bool {
        self.kind.is_some()
            || self.theme.is_some()
            || self.audience.is_some()
            || self.region.is_some()
            || self.month.is_some()
    }
}

/// Which filter a rejected value was meant for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterField {
    Kind,
    Theme,
    Audience,
    Region,
    Month,
    Page,
    PerPage,
}

/// A parameter value that was not understood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejected {
    pub field: FilterField,
    /// The parameter name as the caller wrote it.
    pub param: &'static str,
    /// The value, shortened to 60 characters for display (escaped where shown).
    pub value: String,
}

/// Parameter names of one surface, and how that surface spells kinds.
pub struct ParamNames {
    pub kind: &'static str,
    pub theme: &'static str,
    pub audience: &'static str,
    pub region: &'static str,
    pub month: &'static str,
    pub page: &'static str,
    pub per_page: Option<&'static str>,
    pub parse_kind: fn(&str) -> Option<ActivityKind>,
    pub default_per_page: u32,
}

pub const PAGE_PARAMS: ParamNames = ParamNames {
    kind: "soort",
    theme: "thema",
    audience: "doelgroep",
    region: "regio",
    month: "maand",
    page: "pagina",
    per_page: None,
    parse_kind: ActivityKind::parse_url_name,
    default_per_page: 12,
};

pub const API_PARAMS: ParamNames = ParamNames {
    kind: "kind",
    theme: "theme",
    audience: "audience",
    region: "region",
    month: "month",
    page: "page",
    per_page: Some("per_page"),
    parse_kind: ActivityKind::parse,
    default_per_page: 20,
};

/// Region names are free text chosen by organisers ("Limburg", "Landelijk"): letters,
/// spaces, hyphens and apostrophes only, at least one letter, at most 60 characters.
pub fn parse_region(raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    let ok = trimmed.chars().any(char::is_alphabetic)
        && trimmed.chars().count() <= 60
        && trimmed
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '\'');
    ok.then(|| trimmed.to_owned())
}

/// Parses the catalog parameters among `params` (unknown parameters are ignored; an
/// empty value means "no filter", as a form's "all" option sends it).
pub fn parse_filter(
    params: &[(String, String)],
    names: &ParamNames,
) -> (CatalogFilter, Vec<Rejected>) {
    let mut filter = CatalogFilter {
        page: 1,
        per_page: names.default_per_page,
        ..CatalogFilter::default()
    };
    let mut rejected = Vec::new();
    let mut reject = |field, param, value: &str| {
        rejected.push(Rejected {
            field,
            param,
            value: value.chars().take(60).collect(),
        })
    };
    let mut seen: Vec<&str> = Vec::new();
    for (name, value) in params {
        // The first occurrence of a parameter counts; repeats are ignored.
        if seen.contains(&name.as_str()) {
            continue;
        }
        let value = value.trim();
        let name = name.as_str();
        if value.is_empty() {
            continue;
        }
        if name == names.kind {
            match (names.parse_kind)(value) {
                Some(kind) => filter.kind = Some(kind),
                None => reject(FilterField::Kind, names.kind, value),
            }
        } else if name == names.theme {
            match Slug::parse(value) {
                Some(slug) => filter.theme = Some(slug),
                None => reject(FilterField::Theme, names.theme, value),
            }
        } else if name == names.audience {
            match Slug::parse(value) {
                Some(slug) => filter.audience = Some(slug),
                None => reject(FilterField::Audience, names.audience, value),
            }
        } else if name == names.region {
            match parse_region(value) {
                Some(region) => filter.region = Some(region),
                None => reject(FilterField::Region, names.region, value),
            }
        } else if name == names.month {
            match YearMonth::parse(value) {
                Some(month) => filter.month = Some(month),
                None => reject(FilterField::Month, names.month, value),
            }
        } else if name == names.page {
            match value.parse::<u32>() {
                Ok(page) if (1..=CatalogFilter::MAX_PAGE).contains(&page) => filter.page = page,
                _ => reject(FilterField::Page, names.page, value),
            }
        } else if Some(name) == names.per_page {
            match value.parse::<u32>() {
                Ok(n) if (1..=CatalogFilter::MAX_PER_PAGE).contains(&n) => filter.per_page = n,
                _ => reject(
                    FilterField::PerPage,
                    names.per_page.unwrap_or_default(),
                    value,
                ),
            }
        } else {
            continue;
        }
        seen.push(name);
    }
    (filter, rejected)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn parses_every_page_filter() {
        let (filter, rejected) = parse_filter(
            &params(&[
                ("soort", "leercafe"),
                ("thema", "beroepsidentiteit"),
                ("doelgroep", "opbouwwerker"),
                ("regio", "Limburg"),
                ("maand", "2026-12"),
                ("pagina", "2"),
                ("utm_source", "nieuwsbrief"),
            ]),
            &PAGE_PARAMS,
        );
        assert!(rejected.is_empty());
        assert_eq!(filter.kind, Some(ActivityKind::Cafe));
        assert_eq!(filter.theme.unwrap().as_str(), "beroepsidentiteit");
        assert_eq!(filter.audience.unwrap().as_str(), "opbouwwerker");
        assert_eq!(filter.region.as_deref(), Some("Limburg"));
        assert_eq!(
            filter.month,
            Some(YearMonth {
                year: 2026,
                month: 12
            })
        );
        assert_eq!((filter.page, filter.per_page), (2, 12));
    }

    #[test]
    fn api_uses_english_names_and_code_kinds() {
        let (filter, rejected) = parse_filter(
            &params(&[("kind", "module"), ("per_page", "5")]),
            &API_PARAMS,
        );
        assert!(rejected.is_empty());
        assert_eq!(filter.kind, Some(ActivityKind::Module));
        assert_eq!(filter.per_page, 5);
        let (_, rejected) = parse_filter(&params(&[("kind", "leercafe")]), &API_PARAMS);
        assert_eq!(rejected[0].field, FilterField::Kind);
    }

    #[test]
    fn empty_values_mean_no_filter() {
        let (filter, rejected) =
            parse_filter(&params(&[("soort", ""), ("thema", " ")]), &PAGE_PARAMS);
        assert!(rejected.is_empty());
        assert!(!filter.is_filtered());
    }

    #[test]
    fn hostile_values_are_rejected_not_used() {
        let hostile = [
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "a\0b",
            "\"",
            "-",
        ];
        for value in hostile {
            for name in ["soort", "thema", "doelgroep", "regio", "maand", "pagina"] {
                let (filter, rejected) = parse_filter(&params(&[(name, value)]), &PAGE_PARAMS);
                assert_eq!(rejected.len(), 1, "{name}={value:?}");
                assert!(
                    !filter.is_filtered() && filter.page == 1,
                    "{name}={value:?}"
                );
            }
        }
    }

    #[test]
    fn rejected_values_are_shortened_for_display() {
        let long = "x".repeat(500);
        let (_, rejected) = parse_filter(&params(&[("maand", &long)]), &PAGE_PARAMS);
        assert_eq!(rejected[0].value.len(), 60);
    }

    #[test]
    fn the_first_of_repeated_parameters_counts() {
        let (filter, rejected) = parse_filter(
            &params(&[("soort", "leeratelier"), ("soort", "onzin")]),
            &PAGE_PARAMS,
        );
        assert!(rejected.is_empty());
        assert_eq!(filter.kind, Some(ActivityKind::Atelier));
    }

    #[test]
    fn page_and_per_page_are_bounded() {
        for bad in ["0", "-1", "10001", "1.5", "een"] {
            let (filter, rejected) = parse_filter(&params(&[("page", bad)]), &API_PARAMS);
            assert_eq!((filter.page, rejected.len()), (1, 1), "{bad}");
        }
        let (_, rejected) = parse_filter(&params(&[("per_page", "101")]), &API_PARAMS);
        assert_eq!(rejected[0].field, FilterField::PerPage);
        let filter = CatalogFilter {
            page: 3,
            per_page: 12,
            ..Default::default()
        };
        assert_eq!(filter.offset(), 24);
    }

    #[test]
    fn months_are_local_dutch_months_in_utc() {
        // Winter time: local midnight is 23:00 UTC the day before.
        let (start, end) = YearMonth::parse("2026-12").unwrap().utc_range();
        assert_eq!(start.to_rfc3339(), "2026-11-30T23:00:00+00:00");
        assert_eq!(end.to_rfc3339(), "2026-12-31T23:00:00+00:00");
        // Summer time starts in March: the range starts at +01:00 and ends at +02:00.
        let (start, end) = YearMonth::parse("2027-03").unwrap().utc_range();
        assert_eq!(start.to_rfc3339(), "2027-02-28T23:00:00+00:00");
        assert_eq!(end.to_rfc3339(), "2027-03-31T22:00:00+00:00");
        assert!(YearMonth::parse("1999-01").is_none());
        assert!(YearMonth::parse("2026-1").is_none());
        assert_eq!(
            YearMonth::parse("2026-12").unwrap().next().to_string(),
            "2027-01"
        );
    }

    #[test]
    fn regions_allow_dutch_names_only() {
        assert_eq!(
            parse_region(" Noord-Brabant ").as_deref(),
            Some("Noord-Brabant")
        );
        assert_eq!(parse_region("Fryslân").as_deref(), Some("Fryslân"));
        assert!(parse_region("Limburg; DROP").is_none());
        assert!(parse_region(&"a".repeat(61)).is_none());
    }
}
