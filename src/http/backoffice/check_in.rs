//! Check-in at the door, made for an organiser's phone:
//! - `/beheer/activiteiten/{id}/inchecken`: the people with a place, with a name
//!   search and one button each, and per session who came and who did not;
//! - `/beheer/inchecken/{registration}/{token}`: where the QR code in a participant's
//!   email leads. The token is an HMAC of the registration's public id, so the link
//!   cannot be guessed; only an organiser of the activity gets past sign-in.
//!
//! Marking someone present is a POST (a scanned link must change nothing by itself).
//!
//! At a meeting of a leeratelier the list also holds the members its level invites
//! (those who said ja or misschien first): one button marks a member present with
//! the same attendance and ledger line as the agenda page
//! ([`crate::db::Db::mark_member_presence`]), and undoes it. Non-members who
//! registered for a public meeting are checked in as at any other activity.

use std::collections::{HashMap, HashSet};

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Extension, OriginalUri, Path, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use chrono::{DateTime, Duration, Utc};

use crate::db::check_in::{CheckInOutcome, CheckInPerson, CheckInSession, Presence};
use crate::db::community::{CheckInMember, MemberCheckIn};
use crate::db::organisation::OrganisationRef;
use crate::domain::activity::ActivityKind;
use crate::domain::community::ledger::attendance_open;
use crate::domain::registration::RegistrationState;
use crate::http::AppState;
use crate::http::backoffice::access::Staff;
use crate::http::backoffice::access::{Managed, managed_activity, registration_id_shaped};
use crate::http::error::PageError;
use crate::http::kit::forms::{Pairs, see_other};
use crate::http::kit::query::{public_id_shaped, query_param};
use crate::http::kit::views::Chrome;
use crate::i18n::Lang;
use crate::secret::is_token_shaped;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/beheer/activiteiten/{id}/inchecken",
            get(list_page).post(list_mark),
        )
        .route(
            "/beheer/inchecken/{registration}/{token}",
            get(person_page).post(person_mark),
        )
}

/// The session to check people in for: the one under way or starting next (an hour
/// of slack on either side for people who come early or late), else the last one.
pub fn current_session(sessions: &[CheckInSession], now: DateTime<Utc>) -> Option<&CheckInSession> {
    sessions
        .iter()
        .find(|s| s.ends_at + Duration::hours(1) > now)
        .or(sessions.last())
}

/// Who came: (present at any session, registration ids per session with the time).
struct Attendance {
    by_session: HashMap<i64, HashMap<i64, DateTime<Utc>>>,
    anywhere: HashSet<i64>,
}

impl Attendance {
    fn new(presence: &[Presence]) -> Self {
        let mut by_session: HashMap<i64, HashMap<i64, DateTime<Utc>>> = HashMap::new();
        for (registration, session, at) in presence {
            by_session
                .entry(*session)
                .or_default()
                .insert(*registration, *at);
        }
        let anywhere = presence.iter().map(|(r, _, _)| *r).collect();
        Self {
            by_session,
            anywhere,
        }
    }

    fn at(&self, session: i64, registration: i64) -> Option<DateTime<Utc>> {
        self.by_session.get(&session)?.get(&registration).copied()
    }

    fn count(&self, session: i64) -> usize {
        self.by_session.get(&session).map_or(0, HashMap::len)
    }
}

/// One row of the counts table: what, places, present, did not come (once over).
struct CountRow {
    label: String,
    places: usize,
    present: usize,
    absent: Option<usize>,
}

