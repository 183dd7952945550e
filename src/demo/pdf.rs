//! A one-page PDF of plain text (Helvetica, A4), for the demo's shared files: small,
//! valid, and readable in any PDF viewer without a PDF library.

/// Characters per line before the text wraps.
const WIDTH: usize = 90;

/// The text as a PDF page; lines longer than [`WIDTH`] wrap at a space. Characters
/// outside Latin-1 become `?` (the standard font's encoding).
pub fn text_pdf(text: &str) -> Vec<u8> {
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > WIDTH {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    let mut content = b"BT /F1 11 Tf 56 786 Td 15 TL".to_vec();
    for line in &lines {
        content.extend_from_slice(b" (");
        for c in line.chars() {
            match c {
                '(' | ')' | '\\' => content.extend_from_slice(&[b'\\', c as u8]),
                c if u32::from(c) < 0x20 => content.push(b' '),
                c => content.push(u8::try_from(u32::from(c)).unwrap_or(b'?')),
            }
        }
        content.extend_from_slice(b") Tj T*");
    }
    content.extend_from_slice(b" ET");
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
          /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
            .to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
        [
            format!("<< /Length {} >>\nstream\n", content.len()).as_bytes(),
            &content,
            b"\nendstream",
        ]
        .concat(),
    ];
    let mut pdf = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (n, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n", n + 1).as_bytes());
        pdf.extend_from_slice(object);
        pdf.extend_from_slice(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pdf_points_at_its_own_objects() {
        let pdf = text_pdf("Verslag (kort)\n\nEén regel met é en een \\.");
        assert!(pdf.starts_with(b"%PDF-1.4"));
        assert!(pdf.ends_with(b"%%EOF\n"));
        let text = String::from_utf8_lossy(&pdf);
        let start: usize = text
            .rsplit("startxref\n")
            .next()
            .and_then(|t| t.lines().next())
            .unwrap()
            .parse()
            .unwrap();
        assert!(pdf[start..].starts_with(b"xref\n0 6\n"));
        // Every offset in the table starts its object.
        let table = std::str::from_utf8(&pdf[start..]).expect("the table is ASCII");
        for (n, line) in table.lines().skip(3).take(5).enumerate() {
            let offset: usize = line[..10].parse().unwrap();
            let want = format!("{} 0 obj", n + 1);
            assert!(pdf[offset..].starts_with(want.as_bytes()), "{want}");
        }
        assert!(text.contains("(Verslag \\(kort\\)) Tj"));
        assert!(pdf.windows(3).any(|w| w == b"\xE9n "), "é in WinAnsi");
    }
}
