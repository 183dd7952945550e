//! Suggestions for one person ([`suggest`]): among the profiles of a programme,
//! those who fit the direction asked (a mentor for someone who wants to learn, a
//! mentee for someone who offers), are open and under their own pair limit, and can
//! meet them (same region in person, or both online), ranked by the themes they
//! share, how they can meet, and the experience difference in the direction the
//! person prefers — more, less (reverse mentoring) or either. Each suggestion says
//! why ([`Reason`]), for the page to word.
//!
//! One pass over the candidates (theme sets are sorted id lists, merged in
//! O(themes)), then the best `limit` picked with a partial selection: O(n) for n
//! profiles. [`generated`] makes a programme of any size for the benchmark.

use std::cmp::Ordering;

use super::{Direction, Meeting, Role};

/// The person asking for suggestions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seeker {
    pub account_id: i64,
    pub role: Role,
    /// Sorted theme ids.
    pub themes: Vec<i64>,
    pub years: u32,
    pub region: String,
    pub meeting: Meeting,
}

/// One profile that might be suggested.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub account_id: i64,
    pub role: Role,
    /// Sorted theme ids.
    pub themes: Vec<i64>,
    pub years: u32,
    pub region: String,
    pub meeting: Meeting,
    /// Open to requests now.
    pub open: bool,
    /// Pairs they are in now, against the limit they set.
    pub active_pairs: u32,
    pub max_pairs: u32,
}

impl Candidate {
    /// Open and under their own limit.
    pub fn available(&self) -> bool {
        self.open && self.active_pairs < self.max_pairs
    }
}

/// Which experience the seeker looks for in the other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prefer {
    /// Someone with more years in the field.
    More,
    /// Someone with fewer years: a fresh view (reverse mentoring when learning).
    Less,
    /// Either; a larger difference in either direction ranks a little higher.
    Any,
}

impl Prefer {
    pub const ALL: [Self; 3] = [Self::Any, Self::More, Self::Less];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::More => "more",
            Self::Less => "less",
            Self::Any => "any",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == raw.trim())
    }
}

/// How two people can meet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// Both meet in person and name the same region.
    SameRegion,
    /// Both meet online.
    Online,
}

/// Why someone is suggested, for the page to word ("jullie delen … ; Anne werkt
/// 22 jaar in het vak").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    /// The theme ids both chose, sorted.
    pub shared: Vec<i64>,
    pub place: Place,
    /// The other's years in the field.
    pub years: u32,
    /// Their years minus the seeker's.
    pub difference: i64,
}

/// A suggestion: the candidate's index in the list given, its score and reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub index: usize,
    pub account_id: i64,
    pub score: u32,
    pub reason: Reason,
}

/// Points per shared theme: sharing themes weighs most.
const THEME: u32 = 100;
const SAME_REGION: u32 = 30;
const ONLINE: u32 = 20;
/// The experience bonus is the difference in years, up to this.
const MAX_EXPERIENCE: u32 = 20;

/// The ids in both sorted lists, by merging them.
pub fn shared_themes(a: &[i64], b: &[i64]) -> Vec<i64> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// A region as compared: trimmed, lower case.
fn region_key(region: &str) -> String {
    region.trim().to_lowercase()
}

/// How two can meet, same region in person first; `None`: they cannot.
fn place(a: Meeting, a_region: &str, b: Meeting, b_region: &str) -> Option<Place> {
    if a.in_person() && b.in_person() && a_region == b_region && !a_region.is_empty() {
        Some(Place::SameRegion)
    } else if a.online() && b.online() {
        Some(Place::Online)
    } else {
        None
    }
}

/// The experience bonus of a difference (their years minus the seeker's).
fn experience(prefer: Prefer, difference: i64) -> u32 {
    let capped = |d: i64| u32::try_from(d.clamp(0, i64::from(MAX_EXPERIENCE))).unwrap_or(0);
    match prefer {
        Prefer::More => capped(difference),
        Prefer::Less => capped(-difference),
        Prefer::Any => capped(difference.abs()) / 2,
    }
}

