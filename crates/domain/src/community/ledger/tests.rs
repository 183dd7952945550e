//! Unit tests of [`super`].

use super::*;
use crate::access::ActivityRole;
use crate::community::membership::{Level, MemberState};
use chrono::TimeZone;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn took(date: NaiveDate, minutes: u32) -> LedgerEntry {
    LedgerEntry {
        date,
        kind: Entry::Took(1),
        minutes,
    }
}

fn brought(date: NaiveDate, kind: ContributionKind, minutes: u32) -> LedgerEntry {
    LedgerEntry {
        date,
        kind: Entry::Brought(kind),
        minutes,
    }
}

fn balance(attended: u32, contributions: u32) -> Balance {
    Balance {
        attended,
        contributions,
        ..Balance::default()
    }
}

fn fields(errors: &[FieldError]) -> Vec<(&str, &str)> {
    errors
        .iter()
        .map(|e| (e.field.as_str(), e.message))
        .collect()
}

#[test]
fn contribution_kinds_round_trip() {
    for kind in ContributionKind::ALL {
        assert_eq!(ContributionKind::parse(kind.as_str()), Some(kind));
        assert!(kind.default_minutes() > 0);
        assert!(kind.default_minutes() <= MAX_ENTRY_MINUTES);
    }
    assert_eq!(
        ContributionKind::parse("helpful_post"),
        Some(ContributionKind::HelpfulPost)
    );
    assert_eq!(ContributionKind::parse("attended"), None);
    assert_eq!(ContributionKind::parse("Case"), None);
}

#[test]
fn stored_entries_round_trip_and_attending_needs_a_meeting() {
    let entries = [
        Entry::Took(7),
        Entry::Brought(ContributionKind::Research),
        Entry::Brought(ContributionKind::HelpfulPost),
    ];
    for entry in entries {
        let meeting = match entry {
            Entry::Took(id) => Some(id),
            Entry::Brought(_) => None,
        };
        assert_eq!(Entry::from_row(entry.kind_str(), meeting), Some(entry));
    }
    assert_eq!(Entry::from_row("attended", None), None);
    assert_eq!(Entry::from_row("lurking", None), None);
    assert_eq!(
        Entry::from_row("case", Some(3)),
        Some(Entry::Brought(ContributionKind::Case)),
        "a contribution may be linked to the meeting it was for"
    );
}

#[test]
fn attending_counts_the_meeting_on_its_dutch_day() {
    // 00:30 on 1 December in Amsterdam is still 30 November in UTC.
    let starts = Amsterdam
        .with_ymd_and_hms(2026, 12, 1, 0, 30, 0)
        .unwrap()
        .with_timezone(&Utc);
    let entry = LedgerEntry::attended(4, starts, starts + chrono::Duration::minutes(150));
    assert_eq!(
        entry,
        LedgerEntry {
            date: day(2026, 12, 1),
            kind: Entry::Took(4),
            minutes: 150
        }
    );
    assert_eq!(LedgerEntry::attended(4, starts, starts).minutes, 0);
    assert_eq!(
        LedgerEntry::attended(4, starts, starts - chrono::Duration::hours(1)).minutes,
        0,
        "a meeting ending before it starts counts nothing"
    );
}

fn contribution() -> ContributionForm {
    ContributionForm {
        date: "2026-11-20".into(),
        kind: "presentation".into(),
        minutes: "75".into(),
        note: " Presentatie buurtbudget ".into(),
    }
}

#[test]
fn a_contribution_records_date_kind_minutes_and_what_it_was() {
    let today = day(2026, 12, 3);
    let new = contribution().parse(today).unwrap();
    assert_eq!(
        new,
        NewContribution {
            date: day(2026, 11, 20),
            kind: ContributionKind::Presentation,
            minutes: 75,
            note: "Presentatie buurtbudget".into(),
        }
    );
    assert_eq!(
        new.entry(),
        brought(day(2026, 11, 20), ContributionKind::Presentation, 75)
    );
    let today_itself = ContributionForm {
        date: "2026-12-03".into(),
        ..contribution()
    };
    assert!(today_itself.parse(today).is_ok());
}

#[test]
fn an_empty_time_counts_the_kinds_default() {
    for kind in ContributionKind::ALL {
        let form = ContributionForm {
            kind: kind.as_str().into(),
            minutes: " ".into(),
            ..contribution()
        };
        assert_eq!(
            form.parse(day(2026, 12, 3)).unwrap().minutes,
            kind.default_minutes()
        );
    }
}

