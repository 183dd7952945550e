//! Resources in an atelier's online space: a link or a file that a member shares,
//! with a title and themes. The rules here decide what may be stored: a file's type
//! is read from its first bytes ([`sniff`]), never from its name or what the browser
//! says; it must not be empty or larger than [`MAX_FILE_BYTES`]; the name it is
//! downloaded under is made safe ([`download_name`]). Who may remove a resource:
//! [`may_remove`].

use super::membership::Standing;
use crate::input::{FieldError, MAX_LINE, line};

/// The largest file a member may share: 10 MiB (a report, a slide deck with a few
/// photos). The upload route accepts a little more, so a file just over this gets
/// the message at the field instead of a bare refusal.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
/// The longest link.
pub const MAX_URL: usize = 2_000;
/// The longest download name, extension included.
pub const MAX_FILE_NAME: usize = 100;
/// How many bytes of a text file are looked at for HTML: what browsers sniff.
const SNIFF_WINDOW: usize = 1024;

/// What a shared file is, read from its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileType {
    Pdf,
    Png,
    Jpeg,
    Docx,
    Xlsx,
    Pptx,
    Odt,
    Ods,
    Odp,
    /// UTF-8 text.
    Text,
    /// UTF-8 text named `.csv`.
    Csv,
}

impl FileType {
    pub const ALL: [FileType; 11] = [
        Self::Pdf,
        Self::Png,
        Self::Jpeg,
        Self::Docx,
        Self::Xlsx,
        Self::Pptx,
        Self::Odt,
        Self::Ods,
        Self::Odp,
        Self::Text,
        Self::Csv,
    ];

    /// The stored name, also the file's extension.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Png => "png",
            Self::Jpeg => "jpg",
            Self::Docx => "docx",
            Self::Xlsx => "xlsx",
            Self::Pptx => "pptx",
            Self::Odt => "odt",
            Self::Ods => "ods",
            Self::Odp => "odp",
            Self::Text => "txt",
            Self::Csv => "csv",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == raw)
    }

    /// The `Content-Type` it is served with.
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Pdf => "application/pdf",
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Self::Pptx => {
                "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            }
            Self::Odt => "application/vnd.oasis.opendocument.text",
            Self::Ods => "application/vnd.oasis.opendocument.spreadsheet",
            Self::Odp => "application/vnd.oasis.opendocument.presentation",
            Self::Text => "text/plain; charset=utf-8",
            Self::Csv => "text/csv; charset=utf-8",
        }
    }

    /// Whether a browser may show it itself (PDF and images, which run no script of
    /// ours); everything else is downloaded.
    pub fn inline(self) -> bool {
        matches!(self, Self::Pdf | Self::Png | Self::Jpeg)
    }

    /// A short name for people: "PDF", "Word", "tekst".
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Pdf => "resource-type-pdf",
            Self::Png | Self::Jpeg => "resource-type-image",
            Self::Docx | Self::Odt => "resource-type-document",
            Self::Xlsx | Self::Ods => "resource-type-spreadsheet",
            Self::Pptx | Self::Odp => "resource-type-presentation",
            Self::Text => "resource-type-text",
            Self::Csv => "resource-type-csv",
        }
    }
}

/// Reads what a file is from its bytes; `name` only tells CSV from other text.
/// Refused: empty files (`resource-error-file-empty`) and every other kind
/// (`resource-error-file-type`): programs, HTML and SVG, archives, Office files
/// with macros, text that is not UTF-8.
pub fn sniff(bytes: &[u8], name: &str) -> Result<FileType, &'static str> {
    const TYPE: &str = "resource-error-file-type";
    if bytes.is_empty() {
        return Err("resource-error-file-empty");
    }
    if bytes.starts_with(b"%PDF-") {
        return Ok(FileType::Pdf);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(FileType::Png);
    }
    if bytes.starts_with(b"\xFF\xD8\xFF") {
        return Ok(FileType::Jpeg);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return office(bytes).ok_or(TYPE);
    }
    if is_plain_text(bytes) {
        let csv = name.trim().to_ascii_lowercase().ends_with(".csv");
        return Ok(if csv { FileType::Csv } else { FileType::Text });
    }
    Err(TYPE)
}

/// UTF-8 without control characters other than tab, line breaks and form feed,
/// and not markup a browser would run (starts with `<`, or holds an HTML or SVG
/// tag within what browsers sniff).
fn is_plain_text(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}'))
    {
        return false;
    }
    if text.trim_start().starts_with('<') {
        return false;
    }
    let head: String = text
        .chars()
        .take(SNIFF_WINDOW)
        .collect::<String>()
        .to_ascii_lowercase();
    !["<html", "<script", "<svg", "<body", "<iframe", "<!doctype"]
        .iter()
        .any(|tag| head.contains(tag))
}

