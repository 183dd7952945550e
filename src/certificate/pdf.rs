//! The certificate as a one-page A4 PDF, in Dutch or English, with DejaVu Sans
//! embedded so every name renders (ë, ï, ĳ, …) and reads back as text.
//!
//! Cheap by design, since one café can issue a thousand at once: the two font files
//! are compiled in and parsed once per process ([`fonts`]); each document lays out
//! its lines with the fonts' advance widths (no shaping: Latin text needs none),
//! keeps only the glyphs it uses (`subsetter`, a few kB per font), and writes the
//! objects with `pdf-writer`. A ToUnicode map goes with each font so copy, search and
//! `pdftotext` give the original characters back. The verification URL is also drawn
//! as a QR code of filled squares (no image).

use std::collections::BTreeSet;
use std::io::Write as _;
use std::sync::OnceLock;

use anyhow::{Context as _, anyhow};
use flate2::Compression;
use flate2::write::ZlibEncoder;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Filter, Name, Pdf, Rect, Ref, Str, TextStr};
use qrcode::{Color, EcLevel, QrCode};
use ttf_parser::{Face, GlyphId};

use super::{Document, dates, hours, points};

const REGULAR: &[u8] = include_bytes!("fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("fonts/DejaVuSans-Bold.ttf");

/// A4 in points.
pub(super) const PAGE_W: f32 = 595.28;
pub(super) const PAGE_H: f32 = 841.89;
/// The left and right margin.
pub(super) const MARGIN: f32 = 64.0;
pub(super) const TEXT_W: f32 = PAGE_W - 2.0 * MARGIN;
/// The accent colour of the rule under the title (the site's dark blue).
pub(super) const ACCENT: [f32; 3] = [0.09, 0.24, 0.45];
/// Grey for labels.
pub(super) const MUTED: [f32; 3] = [0.33, 0.33, 0.33];
pub(super) const INK: [f32; 3] = [0.0, 0.0, 0.0];

/// The two weights the certificate uses.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Weight {
    Regular,
    Bold,
}

/// A parsed font and the numbers its PDF description needs.
pub(super) struct Font {
    data: &'static [u8],
    face: Face<'static>,
    /// The PDF name of the font (a subset gets a six-letter tag in front).
    base_name: &'static str,
    units: f32,
}

impl Font {
    fn parse(data: &'static [u8], base_name: &'static str) -> anyhow::Result<Self> {
        let face = Face::parse(data, 0).map_err(|e| anyhow!("font {base_name}: {e}"))?;
        let units = f32::from(face.units_per_em());
        Ok(Self {
            data,
            face,
            base_name,
            units,
        })
    }

    /// The glyph for a character; characters the font lacks show as its box glyph.
    pub(super) fn glyph(&self, c: char) -> GlyphId {
        self.face.glyph_index(c).unwrap_or(GlyphId(0))
    }

    /// Advance of a glyph in thousandths of the font size (PDF glyph space).
    fn advance(&self, glyph: GlyphId) -> f32 {
        f32::from(self.face.glyph_hor_advance(glyph).unwrap_or(0)) * 1000.0 / self.units
    }

    /// Width of `text` at `size` points.
    fn width(&self, text: &str, size: f32) -> f32 {
        text.chars()
            .map(|c| self.advance(self.glyph(c)))
            .sum::<f32>()
            * size
            / 1000.0
    }

    /// A font unit in thousandths of the font size.
    fn scaled(&self, value: i16) -> f32 {
        f32::from(value) * 1000.0 / self.units
    }
}

pub(super) struct Fonts {
    pub(super) regular: Font,
    pub(super) bold: Font,
}

impl Fonts {
    pub(super) fn get(&self, weight: Weight) -> &Font {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }
}

