//! Interface text from the message catalogs in `locales/{nl,en}/<feature>.ftl`
//! (Fluent; every file of a language folder is loaded), Dutch first,
//! English second, and the date and money formats that go with each language.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, Timelike, Utc};
use chrono_tz::Europe::Amsterdam;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use std::sync::{OnceLock, RwLock};
use unic_langid::{LanguageIdentifier, langid};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "nl",
        // Bidi isolation marks around placeables would end up inside attributes and
        // e-mail subjects; our languages are both left-to-right.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static NL: LanguageIdentifier = langid!("nl");
static EN: LanguageIdentifier = langid!("en");

/// The interface language of a request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    pub const ALL: [Self; 2] = [Self::Nl, Self::En];

    pub fn code(self) -> &'static str {
        match self {
            Self::Nl => "nl",
            Self::En => "en",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "nl" => Some(Self::Nl),
            "en" => Some(Self::En),
            _ => None,
        }
    }

    /// The other language, for the language switch.
    pub fn other(self) -> Self {
        match self {
            Self::Nl => Self::En,
            Self::En => Self::Nl,
        }
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Self::Nl => &NL,
            Self::En => &EN,
        }
    }

    /// The message `key`. A missing key shows as "Unknown localization key"; the
    /// catalog tests make sure none is missing.
    ///
    /// A message without arguments reads the same every time, so each is looked up
    /// once per language and kept: a page shows a few dozen of them hundreds of
    /// times, and a Fluent lookup (negotiating the language, two hash lookups,
    /// formatting) was a tenth of a busy record page. Keys come from the code (or
    /// from a closed set of stored values, such as an entry's kind), so the map
    /// stays as small as the catalogs.
    pub fn t(&self, key: &str) -> String {
        static KEPT: [RwLock<BTreeMap<Box<str>, Box<str>>>; 2] =
            [RwLock::new(BTreeMap::new()), RwLock::new(BTreeMap::new())];
        let kept = &KEPT[*self as usize];
        if let Some(text) = kept.read().unwrap_or_else(|e| e.into_inner()).get(key) {
            return text.to_string();
        }
        let text = LOCALES.lookup(self.id(), key);
        kept.write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key.into(), text.as_str().into());
        text
    }

    /// The message `key`, or `None` when no catalog has it (for keys made from
    /// stored values, such as an audit action).
    pub fn try_t(&self, key: &str) -> Option<String> {
        LOCALES.try_lookup(self.id(), key)
    }

    /// The message `key` with one argument.
    pub fn t1(&self, key: &str, name: &str, value: impl Into<FluentArg>) -> String {
        self.t_args(key, &[(name, value.into())])
    }

    /// The message `key` with arguments.
    pub fn t_args(&self, key: &str, args: &[(&str, FluentArg)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    FluentArg::Text(s) => FluentValue::from(s.as_str()),
                    FluentArg::Number(n) => FluentValue::from(*n),
                };
                (Cow::Owned((*name).to_owned()), value)
            })
            .collect();
        // This language's catalog straight away; only a message it lacks goes
        // through the loader's negotiation and fallback.
        let text = LOCALES
            .lookup_single_language(self.id(), key, Some(&map))
            .unwrap_or_else(|_| LOCALES.lookup_with_args(self.id(), key, &map));
        args.iter().fold(text, |text, (_, value)| match value {
            FluentArg::Text(value) => without_doubled_stop(text, value),
            FluentArg::Number(_) => text,
        })
    }

    /// The weekday and month names, read from the catalog once per language: a page
    /// that shows a hundred dates does not look them up a hundred times.
    fn names(self) -> &'static Names {
        static NAMES: [OnceLock<Names>; 2] = [OnceLock::new(), OnceLock::new()];
        let slot = match self {
            Self::Nl => &NAMES[0],
            Self::En => &NAMES[1],
        };
        slot.get_or_init(|| Names {
            weekday: std::array::from_fn(|i| self.t(&format!("weekday-{}", i + 1))),
            month: std::array::from_fn(|i| self.t(&format!("month-{}", i + 1))),
            month_short: std::array::from_fn(|i| self.t(&format!("month-short-{}", i + 1))),
        })
    }

    /// "dinsdag 8 december 2026" / "Tuesday 8 December 2026".
    pub fn date_long(&self, at: DateTime<Utc>) -> String {
        let local = at.with_timezone(&Amsterdam);
        let names = self.names();
        let weekday = &names.weekday[local.weekday().num_days_from_monday() as usize];
        let month = &names.month[local.month0() as usize];
        format!("{weekday} {} {month} {}", local.day(), local.year())
    }

    /// A calendar date without weekday: "8 december 2026" / "8 December 2026".
    pub fn day(&self, date: chrono::NaiveDate) -> String {
        let month = &self.names().month[date.month0() as usize];
        format!("{} {month} {}", date.day(), date.year())
    }

    /// "8 dec. 2026" / "8 Dec 2026", for cards.
    pub fn date_short(&self, at: DateTime<Utc>) -> String {
        let local = at.with_timezone(&Amsterdam);
        let month = &self.names().month_short[local.month0() as usize];
        format!("{} {month} {}", local.day(), local.year())
    }

    /// "13.30" in Dutch, "13:30" in English: the way each language writes the clock.
    pub fn time(&self, at: DateTime<Utc>) -> String {
        let local = at.with_timezone(&Amsterdam);
        let sep = match self {
            Self::Nl => '.',
            Self::En => ':',
        };
        format!("{:02}{sep}{:02}", local.hour(), local.minute())
    }

    /// "13.30–18.00 uur" / "13:30–18:00".
    pub fn time_range(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> String {
        self.t_args(
            "time-range",
            &[
                ("from", self.time(from).into()),
                ("to", self.time(to).into()),
            ],
        )
    }

    /// A month name with year, for the month filter: "december 2026".
    pub fn month_year(&self, month: crate::domain::catalog::YearMonth) -> String {
        format!(
            "{} {}",
            self.t(&format!("month-{}", month.month)),
            month.year
        )
    }

    /// "€ 12,50" / "€12.50"; zero is "free".
    pub fn money(&self, cents: u32) -> String {
        if cents == 0 {
            return self.t("cost-free");
        }
        let (euros, rest) = (cents / 100, cents % 100);
        match self {
            Self::Nl => format!("€ {euros},{rest:02}"),
            Self::En => format!("€{euros}.{rest:02}"),
        }
    }

    /// The name of a theme or audience in this language.
    pub fn pick<'a>(&self, nl: &'a str, en: &'a str) -> &'a str {
        match self {
            Self::Nl => nl,
            Self::En if en.is_empty() => nl,
            Self::En => en,
        }
    }
}

