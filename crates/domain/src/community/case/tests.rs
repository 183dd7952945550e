//! Unit tests of [`super`].

use super::*;
use crate::access::ActivityRole;
use crate::community::membership::{Level, MemberState};
use chrono::TimeZone;

/// A Dutch wall-clock moment on 2026-12-03.
fn at(hour: u32, minute: u32) -> DateTime<Utc> {
    Amsterdam
        .with_ymd_and_hms(2026, 12, 3, hour, minute, 0)
        .unwrap()
        .with_timezone(&Utc)
}

fn meeting(id: i64) -> MeetingTimes {
    MeetingTimes {
        id,
        starts_at: at(13, 30),
        ends_at: at(17, 0),
        cancelled: false,
    }
}

fn fields(errors: &[FieldError]) -> Vec<(&str, &str)> {
    errors
        .iter()
        .map(|e| (e.field.as_str(), e.message))
        .collect()
}

fn case_form() -> CaseForm {
    CaseForm {
        title: " Buurtbudget zonder bewoners ".into(),
        situation: "De gemeente verdeelt het budget.\r\nBewoners haken af.".into(),
        question: "Hoe krijg ik bewoners aan tafel?".into(),
        themes: vec!["3".into(), " 7 ".into(), "3".into()],
        meeting: "11".into(),
    }
}

#[test]
fn case_states_round_trip() {
    for state in CaseState::ALL {
        assert_eq!(CaseState::parse(state.as_str()), Some(state));
    }
    assert_eq!(
        CaseState::parse("carried_over"),
        Some(CaseState::CarriedOver)
    );
    assert_eq!(CaseState::parse("Scheduled"), None);
    assert_eq!(CaseState::parse(""), None);
}

#[test]
fn a_case_goes_from_submitted_over_the_agenda_to_its_outcome() {
    use CaseState::*;
    assert_eq!(Submitted.step(Scheduled), Ok(()));
    assert_eq!(Scheduled.step(Discussed), Ok(()));
    assert_eq!(Scheduled.step(CarriedOver), Ok(()));
    assert_eq!(CarriedOver.step(Scheduled), Ok(()), "to a later meeting");
    assert_eq!(Scheduled.step(Submitted), Ok(()), "off the agenda");
}

#[test]
fn every_other_step_is_refused_with_a_reason() {
    use CaseState::*;
    for state in CaseState::ALL {
        assert_eq!(state.step(state), Err(StepRefused::Unchanged));
    }
    for to in [Submitted, Scheduled, CarriedOver] {
        assert_eq!(Discussed.step(to), Err(StepRefused::Finished));
    }
    assert_eq!(Submitted.step(Discussed), Err(StepRefused::NotScheduled));
    assert_eq!(Submitted.step(CarriedOver), Err(StepRefused::NotScheduled));
    assert_eq!(CarriedOver.step(Discussed), Err(StepRefused::NotScheduled));
    assert_eq!(CarriedOver.step(Submitted), Err(StepRefused::NotOnAgenda));
    // Exactly the five allowed steps exist.
    let allowed = CaseState::ALL
        .iter()
        .flat_map(|&from| CaseState::ALL.map(|to| from.step(to)))
        .filter(Result::is_ok)
        .count();
    assert_eq!(allowed, 5);
}

#[test]
fn every_refusal_has_its_own_catalog_key() {
    let keys = [
        StepRefused::Unchanged,
        StepRefused::NotScheduled,
        StepRefused::Finished,
        StepRefused::NotOnAgenda,
    ]
    .map(StepRefused::message);
    assert!(keys.iter().all(|k| k.starts_with("case-error-step-")));
    let mut unique = keys.to_vec();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), keys.len());
}

#[test]
fn only_cases_waiting_for_a_meeting_are_offered_for_the_agenda() {
    assert!(CaseState::Submitted.waits_for_agenda());
    assert!(CaseState::CarriedOver.waits_for_agenda());
    assert!(!CaseState::Scheduled.waits_for_agenda());
    assert!(!CaseState::Discussed.waits_for_agenda());
}

