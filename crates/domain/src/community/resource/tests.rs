//! Unit tests of [`super`].

use super::*;
use crate::access::ActivityRole;
use crate::community::membership::{Level, MemberState};

/// A zip file with these entries stored (not compressed), as Office and
/// OpenDocument programs write them; the CRCs are not checked by [`sniff`].
pub(crate) fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let offset = out.len() as u32;
        let local = |out: &mut Vec<u8>| {
            out.extend_from_slice(b"PK\x03\x04");
            out.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            out.extend_from_slice(&0u32.to_le_bytes());
            out.extend_from_slice(&(data.len() as u32).to_le_bytes());
            out.extend_from_slice(&(data.len() as u32).to_le_bytes());
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes());
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(data);
        };
        local(&mut out);
        central.extend_from_slice(b"PK\x01\x02");
        central.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        central.extend_from_slice(&0u32.to_le_bytes());
        central.extend_from_slice(&(data.len() as u32).to_le_bytes());
        central.extend_from_slice(&(data.len() as u32).to_le_bytes());
        central.extend_from_slice(&(name.len() as u16).to_le_bytes());
        central.extend_from_slice(&[0; 12]);
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let start = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&start.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

fn ooxml(part: &str) -> Vec<u8> {
    zip(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("_rels/.rels", b"<Relationships/>"),
        (part, b"<x/>"),
    ])
}

fn odf(mimetype: &str) -> Vec<u8> {
    zip(&[
        ("mimetype", mimetype.as_bytes()),
        ("content.xml", b"<office:document-content/>"),
        ("META-INF/manifest.xml", b"<manifest/>"),
    ])
}

#[test]
fn types_are_read_from_the_content_not_the_name() {
    let cases: Vec<(Vec<u8>, &str, FileType)> = vec![
        (b"%PDF-1.7\n...".to_vec(), "verslag.exe", FileType::Pdf),
        (b"\x89PNG\r\n\x1a\n\0\0".to_vec(), "foto", FileType::Png),
        (
            b"\xFF\xD8\xFF\xE0\0\x10JFIF".to_vec(),
            "foto.png",
            FileType::Jpeg,
        ),
        (ooxml("word/document.xml"), "a.zip", FileType::Docx),
        (ooxml("xl/workbook.xml"), "a.docx", FileType::Xlsx),
        (ooxml("ppt/presentation.xml"), "a", FileType::Pptx),
        (
            odf("application/vnd.oasis.opendocument.text"),
            "a",
            FileType::Odt,
        ),
        (
            odf("application/vnd.oasis.opendocument.spreadsheet"),
            "a",
            FileType::Ods,
        ),
        (
            odf("application/vnd.oasis.opendocument.presentation"),
            "a",
            FileType::Odp,
        ),
        (
            "Agenda\n– punt één\r\n".as_bytes().to_vec(),
            "a.txt",
            FileType::Text,
        ),
        (b"naam;uren\nSanne;2\n".to_vec(), "Uren.CSV", FileType::Csv),
        (
            "\u{FEFF}met BOM".as_bytes().to_vec(),
            "a.txt",
            FileType::Text,
        ),
    ];
    for (bytes, name, kind) in cases {
        assert_eq!(sniff(&bytes, name), Ok(kind), "{name} as {kind:?}");
        assert_eq!(FileType::parse(kind.as_str()), Some(kind));
    }
}

