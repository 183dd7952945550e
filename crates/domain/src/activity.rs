//! Activities and what a visitor may do with them right now.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::registration::{Window, WindowState};

/// The three kinds of learning activity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ActivityKind {
    /// Leercafé: a one-off afternoon with a program, speakers and a venue.
    Cafe,
    /// Leeratelier: a community of practice meeting every two months.
    Atelier,
    /// Keuzemodule: an elective module in a catalog.
    Module,
}

impl ActivityKind {
    pub const ALL: [Self; 3] = [Self::Cafe, Self::Atelier, Self::Module];

    /// The code name, as stored and as used in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Cafe => "cafe",
            Self::Atelier => "atelier",
            Self::Module => "module",
        }
    }

    /// The Dutch word used in page URLs (`?soort=leercafe`).
    pub fn url_name(self) -> &'static str {
        match self {
            Self::Cafe => "leercafe",
            Self::Atelier => "leeratelier",
            Self::Module => "keuzemodule",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    pub fn parse_url_name(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.url_name() == raw)
    }
}

/// Where an activity is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ActivityStatus {
    Draft,
    Published,
    Cancelled,
    Archived,
}

impl ActivityStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Published => "published",
            Self::Cancelled => "cancelled",
            Self::Archived => "archived",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [
            Self::Draft,
            Self::Published,
            Self::Cancelled,
            Self::Archived,
        ]
        .into_iter()
        .find(|s| s.as_str() == raw)
    }

    /// Drafts exist only for organisers; everything else has a public page.
    pub fn is_public(self) -> bool {
        !matches!(self, Self::Draft)
    }
}

/// The kinds of program item (inloop, opening, lezing, pauze, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProgramItemKind {
    WalkIn,
    Opening,
    Talk,
    Break,
    Presentations,
    Dialogue,
    PlenaryClose,
    Drinks,
    End,
    Other,
}

impl ProgramItemKind {
    pub const ALL: [Self; 10] = [
        Self::WalkIn,
        Self::Opening,
        Self::Talk,
        Self::Break,
        Self::Presentations,
        Self::Dialogue,
        Self::PlenaryClose,
        Self::Drinks,
        Self::End,
        Self::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::WalkIn => "walk_in",
            Self::Opening => "opening",
            Self::Talk => "talk",
            Self::Break => "break",
            Self::Presentations => "presentations",
            Self::Dialogue => "dialogue",
            Self::PlenaryClose => "plenary_close",
            Self::Drinks => "drinks",
            Self::End => "end",
            Self::Other => "other",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }
}

/// What the registration box of an activity says, derived from stored facts only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Availability {
    /// Registration is open and there is no limit.
    Open,
    /// Registration is open with this many places left.
    PlacesLeft { places: u32 },
    /// Every place is taken; new registrations join the waitlist when it is on.
    Full { waitlist: bool },
    /// Registration opens later.
    NotYetOpen {
        #[schema(value_type = String, format = DateTime)]
        opens_at: DateTime<Utc>,
    },
    /// Registration is not (or no longer) possible ("aanmelden gesloten").
    Closed,
    /// The activity has been cancelled.
    Cancelled,
    /// Every session is over.
    Ended,
}

/// The facts [`availability`] decides on.
#[derive(Clone, Copy, Debug)]
pub struct RegistrationFacts {
    pub status: ActivityStatus,
    pub registration_open: bool,
    pub capacity: Option<u32>,
    pub confirmed: u32,
    pub waitlisted: u32,
    pub waitlist_enabled: bool,
    pub window: Window,
    /// End of the last session, if any session is planned.
    pub last_session_end: Option<DateTime<Utc>>,
}