#[test]
fn past_started_and_cancelled_meetings_take_no_cases() {
    let start = at(13, 30);
    assert_eq!(meeting_open_for_cases(start, false, at(9, 0)), Ok(()));
    assert_eq!(
        meeting_open_for_cases(start, false, at(13, 30)),
        Err("case-error-meeting-past"),
        "started"
    );
    assert_eq!(
        meeting_open_for_cases(start, false, at(20, 0)),
        Err("case-error-meeting-past")
    );
    assert_eq!(
        meeting_open_for_cases(start, true, at(9, 0)),
        Err("case-error-meeting-cancelled")
    );
}

#[test]
fn a_case_needs_a_title_a_situation_and_a_question() {
    let case = case_form()
        .parse(&[3, 7, 9], &[meeting(11)], at(9, 0))
        .unwrap();
    assert_eq!(
        case,
        NewCase {
            title: "Buurtbudget zonder bewoners".into(),
            situation: "De gemeente verdeelt het budget.\nBewoners haken af.".into(),
            question: "Hoe krijg ik bewoners aan tafel?".into(),
            themes: vec![3, 7],
            meeting: Some(11),
        }
    );
    let errors = CaseForm::default().parse(&[], &[], at(9, 0)).unwrap_err();
    assert_eq!(
        fields(&errors),
        [
            ("title", "case-error-title-required"),
            ("situation", "case-error-situation-required"),
            ("question", "case-error-question-required"),
        ]
    );
}

#[test]
fn themes_and_meeting_are_optional() {
    let form = CaseForm {
        themes: Vec::new(),
        meeting: "  ".into(),
        ..case_form()
    };
    let case = form.parse(&[], &[], at(9, 0)).unwrap();
    assert_eq!((case.themes, case.meeting), (Vec::new(), None));
}

#[test]
fn case_texts_have_their_limits() {
    let too_long = |field: &str, form: CaseForm| {
        let errors = form.parse(&[3, 7], &[meeting(11)], at(9, 0)).unwrap_err();
        assert_eq!(fields(&errors), [(field, "error-too-long")]);
    };
    too_long(
        "title",
        CaseForm {
            title: "a".repeat(MAX_LINE + 1),
            ..case_form()
        },
    );
    too_long(
        "situation",
        CaseForm {
            situation: "a".repeat(MAX_SITUATION + 1),
            ..case_form()
        },
    );
    too_long(
        "question",
        CaseForm {
            question: "a".repeat(MAX_QUESTION + 1),
            ..case_form()
        },
    );
    let control = CaseForm {
        title: "a\u{7}b".into(),
        ..case_form()
    };
    assert_eq!(
        fields(
            &control
                .parse(&[3, 7], &[meeting(11)], at(9, 0))
                .unwrap_err()
        ),
        [("title", "error-control-characters")]
    );
    let at_limit = CaseForm {
        situation: "a".repeat(MAX_SITUATION),
        question: "a".repeat(MAX_QUESTION),
        ..case_form()
    };
    assert!(at_limit.parse(&[3, 7], &[meeting(11)], at(9, 0)).is_ok());
}

#[test]
fn themes_and_meetings_come_from_the_lists_on_offer() {
    for themes in [
        vec!["4".to_owned()],
        vec!["drie".to_owned()],
        vec![String::new()],
    ] {
        let form = CaseForm {
            themes,
            ..case_form()
        };
        let errors = form.parse(&[3, 7], &[meeting(11)], at(9, 0)).unwrap_err();
        assert_eq!(fields(&errors), [("themes", "error-choice")]);
    }
    for raw in ["12", "elf"] {
        let form = CaseForm {
            meeting: raw.into(),
            ..case_form()
        };
        let errors = form.parse(&[3, 7], &[meeting(11)], at(9, 0)).unwrap_err();
        assert_eq!(fields(&errors), [("meeting", "error-choice")]);
    }
}

