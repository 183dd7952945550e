//! Learning time and the professional registers (issue 16): how much of a session's
//! program counts as learning ([`time`]), points in half points ([`Points`]), the
//! registers as data with their number format ([`register`]), what an activity is
//! worth per register ([`credit`]), and the list an organiser pastes into PE-online
//! ([`pe_online`]).

pub mod credit;
pub mod form;
pub mod pe_online;
pub mod record;
pub mod register;
pub mod time;

pub use credit::{
    AccreditationCredit, ActivityCredit, SessionAccreditation, SessionCredit, SessionProgram,
    StoredAccreditation,
};
pub use form::{AccreditationInput, SessionInput, ValidAccreditation};
pub use register::{Category, NumberFormat, Register};
pub use time::{LearningProblem, ProgramSlot, counts_by_kind, net_minutes};

use serde::Serialize;

/// Points in half points: one hour of net learning is one point, and registers
/// round to half points. Stored as the number of halves (`points_halves`), so
/// 2.5 points is `Points(5)`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Points(pub u32);

/// The most points an organiser may set by hand for one accreditation (1,000).
pub const MAX_HALVES: u32 = 2000;

impl Points {
    /// Points for `minutes` of net learning: one per hour, rounded **down** to half
    /// points, so 89 minutes is 1 point and 90 minutes 1.5 (a register never grants
    /// more than was followed).
    pub fn from_minutes(minutes: u32) -> Self {
        Self(minutes / 30)
    }

    pub fn halves(self) -> u32 {
        self.0
    }

    /// "2,5" in Dutch, "2.5" in English; whole points without decimals ("3").
    pub fn display(self, lang: &str) -> String {
        let whole = self.0 / 2;
        if self.0.is_multiple_of(2) {
            whole.to_string()
        } else if lang == "en" {
            format!("{whole}.5")
        } else {
            format!("{whole},5")
        }
    }

    /// Points as typed: "2", "2,5", "2.5"; whole or half points from 0 to 1,000.
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let value = raw.trim();
        let (whole, fraction) = match value.split_once([',', '.']) {
            Some((whole, fraction)) => (whole, fraction.trim_end_matches('0')),
            None => (value, ""),
        };
        if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) || whole.len() > 4 {
            return Err("learning-error-points");
        }
        let whole: u32 = whole.parse().map_err(|_| "learning-error-points")?;
        let half = match fraction {
            "" => 0,
            "5" => 1,
            _ => return Err("learning-error-points-half"),
        };
        let halves = whole * 2 + half;
        if halves > MAX_HALVES {
            return Err("learning-error-points");
        }
        Ok(Self(halves))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_round_down_to_half_points() {
        assert_eq!(Points::from_minutes(0), Points(0));
        assert_eq!(Points::from_minutes(29), Points(0));
        assert_eq!(Points::from_minutes(30), Points(1));
        assert_eq!(Points::from_minutes(89), Points(2));
        assert_eq!(Points::from_minutes(150), Points(5));
        assert_eq!(Points::from_minutes(179), Points(5));
    }

    #[test]
    fn points_read_and_show_in_dutch_and_english() {
        assert_eq!(Points::parse("2,5"), Ok(Points(5)));
        assert_eq!(Points::parse(" 2.5 "), Ok(Points(5)));
        assert_eq!(Points::parse("3"), Ok(Points(6)));
        assert_eq!(Points::parse("3,0"), Ok(Points(6)));
        assert_eq!(Points::parse("0"), Ok(Points(0)));
        assert_eq!(Points::parse("1000"), Ok(Points(2000)));
        assert_eq!(Points::parse("2,25"), Err("learning-error-points-half"));
        assert_eq!(Points::parse("-1"), Err("learning-error-points"));
        assert_eq!(Points::parse("1001"), Err("learning-error-points"));
        assert_eq!(Points::parse(""), Err("learning-error-points"));
        assert_eq!(Points::parse("twee"), Err("learning-error-points"));
        assert_eq!(Points(5).display("nl"), "2,5");
        assert_eq!(Points(5).display("en"), "2.5");
        assert_eq!(Points(6).display("nl"), "3");
    }
}
