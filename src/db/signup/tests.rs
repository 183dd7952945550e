//! The batch plan's rules: order, waitlist, known addresses, resent forms,
//! meetings and prerequisites, decided in memory.

use super::*;
use crate::domain::registration::{Details, Email, ValidRegistration};
use crate::i18n::Lang;

fn new(n: usize, email: &str, key: Option<&str>) -> NewRegistration {
    NewRegistration {
        activity_id: 7,
        public_id: format!("p{n}"),
        token_hash: format!("t{n}"),
        registration: ValidRegistration {
            email: Email::parse(email).expect("valid test address"),
            details: Details::default(),
        },
        lang: Lang::Nl,
        submission_key: key.map(str::to_owned),
        meeting_uid: String::new(),
    }
}

fn counts(capacity: u32, taken: u32, waitlisted: u32) -> Counts {
    Counts {
        capacity: Some(capacity),
        taken,
        waitlisted,
        waitlist_enabled: true,
    }
}

#[test]
fn a_batch_is_decided_in_order_like_single_sign_ups() {
    let batch: Vec<_> = (0..5)
        .map(|n| new(n, &format!("p{n}@x.nl"), None))
        .collect();
    let (plans, after) = plan(7, counts(3, 1, 0), &batch, &Prior::default());
    let states: Vec<_> = plans
        .iter()
        .map(|p| match p {
            Plan::Create {
                state, position, ..
            } => (*state, *position),
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(
        states,
        vec![
            (RegistrationState::Confirmed, None),
            (RegistrationState::Confirmed, None),
            (RegistrationState::Waitlisted, Some(1)),
            (RegistrationState::Waitlisted, Some(2)),
            (RegistrationState::Waitlisted, Some(3)),
        ]
    );
    assert_eq!((after.taken, after.waitlisted), (3, 3));
}

#[test]
fn without_a_waitlist_the_rest_of_the_batch_is_full() {
    let batch: Vec<_> = (0..3)
        .map(|n| new(n, &format!("p{n}@x.nl"), None))
        .collect();
    let mut start = counts(2, 1, 0);
    start.waitlist_enabled = false;
    let (plans, after) = plan(7, start, &batch, &Prior::default());
    assert!(matches!(plans[0], Plan::Create { .. }));
    assert_eq!(plans[1], Plan::Answer(RegisterOutcome::Full));
    assert_eq!(plans[2], Plan::Answer(RegisterOutcome::Full));
    assert_eq!(after.taken, 2);
}

#[test]
fn the_same_address_twice_in_a_batch_takes_one_place() {
    let batch = vec![
        new(0, "an@x.nl", None),
        new(1, "AN@x.nl", None),
        new(2, "bo@x.nl", None),
    ];
    let (plans, after) = plan(7, counts(10, 0, 0), &batch, &Prior::default());
    assert_eq!(plans[1], Plan::ManageLink(Owner::InBatch(0), false));
    assert!(matches!(plans[2], Plan::Create { .. }));
    assert_eq!(after.taken, 2);
}

#[test]
fn a_stored_address_gets_its_manage_link() {
    let mut prior = Prior::default();
    prior.holders.insert(
        ("an@x.nl".into(), String::new()),
        Holder {
            id: 41,
            lang: "en".into(),
            email_key: "an@x.nl".into(),
            meeting_uid: String::new(),
        },
    );
    let (plans, after) = plan(7, counts(10, 0, 0), &[new(0, "An@x.nl", None)], &prior);
    let owner = Owner::Stored {
        id: 41,
        lang: "en".into(),
    };
    assert_eq!(plans, vec![Plan::ManageLink(owner.clone(), false)]);
    assert_eq!(after.taken, 0);
    // On a full activity without a waitlist the known address hears "full", as
    // a new address does, and still gets its manage link.
    let mut full = counts(2, 2, 0);
    full.waitlist_enabled = false;
    let (plans, _) = plan(
        7,
        full,
        &[new(0, "an@x.nl", None), new(1, "bo@x.nl", None)],
        &prior,
    );
    assert_eq!(
        plans,
        vec![
            Plan::ManageLink(owner, true),
            Plan::Answer(RegisterOutcome::Full)
        ]
    );
}

#[test]
fn a_resent_form_is_answered_with_the_first_result() {
    let batch = vec![
        new(0, "an@x.nl", Some("k1")),
        new(1, "an@x.nl", Some("k1")),
        // The same form with another address: a new registration, key dropped.
        new(2, "bo@x.nl", Some("k1")),
    ];
    let (plans, after) = plan(7, counts(1, 0, 0), &batch, &Prior::default());
    assert_eq!(
        plans[1],
        Plan::Answer(RegisterOutcome::Replayed {
            public_id: "p0".into(),
            state: RegistrationState::Confirmed,
            position: None,
        })
    );
    assert_eq!(
        plans[2],
        Plan::Create {
            state: RegistrationState::Waitlisted,
            position: Some(1),
            keep_key: false,
        }
    );
    assert_eq!((after.taken, after.waitlisted), (1, 1));
}

#[test]
fn a_key_stored_before_replays_only_for_its_own_address_and_activity() {
    let mut prior = Prior::default();
    prior.submissions.insert(
        "k".into(),
        PriorSubmission {
            submission_key: "k".into(),
            public_id: "old".into(),
            state: "waitlisted".into(),
            waitlist_position: Some(4),
            email_key: "an@x.nl".into(),
            activity_id: 7,
        },
    );
    let batch = vec![new(0, "an@x.nl", Some("k")), new(1, "bo@x.nl", Some("k"))];
    let (plans, _) = plan(7, counts(10, 0, 0), &batch, &prior);
    assert_eq!(
        plans[0],
        Plan::Answer(RegisterOutcome::Replayed {
            public_id: "old".into(),
            state: RegistrationState::Waitlisted,
            position: Some(4),
        })
    );
    assert_eq!(
        plans[1],
        Plan::Create {
            state: RegistrationState::Confirmed,
            position: None,
            keep_key: false,
        }
    );
    let (other_activity, _) = plan(8, counts(10, 0, 0), &batch[..1], &prior);
    assert!(matches!(
        other_activity[0],
        Plan::Create {
            keep_key: false,
            ..
        }
    ));
}

#[test]
fn an_address_registers_once_per_meeting_and_only_for_an_open_one() {
    let at = |n, email, meeting: &str| NewRegistration {
        meeting_uid: meeting.into(),
        ..new(n, email, None)
    };
    let mut prior = Prior::default();
    prior.open_meetings.insert("juni".into(), 11);
    prior.open_meetings.insert("sept".into(), 12);
    prior.holders.insert(
        ("an@x.nl".into(), "juni".into()),
        Holder {
            id: 41,
            lang: "nl".into(),
            email_key: "an@x.nl".into(),
            meeting_uid: "juni".into(),
        },
    );
    let batch = [
        at(0, "an@x.nl", "juni"),
        at(1, "an@x.nl", "sept"),
        at(2, "an@x.nl", "sept"),
        at(3, "bo@x.nl", "leden"),
    ];
    let (plans, after) = plan(7, counts(10, 0, 0), &batch, &prior);
    let owner = Owner::Stored {
        id: 41,
        lang: "nl".into(),
    };
    assert_eq!(plans[0], Plan::ManageLink(owner, false), "June: known");
    assert!(matches!(plans[1], Plan::Create { .. }), "September: new");
    assert_eq!(plans[2], Plan::ManageLink(Owner::InBatch(1), false));
    assert_eq!(
        plans[3],
        Plan::Answer(RegisterOutcome::Closed),
        "not a coming public meeting"
    );
    assert_eq!(after.taken, 1);
}

#[test]
fn without_the_prerequisites_a_sign_up_is_held_and_takes_no_place() {
    use crate::db::prerequisite::gate::HeldSignup;
    let mut gate = Gate {
        required: vec![1],
        ..Gate::default()
    };
    gate.met.insert("bo@x.nl".into(), vec![1]);
    gate.held.insert(
        ("cy@x.nl".into(), String::new()),
        HeldSignup {
            id: 5,
            lang: "en".into(),
        },
    );
    let prior = Prior {
        gate: Some(gate),
        ..Prior::default()
    };
    let batch = [
        new(0, "an@x.nl", None),
        new(1, "bo@x.nl", None),
        new(2, "cy@x.nl", None),
        new(3, "AN@x.nl", None),
    ];
    let (plans, after) = plan(7, counts(10, 0, 0), &batch, &prior);
    assert_eq!(plans[0], Plan::Hold);
    assert!(matches!(plans[1], Plan::Create { .. }), "attended: a place");
    let waiting = Owner::Stored {
        id: 5,
        lang: "en".into(),
    };
    assert_eq!(plans[2], Plan::HoldAgain(waiting));
    assert_eq!(plans[3], Plan::HoldAgain(Owner::InBatch(0)));
    assert_eq!((after.taken, after.waitlisted), (1, 0), "held: no place");
    // Full without a waitlist: "full", as for anyone.
    let mut full = counts(1, 1, 0);
    full.waitlist_enabled = false;
    let (plans, _) = plan(7, full, &batch[..1], &prior);
    assert_eq!(plans, vec![Plan::Answer(RegisterOutcome::Full)]);
    // Checked by an organiser (nothing required any more): placed.
    let mut checked = prior;
    if let Some(gate) = checked.gate.as_mut() {
        gate.required.clear();
    }
    let (plans, _) = plan(7, counts(10, 0, 0), &batch[2..3], &checked);
    assert!(matches!(plans[0], Plan::Create { .. }));
}