fn u16_at(bytes: &[u8], at: usize) -> Option<usize> {
    let b = bytes.get(at..at + 2)?;
    Some(usize::from(u16::from_le_bytes([b[0], b[1]])))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<usize> {
    let b = bytes.get(at..at + 4)?;
    usize::try_from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])).ok()
}

/// The names in a zip file's central directory; `None` when it does not read.
fn zip_names(bytes: &[u8]) -> Option<Vec<&[u8]>> {
    // The end record is in the last 22 + 65535 (comment) bytes.
    let from = bytes.len().saturating_sub(22 + usize::from(u16::MAX));
    let end = (from..=bytes.len().checked_sub(22)?)
        .rev()
        .find(|&i| bytes[i..].starts_with(b"PK\x05\x06"))?;
    let count = u16_at(bytes, end + 10)?;
    let mut at = u32_at(bytes, end + 16)?;
    let mut names = Vec::with_capacity(count);
    for _ in 0..count {
        if !bytes.get(at..)?.starts_with(b"PK\x01\x02") {
            return None;
        }
        let name_len = u16_at(bytes, at + 28)?;
        let extra = u16_at(bytes, at + 30)?;
        let comment = u16_at(bytes, at + 32)?;
        names.push(bytes.get(at + 46..at + 46 + name_len)?);
        at += 46 + name_len + extra + comment;
    }
    Some(names)
}

/// An Office Open XML or OpenDocument file, told apart by what the zip holds.
/// Macros (`vbaProject.bin`, OpenDocument `Basic/` scripts) are refused.
fn office(bytes: &[u8]) -> Option<FileType> {
    let names = zip_names(bytes)?;
    let has = |name: &[u8]| names.contains(&name);
    let under = |dir: &[u8]| names.iter().any(|n| n.starts_with(dir));
    let macros = names
        .iter()
        .any(|n| n.ends_with(b"vbaProject.bin") || n.starts_with(b"Basic/"));
    if macros {
        return None;
    }
    // OpenDocument: the first entry is `mimetype`, stored uncompressed.
    if u16_at(bytes, 26) == Some(8) && bytes.get(30..38) == Some(b"mimetype".as_slice()) {
        let name_len = 8;
        let extra = u16_at(bytes, 28)?;
        let size = u32_at(bytes, 18)?;
        let start = 30 + name_len + extra;
        let mimetype = bytes.get(start..start + size)?;
        return match mimetype {
            b"application/vnd.oasis.opendocument.text" => Some(FileType::Odt),
            b"application/vnd.oasis.opendocument.spreadsheet" => Some(FileType::Ods),
            b"application/vnd.oasis.opendocument.presentation" => Some(FileType::Odp),
            _ => None,
        };
    }
    if !has(b"[Content_Types].xml") {
        return None;
    }
    if under(b"word/") {
        Some(FileType::Docx)
    } else if under(b"xl/") {
        Some(FileType::Xlsx)
    } else if under(b"ppt/") {
        Some(FileType::Pptx)
    } else {
        None
    }
}

/// The name a file is downloaded under: the last part of what was sent, letters
/// without accents, digits, `-` and `_` (anything else becomes `-`), at most
/// [`MAX_FILE_NAME`] characters, and the extension of its real type. Safe in a
/// `Content-Disposition` header and in a URL path as it is.
pub fn download_name(sent: &str, kind: FileType) -> String {
    let last = sent.rsplit(['/', '\\']).next().unwrap_or_default();
    let stem = match last.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => last,
    };
    let mut clean = String::new();
    for c in stem.chars().flat_map(plain_letters) {
        let c = if c.is_ascii_alphanumeric() || c == '_' {
            c
        } else {
            '-'
        };
        if !(c == '-' && (clean.is_empty() || clean.ends_with('-'))) {
            clean.push(c);
        }
    }
    let room = MAX_FILE_NAME - kind.as_str().len() - 1;
    let mut clean: String = clean.chars().take(room).collect();
    while clean.ends_with('-') {
        clean.pop();
    }
    if clean.is_empty() {
        clean.push_str("bestand");
    }
    format!("{clean}.{}", kind.as_str())
}