#[test]
fn a_case_for_a_past_or_cancelled_meeting_is_refused() {
    let errors = case_form()
        .parse(&[3, 7], &[meeting(11)], at(18, 0))
        .unwrap_err();
    assert_eq!(fields(&errors), [("meeting", "case-error-meeting-past")]);
    let cancelled = MeetingTimes {
        cancelled: true,
        ..meeting(11)
    };
    let errors = case_form()
        .parse(&[3, 7], &[cancelled], at(9, 0))
        .unwrap_err();
    assert_eq!(
        fields(&errors),
        [("meeting", "case-error-meeting-cancelled")]
    );
}

fn agenda_form() -> AgendaItemForm {
    AgendaItemForm {
        kind: "case".into(),
        case: "5".into(),
        start: "14:00".into(),
        duration: "45".into(),
        ..AgendaItemForm::default()
    }
}

fn offer<'a>(others: &'a [AgendaSlot]) -> AgendaOffer<'a> {
    AgendaOffer {
        meeting: meeting(11),
        cases: &[5, 6],
        experts: &[21, 22],
        others,
        now: at(9, 0),
    }
}

fn slot(from: (u32, u32), to: (u32, u32)) -> AgendaSlot {
    AgendaSlot {
        starts_at: at(from.0, from.1),
        ends_at: at(to.0, to.1),
    }
}

#[test]
fn agenda_kinds_round_trip() {
    for kind in AgendaKind::ALL {
        assert_eq!(AgendaKind::parse(kind.as_str()), Some(kind));
    }
    assert_eq!(AgendaKind::parse("talk"), None);
}

#[test]
fn a_case_goes_on_the_agenda_with_a_time_slot_and_an_expert() {
    let item = AgendaItemForm {
        expert: "21".into(),
        ..agenda_form()
    }
    .parse(&offer(&[]))
    .unwrap();
    assert_eq!(
        item,
        NewAgendaItem {
            kind: AgendaKind::Case,
            case: Some(5),
            title: String::new(),
            slot: slot((14, 0), (14, 45)),
            expert: Some(Expert::Member(21)),
        }
    );
    let outside = AgendaItemForm {
        speaker_name: " Joost Weling ".into(),
        speaker_affiliation: "Hogeschool Utrecht".into(),
        ..agenda_form()
    }
    .parse(&offer(&[]))
    .unwrap();
    assert_eq!(
        outside.expert,
        Some(Expert::Outside(PersonName {
            name: "Joost Weling".into(),
            affiliation: "Hogeschool Utrecht".into()
        }))
    );
    let freelancer = AgendaItemForm {
        speaker_name: "Anna de Vries".into(),
        ..agenda_form()
    }
    .parse(&offer(&[]))
    .unwrap();
    assert_eq!(
        freelancer.expert,
        Some(Expert::Outside(PersonName {
            name: "Anna de Vries".into(),
            affiliation: String::new()
        }))
    );
}

#[test]
fn other_items_need_a_title_and_ignore_a_chosen_case() {
    let form = AgendaItemForm {
        kind: "other".into(),
        title: "Pauze".into(),
        ..agenda_form()
    };
    let item = form.parse(&offer(&[])).unwrap();
    assert_eq!(
        (item.kind, item.case, item.title.as_str()),
        (AgendaKind::Other, None, "Pauze")
    );
    let errors = AgendaItemForm {
        kind: "contribution".into(),
        ..agenda_form()
    }
    .parse(&offer(&[]))
    .unwrap_err();
    assert_eq!(
        fields(&errors),
        [("title", "case-error-agenda-title-required")]
    );
    let errors = AgendaItemForm {
        title: "a".repeat(MAX_LINE + 1),
        ..agenda_form()
    }
    .parse(&offer(&[]))
    .unwrap_err();
    assert_eq!(fields(&errors), [("title", "error-too-long")]);
}

