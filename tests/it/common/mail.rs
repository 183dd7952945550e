//! Reading the `.eml` files the outbox worker writes.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use super::in_ci;

use super::TestApp;

/// An email as the outbox wrote it, with quoted-printable undone.
#[derive(Debug, Clone)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub raw: String,
}

impl Mail {
    pub fn manage_token(&self) -> Option<String> {
        let at = self.text.find("/aanmelding/")? + "/aanmelding/".len();
        Some(self.text[at..at + 43].to_owned())
    }
}

pub fn read_mails(app: &TestApp) -> Vec<Mail> {
    let Ok(dir) = std::fs::read_dir(app.outbox_dir()) else {
        return Vec::new();
    };
    let mut mails = Vec::new();
    for entry in dir.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "eml") {
            continue;
        }
        let raw = std::fs::read_to_string(&path).expect("eml is UTF-8");
        let header = |name: &str| {
            raw.lines()
                .find_map(|l| l.strip_prefix(&format!("{name}: ")))
                .unwrap_or_default()
                .to_owned()
        };
        let text = quoted_printable(&raw);
        mails.push(Mail {
            to: header("To"),
            subject: decode_words(&header("Subject")),
            text,
            raw: raw.clone(),
        });
    }
    mails
}

/// Undoes quoted-printable (soft line breaks and `=XX` bytes) in a whole message.
pub fn quoted_printable(raw: &str) -> String {
    let joined = raw.replace("=\r\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'='
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Undoes RFC 2047 encoded words (`=?utf-8?b?…?=`), as lettre writes non-ASCII subjects.
pub fn decode_words(header: &str) -> String {
    use base64::Engine;
    header
        .split(' ')
        .map(|word| {
            let inner = word
                .strip_prefix("=?utf-8?b?")
                .and_then(|w| w.strip_suffix("?="));
            match inner {
                Some(b64) => String::from_utf8(
                    base64::engine::general_purpose::STANDARD
                        .decode(b64)
                        .expect("base64 word"),
                )
                .expect("utf-8 word"),
                None => word.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Waits until `count` mails match `pred` (the worker runs in the background).
pub async fn wait_for_mails(
    app: &TestApp,
    count: usize,
    pred: impl Fn(&Mail) -> bool,
) -> Vec<Mail> {
    for _ in 0..200 {
        let found: Vec<Mail> = read_mails(app).into_iter().filter(|m| pred(m)).collect();
        if found.len() >= count {
            return found;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let all: Vec<(String, String)> = read_mails(app)
        .into_iter()
        .map(|m| (m.to, m.subject))
        .collect();
    panic!("expected {count} matching mails; the outbox holds {all:?}");
}

impl Mail {
    /// The 43-character token after `prefix` (e.g. `/inloggen/link/`) in the text part.
    pub fn token_after(&self, prefix: &str) -> Option<String> {
        let at = self.text.find(prefix)? + prefix.len();
        self.text.get(at..at + 43).map(str::to_owned)
    }
}

impl Mail {
    /// The body of the part with this Content-ID, base64-decoded.
    pub fn inline_part(&self, content_id: &str) -> Option<Vec<u8>> {
        use base64::Engine;
        let at = self.raw.find(&format!("Content-ID: <{content_id}>"))?;
        let rest = &self.raw[at..];
        let body = &rest[rest.find("\r\n\r\n")? + 4..];
        let encoded: String = body
            .lines()
            .take_while(|l| !l.starts_with("--") && !l.is_empty())
            .collect();
        base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .ok()
    }

    /// What the check-in QR code in this mail says, read from its PNG as a camera would.
    pub fn check_in_qr(&self) -> Option<String> {
        let png_bytes = self.inline_part("check-in-qr@samenleren")?;
        let mut decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
        decoder.set_transformations(png::Transformations::EXPAND);
        let mut reader = decoder.read_info().ok()?;
        let mut pixels = vec![0; reader.output_buffer_size()?];
        let info = reader.next_frame(&mut pixels).ok()?;
        let (w, h) = (info.width as usize, info.height as usize);
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| pixels[y * w + x]);
        let grids = image.detect_grids();
        grids.first()?.decode().ok().map(|(_, text)| text)
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Whether Python's aiosmtpd is there to play the SMTP server (required in CI).
pub fn aiosmtpd_available() -> bool {
    let available = Command::new("python3")
        .args(["-c", "import aiosmtpd"])
        .status()
        .is_ok_and(|s| s.success());
    if !available {
        assert!(!in_ci(), "python3 with aiosmtpd is required in CI");
        eprintln!("SKIPPED: python3 -m pip install aiosmtpd to run the SMTP test");
    }
    available
}

/// Starts `tests/support/smtp_sink.py` on `port`.
pub async fn smtp_sink(port: u16, dir: &Path) -> Child {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/smtp_sink.py");
    let mut child = Command::new("python3")
        .args([script, &port.to_string(), dir.to_str().unwrap()])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.as_mut().unwrap()),
        &mut line,
    )
    .unwrap();
    assert_eq!(line.trim(), "ready");
    child
}

impl Mail {
    /// The attached calendar file (its Content-Type line and body), when there is one.
    pub fn calendar(&self) -> Option<(String, String)> {
        use base64::Engine;
        let at = self.raw.find("Content-Type: text/calendar")?;
        let part = &self.raw[at..];
        let content_type = part.lines().next()?.to_owned();
        let (headers, rest) = part.split_once("\r\n\r\n")?;
        let body: String = rest.split("\r\n--").next()?.to_owned();
        let body = if headers.contains("Content-Transfer-Encoding: base64") {
            let encoded: String = body.lines().collect();
            String::from_utf8(
                base64::engine::general_purpose::STANDARD
                    .decode(encoded)
                    .ok()?,
            )
            .ok()?
        } else if headers.contains("quoted-printable") {
            quoted_printable(&body)
        } else {
            body
        };
        Some((content_type, body))
    }
}