#[test]
fn programs_markup_archives_and_macros_are_refused() {
    let refused: Vec<(Vec<u8>, &str)> = vec![
        (b"MZ\x90\0\x03\0\0\0\x04\0".to_vec(), "exe renamed .pdf"),
        (b"\x7fELF\x02\x01\x01".to_vec(), "ELF"),
        (b"<!DOCTYPE html><p>hoi".to_vec(), "HTML"),
        (
            b"  <html><script>alert(1)</script>".to_vec(),
            "HTML after spaces",
        ),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec(), "SVG"),
        (
            b"tekst\n<SCRIPT>alert(1)</SCRIPT>".to_vec(),
            "a script tag inside",
        ),
        (b"\xC3\x28 no UTF-8".to_vec(), "not UTF-8"),
        (b"nul\0byte".to_vec(), "a NUL byte"),
        (zip(&[("data.bin", b"\0\0")]), "a plain zip"),
        (
            zip(&[
                ("[Content_Types].xml", b"<Types/>"),
                ("word/document.xml", b"<x/>"),
                ("word/vbaProject.bin", b"\0"),
            ]),
            "docm with macros",
        ),
        (
            zip(&[
                ("mimetype", b"application/vnd.oasis.opendocument.text"),
                ("Basic/Standard/Module1.xml", b"<x/>"),
            ]),
            "odt with macros",
        ),
        (odf("application/x-something"), "another mimetype"),
        (b"PK\x03\x04broken".to_vec(), "a broken zip"),
        (ooxml("custom/part.xml"), "OOXML of no known kind"),
    ];
    for (bytes, what) in refused {
        assert_eq!(
            sniff(&bytes, "bestand.pdf"),
            Err("resource-error-file-type"),
            "{what}"
        );
    }
    assert_eq!(sniff(b"", "leeg.txt"), Err("resource-error-file-empty"));
}

#[test]
fn download_names_are_plain_and_carry_the_real_extension() {
    let cases = [
        (
            "Verslag bijeenkomst.pdf",
            FileType::Pdf,
            "Verslag-bijeenkomst.pdf",
        ),
        (
            "C:\\Users\\jan\\café één.docx",
            FileType::Docx,
            "cafe-een.docx",
        ),
        ("../../etc/passwd", FileType::Text, "passwd.txt"),
        ("virus.exe", FileType::Png, "virus.png"),
        ("\"quoted\";\r\nX: y.pdf", FileType::Pdf, "quoted-X-y.pdf"),
        ("...", FileType::Csv, "bestand.csv"),
        ("مريم.txt", FileType::Text, "bestand.txt"),
        (
            "Straße IJssel ĳs.odt",
            FileType::Odt,
            "Strasse-IJssel-ijs.odt",
        ),
        (".bashrc", FileType::Text, "bashrc.txt"),
    ];
    for (sent, kind, want) in cases {
        assert_eq!(download_name(sent, kind), want, "{sent}");
    }
    let long = download_name(&format!("{}.pdf", "a".repeat(500)), FileType::Pdf);
    assert_eq!(long.len(), MAX_FILE_NAME);
    assert!(long.ends_with("a.pdf"));
}

#[test]
fn links_are_web_addresses_with_a_host() {
    assert_eq!(
        parse_url(" https://www.movisie.nl/artikel?x=1#y "),
        Ok("https://www.movisie.nl/artikel?x=1#y".into())
    );
    assert!(parse_url("http://example.org").is_ok());
    for bad in [
        "javascript:alert(1)",
        "ftp://example.org/a",
        "https://",
        "https:///pad",
        "https://voorbeeld .nl",
        "www.example.org",
        "https://user@evil.example",
    ] {
        assert_eq!(parse_url(bad), Err("resource-error-link"), "{bad}");
    }
    assert_eq!(
        parse_url("https://a.nl/\u{202E}x"),
        Err("error-control-characters")
    );
    let long = format!("https://a.nl/{}", "x".repeat(MAX_URL));
    assert_eq!(parse_url(&long), Err("error-too-long"));
}

fn form(title: &str, link: &str) -> ResourceForm {
    ResourceForm {
        title: title.into(),
        themes: vec!["3".into(), "3".into()],
        link: link.into(),
    }
}

fn fields(result: Result<NewResource, Vec<FieldError>>) -> Vec<(String, &'static str)> {
    result
        .unwrap_err()
        .into_iter()
        .map(|e| (e.field, e.message))
        .collect()
}

