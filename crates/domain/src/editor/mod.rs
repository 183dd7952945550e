//! The activity editor's rules: what an organiser may enter for an activity and its
//! sessions (parsed into checked values, every problem reported at its field), and
//! which status changes exist. No I/O; the web layer shows the errors, storage
//! applies the values.

use chrono::{DateTime, NaiveTime, Utc};
use chrono_tz::Europe::Amsterdam;

use serde::{Deserialize, Serialize};

use crate::activity::{ActivityStatus, ProgramItemKind};
use crate::input::{
    FieldError, PersonName, amsterdam, line, parse_cost, parse_count, parse_links,
    parse_local_datetime, parse_people, text,
};
use crate::prerequisite::Rule;
use crate::registration::{Email, QuestionKind, REGIONS};

mod activity;
mod change;
mod program;
mod question;
mod session;
mod status;

pub use activity::*;
pub use change::*;
pub use program::*;
pub use question::*;
pub use session::*;
pub use status::*;

pub const MAX_TITLE: usize = 200;
pub const MAX_SUMMARY: usize = 600;
pub const MAX_BODY: usize = 20_000;
pub const MAX_NOTE: usize = 1_000;
/// Largest capacity and offer time an organiser may set (typos beyond these are
/// more likely than real events).
pub const MAX_CAPACITY: u32 = 100_000;
pub const MAX_OFFER_HOURS: u32 = 14 * 24;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{MAX_COST_CENTS, local_datetime_value, people_value};

    fn input() -> ActivityInput {
        ActivityInput {
            title: "Leercafé Buurtkracht".into(),
            summary: "Samen leren over buurtkracht.".into(),
            capacity: "30".into(),
            waitlist: true,
            registration_open: true,
            ..ActivityInput::default()
        }
    }

    #[test]
    fn costs_are_read_as_people_write_them() {
        assert_eq!(parse_cost(""), Ok(None));
        assert_eq!(parse_cost("0"), Ok(Some(0)));
        assert_eq!(parse_cost("Gratis"), Ok(Some(0)));
        assert_eq!(parse_cost("12,50"), Ok(Some(1250)));
        assert_eq!(parse_cost("€ 12.5"), Ok(Some(1250)));
        assert_eq!(parse_cost("€12,-"), Ok(Some(1200)));
        assert_eq!(parse_cost("100000"), Ok(Some(MAX_COST_CENTS)));
        assert_eq!(parse_cost("100001"), Err("editor-error-cost"));
        for bad in ["-5", "12,345", "twaalf", "1.000,00", "€", ","] {
            assert_eq!(parse_cost(bad), Err("editor-error-cost"), "{bad}");
        }
    }

    #[test]
    fn a_good_form_passes_and_every_problem_is_reported_at_its_field() {
        let offered = Offered {
            themes: &["buurt"],
            audiences: &["opbouwwerker"],
            activities: &["vorige-module"],
        };
        let valid = validate_activity(&input(), offered).unwrap();
        assert_eq!(valid.capacity, Some(30));
        assert_eq!(valid.promotion, "automatic");
        assert_eq!(valid.offer_hours, 48);
        let bad = ActivityInput {
            title: " ".into(),
            summary: String::new(),
            region: "Mars".into(),
            cost: "veel".into(),
            capacity: "0".into(),
            promotion: "loterij".into(),
            offer_hours: "9999".into(),
            opens_at: "2026-12-10T10:00".into(),
            closes_at: "2026-12-01T10:00".into(),
            organiser_email: "geen adres".into(),
            themes: vec!["onbekend".into()],
            audiences: vec!["opbouwwerker".into()],
            contact_phone: "bel mij".into(),
            links: "geen link".into(),
            ..input()
        };
        let fields: Vec<String> = validate_activity(&bad, offered)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "title",
                "summary",
                "region",
                "cost",
                "capacity",
                "promotion",
                "offer_hours",
                "closes_at",
                "organiser_email",
                "themes",
                "contact_phone",
                "contact_name",
                "links"
            ]
        );
    }

    #[test]
    fn dutch_times_become_utc_and_the_skipped_hour_is_refused() {
        let winter = parse_local_datetime("2026-12-03T13:30").unwrap().unwrap();
        assert_eq!(winter.to_rfc3339(), "2026-12-03T12:30:00+00:00");
        assert_eq!(local_datetime_value(winter), "2026-12-03T13:30");
        let summer = parse_local_datetime("2026-06-03T13:30").unwrap().unwrap();
        assert_eq!(summer.to_rfc3339(), "2026-06-03T11:30:00+00:00");
        // 29 March 2026, 02:30 does not exist in the Netherlands.
        assert_eq!(
            parse_local_datetime("2026-03-29T02:30"),
            Err("editor-error-time-gap")
        );
        assert_eq!(parse_local_datetime("morgen"), Err("editor-error-datetime"));
        assert_eq!(parse_local_datetime(""), Ok(None));
    }

    #[test]
    fn a_session_ends_after_it_starts_at_a_known_venue() {
        let good = SessionInput {
            date: "2026-12-03".into(),
            start: "13:30".into(),
            end: "17:00".into(),
            venue: "huis".into(),
            capacity: "".into(),
            title: "".into(),
        };
        let valid = validate_session(&good, &["huis"]).unwrap();
        assert_eq!(valid.starts_at.to_rfc3339(), "2026-12-03T12:30:00+00:00");
        assert_eq!(valid.ends_at.to_rfc3339(), "2026-12-03T16:00:00+00:00");
        assert_eq!(valid.venue.as_deref(), Some("huis"));
        let backwards = SessionInput {
            end: "12:00".into(),
            ..good.clone()
        };
        assert_eq!(
            validate_session(&backwards, &["huis"]).unwrap_err(),
            [FieldError::new("end", "editor-error-end-before-start")]
        );
        let empty = SessionInput {
            venue: "elders".into(),
            capacity: "-1".into(),
            ..SessionInput::default()
        };
        let fields: Vec<String> = validate_session(&empty, &["huis"])
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["date", "start", "end", "venue", "capacity"]);
    }

    #[test]
    fn status_moves_forward_only() {
        use ActivityStatus as S;
        use StatusAction as A;
        assert_eq!(transition(S::Draft, A::Publish), Some(S::Published));
        assert_eq!(transition(S::Published, A::Cancel), Some(S::Cancelled));
        assert_eq!(transition(S::Cancelled, A::Archive), Some(S::Archived));
        assert_eq!(transition(S::Draft, A::Archive), Some(S::Archived));
        assert_eq!(transition(S::Draft, A::Cancel), None);
        assert_eq!(transition(S::Published, A::Publish), None);
        assert_eq!(transition(S::Cancelled, A::Publish), None);
        assert_eq!(transition(S::Archived, A::Archive), None);
        assert!(editable(S::Draft) && editable(S::Published));
        assert!(!editable(S::Cancelled) && !editable(S::Archived));
    }

    #[test]
    fn lowering_capacity_below_the_people_who_have_a_place_needs_consent() {
        assert!(capacity_below_taken(Some(10), 11));
        assert!(!capacity_below_taken(Some(10), 10));
        assert!(!capacity_below_taken(None, 500));
    }

    fn session() -> ValidSession {
        validate_session(
            &SessionInput {
                date: "2026-12-03".into(),
                start: "13:30".into(),
                end: "17:00".into(),
                ..SessionInput::default()
            },
            &[],
        )
        .unwrap()
    }

    fn row(time: &str, title: &str) -> ProgramInput {
        ProgramInput {
            time: time.into(),
            kind: "talk".into(),
            title: title.into(),
            ..ProgramInput::default()
        }
    }

    #[test]
    fn program_times_lie_within_the_session_and_follow_each_other() {
        let rows = [
            row("13:30", "Inloop"),
            ProgramInput {
                speakers: "Anna de Vries (Movisie); Bram".into(),
                ..row("14:00", "Lezing")
            },
            ProgramInput::default(),
            row("", "Napraten"),
        ];
        let items = validate_program(&rows, &session()).unwrap();
        assert_eq!(items.len(), 3);
        assert_eq!(
            items[1].starts_at.unwrap().to_rfc3339(),
            "2026-12-03T13:00:00+00:00"
        );
        assert_eq!(
            items[1].speakers,
            [
                PersonName {
                    name: "Anna de Vries".into(),
                    affiliation: "Movisie".into()
                },
                PersonName {
                    name: "Bram".into(),
                    affiliation: String::new()
                }
            ]
        );
        assert_eq!(
            people_value(items[1].speakers.iter().map(PersonName::parts), "; "),
            "Anna de Vries (Movisie); Bram"
        );
        assert_eq!(items[2].starts_at, None);
        let bad = [
            row("14:00", "Lezing"),
            row("14:00", "Tegelijk"),
            row("13:45", "Eerder"),
            row("18:00", "Te laat"),
            row("25:00", "Geen tijd"),
            row("15:00", ""),
            ProgramInput {
                kind: "feest".into(),
                ..row("", "Feest")
            },
        ];
        let errors = validate_program(&bad, &session()).unwrap_err();
        assert_eq!(
            errors,
            [
                FieldError::new("p1_time", "editor-error-program-overlap"),
                FieldError::new("p2_time", "editor-error-program-overlap"),
                FieldError::new("p3_time", "editor-error-program-outside"),
                FieldError::new("p4_time", "editor-error-time"),
                FieldError::new("p5_title", "editor-error-program-title"),
                FieldError::new("p6_kind", "error-choice"),
            ]
        );
    }

    #[test]
    fn links_and_questions_are_checked() {
        assert_eq!(
            parse_links("Dossier | https://www.movisie.nl/dossier\n\nhttps://example.org"),
            Ok(vec![
                ("Dossier".into(), "https://www.movisie.nl/dossier".into()),
                ("https://example.org".into(), "https://example.org".into()),
            ])
        );
        assert_eq!(
            parse_links("Klik | javascript:alert(1)"),
            Err("editor-error-link")
        );
        assert_eq!(parse_people("(Movisie)", ';'), Err("editor-error-person"));
        let choice = QuestionInput {
            kind: "choice".into(),
            label: "Welke workshop?".into(),
            options: "A\n\nB\nA\n".into(),
            ..QuestionInput::default()
        };
        assert_eq!(validate_question(&choice).unwrap().options, "A\nB");
        let one = QuestionInput {
            options: "A".into(),
            ..choice.clone()
        };
        assert_eq!(
            validate_question(&one).unwrap_err(),
            [FieldError::new("options", "editor-error-options")]
        );
        let text_question = QuestionInput {
            kind: "text".into(),
            ..choice
        };
        assert_eq!(validate_question(&text_question).unwrap().options, "");
        let empty = validate_question(&QuestionInput::default()).unwrap_err();
        let fields: Vec<&str> = empty.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["kind", "label"]);
    }

    #[test]
    fn changes_name_what_registrants_notice() {
        let s = session();
        let before = SessionSnapshot {
            starts_at: s.starts_at,
            ends_at: s.ends_at,
            venue: Some("Buurthuis".into()),
            program: vec!["13:30 Inloop".into()],
        };
        assert!(session_changes(Some(&before), Some(&before)).is_empty());
        let later = SessionSnapshot {
            starts_at: s.starts_at + chrono::Duration::hours(1),
            venue: None,
            program: vec!["14:30 Inloop".into()],
            ..before.clone()
        };
        let changes = session_changes(Some(&before), Some(&later));
        assert_eq!(changes.len(), 3);
        assert!(matches!(changes[0], Change::Time { .. }));
        assert_eq!(
            changes[1],
            Change::Venue {
                starts_at: later.starts_at,
                before: Some("Buurthuis".into()),
                after: None
            }
        );
        // The payload survives a round trip through JSON.
        let json = serde_json::to_string(&changes).unwrap();
        assert_eq!(serde_json::from_str::<Vec<Change>>(&json).unwrap(), changes);
        assert!(matches!(
            session_changes(None, Some(&later))[..],
            [Change::Added { .. }]
        ));
        assert!(matches!(
            session_changes(Some(&before), None)[..],
            [Change::Removed { .. }]
        ));
    }
}
