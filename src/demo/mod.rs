//! Demo data from the source pages (`shared/seeds/`), with dates placed in the future
//! relative to the day it is loaded. The facts are the seeds'; the texts are ours.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Europe::Amsterdam;
use serde::Deserialize;

use crate::time::Timestamp;

mod pdf;
pub use pdf::text_pdf;

const DEMO_JSON: &str = include_str!("demo.json");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoData {
    #[serde(default)]
    pub organisations: Vec<Organisation>,
    #[serde(default)]
    pub themes: Vec<Theme>,
    #[serde(default)]
    pub audiences: Vec<Audience>,
    #[serde(default)]
    pub profiles: Vec<Profile>,
    #[serde(default)]
    pub venues: Vec<Venue>,
    /// Accounts of the people in the ateliers: the seeds' kartrekker and contact, and
    /// fictional members. No password and no verified address; they sign in by link.
    #[serde(default)]
    pub accounts: Vec<Account>,
    pub activities: Vec<Activity>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub city: String,
    #[serde(default)]
    pub website: String,
    pub description: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub slug: String,
    pub name_nl: String,
    pub name_en: String,
    pub description_nl: String,
    pub description_en: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Audience {
    pub slug: String,
    pub name_nl: String,
    pub name_en: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub slug: String,
    pub name: String,
    pub affiliation: String,
    pub bio: String,
    pub email: String,
    pub phone: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Venue {
    pub slug: String,
    pub name: String,
    pub address: String,
    pub postcode: String,
    pub city: String,
    pub route_car: String,
    pub route_transit: String,
    pub accessibility: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    pub email: String,
    pub name: String,
}

/// An accreditation of a demo activity: register and category by slug.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Accreditation {
    pub register: String,
    pub category: String,
    pub id_number: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    pub slug: String,
    pub kind: String,
    pub title: String,
    pub subtitle: String,
    pub summary: String,
    pub body: String,
    pub themes: Vec<String>,
    pub audiences: Vec<String>,
    pub organisations: Vec<String>,
    pub contact: Option<String>,
    pub facilitators: Vec<String>,
    pub region: String,
    pub status: String,
    pub cost_cents: Option<i32>,
    pub cost_note: String,
    pub time_investment: String,
    pub recurrence_note: String,
    pub participation_note: String,
    pub capacity: Option<i32>,
    /// Places taken: the demo loads this many fictional confirmed registrations.
    pub confirmed_count: i32,
    pub waitlist: bool,
    pub registration_open: bool,
    /// Where "the activity is full" notices go.
    #[serde(default)]
    pub organiser_email: String,
    /// The activity's own questions in the registration form.
    #[serde(default)]
    pub questions: Vec<Question>,
    pub sessions: Vec<Session>,
    pub repeat: Option<Repeat>,
    pub program: Vec<ProgramItem>,
    /// Registers that accredited the activity (as a whole, points from the program).
    #[serde(default)]
    pub accreditations: Vec<Accreditation>,
    pub prerequisites: Vec<String>,
    pub links: Vec<Link>,
    /// Accounts (by address) that run this atelier as its kartrekker.
    #[serde(default)]
    pub kartrekker_accounts: Vec<String>,
    /// The atelier's members, whatever their state, one per account.
    #[serde(default)]
    pub members: Vec<Member>,
    /// An atelier's past meetings, with who came and the cases discussed.
    #[serde(default)]
    pub past_meetings: Vec<PastMeeting>,
    /// Cases brought and waiting for an agenda.
    #[serde(default)]
    pub waiting_cases: Vec<DemoCase>,
    /// Practice research.
    #[serde(default)]
    pub research: Vec<DemoResearch>,
    /// Links and files shared in the online space.
    #[serde(default)]
    pub resources: Vec<DemoResource>,
    /// Conversations in the online space.
    #[serde(default)]
    pub threads: Vec<DemoThread>,
}

/// A conversation in an atelier's space: its title and posts, the first opening it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoThread {
    pub title: String,
    pub posts: Vec<DemoPost>,
}

/// A post, written this many hours before the demo is loaded.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoPost {
    /// The writer's address: an active member, or one who left (shown "oud-lid").
    pub by: String,
    pub hours_ago: u32,
    pub body: String,
    /// Addresses of members who marked it helpful.
    #[serde(default)]
    pub helpful: Vec<String>,
}

/// A membership of an atelier (`atelier_member`), dated back from the day it is loaded.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// The account's address.
    pub account: String,
    pub level: String,
    #[serde(default = "member_role")]
    pub role: String,
    /// `active`, `requested` or `left`.
    pub state: String,
    /// "What I bring", in their words.
    pub brings: String,
    /// Agreed to be shown to the other members.
    pub listed: bool,
    /// Joined (active, left) or asked (requested) this many days ago.
    pub days_ago: u32,
    /// Left this many days ago (`left` only).
    #[serde(default)]
    pub left_days_ago: Option<u32>,
}

/// A meeting of an atelier that took place: when, who came, what was discussed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PastMeeting {
    pub days_ago: u32,
    pub start: String,
    pub end: String,
    /// Addresses of the members who came.
    pub attended: Vec<String>,
    pub cases: Vec<DemoCase>,
}

/// A case (kwestie) a member brought.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoCase {
    /// The address of who brought it.
    pub by: String,
    pub title: String,
    pub situation: String,
    pub question: String,
    /// The member who gave the expert contribution (past meetings).
    #[serde(default)]
    pub expert: Option<String>,
    /// What the meeting made of it (past meetings).
    #[serde(default)]
    pub outcome: Option<DemoOutcome>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoOutcome {
    pub learned: String,
    #[serde(default)]
    pub next_steps: String,
    pub finished: bool,
    pub public: bool,
}