#[test]
fn a_link_or_a_file_is_shared_with_its_title_and_themes() {
    let link = form(" Handreiking ", "https://example.org/h").parse(&[3, 4], None);
    assert_eq!(
        link,
        Ok(NewResource {
            title: "Handreiking".into(),
            themes: vec![3],
            content: Content::Link("https://example.org/h".into()),
        })
    );
    let upload = Upload {
        name: "Verslag.pdf",
        bytes: b"%PDF-1.4 ...",
        too_large: false,
    };
    let file = form("Verslag", "").parse(&[3], Some(upload)).unwrap();
    assert_eq!(
        file.content,
        Content::File(CheckedFile {
            kind: FileType::Pdf,
            name: "Verslag.pdf".into(),
            size: 12,
        })
    );
}

#[test]
fn exactly_one_of_link_and_file_and_every_field_at_its_place() {
    let pdf = Upload {
        name: "a.pdf",
        bytes: b"%PDF-1.4",
        too_large: false,
    };
    assert_eq!(
        fields(form("T", "").parse(&[3], None)),
        [("link".into(), "resource-error-link-or-file")]
    );
    assert_eq!(
        fields(form("T", "https://a.nl").parse(&[3], Some(pdf))),
        [("file".into(), "resource-error-both")]
    );
    // A good file with a wrong title: chosen again.
    assert_eq!(
        fields(form(&"x".repeat(10_000), "").parse(&[3], Some(pdf))),
        [
            ("title".into(), "error-too-long"),
            ("file".into(), "resource-error-file-again")
        ]
    );
    assert_eq!(
        fields(form("a\u{7}b", "geen link").parse(&[4], None)),
        [
            ("title".into(), "error-control-characters"),
            ("themes".into(), "error-choice"),
            ("link".into(), "resource-error-link")
        ]
    );
    assert_eq!(
        fields(form(" ", "https://a.nl").parse(&[3], None)),
        [("title".into(), "resource-error-title-required")]
    );
    let big = vec![b'a'; MAX_FILE_BYTES + 1];
    for (upload, message) in [
        (
            Upload {
                name: "groot.txt",
                bytes: &big,
                too_large: false,
            },
            "resource-error-file-too-large",
        ),
        (
            Upload {
                name: "groot.txt",
                bytes: b"a",
                too_large: true,
            },
            "resource-error-file-too-large",
        ),
        (
            Upload {
                name: "leeg.pdf",
                bytes: b"",
                too_large: false,
            },
            "resource-error-file-empty",
        ),
        (
            Upload {
                name: "pagina.txt",
                bytes: b"<html></html>",
                too_large: false,
            },
            "resource-error-file-type",
        ),
    ] {
        assert_eq!(
            fields(form("T", "").parse(&[3], Some(upload))),
            [("file".into(), message)],
            "{}",
            upload.name
        );
    }
    // Exactly at the limit is fine.
    let full = vec![b'a'; MAX_FILE_BYTES];
    let at_limit = Upload {
        name: "vol.txt",
        bytes: &full,
        too_large: false,
    };
    assert!(form("T", "").parse(&[3], Some(at_limit)).is_ok());
}

#[test]
fn the_sharer_and_those_who_run_it_may_remove() {
    let member = Standing::Member(Level::Meetings);
    assert!(may_remove(member, true));
    assert!(!may_remove(member, false));
    assert!(may_remove(Standing::Runs(ActivityRole::Kartrekker), false));
    assert!(may_remove(Standing::Runs(ActivityRole::Organiser), false));
    assert!(!may_remove(Standing::Waiting(MemberState::Requested), true));
    assert!(!may_remove(Standing::Outside, true));
}

#[test]
fn only_pdf_and_images_are_shown_inline() {
    let inline: Vec<_> = FileType::ALL.into_iter().filter(|t| t.inline()).collect();
    assert_eq!(inline, [FileType::Pdf, FileType::Png, FileType::Jpeg]);
    assert!(FileType::Text.content_type().starts_with("text/plain"));
}
