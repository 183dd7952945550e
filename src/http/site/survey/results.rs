//! The results of a round as the public page (after closing, when the organiser
//! chose so) and the organiser's page (live) show them: per theme and per role,
//! region and years in the field, each as an SVG chart drawn here with the same
//! figures in a table beside it, and the threshold said in words. Also the one
//! table the CSV and XLSX exports are made of.

use crate::domain::survey::chart::{Bar, Words, bar_chart};
use crate::domain::survey::tally::{Breakdown, Cell, Dimension, THRESHOLD, Tally, UNANSWERED};
use crate::export::{Cell as ExportCell, Table};
use crate::i18n::Lang;

/// The results block (charts, tables, the threshold) on its own, so it is rendered
/// once and kept ([`crate::http::Shared::survey_results`]).
#[derive(askama::Template)]
#[template(path = "partials/survey_results.html")]
pub struct ResultsBlock {
    pub lang: Lang,
    pub results: ResultsView,
}

/// One chart with its table.
pub struct Section {
    pub id: String,
    pub heading: String,
    /// The SVG, escaped where it holds text (rendered as is).
    pub svg: String,
    pub columns: Vec<String>,
    /// (theme or group, cells as shown).
    pub rows: Vec<(String, Vec<String>)>,
}

/// The results block.
pub struct ResultsView {
    pub voters: String,
    pub threshold: String,
    pub sections: Vec<Section>,
}

/// A group's label in the reader's language.
pub fn group_label(lang: Lang, dimension: Dimension, group: &str) -> String {
    if group == UNANSWERED {
        return lang.t("survey-unanswered");
    }
    match dimension {
        Dimension::Role => lang.t(&format!("survey-role-{group}")),
        Dimension::Region => lang.t(&format!("survey-region-{group}")),
        Dimension::Band => lang.t1("survey-band", "band", group),
    }
}

fn cell_text(lang: Lang, cell: Cell) -> String {
    match cell {
        Cell::Shown(n) => n.to_string(),
        Cell::TooFew => lang.t1("survey-results-hidden", "threshold", i64::from(THRESHOLD)),
    }
}

fn dimension_heading(lang: Lang, dimension: Dimension) -> String {
    lang.t(match dimension {
        Dimension::Role => "survey-results-by-role",
        Dimension::Region => "survey-results-by-region",
        Dimension::Band => "survey-results-by-band",
    })
}

fn words(lang: Lang, title: String) -> Words {
    Words {
        title,
        desc: lang.t("survey-results-table-note"),
        hidden: lang.t1("survey-results-hidden", "threshold", i64::from(THRESHOLD)),
    }
}

fn breakdown_section(lang: Lang, tally: &Tally, breakdown: &Breakdown) -> Section {
    let dimension = breakdown.dimension;
    let heading = dimension_heading(lang, dimension);
    let labels: Vec<String> = breakdown
        .groups
        .iter()
        .map(|g| group_label(lang, dimension, g))
        .collect();
    let bars: Vec<Bar> = labels
        .iter()
        .zip(&breakdown.totals)
        .map(|(label, cell)| Bar {
            label: label.clone(),
            value: match cell {
                Cell::Shown(n) => Some(*n),
                Cell::TooFew => None,
            },
        })
        .collect();
    let id = format!("uitslag-{}", dimension.as_str());
    Section {
        svg: bar_chart(&id, &words(lang, heading.clone()), &bars),
        id,
        heading,
        columns: labels,
        rows: breakdown
            .rows
            .iter()
            .map(|(proposal, cells)| {
                let title = tally
                    .themes
                    .iter()
                    .find(|t| t.proposal == *proposal)
                    .map(|t| t.title.clone())
                    .unwrap_or_default();
                (title, cells.iter().map(|c| cell_text(lang, *c)).collect())
            })
            .collect(),
    }
}

impl ResultsView {
    pub fn new(lang: Lang, tally: &Tally) -> Self {
        let heading = lang.t("survey-results-themes");
        let bars: Vec<Bar> = tally
            .themes
            .iter()
            .map(|t| Bar {
                label: t.title.clone(),
                value: Some(t.voters),
            })
            .collect();
        let mut sections = vec![Section {
            id: "uitslag-thema".into(),
            svg: bar_chart("uitslag-thema", &words(lang, heading.clone()), &bars),
            heading,
            columns: vec![lang.t("survey-results-count")],
            rows: tally
                .themes
                .iter()
                .map(|t| (t.title.clone(), vec![t.voters.to_string()]))
                .collect(),
        }];
        for breakdown in &tally.breakdowns {
            if !breakdown.groups.is_empty() {
                sections.push(breakdown_section(lang, tally, breakdown));
            }
        }
        Self {
            voters: lang.t1("survey-results-voters", "voters", i64::from(tally.voters)),
            threshold: lang.t1(
                "survey-results-threshold",
                "threshold",
                i64::from(THRESHOLD),
            ),
            sections,
        }
    }
}

/// The export: one row per theme with its votes and, per question, a column per
/// group (the same threshold: a hidden figure stays hidden in the file).
pub fn export_table(lang: Lang, tally: &Tally) -> Table {
    let mut header = vec![
        lang.t("survey-results-theme"),
        lang.t("survey-results-count"),
    ];
    for b in &tally.breakdowns {
        let heading = dimension_heading(lang, b.dimension);
        for g in &b.groups {
            header.push(format!("{heading}: {}", group_label(lang, b.dimension, g)));
        }
    }
    let rows = tally
        .themes
        .iter()
        .map(|t| {
            let mut row = vec![
                ExportCell::Text(t.title.clone()),
                ExportCell::Number(Some(i64::from(t.voters))),
            ];
            for b in &tally.breakdowns {
                if let Some((_, cells)) = b.rows.iter().find(|(p, _)| *p == t.proposal) {
                    row.extend(cells.iter().map(|c| match c {
                        Cell::Shown(n) => ExportCell::Number(Some(i64::from(*n))),
                        Cell::TooFew => ExportCell::Text(cell_text(lang, *c)),
                    }));
                }
            }
            row
        })
        .collect();
    Table { header, rows }
}
