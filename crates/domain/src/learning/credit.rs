//! What an activity is worth for learning: net minutes per session from its
//! program and, per register that accredited it, the ID number, category and
//! points — set by hand where the register granted a different number, otherwise
//! computed from the net time. Certificates and the learning record freeze these
//! values when they are issued or earned.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::Points;
use super::time::{LearningProblem, ProgramSlot, net_minutes};

/// One session with its program, in program order (what storage reads).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionProgram {
    pub session_id: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub items: Vec<ProgramSlot>,
}

/// One stored accreditation (what storage reads).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredAccreditation {
    pub id: i64,
    pub register_id: i64,
    pub register_slug: String,
    pub register_name: String,
    pub category_id: i64,
    pub category_slug: String,
    pub category_name: String,
    pub id_number: String,
    /// Set by hand; `None`: computed.
    pub points: Option<Points>,
    pub per_session: bool,
    /// `(session id, ID number, points set by hand)`, when per session.
    pub sessions: Vec<(i64, String, Option<Points>)>,
}

/// A session's net learning time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SessionCredit {
    pub session_id: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// 0 when there is a problem.
    pub net_minutes: u32,
    pub problem: Option<LearningProblem>,
}

impl SessionCredit {
    pub fn points(&self) -> Points {
        Points::from_minutes(self.net_minutes)
    }
}

/// A per-session accreditation of one session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SessionAccreditation {
    pub session_id: i64,
    pub id_number: String,
    pub points: Points,
    pub by_hand: bool,
}

/// An activity's accreditation by one register, with its points worked out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AccreditationCredit {
    pub id: i64,
    pub register_id: i64,
    pub register_slug: String,
    pub register_name: String,
    pub category_id: i64,
    pub category_slug: String,
    pub category_name: String,
    /// '' when per session (see `sessions`).
    pub id_number: String,
    /// The whole activity's points (per session: the sum of its sessions).
    pub points: Points,
    /// The points were set by the organiser, not computed.
    pub by_hand: bool,
    pub per_session: bool,
    pub sessions: Vec<SessionAccreditation>,
}

impl AccreditationCredit {
    /// The points for someone who attended `attended` (session ids): all of them
    /// for a whole accreditation when they attended any session, the accredited
    /// sessions they attended when per session.
    pub fn points_for(&self, attended: &[i64]) -> Points {
        if self.per_session {
            Points(
                self.sessions
                    .iter()
                    .filter(|s| attended.contains(&s.session_id))
                    .map(|s| s.points.0)
                    .sum(),
            )
        } else if attended.is_empty() {
            Points(0)
        } else {
            self.points
        }
    }
}

/// What an activity is worth: net learning time per session and per register.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ActivityCredit {
    /// The sum over sessions without a problem.
    pub net_minutes: u32,
    /// The first session's problem, if any (computed points are then 0).
    pub problem: Option<LearningProblem>,
    pub sessions: Vec<SessionCredit>,
    pub accreditations: Vec<AccreditationCredit>,
}

impl ActivityCredit {
    /// Works out the credit of an activity from its sessions' programs and its
    /// stored accreditations.
    pub fn compute(sessions: &[SessionProgram], accreditations: Vec<StoredAccreditation>) -> Self {
        let sessions: Vec<SessionCredit> = sessions
            .iter()
            .map(|s| {
                let net = net_minutes(s.starts_at, s.ends_at, &s.items);
                SessionCredit {
                    session_id: s.session_id,
                    starts_at: s.starts_at,
                    ends_at: s.ends_at,
                    net_minutes: net.unwrap_or(0),
                    problem: net.err(),
                }
            })
            .collect();
        let problem = if sessions.is_empty() {
            Some(LearningProblem::NoProgram)
        } else {
            sessions.iter().find_map(|s| s.problem)
        };
        let net: u32 = sessions.iter().map(|s| s.net_minutes).sum();
        let computed = if problem.is_some() {
            Points(0)
        } else {
            Points::from_minutes(net)
        };
        let accreditations = accreditations
            .into_iter()
            .map(|a| {
                let per_session: Vec<SessionAccreditation> = a
                    .sessions
                    .into_iter()
                    .map(|(session_id, id_number, points)| SessionAccreditation {
                        session_id,
                        id_number,
                        by_hand: points.is_some(),
                        points: points.unwrap_or_else(|| {
                            sessions
                                .iter()
                                .find(|s| s.session_id == session_id)
                                .map(SessionCredit::points)
                                .unwrap_or_default()
                        }),
                    })
                    .collect();
                let (points, by_hand) = if a.per_session {
                    (
                        Points(per_session.iter().map(|s| s.points.0).sum()),
                        per_session.iter().any(|s| s.by_hand),
                    )
                } else {
                    (a.points.unwrap_or(computed), a.points.is_some())
                };
                AccreditationCredit {
                    id: a.id,
                    register_id: a.register_id,
                    register_slug: a.register_slug,
                    register_name: a.register_name,
                    category_id: a.category_id,
                    category_slug: a.category_slug,
                    category_name: a.category_name,
                    id_number: a.id_number,
                    points,
                    by_hand,
                    per_session: a.per_session,
                    sessions: if a.per_session {
                        per_session
                    } else {
                        Vec::new()
                    },
                }
            })
            .collect();
        Self {
            net_minutes: if problem.is_some() { 0 } else { net },
            problem,
            sessions,
            accreditations,
        }
    }

