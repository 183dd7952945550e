//! Net learning time of one session, from its program: each item runs from its
//! start to the next item's start (the last one to the session's end) and counts
//! by its kind — talks, presentations, dialogue tables, the plenary close and other
//! items do; walk-in, welcome, breaks, drinks and the end do not — unless the
//! organiser said otherwise for that item. A program that cannot be measured says
//! why ([`LearningProblem`]): its points are then 0, said clearly.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::activity::ProgramItemKind;

/// Whether an item of this kind counts as learning time when the organiser did
/// not choose (`counts_for_learning` NULL).
pub fn counts_by_kind(kind: ProgramItemKind) -> bool {
    use ProgramItemKind::*;
    match kind {
        WalkIn | Opening | Break | Drinks | End => false,
        Talk | Presentations | Dialogue | PlenaryClose | Other => true,
    }
}

/// One program item as the calculation needs it, in program order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProgramSlot {
    pub starts_at: Option<DateTime<Utc>>,
    pub kind: ProgramItemKind,
    /// The organiser's choice; `None`: by kind.
    pub counts: Option<bool>,
}

impl ProgramSlot {
    pub fn counts(&self) -> bool {
        self.counts.unwrap_or_else(|| counts_by_kind(self.kind))
    }
}

/// Why a session's net learning time cannot be given (its points are 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LearningProblem {
    /// The session has no program.
    NoProgram,
    /// At least one item has no time ("globaal programma").
    UntimedItems,
    /// Two items start at the same moment or out of order.
    Overlap,
    /// An item starts before the session or after its end.
    OutsideSession,
    /// Nothing in the program counts as learning.
    NoNetTime,
}

impl LearningProblem {
    /// The catalog key of the explanation shown on pages.
    pub fn message(self) -> &'static str {
        match self {
            Self::NoProgram => "learning-problem-no-program",
            Self::UntimedItems => "learning-problem-untimed",
            Self::Overlap => "learning-problem-overlap",
            Self::OutsideSession => "learning-problem-outside",
            Self::NoNetTime => "learning-problem-no-net-time",
        }
    }
}

