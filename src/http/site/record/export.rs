//! Mijn leerdossier downloaded: CSV (semicolons and a byte-order mark for Dutch
//! Excel, one row per entry with per configured register its points, category and
//! ID number) and PDF (the totals of the registers shown and every entry; see
//! [`crate::certificate::record_pdf`]). Both are the signed-in person's own and
//! never cached.

use axum::extract::{Extension, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::{credit_line, hours_text, shown_registers, totals};
use crate::certificate::record_pdf::{RecordDocument, render};
use crate::db::learning::record::CountedRow;
use crate::export::{Cell, Table, csv_bytes};
use crate::http::AppState;
use crate::http::error::PageError;
use crate::http::kit::headers::private;
use crate::http::site::auth::Signed;
use crate::i18n::Lang;

fn download(bytes: Vec<u8>, content_type: &'static str, name: &str) -> Result<Response, PageError> {
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
            .map_err(|e| PageError::Internal(e.into()))?,
    );
    Ok(private(response))
}

pub(super) async fn csv(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
) -> Result<Response, PageError> {
    let (registers, mut rows) =
        tokio::try_join!(state.registers(), state.db.record_of(signed.account.id),)?;
    state.note_changes(&mut rows).await?;
    let mut header: Vec<String> = [
        "record-csv-date",
        "record-csv-kind",
        "record-csv-title",
        "record-csv-provider",
        "record-csv-hours",
    ]
    .iter()
    .map(|k| lang.t(k))
    .collect();
    for r in registers.iter() {
        for key in ["record-csv-points", "record-csv-category", "record-csv-id"] {
            header.push(lang.t1(key, "register", r.name.as_str()));
        }
    }
    header.extend(
        [
            "record-csv-changed",
            "record-csv-evidence",
            "record-csv-certificate",
        ]
        .iter()
        .map(|k| lang.t(k)),
    );
    let base = state.settings.base_url();
    let table_rows = rows
        .iter()
        .map(|row| {
            let credits = &row.credits;
            let mut cells: Vec<Cell> = vec![
                row.held_on.format("%d-%m-%Y").to_string().into(),
                lang.t(&format!("record-kind-{}", row.kind)).into(),
                row.title.clone().into(),
                row.provider.clone().into(),
                crate::certificate::hours(lang, row.minutes()).into(),
            ];
            for r in registers.iter() {
                match credits.iter().find(|c| c.register_id == r.id) {
                    Some(c) => {
                        cells.push(c.points().display(lang.code()).into());
                        cells.push(c.category.clone().into());
                        cells.push(c.id_number.clone().into());
                    }
                    None => cells.extend((0..3).map(|_| Cell::Text(String::new()))),
                }
            }
            cells.push(
                if row.changed_since {
                    lang.t("record-csv-yes")
                } else {
                    String::new()
                }
                .into(),
            );
            cells.push(
                if row.evidence_name.is_empty() {
                    row.evidence_url.clone()
                } else {
                    row.evidence_name.clone()
                }
                .into(),
            );
            cells.push(
                row.certificate
                    .as_ref()
                    .map(|id| format!("{base}/certificaat/{id}"))
                    .unwrap_or_default()
                    .into(),
            );
            cells
        })
        .collect();
    let table = Table {
        header,
        rows: table_rows,
    };
    download(
        csv_bytes(&table)?,
        "text/csv; charset=utf-8",
        "leerdossier.csv",
    )
}

pub(super) async fn pdf(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    signed: Signed,
) -> Result<Response, PageError> {
    let account = signed.account.id;
    let (registers, numbers, mut rows) = tokio::try_join!(
        state.registers(),
        state.db.account_numbers(account),
        state.db.record_of(account),
    )?;
    state.note_changes(&mut rows).await?;
    let numbered: Vec<i64> = numbers.iter().map(|n| n.register_id).collect();
    let (shown, _) = shown_registers(&registers, &numbered);
    let today = crate::time::today();
    let counted: Vec<CountedRow> = rows.iter().map(CountedRow::of).collect();
    let totals = totals(&counted, &shown, today);
    let doc = RecordDocument {
        title: lang.t("record-heading"),
        name: signed.account.name.clone(),
        made_on: lang.t1("record-pdf-made-on", "date", lang.day(today)),
        totals: totals
            .registers
            .iter()
            .map(|t| {
                let view = super::register_view(lang, t);
                (
                    format!("{} – {}", view.name, view.period),
                    view.bars
                        .into_iter()
                        .map(|b| format!("{}: {} {}", b.name, b.figures, b.state))
                        .collect(),
                )
            })
            .collect(),
        entries_heading: lang.t("record-entries"),
        entries: rows
            .iter()
            .map(|row| {
                let mut head = format!("{} – {}", lang.day(row.held_on), row.title);
                if !row.provider.is_empty() {
                    head.push_str(&format!(" ({})", row.provider));
                }
                let mut lines = vec![format!(
                    "{} · {}",
                    lang.t(&format!("record-kind-{}", row.kind)),
                    hours_text(lang, row.minutes())
                )];
                lines.extend(row.credits.iter().map(|c| credit_line(lang, c)));
                if row.changed_since {
                    lines.push(lang.t("record-changed"));
                }
                (head, lines)
            })
            .collect(),
        empty: lang.t("record-none"),
    };
    let bytes = tokio::task::spawn_blocking(move || render(lang, &doc))
        .await
        .map_err(|e| PageError::Internal(e.into()))??;
    download(bytes, "application/pdf", "leerdossier.pdf")
}