    /// Points from the net time (0 when there is a problem).
    pub fn points(&self) -> Points {
        Points::from_minutes(self.net_minutes)
    }

    /// Whether there is anything to show on the activity's page: a program with
    /// times, or an accreditation.
    pub fn is_shown(&self) -> bool {
        self.problem.is_none() || !self.accreditations.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activity::ProgramItemKind::*;
    use chrono::TimeZone;

    fn at(hour: u32, minute: u32, day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, day, hour, minute, 0)
            .unwrap()
    }

    fn session(id: i64, day: u32, talk_minutes: u32) -> SessionProgram {
        SessionProgram {
            session_id: id,
            starts_at: at(9, 0, day),
            ends_at: at(12, 0, day),
            items: vec![
                ProgramSlot {
                    starts_at: Some(at(9, 0, day)),
                    kind: Talk,
                    counts: None,
                },
                ProgramSlot {
                    starts_at: Some(at(9, 0, day) + chrono::Duration::minutes(talk_minutes.into())),
                    kind: Break,
                    counts: None,
                },
            ],
        }
    }

    fn stored(per_session: bool, points: Option<Points>) -> StoredAccreditation {
        StoredAccreditation {
            id: 1,
            register_id: 1,
            register_slug: "register-sociaal-werker".into(),
            register_name: "Register Sociaal Werker".into(),
            category_id: 1,
            category_slug: "deskundigheidsbevordering".into(),
            category_name: "Geaccrediteerde deskundigheidsbevordering".into(),
            id_number: if per_session {
                String::new()
            } else {
                "12345".into()
            },
            points,
            per_session,
            sessions: if per_session {
                vec![
                    (10, "A-1".into(), None),
                    (11, "A-2".into(), Some(Points(6))),
                ]
            } else {
                Vec::new()
            },
        }
    }

    #[test]
    fn a_whole_accreditation_takes_the_computed_points_unless_set_by_hand() {
        let sessions = [session(10, 1, 90), session(11, 2, 60)];
        let credit = ActivityCredit::compute(&sessions, vec![stored(false, None)]);
        assert_eq!(credit.net_minutes, 150);
        assert_eq!(credit.accreditations[0].points, Points(5));
        assert!(!credit.accreditations[0].by_hand);
        assert_eq!(credit.accreditations[0].points_for(&[10]), Points(5));
        assert_eq!(credit.accreditations[0].points_for(&[]), Points(0));
        let credit = ActivityCredit::compute(&sessions, vec![stored(false, Some(Points(8)))]);
        assert_eq!(credit.accreditations[0].points, Points(8));
        assert!(credit.accreditations[0].by_hand);
    }

    #[test]
    fn per_session_points_are_per_session_and_add_up() {
        let sessions = [session(10, 1, 90), session(11, 2, 60)];
        let credit = ActivityCredit::compute(&sessions, vec![stored(true, None)]);
        let a = &credit.accreditations[0];
        assert_eq!(a.sessions[0].points, Points(3));
        assert_eq!(a.sessions[1].points, Points(6));
        assert_eq!(a.points, Points(9));
        assert_eq!(a.points_for(&[10]), Points(3));
        assert_eq!(a.points_for(&[10, 11]), Points(9));
    }

    #[test]
    fn a_problem_in_one_session_gives_zero_computed_points_and_says_so() {
        let mut untimed = session(11, 2, 60);
        untimed.items[1].starts_at = None;
        let credit =
            ActivityCredit::compute(&[session(10, 1, 90), untimed], vec![stored(false, None)]);
        assert_eq!(credit.problem, Some(LearningProblem::UntimedItems));
        assert_eq!(credit.net_minutes, 0);
        assert_eq!(credit.accreditations[0].points, Points(0));
        assert_eq!(credit.sessions[0].net_minutes, 90);
        assert!(credit.is_shown());
        let nothing = ActivityCredit::compute(&[], Vec::new());
        assert_eq!(nothing.problem, Some(LearningProblem::NoProgram));
        assert!(!nothing.is_shown());
    }
}