/// The fonts, parsed on first use and kept for the life of the process.
pub(super) fn fonts() -> anyhow::Result<&'static Fonts> {
    static FONTS: OnceLock<Result<Fonts, String>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            Ok(Fonts {
                regular: Font::parse(REGULAR, "DejaVuSans").map_err(|e| e.to_string())?,
                bold: Font::parse(BOLD, "DejaVuSans-Bold").map_err(|e| e.to_string())?,
            })
        })
        .as_ref()
        .map_err(|e| anyhow!("{e}"))
}

/// One line of text placed on the page.
struct Run {
    weight: Weight,
    size: f32,
    color: [f32; 3],
    x: f32,
    y: f32,
    text: String,
}

/// The page being laid out, top to bottom.
struct Layout<'f> {
    fonts: &'f Fonts,
    runs: Vec<Run>,
    rules: Vec<(f32, f32, f32, [f32; 3])>,
    /// The baseline of the next line.
    y: f32,
}

impl<'f> Layout<'f> {
    fn new(fonts: &'f Fonts) -> Self {
        Self {
            fonts,
            runs: Vec::new(),
            rules: Vec::new(),
            y: PAGE_H - 80.0,
        }
    }

    fn put(&mut self, weight: Weight, size: f32, color: [f32; 3], x: f32, y: f32, text: &str) {
        self.runs.push(Run {
            weight,
            size,
            color,
            x,
            y,
            text: text.to_owned(),
        });
    }

    /// `text` wrapped to `width` from `x`, moving down `leading` per line.
    fn paragraph(&mut self, weight: Weight, size: f32, color: [f32; 3], text: &str) {
        let leading = size * 1.35;
        for line in wrap(self.fonts.get(weight), size, text, TEXT_W) {
            self.put(weight, size, color, MARGIN, self.y, &line);
            self.y -= leading;
        }
    }

    /// A label in grey with its value below it.
    fn field(&mut self, label: &str, value: &str) {
        self.paragraph(Weight::Regular, 9.5, MUTED, label);
        self.y -= 1.0;
        self.paragraph(Weight::Regular, 12.0, INK, value);
        self.y -= 8.0;
    }

    fn gap(&mut self, points: f32) {
        self.y -= points;
    }

    fn rule(&mut self, width: f32, color: [f32; 3]) {
        self.rules.push((MARGIN, self.y, width, color));
    }
}

