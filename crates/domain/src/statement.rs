//! The accessibility statement in the model of the Dutch government
//! (toegankelijkheidsverklaring.nl): a compliance status A–E, the date of the
//! statement, how the site was examined, and the known problems, each with the date
//! by which it will be fixed. A platform admin fills it in as a form; this parses that
//! form into a [`Statement`] or says per field what is wrong.

use chrono::NaiveDate;

use crate::input::{FieldError, MAX_LINE, line, text};

/// How far the site meets the standard (EN 301 549 / WCAG), as the model names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compliance {
    /// A: meets it fully.
    Full,
    /// B: meets it partly.
    Partial,
    /// C: first steps taken.
    FirstSteps,
    /// D: does not meet it.
    NotMet,
    /// E: no insight yet.
    Unknown,
}

impl Compliance {
    pub const ALL: [Self; 5] = [
        Self::Full,
        Self::Partial,
        Self::FirstSteps,
        Self::NotMet,
        Self::Unknown,
    ];

    /// The model's letter, stored and sent by the form.
    pub fn code(self) -> &'static str {
        match self {
            Self::Full => "A",
            Self::Partial => "B",
            Self::FirstSteps => "C",
            Self::NotMet => "D",
            Self::Unknown => "E",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == raw.trim())
    }
}

/// A problem the site has, and by when it will be fixed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KnownIssue {
    pub what: String,
    pub fixed_by: NaiveDate,
}

/// A checked statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    pub status: Compliance,
    pub date: NaiveDate,
    pub method: String,
    pub issues: Vec<KnownIssue>,
}

/// The form as sent: each field as typed.
#[derive(Clone, Debug, Default)]
pub struct StatementForm {
    pub status: String,
    pub date: String,
    pub method: String,
    /// One problem per line: `what | date`.
    pub issues: String,
}

/// The statement before an admin saved one: partly compliant, since only automated
/// checks and a check by hand were done (see the `a11y-*-default` texts).
pub const DEFAULT_STATUS: Compliance = Compliance::Partial;

/// The date the built-in statement was written.
pub fn default_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 4).expect("a real date")
}

/// Longest description of the method.
pub const MAX_METHOD: usize = 2_000;
/// Most known problems one statement lists.
pub const MAX_ISSUES: usize = 50;
/// What separates a problem from its date on a line.
pub const ISSUE_SEPARATOR: char = '|';

/// A date as a date field sends it (`2026-05-01`) or as people type it in Dutch
/// (`1-5-2026`, `01-05-2026`).
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    let value = raw.trim();
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(value, "%d-%m-%Y"))
        .ok()
        .filter(|d| (2000..=2200).contains(&chrono::Datelike::year(d)))
}

/// The known problems, one a line; blank lines are skipped.
fn parse_issues(raw: &str) -> Result<Vec<KnownIssue>, &'static str> {
    let raw = text(raw, MAX_ISSUES * (MAX_LINE + 20))?;
    let mut issues = Vec::new();
    for row in raw.lines().filter(|l| !l.trim().is_empty()) {
        let Some((what, when)) = row.rsplit_once(ISSUE_SEPARATOR) else {
            return Err("statement-error-issue");
        };
        let what = line(what, MAX_LINE)?;
        let fixed_by = parse_date(when).ok_or("statement-error-issue")?;
        if what.is_empty() {
            return Err("statement-error-issue");
        }
        issues.push(KnownIssue { what, fixed_by });
    }
    if issues.len() > MAX_ISSUES {
        return Err("error-too-long");
    }
    Ok(issues)
}