/// Net learning minutes of a session from `starts_at` to `ends_at` with `items` in
/// program order.
pub fn net_minutes(
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    items: &[ProgramSlot],
) -> Result<u32, LearningProblem> {
    if items.is_empty() {
        return Err(LearningProblem::NoProgram);
    }
    let mut times = Vec::with_capacity(items.len());
    for item in items {
        times.push(item.starts_at.ok_or(LearningProblem::UntimedItems)?);
    }
    if times.iter().any(|&at| at < starts_at || at > ends_at) {
        return Err(LearningProblem::OutsideSession);
    }
    if times.windows(2).any(|pair| pair[1] <= pair[0]) {
        return Err(LearningProblem::Overlap);
    }
    let mut total: i64 = 0;
    for (i, item) in items.iter().enumerate() {
        let until = times.get(i + 1).copied().unwrap_or(ends_at);
        if item.counts() {
            total += (until - times[i]).num_minutes();
        }
    }
    match u32::try_from(total) {
        Ok(0) | Err(_) => Err(LearningProblem::NoNetTime),
        Ok(minutes) => Ok(minutes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ProgramItemKind::*;
    use chrono::TimeZone;

    fn at(hour: u32, minute: u32) -> DateTime<Utc> {
        // A winter day: Dutch time is UTC+1; the calculation only needs order.
        Utc.with_ymd_and_hms(2026, 12, 8, hour - 1, minute, 0)
            .unwrap()
    }

    fn slot(hour: u32, minute: u32, kind: ProgramItemKind) -> ProgramSlot {
        ProgramSlot {
            starts_at: Some(at(hour, minute)),
            kind,
            counts: None,
        }
    }

    #[test]
    fn the_dentists_morning_is_two_and_a_half_points() {
        // 9:00–13:30: welcome 30 minutes, talk 9:30–10:30, break 30 minutes, talk
        // 11:00–12:30, lunch until the end.
        let items = [
            slot(9, 0, Opening),
            slot(9, 30, Talk),
            slot(10, 30, Break),
            slot(11, 0, Talk),
            slot(12, 30, Break),
        ];
        let minutes = net_minutes(at(9, 0), at(13, 30), &items).unwrap();
        assert_eq!(minutes, 150);
        assert_eq!(
            super::super::Points::from_minutes(minutes).display("nl"),
            "2,5"
        );
    }

    /// The seed café "Blik op samenlevingsopbouw", 13.30–18.00, with times filled
    /// in for the items the seed page leaves untimed.
    fn cafe(times: bool) -> Vec<ProgramSlot> {
        let timed = |h, m, kind| ProgramSlot {
            starts_at: times.then(|| at(h, m)),
            kind,
            counts: None,
        };
        vec![
            slot(13, 30, WalkIn),
            slot(14, 0, Opening),
            timed(14, 10, Talk),
            timed(14, 40, Talk),
            timed(15, 10, Break),
            timed(15, 25, Presentations),
            timed(16, 0, Break),
            timed(16, 10, Dialogue),
            timed(16, 45, PlenaryClose),
            slot(17, 0, Drinks),
            slot(18, 0, End),
        ]
    }

    #[test]
    fn the_seed_cafe_counts_its_talks_and_tables_but_not_walk_in_breaks_or_drinks() {
        // 14:10–15:10 talks (60) + 15:25–16:00 presentations (35) + 16:10–17:00
        // dialogue and close (50) = 145 minutes: 2 points, rounded down.
        let minutes = net_minutes(at(13, 30), at(18, 0), &cafe(true)).unwrap();
        assert_eq!(minutes, 145);
        assert_eq!(
            super::super::Points::from_minutes(minutes).display("nl"),
            "2"
        );
        // As seeded, only walk-in, opening, drinks and end have a time.
        assert_eq!(
            net_minutes(at(13, 30), at(18, 0), &cafe(false)),
            Err(LearningProblem::UntimedItems)
        );
    }

    #[test]
    fn the_organiser_overrides_the_kind_per_item() {
        let mut items = cafe(true);
        // The welcome is a short talk after all; the second break is a walk.
        items[1].counts = Some(true);
        items[6].counts = Some(true);
        assert_eq!(
            net_minutes(at(13, 30), at(18, 0), &items),
            Ok(145 + 10 + 10)
        );
        items[2].counts = Some(false);
        assert_eq!(net_minutes(at(13, 30), at(18, 0), &items), Ok(165 - 30));
    }

    #[test]
    fn programs_that_cannot_be_measured_say_why() {
        assert_eq!(
            net_minutes(at(9, 0), at(12, 0), &[]),
            Err(LearningProblem::NoProgram)
        );
        let overlap = [slot(9, 0, Talk), slot(9, 0, Talk)];
        assert_eq!(
            net_minutes(at(9, 0), at(12, 0), &overlap),
            Err(LearningProblem::Overlap)
        );
        let backwards = [slot(10, 0, Talk), slot(9, 30, Talk)];
        assert_eq!(
            net_minutes(at(9, 0), at(12, 0), &backwards),
            Err(LearningProblem::Overlap)
        );
        let early = [slot(8, 30, Talk)];
        assert_eq!(
            net_minutes(at(9, 0), at(12, 0), &early),
            Err(LearningProblem::OutsideSession)
        );
        let late = [slot(9, 0, Talk), slot(12, 30, End)];
        assert_eq!(
            net_minutes(at(9, 0), at(12, 0), &late),
            Err(LearningProblem::OutsideSession)
        );
        let only_coffee = [slot(9, 0, WalkIn), slot(9, 30, Break), slot(11, 0, Drinks)];
        assert_eq!(
            net_minutes(at(9, 0), at(12, 0), &only_coffee),
            Err(LearningProblem::NoNetTime)
        );
        assert_eq!(
            LearningProblem::NoNetTime.message(),
            "learning-problem-no-net-time"
        );
    }

    #[test]
    fn an_item_that_starts_the_session_late_leaves_the_gap_uncounted() {
        // Nothing is planned 9:00–9:30: it does not count.
        let items = [slot(9, 30, Talk)];
        assert_eq!(net_minutes(at(9, 0), at(11, 0), &items), Ok(90));
    }

    #[test]
    fn every_kind_has_a_default() {
        let counting: Vec<_> = ProgramItemKind::ALL
            .into_iter()
            .filter(|k| counts_by_kind(*k))
            .collect();
        assert_eq!(
            counting,
            [Talk, Presentations, Dialogue, PlenaryClose, Other]
        );
    }
}