fn counts(
    lang: Lang,
    sessions: &[CheckInSession],
    people: &[CheckInPerson],
    attendance: &Attendance,
    now: DateTime<Utc>,
) -> Vec<CountRow> {
    let places = people.len();
    let mut rows: Vec<CountRow> = sessions
        .iter()
        .map(|s| {
            // At an atelier each registration is for one meeting.
            let places = people.iter().filter(|p| p.comes_to(s)).count();
            let present = attendance.count(s.id);
            CountRow {
                label: session_label(lang, s),
                places,
                present,
                absent: (s.ends_at <= now).then(|| places.saturating_sub(present)),
            }
        })
        .collect();
    if sessions.len() > 1 {
        let present = people
            .iter()
            .filter(|p| attendance.anywhere.contains(&p.id))
            .count();
        rows.push(CountRow {
            label: lang.t("check-in-whole-activity"),
            places,
            present,
            absent: sessions
                .last()
                .filter(|s| s.ends_at <= now)
                .map(|_| places.saturating_sub(present)),
        });
    }
    rows
}

fn session_label(lang: Lang, session: &CheckInSession) -> String {
    let when = format!(
        "{}, {}",
        lang.date_long(session.starts_at),
        lang.time_range(session.starts_at, session.ends_at)
    );
    if session.title.is_empty() {
        when
    } else {
        format!("{} ({when})", session.title)
    }
}

/// A person on the list: present at the chosen session since when, or not yet. A
/// registration is named by its public id (form field `registratie`), a member of
/// the atelier by their membership's (`lid`).
struct Row {
    /// The form field that names them.
    field: &'static str,
    public_id: String,
    name: String,
    /// Under the name: the organisation, or a member's answer.
    detail: String,
    present_since: Option<String>,
    /// Whether the button is there (members: from shortly before the meeting).
    open: bool,
}

impl Row {
    /// The list item's id, to come back to.
    fn anchor(&self) -> String {
        let prefix = if self.field == "lid" { "m" } else { "r" };
        format!("{prefix}-{}", self.public_id)
    }

    fn member(lang: Lang, member: CheckInMember, open: bool) -> Self {
        let detail = match member.answer.as_deref() {
            Some(answer @ ("yes" | "no" | "maybe")) => lang.t1(
                "check-in-member-answer",
                "answer",
                lang.t(&format!("community-answer-{answer}")),
            ),
            _ => lang.t("check-in-member-no-answer"),
        };
        Self {
            field: "lid",
            detail,
            present_since: member.present_since.map(|at| lang.time(at)),
            public_id: member.public_id,
            name: member.name,
            open,
        }
    }
}

/// A session to choose on the list page.
struct SessionLink {
    label: String,
    href: String,
    current: bool,
}

#[derive(Template)]
#[template(path = "backoffice/check_in.html")]
struct ListPage {
    lang: Lang,
    chrome: Chrome,
    /// The host, as a crumb for those who reach its pages (organisers).
    organisation: Option<OrganisationRef>,
    base: String,
    title: String,
    session: Option<(i64, String)>,
    session_links: Vec<SessionLink>,
    counts: Vec<CountRow>,
    search: String,
    notice: Option<String>,
    rows: Vec<Row>,
    /// An atelier's meeting: its invited members (`None` for other activities).
    members: Option<Vec<Row>>,
    /// Whether members may be marked present yet (from shortly before it begins).
    members_open: bool,
    csrf: String,
}

fn matches(person: &CheckInPerson, search: &str) -> bool {
    let needle = search.trim().to_lowercase();
    needle.is_empty()
        || person.name.to_lowercase().contains(&needle)
        || person.organisation.to_lowercase().contains(&needle)
}

/// The notice after a check-in, naming the person.
fn notice(lang: Lang, word: &str, name: &str) -> Option<String> {
    let key = match word {
        "aanwezig" => "check-in-notice-present",
        "ongedaan" => "check-in-notice-undone",
        "al-gedaan" => "check-in-notice-unchanged",
        "geen-plaats" => "check-in-notice-no-place",
        "te-vroeg" => "check-in-notice-too-early",
        _ => return None,
    };
    Some(lang.t1(key, "name", name))
}

