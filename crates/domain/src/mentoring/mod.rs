//! Meester-gezel mentoring (issue 17, points 5–9): a professional's profile in a
//! programme ([`profile`]), suggestions ranked for them ([`matching`]), a request
//! and its answer, a pair's agreement, meeting log and evaluation ([`path`]), and
//! who may reach a programme ([`ProgrammeRole`]).
//!
//! Reverse mentoring is first-class: nobody is mentor because they are senior. A
//! profile says whether someone offers, asks or both; a request says who learns
//! from whom; the experience difference is a preference in the search, in either
//! direction, never a rule.

pub mod matching;
pub mod path;
pub mod profile;
pub mod programme;

use crate::access::Roles;

/// What someone is in a programme: they offer (mentor), ask (mentee) or both.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    Mentor,
    Mentee,
    Both,
}

impl Role {
    pub const ALL: [Self; 3] = [Self::Both, Self::Mentor, Self::Mentee];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Mentor => "mentor",
            Self::Mentee => "mentee",
            Self::Both => "both",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == raw.trim())
    }

    /// Whether they offer what they know (may be someone's mentor).
    pub fn offers(self) -> bool {
        matches!(self, Self::Mentor | Self::Both)
    }

    /// Whether they want to learn (may be someone's mentee).
    pub fn asks(self) -> bool {
        matches!(self, Self::Mentee | Self::Both)
    }
}

/// How someone can meet: in person (in their region), online, or either.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Meeting {
    InPerson,
    Online,
    Either,
}

impl Meeting {
    pub const ALL: [Self; 3] = [Self::Either, Self::InPerson, Self::Online];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::InPerson => "in_person",
            Self::Online => "online",
            Self::Either => "either",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == raw.trim())
    }

    pub fn in_person(self) -> bool {
        matches!(self, Self::InPerson | Self::Either)
    }

    pub fn online(self) -> bool {
        matches!(self, Self::Online | Self::Either)
    }
}

/// Who learns from whom in a request, seen from the one who asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    /// The asker wants to learn from the other (the other is the mentor).
    Learn,
    /// The asker offers to be the other's mentor.
    Offer,
}

impl Direction {
    pub const ALL: [Self; 2] = [Self::Learn, Self::Offer];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Learn => "learn",
            Self::Offer => "offer",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.as_str() == raw.trim())
    }

    /// Whether someone with role `asker` may ask in this direction someone with
    /// role `asked`: the mentor must offer and the mentee must ask.
    pub fn fits(self, asker: Role, asked: Role) -> bool {
        match self {
            Self::Learn => asker.asks() && asked.offers(),
            Self::Offer => asker.offers() && asked.asks(),
        }
    }

    /// (mentor, mentee) of a request by `asker` to `asked`.
    pub fn mentor_mentee<T>(self, asker: T, asked: T) -> (T, T) {
        match self {
            Self::Learn => (asked, asker),
            Self::Offer => (asker, asked),
        }
    }
}

/// Whether a pair is reverse mentoring: the mentor has fewer years in the field than
/// the mentee (the junior teaches the senior).
pub fn is_reverse(mentor_years: u32, mentee_years: u32) -> bool {
    mentor_years < mentee_years
}

/// What an account is to one programme, strongest first. A coordinator reaches their
/// own programme only; an organiser of the programme's organisation and an admin
/// reach it too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProgrammeRole {
    Admin,
    Organiser,
    Coordinator,
}

impl ProgrammeRole {
    /// The role of `roles` on a programme of `organisation_id`, given whether the
    /// account is one of its coordinators; `None`: no access (404).
    pub fn of(roles: &Roles, organisation_id: i64, coordinator: bool) -> Option<Self> {
        if roles.admin {
            Some(Self::Admin)
        } else if roles.manages(organisation_id) {
            Some(Self::Organiser)
        } else if coordinator {
            Some(Self::Coordinator)
        } else {
            None
        }
    }

    /// Whether this role may name coordinators (a coordinator may not name others).
    pub fn may_appoint(self) -> bool {
        matches!(self, Self::Admin | Self::Organiser)
    }
}

/// Names as a Dutch or English list: "A", "A en B", "A, B en C" (`and`: the word).
pub fn join_names(names: &[&str], and: &str) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} {and} {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_and_directions_read_back_and_fit_both_ways() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        for m in Meeting::ALL {
            assert_eq!(Meeting::parse(m.as_str()), Some(m));
        }
        for d in Direction::ALL {
            assert_eq!(Direction::parse(d.as_str()), Some(d));
        }
        assert_eq!(Role::parse("senior"), None);
        // A mentee asks a mentor to learn, never to be their mentor.
        assert!(Direction::Learn.fits(Role::Mentee, Role::Mentor));
        assert!(!Direction::Offer.fits(Role::Mentee, Role::Mentor));
        assert!(Direction::Offer.fits(Role::Both, Role::Both));
        assert!(!Direction::Learn.fits(Role::Mentor, Role::Both));
        assert_eq!(Direction::Learn.mentor_mentee("ik", "jij"), ("jij", "ik"));
        assert_eq!(Direction::Offer.mentor_mentee("ik", "jij"), ("ik", "jij"));
    }

    #[test]
    fn a_junior_mentoring_a_senior_is_reverse() {
        assert!(is_reverse(2, 22));
        assert!(!is_reverse(22, 2));
        assert!(!is_reverse(5, 5));
    }

    #[test]
    fn a_coordinator_reaches_their_programme_and_an_organiser_their_organisations() {
        let participant = Roles::default();
        assert_eq!(ProgrammeRole::of(&participant, 1, false), None);
        let coordinator = ProgrammeRole::of(&participant, 1, true).unwrap();
        assert_eq!(coordinator, ProgrammeRole::Coordinator);
        assert!(!coordinator.may_appoint());
        let organiser = Roles {
            organiser_of: vec![1],
            ..Roles::default()
        };
        assert_eq!(
            ProgrammeRole::of(&organiser, 1, false),
            Some(ProgrammeRole::Organiser)
        );
        assert_eq!(ProgrammeRole::of(&organiser, 2, false), None);
        let admin = Roles {
            admin: true,
            ..Roles::default()
        };
        assert_eq!(
            ProgrammeRole::of(&admin, 9, false),
            Some(ProgrammeRole::Admin)
        );
    }

    #[test]
    fn names_join_as_people_write_them() {
        assert_eq!(join_names(&[], "en"), "");
        assert_eq!(join_names(&["A"], "en"), "A");
        assert_eq!(join_names(&["A", "B"], "en"), "A en B");
        assert_eq!(join_names(&["A", "B", "C"], "and"), "A, B and C");
    }
}