/// The best `limit` suggestions for `seeker` looking in `direction` (learn: a
/// mentor; offer: a mentee) with experience preference `prefer`, best first (ties:
/// the lower account id first, so the order is stable). Left out: the seeker, the
/// accounts in `exclude` (already asked or paired), anyone who does not fit the
/// direction, is not available, shares no theme, or cannot meet them.
pub fn suggest(
    seeker: &Seeker,
    direction: Direction,
    prefer: Prefer,
    candidates: &[Candidate],
    exclude: &[i64],
    limit: usize,
) -> Vec<Suggestion> {
    let own_region = region_key(&seeker.region);
    let mut found: Vec<Suggestion> = Vec::new();
    for (index, c) in candidates.iter().enumerate() {
        if c.account_id == seeker.account_id
            || !c.available()
            || !direction.fits(seeker.role, c.role)
            || exclude.contains(&c.account_id)
        {
            continue;
        }
        let shared = shared_themes(&seeker.themes, &c.themes);
        if shared.is_empty() {
            continue;
        }
        let Some(place) = place(
            seeker.meeting,
            &own_region,
            c.meeting,
            &region_key(&c.region),
        ) else {
            continue;
        };
        let difference = i64::from(c.years) - i64::from(seeker.years);
        let score = THEME * shared.len() as u32
            + match place {
                Place::SameRegion => SAME_REGION,
                Place::Online => ONLINE,
            }
            + experience(prefer, difference);
        found.push(Suggestion {
            index,
            account_id: c.account_id,
            score,
            reason: Reason {
                shared,
                place,
                years: c.years,
                difference,
            },
        });
    }
    let order = |a: &Suggestion, b: &Suggestion| {
        b.score.cmp(&a.score).then(a.account_id.cmp(&b.account_id))
    };
    if found.len() > limit && limit > 0 {
        found.select_nth_unstable_by(limit - 1, order);
        found.truncate(limit);
    }
    found.sort_unstable_by(order);
    found.truncate(limit);
    found
}