async fn list_page(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    let activity = managed.activity.id;
    let sessions = state.db.check_in_sessions(activity).await?;
    let people = state.db.check_in_people(activity).await?;
    let attendance = Attendance::new(&state.db.presence(activity).await?);
    let now = crate::time::now();
    let chosen = query_param(&uri, "sessie").and_then(|v| v.parse::<i64>().ok());
    let session = match chosen {
        Some(id) => Some(
            sessions
                .iter()
                .find(|s| s.id == id)
                .ok_or(PageError::NotFound)?,
        ),
        None => current_session(&sessions, now),
    };
    let search = query_param(&uri, "zoek").unwrap_or_default();
    let base = managed.base();
    let atelier = managed.activity.kind == ActivityKind::Atelier;
    let members_open = session.is_some_and(|s| attendance_open(s.starts_at, now));
    let members = match session {
        Some(session) if atelier => state
            .db
            .check_in_members(activity, session.id)
            .await?
            .into_iter()
            .filter(|m| {
                m.name
                    .to_lowercase()
                    .contains(&search.trim().to_lowercase())
            })
            .map(|m| Row::member(lang, m, members_open))
            .collect(),
        _ => Vec::new(),
    };
    let notice = match (query_param(&uri, "bericht"), query_param(&uri, "wie")) {
        (Some(word), Some(who)) => people
            .iter()
            .map(|p| (&p.public_id, &p.name))
            .chain(members.iter().map(|m| (&m.public_id, &m.name)))
            .find(|(id, _)| **id == who)
            .and_then(|(_, name)| notice(lang, &word, name)),
        _ => None,
    };
    let rows = match session {
        Some(session) => people
            .iter()
            .filter(|p| p.comes_to(session) && matches(p, &search))
            .map(|p| Row {
                field: "registratie",
                public_id: p.public_id.clone(),
                name: p.name.clone(),
                detail: p.organisation.clone(),
                present_since: attendance.at(session.id, p.id).map(|at| lang.time(at)),
                open: true,
            })
            .collect(),
        None => Vec::new(),
    };
    let session_links = if sessions.len() > 1 {
        sessions
            .iter()
            .map(|s| SessionLink {
                label: session_label(lang, s),
                href: format!("{base}/inchecken?sessie={}", s.id),
                current: session.is_some_and(|c| c.id == s.id),
            })
            .collect()
    } else {
        Vec::new()
    };
    let title = lang.t1("check-in-title", "title", managed.activity.title.as_str());
    let page = ListPage {
        lang,
        chrome: Chrome::new(
            &state,
            lang,
            title.clone(),
            &format!("{base}/inchecken"),
            "backoffice",
        ),
        organisation: managed.host_crumb(),
        title,
        session: session.map(|s| (s.id, session_label(lang, s))),
        session_links,
        counts: counts(lang, &sessions, &people, &attendance, now),
        search,
        notice,
        rows,
        members_open,
        members: atelier.then_some(members),
        csrf: managed.csrf(&state),
        base,
    };
    Ok(Html(page.render()?).into_response())
}

/// The outcome as the word the redirect carries.
fn outcome_word(outcome: CheckInOutcome, present: bool) -> Result<&'static str, PageError> {
    Ok(match outcome {
        CheckInOutcome::Done if present => "aanwezig",
        CheckInOutcome::Done => "ongedaan",
        CheckInOutcome::Unchanged => "al-gedaan",
        CheckInOutcome::NoPlace => "geen-plaats",
        CheckInOutcome::NotFound => return Err(PageError::NotFound),
    })
}

/// Reads and checks a check-in form: (registration, session, present).
fn check_in_form(
    managed: &Managed,
    state: &AppState,
    headers: &HeaderMap,
    pairs: &Pairs,
) -> Result<(i64, bool), PageError> {
    if !managed.form_ok(state, headers, pairs) {
        return Err(PageError::Forbidden);
    }
    let session = pairs
        .get("sessie")
        .parse::<i64>()
        .map_err(|_| PageError::NotFound)?;
    let present = match pairs.get("actie").as_str() {
        "aanwezig" => true,
        "ongedaan" => false,
        _ => return Err(PageError::NotFound),
    };
    Ok((session, present))
}