/// `text` in lines no wider than `width`, broken at spaces; a single word wider than
/// the line is broken between characters.
pub(super) fn wrap(font: &Font, size: f32, text: &str, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if font.width(&candidate, size) <= width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in word.chars() {
            line.push(c);
            if font.width(&line, size) > width {
                line.pop();
                lines.push(std::mem::take(&mut line));
                line.push(c);
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The certificate as PDF bytes.
pub fn render(doc: &Document) -> anyhow::Result<Vec<u8>> {
    let fonts = fonts()?;
    let lang = doc.lang;
    let mut page = Layout::new(fonts);

    page.paragraph(Weight::Regular, 11.0, MUTED, &doc.organiser);
    page.gap(18.0);
    page.paragraph(Weight::Bold, 26.0, ACCENT, &lang.t("certificate-title"));
    page.y += 16.0;
    page.rule(TEXT_W, ACCENT);
    page.gap(30.0);
    page.paragraph(Weight::Regular, 12.0, INK, &lang.t("certificate-declares"));
    page.gap(6.0);
    page.paragraph(Weight::Bold, 22.0, INK, &doc.name);
    page.gap(6.0);
    page.paragraph(Weight::Regular, 12.0, INK, &lang.t("certificate-took-part"));
    page.gap(4.0);
    page.paragraph(Weight::Bold, 16.0, INK, &doc.activity);
    page.gap(16.0);
    page.field(&lang.t("certificate-dates"), &dates(lang, &doc.dates));
    page.field(
        &lang.t("certificate-net-hours"),
        &lang.t1(
            "certificate-hours-value",
            "hours",
            hours(lang, doc.net_minutes),
        ),
    );
    registers(&mut page, doc);
    page.field(&lang.t("certificate-organiser"), &doc.organiser);
    page.gap(18.0);
    page.rule(200.0, MUTED);
    page.gap(14.0);
    page.paragraph(Weight::Regular, 12.0, INK, &doc.signatory);
    page.paragraph(
        Weight::Regular,
        9.5,
        MUTED,
        &lang.t1(
            "certificate-signed-for",
            "organiser",
            doc.organiser.as_str(),
        ),
    );
    page.paragraph(
        Weight::Regular,
        9.5,
        MUTED,
        &lang.t1("certificate-issued-on", "date", lang.day(doc.issued_on)),
    );

    // The foot: the QR code at the left, the number and address beside it.
    let qr_side = 96.0;
    let foot = 64.0;
    let qr = qr_squares(&doc.verify_url, MARGIN, foot, qr_side)?;
    let text_x = MARGIN + qr_side + 18.0;
    let text_w = PAGE_W - MARGIN - text_x;
    let mut y = foot + qr_side - 12.0;
    for (weight, size, color, text) in [
        (Weight::Bold, 10.0, INK, lang.t("certificate-verify")),
        (
            Weight::Regular,
            10.0,
            INK,
            lang.t1("certificate-number", "code", doc.code.as_str()),
        ),
    ] {
        page.put(weight, size, color, text_x, y, &text);
        y -= 15.0;
    }
    for line in wrap(&fonts.regular, 9.0, &doc.verify_url, text_w) {
        page.put(Weight::Regular, 9.0, ACCENT, text_x, y, &line);
        y -= 12.0;
    }
    write(doc, fonts, &page, &qr)
}

/// The accreditation per register as a small table, or nothing without any.
fn registers(page: &mut Layout<'_>, doc: &Document) {
    if doc.registers.is_empty() {
        return;
    }
    let lang = doc.lang;
    page.paragraph(
        Weight::Regular,
        9.5,
        MUTED,
        &lang.t("certificate-accreditation"),
    );
    page.gap(2.0);
    // Columns: register, category, ID number, points.
    let columns = [0.0, 0.34, 0.66, 0.88].map(|part| MARGIN + part * TEXT_W);
    let widths = [0.32, 0.3, 0.2, 0.12].map(|part| part * TEXT_W);
    let heads = [
        lang.t("certificate-register"),
        lang.t("certificate-category"),
        lang.t("certificate-id-number"),
        lang.t("certificate-points"),
    ];
    for (i, head) in heads.iter().enumerate() {
        page.put(Weight::Bold, 10.0, INK, columns[i], page.y, head);
    }
    page.y -= 4.0;
    page.rule(TEXT_W, MUTED);
    page.y -= 12.0;
    for line in &doc.registers {
        let cells = [
            line.register.clone(),
            line.category.clone(),
            line.id_number.clone(),
            points(lang, line.points_tenths),
        ];
        let mut tallest = 1;
        for (i, cell) in cells.iter().enumerate() {
            let lines = wrap(&page.fonts.regular, 10.0, cell, widths[i]);
            tallest = tallest.max(lines.len());
            for (n, text) in lines.iter().enumerate() {
                let y = page.y - n as f32 * 13.0;
                page.put(Weight::Regular, 10.0, INK, columns[i], y, text);
            }
        }
        page.y -= tallest as f32 * 13.0 + 4.0;
    }
    page.gap(8.0);
}

/// The dark modules of a QR code of `data` as squares, `side` points wide with its
/// lower left corner at (`x`, `y`); runs of dark modules in a row become one rectangle.
fn qr_squares(data: &str, x: f32, y: f32, side: f32) -> anyhow::Result<Vec<[f32; 4]>> {
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M)
        .context("verification address too long for a QR code")?;
    let modules = code.width();
    let colors = code.to_colors();
    let unit = side / modules as f32;
    let mut squares = Vec::new();
    for row in 0..modules {
        let mut col = 0;
        while col < modules {
            if colors[row * modules + col] != Color::Dark {
                col += 1;
                continue;
            }
            let start = col;
            while col < modules && colors[row * modules + col] == Color::Dark {
                col += 1;
            }
            squares.push([
                x + start as f32 * unit,
                y + side - (row + 1) as f32 * unit,
                (col - start) as f32 * unit,
                unit,
            ]);
        }
    }
    Ok(squares)
}

pub(super) fn deflate(data: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut encoder = ZlibEncoder::new(Vec::with_capacity(data.len() / 2), Compression::fast());
    encoder.write_all(data)?;
    Ok(encoder.finish()?)
}

/// One embedded font of the document: the glyphs it uses, renumbered from 1.
pub(super) struct Used<'f> {
    pub(super) font: &'f Font,
    pub(super) resource: Name<'static>,
    pub(super) remapper: subsetter::GlyphRemapper,
    pub(super) chars: BTreeSet<(u16, char)>,
}

/// Writes the laid-out page as PDF objects.
fn write(
    doc: &Document,
    fonts: &Fonts,
    page: &Layout<'_>,
    qr: &[[f32; 4]],
) -> anyhow::Result<Vec<u8>> {
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
    let slot = |weight: Weight| match weight {
        Weight::Regular => 0,
        Weight::Bold => 1,
    };

    let mut content = Content::new();
    for &(x, y, width, color) in &page.rules {
        content
            .set_stroke_rgb(color[0], color[1], color[2])
            .set_line_width(0.8)
            .move_to(x, y)
            .line_to(x + width, y)
            .stroke();
    }
    content.set_fill_rgb(INK[0], INK[1], INK[2]);
    for square in qr {
        content.rect(square[0], square[1], square[2], square[3]);
    }
    content.fill_nonzero();
    content.begin_text();
    for run in &page.runs {
        let font = &mut used[slot(run.weight)];
        let mut codes = Vec::with_capacity(run.text.len() * 2);
        for c in run.text.chars() {
            let old = font.font.glyph(c).0;
            let new = font.remapper.remap(old);
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
    let content = deflate(&content.finish())?;

    let mut next = 1;
    let mut id = || {
        let r = Ref::new(next);
        next += 1;
        r
    };
    let (catalog, tree, page_id, content_id, info) = (id(), id(), id(), id(), id());
    let mut pdf = Pdf::new();
    pdf.catalog(catalog)
        .pages(tree)
        .lang(TextStr(doc.lang.code()));
    pdf.pages(tree).kids([page_id]).count(1);
    let mut font_ids = Vec::new();
    for font in &used {
        font_ids.push((font.resource, id(), id(), id(), id(), id()));
    }
    {
        let mut p = pdf.page(page_id);
        p.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H))
            .parent(tree)
            .contents(content_id);
        let mut resources = p.resources();
        let mut dict = resources.fonts();
        for (name, type0, ..) in &font_ids {
            dict.pair(*name, *type0);
        }
    }
    pdf.stream(content_id, &content).filter(Filter::FlateDecode);
    let title = format!("{} – {}", doc.lang.t("certificate-title"), doc.name);
    pdf.document_info(info)
        .title(TextStr(&title))
        .producer(TextStr("Samenleren"));

    for (font, (_, type0, cid, descriptor, file, cmap)) in used.iter().zip(&font_ids) {
        embed(&mut pdf, font, [*type0, *cid, *descriptor, *file, *cmap])?;
    }
    Ok(pdf.finish())
}

/// The font as a Type 0 font over a CID TrueType font of only the used glyphs, with
/// its widths and a ToUnicode map.
pub(super) fn embed(pdf: &mut Pdf, used: &Used<'_>, ids: [Ref; 5]) -> anyhow::Result<()> {
    let [type0, cid, descriptor, file, cmap] = ids;
    let font = used.font;
    let tagged = format!("SLCERT+{}", font.base_name);
    let name = Name(tagged.as_bytes());
    pdf.type0_font(type0)
        .base_font(name)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(cmap);
    let widths: Vec<f32> = used
        .remapper
        .remapped_gids()
        .map(|old| font.advance(GlyphId(old)))
        .collect();
    let info = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };
    {
        let mut cid_font = pdf.cid_font(cid);
        cid_font
            .subtype(CidFontType::Type2)
            .base_font(name)
            .system_info(info)
            .font_descriptor(descriptor)
            .cid_to_gid_map_predefined(Name(b"Identity"));
        cid_font.widths().consecutive(0, widths);
    }
    let face = &font.face;
    let bbox = face.global_bounding_box();
    pdf.font_descriptor(descriptor)
        .name(name)
        .flags(FontFlags::NON_SYMBOLIC)
        .bbox(Rect::new(
            font.scaled(bbox.x_min),
            font.scaled(bbox.y_min),
            font.scaled(bbox.x_max),
            font.scaled(bbox.y_max),
        ))
        .italic_angle(0.0)
        .ascent(font.scaled(face.ascender()))
        .descent(font.scaled(face.descender()))
        .cap_height(font.scaled(face.capital_height().unwrap_or(face.ascender())))
        .stem_v(if font.base_name.ends_with("Bold") {
            140.0
        } else {
            80.0
        })
        .font_file2(file);
    let subset = subsetter::subset(font.data, 0, &used.remapper)
        .map_err(|e| anyhow!("subsetting {}: {e:?}", font.base_name))?;
    let compressed = deflate(&subset)?;
    pdf.stream(file, &compressed).filter(Filter::FlateDecode);
    let mut unicode = UnicodeCmap::new(Name(b"Custom"), info);
    for &(glyph, c) in &used.chars {
        unicode.pair(glyph, c);
    }
    let unicode = unicode.finish();
    pdf.cmap(cmap, &unicode);
    Ok(())
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::RegisterLine;
    use super::*;
    use crate::i18n::Lang;
    use chrono::NaiveDate;

    pub(crate) fn sample(lang: Lang) -> Document {
        Document {
            lang,
            name: "Zoë IJsbrand-Daniëlle van Loïs ĳzerman".into(),
            activity: "Leercafé: wat werkt in de wijk? Over bewonersinitiatieven, \
                       buurtbudgetten en de rol van de opbouwwerker"
                .into(),
            dates: vec![NaiveDate::from_ymd_opt(2026, 12, 8).unwrap()],
            net_minutes: 150,
            registers: vec![RegisterLine {
                register: "Registerplein – Register Sociaal Werker".into(),
                id_number: "RSW-2026-04417".into(),
                category: "Geaccrediteerde deskundigheidsbevordering".into(),
                points_tenths: 25,
            }],
            organiser: "Stichting Samen Sterk".into(),
            signatory: "Marieke de Vries".into(),
            issued_on: NaiveDate::from_ymd_opt(2026, 12, 9).unwrap(),
            code: "7Q4M-PX2K-9DZA".into(),
            verify_url: "https://samenleren.example/certificaat/7Q4M-PX2K-9DZA".into(),
        }
    }

    /// `pdftotext` (poppler) on the bytes, or `None` when it is not installed (CI
    /// installs it; there its absence is a failure).
    pub(crate) fn pdftotext(pdf: &[u8]) -> Option<String> {
        let dir = std::env::temp_dir().join(format!("cert-{}", uuid::Uuid::new_v4()));
        std::fs::write(&dir, pdf).unwrap();
        let out = std::process::Command::new("pdftotext")
            .args(["-enc", "UTF-8", "-layout"])
            .arg(&dir)
            .arg("-")
            .output();
        std::fs::remove_file(&dir).ok();
        match out {
            Ok(out) => {
                assert!(out.status.success(), "pdftotext: {:?}", out);
                Some(String::from_utf8(out.stdout).unwrap())
            }
            Err(e) if std::env::var_os("CI").is_none() => {
                eprintln!("pdftotext not run ({e}); apt-get install poppler-utils");
                None
            }
            Err(e) => panic!("pdftotext is needed in CI: {e}"),
        }
    }

    #[test]
    fn a_certificate_reads_back_with_its_name_hours_and_id_number() {
        for lang in Lang::ALL {
            let bytes = render(&sample(lang)).unwrap();
            assert!(bytes.starts_with(b"%PDF-"));
            let Some(text) = pdftotext(&bytes) else {
                return;
            };
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                flat.contains("Zoë IJsbrand-Daniëlle van Loïs ĳzerman"),
                "{flat}"
            );
            assert!(flat.contains("RSW-2026-04417"), "{flat}");
            assert!(flat.contains("7Q4M-PX2K-9DZA"), "{flat}");
            match lang {
                Lang::Nl => {
                    assert!(flat.contains("Bewijs van deelname"), "{flat}");
                    assert!(flat.contains("2,5 uur"), "{flat}");
                    assert!(flat.contains("8 december 2026"), "{flat}");
                }
                Lang::En => {
                    assert!(flat.contains("Certificate of attendance"), "{flat}");
                    assert!(flat.contains("2.5 hours"), "{flat}");
                    assert!(flat.contains("8 December 2026"), "{flat}");
                }
            }
        }
    }

    #[test]
    fn only_the_used_glyphs_are_embedded() {
        let bytes = render(&sample(Lang::Nl)).unwrap();
        // The two font files are 1.4 MB; a subset page is a small fraction of that.
        assert!(bytes.len() < 60_000, "{} bytes", bytes.len());
    }

    #[test]
    fn long_words_and_names_wrap_inside_the_margins() {
        let fonts = fonts().unwrap();
        let long = "Samenlevingsopbouwondersteuningsprogrammadeelnemerscertificaat".repeat(3);
        let lines = wrap(&fonts.bold, 22.0, &long, TEXT_W);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| fonts.bold.width(l, 22.0) <= TEXT_W));
        assert_eq!(lines.concat(), long);
        assert_eq!(wrap(&fonts.regular, 12.0, "", TEXT_W), vec![String::new()]);
    }

    #[test]
    fn the_qr_code_holds_the_verification_address() {
        // Drawn at one pixel per point and read back as a camera would.
        let url = "https://samenleren.example/certificaat/7Q4M-PX2K-9DZA";
        let side = 132.0;
        let squares = qr_squares(url, 0.0, 0.0, side).unwrap();
        let size = 180_usize;
        let offset = 24.0;
        let mut pixels = vec![255_u8; size * size];
        for [x, y, w, h] in squares {
            for py in 0..size {
                for px in 0..size {
                    let (fx, fy) = (px as f32 + 0.5 - offset, side - (py as f32 + 0.5 - offset));
                    if fx >= x && fx < x + w && fy >= y && fy < y + h {
                        pixels[py * size + px] = 0;
                    }
                }
            }
        }
        let mut image =
            rqrr::PreparedImage::prepare_from_greyscale(size, size, |x, y| pixels[y * size + x]);
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1);
        assert_eq!(grids[0].decode().unwrap().1, url);
    }

    #[test]
    fn rendering_is_cheap_enough_for_a_thousand() {
        let doc = sample(Lang::Nl);
        render(&doc).unwrap();
        let started = std::time::Instant::now();
        for _ in 0..20 {
            render(&doc).unwrap();
        }
        // A thousand in well under 60 s on two cores: 20 in a generous 6 s even in a
        // debug build.
        assert!(
            started.elapsed().as_secs_f32() < 6.0,
            "{:?}",
            started.elapsed()
        );
    }
}