/// A programme of `n` generated profiles over `themes` themes and a handful of
/// regions (deterministic), and a seeker among them: what a benchmark of
/// [`suggest`] runs on.
pub fn generated(n: usize, themes: i64) -> (Seeker, Vec<Candidate>) {
    const REGIONS: [&str; 6] = [
        "Utrecht",
        "Rotterdam",
        "Zuid-Limburg",
        "Groningen",
        "Amsterdam",
        "Twente",
    ];
    let themes = themes.max(1);
    // A small linear congruential generator: the same programme every run.
    let mut state: u64 = 0x5eed;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        (state >> 33) as i64
    };
    let candidates: Vec<Candidate> = (0..n)
        .map(|i| {
            let mut own: Vec<i64> = (0..1 + next() % 4).map(|_| next() % themes).collect();
            own.sort_unstable();
            own.dedup();
            Candidate {
                account_id: i as i64 + 1,
                role: Role::ALL[(next() % 3) as usize],
                themes: own,
                years: (next() % 40) as u32,
                region: REGIONS[(next() % REGIONS.len() as i64) as usize].to_owned(),
                meeting: Meeting::ALL[(next() % 3) as usize],
                open: next() % 10 != 0,
                active_pairs: (next() % 3) as u32,
                max_pairs: 1 + (next() % 3) as u32,
            }
        })
        .collect();
    let seeker = Seeker {
        account_id: 0,
        role: Role::Both,
        themes: (0..themes.min(3)).collect(),
        years: 4,
        region: "Utrecht".into(),
        meeting: Meeting::Either,
    };
    (seeker, candidates)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(
        id: i64,
        role: Role,
        themes: &[i64],
        years: u32,
        region: &str,
        meeting: Meeting,
    ) -> Candidate {
        Candidate {
            account_id: id,
            role,
            themes: themes.to_vec(),
            years,
            region: region.into(),
            meeting,
            open: true,
            active_pairs: 0,
            max_pairs: 2,
        }
    }

    fn seeker(role: Role, years: u32) -> Seeker {
        Seeker {
            account_id: 1,
            role,
            themes: vec![1, 2, 3],
            years,
            region: "Utrecht".into(),
            meeting: Meeting::InPerson,
        }
    }

    fn ids(found: &[Suggestion]) -> Vec<i64> {
        found.iter().map(|s| s.account_id).collect()
    }

    #[test]
    fn more_shared_themes_rank_first_with_the_reason() {
        let list = [
            person(2, Role::Mentor, &[1], 10, "Utrecht", Meeting::InPerson),
            person(3, Role::Mentor, &[1, 2], 22, "utrecht ", Meeting::Either),
            person(4, Role::Mentor, &[7], 30, "Utrecht", Meeting::InPerson),
        ];
        let found = suggest(
            &seeker(Role::Mentee, 2),
            Direction::Learn,
            Prefer::Any,
            &list,
            &[],
            10,
        );
        assert_eq!(ids(&found), vec![3, 2], "no shared theme: not suggested");
        assert_eq!(
            found[0].reason,
            Reason {
                shared: vec![1, 2],
                place: Place::SameRegion,
                years: 22,
                difference: 20
            }
        );
    }

    #[test]
    fn a_senior_who_wants_a_fresh_view_gets_juniors_first() {
        let list = [
            person(2, Role::Both, &[1], 30, "Utrecht", Meeting::InPerson),
            person(3, Role::Mentor, &[1], 1, "Utrecht", Meeting::InPerson),
        ];
        let senior = seeker(Role::Mentee, 25);
        let reverse = suggest(&senior, Direction::Learn, Prefer::Less, &list, &[], 10);
        assert_eq!(ids(&reverse), vec![3, 2], "the junior teaches the senior");
        assert!(reverse[0].reason.difference < 0);
        let classic = suggest(&senior, Direction::Learn, Prefer::More, &list, &[], 10);
        assert_eq!(ids(&classic), vec![2, 3]);
        // A junior offers to a senior: offering looks for mentees.
        let junior = seeker(Role::Mentor, 1);
        let list = [
            person(4, Role::Mentee, &[2], 28, "Utrecht", Meeting::InPerson),
            person(5, Role::Mentor, &[2], 28, "Utrecht", Meeting::InPerson),
        ];
        let offered = suggest(&junior, Direction::Offer, Prefer::More, &list, &[], 10);
        assert_eq!(
            ids(&offered),
            vec![4],
            "a mentor-only profile is not a mentee"
        );
        assert!(suggest(&junior, Direction::Learn, Prefer::Any, &list, &[], 10).is_empty());
    }

    #[test]
    fn the_unavailable_the_excluded_and_the_unreachable_are_left_out() {
        let mut full = person(2, Role::Mentor, &[1], 10, "Utrecht", Meeting::InPerson);
        full.active_pairs = 2;
        let mut resting = person(3, Role::Mentor, &[1], 10, "Utrecht", Meeting::InPerson);
        resting.open = false;
        let far = person(4, Role::Mentor, &[1], 10, "Groningen", Meeting::InPerson);
        let far_online = person(5, Role::Mentor, &[1], 10, "Groningen", Meeting::Either);
        let asked = person(6, Role::Mentor, &[1], 10, "Utrecht", Meeting::InPerson);
        let me = person(1, Role::Both, &[1], 10, "Utrecht", Meeting::InPerson);
        let list = [full, resting, far, far_online, asked, me];
        let mut s = seeker(Role::Mentee, 2);
        let found = suggest(&s, Direction::Learn, Prefer::Any, &list, &[6], 10);
        assert!(found.is_empty(), "{found:?}");
        s.meeting = Meeting::Either;
        let found = suggest(&s, Direction::Learn, Prefer::Any, &list, &[6], 10);
        assert_eq!(ids(&found), vec![5]);
        assert_eq!(found[0].reason.place, Place::Online);
    }

    #[test]
    fn the_limit_keeps_the_best_in_a_stable_order() {
        let list: Vec<Candidate> = (2..40)
            .map(|id| {
                person(
                    id,
                    Role::Mentor,
                    &[1, 2, 3][..1 + (id % 3) as usize],
                    10,
                    "Utrecht",
                    Meeting::InPerson,
                )
            })
            .collect();
        let all = suggest(
            &seeker(Role::Mentee, 2),
            Direction::Learn,
            Prefer::Any,
            &list,
            &[],
            100,
        );
        let top = suggest(
            &seeker(Role::Mentee, 2),
            Direction::Learn,
            Prefer::Any,
            &list,
            &[],
            5,
        );
        assert_eq!(top, all[..5].to_vec());
        assert!(all.windows(2).all(|w| w[0].score > w[1].score
            || (w[0].score == w[1].score && w[0].account_id < w[1].account_id)));
        assert!(
            suggest(
                &seeker(Role::Mentee, 2),
                Direction::Learn,
                Prefer::Any,
                &list,
                &[],
                0
            )
            .is_empty()
        );
    }

    #[test]
    fn five_thousand_generated_profiles_are_ranked_quickly() {
        let (seeker, list) = generated(5_000, 12);
        assert_eq!(list.len(), 5_000);
        assert_eq!(generated(5_000, 12).1, list, "deterministic");
        let start = std::time::Instant::now();
        let found = suggest(&seeker, Direction::Learn, Prefer::Any, &list, &[], 10);
        let took = start.elapsed();
        assert_eq!(found.len(), 10);
        assert!(found.iter().all(|s| list[s.index].available()));
        // A generous bound (debug build, shared machine); the benchmark measures.
        assert!(took.as_millis() < 500, "{took:?}");
    }
}
