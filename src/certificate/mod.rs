//! Certificates of attendance (*bewijs van deelname*): the values a certificate shows,
//! frozen when it is issued, and their renderings — the A4 PDF (`pdf`) and the words
//! both share (hours and points written the way each language writes numbers).

pub mod pdf;
pub mod record_pdf;

use chrono::NaiveDate;

use crate::i18n::Lang;

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
}