async fn list_mark(
    State(state): State<AppState>,
    managed: Managed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let pairs = Pairs::parse(&body);
    let (session, present) = check_in_form(&managed, &state, &headers, &pairs)?;
    let member = pairs.get("lid");
    let (word, who) = if member.is_empty() {
        let registration = pairs.get("registratie");
        if !registration_id_shaped(&registration) {
            return Err(PageError::NotFound);
        }
        let outcome = state
            .db
            .mark_presence(
                managed.activity.id,
                &registration,
                session,
                present,
                managed.actor(),
            )
            .await?;
        (outcome_word(outcome, present)?, registration)
    } else {
        // A member of the atelier at one of its meetings.
        if managed.activity.kind != ActivityKind::Atelier || !public_id_shaped(&member) {
            return Err(PageError::NotFound);
        }
        let outcome = state
            .db
            .mark_member_presence(
                managed.activity.id,
                session,
                &member,
                present,
                managed.actor(),
            )
            .await?;
        let word = match outcome {
            MemberCheckIn::Done if present => "aanwezig",
            MemberCheckIn::Done => "ongedaan",
            MemberCheckIn::Unchanged => "al-gedaan",
            MemberCheckIn::TooEarly => "te-vroeg",
            MemberCheckIn::NotFound => return Err(PageError::NotFound),
        };
        (word, member)
    };
    let query = serde_urlencoded::to_string([
        ("sessie", session.to_string()),
        ("zoek", pairs.get("zoek")),
        ("bericht", word.to_owned()),
        ("wie", who),
    ])
    .map_err(anyhow::Error::from)?;
    Ok(see_other(format!("{}/inchecken?{query}", managed.base())))
}

// ------------------------------------------------------------------ from the QR code

/// A session on the person's page, with their presence.
struct PersonSession {
    id: i64,
    label: String,
    present_since: Option<String>,
    current: bool,
}

#[derive(Template)]
#[template(path = "backoffice/check_in_person.html")]
struct PersonPage {
    lang: Lang,
    chrome: Chrome,
    /// The host, as a crumb for those who reach its pages (organisers).
    organisation: Option<OrganisationRef>,
    base: String,
    activity_title: String,
    name: String,
    organisation_name: String,
    /// The registration's state, when it gives no place.
    no_place: Option<String>,
    notice: Option<String>,
    sessions: Vec<PersonSession>,
    action: String,
    csrf: String,
}

/// The registration and its activity behind a check-in link, for this organiser;
/// 404 for a wrong token or an activity they do not manage.
async fn link_target(
    state: &AppState,
    staff: Staff,
    registration: &str,
    token: &str,
) -> Result<(Managed, CheckInPerson), PageError> {
    if !registration_id_shaped(registration)
        || !is_token_shaped(token)
        || !state.secret.check_in_matches(registration, token)
    {
        return Err(PageError::NotFound);
    }
    let target = state
        .db
        .check_in_target(registration)
        .await?
        .ok_or(PageError::NotFound)?;
    let managed = managed_activity(state, staff, &target.activity_public_id).await?;
    Ok((managed, target.person))
}

async fn person_page(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    staff: Staff,
    Path((registration, token)): Path<(String, String)>,
    uri: OriginalUri,
) -> Result<Response, PageError> {
    let (managed, person) = link_target(&state, staff, &registration, &token).await?;
    // An atelier's registration is for its one meeting.
    let sessions: Vec<CheckInSession> = state
        .db
        .check_in_sessions(managed.activity.id)
        .await?
        .into_iter()
        .filter(|s| person.comes_to(s))
        .collect();
    let attendance = Attendance::new(&state.db.presence(managed.activity.id).await?);
    let current = current_session(&sessions, crate::time::now()).map(|s| s.id);
    let holds_place = RegistrationState::parse(&person.state).is_some_and(|s| s.holds_place());
    let action = format!("/beheer/inchecken/{registration}/{token}");
    let page = PersonPage {
        lang,
        chrome: Chrome::new(
            &state,
            lang,
            lang.t1("check-in-person-title", "name", person.name.as_str()),
            &action,
            "backoffice",
        ),
        organisation: managed.host_crumb(),
        base: managed.base(),
        activity_title: managed.activity.title.clone(),
        no_place: (!holds_place).then(|| lang.t(&format!("roster-state-{}", person.state))),
        notice: query_param(&uri, "bericht").and_then(|w| notice(lang, &w, &person.name)),
        sessions: sessions
            .iter()
            .map(|s| PersonSession {
                id: s.id,
                label: session_label(lang, s),
                present_since: attendance.at(s.id, person.id).map(|at| lang.time(at)),
                current: Some(s.id) == current,
            })
            .collect(),
        name: person.name,
        organisation_name: person.organisation,
        csrf: managed.csrf(&state),
        action,
    };
    Ok(Html(page.render()?).into_response())
}

