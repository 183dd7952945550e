//! Unit tests of the inventory's rules: the round and proposal forms, the vote
//! rules, phases, merges, the threshold and the chart.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::chart::{Bar, Words, bar_chart};
use super::tally::{
    Cell, Dimension, GroupCount, THRESHOLD, Theme, resolve, tally, voters_per_proposal,
};
use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn round() -> Round {
    RoundForm {
        title: "Inventarisatie 2021".into(),
        why: "Waar willen jullie meer over leren?".into(),
        audience: "Opbouwwerkers".into(),
        opens_on: "2021-01-11".into(),
        closes_on: "2021-02-12".into(),
        votes_per_person: "3".into(),
    }
    .parse()
    .unwrap()
}

fn fields(errors: &[FieldError]) -> Vec<(&str, &str)> {
    errors
        .iter()
        .map(|e| (e.field.as_str(), e.message))
        .collect()
}

#[test]
fn a_round_form_reads_dutch_dates_and_refuses_a_close_before_the_open() {
    let r = round();
    assert_eq!(r.opens_on, d(2021, 1, 11));
    assert_eq!(r.closes_on, d(2021, 2, 12));
    assert_eq!(r.votes_per_person, 3);
    assert_eq!(RoundForm::from_round(&r).parse().unwrap(), r);
    let bad = RoundForm {
        closes_on: "2021-01-01".into(),
        votes_per_person: "0".into(),
        ..RoundForm::from_round(&r)
    };
    assert_eq!(
        fields(&bad.parse().unwrap_err()),
        [
            ("closes_on", "survey-error-closes-before-opens"),
            ("votes_per_person", "survey-error-votes-per-person")
        ]
    );
    let empty = RoundForm::default().parse().unwrap_err();
    assert_eq!(empty.len(), 6);
}

#[test]
fn the_phase_follows_status_and_dates() {
    let r = round();
    assert_eq!(
        phase(RoundStatus::Draft, &r, d(2021, 1, 20)),
        Phase::NotYetOpen
    );
    assert_eq!(
        phase(RoundStatus::Open, &r, d(2021, 1, 10)),
        Phase::NotYetOpen
    );
    assert_eq!(phase(RoundStatus::Open, &r, d(2021, 1, 11)), Phase::Open);
    assert_eq!(phase(RoundStatus::Open, &r, d(2021, 2, 12)), Phase::Open);
    assert_eq!(phase(RoundStatus::Open, &r, d(2021, 2, 13)), Phase::Closed);
    assert_eq!(
        phase(RoundStatus::Closed, &r, d(2021, 1, 20)),
        Phase::Closed
    );
    assert!(!results_public(Phase::Open, true));
    assert!(!results_public(Phase::Closed, false));
    assert!(results_public(Phase::Closed, true));
}

#[test]
fn a_proposal_needs_all_three_fields_and_refuses_ten_kilobytes() {
    let ok = ProposalForm {
        title: " De meester-gezel relatie ".into(),
        want: "Wat senioren van junioren leren".into(),
        why_now: "Veel nieuwe collega's".into(),
    };
    assert_eq!(ok.parse().unwrap().title, "De meester-gezel relatie");
    assert_eq!(
        fields(&ProposalForm::default().parse().unwrap_err()),
        [
            ("title", "survey-error-proposal-title"),
            ("want", "survey-error-proposal-want"),
            ("why_now", "survey-error-proposal-why-now")
        ]
    );
    let big = ProposalForm {
        want: "x".repeat(10 * 1024),
        ..ok.clone()
    };
    assert_eq!(
        fields(&big.parse().unwrap_err()),
        [("want", "error-too-long")]
    );
    let long_title = ProposalForm {
        title: "t".repeat(201),
        ..ok
    };
    assert_eq!(
        fields(&long_title.parse().unwrap_err()),
        [("title", "error-too-long")]
    );
}

fn choices() -> Vec<Choice> {
    vec![
        Choice {
            id: 1,
            status: ProposalStatus::Open,
        },
        Choice {
            id: 2,
            status: ProposalStatus::Open,
        },
        Choice {
            id: 3,
            status: ProposalStatus::Merged,
        },
        Choice {
            id: 4,
            status: ProposalStatus::Declined,
        },
        Choice {
            id: 5,
            status: ProposalStatus::Open,
        },
    ]
}

fn ids(raw: &[&str]) -> Vec<String> {
    raw.iter().map(|s| s.to_string()).collect()
}