/// `text` without the full stop, question or exclamation mark a message puts right
/// after `value` when `value` already ends in one: a title "Wat werkt?" in "Je hebt
/// een plaats bij { $title }." reads "… bij Wat werkt?", not "Wat werkt?." or "??".
fn without_doubled_stop(text: String, value: &str) -> String {
    if !value.ends_with(['.', '?', '!']) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find(value) {
        let end = at + value.len();
        out.push_str(&rest[..end]);
        rest = &rest[end..];
        if let Some(stripped) = rest.strip_prefix(['.', '?', '!']) {
            rest = stripped;
        }
    }
    out.push_str(rest);
    out
}

/// An argument of a message.
#[derive(Clone, Debug)]
pub enum FluentArg {
    Text(String),
    Number(f64),
}

impl From<String> for FluentArg {
    fn from(value: String) -> Self {
        Self::Text(value)
    }
}

impl From<&str> for FluentArg {
    fn from(value: &str) -> Self {
        Self::Text(value.to_owned())
    }
}

impl From<u32> for FluentArg {
    fn from(value: u32) -> Self {
        Self::Number(f64::from(value))
    }
}

impl From<i64> for FluentArg {
    fn from(value: i64) -> Self {
        Self::Number(value as f64)
    }
}

/// A language's weekday (Monday first) and month names.
struct Names {
    weekday: [String; 7],
    month: [String; 12],
    month_short: [String; 12],
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use std::collections::BTreeSet;

