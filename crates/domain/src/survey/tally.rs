//! Results of a round: votes per theme, and per role, region and experience band.
//!
//! Each breakdown counts the options of one question on its own (how many voters
//! with role X chose theme T), never combinations of answers — Decidim's survey
//! charts counted option combinations, so a voter with two answers landed in a bar
//! of their own (decidim#16421). A cell with fewer than [`THRESHOLD`] voters (but
//! more than none) is not shown, so nobody in a small group can be picked out.

use std::collections::BTreeMap;

/// The fewest voters a group of one theme must have before its number is shown.
pub const THRESHOLD: u32 = 5;

/// The questions a breakdown can follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Dimension {
    Role,
    Region,
    Band,
}

impl Dimension {
    pub const ALL: [Self; 3] = [Self::Role, Self::Region, Self::Band];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Role => "role",
            Self::Region => "region",
            Self::Band => "band",
        }
    }
}

/// The group key of voters who left a question open.
pub const UNANSWERED: &str = "";

/// One counted line from storage: how many distinct voters in `group` (a stored
/// answer; [`UNANSWERED`] when none) voted for `proposal`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupCount {
    pub proposal: i64,
    pub group: String,
    pub voters: u32,
}

/// A theme's total.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Theme {
    pub proposal: i64,
    pub title: String,
    pub voters: u32,
    pub chosen: bool,
}

/// A cell of a breakdown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    Shown(u32),
    /// Fewer than [`THRESHOLD`] voters (at least one): not shown.
    TooFew,
}

impl Cell {
    pub fn of(voters: u32) -> Self {
        if voters == 0 || voters >= THRESHOLD {
            Self::Shown(voters)
        } else {
            Self::TooFew
        }
    }
}

/// One question's breakdown: the groups (columns, in `order`), and per theme a row
/// of cells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Breakdown {
    pub dimension: Dimension,
    pub groups: Vec<String>,
    pub rows: Vec<(i64, Vec<Cell>)>,
    /// Votes cast by each group over all themes, with the same threshold.
    pub totals: Vec<Cell>,
}

/// Themes with the most voters first (ties by title), and the three breakdowns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tally {
    pub themes: Vec<Theme>,
    /// Distinct voters in the round.
    pub voters: u32,
    pub breakdowns: Vec<Breakdown>,
}

/// Builds the results. `counts` per dimension; `order` per dimension lists every
/// group that may appear, in the order to show (groups with no votes at all are
/// left out, the unanswered group goes last).
pub fn tally(
    mut themes: Vec<Theme>,
    voters: u32,
    counts: &[(Dimension, Vec<GroupCount>)],
    order: impl Fn(Dimension) -> Vec<String>,
) -> Tally {
    themes.sort_by(|a, b| b.voters.cmp(&a.voters).then_with(|| a.title.cmp(&b.title)));
    let breakdowns = counts
        .iter()
        .map(|(dimension, lines)| {
            let mut cells: BTreeMap<(i64, &str), u32> = BTreeMap::new();
            for line in lines {
                *cells
                    .entry((line.proposal, line.group.as_str()))
                    .or_default() += line.voters;
            }
            let present = |g: &str| lines.iter().any(|l| l.group == g && l.voters > 0);
            let mut groups: Vec<String> = order(*dimension)
                .into_iter()
                .filter(|g| present(g))
                .collect();
            if present(UNANSWERED) {
                groups.push(UNANSWERED.to_owned());
            }
            let rows = themes
                .iter()
                .map(|t| {
                    let row = groups
                        .iter()
                        .map(|g| {
                            Cell::of(cells.get(&(t.proposal, g.as_str())).copied().unwrap_or(0))
                        })
                        .collect();
                    (t.proposal, row)
                })
                .collect();
            let totals = groups
                .iter()
                .map(|g| {
                    Cell::of(
                        lines
                            .iter()
                            .filter(|l| {
                                l.group == *g && themes.iter().any(|t| t.proposal == l.proposal)
                            })
                            .map(|l| l.voters)
                            .sum(),
                    )
                })
                .collect();
            Breakdown {
                dimension: *dimension,
                groups,
                rows,
                totals,
            }
        })
        .collect();
    Tally {
        themes,
        voters,
        breakdowns,
    }
}

/// The proposal a vote for `id` counts for now: merges followed to the end
/// (`merged_into` maps a merged proposal to the one it went into). A loop, which
/// storage never writes, ends at the proposal where it would repeat.
pub fn resolve(id: i64, merged_into: &BTreeMap<i64, i64>) -> i64 {
    let mut current = id;
    let mut seen = vec![id];
    while let Some(next) = merged_into.get(&current) {
        if seen.contains(next) {
            break;
        }
        seen.push(*next);
        current = *next;
    }
    current
}

/// Voters per proposal from (voter, proposal) pairs after merges: a voter who voted
/// for two proposals that were merged counts once for the one they became.
pub fn voters_per_proposal(
    votes: &[(i64, i64)],
    merged_into: &BTreeMap<i64, i64>,
) -> BTreeMap<i64, u32> {
    let mut pairs: Vec<(i64, i64)> = votes
        .iter()
        .map(|(voter, proposal)| (resolve(*proposal, merged_into), *voter))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let mut out = BTreeMap::new();
    for (proposal, _) in pairs {
        *out.entry(proposal).or_default() += 1;
    }
    out
}
