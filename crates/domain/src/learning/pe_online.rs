//! The attendance list an organiser pastes into PE-online for a bulk entry: one
//! registration number a line, each preceded by `#` (PE-online's sign for "by
//! number"), per run of the activity or per session where it was accredited per
//! session. PE-online takes attendance up to two months after the activity's end.

use chrono::{Months, NaiveDate};

/// The text for PE-online: `#number` a line, each number once, in the order given
/// (the caller sorts), ending with a line break when not empty.
pub fn bulk_list<'a>(numbers: impl IntoIterator<Item = &'a str>) -> String {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = String::new();
    for number in numbers {
        if seen.insert(number) {
            out.push('#');
            out.push_str(number);
            out.push('\n');
        }
    }
    out
}

/// The last day attendance can be entered: two months after the (last) day of the
/// activity; the 31st of a shorter month becomes its last day.
pub fn deadline(last_day: NaiveDate) -> NaiveDate {
    last_day
        .checked_add_months(Months::new(2))
        .unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_hash_number_a_line_each_once() {
        assert_eq!(
            bulk_list(["4610000001", "4610000002", "4610000001"]),
            "#4610000001\n#4610000002\n"
        );
        assert_eq!(bulk_list([]), "");
    }

    #[test]
    fn the_deadline_is_two_months_after_the_end() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(deadline(day(2026, 12, 8)), day(2027, 2, 8));
        assert_eq!(deadline(day(2026, 12, 31)), day(2027, 2, 28));
    }
}