    fn keys_of(text: &str) -> Vec<String> {
        text.lines()
            .filter(|l| !l.starts_with(' ') && !l.starts_with('#') && !l.starts_with('.'))
            .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim().to_owned()))
            .filter(|k| !k.is_empty())
            .collect()
    }

    /// A language's catalog files: file name → its keys.
    fn catalog(lang: &str) -> std::collections::BTreeMap<String, Vec<String>> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(lang);
        std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "ftl"))
            .map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                (name, keys_of(&std::fs::read_to_string(e.path()).unwrap()))
            })
            .collect()
    }

    /// Every key of a language.
    fn keys(lang: &str) -> BTreeSet<String> {
        catalog(lang).into_values().flatten().collect()
    }

    #[test]
    fn each_key_is_in_one_file_and_both_languages_have_the_same_files_and_keys() {
        let nl = catalog("nl");
        let en = catalog("en");
        assert!(
            nl.len() > 5,
            "one catalog file per feature: {:?}",
            nl.keys()
        );
        assert_eq!(
            nl.keys().collect::<Vec<_>>(),
            en.keys().collect::<Vec<_>>(),
            "the same file names in both languages"
        );
        for (lang, files) in [("nl", &nl), ("en", &en)] {
            let mut seen: std::collections::BTreeMap<&str, &str> = Default::default();
            for (file, keys) in files {
                for key in keys {
                    if let Some(other) = seen.insert(key, file) {
                        panic!("{lang}: {key} is in both {other} and {file}");
                    }
                }
            }
        }
        for (file, keys) in &nl {
            let dutch: BTreeSet<_> = keys.iter().collect();
            let english: BTreeSet<_> = en[file].iter().collect();
            let only_nl: Vec<_> = dutch.difference(&english).collect();
            let only_en: Vec<_> = english.difference(&dutch).collect();
            assert!(
                only_nl.is_empty() && only_en.is_empty(),
                "{file}: only in nl: {only_nl:?}; only in en: {only_en:?}"
            );
        }
    }

    #[test]
    fn both_catalogs_hold_the_same_keys() {
        let nl = keys("nl");
        let en = keys("en");
        assert!(nl.len() > 50, "the Dutch catalog has {} keys", nl.len());
        let only_nl: Vec<_> = nl.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&nl).collect();
        assert!(
            only_nl.is_empty() && only_en.is_empty(),
            "only in nl: {only_nl:?}; only in en: {only_en:?}"
        );
    }

    #[test]
    fn every_catalog_message_resolves_without_errors_in_both_languages() {
        for key in keys("nl") {
            for lang in Lang::ALL {
                let text = lang.t(&key);
                assert!(!text.is_empty() && text != key, "{key} in {lang:?}");
            }
        }
    }

    #[test]
    fn a_title_that_ends_a_sentence_gets_no_second_stop() {
        let confirmed = |title: &str| Lang::Nl.t1("mail-body-confirmation", "title", title);
        assert_eq!(
            confirmed("Wat werkt in de wijk?"),
            "Je hebt een plaats bij Wat werkt in de wijk? Fijn dat je komt!"
        );
        assert_eq!(
            confirmed("Buurtkracht"),
            "Je hebt een plaats bij Buurtkracht. Fijn dat je komt!"
        );
        assert_eq!(
            Lang::En.t1("check-in-who", "session", "Wat nu?"),
            "Who is at Wat nu?"
        );
        assert_eq!(
            Lang::Nl.t1("manage-cancelled-text", "title", "Samen doen!"),
            "Je bent afgemeld voor Samen doen!"
        );
        // Only right after the value: other punctuation stays.
        assert_eq!(
            without_doubled_stop("Over Wat nu? en Wat nu?.".into(), "Wat nu?"),
            "Over Wat nu? en Wat nu?"
        );
        assert_eq!(without_doubled_stop("Ja.".into(), ""), "Ja.");
    }

    #[test]
    fn dates_and_times_read_as_each_language_writes_them() {
        let at = Utc.with_ymd_and_hms(2026, 12, 8, 12, 30, 0).unwrap();
        assert_eq!(Lang::Nl.date_long(at), "dinsdag 8 december 2026");
        let day = chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
        assert_eq!(Lang::Nl.day(day), "1 mei 2026");
        assert_eq!(Lang::En.day(day), "1 May 2026");
        assert_eq!(Lang::En.date_long(at), "Tuesday 8 December 2026");
        assert_eq!(Lang::Nl.time(at), "13.30");
        assert_eq!(Lang::En.time(at), "13:30");
        let end = Utc.with_ymd_and_hms(2026, 12, 8, 17, 0, 0).unwrap();
        assert_eq!(Lang::Nl.time_range(at, end), "13.30–18.00 uur");
        assert_eq!(Lang::Nl.money(1250), "€ 12,50");
        assert_eq!(Lang::En.money(1250), "€12.50");
        assert_eq!(Lang::Nl.money(0), "Gratis");
    }

    #[test]
    fn plural_messages_follow_the_count() {
        assert_eq!(Lang::Nl.t1("places-left", "count", 1u32), "Nog 1 plek vrij");
        assert_eq!(
            Lang::Nl.t1("places-left", "count", 5u32),
            "Nog 5 plekken vrij"
        );
        assert_eq!(Lang::En.t1("places-left", "count", 1u32), "1 place left");
    }
}
