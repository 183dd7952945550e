//! Tests of the demo set: it parses, its dates land where they should, its links hold.

use super::*;
use crate::domain::activity::{ActivityKind, ActivityStatus, ProgramItemKind};
use crate::domain::slug::Slug;

#[test]
fn demo_data_is_complete_and_consistent() {
    let data = data().expect("demo.json parses");
    let count = |kind: &str| data.activities.iter().filter(|a| a.kind == kind).count();
    assert_eq!(
        (count("cafe"), count("atelier"), count("module")),
        (4, 2, 16)
    );

    let has = |slugs: Vec<&String>, slug: &String| slugs.contains(&slug);
    for activity in &data.activities {
        assert!(Slug::parse(&activity.slug).is_some(), "{}", activity.slug);
        assert!(
            ActivityKind::parse(&activity.kind).is_some(),
            "{}",
            activity.slug
        );
        assert!(
            ActivityStatus::parse(&activity.status).is_some(),
            "{}",
            activity.slug
        );
        // The places already taken fit the smallest session too.
        let places = crate::domain::registration::capacity(
            activity.capacity.and_then(|c| u32::try_from(c).ok()),
            activity.sessions.iter().filter_map(|s| s.capacity).min(),
        );
        assert!(
            places.is_none_or(|p| activity.confirmed_count <= i32::try_from(p).unwrap_or(i32::MAX)),
            "{} has more registrations than places",
            activity.slug
        );
        for theme in &activity.themes {
            assert!(
                has(data.themes.iter().map(|t| &t.slug).collect(), theme),
                "{theme}"
            );
        }
        for audience in &activity.audiences {
            assert!(
                has(data.audiences.iter().map(|t| &t.slug).collect(), audience),
                "{audience}"
            );
        }
        for org in &activity.organisations {
            assert!(
                has(data.organisations.iter().map(|t| &t.slug).collect(), org),
                "{org}"
            );
        }
        for person in activity.facilitators.iter().chain(&activity.contact) {
            assert!(
                has(data.profiles.iter().map(|t| &t.slug).collect(), person),
                "{person}"
            );
        }
        for item in &activity.program {
            assert!(
                ProgramItemKind::parse(&item.kind).is_some(),
                "{}",
                item.kind
            );
            for speaker in &item.speakers {
                assert!(
                    has(data.profiles.iter().map(|t| &t.slug).collect(), speaker),
                    "{speaker}"
                );
            }
        }
        for required in &activity.prerequisites {
            assert!(
                has(data.activities.iter().map(|t| &t.slug).collect(), required),
                "{required}"
            );
        }
        for session in &activity.sessions {
            if let Some(venue) = &session.venue {
                assert!(
                    has(data.venues.iter().map(|t| &t.slug).collect(), venue),
                    "{venue}"
                );
            }
        }
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        assert!(
            !session_times(activity, today).unwrap().is_empty(),
            "{} has sessions",
            activity.slug
        );
    }
    let vervolg = data
        .activities
        .iter()
        .find(|a| a.slug == "vervolg-abcd")
        .unwrap();
    assert_eq!(vervolg.prerequisites, ["kennismaking-abcd"]);
}