/// A practice research project.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoResearch {
    pub title: String,
    pub question: String,
    /// `idea`, `running` or `finished`.
    pub status: String,
    /// (name, role: student, lecturer, lector).
    pub researchers: Vec<(String, String)>,
    /// (title, URL).
    #[serde(default)]
    pub outputs: Vec<(String, String)>,
    pub public: bool,
}

/// A link or a file shared in an atelier, dated back from the day it is loaded.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoResource {
    /// The address of who shared it.
    pub by: String,
    pub title: String,
    /// Theme slugs.
    #[serde(default)]
    pub themes: Vec<String>,
    /// A link, or …
    #[serde(default)]
    pub url: Option<String>,
    /// … a file, written into the data directory when the demo is loaded.
    #[serde(default)]
    pub file: Option<DemoFile>,
    pub days_ago: u32,
}

/// A demo file: its name and its text (a `.pdf` name makes a one-page PDF of it).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoFile {
    pub name: String,
    pub text: String,
}

impl DemoFile {
    /// The file's bytes.
    pub fn bytes(&self) -> Vec<u8> {
        if self.name.to_ascii_lowercase().ends_with(".pdf") {
            text_pdf(&self.text)
        } else {
            self.text.clone().into_bytes()
        }
    }
}

fn member_role() -> String {
    "member".to_owned()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub kind: String,
    pub label: String,
    pub help: String,
    pub required: bool,
    pub options: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    pub date: RelativeDate,
    pub start: String,
    pub end: String,
    pub venue: Option<String>,
    pub title: String,
    /// Places at this session, when it has fewer than the activity.
    #[serde(default)]
    pub capacity: Option<u32>,
}

/// The first `weekday` on or after today + `in_days`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelativeDate {
    pub in_days: u32,
    pub weekday: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Repeat {
    pub every_months: u32,
    pub count: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgramItem {
    pub time: Option<String>,
    pub title: String,
    pub kind: String,
    pub speakers: Vec<String>,
    pub description: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// The embedded demo data set.
pub fn data() -> anyhow::Result<DemoData> {
    Ok(serde_json::from_str(DEMO_JSON)?)
}

/// A data set in the demo format from a file (benchmarks and tests load their own
/// activities this way). Lists it leaves out are empty.
pub fn data_from_file(path: &std::path::Path) -> anyhow::Result<DemoData> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

fn weekday(name: &str) -> anyhow::Result<Weekday> {
    name.parse::<Weekday>()
        .map_err(|_| anyhow::anyhow!("unknown weekday {name:?} in demo data"))
}

/// A Dutch wall-clock time of the demo data, `HH:MM`.
pub fn time(raw: &str) -> anyhow::Result<NaiveTime> {
    NaiveTime::parse_from_str(raw, "%H:%M")
        .map_err(|_| anyhow::anyhow!("bad time {raw:?} in demo data"))
}

impl RelativeDate {
    pub fn resolve(&self, today: NaiveDate) -> anyhow::Result<NaiveDate> {
        let wanted = weekday(&self.weekday)?;
        let start = today + Days::new(u64::from(self.in_days));
        Ok(next_weekday(start, wanted))
    }
}

fn next_weekday(from: NaiveDate, wanted: Weekday) -> NaiveDate {
    let ahead = (7 + wanted.num_days_from_monday() - from.weekday().num_days_from_monday()) % 7;
    from + Days::new(u64::from(ahead))
}

/// A Dutch wall-clock time on a date, in UTC.
pub fn local_to_utc(date: NaiveDate, time: NaiveTime) -> anyhow::Result<Timestamp> {
    Amsterdam
        .from_local_datetime(&date.and_time(time))
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| anyhow::anyhow!("{date} {time} does not exist in Europe/Amsterdam"))
}

/// Start and end of every session of an activity, a series expanded.
pub fn session_times(
    activity: &Activity,
    today: NaiveDate,
) -> anyhow::Result<Vec<(Timestamp, Timestamp, &Session)>> {
    let mut out = Vec::new();
    for session in &activity.sessions {
        let first = session.date.resolve(today)?;
        let wanted = first.weekday();
        let (count, every) = match &activity.repeat {
            Some(repeat) => (repeat.count.max(1), repeat.every_months),
            None => (1, 0),
        };
        for n in 0..count {
            let date = first
                .checked_add_months(Months::new(every * n))
                .map(|d| if n == 0 { d } else { next_weekday(d, wanted) })
                .ok_or_else(|| anyhow::anyhow!("date out of range"))?;
            let starts = local_to_utc(date, time(&session.start)?)?;
            let ends = local_to_utc(date, time(&session.end)?)?;
            anyhow::ensure!(
                ends > starts,
                "session of {} ends before it starts",
                activity.slug
            );
            out.push((starts, ends, session));
        }
    }
    Ok(out)
}

/// The program's times fall on the first session's date.
pub fn program_time(
    item: &ProgramItem,
    first_session: Option<Timestamp>,
) -> anyhow::Result<Option<Timestamp>> {
    match (&item.time, first_session) {
        (Some(raw), Some(first)) => {
            let date = first.with_timezone(&Amsterdam).date_naive();
            Ok(Some(local_to_utc(date, time(raw)?)?))
        }
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests {
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
                places.is_none_or(
                    |p| activity.confirmed_count <= i32::try_from(p).unwrap_or(i32::MAX)
                ),
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
}