/// Decides what a visitor can do now. Cancelled beats everything; a finished activity
/// is over whatever its counts say; a closed form is closed even with places left; a
/// full activity is full even when the form is open.
pub fn availability(facts: &RegistrationFacts, now: DateTime<Utc>) -> Availability {
    if facts.status == ActivityStatus::Cancelled {
        return Availability::Cancelled;
    }
    if facts.status == ActivityStatus::Archived
        || facts.last_session_end.is_some_and(|end| end <= now)
    {
        return Availability::Ended;
    }
    if !facts.registration_open || facts.status != ActivityStatus::Published {
        return Availability::Closed;
    }
    match facts.window.state(now) {
        WindowState::NotYetOpen { opens_at } => return Availability::NotYetOpen { opens_at },
        WindowState::Closed => return Availability::Closed,
        WindowState::Open => {}
    }
    match facts.capacity {
        None => Availability::Open,
        // People waiting keep their turn even while an offered place is held.
        Some(capacity) if facts.confirmed >= capacity || facts.waitlisted > 0 => {
            Availability::Full {
                waitlist: facts.waitlist_enabled,
            }
        }
        Some(capacity) => Availability::PlacesLeft {
            places: capacity - facts.confirmed,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn facts() -> RegistrationFacts {
        RegistrationFacts {
            status: ActivityStatus::Published,
            registration_open: true,
            capacity: Some(60),
            confirmed: 12,
            waitlisted: 0,
            waitlist_enabled: false,
            window: Window {
                opens_at: None,
                closes_at: None,
                first_session_start: Some(Utc.with_ymd_and_hms(2030, 1, 1, 13, 0, 0).unwrap()),
            },
            last_session_end: Some(Utc.with_ymd_and_hms(2030, 1, 1, 17, 0, 0).unwrap()),
        }
    }

    #[test]
    fn the_window_decides_before_the_counts() {
        let opens_at = Utc.with_ymd_and_hms(2029, 7, 1, 9, 0, 0).unwrap();
        let mut f = facts();
        f.window.opens_at = Some(opens_at);
        assert_eq!(
            availability(&f, now()),
            Availability::NotYetOpen { opens_at }
        );
        f.window.opens_at = None;
        // Closes at the start of the first session by default, before it ends.
        let during = Utc.with_ymd_and_hms(2030, 1, 1, 14, 0, 0).unwrap();
        assert_eq!(availability(&f, during), Availability::Closed);
        // People waiting keep their turn while an offered place is held.
        f.waitlisted = 1;
        f.waitlist_enabled = true;
        assert_eq!(
            availability(&f, now()),
            Availability::Full { waitlist: true }
        );
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2029, 6, 1, 12, 0, 0).unwrap()
    }

    #[test]
    fn places_left_is_capacity_minus_confirmed() {
        assert_eq!(
            availability(&facts(), now()),
            Availability::PlacesLeft { places: 48 }
        );
    }

    #[test]
    fn full_when_confirmed_reaches_capacity_with_or_without_waitlist() {
        let mut f = facts();
        f.confirmed = 60;
        assert_eq!(
            availability(&f, now()),
            Availability::Full { waitlist: false }
        );
        f.waitlist_enabled = true;
        f.confirmed = 61; // stored data may be over after an organiser lowered capacity
        assert_eq!(
            availability(&f, now()),
            Availability::Full { waitlist: true }
        );
    }

    #[test]
    fn no_capacity_means_open_without_a_count() {
        let mut f = facts();
        f.capacity = None;
        assert_eq!(availability(&f, now()), Availability::Open);
    }

    #[test]
    fn a_closed_form_is_closed_even_with_places_left() {
        let mut f = facts();
        f.registration_open = false;
        assert_eq!(availability(&f, now()), Availability::Closed);
    }

    #[test]
    fn cancelled_beats_everything_and_the_past_is_ended() {
        let mut f = facts();
        f.status = ActivityStatus::Cancelled;
        f.last_session_end = Some(Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap());
        assert_eq!(availability(&f, now()), Availability::Cancelled);
        f.status = ActivityStatus::Published;
        assert_eq!(availability(&f, now()), Availability::Ended);
        f.last_session_end = None;
        f.status = ActivityStatus::Archived;
        assert_eq!(availability(&f, now()), Availability::Ended);
    }

    #[test]
    fn kinds_and_statuses_round_trip_through_their_names() {
        for kind in ActivityKind::ALL {
            assert_eq!(ActivityKind::parse(kind.as_str()), Some(kind));
            assert_eq!(ActivityKind::parse_url_name(kind.url_name()), Some(kind));
        }
        for kind in ProgramItemKind::ALL {
            assert_eq!(ProgramItemKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(
            ActivityStatus::parse("published"),
            Some(ActivityStatus::Published)
        );
        assert_eq!(ActivityKind::parse("Cafe"), None);
        assert!(!ActivityStatus::Draft.is_public());
    }
}