#[test]
fn contribution_fields_are_checked() {
    let today = day(2026, 12, 3);
    let check = |form: ContributionForm, expected: &[(&str, &str)]| {
        assert_eq!(
            fields(&form.parse(today).unwrap_err()),
            expected,
            "{form:?}"
        );
    };
    check(
        ContributionForm {
            date: "2026-12-04".into(),
            ..contribution()
        },
        &[("date", "ledger-error-date-future")],
    );
    check(
        ContributionForm {
            date: String::new(),
            ..contribution()
        },
        &[("date", "editor-error-date-required")],
    );
    check(
        ContributionForm {
            date: "20-11-2026".into(),
            ..contribution()
        },
        &[("date", "editor-error-date")],
    );
    check(
        ContributionForm {
            date: "1999-11-20".into(),
            ..contribution()
        },
        &[("date", "editor-error-date-range")],
    );
    for kind in ["", "attended", "kwestie"] {
        check(
            ContributionForm {
                kind: kind.into(),
                ..contribution()
            },
            &[("kind", "error-choice")],
        );
    }
    for minutes in ["0", "2401", "1,5", "anderhalf uur"] {
        check(
            ContributionForm {
                minutes: minutes.into(),
                ..contribution()
            },
            &[("minutes", "editor-error-number")],
        );
    }
    check(
        ContributionForm {
            note: "a".repeat(MAX_LINE + 1),
            ..contribution()
        },
        &[("note", "error-too-long")],
    );
    check(
        ContributionForm::default(),
        &[
            ("date", "editor-error-date-required"),
            ("kind", "error-choice"),
        ],
    );
}

#[test]
fn the_balance_counts_and_sums_each_side() {
    let d = day(2026, 10, 1);
    let entries = [
        took(d, 150),
        took(d, 180),
        brought(d, ContributionKind::Case, 60),
        took(d, 120),
        brought(d, ContributionKind::HelpfulPost, 15),
    ];
    assert_eq!(
        Balance::of(&entries),
        Balance {
            attended: 3,
            minutes_taken: 450,
            contributions: 2,
            minutes_brought: 75,
        }
    );
    assert_eq!(Balance::of(&[]), Balance::default());
}

#[test]
fn a_member_who_only_takes_gets_the_signal() {
    let one_per_three = Threshold::default();
    assert_eq!(
        one_per_three,
        Threshold {
            contributions: 1,
            per_meetings: 3
        }
    );
    assert!(only_takes_signal(&balance(6, 1), one_per_three));
    assert!(only_takes_signal(&balance(3, 0), one_per_three));
    assert!(only_takes_signal(&balance(9, 2), one_per_three));
    assert!(!only_takes_signal(&balance(6, 2), one_per_three));
    assert!(
        !only_takes_signal(&balance(5, 1), one_per_three),
        "5 is one full period"
    );
    assert!(!only_takes_signal(&balance(3, 4), one_per_three));
    let two_per_four = Threshold {
        contributions: 2,
        per_meetings: 4,
    };
    assert!(only_takes_signal(&balance(4, 1), two_per_four));
    assert!(!only_takes_signal(&balance(4, 2), two_per_four));
}

#[test]
fn new_members_get_time_before_any_signal() {
    for attended in 0..3 {
        assert!(!only_takes_signal(
            &balance(attended, 0),
            Threshold::default()
        ));
    }
}

#[test]
fn a_threshold_of_zero_never_signals() {
    let off = Threshold {
        contributions: 0,
        per_meetings: 3,
    };
    assert!(!only_takes_signal(&balance(30, 0), off));
    let broken = Threshold {
        contributions: 1,
        per_meetings: 0,
    };
    assert!(!only_takes_signal(&balance(30, 0), broken));
}

#[test]
fn the_threshold_is_set_per_atelier() {
    assert_eq!(
        Threshold::parse("2", "6"),
        Ok(Threshold {
            contributions: 2,
            per_meetings: 6
        })
    );
    assert_eq!(Threshold::parse("", ""), Ok(Threshold::default()));
    assert_eq!(Threshold::parse("0", "3").map(|t| t.contributions), Ok(0));
    let errors = Threshold::parse("11", "0").unwrap_err();
    assert_eq!(
        fields(&errors),
        [
            ("signal_contributions", "editor-error-number"),
            ("signal_meetings", "editor-error-number"),
        ]
    );
    assert_eq!(
        fields(&Threshold::parse("1", "25").unwrap_err()),
        [("signal_meetings", "editor-error-number")]
    );
}

