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
mod tests;