#[test]
fn both_ateliers_have_members_in_every_state_and_level_the_pages_show() {
    use crate::domain::community::membership::{Level, MemberRole, MemberState, SettingsForm};
    use crate::domain::registration::Email;
    use std::collections::HashSet;

    let data = data().unwrap();
    let mut addresses = HashSet::new();
    for account in &data.accounts {
        assert!(Email::parse(&account.email).is_some(), "{}", account.email);
        assert!(
            account.email.ends_with("@example.org"),
            "fictional: {}",
            account.email
        );
        assert!(
            addresses.insert(account.email.to_lowercase()),
            "{} twice",
            account.email
        );
    }
    let name_of = |email: &str| {
        data.accounts
            .iter()
            .find(|a| a.email == email)
            .map(|a| a.name.as_str())
            .unwrap_or_else(|| panic!("{email} is in no account"))
    };
    for activity in &data.activities {
        if activity.kind != "atelier" {
            assert!(
                activity.members.is_empty() && activity.kartrekker_accounts.is_empty(),
                "{} is no atelier",
                activity.slug
            );
            continue;
        }
        assert_eq!(
            activity.kartrekker_accounts,
            ["joost.weling@example.org"],
            "{}",
            activity.slug
        );
        let mut members = HashSet::new();
        for m in &activity.members {
            assert!(members.insert(&m.account), "{} twice", m.account);
            // What the join form would have accepted from them.
            let form = SettingsForm {
                name: name_of(&m.account).to_owned(),
                level: m.level.clone(),
                brings: m.brings.clone(),
                listed: m.listed.then(|| "1".to_owned()),
            };
            assert!(form.parse().is_ok(), "{}: {:?}", m.account, form.parse());
            assert!(MemberRole::parse(&m.role).is_some(), "{}", m.role);
            let state = MemberState::parse(&m.state);
            assert!(
                matches!(
                    state,
                    Some(MemberState::Active | MemberState::Requested | MemberState::Left)
                ),
                "{}",
                m.state
            );
            assert_eq!(
                m.left_days_ago.is_some(),
                state == Some(MemberState::Left),
                "{}: a date of leaving for those who left",
                m.account
            );
            assert!(m.left_days_ago.is_none_or(|left| left < m.days_ago));
        }
        let active: Vec<&Member> = activity
            .members
            .iter()
            .filter(|m| m.state == "active")
            .collect();
        let states = |state: &str| activity.members.iter().filter(|m| m.state == state).count();
        assert_eq!(
            (states("requested"), states("left")),
            (1, 1),
            "{}",
            activity.slug
        );
        assert!(active.len() >= 8, "{}", activity.slug);
        for level in Level::ALL {
            assert!(
                active.iter().any(|m| m.level == level.as_str()),
                "{} has no {} member",
                activity.slug,
                level.as_str()
            );
        }
        let listed = active.iter().filter(|m| m.listed).count();
        assert!(
            listed > active.len() / 2 && listed < active.len(),
            "{}: most listed, some not",
            activity.slug
        );
        assert!(
            active
                .iter()
                .any(|m| m.account == "chantal.vanlieshout@example.org" && m.role == "contact"),
            "{}: the contact is a member",
            activity.slug
        );
    }
}

#[test]
fn the_ateliers_history_names_their_own_members_and_reads_as_the_forms_would() {
    use crate::domain::community::research::{ResearchStatus, ResearcherRole};
    let data = data().expect("demo.json parses");
    let ateliers: Vec<_> = data
        .activities
        .iter()
        .filter(|a| a.kind == "atelier")
        .collect();
    let mut cases = 0;
    for atelier in &ateliers {
        let active: Vec<&str> = atelier
            .members
            .iter()
            .filter(|m| m.state == "active")
            .map(|m| m.account.as_str())
            .collect();
        let member = |email: &str| {
            assert!(
                active.contains(&email),
                "{}: {email} is no active member",
                atelier.slug
            )
        };
        for meeting in &atelier.past_meetings {
            assert!(meeting.days_ago > 0, "in the past");
            assert!(time(&meeting.start).unwrap() < time(&meeting.end).unwrap());
            meeting.attended.iter().for_each(|e| member(e));
            for case in &meeting.cases {
                cases += 1;
                member(&case.by);
                case.expert.iter().for_each(|e| member(e));
                let outcome = case.outcome.as_ref().expect("a past case has its outcome");
                assert!(!outcome.learned.is_empty());
            }
        }
        for case in &atelier.waiting_cases {
            member(&case.by);
            assert!(case.outcome.is_none() && case.expert.is_none());
        }
        let known: Vec<&str> = atelier
            .members
            .iter()
            .filter(|m| m.state != "requested")
            .map(|m| m.account.as_str())
            .collect();
        for thread in &atelier.threads {
            assert!(!thread.posts.is_empty(), "{}: no posts", thread.title);
            assert!(
                thread
                    .posts
                    .windows(2)
                    .all(|w| w[0].hours_ago > w[1].hours_ago),
                "{}: posts in order",
                thread.title
            );
            for post in &thread.posts {
                assert!(
                    known.contains(&post.by.as_str()),
                    "{} wrote nothing here",
                    post.by
                );
                post.helpful.iter().for_each(|e| member(e));
            }
        }
        for research in &atelier.research {
            assert!(ResearchStatus::parse(&research.status).is_some());
            for (_, role) in &research.researchers {
                assert!(ResearcherRole::parse(role).is_some(), "{role}");
            }
        }
    }
    let carried = ateliers
        .iter()
        .flat_map(|a| &a.past_meetings)
        .flat_map(|m| &m.cases)
        .filter(|c| c.outcome.as_ref().is_some_and(|o| !o.finished))
        .count();
    assert!(
        cases >= 3 && carried >= 1,
        "discussed cases, one carried over"
    );
    assert!(
        ateliers.iter().any(|a| !a.research.is_empty()),
        "a research project"
    );
    assert!(
        ateliers.iter().all(|a| !a.threads.is_empty()),
        "conversations in every atelier"
    );
}