#[test]
fn an_agenda_item_needs_a_known_kind_and_case() {
    let errors = AgendaItemForm {
        kind: "talk".into(),
        title: "Lezing".into(),
        ..agenda_form()
    }
    .parse(&offer(&[]))
    .unwrap_err();
    assert_eq!(fields(&errors), [("kind", "error-choice")]);
    let errors = AgendaItemForm {
        case: String::new(),
        ..agenda_form()
    }
    .parse(&offer(&[]))
    .unwrap_err();
    assert_eq!(
        fields(&errors),
        [("case", "case-error-agenda-case-required")]
    );
    let errors = AgendaItemForm {
        case: "9".into(),
        ..agenda_form()
    }
    .parse(&offer(&[]))
    .unwrap_err();
    assert_eq!(fields(&errors), [("case", "error-choice")]);
}

#[test]
fn a_case_is_not_placed_on_a_past_or_cancelled_meeting() {
    let late = AgendaOffer {
        now: at(15, 0),
        ..offer(&[])
    };
    let errors = agenda_form().parse(&late).unwrap_err();
    assert_eq!(fields(&errors), [("case", "case-error-meeting-past")]);
    let cancelled = AgendaOffer {
        meeting: MeetingTimes {
            cancelled: true,
            ..meeting(11)
        },
        ..offer(&[])
    };
    let errors = agenda_form().parse(&cancelled).unwrap_err();
    assert_eq!(fields(&errors), [("case", "case-error-meeting-cancelled")]);
    let other = AgendaItemForm {
        kind: "other".into(),
        title: "Nabespreking".into(),
        ..agenda_form()
    };
    assert!(
        other.parse(&late).is_ok(),
        "the record may be completed afterwards"
    );
}

#[test]
fn the_expert_is_a_member_or_a_named_speaker_not_both() {
    let errors = AgendaItemForm {
        expert: "21".into(),
        speaker_name: "Joost Weling".into(),
        ..agenda_form()
    }
    .parse(&offer(&[]))
    .unwrap_err();
    assert_eq!(fields(&errors), [("expert", "case-error-expert-both")]);
    let errors = AgendaItemForm {
        expert: "21".into(),
        speaker_affiliation: "Movisie".into(),
        ..agenda_form()
    }
    .parse(&offer(&[]))
    .unwrap_err();
    assert_eq!(fields(&errors), [("expert", "case-error-expert-both")]);
    let errors = AgendaItemForm {
        speaker_affiliation: "Movisie".into(),
        ..agenda_form()
    }
    .parse(&offer(&[]))
    .unwrap_err();
    assert_eq!(
        fields(&errors),
        [("speaker_name", "case-error-speaker-name-required")]
    );
    let errors = AgendaItemForm {
        expert: "99".into(),
        ..agenda_form()
    }
    .parse(&offer(&[]))
    .unwrap_err();
    assert_eq!(fields(&errors), [("expert", "error-choice")]);
    let errors = AgendaItemForm {
        speaker_name: "Jan\u{202E}nav".into(),
        ..agenda_form()
    }
    .parse(&offer(&[]))
    .unwrap_err();
    assert_eq!(
        fields(&errors),
        [("speaker_name", "error-control-characters")]
    );
    let none = agenda_form().parse(&offer(&[])).unwrap();
    assert_eq!(none.expert, None);
}

#[test]
fn the_length_is_a_duration_or_an_end_and_both_must_agree() {
    let by_end = AgendaItemForm {
        duration: String::new(),
        end: "15:15".into(),
        ..agenda_form()
    };
    assert_eq!(
        by_end.parse(&offer(&[])).unwrap().slot,
        slot((14, 0), (15, 15))
    );
    let both = AgendaItemForm {
        end: "14:45".into(),
        ..agenda_form()
    };
    assert_eq!(
        both.parse(&offer(&[])).unwrap().slot,
        slot((14, 0), (14, 45))
    );
    let check = |form: AgendaItemForm, expected: &[(&str, &str)]| {
        let errors = form.parse(&offer(&[])).unwrap_err();
        assert_eq!(fields(&errors), expected, "{form:?}");
    };
    check(
        AgendaItemForm {
            end: "15:00".into(),
            ..agenda_form()
        },
        &[("end", "case-error-agenda-end-duration")],
    );
    check(
        AgendaItemForm {
            duration: String::new(),
            ..agenda_form()
        },
        &[("duration", "case-error-agenda-length-required")],
    );
    check(
        AgendaItemForm {
            duration: String::new(),
            end: "13:45".into(),
            ..agenda_form()
        },
        &[("end", "editor-error-end-before-start")],
    );
    check(
        AgendaItemForm {
            duration: String::new(),
            end: "14:00".into(),
            ..agenda_form()
        },
        &[("end", "editor-error-end-before-start")],
    );
    for bad in ["0", "-5", "481", "een uur"] {
        check(
            AgendaItemForm {
                duration: bad.into(),
                ..agenda_form()
            },
            &[("duration", "editor-error-number")],
        );
    }
    check(
        AgendaItemForm {
            duration: String::new(),
            end: "kwart over drie".into(),
            ..agenda_form()
        },
        &[("end", "editor-error-time")],
    );
}