#[test]
fn the_expected_time_is_hours_and_minutes_per_month() {
    let two_hours = ExpectedTime::parse("2", "").unwrap().unwrap();
    assert_eq!(two_hours.minutes_per_month, 120);
    let ninety = ExpectedTime::parse(" 1 ", "30").unwrap().unwrap();
    assert_eq!(
        (ninety.minutes_per_month, ninety.hours(), ninety.minutes()),
        (90, 1, 30)
    );
    assert_eq!(
        ExpectedTime::parse("", "45")
            .unwrap()
            .map(|e| e.minutes_per_month),
        Some(45)
    );
    assert_eq!(
        ExpectedTime::parse("40", "0")
            .unwrap()
            .map(|e| e.minutes_per_month),
        Some(2400)
    );
    assert_eq!(ExpectedTime::parse("", ""), Ok(None));
    assert_eq!(ExpectedTime::parse("0", "0"), Ok(None));
}

#[test]
fn the_expected_time_stays_within_forty_hours() {
    let check = |hours: &str, minutes: &str, expected: &[(&str, &str)]| {
        let errors = ExpectedTime::parse(hours, minutes).unwrap_err();
        assert_eq!(fields(&errors), expected, "{hours:?} {minutes:?}");
    };
    check(
        "40",
        "1",
        &[("expected_hours", "ledger-error-expected-too-much")],
    );
    check("41", "", &[("expected_hours", "editor-error-number")]);
    check("twee", "", &[("expected_hours", "editor-error-number")]);
    check("-1", "", &[("expected_hours", "editor-error-number")]);
    check("2", "60", &[("expected_minutes", "editor-error-number")]);
    check(
        "2,5",
        "x",
        &[
            ("expected_hours", "editor-error-number"),
            ("expected_minutes", "editor-error-number"),
        ],
    );
}

#[test]
fn month_hours_cover_the_last_months_including_empty_ones() {
    let expected = ExpectedTime {
        minutes_per_month: 120,
    };
    let entries = [
        took(day(2026, 10, 1), 150),
        brought(day(2026, 10, 20), ContributionKind::Resource, 30),
        brought(day(2026, 12, 2), ContributionKind::HelpfulPost, 15),
        took(day(2026, 12, 3), 90),
        took(day(2026, 8, 31), 150),
        took(day(2027, 1, 1), 150),
    ];
    let rows = month_hours(&entries, Some(expected), day(2026, 12, 3), 3);
    let summary: Vec<_> = rows
        .iter()
        .map(|r| {
            (
                r.month.to_string(),
                r.attended_minutes,
                r.contributed_minutes,
                r.total_minutes(),
                r.meets_expected(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("2026-10".to_owned(), 150, 30, 180, Some(true)),
            ("2026-11".to_owned(), 0, 0, 0, Some(false)),
            ("2026-12".to_owned(), 90, 15, 105, Some(false)),
        ]
    );
    assert!(rows.iter().all(|r| r.expected_minutes == Some(120)));
}

#[test]
fn month_hours_cross_the_year_and_work_without_an_expectation() {
    let rows = month_hours(&[took(day(2026, 12, 31), 60)], None, day(2027, 2, 1), 4);
    let months: Vec<_> = rows.iter().map(|r| r.month.to_string()).collect();
    assert_eq!(months, ["2026-11", "2026-12", "2027-01", "2027-02"]);
    assert_eq!(rows[1].attended_minutes, 60);
    assert!(rows.iter().all(|r| r.meets_expected().is_none()));
    assert!(month_hours(&[], None, day(2027, 2, 1), 0).is_empty());
}

#[test]
fn a_month_that_exactly_meets_the_expectation_meets_it() {
    let row = MonthHours {
        month: YearMonth {
            year: 2026,
            month: 12,
        },
        attended_minutes: 90,
        contributed_minutes: 30,
        expected_minutes: Some(120),
    };
    assert_eq!(row.meets_expected(), Some(true));
}

#[test]
fn members_see_their_own_ledger_and_the_kartrekker_sees_everyones() {
    let member = Standing::Member(Level::Meetings);
    assert!(may_see_ledger(member, true));
    assert!(!may_see_ledger(member, false));
    assert!(may_see_ledger(
        Standing::Runs(ActivityRole::Kartrekker),
        false
    ));
    assert!(!may_see_ledger(
        Standing::Waiting(MemberState::Requested),
        true
    ));
    assert!(!may_see_ledger(Standing::Outside, true));
}

#[test]
fn attendance_opens_an_hour_before_the_meeting() {
    let starts = Utc.with_ymd_and_hms(2026, 12, 8, 18, 0, 0).unwrap();
    let at = |h, m| Utc.with_ymd_and_hms(2026, 12, 8, h, m, 0).unwrap();
    assert!(!attendance_open(starts, at(16, 59)), "too early");
    assert!(attendance_open(starts, at(17, 0)), "people come early");
    assert!(attendance_open(starts, at(20, 0)), "during and after");
    assert!(!attendance_open(
        starts,
        starts - chrono::Duration::days(14)
    ));
}