#[test]
fn the_full_cafe_has_its_program_from_walk_in_to_end() {
    let data = data().unwrap();
    let cafe = data
        .activities
        .iter()
        .find(|a| a.slug == "blik-op-samenlevingsopbouw")
        .unwrap();
    assert_eq!(cafe.capacity, Some(cafe.confirmed_count));
    let first = cafe.program.first().unwrap();
    let last = cafe.program.last().unwrap();
    assert_eq!(
        (first.time.as_deref(), first.kind.as_str()),
        (Some("13:30"), "walk_in")
    );
    assert_eq!(
        (last.time.as_deref(), last.kind.as_str()),
        (Some("18:00"), "end")
    );
    assert_eq!(cafe.organisations.len(), 2);
}

#[test]
fn dates_land_on_the_weekday_in_dutch_time() {
    // 2026-11-21 is a Saturday; 14 days on is Saturday 5 December; the next
    // Tuesday is 8 December, winter time (UTC+1).
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let date = RelativeDate {
        in_days: 14,
        weekday: "tuesday".into(),
    }
    .resolve(today)
    .unwrap();
    assert_eq!(date, NaiveDate::from_ymd_opt(2026, 12, 8).unwrap());
    let start = local_to_utc(date, time("13:30").unwrap()).unwrap();
    assert_eq!(start.to_rfc3339(), "2026-12-08T12:30:00+00:00");
    // Summer time is UTC+2.
    let summer = local_to_utc(
        NaiveDate::from_ymd_opt(2027, 6, 1).unwrap(),
        time("13:30").unwrap(),
    );
    assert_eq!(summer.unwrap().to_rfc3339(), "2027-06-01T11:30:00+00:00");
}

#[test]
fn a_series_repeats_every_two_months_on_the_same_weekday() {
    let data = data().unwrap();
    let atelier = data
        .activities
        .iter()
        .find(|a| a.kind == "atelier")
        .unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let times = session_times(atelier, today).unwrap();
    let repeat = atelier.repeat.as_ref().unwrap();
    assert_eq!(times.len(), repeat.count as usize);
    let local = |t: &Timestamp| t.with_timezone(&Amsterdam);
    for pair in times.windows(2) {
        let (a, b) = (local(&pair[0].0), local(&pair[1].0));
        assert_eq!(a.weekday(), b.weekday());
        assert_eq!(a.time(), b.time());
        let gap = (b.date_naive() - a.date_naive()).num_days();
        assert!((55..=68).contains(&gap), "gap {gap}");
    }
}