#[test]
fn the_start_is_a_required_dutch_time() {
    let check = |start: &str, expected: &[(&str, &str)]| {
        let errors = AgendaItemForm {
            start: start.into(),
            ..agenda_form()
        }
        .parse(&offer(&[]))
        .unwrap_err();
        assert_eq!(fields(&errors), expected, "{start:?}");
    };
    check("", &[("start", "editor-error-time-required")]);
    check("2 uur", &[("start", "editor-error-time")]);
    check("25:00", &[("start", "editor-error-time")]);
    // On the day summer time starts, 02:00–03:00 does not exist.
    let spring = MeetingTimes {
        id: 11,
        starts_at: Utc.with_ymd_and_hms(2027, 3, 28, 0, 0, 0).unwrap(),
        ends_at: Utc.with_ymd_and_hms(2027, 3, 28, 4, 0, 0).unwrap(),
        cancelled: false,
    };
    let errors = AgendaItemForm {
        kind: "other".into(),
        title: "Nachtsessie".into(),
        start: "02:30".into(),
        ..agenda_form()
    }
    .parse(&AgendaOffer {
        meeting: spring,
        ..offer(&[])
    })
    .unwrap_err();
    assert_eq!(fields(&errors), [("start", "editor-error-time-gap")]);
}

#[test]
fn agenda_items_lie_within_the_meeting() {
    let m = meeting(11);
    assert!(agenda_slot_fits(slot((13, 30), (17, 0)), &m, &[]).is_empty());
    assert_eq!(
        fields(&agenda_slot_fits(slot((13, 0), (13, 45)), &m, &[])),
        [("start", "case-error-agenda-outside")]
    );
    assert_eq!(
        fields(&agenda_slot_fits(slot((17, 0), (17, 30)), &m, &[])),
        [("start", "case-error-agenda-outside")]
    );
    assert_eq!(
        fields(&agenda_slot_fits(slot((16, 30), (17, 15)), &m, &[])),
        [("end", "case-error-agenda-outside")]
    );
    let errors = AgendaItemForm {
        start: "16:45".into(),
        ..agenda_form()
    }
    .parse(&offer(&[]))
    .unwrap_err();
    assert_eq!(fields(&errors), [("end", "case-error-agenda-outside")]);
}

#[test]
fn agenda_items_do_not_overlap_but_may_touch() {
    let m = meeting(11);
    let others = [slot((13, 30), (14, 0)), slot((15, 0), (15, 30))];
    assert!(agenda_slot_fits(slot((14, 0), (15, 0)), &m, &others).is_empty());
    for overlapping in [
        slot((13, 45), (14, 15)),
        slot((14, 30), (15, 1)),
        slot((15, 10), (15, 20)),
        slot((14, 0), (16, 0)),
    ] {
        assert_eq!(
            fields(&agenda_slot_fits(overlapping, &m, &others)),
            [("start", "case-error-agenda-overlap")],
            "{overlapping:?}"
        );
    }
    let errors = agenda_form().parse(&offer(&others[..1])).unwrap();
    assert_eq!(errors.slot, slot((14, 0), (14, 45)));
    let errors = AgendaItemForm {
        start: "13:45".into(),
        ..agenda_form()
    }
    .parse(&offer(&others))
    .unwrap_err();
    assert_eq!(fields(&errors), [("start", "case-error-agenda-overlap")]);
}

