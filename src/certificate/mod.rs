//! Certificates of attendance (*bewijs van deelname*): the values a certificate shows,
//! frozen when it is issued, and their renderings — the A4 PDF (`pdf`) and the words
//! both share (hours and points written the way each language writes numbers).

pub mod pdf;
pub mod record_pdf;

use chrono::NaiveDate;

use crate::i18n::Lang;
use crate::time::Timestamp;

/// What one certificate says, exactly as it was frozen at issue. Rendering reads
/// nothing else: a later change to the program or the activity does not reach it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub lang: Lang,
    /// The person's name; "geanonimiseerd" once the registration was anonymised.
    pub name: String,
    pub activity: String,
    /// The days the activity met, in order.
    pub dates: Vec<NaiveDate>,
    /// Net learning time in minutes (breaks, reception and drinks do not count).
    pub net_minutes: u32,
    /// Accreditation per register; empty when the activity has none.
    pub registers: Vec<RegisterLine>,
    pub organiser: String,
    /// Who signs for the organiser (a name, or the organisation's contact).
    pub signatory: String,
    pub issued_on: NaiveDate,
    /// The certificate's public number, also the last part of `verify_url`.
    pub code: String,
    /// Where anyone holding the certificate can check it (printed and as QR code).
    pub verify_url: String,
}

/// One register's accreditation of the activity, as printed on the certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegisterLine {
    pub register: String,
    /// The ID number the professional enters in their register's dossier.
    pub id_number: String,
    pub category: String,
    /// Points in tenths (25 is 2,5 points), so half points stay exact.
    pub points_tenths: u32,
}

/// Minutes as hours with at most two decimals and the language's decimal mark:
/// 150 → "2,5" / "2.5", 180 → "3", 100 → "1,67".
pub fn hours(lang: Lang, minutes: u32) -> String {
    // Hundredths of an hour, rounded half up.
    let hundredths = (u64::from(minutes) * 100 + 30) / 60;
    decimal(lang, hundredths, 100)
}

/// Points in tenths as a number: 25 → "2,5" / "2.5", 30 → "3".
pub fn points(lang: Lang, tenths: u32) -> String {
    decimal(lang, u64::from(tenths), 10)
}

/// `value / scale` without trailing zeros, with the language's decimal mark.
fn decimal(lang: Lang, value: u64, scale: u64) -> String {
    let whole = value / scale;
    let rest = value % scale;
    if rest == 0 {
        return whole.to_string();
    }
    let width = scale.ilog10() as usize;
    let digits = format!("{rest:0width$}");
    let mark = match lang {
        Lang::Nl => ',',
        Lang::En => '.',
    };
    format!("{whole}{mark}{}", digits.trim_end_matches('0'))
}

/// The days as one line: "8 december 2026" or "8 december 2026, 15 december 2026".
pub fn dates(lang: Lang, days: &[NaiveDate]) -> String {
    days.iter()
        .map(|day| lang.day(*day))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether a program item of this kind is learning time: talks, presentations,
/// dialogue tables, the plenary close and other items count; walk-in, welcome,
/// breaks, drinks and the end do not.
pub fn counts(kind: &str) -> bool {
    !matches!(kind, "walk_in" | "opening" | "break" | "drinks" | "end")
}

/// Net learning minutes of one session from its program: each timed item lasts
/// until the next timed item (the last one until the session ends), and only the
/// items that [`counts`] add up. A session without a timed program counts whole.
pub fn net_minutes(
    starts: Timestamp,
    ends: Timestamp,
    program: &[(Option<Timestamp>, &str)],
) -> u32 {
    let timed: Vec<(Timestamp, &str)> = program
        .iter()
        .filter_map(|(at, kind)| at.map(|at| (at.clamp(starts, ends), *kind)))
        .collect();
    let minutes = |from: Timestamp, to: Timestamp| {
        u32::try_from((to - from).num_minutes().max(0)).unwrap_or(0)
    };
    if timed.is_empty() {
        return minutes(starts, ends);
    }
    timed
        .iter()
        .enumerate()
        .filter(|(_, (_, kind))| counts(kind))
        .map(|(i, (at, _))| {
            let until = timed.get(i + 1).map_or(ends, |(next, _)| *next);
            minutes(*at, until.max(*at))
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_and_points_read_as_each_language_writes_numbers() {
        assert_eq!(hours(Lang::Nl, 150), "2,5");
        assert_eq!(hours(Lang::En, 150), "2.5");
        assert_eq!(hours(Lang::Nl, 180), "3");
        assert_eq!(hours(Lang::Nl, 100), "1,67");
        assert_eq!(hours(Lang::Nl, 0), "0");
        assert_eq!(points(Lang::Nl, 25), "2,5");
        assert_eq!(points(Lang::En, 30), "3");
        assert_eq!(points(Lang::En, 5), "0.5");
    }

    #[test]
    fn a_cafe_afternoon_counts_its_talks_and_tables_not_its_breaks() {
        use chrono::TimeZone;
        let at = |h: u32, m: u32| chrono::Utc.with_ymd_and_hms(2026, 12, 8, h, m, 0).unwrap();
        // 13.30 inloop, 14.00 talk, 15.00 pauze, 15.30 dialogue, 17.00 borrel, 18.00 end.
        let program = [
            (Some(at(13, 30)), "walk_in"),
            (Some(at(14, 0)), "talk"),
            (Some(at(15, 0)), "break"),
            (Some(at(15, 30)), "dialogue"),
            (Some(at(17, 0)), "drinks"),
        ];
        assert_eq!(net_minutes(at(13, 30), at(18, 0), &program), 150);
        // No times in the program: the whole session.
        assert_eq!(net_minutes(at(13, 30), at(18, 0), &[(None, "talk")]), 270);
        // Only breaks: nothing counts.
        assert_eq!(
            net_minutes(at(13, 30), at(18, 0), &[(Some(at(13, 30)), "break")]),
            0
        );
    }
}
