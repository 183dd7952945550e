//! Unit tests of [`super`].

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
    let found = series.occurrences(utc("2027-03-01T00:00:00Z"), utc("2027-12-01T00:00:00Z"), 20);
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
    let found = series.occurrences(utc("2027-02-01T00:00:00Z"), utc("2027-05-01T00:00:00Z"), 10);
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
    let found = series.occurrences(utc("2027-03-28T01:00:00Z"), utc("2027-03-28T02:00:00Z"), 10);
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
