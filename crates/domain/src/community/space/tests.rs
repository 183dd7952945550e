//! The space's rules: who hears of a post, when the digest is due, the forms,
//! mentions and the paging cursor.

use chrono::TimeZone;

use super::*;
use crate::access::ActivityRole;
use crate::community::membership::Level;

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

#[test]
fn a_new_thread_reaches_everyone_and_a_reply_only_followers() {
    use Delivery::*;
    use MailChoice::*;
    assert_eq!(delivery(PostKind::Thread, Each, false, false), Some(Now));
    assert_eq!(
        delivery(PostKind::Thread, Daily, false, false),
        Some(Digest)
    );
    assert_eq!(
        delivery(PostKind::Thread, MailChoice::Never, true, false),
        None
    );
    assert_eq!(delivery(PostKind::Reply, Each, false, false), None);
    assert_eq!(delivery(PostKind::Reply, Each, true, false), Some(Now));
    assert_eq!(delivery(PostKind::Reply, Daily, true, false), Some(Digest));
    // Never one's own post.
    assert_eq!(delivery(PostKind::Reply, Each, true, true), None);
    assert_eq!(delivery(PostKind::Thread, Daily, false, true), None);
}

#[test]
fn mail_choices_round_trip_and_default_to_the_digest() {
    for choice in MailChoice::ALL {
        assert_eq!(MailChoice::parse(choice.as_str()), Some(choice));
    }
    assert_eq!(MailChoice::parse("weekly"), None);
    assert_eq!(MailChoice::default(), MailChoice::Daily);
}

#[test]
fn the_digest_is_due_once_a_day_from_seven_dutch_time() {
    // 4 December: winter time, 07:00 in Amsterdam is 06:00 UTC.
    let before = utc(2026, 12, 4, 5, 59);
    let at = utc(2026, 12, 4, 6, 0);
    assert!(!digest_due(None, before));
    assert!(digest_due(None, at));
    // Made yesterday: due again; made after today's moment: not.
    assert!(digest_due(Some(utc(2026, 12, 3, 6, 5)), at));
    assert!(!digest_due(
        Some(utc(2026, 12, 4, 6, 1)),
        utc(2026, 12, 4, 20, 0)
    ));
    // Summer time: 07:00 in Amsterdam is 05:00 UTC.
    assert!(digest_due(None, utc(2026, 7, 1, 5, 0)));
    assert!(!digest_due(None, utc(2026, 7, 1, 4, 59)));
}

#[test]
fn a_digest_reads_from_the_previous_one_but_never_more_than_two_days_back() {
    let now = utc(2026, 12, 4, 6, 0);
    assert_eq!(digest_since(None, now), now - Duration::days(2));
    let yesterday = utc(2026, 12, 3, 6, 0);
    assert_eq!(digest_since(Some(yesterday), now), yesterday);
    assert_eq!(
        digest_since(Some(utc(2026, 1, 1, 0, 0)), now),
        now - Duration::days(2)
    );
}

#[test]
fn the_writer_and_those_who_run_the_atelier_may_remove_a_post() {
    assert!(may_remove(Standing::Member(Level::OnlineOnly), true));
    assert!(!may_remove(Standing::Member(Level::Meetings), false));
    assert!(may_remove(Standing::Runs(ActivityRole::Kartrekker), false));
}

#[test]
fn a_thread_needs_a_title_and_text_and_may_be_about_a_case_or_meeting() {
    let case = "0123456789abcdef0123456789abcdef".to_owned();
    let ok = ThreadForm {
        title: "  Wie kent een goede buurtapp? ".into(),
        body: "Ik zoek **tips**.\r\nDank!".into(),
        about: format!("case:{case}"),
    }
    .parse(std::slice::from_ref(&case), &[7])
    .unwrap();
    assert_eq!(ok.title, "Wie kent een goede buurtapp?");
    assert_eq!(ok.body, "Ik zoek **tips**.\nDank!");
    assert_eq!(ok.about, Some(About::Case(case.clone())));
    assert_eq!(
        ThreadForm {
            title: "t".into(),
            body: "b".into(),
            about: "meeting:7".into()
        }
        .parse(&[], &[7])
        .unwrap()
        .about,
        Some(About::Meeting(7))
    );

    let errors = ThreadForm {
        title: "x".repeat(10_000),
        body: "   ".into(),
        about: "meeting:8".into(),
    }
    .parse(&[case], &[7])
    .unwrap_err();
    let fields: Vec<_> = errors
        .iter()
        .map(|e| (e.field.as_str(), e.message))
        .collect();
    assert_eq!(
        fields,
        [
            ("title", "error-too-long"),
            ("body", "space-error-body-missing"),
            ("about", "error-choice")
        ]
    );
    let errors = ThreadForm {
        title: "a\u{7}b".into(),
        body: "<script>alert(1)</script>".into(),
        about: "case:nope".into(),
    }
    .parse(&[], &[])
    .unwrap_err();
    // Markup is text here (it is escaped when shown); control characters are not.
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0].message, "error-control-characters");
    assert_eq!(errors[1].field, "about");
}

#[test]
fn a_reply_needs_text_within_the_limit() {
    assert_eq!(parse_reply(" Eens! ").unwrap(), "Eens!");
    assert_eq!(
        parse_reply("").unwrap_err()[0].message,
        "space-error-body-missing"
    );
    assert_eq!(
        parse_reply(&"a".repeat(MAX_POST + 1)).unwrap_err()[0].message,
        "error-too-long"
    );
}

#[test]
fn mentions_are_this_ateliers_cases_and_meetings_each_once() {
    let case = "0123456789ABCDEF0123456789abcdef";
    let body = format!(
        "Zie https://leren.example.org/ateliers/veerkracht/kwesties/{case} en \
         /ateliers/veerkracht/bijeenkomsten/42, nog eens /ateliers/veerkracht/kwesties/{case}. \
         Niet: /ateliers/ander/kwesties/{case}, /ateliers/veerkracht/kwesties/123, \
         /ateliers/veerkracht/onderzoek."
    );
    assert_eq!(
        mentions(&body, "veerkracht"),
        [
            Mention::Case(case.to_ascii_lowercase()),
            Mention::Meeting(42)
        ]
    );
    let many: String = (1..=20)
        .map(|i| format!("/ateliers/a/bijeenkomsten/{i} "))
        .collect();
    assert_eq!(mentions(&many, "a").len(), MAX_MENTIONS);
    assert!(mentions("geen adres", "a").is_empty());
}

#[test]
fn a_cursor_round_trips_and_refuses_anything_else() {
    let cursor = Cursor {
        at: utc(2026, 12, 4, 10, 30),
        id: 99,
    };
    assert_eq!(Cursor::parse(&cursor.encode()), Some(cursor));
    for bad in [
        "",
        "1-",
        "-1",
        "abc-1",
        "1-0",
        "1-x",
        "99999999999999999999-1",
    ] {
        assert_eq!(Cursor::parse(bad), None, "{bad}");
    }
}