/// A letter as plain ASCII where that is clear: "é" → "e", "ß" → "ss", "ĳ" → "ij".
fn plain_letters(c: char) -> impl Iterator<Item = char> {
    let plain: &str = match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => "a",
        'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' => "A",
        'é' | 'è' | 'ê' | 'ë' => "e",
        'É' | 'È' | 'Ê' | 'Ë' => "E",
        'í' | 'ì' | 'î' | 'ï' => "i",
        'Í' | 'Ì' | 'Î' | 'Ï' => "I",
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' => "o",
        'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' | 'Ø' => "O",
        'ú' | 'ù' | 'û' | 'ü' => "u",
        'Ú' | 'Ù' | 'Û' | 'Ü' => "U",
        'ç' => "c",
        'Ç' => "C",
        'ñ' => "n",
        'Ñ' => "N",
        'ß' => "ss",
        'ĳ' => "ij",
        'Ĳ' => "IJ",
        _ => "",
    };
    let single = plain.is_empty().then_some(c);
    plain.chars().chain(single)
}

/// A link as typed: http or https, a host, no spaces or control characters.
pub fn parse_url(raw: &str) -> Result<String, &'static str> {
    let url = line(raw, MAX_URL)?;
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or("resource-error-link")?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if host.is_empty() || url.contains(char::is_whitespace) || host.contains('@') {
        return Err("resource-error-link");
    }
    Ok(url)
}

/// A file as it came with the form.
#[derive(Clone, Copy, Debug)]
pub struct Upload<'a> {
    /// The name the browser sent.
    pub name: &'a str,
    /// The first [`MAX_FILE_BYTES`] + 1 bytes at most.
    pub bytes: &'a [u8],
    /// More came than [`MAX_FILE_BYTES`].
    pub too_large: bool,
}

/// The sharing form as typed; the file, when one was chosen, comes beside it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResourceForm {
    pub title: String,
    pub themes: Vec<String>,
    pub link: String,
}

/// A checked file: its type, the name to download it under and its size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedFile {
    pub kind: FileType,
    pub name: String,
    pub size: usize,
}

/// What is shared: a link or a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Content {
    Link(String),
    File(CheckedFile),
}

/// A resource, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewResource {
    pub title: String,
    pub themes: Vec<i64>,
    pub content: Content,
}

impl ResourceForm {
    /// Checks the form against the themes; `file` is the chosen file, if any.
    /// Exactly one of a link and a file. A good file that comes back with other
    /// fields wrong gets `resource-error-file-again` at its field: a browser never
    /// keeps a chosen file, so the person must choose it again.
    pub fn parse(
        &self,
        themes: &[i64],
        file: Option<Upload<'_>>,
    ) -> Result<NewResource, Vec<FieldError>> {
        let mut errors = Vec::new();
        let title = match line(&self.title, MAX_LINE) {
            Ok(t) if t.is_empty() => {
                errors.push(FieldError::new("title", "resource-error-title-required"));
                String::new()
            }
            Ok(t) => t,
            Err(m) => {
                errors.push(FieldError::new("title", m));
                String::new()
            }
        };
        let mut chosen = Vec::new();
        for raw in &self.themes {
            match raw.trim().parse::<i64>() {
                Ok(id) if themes.contains(&id) => {
                    if !chosen.contains(&id) {
                        chosen.push(id);
                    }
                }
                _ => {
                    errors.push(FieldError::new("themes", "error-choice"));
                    break;
                }
            }
        }
        let link = self.link.trim();
        let content = match (link.is_empty(), file) {
            (true, None) => {
                errors.push(FieldError::new("link", "resource-error-link-or-file"));
                None
            }
            (false, Some(_)) => {
                errors.push(FieldError::new("file", "resource-error-both"));
                None
            }
            (false, None) => parse_url(link)
                .map_err(|m| errors.push(FieldError::new("link", m)))
                .ok()
                .map(Content::Link),
            (true, Some(upload)) => {
                let checked = if upload.too_large || upload.bytes.len() > MAX_FILE_BYTES {
                    Err("resource-error-file-too-large")
                } else {
                    sniff(upload.bytes, upload.name)
                };
                match checked {
                    Ok(kind) => Some(Content::File(CheckedFile {
                        kind,
                        name: download_name(upload.name, kind),
                        size: upload.bytes.len(),
                    })),
                    Err(m) => {
                        errors.push(FieldError::new("file", m));
                        None
                    }
                }
            }
        };
        match content {
            Some(content) if errors.is_empty() => Ok(NewResource {
                title,
                themes: chosen,
                content,
            }),
            Some(Content::File(_)) => {
                errors.push(FieldError::new("file", "resource-error-file-again"));
                Err(errors)
            }
            _ => Err(errors),
        }
    }
}

/// Whether someone inside the atelier may remove a resource: those who run it
/// always, a member the resources they shared themselves.
pub fn may_remove(standing: Standing, shared_it: bool) -> bool {
    match standing {
        Standing::Runs(_) => true,
        Standing::Member(_) => shared_it,
        Standing::Waiting(_) | Standing::Outside => false,
    }
}

#[cfg(test)]
mod tests;