/// Checks every field; all problems at once, each at its field.
pub fn parse_statement(form: &StatementForm) -> Result<Statement, Vec<FieldError>> {
    let mut errors = Vec::new();
    let status = Compliance::parse(&form.status);
    if status.is_none() {
        errors.push(FieldError::new("status", "error-choice"));
    }
    let date = parse_date(&form.date);
    if date.is_none() {
        errors.push(FieldError::new("date", "statement-error-date"));
    }
    let method = match text(&form.method, MAX_METHOD) {
        Ok(method) if method.is_empty() => {
            errors.push(FieldError::new("method", "error-required"));
            None
        }
        Ok(method) => Some(method),
        Err(key) => {
            errors.push(FieldError::new("method", key));
            None
        }
    };
    let issues = parse_issues(&form.issues)
        .map_err(|key| errors.push(FieldError::new("issues", key)))
        .ok();
    match (status, date, method, issues) {
        (Some(status), Some(date), Some(method), Some(issues)) if errors.is_empty() => {
            Ok(Statement {
                status,
                date,
                method,
                issues,
            })
        }
        _ => Err(errors),
    }
}

/// The known problems as the form shows them again (`what | dd-mm-yyyy`).
pub fn issues_value(issues: &[KnownIssue]) -> String {
    issues
        .iter()
        .map(|i| {
            format!(
                "{} {ISSUE_SEPARATOR} {}",
                i.what,
                i.fixed_by.format("%d-%m-%Y")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(status: &str, date: &str, method: &str, issues: &str) -> StatementForm {
        StatementForm {
            status: status.into(),
            date: date.into(),
            method: method.into(),
            issues: issues.into(),
        }
    }

    #[test]
    fn a_complete_form_becomes_a_statement() {
        let statement = parse_statement(&form(
            "B",
            "2026-05-01",
            " Eigen onderzoek met axe-core. ",
            "Kaart zonder tekst | 01-07-2026\n\n  Knop zonder naam|2026-08-15  ",
        ))
        .unwrap();
        assert_eq!(statement.status, Compliance::Partial);
        assert_eq!(statement.date, NaiveDate::from_ymd_opt(2026, 5, 1).unwrap());
        assert_eq!(statement.method, "Eigen onderzoek met axe-core.");
        assert_eq!(
            statement.issues,
            [
                KnownIssue {
                    what: "Kaart zonder tekst".into(),
                    fixed_by: NaiveDate::from_ymd_opt(2026, 7, 1).unwrap(),
                },
                KnownIssue {
                    what: "Knop zonder naam".into(),
                    fixed_by: NaiveDate::from_ymd_opt(2026, 8, 15).unwrap(),
                },
            ]
        );
        assert_eq!(
            issues_value(&statement.issues),
            "Kaart zonder tekst | 01-07-2026\nKnop zonder naam | 15-08-2026"
        );
        let again = parse_statement(&form(
            "B",
            "1-5-2026",
            "x",
            &issues_value(&statement.issues),
        ));
        assert_eq!(
            again.unwrap().issues,
            statement.issues,
            "the form reads back"
        );
    }

    #[test]
    fn no_issues_is_fine() {
        let statement = parse_statement(&form("A", "01-05-2026", "Onderzoek", "  ")).unwrap();
        assert!(statement.issues.is_empty());
    }

    #[test]
    fn each_wrong_field_gets_its_message() {
        let errors = parse_statement(&form("Z", "", "  ", "geen datum")).unwrap_err();
        let fields: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.message))
            .collect();
        assert_eq!(
            fields,
            [
                ("status", "error-choice"),
                ("date", "statement-error-date"),
                ("method", "error-required"),
                ("issues", "statement-error-issue"),
            ]
        );
        for bad in ["31-02-2026", "2026/05/01", "morgen", "01-05-99999"] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        for bad in [" | 01-07-2026", "Kaart | ooit", "Kaart 01-07-2026"] {
            assert_eq!(parse_issues(bad), Err("statement-error-issue"), "{bad}");
        }
        assert_eq!(
            parse_issues("Kaart\u{202E} | 01-07-2026"),
            Err("error-control-characters")
        );
        let many = "Probleem | 01-07-2026\n".repeat(MAX_ISSUES + 1);
        assert_eq!(parse_issues(&many), Err("error-too-long"));
    }

    #[test]
    fn every_status_reads_back_from_its_letter() {
        for status in Compliance::ALL {
            assert_eq!(Compliance::parse(status.code()), Some(status));
        }
        assert_eq!(Compliance::parse(""), None);
        assert_eq!(Compliance::parse("b"), None);
    }
}