#[test]
fn the_vote_rules_say_which_rule_was_broken() {
    let c = choices();
    assert_eq!(choose(&ids(&["2", "1", "2"]), &c, 2), Ok(vec![2, 1]));
    assert_eq!(choose(&[], &c, 2), Err("survey-error-choose-one"));
    assert_eq!(
        choose(&ids(&["1", "2", "5"]), &c, 2),
        Err("survey-error-too-many-votes")
    );
    assert_eq!(
        choose(&ids(&["3"]), &c, 2),
        Err("survey-error-proposal-merged")
    );
    assert_eq!(
        choose(&ids(&["4"]), &c, 2),
        Err("survey-error-proposal-declined")
    );
    assert_eq!(
        choose(&ids(&["9"]), &c, 2),
        Err("survey-error-unknown-proposal")
    );
    assert_eq!(
        choose(&ids(&["x"]), &c, 2),
        Err("survey-error-unknown-proposal")
    );
}

#[test]
fn a_ballot_takes_the_signed_in_address_and_checks_answers() {
    let form = BallotForm {
        email: "".into(),
        proposals: ids(&["1"]),
        role: "opbouwwerker".into(),
        region: "utrecht".into(),
        years: "22".into(),
        notify: true,
    };
    assert_eq!(
        fields(&form.parse(&choices(), 3, None).unwrap_err()),
        [("email", "survey-error-email-required")]
    );
    let me = Email::parse("Anne@Example.nl").unwrap();
    let ballot = form.parse(&choices(), 3, Some(&me)).unwrap();
    assert_eq!(ballot.email.key, "anne@example.nl");
    assert_eq!(ballot.answers.band(), Some(Band::Over20));
    assert_eq!(ballot.answers.role, Some(Role::Opbouwwerker));
    let bad = BallotForm {
        email: "geen adres".into(),
        role: "astronaut".into(),
        region: "texas".into(),
        years: "-1".into(),
        ..form
    };
    assert_eq!(
        fields(&bad.parse(&choices(), 3, None).unwrap_err()),
        [
            ("email", "survey-error-email-invalid"),
            ("role", "survey-error-role"),
            ("region", "survey-error-region"),
            ("years", "survey-error-years")
        ]
    );
}

#[test]
fn bands_cover_every_year() {
    assert_eq!(Band::of(0), Band::UpTo2);
    assert_eq!(Band::of(2), Band::UpTo2);
    assert_eq!(Band::of(3), Band::From3To5);
    assert_eq!(Band::of(10), Band::From6To10);
    assert_eq!(Band::of(20), Band::From11To20);
    assert_eq!(Band::of(21), Band::Over20);
    for band in Band::ALL {
        assert_eq!(Band::parse(band.as_str()), Some(band));
    }
}

#[test]
fn merging_is_only_between_two_open_proposals() {
    let c = choices();
    assert_eq!(may_merge(c[0], c[1]), Ok(()));
    assert_eq!(may_merge(c[0], c[0]), Err("survey-error-merge-self"));
    assert_eq!(may_merge(c[2], c[1]), Err("survey-error-merge-not-open"));
    assert_eq!(may_merge(c[0], c[3]), Err("survey-error-merge-not-open"));
}

#[test]
fn a_voter_for_both_merged_proposals_counts_once() {
    let merged: BTreeMap<i64, i64> = [(2, 1), (3, 2)].into_iter().collect();
    assert_eq!(resolve(3, &merged), 1);
    assert_eq!(resolve(5, &merged), 5);
    let loop_: BTreeMap<i64, i64> = [(1, 2), (2, 1)].into_iter().collect();
    assert_eq!(resolve(1, &loop_), 2);
    // Voter 10 voted for 1 and 2 (merged into 1), voter 11 for 3 (into 2, into 1).
    let votes = [(10, 1), (10, 2), (11, 3), (12, 5)];
    let counts = voters_per_proposal(&votes, &merged);
    assert_eq!(counts.get(&1), Some(&2));
    assert_eq!(counts.get(&5), Some(&1));
    assert_eq!(counts.get(&2), None);
}

fn theme(id: i64, title: &str, voters: u32) -> Theme {
    Theme {
        proposal: id,
        title: title.into(),
        voters,
        chosen: false,
    }
}

fn line(proposal: i64, group: &str, voters: u32) -> GroupCount {
    GroupCount {
        proposal,
        group: group.into(),
        voters,
    }
}