fn outcome_form() -> OutcomeForm {
    OutcomeForm {
        learned: " Eerst de sleutelfiguren spreken. ".into(),
        next_steps: "Terugkoppelen in maart.".into(),
        links: "Handreiking | https://www.movisie.nl/handreiking\n\n".into(),
        public: true,
        finished: "finished".into(),
    }
}

#[test]
fn an_outcome_records_what_was_learned_and_what_comes_next() {
    let outcome = outcome_form().parse().unwrap();
    assert_eq!(
        outcome,
        Outcome {
            learned: "Eerst de sleutelfiguren spreken.".into(),
            next_steps: "Terugkoppelen in maart.".into(),
            links: vec![(
                "Handreiking".into(),
                "https://www.movisie.nl/handreiking".into()
            )],
            public: true,
            finished: true,
        }
    );
    assert_eq!(outcome.state(), CaseState::Discussed);
    let carried = OutcomeForm {
        finished: "carry_over".into(),
        public: false,
        ..outcome_form()
    }
    .parse()
    .unwrap();
    assert_eq!(carried.state(), CaseState::CarriedOver);
    assert!(!carried.public);
}

#[test]
fn a_finished_case_needs_what_was_learned_and_a_case_carried_over_does_not() {
    let errors = OutcomeForm {
        learned: "  ".into(),
        ..outcome_form()
    }
    .parse()
    .unwrap_err();
    assert_eq!(
        fields(&errors),
        [("learned", "case-error-learned-required")]
    );
    let not_reached = OutcomeForm {
        learned: String::new(),
        public: false,
        finished: "carry_over".into(),
        ..OutcomeForm::default()
    };
    assert!(not_reached.parse().is_ok());
    let errors = OutcomeForm {
        public: true,
        ..not_reached
    }
    .parse()
    .unwrap_err();
    assert_eq!(fields(&errors), [("public", "case-error-public-empty")]);
}

#[test]
fn outcome_fields_are_checked() {
    let check = |form: OutcomeForm, expected: &[(&str, &str)]| {
        assert_eq!(fields(&form.parse().unwrap_err()), expected, "{form:?}");
    };
    check(
        OutcomeForm {
            finished: String::new(),
            ..outcome_form()
        },
        &[("finished", "case-error-outcome-choice")],
    );
    check(
        OutcomeForm {
            finished: "later".into(),
            ..outcome_form()
        },
        &[("finished", "case-error-outcome-choice")],
    );
    check(
        OutcomeForm {
            learned: "a".repeat(MAX_LEARNED + 1),
            ..outcome_form()
        },
        &[("learned", "error-too-long")],
    );
    check(
        OutcomeForm {
            next_steps: "a".repeat(MAX_NEXT_STEPS + 1),
            ..outcome_form()
        },
        &[("next_steps", "error-too-long")],
    );
    check(
        OutcomeForm {
            links: "Handreiking | ftp://movisie.nl".into(),
            ..outcome_form()
        },
        &[("links", "editor-error-link")],
    );
}

#[test]
fn the_kartrekker_or_the_member_who_brought_it_records_the_outcome() {
    let member = Standing::Member(Level::Meetings);
    assert!(may_record_outcome(
        Standing::Runs(ActivityRole::Kartrekker),
        false
    ));
    assert!(may_record_outcome(member, true));
    assert!(!may_record_outcome(member, false));
    assert!(!may_record_outcome(
        Standing::Waiting(MemberState::Requested),
        true
    ));
    assert!(!may_record_outcome(Standing::Outside, true));
}

#[test]
fn members_read_outcomes_and_everyone_reads_public_ones() {
    assert!(may_read_outcome(Standing::Member(Level::OnlineOnly), false));
    assert!(may_read_outcome(
        Standing::Runs(ActivityRole::Organiser),
        false
    ));
    assert!(!may_read_outcome(Standing::Outside, false));
    assert!(!may_read_outcome(
        Standing::Waiting(MemberState::Invited),
        false
    ));
    assert!(may_read_outcome(Standing::Outside, true));
}
