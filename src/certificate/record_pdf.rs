//! Mijn leerdossier as an A4 PDF of as many pages as it needs: the holder's name,
//! the totals per register over its period, and every entry with its date, net
//! hours and points per register. It uses the certificate's fonts and writing
//! ([`super::pdf`]: DejaVu Sans parsed once, subset-embedded with a ToUnicode map,
//! so `pdftotext` reads names like "Zoë ĳzerman" back).

use std::collections::BTreeSet;

use anyhow::Result;
use pdf_writer::{Content, Filter, Name, Pdf, Rect, Ref, Str, TextStr};

use super::pdf::{
    ACCENT, INK, MARGIN, MUTED, PAGE_H, PAGE_W, TEXT_W, Used, Weight, deflate, embed, fonts, wrap,
};
use crate::i18n::Lang;

/// The lowest baseline on a page before the next page starts.
const BOTTOM: f32 = 60.0;

/// What the record PDF shows, already in words.
#[derive(Clone, Debug, Default)]
pub struct RecordDocument {
    pub title: String,
    pub name: String,
    /// "Gemaakt op 5 december 2026".
    pub made_on: String,
    /// Headings and lines of the totals ("SKJ, 6 december 2021 – 5 december 2026",
    /// "Scholing: 20 van de 60 punten").
    pub totals: Vec<(String, Vec<String>)>,
    pub entries_heading: String,
    /// Per entry: its first line (date and title) and the lines below it.
    pub entries: Vec<(String, Vec<String>)>,
    /// Said when there are no entries.
    pub empty: String,
}

/// One line placed on a page.
struct Run {
    weight: Weight,
    size: f32,
    color: [f32; 3],
    x: f32,
    y: f32,
    text: String,
}

/// Pages being laid out, top to bottom.
struct Pages {
    pages: Vec<Vec<Run>>,
    y: f32,
}

impl Pages {
    fn new() -> Self {
        Self {
            pages: vec![Vec::new()],
            y: PAGE_H - 72.0,
        }
    }

    /// Starts a new page when fewer than `room` points are left.
    fn need(&mut self, room: f32) {
        if self.y - room < BOTTOM {
            self.pages.push(Vec::new());
            self.y = PAGE_H - 72.0;
        }
    }

    fn paragraph(&mut self, weight: Weight, size: f32, color: [f32; 3], indent: f32, text: &str) {
        let Ok(fonts) = fonts() else { return };
        let leading = size * 1.35;
        for line in wrap(fonts.get(weight), size, text, TEXT_W - indent) {
            self.need(leading);
            if let Some(page) = self.pages.last_mut() {
                page.push(Run {
                    weight,
                    size,
                    color,
                    x: MARGIN + indent,
                    y: self.y,
                    text: line,
                });
            }
            self.y -= leading;
        }
    }
}