async fn person_mark(
    State(state): State<AppState>,
    staff: Staff,
    Path((registration, token)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let (managed, person) = link_target(&state, staff, &registration, &token).await?;
    let pairs = Pairs::parse(&body);
    let (session, present) = check_in_form(&managed, &state, &headers, &pairs)?;
    let outcome = state
        .db
        .mark_presence(
            managed.activity.id,
            &person.public_id,
            session,
            present,
            managed.actor(),
        )
        .await?;
    let word = outcome_word(outcome, present)?;
    Ok(see_other(format!(
        "/beheer/inchecken/{registration}/{token}?bericht={word}"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn session(id: i64, day: u32) -> CheckInSession {
        CheckInSession {
            id,
            starts_at: Utc.with_ymd_and_hms(2026, 12, day, 12, 30, 0).unwrap(),
            ends_at: Utc.with_ymd_and_hms(2026, 12, day, 16, 0, 0).unwrap(),
            title: String::new(),
            uid: format!("s{id}"),
        }
    }

    #[test]
    fn the_current_session_is_the_one_under_way_or_next() {
        let sessions = [session(1, 8), session(2, 15)];
        let at = |day, hour| Utc.with_ymd_and_hms(2026, 12, day, hour, 0, 0).unwrap();
        assert_eq!(current_session(&sessions, at(1, 9)).unwrap().id, 1);
        assert_eq!(current_session(&sessions, at(8, 13)).unwrap().id, 1);
        // An hour after the end, latecomers still count for that session.
        assert_eq!(current_session(&sessions, at(8, 16)).unwrap().id, 1);
        assert_eq!(current_session(&sessions, at(8, 17)).unwrap().id, 2);
        assert_eq!(current_session(&sessions, at(30, 9)).unwrap().id, 2);
        assert!(current_session(&[], at(8, 13)).is_none());
    }

    #[test]
    fn no_shows_count_once_a_session_is_over() {
        let sessions = [session(1, 8), session(2, 15)];
        let person = |id| CheckInPerson {
            id,
            public_id: id.to_string(),
            name: format!("P{id}"),
            organisation: String::new(),
            state: "confirmed".into(),
            meeting_uid: String::new(),
        };
        let people = [person(1), person(2), person(3)];
        let t = sessions[0].starts_at;
        let attendance = Attendance::new(&[(1, 1, t), (2, 1, t), (1, 2, t)]);
        let between = Utc.with_ymd_and_hms(2026, 12, 10, 9, 0, 0).unwrap();
        let rows = counts(Lang::Nl, &sessions, &people, &attendance, between);
        let figures: Vec<_> = rows
            .iter()
            .map(|r| (r.places, r.present, r.absent))
            .collect();
        assert_eq!(
            figures,
            [(3, 2, Some(1)), (3, 1, None), (3, 2, None)],
            "the second session and the whole activity are not over yet"
        );
        let after = Utc.with_ymd_and_hms(2026, 12, 16, 9, 0, 0).unwrap();
        let rows = counts(Lang::Nl, &sessions, &people, &attendance, after);
        let figures: Vec<_> = rows.iter().map(|r| (r.present, r.absent)).collect();
        assert_eq!(figures, [(2, Some(1)), (1, Some(2)), (2, Some(1))]);
    }
}