#[test]
fn small_groups_are_not_broken_down_and_options_are_counted_on_their_own() {
    let themes = vec![theme(1, "B", 12), theme(2, "A", 12), theme(3, "C", 20)];
    let counts = vec![
        (
            Dimension::Role,
            vec![
                line(1, "opbouwwerker", THRESHOLD),
                line(1, "beleid", THRESHOLD - 1),
                line(1, "", 3),
                line(3, "opbouwwerker", 20),
            ],
        ),
        (Dimension::Region, vec![line(3, "utrecht", 7)]),
    ];
    let order = |dim: Dimension| match dim {
        Dimension::Role => Role::ALL.iter().map(|r| r.as_str().to_owned()).collect(),
        _ => REGIONS.iter().map(|r| (*r).to_owned()).collect(),
    };
    let t = tally(themes, 30, &counts, order);
    // Most votes first, ties by title.
    let order: Vec<i64> = t.themes.iter().map(|t| t.proposal).collect();
    assert_eq!(order, [3, 2, 1]);
    let roles = &t.breakdowns[0];
    // Only groups with votes, in the given order, the unanswered last.
    assert_eq!(roles.groups, ["opbouwwerker", "beleid", ""]);
    let row = |id: i64| roles.rows.iter().find(|(p, _)| *p == id).unwrap().1.clone();
    assert_eq!(row(1), [Cell::Shown(5), Cell::TooFew, Cell::TooFew]);
    assert_eq!(row(3), [Cell::Shown(20), Cell::Shown(0), Cell::Shown(0)]);
    assert_eq!(row(2), [Cell::Shown(0), Cell::Shown(0), Cell::Shown(0)]);
    // Per group over all themes: 25 opbouwwerkers, 4 beleid, 3 unanswered.
    assert_eq!(roles.totals, [Cell::Shown(25), Cell::TooFew, Cell::TooFew]);
    // Regions are a breakdown of their own: no role × region cells.
    assert_eq!(t.breakdowns[1].groups, ["utrecht"]);
    assert_eq!(t.breakdowns[1].rows[0], (3, vec![Cell::Shown(7)]));
}

#[test]
fn the_chart_is_escaped_labelled_and_says_what_is_hidden() {
    let words = Words {
        title: "Stemmen per thema".into(),
        desc: "De cijfers staan ook in de tabel".into(),
        hidden: "minder dan 5".into(),
    };
    let svg = bar_chart(
        "themes",
        &words,
        &[
            Bar {
                label: "<script>alert(1)</script> & co".into(),
                value: Some(10),
            },
            Bar {
                label: "Klein".into(),
                value: None,
            },
            Bar {
                label: "Half".into(),
                value: Some(5),
            },
        ],
    );
    assert!(svg.starts_with("<svg "));
    assert!(svg.ends_with("</svg>"));
    assert!(svg.contains("role=\"img\""));
    assert!(svg.contains("aria-labelledby=\"themes-title themes-desc\""));
    assert!(svg.contains("<title id=\"themes-title\">Stemmen per thema</title>"));
    assert!(!svg.contains("<script>"));
    assert!(svg.contains("&lt;script&gt;"));
    assert!(svg.contains("minder dan 5"));
    // The largest bar spans the room; half the value half the width.
    assert!(svg.contains("width=\"320\""));
    assert!(svg.contains("width=\"160\""));
    assert_eq!(svg.matches("<rect").count(), 2);
}

#[test]
fn a_chart_label_sits_above_its_bar_and_only_a_very_long_one_is_cut() {
    let words = Words {
        title: "Stemmen per thema".into(),
        desc: "De cijfers staan ook in de tabel".into(),
        hidden: "minder dan 5".into(),
    };
    let long = "Samenwerken met woningcorporaties";
    let very_long = "Samenwerken met woningcorporaties en gemeenten in de wijk";
    let svg = bar_chart(
        "t",
        &words,
        &[
            Bar {
                label: long.into(),
                value: Some(3),
            },
            Bar {
                label: very_long.into(),
                value: Some(2),
            },
        ],
    );
    // Whole, and the bars start at the left edge under their labels.
    assert!(svg.contains(&format!(">{long}</text>")), "{svg}");
    assert!(svg.contains("<text x=\"0\" y=\"18\""), "{svg}");
    assert!(svg.contains("<rect x=\"0\" y=\"24\""), "{svg}");
    assert!(svg.contains("<rect x=\"0\" y=\"68\""), "{svg}");
    // Past 46 characters the chart cuts it; the table beside it has it whole.
    assert!(!svg.contains(very_long));
    assert!(
        svg.contains("Samenwerken met woningcorporaties en gemeente…"),
        "{svg}"
    );
}