/// The record as PDF bytes.
pub fn render(lang: Lang, doc: &RecordDocument) -> Result<Vec<u8>> {
    let fonts = fonts()?;
    let mut pages = Pages::new();
    pages.paragraph(Weight::Bold, 22.0, ACCENT, 0.0, &doc.title);
    pages.paragraph(Weight::Bold, 14.0, INK, 0.0, &doc.name);
    pages.paragraph(Weight::Regular, 9.5, MUTED, 0.0, &doc.made_on);
    pages.y -= 12.0;
    for (heading, lines) in &doc.totals {
        pages.need(40.0);
        pages.paragraph(Weight::Bold, 12.0, INK, 0.0, heading);
        for line in lines {
            pages.paragraph(Weight::Regular, 10.5, INK, 12.0, line);
        }
        pages.y -= 8.0;
    }
    pages.need(40.0);
    pages.paragraph(Weight::Bold, 14.0, ACCENT, 0.0, &doc.entries_heading);
    pages.y -= 4.0;
    if doc.entries.is_empty() {
        pages.paragraph(Weight::Regular, 10.5, INK, 0.0, &doc.empty);
    }
    for (head, lines) in &doc.entries {
        pages.need(14.0 * (1 + lines.len()) as f32);
        pages.paragraph(Weight::Bold, 10.5, INK, 0.0, head);
        for line in lines {
            pages.paragraph(Weight::Regular, 9.5, MUTED, 12.0, line);
        }
        pages.y -= 6.0;
    }

    let mut used = [
        Used {
            font: &fonts.regular,
            resource: Name(b"F1"),
            remapper: subsetter::GlyphRemapper::new(),
            chars: BTreeSet::new(),
        },
        Used {
            font: &fonts.bold,
            resource: Name(b"F2"),
            remapper: subsetter::GlyphRemapper::new(),
            chars: BTreeSet::new(),
        },
    ];
    let count = pages.pages.len();
    let mut contents = Vec::with_capacity(count);
    for (n, runs) in pages.pages.iter().enumerate() {
        let mut content = Content::new();
        content
            .set_stroke_rgb(ACCENT[0], ACCENT[1], ACCENT[2])
            .set_line_width(0.8)
            .move_to(MARGIN, PAGE_H - 48.0)
            .line_to(PAGE_W - MARGIN, PAGE_H - 48.0)
            .stroke();
        content.begin_text();
        let foot = format!("{} – {}/{}", doc.title, n + 1, count);
        let footer = Run {
            weight: Weight::Regular,
            size: 8.5,
            color: MUTED,
            x: MARGIN,
            y: 36.0,
            text: foot,
        };
        for run in runs.iter().chain(std::iter::once(&footer)) {
            let font = &mut used[usize::from(run.weight == Weight::Bold)];
            let mut codes = Vec::with_capacity(run.text.len() * 2);
            for c in run.text.chars() {
                let new = font.remapper.remap(font.font.glyph(c).0);
                font.chars.insert((new, c));
                codes.extend_from_slice(&new.to_be_bytes());
            }
            content
                .set_fill_rgb(run.color[0], run.color[1], run.color[2])
                .set_font(font.resource, run.size)
                .set_text_matrix([1.0, 0.0, 0.0, 1.0, run.x, run.y])
                .show(Str(&codes));
        }
        content.end_text();
        contents.push(deflate(&content.finish())?);
    }

    let mut next = 1;
    let mut id = || {
        let r = Ref::new(next);
        next += 1;
        r
    };
    let (catalog, tree, info) = (id(), id(), id());
    let page_ids: Vec<(Ref, Ref)> = (0..count).map(|_| (id(), id())).collect();
    let font_ids: Vec<_> = used
        .iter()
        .map(|f| (f.resource, id(), id(), id(), id(), id()))
        .collect();
    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree).lang(TextStr(lang.code()));
    pdf.pages(tree)
        .kids(page_ids.iter().map(|(page, _)| *page))
        .count(i32::try_from(count).unwrap_or(i32::MAX));
    for ((page_id, content_id), content) in page_ids.iter().zip(&contents) {
        {
            let mut p = pdf.page(*page_id);
            p.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H))
                .parent(tree)
                .contents(*content_id);
            let mut resources = p.resources();
            let mut dict = resources.fonts();
            for (name, type0, ..) in &font_ids {
                dict.pair(*name, *type0);
            }
        }
        pdf.stream(*content_id, content).filter(Filter::FlateDecode);
    }
    pdf.document_info(info)
        .title(TextStr(&format!("{} – {}", doc.title, doc.name)))
        .producer(TextStr("Samenleren"));
    for (font, (_, type0, cid, descriptor, file, cmap)) in used.iter().zip(&font_ids) {
        embed(&mut pdf, font, [*type0, *cid, *descriptor, *file, *cmap])?;
    }
    Ok(pdf.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_record_takes_several_pages_and_reads_back() {
        let doc = RecordDocument {
            title: "Mijn leerdossier".into(),
            name: "Zoë ĳzerman".into(),
            made_on: "Gemaakt op 5 december 2026".into(),
            totals: vec![("SKJ".into(), vec!["Scholing: 20 van de 60 punten".into()])],
            entries_heading: "Activiteiten".into(),
            entries: (0..120)
                .map(|n| {
                    (
                        format!("1 maart 2026 – Leercafé {n}"),
                        vec!["2,5 uur".into()],
                    )
                })
                .collect(),
            empty: String::new(),
        };
        let pdf = render(Lang::Nl, &doc).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let pages = pdf.windows(9).filter(|w| w == b"/MediaBox").count();
        assert!(pages > 2, "{pages} pages");
        if let Some(text) = super::super::pdf::tests::pdftotext(&pdf) {
            assert!(text.contains("Zoë ĳzerman"), "{text}");
            assert!(text.contains("Leercafé 119"), "{text}");
        }
    }
}
